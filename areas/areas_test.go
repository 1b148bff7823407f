package areas_test

import (
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/areas"
	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func TestPlace(t *testing.T) {
	ix := areas.NewIndex([]clairvoie.Area{
		{Kind: clairvoie.AreaCommune, Code: "13055", Geometry: square(0, 0, 2, 1)},
		{Kind: clairvoie.AreaArrondissement, Code: "13201", Parent: "13055", Geometry: square(0, 0, 1, 1)},
		{Kind: clairvoie.AreaArrondissement, Code: "13202", Parent: "13055", Geometry: orb.MultiPolygon{square(1, 0, 2, 1)}},
		{Kind: clairvoie.AreaQuartier, Code: "q1", Parent: "13201", Geometry: square(0, 0, 0.5, 0.5)},
	})
	for _, tc := range []struct {
		at                  orb.Point
		commune, arr, quart string
		found               bool
	}{
		{orb.Point{0.25, 0.25}, "13055", "13201", "q1", true},
		{orb.Point{0.75, 0.75}, "13055", "13201", "", true},
		{orb.Point{1.5, 0.5}, "13055", "13202", "", true},
		{orb.Point{3, 3}, "", "", "", false},
	} {
		c := clairvoie.Camera{Location: tc.at}
		found := ix.Place(&c)
		if found != tc.found || c.Commune != tc.commune || c.Arrondissement != tc.arr || c.Quartier != tc.quart {
			t.Errorf("%v: got %v %q %q %q, want %v %q %q %q", tc.at, found, c.Commune, c.Arrondissement, c.Quartier, tc.found, tc.commune, tc.arr, tc.quart)
		}
	}
	// A stated arrondissement is kept.
	c := clairvoie.Camera{Location: orb.Point{0.25, 0.25}, Arrondissement: "75101"}
	ix.Place(&c)
	if c.Arrondissement != "75101" {
		t.Errorf("a stated arrondissement was overwritten: %q", c.Arrondissement)
	}
	if !areas.NewIndex(nil).Empty() || ix.Empty() {
		t.Errorf("Empty is wrong")
	}
}
