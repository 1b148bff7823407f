package osm

import (
	"context"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Place is a public site mapped in OpenStreetMap: a node, or a way drawn
// around the building or its grounds, placed at the mean of its nodes.
type Place struct {
	Ref      string    `json:"ref"` // node/… or way/…
	Name     string    `json:"name"`
	Amenity  string    `json:"amenity"`
	Location orb.Point `json:"location"`
}

// PublicAmenities are the amenity=* values of the public sites the fibre
// issue names (libraries, schools, social centres) and their near kin.
var PublicAmenities = []string{"library", "school", "kindergarten", "college", "university",
	"community_centre", "social_centre", "social_facility", "townhall"}

// HighwayStreets are the highway=* values along which a trench can run: the
// roads of a town, not motorways (no trench along them) nor paths.
var HighwayStreets = []string{"trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
	"tertiary", "tertiary_link", "unclassified", "residential", "living_street", "pedestrian", "service", "road"}

// scan hands every element of an .osm or .osm.pbf file to fn.
func scan(ctx context.Context, r io.Reader, file string, pbf bool, fn func(*object) error) error {
	if !pbf {
		_, err := scanXML(ctx, r, file, fn)
		return err
	}
	_, err := scanPBF(ctx, r, file, fn)
	return err
}

// nodeTable keeps every node's position, since ways, which come after the
// nodes in an OpenStreetMap file, refer to them by id.
type nodeTable map[int64]orb.Point

func (t nodeTable) add(o *object) {
	if o.kind == "node" {
		t[o.id] = o.pos
	}
}

func set(values []string) map[string]bool {
	m := map[string]bool{}
	for _, v := range values {
		m[v] = true
	}
	return m
}

// ReadPlaces reads the nodes and ways tagged amenity=one of amenities, by
// ref (a place mapped twice, as a node inside its building's way of the
// same amenity, is kept once: the node). A place without a name is named after its amenity and ref. A
// way whose nodes are not in the file is reported as a warning, not read;
// so are relations (multipolygon grounds), which are not read.
func ReadPlaces(ctx context.Context, r io.Reader, file string, pbf bool, amenities []string) ([]Place, []clairvoie.ImportWarning, error) {
	want := set(amenities)
	nodes := nodeTable{}
	var (
		places []Place
		warns  []clairvoie.ImportWarning
		rings  = map[string]orb.Ring{} // ways that are places, by ref
	)
	err := scan(ctx, r, file, pbf, func(o *object) error {
		nodes.add(o)
		a := o.tags.Find("amenity")
		if !want[a] {
			return nil
		}
		p := Place{Amenity: a, Name: o.tags.Find("name")}
		switch o.kind {
		case "node":
			p.Ref, p.Location = NodeRef(o.id), o.pos
			if !valid(o.pos) {
				return badPosition(file, o.line, p.Ref)
			}
		case "way":
			p.Ref = "way/" + strconv.FormatInt(o.id, 10)
			refs := o.refs
			if len(refs) > 1 && refs[0] == refs[len(refs)-1] {
				refs = refs[:len(refs)-1] // a closed ring repeats its first node
			}
			var sum orb.Point
			var ring orb.Ring
			for _, id := range refs {
				q, ok := nodes[id]
				if !ok {
					warns = append(warns, clairvoie.ImportWarning{Line: o.line, Feature: p.Ref, Field: "nd",
						Value: NodeRef(id), Expected: "the way's nodes in the file (the extract cut it)"})
					return nil
				}
				if !valid(q) {
					return badPosition(file, o.line, p.Ref)
				}
				sum[0], sum[1] = sum[0]+q[0], sum[1]+q[1]
				ring = append(ring, q)
			}
			if len(refs) == 0 {
				return nil
			}
			if len(ring) > 2 {
				rings[p.Ref] = append(ring, ring[0])
			}
			p.Location = orb.Point{sum[0] / float64(len(refs)), sum[1] / float64(len(refs))}
		case "relation":
			warns = append(warns, clairvoie.ImportWarning{Line: o.line, Feature: "relation/" + strconv.FormatInt(o.id, 10),
				Field: "amenity", Value: a, Expected: "a node or a way (relations are not read)"})
			return nil
		}
		// A name that is not clean text, or looks personal ("Cabinet du Dr
		// Martin"), is not kept; the place is, under its kind and id, and
		// the warning says why (never the name).
		if pr := clairvoie.ValueProblem(p.Name); pr != "" {
			warns = append(warns, clairvoie.ImportWarning{Line: o.line, Feature: p.Ref, Field: "name", Expected: pr + "; the name was left out"})
			p.Name = ""
		} else if why := clairvoie.ScreenValue(p.Name); why != "" {
			warns = append(warns, clairvoie.ImportWarning{Line: o.line, Feature: p.Ref, Field: "name", Expected: "a public name, not " + why + "; the name was left out"})
			p.Name = ""
		}
		if p.Name == "" {
			p.Name = a + " " + p.Ref
		}
		places = append(places, p)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// A place mapped twice, as a node inside its building's way, is the node.
	var kept []Place
	for _, p := range places {
		if ring, ok := rings[p.Ref]; !ok || !containsPlace(ring, p.Amenity, places) {
			kept = append(kept, p)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Ref < kept[j].Ref })
	return kept, warns, nil
}

// containsPlace tells whether a node place of this amenity lies in ring.
func containsPlace(ring orb.Ring, amenity string, places []Place) bool {
	for _, q := range places {
		if strings.HasPrefix(q.Ref, "node/") && q.Amenity == amenity && planar.RingContains(ring, q.Location) {
			return true
		}
	}
	return false
}

// ReadStreets reads the ways tagged highway=one of kinds as lines. A way
// that leaves the extract is cut where its nodes are missing and the
// pieces inside are kept.
func ReadStreets(ctx context.Context, r io.Reader, file string, pbf bool, kinds []string) ([]orb.LineString, error) {
	want := set(kinds)
	nodes := nodeTable{}
	var lines []orb.LineString
	err := scan(ctx, r, file, pbf, func(o *object) error {
		nodes.add(o)
		if o.kind != "way" || !want[o.tags.Find("highway")] {
			return nil
		}
		var cur orb.LineString
		flush := func() {
			if len(cur) > 1 {
				lines = append(lines, cur)
			}
			cur = nil
		}
		for _, id := range o.refs {
			q, ok := nodes[id]
			if !ok {
				flush()
				continue
			}
			if !valid(q) {
				return badPosition(file, o.line, "way/"+strconv.FormatInt(o.id, 10))
			}
			cur = append(cur, q)
		}
		flush()
		return nil
	})
	return lines, err
}

// valid tells whether q is a longitude and a latitude (NaN is not).
func valid(q orb.Point) bool {
	return q[0] >= -180 && q[0] <= 180 && q[1] >= -90 && q[1] <= 90
}

func badPosition(file string, line int, feature string) error {
	return &clairvoie.ImportError{File: file, Line: line, Feature: feature, Field: "lat/lon", Expected: "its nodes' longitude and latitude in WGS 84 degrees"}
}

// ParseList splits a comma-separated list of tag values.
func ParseList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
