package areas_test

import (
	"fmt"
	"math/rand/v2"
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

// The grid finds what a scan of every area finds, first match first, on
// overlapping squares, triangles and points on edges and outside.
func TestIndexAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var as []clairvoie.Area
	for i := 0; i < 400; i++ {
		x, y := r.Float64()*10, r.Float64()*5
		w, h := 0.05+r.Float64()*1.5, 0.05+r.Float64()*0.8
		var g orb.Geometry = square(x, y, x+w, y+h)
		if i%3 == 0 {
			g = orb.Polygon{{{x, y}, {x + w, y}, {x, y + h}, {x, y}}}
		}
		as = append(as, clairvoie.Area{Kind: clairvoie.AreaCommune, Code: fmt.Sprint(i), Geometry: g})
	}
	ix := areas.NewIndex(as)
	hits := 0
	for k := 0; k < 20000; k++ {
		p := orb.Point{-1 + r.Float64()*13, -1 + r.Float64()*7}
		if k%10 == 0 { // a vertex of some area
			p = as[r.IntN(len(as))].Geometry.Bound().Min
		}
		want, wok := clairvoie.Area{}, false
		for _, a := range as {
			if areas.Contains(a.Geometry, p) {
				want, wok = a, true
				break
			}
		}
		got, gok := ix.Find(clairvoie.AreaCommune, p)
		if gok != wok || got.Code != want.Code {
			t.Fatalf("%v: index %q %v, scan %q %v", p, got.Code, gok, want.Code, wok)
		}
		if gok {
			hits++
		}
	}
	if hits < 5000 {
		t.Fatalf("only %d points inside an area: the test does not test much", hits)
	}
	if _, ok := ix.Find(clairvoie.AreaQuartier, orb.Point{1, 1}); ok {
		t.Fatal("a kind without areas found one")
	}
}

func TestName(t *testing.T) {
	for _, tc := range []struct {
		kind       clairvoie.AreaKind
		code, want string
	}{
		{clairvoie.AreaCommune, "75056", "Paris"},
		{clairvoie.AreaCommune, "13055", "Marseille"},
		{clairvoie.AreaCommune, "06088", ""},
		{clairvoie.AreaArrondissement, "75101", "Paris 1er"},
		{clairvoie.AreaArrondissement, "75120", "Paris 20e"},
		{clairvoie.AreaArrondissement, "75121", ""},
		{clairvoie.AreaArrondissement, "69383", "Lyon 3e"},
		{clairvoie.AreaArrondissement, "13216", "Marseille 16e"},
		{clairvoie.AreaArrondissement, "13200", ""},
		{clairvoie.AreaArrondissement, "7510", ""},
		{clairvoie.AreaArrondissement, "+7510", ""},
		{clairvoie.AreaQuartier, "75101", ""},
	} {
		if got := areas.Name(tc.kind, tc.code); got != tc.want {
			t.Errorf("Name(%s, %q) = %q, want %q", tc.kind, tc.code, got, tc.want)
		}
	}
	if areas.CommuneOf("75118") != "75056" || areas.CommuneOf("13201") != "13055" || areas.CommuneOf("13217") != "" {
		t.Error("CommuneOf")
	}
}
