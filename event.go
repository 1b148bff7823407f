package clairvoie

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// EventKind is what an event is.
type EventKind string

// The kinds of events the calendar keeps.
const (
	EventMatch         EventKind = "match"
	EventDemonstration EventKind = "demonstration"
	EventMarket        EventKind = "market"
	EventConcert       EventKind = "concert"
	EventFestival      EventKind = "festival"
	EventRoadWorks     EventKind = "road_works"
	EventFilming       EventKind = "filming"
	EventOther         EventKind = "other"
)

// EventKinds lists the kinds.
var EventKinds = []EventKind{EventMatch, EventDemonstration, EventMarket, EventConcert, EventFestival, EventRoadWorks, EventFilming, EventOther}

// Organiser types: who runs an event (never who they are).
var OrganiserTypes = []string{"public", "private", "association", "club", "union", "unknown"}

// Event is a public happening the city plans around: a match, a march, a
// market, works. Its place is a point, an area (a polygon) or a route (a
// line, for a march). A recurring event (the Prado market, every morning
// but Sunday) carries an RFC 5545 RRULE; Start and End are its first
// occurrence. Nothing personal: an organiser appears by type.
type Event struct {
	Ref        string       `json:"ref"`
	Kind       EventKind    `json:"kind"`
	Name       string       `json:"name"`
	Start      time.Time    `json:"start"`
	End        time.Time    `json:"end"`
	Place      orb.Geometry `json:"-"`
	Attendance int          `json:"attendance"` // expected; 0 if unknown
	Organiser  string       `json:"organiser"`
	RRule      string       `json:"rrule,omitempty"`
	Source     string       `json:"source,omitempty"`
	Synthetic  bool         `json:"synthetic"`
}

// Validate checks an event; the error names the field.
func (e *Event) Validate() error {
	bad := func(field, expected string) error {
		return Errorf(EINVALID, "event %q: field %q: expected %s", e.Ref, field, expected)
	}
	if why := ScreenValue(e.Ref); why != "" {
		return Errorf(EINVALID, "event: field \"ref\": refused, it looks like %s (never personal data)", why)
	}
	if why := ScreenValue(e.Name); why != "" {
		return bad("name", "a public name; this one looks like "+why+" (never personal data)")
	}
	switch {
	case e.Ref == "":
		return bad("ref", "a reference")
	case !slices.Contains(EventKinds, e.Kind):
		return bad("kind", "match, demonstration, market, concert, festival, road_works, filming or other")
	case len([]rune(e.Name)) > 120:
		return bad("name", "a short public name (at most 120 characters)")
	case e.Start.IsZero() || !e.End.After(e.Start):
		return bad("start/end", "a start before the end")
	case e.Place == nil:
		return bad("place", "a point, an area or a route")
	case e.Attendance < 0:
		return bad("attendance", "a number of people, 0 or more")
	case e.Organiser != "" && !slices.Contains(OrganiserTypes, e.Organiser):
		return bad("organiser", "public, private, association, club, union or unknown")
	}
	switch e.Place.(type) {
	case orb.Point, orb.LineString, orb.Polygon:
	default:
		return bad("place", "a point, an area (polygon) or a route (line)")
	}
	if why := checkRRule(e.RRule); why != "" {
		return bad("rrule", "an RFC 5545 rule recurring at most daily ("+why+")")
	}
	return nil
}

// rruleParts are the parts of a recurrence rule a city's calendar needs;
// BYHOUR, BYMINUTE and BYSECOND are left out with the sub-daily
// frequencies: an event recurs at most once a day.
var rruleParts = map[string]func(string) bool{
	"FREQ":       func(v string) bool { return slices.Contains([]string{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}, v) },
	"INTERVAL":   digits,
	"COUNT":      digits,
	"UNTIL":      func(v string) bool { return v != "" && strings.Trim(v, "0123456789TZ") == "" },
	"BYDAY":      func(v string) bool { return v != "" && strings.Trim(v, "0123456789+-,MOTUWEHFRSA") == "" },
	"BYMONTHDAY": list, "BYMONTH": list, "BYYEARDAY": list, "BYWEEKNO": list, "BYSETPOS": list,
	"WKST": func(v string) bool { return slices.Contains([]string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}, v) },
}

func digits(v string) bool { return v != "" && len(v) <= 6 && strings.Trim(v, "0123456789") == "" }
func list(v string) bool   { return v != "" && strings.Trim(v, "0123456789+-,") == "" }

// checkRRule says what is wrong with a recurrence rule, or "" (an empty
// rule is no recurrence). It is a rule and nothing else: no free text can
// ride in it, and no frequency finer than a day.
func checkRRule(r string) string {
	if r == "" {
		return ""
	}
	if len(r) > 200 {
		return "at most 200 characters"
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(strings.ToUpper(r), ";") {
		k, v, ok := strings.Cut(part, "=")
		check, known := rruleParts[k]
		switch {
		case !ok || !known:
			return "parts FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS, WKST"
		case seen[k]:
			return k + " once"
		case !check(v):
			if k == "FREQ" {
				return "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"
			}
			return "a valid " + k
		}
		seen[k] = true
	}
	if !seen["FREQ"] {
		return "a FREQ"
	}
	return ""
}

// EventService keeps the event calendar.
type EventService interface {
	// ReplaceEvents replaces every event of a source, in one transaction;
	// EINVALID when an event is unusable.
	ReplaceEvents(ctx context.Context, source string, events []Event) error
	// FindEvents returns every event, by source and reference.
	FindEvents(ctx context.Context) ([]Event, error)
}
