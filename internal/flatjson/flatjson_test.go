package flatjson_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/clairvoie/clairvoie/internal/flatjson"
)

func TestRoundTrip(t *testing.T) {
	m := map[string]string{"camera:direction": "350-10", "clairvoie:place": "Rue \"X\" \\ <é> & 𝄞", "ctl": "\x01\n\t", "": ""}
	b := flatjson.Encode(m)
	want, _ := json.Marshal(m)
	var a, w map[string]string
	json.Unmarshal(b, &a)
	json.Unmarshal(want, &w)
	if !reflect.DeepEqual(a, w) {
		t.Fatalf("Encode = %s, encoding/json = %s", b, want)
	}
	got, err := flatjson.Decode(b)
	if err != nil || !reflect.DeepEqual(got, m) {
		t.Fatalf("Decode(Encode(m)) = %v, %v; want %v", got, err, m)
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"a":1}`, `{"a":"b",}`, `{"a" "b"}`, `{"a":"b"} x`, `{"a":"\q"}`, `{"a":"b`, `{a:"b"}`} {
		if m, err := flatjson.Decode([]byte(in)); err == nil {
			t.Errorf("Decode(%q) = %v, want an error", in, m)
		}
	}
}

// Decode agrees with encoding/json on every input encoding/json reads as an
// object of strings, and Encode's output reads back through both.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":"b"}`, ` { "a" : "\u00e9\ud834\udd1e" , "b":"\"\\\/\b\f\n\r\t" } `, `{"a":"b","a":"c"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var want map[string]string
		wantErr := json.Unmarshal(b, &want)
		got, err := flatjson.Decode(b)
		if wantErr == nil && want != nil {
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("Decode(%q) = %v, %v; encoding/json: %v", b, got, err, want)
			}
		}
		if err == nil && (wantErr != nil || want == nil) && utf8.Valid(b) {
			t.Fatalf("Decode(%q) accepted what encoding/json refuses (%v)", b, wantErr)
		}
		if err == nil {
			again, err := flatjson.Decode(flatjson.Encode(got))
			if err != nil || !reflect.DeepEqual(again, got) {
				t.Fatalf("Decode(Encode(%v)) = %v, %v", got, again, err)
			}
		}
	})
}
