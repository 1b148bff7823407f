// Package ical reads and writes the event calendar as iCalendar (RFC 5545)
// through github.com/arran4/golang-ical: UID, SUMMARY, DTSTART/DTEND (with
// TZID), RRULE, GEO, CATEGORIES (the kind), and clairvoie's own properties
// for what RFC 5545 has no room for: X-CLAIRVOIE-KIND, -ATTENDANCE,
// -ORGANISER, -ROUTE and -AREA ("lon lat; lon lat; …"), -SYNTHETIC.
// Nothing else of a VEVENT is kept (no DESCRIPTION, no ATTENDEE: free text
// and people).
package ical

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

const (
	propKind       = "X-CLAIRVOIE-KIND"
	propAttendance = "X-CLAIRVOIE-ATTENDANCE"
	propOrganiser  = "X-CLAIRVOIE-ORGANISER"
	propRoute      = "X-CLAIRVOIE-ROUTE"
	propArea       = "X-CLAIRVOIE-AREA"
	propSynthetic  = "X-CLAIRVOIE-SYNTHETIC"
)

// Read reads the VEVENTs of an iCalendar file. An event needs a place (GEO,
// or a route or an area) and a kind (X-CLAIRVOIE-KIND, or a CATEGORIES value
// that is one); errors name the file, the UID and the property. A time
// with a TZID keeps its zone (a recurrence follows its wall clock there);
// a floating time is a time of zone, the workspace's; a UTC time is put on
// zone's clock.
func Read(r io.Reader, file string, zone *time.Location) ([]clairvoie.Event, error) {
	cal, err := ics.ParseCalendar(r)
	if err != nil {
		return nil, &clairvoie.ImportError{File: file, Expected: "an iCalendar file (RFC 5545)", Err: err}
	}
	var out []clairvoie.Event
	for i, ve := range cal.Events() {
		get := func(p string) string {
			if prop := ve.GetProperty(ics.ComponentProperty(p)); prop != nil {
				return strings.TrimSpace(prop.Value)
			}
			return ""
		}
		e := clairvoie.Event{Ref: get(string(ics.ComponentPropertyUniqueId)), Name: get(string(ics.ComponentPropertySummary)),
			RRule: get(string(ics.ComponentPropertyRrule)), Organiser: get(propOrganiser), Source: file}
		if e.Ref == "" {
			e.Ref = "vevent-" + strconv.Itoa(i+1)
		}
		fail := func(field, value, expected string) error {
			return &clairvoie.ImportError{File: file, Feature: e.Ref, Field: field, Value: value, Expected: expected}
		}
		if e.Start, err = ve.GetStartAt(); err != nil {
			return nil, fail("DTSTART", get("DTSTART"), "a date and time")
		}
		if e.End, err = ve.GetEndAt(); err != nil {
			return nil, fail("DTEND", get("DTEND"), "a date and time")
		}
		e.Start, e.End = placeTime(e.Start, zone), placeTime(e.End, zone)
		e.Kind = clairvoie.EventKind(get(propKind))
		if e.Kind == "" {
			for _, c := range strings.Split(get(string(ics.ComponentPropertyCategories)), ",") {
				if k := clairvoie.EventKind(strings.ToLower(strings.TrimSpace(c))); slices.Contains(clairvoie.EventKinds, k) {
					e.Kind = k
					break
				}
			}
		}
		if e.Kind == "" {
			e.Kind = clairvoie.EventOther
		}
		if v := get(propAttendance); v != "" {
			if e.Attendance, err = strconv.Atoi(v); err != nil {
				return nil, fail(propAttendance, v, "a whole number of people")
			}
		}
		e.Synthetic = strings.EqualFold(get(propSynthetic), "true")
		switch {
		case get(propRoute) != "":
			pts, err := clairvoie.ParsePoints(get(propRoute))
			if err != nil || len(pts) < 2 {
				return nil, fail(propRoute, get(propRoute), `two points or more, "lon lat; lon lat"`)
			}
			e.Place = orb.LineString(pts)
		case get(propArea) != "":
			pts, err := clairvoie.ParsePoints(get(propArea))
			if err != nil || len(pts) < 4 || pts[0] != pts[len(pts)-1] {
				return nil, fail(propArea, get(propArea), "a closed ring of four points or more")
			}
			e.Place = orb.Polygon{orb.Ring(pts)}
		default:
			geo := get(string(ics.ComponentPropertyGeo))
			lat, lon, ok := strings.Cut(geo, ";")
			y, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
			x, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
			if !ok || err1 != nil || err2 != nil || !(x >= -180 && x <= 180 && y >= -90 && y <= 90) {
				return nil, fail("GEO", geo, `"latitude;longitude" (or X-CLAIRVOIE-ROUTE / -AREA)`)
			}
			e.Place = orb.Point{x, y}
		}
		if err := e.Validate(); err != nil {
			return nil, &clairvoie.ImportError{File: file, Feature: e.Ref, Err: err}
		}
		out = append(out, e)
	}
	return out, nil
}

// Write writes events as an iCalendar file that Read reads back the same.
func Write(w io.Writer, events []clairvoie.Event, stamp time.Time) error {
	cal := ics.NewCalendar()
	cal.SetProductId("-//clairvoie//calendar//FR")
	for _, e := range events {
		ve := cal.AddEvent(e.Ref)
		ve.SetDtStampTime(stamp)
		// Local times keep their zone (TZID), so that a recurring 8:00 stays
		// 8:00 across the change to summer time.
		for prop, t := range map[ics.ComponentProperty]time.Time{ics.ComponentPropertyDtStart: e.Start, ics.ComponentPropertyDtEnd: e.End} {
			if loc := t.Location(); loc != time.UTC && loc.String() != "Local" {
				ve.SetProperty(prop, t.Format("20060102T150405"), ics.WithTZID(loc.String()))
			} else {
				ve.SetProperty(prop, t.UTC().Format("20060102T150405Z"))
			}
		}
		ve.SetSummary(e.Name)
		ve.AddCategory(string(e.Kind))
		ve.SetProperty(ics.ComponentProperty(propKind), string(e.Kind))
		if e.RRule != "" {
			ve.AddRrule(e.RRule)
		}
		if e.Attendance > 0 {
			ve.SetProperty(ics.ComponentProperty(propAttendance), strconv.Itoa(e.Attendance))
		}
		if e.Organiser != "" {
			ve.SetProperty(ics.ComponentProperty(propOrganiser), e.Organiser)
		}
		if e.Synthetic {
			ve.SetProperty(ics.ComponentProperty(propSynthetic), "true")
		}
		switch p := e.Place.(type) {
		case orb.Point:
			ve.SetProperty(ics.ComponentPropertyGeo, strconv.FormatFloat(p[1], 'f', -1, 64)+";"+strconv.FormatFloat(p[0], 'f', -1, 64))
		case orb.LineString:
			ve.SetProperty(ics.ComponentProperty(propRoute), clairvoie.FormatPoints(p))
		case orb.Polygon:
			ve.SetProperty(ics.ComponentProperty(propArea), clairvoie.FormatPoints(p[0]))
		}
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows) // RFC 5545 §3.1: CRLF, whatever the machine
}

// placeTime puts a time read by the iCalendar library in the workspace's
// zone: it reads floating times in time.Local, which is the machine's.
func placeTime(t time.Time, zone *time.Location) time.Time {
	switch t.Location() {
	case time.Local:
		return clairvoie.InZone(t, zone)
	case time.UTC:
		return t.In(zone)
	}
	return t
}
