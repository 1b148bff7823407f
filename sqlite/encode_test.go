package sqlite

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// encodeTags must write valid JSON, and what encoding/json writes for valid UTF-8.
func FuzzEncodeTags(f *testing.F) {
	f.Add("camera:direction", "350-10", "clairvoie:place", "Rue \"X\" \\ <y> & é\n\t")
	f.Add("a", "\x01\x1f", "b", "€ 𝄞")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		tags := map[string]string{k1: v1, k2: v2}
		want, err := json.Marshal(tags)
		if err != nil {
			t.Skip()
		}
		got := encodeTags(tags)
		var back map[string]string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("encodeTags(%q) = %s: not JSON: %v", tags, got, err)
		}
		if !utf8.ValidString(k1 + v1 + k2 + v2) {
			return // invalid UTF-8: replaced, as encoding/json does, though runs differently
		}
		var wantBack map[string]string
		json.Unmarshal(want, &wantBack)
		if len(back) != len(wantBack) {
			t.Fatalf("encodeTags(%q) decodes to %q, encoding/json's to %q", tags, back, wantBack)
		}
		for k, v := range wantBack {
			if back[k] != v {
				t.Fatalf("encodeTags(%q) decodes to %q, encoding/json's to %q", tags, back, wantBack)
			}
		}
	})
}
