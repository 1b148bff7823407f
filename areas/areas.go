// Package areas places cameras in the administrative areas that contain
// them (commune, arrondissement municipal, quartier), by point-in-polygon
// on the boundaries held in the workspace. It is pure: areas in, codes out.
package areas

import (
	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Index finds the areas containing a point.
type Index struct {
	byKind map[clairvoie.AreaKind][]entry
}

type entry struct {
	area  clairvoie.Area
	bound orb.Bound
}

// NewIndex indexes areas by kind.
func NewIndex(areas []clairvoie.Area) *Index {
	ix := &Index{byKind: map[clairvoie.AreaKind][]entry{}}
	for _, a := range areas {
		if a.Geometry == nil {
			continue
		}
		ix.byKind[a.Kind] = append(ix.byKind[a.Kind], entry{area: a, bound: a.Geometry.Bound()})
	}
	return ix
}

// Find returns the area of the given kind containing p, or false.
func (ix *Index) Find(kind clairvoie.AreaKind, p orb.Point) (clairvoie.Area, bool) {
	for _, e := range ix.byKind[kind] {
		if !e.bound.Contains(p) {
			continue
		}
		if Contains(e.area.Geometry, p) {
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
