// Package osm reads cameras from OpenStreetMap data (.osm XML and .osm.pbf,
// through github.com/paulmach/osm) and writes them back as .osm XML.
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
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"
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

// ReadXML reads the cameras of an .osm XML file.
func ReadXML(ctx context.Context, r io.Reader, opts clairvoie.ReadOptions) (Result, error) {
	sc := osmxml.New(ctx, r)
	defer sc.Close()
	return read(sc, opts, false)
}

// ReadPBF reads the cameras of an .osm.pbf file.
func ReadPBF(ctx context.Context, r io.Reader, opts clairvoie.ReadOptions) (Result, error) {
	sc := osmpbf.New(ctx, r, runtime.GOMAXPROCS(0))
	defer sc.Close()
	sc.SkipRelations = true
	return read(sc, opts, true)
}

func read(sc osm.Scanner, opts clairvoie.ReadOptions, round7 bool) (Result, error) {
	var res Result
	for sc.Scan() {
		res.Objects++
		switch o := sc.Object().(type) {
		case *osm.Node:
			st, ok := surveillanceStatus(o.Tags)
			if !ok {
				continue
			}
			ref := o.FeatureID().String() // "node/123"
			tags := o.Tags.Map()
			if st != "" && tags[clairvoie.KeyStatus] == "" {
				tags[clairvoie.KeyStatus] = string(st)
			}
			for prefix := range lifecycle {
				delete(tags, prefix+"man_made")
			}
			pos := orb.Point{o.Lon, o.Lat}
			if round7 {
				// PBF stores coordinates as integers of 1e-7 degrees; rounding
				// the decoder's float products gives the XML text back.
				pos = orb.Point{math.Round(o.Lon*1e7) / 1e7, math.Round(o.Lat*1e7) / 1e7}
			}
			c, warns, err := opts.DecodeRecord(clairvoie.RecordAt{Feature: ref}, ref, pos, tags)
			if err != nil {
				return Result{}, err
			}
			res.Cameras = append(res.Cameras, c)
			res.Warnings = append(res.Warnings, warns...)
		case *osm.Way:
			if _, ok := surveillanceStatus(o.Tags); ok {
				res.Warnings = append(res.Warnings, clairvoie.ImportWarning{Feature: o.FeatureID().String(),
					Field: "man_made", Value: "surveillance", Expected: "a camera mapped as a node (ways are not read)"})
			}
		}
	}
	if err := sc.Err(); err != nil {
		ie := &clairvoie.ImportError{File: opts.File, Expected: "an OpenStreetMap file", Err: err}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			ie.Line = se.Line
			ie.Expected = "well-formed OpenStreetMap XML"
		}
		return Result{}, ie
	}
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
