package fibre

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// grid is a bucket index of points on a square grid of about cell metres,
// for the nearest-node queries of a street graph (tens of thousands of
// nodes: a scan per query would be quadratic).
type grid struct {
	pts     []orb.Point
	cell    float64 // metres
	kx, ky  float64 // metres per degree of longitude and latitude near the points
	buckets map[[2]int][]int
}

// newGrid makes an empty index whose cells are about cell metres wide near
// latitude lat.
func newGrid(cell, lat float64) *grid {
	return &grid{cell: cell, ky: 110540, kx: 111320 * math.Cos(lat*math.Pi/180), buckets: map[[2]int][]int{}}
}

// add indexes p and returns its index.
func (g *grid) add(p orb.Point) int {
	k := g.key(p)
	g.buckets[k] = append(g.buckets[k], len(g.pts))
	g.pts = append(g.pts, p)
	return len(g.pts) - 1
}

func (g *grid) key(p orb.Point) [2]int {
	return [2]int{int(math.Floor(p[0] * g.kx / g.cell)), int(math.Floor(p[1] * g.ky / g.cell))}
}

// ring calls fn with the points of the cells at Chebyshev distance k from c.
func (g *grid) ring(c [2]int, k int, fn func(i int)) {
	for dx := -k; dx <= k; dx++ {
		for dy := -k; dy <= k; dy++ {
			if max(abs(dx), abs(dy)) != k {
				continue
			}
			for _, i := range g.buckets[[2]int{c[0] + dx, c[1] + dy}] {
				fn(i)
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// within returns the points at most r metres from p.
func (g *grid) within(p orb.Point, r float64) []int {
	var out []int
	c := g.key(p)
	for k := 0; k <= int(math.Ceil(r/g.cell))+1; k++ {
		g.ring(c, k, func(i int) {
			if geo.DistanceHaversine(p, g.pts[i]) <= r {
				out = append(out, i)
			}
		})
	}
	return out
}

// nearest returns the point nearest p and its distance (-1 when empty).
func (g *grid) nearest(p orb.Point) (int, float64) {
	best, bd := -1, math.Inf(1)
	if len(g.pts) == 0 {
		return -1, bd
	}
	c := g.key(p)
	// A point in ring k is at least (k-1) cells away; the projection is off
	// by well under a cell at city scale, hence one ring of margin.
	// Far from every point, a scan beats ever wider rings.
	try := func(i int) {
		if d := geo.DistanceHaversine(p, g.pts[i]); d < bd || (d == bd && i < best) {
			best, bd = i, d
		}
	}
	for k := 0; k < 64; k++ {
		if best >= 0 && float64(k-2)*g.cell > bd {
			return best, bd
		}
		g.ring(c, k, try)
	}
	best, bd = -1, math.Inf(1)
	for i := range g.pts {
		try(i)
	}
	return best, bd
}
