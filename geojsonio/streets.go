package geojsonio

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// ReadStreets reads a street graph for trenches: LineString and
// MultiLineString features (an export of OpenStreetMap's highway=* ways,
// for one). Only the geometry is read; properties are neither kept nor
// needed. Errors name the feature and what was expected.
func ReadStreets(r io.Reader, file string) ([]orb.LineString, error) {
	fc, err := decodeCollection(r)
	if err != nil {
		return nil, &clairvoie.ImportError{File: file, Expected: "a GeoJSON FeatureCollection of LineStrings", Err: err}
	}
	var out []orb.LineString
	for i, f := range fc.Features {
		feat := strconv.Itoa(i + 1)
		bad := &clairvoie.ImportError{File: file, Feature: feat, Field: "geometry", Expected: "a LineString or MultiLineString of [longitude, latitude] in WGS 84, two points or more each"}
		if f.Geometry == nil {
			return nil, bad
		}
		var parts [][][]float64
		switch f.Geometry.Type {
		case "LineString":
			var one [][]float64
			if json.Unmarshal(f.Geometry.Coordinates, &one) != nil {
				return nil, bad
			}
			parts = [][][]float64{one}
		case "MultiLineString":
			if json.Unmarshal(f.Geometry.Coordinates, &parts) != nil {
				return nil, bad
			}
		default:
			return nil, bad
		}
		for _, part := range parts {
			if len(part) < 2 {
				return nil, bad
			}
			line := make(orb.LineString, len(part))
			for k, c := range part {
				if len(c) < 2 || c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
					return nil, bad
				}
				line[k] = orb.Point{c[0], c[1]}
			}
			out = append(out, line)
		}
	}
	return out, nil
}
