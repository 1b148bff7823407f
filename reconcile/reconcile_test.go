package reconcile_test

import (
	"reflect"
	"sort"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/reconcile"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// metres east of (5.37, 43.29), roughly: 1 m ≈ 1.236e-5° of longitude there.
func at(id int64, metresEast float64) *clairvoie.Camera {
	return &clairvoie.Camera{ID: id, SourceRef: string(rune('a' + id)), Location: orb.Point{5.37 + metresEast*1.2355e-5, 43.29}}
}

func TestMatchNearestFirstOneToOne(t *testing.T) {
	// a1 at 0 m, a2 at 30 m; b1 at 10 m, b2 at 26 m, b3 at 500 m.
	// Nearest first: a2–b2 (4 m), then a1–b1 (10 m); b3 is alone.
	a := []*clairvoie.Camera{at(1, 0), at(2, 30)}
	b := []*clairvoie.Camera{at(11, 10), at(12, 26), at(13, 500)}
	res := reconcile.Match(a, b, reconcile.Options{})
	if res.Matched != 2 || res.OnlyA != 0 || res.OnlyB != 1 || res.OnlyInB[0].ID != 13 {
		t.Fatalf("got matched %d, only A %d, only B %d (%v)", res.Matched, res.OnlyA, res.OnlyB, res.OnlyInB)
	}
	pairs := map[int64]int64{}
	for _, p := range res.Pairs {
		pairs[p.A.ID] = p.B.ID
	}
	if pairs[1] != 11 || pairs[2] != 12 {
		t.Errorf("pairs: got %v, want 1→11, 2→12", pairs)
	}
	if res.Distance.Max < 9.5 || res.Distance.Max > 10.5 {
		t.Errorf("max distance: got %v m, want about 10", res.Distance.Max)
	}
}

func TestMatchGreedyTakesTheClosestPairFirst(t *testing.T) {
	// b1 is 5 m from a1 and 3 m from a2: a2 gets it, a1 takes b2 at 20 m.
	a := []*clairvoie.Camera{at(1, 0), at(2, 8)}
	b := []*clairvoie.Camera{at(11, 5), at(12, -20)}
	res := reconcile.Match(a, b, reconcile.Options{Within: 25})
	got := map[int64]int64{}
	for _, p := range res.Pairs {
		got[p.A.ID] = p.B.ID
	}
	if got[2] != 11 || got[1] != 12 {
		t.Errorf("got %v, want 2→11 and 1→12", got)
	}
}

func TestMatchRadiusAndDifferences(t *testing.T) {
	a, b := at(1, 0), at(11, 24)
	a.Type, b.Type = clairvoie.CameraDome, clairvoie.CameraFixed
	a.Operator, b.Operator = "Ville", "Ville"
	a.Place, b.Place = "x", "y" // places are not compared
	res := reconcile.Match([]*clairvoie.Camera{a}, []*clairvoie.Camera{b}, reconcile.Options{Within: 25})
	if res.Matched != 1 || len(res.Pairs[0].Differences) != 1 || res.Pairs[0].Differences[0].Key != "camera:type" || res.ByKey["camera:type"] != 1 {
		t.Fatalf("got %+v", res)
	}
	res = reconcile.Match([]*clairvoie.Camera{a}, []*clairvoie.Camera{b}, reconcile.Options{Within: 20})
	if res.Matched != 0 || res.OnlyA != 1 || res.OnlyB != 1 {
		t.Fatalf("within 20 m: got %+v, want no match", res)
	}
}

func TestMatchAgreesWithBruteForce(t *testing.T) {
	// The grid must find every pair a brute-force search finds.
	var a, b []*clairvoie.Camera
	for i := 0; i < 200; i++ {
		a = append(a, &clairvoie.Camera{ID: int64(i + 1), Location: orb.Point{5.37 + float64(i%20)*0.0003, 43.29 + float64(i/20)*0.0002}})
		b = append(b, &clairvoie.Camera{ID: int64(i + 1001), Location: orb.Point{5.37 + float64(i%20)*0.0003 + 0.00011*float64(i%3), 43.29 + float64(i/20)*0.0002 + 0.00007}})
	}
	res := reconcile.Match(a, b, reconcile.Options{Within: 25})
	if res.Matched+res.OnlyA != len(a) || res.Matched+res.OnlyB != len(b) {
		t.Fatalf("counts do not add up: %+v", res)
	}
	for _, p := range res.Pairs {
		if p.Distance > 25 {
			t.Errorf("pair %d–%d at %v m, over the radius", p.A.ID, p.B.ID, p.Distance)
		}
	}
	// Brute force: every pair, sorted by distance, taken greedily.
	type cand struct {
		i, j int
		d    float64
	}
	var all []cand
	for i := range a {
		for j := range b {
			if d := geo.DistanceHaversine(a[i].Location, b[j].Location); d <= 25 {
				all = append(all, cand{i, j, d})
			}
		}
	}
	sort.Slice(all, func(x, y int) bool {
		if all[x].d != all[y].d {
			return all[x].d < all[y].d
		}
		if all[x].i != all[y].i {
			return all[x].i < all[y].i
		}
		return all[x].j < all[y].j
	})
	usedA, usedB := map[int]bool{}, map[int]bool{}
	want := map[int64]int64{}
	for _, c := range all {
		if !usedA[c.i] && !usedB[c.j] {
			usedA[c.i], usedB[c.j] = true, true
			want[a[c.i].ID] = b[c.j].ID
		}
	}
	got := map[int64]int64{}
	for _, p := range res.Pairs {
		got[p.A.ID] = p.B.ID
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("grid matching differs from brute force: got %d pairs, want %d", len(got), len(want))
	}
}
