// Package osm reads cameras from OpenStreetMap data and writes them back as
// .osm XML. PBF files are decoded by github.com/paulmach/osm/osmpbf; XML
// files by a small scanner of this package (xmlscan.go), because decoding
// them element by element with encoding/xml was the slowest step of a
// country-sized import (see BENCHMARKS.md). Both stream: ScanXML and
// ScanPBF hand each camera over as soon as it is read.
//
// A camera is a node tagged man_made=surveillance. OpenStreetMap's
// life-cycle prefixes give its status when no clairvoie:status tag does:
// disused:man_made=surveillance is out of service, removed:, demolished: or
// was: is removed, proposed: or planned: is planned. Every tag listed in the
// mission (surveillance, surveillance:type, surveillance:zone, camera:type,
// camera:mount, camera:direction, camera:tilt / camera:angle, height,
// operator, operator:type, ref, check_date, fixme) is mapped by
// clairvoie.CameraFromTags; other tags are kept verbatim.
//
// Cameras drawn as ways are not read (a camera is a point); each one found
// is reported as a warning.
package osm

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// Result is what a read returns.
type Result struct {
	Cameras  []clairvoie.Camera
	Warnings []clairvoie.ImportWarning
	Objects  int // OpenStreetMap objects scanned
}

var lifecycle = map[string]clairvoie.Status{
	"":            "",
	"disused:":    clairvoie.StatusOutOfService,
	"removed:":    clairvoie.StatusRemoved,
	"demolished:": clairvoie.StatusRemoved,
	"was:":        clairvoie.StatusRemoved,
	"proposed:":   clairvoie.StatusPlanned,
	"planned:":    clairvoie.StatusPlanned,
}

// surveillanceStatus tells whether tags describe a camera and, through a
// life-cycle prefix, its status.
func surveillanceStatus(tags osm.Tags) (clairvoie.Status, bool) {
	for prefix, st := range lifecycle {
		if tags.Find(prefix+"man_made") == "surveillance" {
			return st, true
		}
	}
	return "", false
}

// ReadXML reads the cameras of an .osm XML file (OSM API 0.6 format, as
// written by the API, Overpass, osmium and JOSM). Objects marked
// action="delete" or visible="false" are skipped.
func ReadXML(ctx context.Context, r io.Reader, opts clairvoie.ReadOptions) (Result, error) {
	return collect(func(emit func(clairvoie.Camera) error) (Result, error) { return ScanXML(ctx, r, opts, emit) })
}

// collect runs a scan and gathers what it emits into Result.Cameras.
func collect(scan func(emit func(clairvoie.Camera) error) (Result, error)) (Result, error) {
	var chunks chunked
	res, err := scan(func(c clairvoie.Camera) error { chunks.add(c); return nil })
	if err != nil {
		return Result{}, err
	}
	res.Cameras = chunks.all()
	return res, nil
}

// ScanXML is ReadXML handing each camera to emit as soon as it is read
// (Result.Cameras stays empty), so that a large file streams into an
// import. An error from emit stops the scan and is returned.
func ScanXML(ctx context.Context, r io.Reader, opts clairvoie.ReadOptions, emit func(clairvoie.Camera) error) (Result, error) {
	var res Result
	n, err := scanXML(ctx, r, opts.File, res.cameras(opts, emit))
	if err != nil {
		return Result{}, err
	}
	res.Objects = n
	return res, nil
}

// cameras is the visitor of both scans: a node that is a camera is decoded
// and emitted, a way tagged as one is a warning.
func (res *Result) cameras(opts clairvoie.ReadOptions, emit func(clairvoie.Camera) error) func(*object) error {
	return func(o *object) error {
		switch o.kind {
		case "node":
			c, warns, ok, err := camera(opts, o.line, o.id, o.pos, o.tags)
			if err != nil || !ok {
				return err
			}
			if err := emit(c); err != nil {
				return err
			}
			res.Warnings = append(res.Warnings, warns...)
		case "way":
			if _, ok := surveillanceStatus(o.tags); ok {
				res.Warnings = append(res.Warnings, wayWarning(o.id))
			}
		}
		return nil
	}
}

// chunked collects cameras in fixed-size chunks, so that a large extract is
// not copied over and over as one slice grows; all joins them once.
type chunked struct {
	chunks [][]clairvoie.Camera
	n      int
}

func (c *chunked) add(cam clairvoie.Camera) {
	if len(c.chunks) == 0 || len(c.chunks[len(c.chunks)-1]) == cap(c.chunks[len(c.chunks)-1]) {
		c.chunks = append(c.chunks, make([]clairvoie.Camera, 0, 4096))
	}
	last := &c.chunks[len(c.chunks)-1]
	*last = append(*last, cam)
	c.n++
}

func (c *chunked) all() []clairvoie.Camera {
	out := make([]clairvoie.Camera, 0, c.n)
	for _, ch := range c.chunks {
		out = append(out, ch...)
	}
	return out
}

// camera decodes a node if it is a camera.
func camera(opts clairvoie.ReadOptions, line int, id int64, pos orb.Point, ts osm.Tags) (clairvoie.Camera, []clairvoie.ImportWarning, bool, error) {
	st, ok := surveillanceStatus(ts)
	if !ok {
		return clairvoie.Camera{}, nil, false, nil
	}
	ref := NodeRef(id)
	tags := ts.Map()
	if st != "" && tags[clairvoie.KeyStatus] == "" {
		tags[clairvoie.KeyStatus] = string(st)
	}
	for prefix := range lifecycle {
		delete(tags, prefix+"man_made")
	}
	c, warns, err := opts.DecodeRecord(clairvoie.RecordAt{Line: line, Feature: ref}, ref, pos, tags)
	return c, warns, err == nil, err
}

func wayWarning(id int64) clairvoie.ImportWarning {
	return clairvoie.ImportWarning{Feature: "way/" + strconv.FormatInt(id, 10),
		Field: "man_made", Value: "surveillance", Expected: "a camera mapped as a node (ways are not read)"}
}

// ReadPBF reads the cameras of an .osm.pbf file.
func ReadPBF(ctx context.Context, r io.Reader, opts clairvoie.ReadOptions) (Result, error) {
	return collect(func(emit func(clairvoie.Camera) error) (Result, error) { return ScanPBF(ctx, r, opts, emit) })
}

// ScanPBF is ReadPBF handing each camera to emit as soon as it is read.
func ScanPBF(ctx context.Context, r io.Reader, opts clairvoie.ReadOptions, emit func(clairvoie.Camera) error) (Result, error) {
	var res Result
	n, err := scanPBF(ctx, r, opts.File, res.cameras(opts, emit))
	if err != nil {
		return Result{}, err
	}
	res.Objects = n
	return res, nil
}

// WriteXML writes cameras as an .osm XML document, one node each with its
// canonical tags, man_made=surveillance and the clairvoie provenance tags.
// Node ids are negative, as for objects not yet in OpenStreetMap: the file
// is for review in an editor and for round-trips, not for upload as it is
// (it holds clairvoie:* legal tags that do not belong in OpenStreetMap).
func WriteXML(w io.Writer, cams []*clairvoie.Camera) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header + `<osm version="0.6" generator="clairvoie" upload="never">` + "\n")
	for i, c := range cams {
		tags := c.ExportTags()
		tags[clairvoie.KeyManMade] = "surveillance"
		keys := make([]string, 0, len(tags))
		for k := range tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(bw, ` <node id="%d" lat="%s" lon="%s">`+"\n", -(i + 1),
			strconv.FormatFloat(c.Location.Lat(), 'f', -1, 64), strconv.FormatFloat(c.Location.Lon(), 'f', -1, 64))
		for _, k := range keys {
			bw.WriteString(`  <tag k="`)
			xml.EscapeText(bw, []byte(k))
			bw.WriteString(`" v="`)
			xml.EscapeText(bw, []byte(tags[k]))
			bw.WriteString(`"/>` + "\n")
		}
		bw.WriteString(" </node>\n")
	}
	bw.WriteString("</osm>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write osm: %w", err)
	}
	return nil
}

// NodeRef returns the source reference of node id: "node/<id>".
func NodeRef(id int64) string { return "node/" + strconv.FormatInt(id, 10) }
