package clairvoie_test

import (
	"reflect"
	"testing"

	"github.com/clairvoie/clairvoie"
)

// The canonical form is a fixed point: reading what Tags wrote gives the
// same tags, whatever was read first.
func FuzzCameraFromTags(f *testing.F) {
	f.Add("camera:direction", "350-10", "height", "6 m")
	f.Add("camera:angle", "30", "clairvoie:purposes", "5;1")
	f.Add("direction", "NNO", "clairvoie:authorisation_date", "2021-02")
	f.Add("camera:tilt", "-90", "start_date", "2019")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		c, _ := clairvoie.CameraFromTags(map[string]string{k1: v1, k2: v2})
		once := c.Tags()
		again, probs := clairvoie.CameraFromTags(once)
		if twice := again.Tags(); !reflect.DeepEqual(once, twice) {
			t.Fatalf("not a fixed point:\n once %v\ntwice %v\nproblems %v", once, twice, probs)
		}
	})
}

func FuzzParseDirection(f *testing.F) {
	for _, s := range []string{"90", "-10", "NE", "350-10", "0-360", "1e3", "SSO-N"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := clairvoie.ParseDirection(s)
		if err != nil {
			return
		}
		if d.Degrees < 0 || d.Degrees >= 360 || d.FOV < 0 || d.FOV > 360 {
			t.Fatalf("ParseDirection(%q) = %+v: out of range", s, d)
		}
		back, err := clairvoie.ParseDirection(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDirection(%q) = %+v → %q → %+v, %v", s, d, d.String(), back, err)
		}
	})
}

// Stored counts by hour read back as written, and what is read is well
// formed: hours 0–23 once each, counts above zero.
func FuzzParseHours(f *testing.F) {
	f.Add("18:1,21:2")
	f.Add("0:1,23:2147483647")
	f.Add("5:1,5:2")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := clairvoie.ParseHours(s)
		if err != nil {
			return
		}
		for _, n := range h {
			if n < 0 {
				t.Fatalf("%q: a negative count", s)
			}
		}
		again, err := clairvoie.ParseHours(h.String())
		if err != nil || again != h {
			t.Fatalf("%q: %v read back as %v (%v)", s, h, again, err)
		}
	})
}
