// Package areas places cameras in the administrative areas that contain
// them (commune, arrondissement municipal, quartier), by point-in-polygon
// on the boundaries held in the workspace. It is pure: areas in, codes out.
package areas

import (
	"math"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Index finds the areas containing a point. Each kind has a uniform grid over
// its areas' extent, about one cell per area, listing the areas whose bounding
// box meets the cell: a lookup tests the few areas of one cell, not all
// 35,000 communes of France.
type Index struct {
	byKind map[clairvoie.AreaKind]*grid
}

type entry struct {
	area  clairvoie.Area
	bound orb.Bound
}

type grid struct {
	entries []entry
	bound   orb.Bound
	nx, ny  int
	cellW   float64
	cellH   float64
	cells   [][]int32 // entry positions, in the areas' order
}

// NewIndex indexes areas by kind.
func NewIndex(areas []clairvoie.Area) *Index {
	ix := &Index{byKind: map[clairvoie.AreaKind]*grid{}}
	for _, a := range areas {
		if a.Geometry == nil {
			continue
		}
		g := ix.byKind[a.Kind]
		if g == nil {
			g = &grid{}
			ix.byKind[a.Kind] = g
		}
		g.entries = append(g.entries, entry{area: a, bound: a.Geometry.Bound()})
	}
	for _, g := range ix.byKind {
		g.build()
	}
	return ix
}

func (g *grid) build() {
	g.bound = g.entries[0].bound
	for _, e := range g.entries[1:] {
		g.bound = g.bound.Union(e.bound)
	}
	side := max(1, int(math.Ceil(math.Sqrt(float64(len(g.entries))))))
	g.nx, g.ny = side, side
	g.cellW = (g.bound.Max[0] - g.bound.Min[0]) / float64(g.nx)
	g.cellH = (g.bound.Max[1] - g.bound.Min[1]) / float64(g.ny)
	g.cells = make([][]int32, g.nx*g.ny)
	for i, e := range g.entries {
		x0, y0 := g.cell(e.bound.Min)
		x1, y1 := g.cell(e.bound.Max)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				g.cells[y*g.nx+x] = append(g.cells[y*g.nx+x], int32(i))
			}
		}
	}
}

// cell returns the grid cell of a point of the extent (clamped to it).
func (g *grid) cell(p orb.Point) (int, int) {
	at := func(v, lo, w float64, n int) int {
		if w <= 0 {
			return 0
		}
		return min(n-1, max(0, int((v-lo)/w)))
	}
	return at(p[0], g.bound.Min[0], g.cellW, g.nx), at(p[1], g.bound.Min[1], g.cellH, g.ny)
}

// Find returns the area of the given kind containing p, or false. When areas
// overlap, the first one given to NewIndex wins.
func (ix *Index) Find(kind clairvoie.AreaKind, p orb.Point) (clairvoie.Area, bool) {
	g := ix.byKind[kind]
	if g == nil || !g.bound.Contains(p) {
		return clairvoie.Area{}, false
	}
	x, y := g.cell(p)
	for _, i := range g.cells[y*g.nx+x] {
		e := &g.entries[i]
		if e.bound.Contains(p) && Contains(e.area.Geometry, p) {
			return e.area, true
		}
	}
	return clairvoie.Area{}, false
}

// Contains reports whether a Polygon or MultiPolygon contains p.
func Contains(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return false
}

// Place fills in the commune, arrondissement and quartier of a camera that
// does not state them, and reports whether the index holds an area
// containing it.
func (ix *Index) Place(c *clairvoie.Camera) bool {
	found := false
	if a, ok := ix.Find(clairvoie.AreaQuartier, c.Location); ok {
		found = true
		if c.Quartier == "" {
			c.Quartier = a.Code
		}
		if c.Arrondissement == "" {
			c.Arrondissement = a.Parent
		}
	}
	if a, ok := ix.Find(clairvoie.AreaArrondissement, c.Location); ok {
		found = true
		if c.Arrondissement == "" {
			c.Arrondissement = a.Code
		}
		if c.Commune == "" {
			c.Commune = a.Parent
		}
	}
	if a, ok := ix.Find(clairvoie.AreaCommune, c.Location); ok {
		found = true
		if c.Commune == "" {
			c.Commune = a.Code
		}
	}
	return found
}

// Empty reports whether the index holds no area.
func (ix *Index) Empty() bool { return len(ix.byKind) == 0 }
