package clairvoie_test

import (
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// The forms issue 14 found slipping past the screen: each must now be
// refused, by value, whatever the key; and the public names it lists must
// pass.
func TestScreenRefusesWhatSlippedThrough(t *testing.T) {
	refused := map[string][]string{
		"operator": {"Jean Dupont 06 12 34 56 78", "jean.dupont@mairie.fr", "Jean Dupont", "M. Dupont", "Mme X",
			"Monique DURAND"},
		"contact":         {"06/12/34/56/78", "06.12.34.56.78", "0033 6 12 34 56 78", "+44 20 7946 0958", "+33 (0)6 12 34 56 78"},
		"clairvoie:place": {"devant chez Dupont", "chez Mme X", "jean.dupont [at] gmail.com", "jean.dupont(at)gmail.com", "jean.dupont＠gmail.com"},
		"programme":       {"Suivi par Julie Girard", "1234 AB 13", "véhicule 1234 AB 13 garé", "2 93 12 13 004 123 82", "FR76 3000 6000 0112 3456 7890 189"},
		"survey:source":   {"AB-123-CD", "voiture ab-123-cd"},
	}
	for key, values := range refused {
		for _, v := range values {
			pe := clairvoie.ScreenField(key, v, nil)
			if pe == nil {
				t.Errorf("%s = %q: accepted, want it refused", key, v)
				continue
			}
			if strings.Contains(pe.Error(), v) {
				t.Errorf("%s = %q: the refusal echoes the value: %v", key, v, pe)
			}
		}
	}
	for _, v := range []string{"Place Jean Jaurès", "Parvis de l'école Jean Moulin", "Avenue Jean Jaurès / Rue Saint-Ferréol",
		"Ville de Marseille", "Lycée Marie Curie", "Rue Monsieur le Prince", "-3.5", "-", "OM – Nancy (heure et affluence supposées)"} {
		for _, key := range []string{"operator", "clairvoie:place"} {
			if pe := clairvoie.ScreenField(key, v, nil); pe != nil {
				t.Errorf("%s = %q: refused (%v), want it accepted", key, v, pe)
			}
		}
	}
}

// A clerk's review file accepts an exact name, never a contact, and the
// import says how many values it accepted.
func TestReviewFile(t *testing.T) {
	rv, err := clairvoie.ReadReviewed(strings.NewReader("# stations of the metro\nJean Jaurès\n06 12 34 56 78\n\n"), "review.txt")
	if err != nil {
		t.Fatal(err)
	}
	if pe := clairvoie.ScreenField("clairvoie:place", "Jean Jaurès", nil); pe == nil || !pe.Reviewable {
		t.Fatalf("without review: got %v, want a reviewable refusal", pe)
	}
	if pe := clairvoie.ScreenField("clairvoie:place", "Jean Jaurès", rv); pe != nil {
		t.Errorf("with review: got %v, want it accepted", pe)
	}
	if pe := clairvoie.ScreenField("clairvoie:place", "Jean Dupont", rv); pe == nil {
		t.Errorf("a name the review does not list: accepted, want it refused")
	}
	if pe := clairvoie.ScreenField("operator", "06 12 34 56 78", rv); pe == nil || pe.Reviewable {
		t.Errorf("a phone number listed in a review file: got %v, want it refused and not reviewable", pe)
	}
	if got := rv.Accepted(); got != 1 {
		t.Errorf("Accepted() = %d, want 1", got)
	}
	if r := rv.Review(); r.File != "review.txt" || r.Values != 2 || len(r.SHA256) != 64 {
		t.Errorf("Review() = %+v", r)
	}
	opts := clairvoie.ReadOptions{File: "list.csv", Reviewed: rv}
	if _, _, err := opts.DecodeRecord(clairvoie.RecordAt{Line: 2}, "r1", orb.Point{5, 43}, map[string]string{"clairvoie:place": "Jean Jaurès"}); err != nil {
		t.Errorf("DecodeRecord with the review: %v", err)
	}
}

// Values a spreadsheet would run, text that is not UTF-8, control and
// bidirectional characters and oversized values are refused at import,
// with the field and without the value.
func TestDecodeRecordRefusesHostileText(t *testing.T) {
	opts := clairvoie.ReadOptions{File: "list.csv"}
	for name, tc := range map[string]struct {
		tags map[string]string
		want string
	}{
		"formula":         {map[string]string{"clairvoie:place": "=HYPERLINK(\"http://x\",\"clic\")"}, "formula"},
		"formula plus":    {map[string]string{"ref": "+cmd|' /C calc'!A0"}, "formula"},
		"formula at":      {map[string]string{"operator": "@SUM(1+1)"}, "formula"},
		"windows-1252":    {map[string]string{"clairvoie:place": "Pr\xe9fecture"}, "Windows-1252"},
		"control":         {map[string]string{"clairvoie:place": "Rue\x00Paradis"}, "control"},
		"bidi":            {map[string]string{"clairvoie:place": "Rue \u202eesidaraP"}, "bidirectional"},
		"too long":        {map[string]string{"clairvoie:place": strings.Repeat("a", 1001)}, "at most 1000 bytes"},
		"too many fields": {manyTags(501), "at most 500 fields"},
	} {
		_, _, err := opts.DecodeRecord(clairvoie.RecordAt{Line: 4}, "r1", orb.Point{5, 43}, tc.tags)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "list.csv:4") {
			t.Errorf("%s: got %v, want an error at list.csv:4 saying %q", name, err, tc.want)
		}
	}
	for _, ok := range []string{"-3.5", "-", "+", "Rue de Rome"} {
		if _, _, err := opts.DecodeRecord(clairvoie.RecordAt{Line: 4}, "r1", orb.Point{5, 43}, map[string]string{"camera:tilt": "-30", "clairvoie:place": ok}); err != nil {
			t.Errorf("%q: %v, want it accepted", ok, err)
		}
	}
}

func manyTags(n int) map[string]string {
	m := map[string]string{}
	for i := 0; i < n; i++ {
		m["k"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26))] = "v"
	}
	return m
}

// An error about a value never shows it when it looks personal.
func TestImportErrorHidesPersonalValues(t *testing.T) {
	e := &clairvoie.ImportError{File: "f.csv", Line: 3, Field: "date", Value: "Jean Dupont 06 12 34 56 78", Expected: "a date"}
	if msg := e.Error(); strings.Contains(msg, "Dupont") || strings.Contains(msg, "06 12") || !strings.Contains(msg, "not shown") {
		t.Errorf("got %q, want the value hidden", msg)
	}
}

func FuzzScreenText(f *testing.F) {
	for _, s := range []string{"Jean Dupont", "06 12 34 56 78", "a@b.fr", "Place Jean Jaurès", "FR76 3000 6000 0112 3456 7890 189",
		"1 85 05 78 006 084 91", "AB-123-CD", "M. & K.", "J.-M. Jacquard", "chez", "-", ",Jean", "Dupont, Jean"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, bad := clairvoie.ScreenText(s, true)
		b, bad2 := clairvoie.ScreenText(s, true)
		if bad != bad2 || a != b {
			t.Fatalf("ScreenText(%q) not deterministic", s)
		}
		if bad && a.Reason == "" {
			t.Fatalf("ScreenText(%q): refused without a reason", s)
		}
	})
}
