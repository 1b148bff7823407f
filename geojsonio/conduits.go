package geojsonio

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// ReadConduits reads a conduit network: LineString features with the
// properties ref (or the feature id), city_share (0–1, default 0.5: half
// the ducts, as in Marseille), ducts_free, ducts_used, cameras (a list of
// camera references, or a ";"-separated string), length_m (default: the
// line's length), synthetic. Errors name the feature and the property.
func ReadConduits(r io.Reader, file string) ([]clairvoie.Conduit, error) {
	fail := func(feat, field, value, expected string) ([]clairvoie.Conduit, error) {
		return nil, &clairvoie.ImportError{File: file, Feature: feat, Field: field, Value: value, Expected: expected}
	}
	fc, err := decodeCollection(r)
	if err != nil {
		return fail("", "", "", "a GeoJSON FeatureCollection of LineStrings")
	}
	var out []clairvoie.Conduit
	for i, f := range fc.Features {
		name := strconv.Itoa(i + 1)
		var coords [][]float64
		if f.Geometry == nil || f.Geometry.Type != "LineString" || json.Unmarshal(f.Geometry.Coordinates, &coords) != nil || len(coords) < 2 {
			return fail(name, "geometry", "", "a LineString of two points or more")
		}
		c := clairvoie.Conduit{CityShare: 0.5}
		for _, p := range coords {
			if len(p) < 2 || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
				return fail(name, "coordinates", "", "[longitude, latitude] in WGS 84")
			}
			c.Line = append(c.Line, orb.Point{p[0], p[1]})
		}
		c.Ref = featureID(f.ID)
		num := func(key string, min, max float64, dst *float64) error {
			v, ok := f.Properties[key]
			if !ok || v == nil {
				return nil
			}
			x, ok := v.(float64)
			if !ok || x < min || x > max {
				_, err := fail(name, key, "", "a number from "+strconv.FormatFloat(min, 'f', -1, 64)+" to "+strconv.FormatFloat(max, 'f', -1, 64))
				return err
			}
			*dst = x
			return nil
		}
		var free, used float64
		for _, e := range []error{num("city_share", 0, 1, &c.CityShare), num("ducts_free", 0, 1000, &free), num("ducts_used", 0, 1000, &used), num("length_m", 0, 1e7, &c.LengthM)} {
			if e != nil {
				return nil, e
			}
		}
		c.DuctsFree, c.DuctsUsed = int(free), int(used)
		if s, ok := f.Properties["ref"].(string); ok && s != "" {
			c.Ref = s
		}
		if c.Ref == "" {
			c.Ref = "conduit-" + name
		}
		switch v := f.Properties["cameras"].(type) {
		case string:
			for _, s := range strings.Split(v, ";") {
				if s = strings.TrimSpace(s); s != "" {
					c.Cameras = append(c.Cameras, s)
				}
			}
		case []any:
			for _, x := range v {
				s, ok := scalar(x)
				if !ok {
					return fail(name, "cameras", "", "a list of camera references")
				}
				c.Cameras = append(c.Cameras, s)
			}
		case nil:
		default:
			return fail(name, "cameras", "", "a list of camera references")
		}
		if b, ok := f.Properties["synthetic"].(bool); ok {
			c.Synthetic = b
		}
		if c.LengthM == 0 {
			c.LengthM = geo.LengthHaversine(c.Line)
		}
		for k := range f.Properties {
			if why := clairvoie.ScreenKey(k); why != "" && k != "ref" {
				return nil, &clairvoie.ImportError{File: file, Feature: name, Field: k, Err: &clairvoie.PersonalDataError{Key: k, Reason: why}}
			}
		}
		// What is kept is screened as values: the reference and the
		// cameras' references.
		for _, v := range append([]string{c.Ref}, c.Cameras...) {
			if p := clairvoie.ValueProblem(v); p != "" {
				return fail(name, "ref/cameras", "", p)
			}
			if pe := clairvoie.ScreenField("ref", v, nil); pe != nil {
				return nil, &clairvoie.ImportError{File: file, Feature: name, Field: "ref/cameras", Err: pe}
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// ReadSites reads public sites to connect: Point features with a name; a
// feature whose role is "root" is where the fibre starts.
func ReadSites(r io.Reader, file string) (sites []orb.Point, names []string, root *orb.Point, err error) {
	fc, err := decodeCollection(r)
	if err != nil {
		return nil, nil, nil, &clairvoie.ImportError{File: file, Expected: "a GeoJSON FeatureCollection of Points", Err: err}
	}
	for i, f := range fc.Features {
		feat := strconv.Itoa(i + 1)
		var c []float64
		if f.Geometry == nil || f.Geometry.Type != "Point" || json.Unmarshal(f.Geometry.Coordinates, &c) != nil || len(c) < 2 {
			return nil, nil, nil, &clairvoie.ImportError{File: file, Feature: feat, Field: "geometry", Expected: "a Point"}
		}
		if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
			return nil, nil, nil, &clairvoie.ImportError{File: file, Feature: feat, Field: "coordinates", Expected: "[longitude, latitude] in WGS 84"}
		}
		p := orb.Point{c[0], c[1]}
		if role, _ := f.Properties["role"].(string); role == "root" {
			if root != nil {
				return nil, nil, nil, &clairvoie.ImportError{File: file, Feature: feat, Field: "role", Value: "root", Expected: "a single feature with role \"root\""}
			}
			root = &p
			continue
		}
		name, _ := f.Properties["name"].(string)
		if p := clairvoie.ValueProblem(name); p != "" {
			return nil, nil, nil, &clairvoie.ImportError{File: file, Feature: feat, Field: "name", Expected: p}
		}
		if pe := clairvoie.ScreenField("name", name, nil); pe != nil {
			return nil, nil, nil, &clairvoie.ImportError{File: file, Feature: feat, Field: "name", Err: pe}
		}
		sites, names = append(sites, p), append(names, name)
	}
	return sites, names, root, nil
}
