package planning

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Twenty thousand cameras across France become at most MaxDemandPoints
// cells; each camera lands in the cell that holds it, no farther from its
// cell's centre than the cell's diagonal, and every cell holds a camera.
func TestCoarsen(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	pts := make([]demandPoint, 20000)
	at := make([]int, len(pts)+1)
	for i := range pts {
		pts[i] = demandPoint{code: "c", at: orb.Point{-1.5 + 8.5*r.Float64(), 43.3 + 7.5*r.Float64()}}
		at[i] = i
	}
	at[len(pts)] = -1 // a camera outside every quartier stays outside
	orig := append([]demandPoint(nil), pts...)
	cells, side := coarsen(pts, at)
	if len(cells) > MaxDemandPoints || len(cells) < MaxDemandPoints/4 {
		t.Fatalf("%d cells of %.0f m", len(cells), side)
	}
	if at[len(pts)] != -1 {
		t.Fatalf("a camera without a point got cell %d", at[len(pts)])
	}
	held := make([]int, len(cells))
	for i, p := range orig {
		c := at[i]
		held[c]++
		if d := geo.Distance(p.at, cells[c].at); d > 1.5*side {
			t.Fatalf("camera %d is %.0f m from its cell's centre (side %.0f m)", i, d, side)
		}
	}
	for c, n := range held {
		if n == 0 {
			t.Fatalf("cell %d (%s) holds nothing", c, cells[c].code)
		}
	}
	// Few points: the side stays at the first size that fits.
	small := []demandPoint{{at: orb.Point{5.37, 43.2905}}, {at: orb.Point{5.3701, 43.2906}}, {at: orb.Point{5.40, 43.30}}}
	sat := []int{0, 1, 2}
	cells, side = coarsen(small, sat)
	if side != 250 || len(cells) != 2 || sat[0] != sat[1] || sat[0] == sat[2] {
		t.Fatalf("small: %d cells of %.0f m, %v", len(cells), side, sat)
	}
}
