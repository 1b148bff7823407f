package geojsonio

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// AreaFields names the properties an area file uses. An empty name takes the
// usual ones: code, code_insee, insee, INSEE_COM; nom, name, NOM; parent;
// population, POPULATION.
type AreaFields struct {
	Code, Name, Parent, Population string
}

func (f AreaFields) lookup(props map[string]any, given string, usual ...string) (any, string) {
	keys := usual
	if given != "" {
		keys = []string{given}
	}
	for _, k := range keys {
		if v, ok := props[k]; ok && v != nil {
			return v, k
		}
	}
	return nil, keys[0]
}

// ReadAreas reads administrative boundaries of one kind: Polygon or
// MultiPolygon features in WGS 84, each with a code (unique in the file), and
// optionally a name, the code of the enclosing area and a population. Only
// those four properties are kept. Errors name the feature (its 1-based
// position) and the property.
func ReadAreas(r io.Reader, file string, kind clairvoie.AreaKind, fields AreaFields) ([]clairvoie.Area, error) {
	fail := func(feat, field, value, expected string) ([]clairvoie.Area, error) {
		return nil, &clairvoie.ImportError{File: file, Feature: feat, Field: field, Value: truncate(value), Expected: expected}
	}
	fc, err := decodeCollection(r)
	if err != nil {
		return fail("", "", "", "a GeoJSON FeatureCollection of Polygons or MultiPolygons")
	}
	seen := map[string]int{}
	out := make([]clairvoie.Area, 0, len(fc.Features))
	for i, f := range fc.Features {
		name := strconv.Itoa(i + 1)
		if f.Geometry == nil {
			return fail(name, "geometry", "", "a Polygon or a MultiPolygon")
		}
		g, err := readSurface(f.Geometry.Type, f.Geometry.Coordinates)
		if err != "" {
			return fail(name, "geometry", "", err)
		}
		a := clairvoie.Area{Kind: kind, Geometry: g}
		text := func(given string, usual ...string) (string, string, bool) {
			v, key := fields.lookup(f.Properties, given, usual...)
			switch x := v.(type) {
			case nil:
				return "", key, true
			case string:
				return x, key, true
			case float64: // a code written as a number: 13055
				if x == math.Trunc(x) && math.Abs(x) < 1e15 {
					return strconv.FormatFloat(x, 'f', -1, 64), key, true
				}
			}
			return fmt.Sprint(v), key, false
		}
		var key string
		var ok bool
		if a.Code, key, ok = text(fields.Code, "code", "code_insee", "insee", "INSEE_COM"); !ok || a.Code == "" || len(a.Code) > 32 {
			return fail(name, key, a.Code, "a code of 1 to 32 characters")
		}
		if first, dup := seen[a.Code]; dup {
			return fail(name, key, a.Code, fmt.Sprintf("a code not already used (feature %d has it)", first))
		}
		seen[a.Code] = i + 1
		if a.Name, key, ok = text(fields.Name, "nom", "name", "NOM"); !ok || len(a.Name) > 200 {
			return fail(name, key, a.Name, "a name of at most 200 characters")
		}
		if p := clairvoie.ValueProblem(a.Name); p != "" {
			return fail(name, key, "", p)
		}
		if why := clairvoie.ScreenValue(a.Name); why != "" {
			return fail(name, key, "", "the public name of an area, not "+why)
		}
		if a.Parent, key, ok = text(fields.Parent, "parent"); !ok || len(a.Parent) > 32 {
			return fail(name, key, a.Parent, "the code of the enclosing area")
		}
		if v, key := fields.lookup(f.Properties, fields.Population, "population", "POPULATION"); v != nil {
			x, ok := v.(float64)
			if !ok || x < 0 || x > 1e9 || x != math.Trunc(x) {
				return fail(name, key, fmt.Sprint(v), "a whole number of inhabitants ≥ 0")
			}
			a.Population = int(x)
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return fail("", "features", "", "at least one area")
	}
	return out, nil
}

// readSurface decodes a Polygon or MultiPolygon: rings of four positions or
// more, closed, in WGS 84. It returns the reason when the geometry is not one.
func readSurface(typ string, raw json.RawMessage) (orb.Geometry, string) {
	ring := func(rs [][]float64) (orb.Ring, string) {
		if len(rs) < 4 {
			return nil, "rings of 4 positions or more"
		}
		out := make(orb.Ring, len(rs))
		for i, p := range rs {
			if len(p) < 2 || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
				return nil, "[longitude, latitude] positions in WGS 84"
			}
			out[i] = orb.Point{p[0], p[1]}
		}
		if out[0] != out[len(out)-1] {
			return nil, "closed rings (the last position repeats the first)"
		}
		return out, ""
	}
	polygon := func(ps [][][]float64) (orb.Polygon, string) {
		if len(ps) == 0 {
			return nil, "a polygon with an outer ring"
		}
		out := make(orb.Polygon, len(ps))
		for i, rs := range ps {
			r, why := ring(rs)
			if why != "" {
				return nil, why
			}
			out[i] = r
		}
		return out, ""
	}
	switch typ {
	case "Polygon":
		var ps [][][]float64
		if json.Unmarshal(raw, &ps) != nil {
			return nil, "Polygon coordinates"
		}
		return polygon(ps)
	case "MultiPolygon":
		var mps [][][][]float64
		if json.Unmarshal(raw, &mps) != nil || len(mps) == 0 {
			return nil, "MultiPolygon coordinates"
		}
		out := make(orb.MultiPolygon, len(mps))
		for i, ps := range mps {
			p, why := polygon(ps)
			if why != "" {
				return nil, why
			}
			out[i] = p
		}
		return out, ""
	}
	return nil, "a Polygon or a MultiPolygon"
}
