// Package geojsonio reads and writes cameras as GeoJSON (RFC 7946): a
// FeatureCollection of Point features whose properties are the camera's
// canonical key/value form.
//
// Reading accepts what common tools write: a feature id (string or number)
// or an "@id" property (Overpass) becomes the record's source reference;
// numbers and booleans become their text; an array of scalars (purposes)
// is joined with ";". Any other geometry than a Point, a coordinate outside
// WGS 84, a "crs" member other than WGS 84 or an object-valued property is
// an error naming the feature.
package geojsonio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/flatjson"
	"github.com/paulmach/orb"
)

// Result is what Read returns.
type Result struct {
	Cameras  []clairvoie.Camera
	Warnings []clairvoie.ImportWarning
}

type collection struct {
	Type     string            `json:"type"`
	CRS      json.RawMessage   `json:"crs"`
	Features []json.RawMessage `json:"features"`
}

type feature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   *geometry       `json:"geometry"`
	Properties map[string]any  `json:"properties"`
}

type geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// Read reads a FeatureCollection of cameras.
func Read(r io.Reader, opts clairvoie.ReadOptions) (Result, error) {
	fail := func(feat string, field, value, expected string, err error) (Result, error) {
		return Result{}, &clairvoie.ImportError{File: opts.File, Feature: feat, Field: field, Value: value, Expected: expected, Err: err}
	}
	var fc collection
	dec := json.NewDecoder(r)
	if err := dec.Decode(&fc); err != nil {
		return fail("", "", "", "a GeoJSON FeatureCollection (RFC 7946)", err)
	}
	if fc.Type != "FeatureCollection" {
		return fail("", "type", fc.Type, "FeatureCollection", nil)
	}
	if len(fc.CRS) > 0 && !bytes.Equal(fc.CRS, []byte("null")) && !strings.Contains(string(fc.CRS), "CRS84") && !strings.Contains(string(fc.CRS), "4326") {
		return fail("", "crs", string(fc.CRS), "WGS 84 longitude/latitude (RFC 7946 has no crs member)", nil)
	}
	var res Result
	for i, raw := range fc.Features {
		name := strconv.Itoa(i + 1)
		var f feature
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&f); err != nil {
			return fail(name, "", "", "a GeoJSON Feature", err)
		}
		id := featureID(f.ID)
		if id == "" {
			if s, ok := f.Properties["@id"].(string); ok {
				id = s
			}
		}
		if id != "" {
			name += " (" + id + ")"
		}
		if f.Type != "Feature" {
			return fail(name, "type", f.Type, "Feature", nil)
		}
		if f.Geometry == nil || f.Geometry.Type != "Point" {
			got := "null"
			if f.Geometry != nil {
				got = f.Geometry.Type
			}
			return fail(name, "geometry", got, "a Point", nil)
		}
		var coords []float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &coords); err != nil || len(coords) < 2 || len(coords) > 3 {
			return fail(name, "coordinates", truncate(string(f.Geometry.Coordinates)), "[longitude, latitude]", nil)
		}
		tags := make(map[string]string, len(f.Properties))
		for k, v := range f.Properties {
			s, ok := scalar(v)
			if !ok {
				return fail(name, k, "", "a string, number, boolean or a list of them", nil)
			}
			if s != "" {
				tags[k] = s
			}
		}
		if id == "" {
			id = "feature-" + strconv.Itoa(i+1)
		}
		c, warns, err := opts.DecodeRecord(clairvoie.RecordAt{Feature: name}, id, orb.Point{coords[0], coords[1]}, tags)
		if err != nil {
			return Result{}, err
		}
		res.Cameras = append(res.Cameras, c)
		res.Warnings = append(res.Warnings, warns...)
	}
	return res, nil
}

func featureID(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		if x {
			return "yes", true
		}
		return "no", true
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := scalar(e)
			if !ok {
				return "", false
			}
			if _, nested := e.([]any); nested {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ";"), true
	}
	return "", false
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// Write writes cameras as a FeatureCollection. Each feature's id is the
// camera's clairvoie id; its properties are the canonical form with the
// provenance tags, so that reading the file back gives the same records.
// Coordinates keep full precision.
func Write(w io.Writer, cams []*clairvoie.Camera) error {
	return WriteCollection(w, cams, nil)
}

// WriteCollection is Write with foreign members added to the
// FeatureCollection (RFC 7946 §6.1), such as a total or a notice.
func WriteCollection(w io.Writer, cams []*clairvoie.Camera, members map[string]any) error {
	bw := &errWriter{w: w}
	bw.str(`{"type":"FeatureCollection",`)
	keys := make([]string, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(members[k])
		if err != nil {
			return err
		}
		bw.bytes(kb)
		bw.str(":")
		bw.bytes(vb)
		bw.str(",")
	}
	bw.str(`"features":[`)
	for i, c := range cams {
		if i > 0 {
			bw.str(",")
		}
		bw.str("\n")
		if err := writeFeature(bw, c); err != nil {
			return err
		}
	}
	bw.str("\n]}\n")
	return bw.err
}

// WriteFeature writes one camera as a GeoJSON Feature.
func WriteFeature(w io.Writer, c *clairvoie.Camera) error {
	bw := &errWriter{w: w}
	if err := writeFeature(bw, c); err != nil {
		return err
	}
	return bw.err
}

func writeFeature(bw *errWriter, c *clairvoie.Camera) error {
	tags := c.ExportTags()
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lon, lat := c.Location.Lon(), c.Location.Lat()
	if math.IsNaN(lon) || math.IsNaN(lat) {
		return fmt.Errorf("camera %d has no position", c.ID)
	}
	var buf []byte
	bw.str(`{"type":"Feature","id":` + strconv.FormatInt(c.ID, 10) + `,"geometry":{"type":"Point","coordinates":[`)
	bw.str(strconv.FormatFloat(lon, 'f', -1, 64) + "," + strconv.FormatFloat(lat, 'f', -1, 64) + `]},"properties":{`)
	for i, k := range keys {
		if i > 0 {
			bw.str(",")
		}
		buf = flatjson.AppendString(buf[:0], k)
		buf = append(buf, ':')
		buf = flatjson.AppendString(buf, tags[k])
		bw.bytes(buf)
	}
	bw.str("}}")
	return nil
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) str(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

func (e *errWriter) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}
