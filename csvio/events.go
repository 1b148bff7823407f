package csvio

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

var eventColumns = map[string]bool{"ref": true, "kind": true, "name": true, "start": true, "end": true, "lon": true, "lat": true,
	"route": true, "area": true, "attendance": true, "organiser": true, "rrule": true, "synthetic": true}

// ReadEvents reads a calendar as CSV: ref, kind, name, start, end (RFC 3339,
// or "YYYY-MM-DD HH:MM" in zone), and a place: lon and lat (a point), or
// route or area ("lon lat; lon lat; …", an area closed by repeating its
// first point); optional attendance, organiser (a type), rrule (RFC 5545),
// synthetic. Any other column is refused, personal-looking ones with the
// reason; the first bad value fails the file with its line and column.
func ReadEvents(r io.Reader, file string, zone *time.Location) ([]clairvoie.Event, error) {
	t, err := openStrict(r, file, eventColumns, "a header line", "ref, kind, name, start, end, lon, lat, route, area, attendance, organiser, rrule, synthetic")
	if err != nil {
		return nil, err
	}
	var out []clairvoie.Event
	for {
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		fail := func(field, value, expected string) error {
			return &clairvoie.ImportError{File: file, Line: line, Field: field, Value: value, Expected: expected}
		}
		when := func(field string) (time.Time, error) {
			v := t.get(rec, field)
			for _, l := range []string{time.RFC3339, "2006-01-02 15:04", "2006-01-02T15:04"} {
				if tt, err := time.ParseInLocation(l, v, zone); err == nil {
					return tt.In(zone), nil // an offset given: the instant, on the workspace's clock
				}
			}
			return time.Time{}, fail(field, v, "a date and time, YYYY-MM-DD HH:MM or RFC 3339")
		}
		e := clairvoie.Event{Ref: t.get(rec, "ref"), Kind: clairvoie.EventKind(t.get(rec, "kind")), Name: t.get(rec, "name"),
			Organiser: t.get(rec, "organiser"), RRule: t.get(rec, "rrule"), Source: file}
		if e.Start, err = when("start"); err != nil {
			return nil, err
		}
		if e.End, err = when("end"); err != nil {
			return nil, err
		}
		if v := t.get(rec, "attendance"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fail("attendance", v, "a whole number of people")
			}
			e.Attendance = n
		}
		switch v := strings.ToLower(t.get(rec, "synthetic")); v {
		case "", "false", "non", "no", "0":
		case "true", "oui", "yes", "1":
			e.Synthetic = true
		default:
			return nil, fail("synthetic", v, "true or false")
		}
		switch {
		case t.get(rec, "route") != "":
			pts, err := clairvoie.ParsePoints(t.get(rec, "route"))
			if err != nil || len(pts) < 2 {
				return nil, fail("route", t.get(rec, "route"), `two points or more, "lon lat; lon lat"`)
			}
			e.Place = orb.LineString(pts)
		case t.get(rec, "area") != "":
			pts, err := clairvoie.ParsePoints(t.get(rec, "area"))
			if err != nil || len(pts) < 4 || pts[0] != pts[len(pts)-1] {
				return nil, fail("area", t.get(rec, "area"), `a closed ring of four points or more, "lon lat; …; the first again"`)
			}
			e.Place = orb.Polygon{orb.Ring(pts)}
		default:
			pts, err := clairvoie.ParsePoints(t.get(rec, "lon") + " " + t.get(rec, "lat"))
			if err != nil || len(pts) != 1 {
				return nil, fail("lon/lat", t.get(rec, "lon")+" "+t.get(rec, "lat"), "a longitude and a latitude in WGS 84 (or a route or an area)")
			}
			e.Place = pts[0]
		}
		if err := e.Validate(); err != nil {
			return nil, &clairvoie.ImportError{File: file, Line: line, Err: err}
		}
		out = append(out, e)
	}
}
