package clairvoie_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
)

func TestVocabularies(t *testing.T) {
	for _, v := range clairvoie.Vocabularies {
		if !slices.Contains(clairvoie.CanonicalKeys(), v.Key) {
			t.Errorf("%s: not a key the registry keeps", v.Key)
		}
		if !strings.HasPrefix(v.Source, "https://wiki.openstreetmap.org/") {
			t.Errorf("%s: source %q", v.Key, v.Source)
		}
		for value, l := range v.Values {
			if l[0] == "" || l[1] == "" {
				t.Errorf("%s=%s: a label is missing", v.Key, value)
			}
		}
	}
	if l, ok := clairvoie.Label("camera:mount", "pole", "fr"); !ok || l != "mât" {
		t.Errorf("pole in French: %q %v", l, ok)
	}
	if l, ok := clairvoie.Label("camera:mount", "gargoyle", "fr"); ok || l != "gargoyle" {
		t.Errorf("an unknown value: %q %v", l, ok)
	}
}
