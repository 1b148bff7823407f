// Package calendar expands events into occurrences (RFC 5545 recurrence
// rules) and finds the conflicts between them: a rule table says which
// kinds clash within what distance and what time margin (a march crossing
// a market, works on the access roads of a match, two large crowds
// together). Pure: events and rules in, conflicts out, each with its reason.
package calendar

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/teambition/rrule-go"
)

// Occurrence is one happening of an event.
type Occurrence struct {
	Event      *clairvoie.Event `json:"-"`
	Ref        string           `json:"ref"`
	Kind       string           `json:"kind"`
	Name       string           `json:"name"`
	Start      time.Time        `json:"start"`
	End        time.Time        `json:"end"`
	Attendance int              `json:"attendance"`
	Synthetic  bool             `json:"synthetic"`
}

// Occurrences returns e's occurrences that overlap [from, to).
func Occurrences(e *clairvoie.Event, from, to time.Time) ([]Occurrence, error) {
	dur := e.End.Sub(e.Start)
	occ := func(start time.Time) Occurrence {
		return Occurrence{Event: e, Ref: e.Ref, Kind: string(e.Kind), Name: e.Name, Start: start, End: start.Add(dur), Attendance: e.Attendance, Synthetic: e.Synthetic}
	}
	if e.RRule == "" {
		if e.End.After(from) && e.Start.Before(to) {
			return []Occurrence{occ(e.Start)}, nil
		}
		return nil, nil
	}
	opt, err := rrule.StrToROptionInLocation(e.RRule, e.Start.Location())
	if err != nil {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "event %q: rrule %q: %v", e.Ref, e.RRule, err)
	}
	opt.Dtstart = e.Start
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "event %q: rrule %q: %v", e.Ref, e.RRule, err)
	}
	var out []Occurrence
	for _, t := range r.Between(from.Add(-dur), to, true) {
		if o := occ(t); o.End.After(from) && o.Start.Before(to) {
			out = append(out, o)
		}
	}
	return out, nil
}

// Rule says that two kinds clash when their places are within WithinM
// metres and their times overlap or are less than Margin apart; with
// MinAttendance, only when both expect that many people.
type Rule struct {
	A             clairvoie.EventKind `json:"a"`
	B             clairvoie.EventKind `json:"b"`
	WithinM       float64             `json:"within_m"`
	Margin        Duration            `json:"margin"`
	MinAttendance int                 `json:"min_attendance,omitempty"`
	ReasonFR      string              `json:"reason_fr"`
	ReasonEN      string              `json:"reason_en"`
}

// Duration is a time.Duration written as "2h30m" in JSON.
type Duration struct{ time.Duration }

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil || v < 0 {
		return fmt.Errorf("a duration such as 2h or 30m")
	}
	d.Duration = v
	return nil
}

// DefaultRules are the rules unless the city gives its own (a JSON list).
var DefaultRules = []Rule{
	{A: clairvoie.EventDemonstration, B: clairvoie.EventMarket, WithinM: 200, Margin: Duration{time.Hour},
		ReasonFR: "une manifestation passe près d'un marché", ReasonEN: "a march passes a market"},
	{A: clairvoie.EventRoadWorks, B: clairvoie.EventMatch, WithinM: 1500, Margin: Duration{3 * time.Hour},
		ReasonFR: "des travaux sur les accès d'un match", ReasonEN: "works on the access roads of a match"},
	{A: clairvoie.EventDemonstration, B: clairvoie.EventMatch, WithinM: 1500, Margin: Duration{3 * time.Hour},
		ReasonFR: "une manifestation près d'un match", ReasonEN: "a march near a match"},
	{A: clairvoie.EventRoadWorks, B: clairvoie.EventDemonstration, WithinM: 100, Margin: Duration{0},
		ReasonFR: "des travaux sur le parcours d'une manifestation", ReasonEN: "works on a march's route"},
	{A: clairvoie.EventRoadWorks, B: clairvoie.EventMarket, WithinM: 100, Margin: Duration{0},
		ReasonFR: "des travaux sur un marché", ReasonEN: "works on a market"},
	{A: "*", B: "*", WithinM: 1000, Margin: Duration{time.Hour}, MinAttendance: 5000,
		ReasonFR: "deux foules de plus de 5 000 personnes à moins d'un kilomètre", ReasonEN: "two crowds of over 5,000 within a kilometre"},
}

// Conflict is two occurrences that a rule says clash.
type Conflict struct {
	A         Occurrence `json:"a"`
	B         Occurrence `json:"b"`
	DistanceM float64    `json:"distance_m"`
	GapMin    float64    `json:"gap_min"` // minutes between them; 0 when they overlap
	ReasonFR  string     `json:"reason_fr"`
	ReasonEN  string     `json:"reason_en"`
}

func (r Rule) matches(a, b Occurrence) bool {
	kind := func(k clairvoie.EventKind, o Occurrence) bool { return k == "*" || string(k) == o.Kind }
	if r.MinAttendance > 0 && (a.Attendance < r.MinAttendance || b.Attendance < r.MinAttendance) {
		return false
	}
	return kind(r.A, a) && kind(r.B, b)
}

// Conflicts returns the conflicts between the events' occurrences in
// [from, to), by start time; a pair is reported once, with the first rule
// that matches it.
func Conflicts(events []clairvoie.Event, rules []Rule, from, to time.Time) ([]Conflict, error) {
	var occ []Occurrence
	for i := range events {
		os, err := Occurrences(&events[i], from, to)
		if err != nil {
			return nil, err
		}
		occ = append(occ, os...)
	}
	sort.SliceStable(occ, func(i, j int) bool { return occ[i].Start.Before(occ[j].Start) })
	maxMargin := time.Duration(0)
	for _, r := range rules {
		maxMargin = max(maxMargin, r.Margin.Duration)
	}
	// Sweep: an occurrence only meets those that start before it ends (plus
	// the largest margin).
	var out []Conflict
	for i := range occ {
		for j := i + 1; j < len(occ) && occ[j].Start.Before(occ[i].End.Add(maxMargin)); j++ {
			a, b := occ[i], occ[j]
			if a.Ref == b.Ref {
				continue
			}
			gap := max(time.Duration(0), b.Start.Sub(a.End), a.Start.Sub(b.End))
			for _, r := range rules {
				x, y := a, b
				if !r.matches(x, y) {
					x, y = b, a
					if !r.matches(x, y) {
						continue
					}
				}
				if gap > r.Margin.Duration {
					continue
				}
				d := Distance(x.Event.Place, y.Event.Place)
				if d > r.WithinM {
					continue
				}
				out = append(out, Conflict{A: x, B: y, DistanceM: math.Round(d), GapMin: gap.Minutes(), ReasonFR: r.ReasonFR, ReasonEN: r.ReasonEN})
				break
			}
		}
	}
	return out, nil
}

// Distance is the shortest distance in metres between two places (points,
// routes, areas), in a local projection: 0 when one touches or lies in the
// other.
func Distance(a, b orb.Geometry) float64 {
	lat := (a.Bound().Center()[1] + b.Bound().Center()[1]) / 2
	kx, ky := 111320*math.Cos(lat*math.Pi/180), 110540.0
	proj := func(g orb.Geometry) orb.Geometry {
		p := func(q orb.Point) orb.Point { return orb.Point{q[0] * kx, q[1] * ky} }
		switch g := g.(type) {
		case orb.Point:
			return p(g)
		case orb.LineString:
			out := make(orb.LineString, len(g))
			for i, q := range g {
				out[i] = p(q)
			}
			return out
		case orb.Polygon:
			out := make(orb.Polygon, len(g))
			for i, ring := range g {
				out[i] = make(orb.Ring, len(ring))
				for k, q := range ring {
					out[i][k] = p(q)
				}
			}
			return out
		}
		return g
	}
	pa, pb := proj(a), proj(b)
	if poly, ok := pa.(orb.Polygon); ok && anyInside(poly, pb) {
		return 0
	}
	if poly, ok := pb.(orb.Polygon); ok && anyInside(poly, pa) {
		return 0
	}
	if crosses(pa, pb) {
		return 0 // a march crossing a route between their vertices
	}
	best := math.Inf(1)
	for _, q := range Points(pa) {
		best = math.Min(best, planar.DistanceFrom(pb, q))
	}
	for _, q := range Points(pb) {
		best = math.Min(best, planar.DistanceFrom(pa, q))
	}
	return best
}

// Points are the points of a place: a point, a route's vertices, an area's
// outline.
func Points(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.LineString:
		return g
	case orb.Polygon:
		var out []orb.Point
		for _, r := range g {
			out = append(out, r...)
		}
		return out
	}
	return nil
}

func anyInside(poly orb.Polygon, g orb.Geometry) bool {
	for _, q := range Points(g) {
		if planar.PolygonContains(poly, q) {
			return true
		}
	}
	return false
}

// segments are a line's or an area's edges.
func segments(g orb.Geometry) [][2]orb.Point {
	var out [][2]orb.Point
	add := func(l []orb.Point) {
		for i := 0; i+1 < len(l); i++ {
			out = append(out, [2]orb.Point{l[i], l[i+1]})
		}
	}
	switch g := g.(type) {
	case orb.LineString:
		add(g)
	case orb.Polygon:
		for _, r := range g {
			add(r)
		}
	}
	return out
}

// crosses tells whether an edge of a meets an edge of b.
func crosses(a, b orb.Geometry) bool {
	cross := func(o, p, q orb.Point) float64 { return (p[0]-o[0])*(q[1]-o[1]) - (p[1]-o[1])*(q[0]-o[0]) }
	for _, s := range segments(a) {
		for _, t := range segments(b) {
			d1, d2 := cross(t[0], t[1], s[0]), cross(t[0], t[1], s[1])
			d3, d4 := cross(s[0], s[1], t[0]), cross(s[0], s[1], t[1])
			if ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) {
				return true
			}
		}
	}
	return false
}
