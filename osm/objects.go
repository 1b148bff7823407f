package osm

import (
	"context"
	"errors"
	"io"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// object is one OpenStreetMap element as read, with what clairvoie uses of
// it: cameras are nodes; public sites are nodes or ways (their nodes' refs).
type object struct {
	kind string // node, way or relation
	id   int64
	line int // in an XML file; 0 in a PBF file
	pos  orb.Point
	refs []int64 // a way's nodes
	skip bool
	tags osm.Tags
}

// scanXML hands each live element of an .osm XML file (OSM API 0.6 format,
// as written by the API, Overpass, osmium and JOSM) to fn once it is
// complete; elements marked action="delete" or visible="false" are
// skipped. It returns the number of elements scanned. An error from fn
// stops the scan and is returned as it is.
func scanXML(ctx context.Context, r io.Reader, file string, fn func(*object) error) (int, error) {
	s := newXMLScanner(r)
	fail := func(line int, feature, field, value, expected string, err error) (int, error) {
		return 0, &clairvoie.ImportError{File: file, Line: line, Feature: feature, Field: field, Value: value, Expected: expected, Err: err}
	}
	var (
		cur     *object
		pending bool
		depth   int
		objects int
	)
	for {
		ev, err := s.next(&pending)
		if err != nil {
			var se *xmlSyntaxError
			if errors.As(err, &se) {
				return fail(se.Line, "", "", "", "well-formed OpenStreetMap XML", errors.New(se.Msg))
			}
			return fail(s.line, "", "", "", "an OpenStreetMap file", err)
		}
		if ev == evEOF {
			return objects, nil
		}
		name := string(s.name)
		if ev == evStart {
			depth++
			if depth == 1 && name != "osm" && name != "osmChange" {
				return fail(s.line, "", "", name, "an <osm> document", nil)
			}
			switch name {
			case "node", "way", "relation":
				objects++
				if objects%4096 == 0 && ctx.Err() != nil {
					return 0, ctx.Err()
				}
				cur = &object{kind: name, line: s.line}
				var haveID, haveLat, haveLon bool
				for _, a := range s.attrs {
					v := string(a.value)
					switch string(a.name) {
					case "id":
						id, err := strconv.ParseInt(v, 10, 64)
						if err != nil {
							return fail(s.line, name, "id", v, "a whole number", nil)
						}
						cur.id, haveID = id, true
					case "lat":
						f, err := strconv.ParseFloat(v, 64)
						if err != nil {
							return fail(s.line, "", "lat", v, "a latitude in degrees", nil)
						}
						cur.pos[1], haveLat = f, true
					case "lon":
						f, err := strconv.ParseFloat(v, 64)
						if err != nil {
							return fail(s.line, "", "lon", v, "a longitude in degrees", nil)
						}
						cur.pos[0], haveLon = f, true
					case "action":
						cur.skip = cur.skip || v == "delete"
					case "visible":
						cur.skip = cur.skip || v == "false"
					}
				}
				if !haveID {
					return fail(s.line, name, "id", "", "an id", nil)
				}
				if name == "node" && !cur.skip && (!haveLat || !haveLon) {
					return fail(s.line, NodeRef(cur.id), "lat/lon", "", "the node's coordinates", nil)
				}
			case "tag":
				if cur == nil {
					continue
				}
				var k, v string
				for _, a := range s.attrs {
					switch string(a.name) {
					case "k":
						k = string(a.value)
					case "v":
						v = string(a.value)
					}
				}
				cur.tags = append(cur.tags, osm.Tag{Key: k, Value: v})
			case "nd":
				if cur == nil || cur.kind != "way" {
					continue
				}
				for _, a := range s.attrs {
					if string(a.name) == "ref" {
						ref, err := strconv.ParseInt(string(a.value), 10, 64)
						if err != nil {
							return fail(s.line, "way/"+strconv.FormatInt(cur.id, 10), "nd ref", string(a.value), "a node id", nil)
						}
						cur.refs = append(cur.refs, ref)
					}
				}
			}
			continue
		}
		depth--
		if cur == nil || name != cur.kind {
			continue
		}
		o := cur
		cur = nil
		if o.skip {
			continue
		}
		if err := fn(o); err != nil {
			return 0, err
		}
	}
}
