package clairvoie

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
)

// ReadOptions are what every reader of an outside format needs to turn a
// record into a camera.
type ReadOptions struct {
	// File names the input in error messages.
	File string
	// Drop lists keys (columns, properties, tags) removed before anything
	// else, so that a user can knowingly leave out a field that would be
	// refused as personal.
	Drop []string
	// Lenient keeps values it cannot read verbatim (in Extra) and reports
	// them as warnings instead of refusing the file. It suits crowd-mapped
	// OpenStreetMap data; a city's own list is read strictly by default.
	Lenient bool
	// Reviewed holds the values a clerk accepted after review (import
	// --accept FILE); nil when there is none.
	Reviewed *Reviewed
}

// RecordAt says where a record sits in its input, for error messages.
type RecordAt struct {
	Line    int
	Feature string
}

// DecodeRecord turns one record of an outside format into a camera: it
// drops the keys asked for, refuses personal-looking keys and values, reads
// the canonical form and checks the position. ref is the record's own id in
// its source; a clairvoie:source_ref tag (written by clairvoie's exports)
// takes precedence over it so that exports round-trip.
func (o ReadOptions) DecodeRecord(at RecordAt, ref string, pos orb.Point, tags map[string]string) (Camera, []ImportWarning, error) {
	fail := func(field, value, expected string, err error) (Camera, []ImportWarning, error) {
		return Camera{}, nil, &ImportError{File: o.File, Line: at.Line, Feature: at.Feature, Field: field, Value: value, Expected: expected, Err: err}
	}
	for _, k := range o.Drop {
		delete(tags, k)
	}
	if len(tags) > MaxFieldsPerItem {
		return fail("", "", "at most "+strconv.Itoa(MaxFieldsPerItem)+" fields in a record (got "+strconv.Itoa(len(tags))+")", nil)
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		if p := TextProblem(k, MaxKeyBytes); p != "" {
			return fail("(a field name)", "", p, nil)
		}
		if p := ValueProblem(tags[k]); p != "" {
			return fail(k, "", p, nil)
		}
	}
	if pe := ScreenTags(tags, o.Reviewed); pe != nil {
		pe.Flags = true
		return fail(pe.Key, "", "", pe) // the value is not echoed: it may be personal
	}
	lon, lat := pos.Lon(), pos.Lat()
	if math.IsNaN(lon) || lon < -180 || lon > 180 {
		return fail("longitude", strconv.FormatFloat(lon, 'g', -1, 64), "a longitude from -180 to 180 (WGS 84)", nil)
	}
	if math.IsNaN(lat) || lat < -90 || lat > 90 {
		return fail("latitude", strconv.FormatFloat(lat, 'g', -1, 64), "a latitude from -90 to 90 (WGS 84)", nil)
	}
	if r := tags[KeySourceRef]; r != "" {
		ref = r
	}
	if ref == "" {
		return fail("id", "", "an identifier for the record in its source", nil)
	}
	// The identifier is stored and exported like any value: screened the same.
	if p := ValueProblem(ref); p != "" {
		return fail("id", "", p, nil)
	}
	if pe := ScreenField("id", ref, o.Reviewed); pe != nil {
		pe.Flags = true
		return fail("id", "", "", pe)
	}
	c, probs := CameraFromTags(tags)
	var warns []ImportWarning
	for _, p := range probs {
		if !o.Lenient {
			return fail(p.Key, p.Value, p.Expected, nil)
		}
		warns = append(warns, ImportWarning{Line: at.Line, Feature: at.Feature, Field: p.Key, Value: p.Value, Expected: p.Expected})
	}
	c.SourceRef = ref
	c.Location = pos
	return c, warns, nil
}
