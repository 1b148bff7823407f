package fibre

import (
	"math"
	"testing"

	"github.com/clairvoie/clairvoie/internal/splitmix"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// The grid answers as a scan of every point does.
func TestGridAgainstScan(t *testing.T) {
	rng := &splitmix.Rand{S: 7}
	g := newGrid(60, 43.3)
	for i := 0; i < 2000; i++ {
		g.add(orb.Point{5.3 + 0.1*rng.Float(), 43.25 + 0.1*rng.Float()})
	}
	for q := 0; q < 500; q++ {
		// Some queries far outside the points, to reach the scan fallback.
		spread := 0.12
		if q%50 == 0 {
			spread = 3
		}
		p := orb.Point{5.35 + spread*(rng.Float()-0.5), 43.3 + spread*(rng.Float()-0.5)}
		best, bd := -1, math.Inf(1)
		var near []int
		for i, x := range g.pts {
			d := geo.DistanceHaversine(p, x)
			if d < bd {
				best, bd = i, d
			}
			if d <= 150 {
				near = append(near, i)
			}
		}
		if i, d := g.nearest(p); i != best || d != bd {
			t.Fatalf("nearest(%v) = %d at %.1f m, scan %d at %.1f m", p, i, d, best, bd)
		}
		if got := g.within(p, 150); len(got) != len(near) {
			t.Fatalf("within(%v, 150) = %d points, scan %d", p, len(got), len(near))
		}
	}
}
