package calendar_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/calendar"
	"github.com/paulmach/orb"
)

var paris, _ = time.LoadLocation("Europe/Paris")

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		panic(err)
	}
	return t
}

// About 100 m per step.
func pt(x, y float64) orb.Point { return orb.Point{5.38 + x*0.00124, 43.27 + y*0.0009} }

func TestOccurrencesRRule(t *testing.T) {
	// The Prado market: every morning but Sunday, 8:00 to 13:00.
	m := clairvoie.Event{Ref: "prado", Kind: clairvoie.EventMarket, Start: at("2026-01-05 08:00"), End: at("2026-01-05 13:00"), Place: pt(0, 0),
		RRule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"}
	occ, err := calendar.Occurrences(&m, at("2026-03-01 00:00"), at("2026-03-15 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) != 12 {
		t.Fatalf("%d mornings in two weeks, want 12", len(occ))
	}
	for _, o := range occ {
		if o.Start.Weekday() == time.Sunday || o.Start.In(paris).Hour() != 8 || o.End.Sub(o.Start) != 5*time.Hour {
			t.Errorf("occurrence %v–%v", o.Start, o.End)
		}
	}
	m.RRule = "FREQ=SOMETIMES"
	if _, err := calendar.Occurrences(&m, at("2026-03-01 00:00"), at("2026-03-15 00:00")); err == nil || !strings.Contains(err.Error(), "rrule") {
		t.Errorf("bad rrule: %v", err)
	}
}

func TestConflicts(t *testing.T) {
	market := clairvoie.Event{Ref: "prado", Kind: clairvoie.EventMarket, Start: at("2026-01-05 08:00"), End: at("2026-01-05 13:00"),
		Place: orb.Polygon{{pt(0, 0), pt(5, 0), pt(5, 1), pt(0, 1), pt(0, 0)}}, RRule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"}
	// A march on Saturday 7 March at 11:00 whose route crosses the market
	// between the route's vertices.
	march := clairvoie.Event{Ref: "manif-1", Kind: clairvoie.EventDemonstration, Start: at("2026-03-07 11:00"), End: at("2026-03-07 14:00"),
		Place: orb.LineString{pt(2, -10), pt(3, 10)}, Attendance: 3000}
	// A match on Sunday 8 March, works 1 km away that evening, and a
	// concert of 8,000 the same night 600 m away.
	match := clairvoie.Event{Ref: "om-psg", Kind: clairvoie.EventMatch, Start: at("2026-03-08 21:00"), End: at("2026-03-08 23:00"), Place: pt(30, 0), Attendance: 60000}
	works := clairvoie.Event{Ref: "travaux-1", Kind: clairvoie.EventRoadWorks, Start: at("2026-03-08 19:00"), End: at("2026-03-09 06:00"), Place: pt(40, 0)}
	concert := clairvoie.Event{Ref: "concert", Kind: clairvoie.EventConcert, Start: at("2026-03-08 20:00"), End: at("2026-03-08 23:30"), Place: pt(36, 0), Attendance: 8000}
	// Works far from everything.
	far := clairvoie.Event{Ref: "travaux-2", Kind: clairvoie.EventRoadWorks, Start: at("2026-03-08 19:00"), End: at("2026-03-09 06:00"), Place: pt(200, 200)}
	cs, err := calendar.Conflicts([]clairvoie.Event{market, march, match, works, concert, far}, calendar.DefaultRules, at("2026-03-01 00:00"), at("2026-03-15 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cs {
		got[c.A.Ref+"/"+c.B.Ref] = c.ReasonEN
	}
	want := map[string]string{
		"manif-1/prado":    "a march passes a market",
		"travaux-1/om-psg": "works on the access roads of a match",
		"concert/om-psg":   "two crowds of over 5,000 within a kilometre",
	}
	if len(got) != len(want) {
		t.Errorf("conflicts %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	for _, c := range cs {
		if c.A.Ref == "manif-1" && c.DistanceM != 0 {
			t.Errorf("a route crossing the market is at %v m", c.DistanceM)
		}
	}
}

func TestDistance(t *testing.T) {
	d := calendar.Distance(pt(0, 0), pt(3, 4))
	if math.Abs(d-500) > 5 {
		t.Errorf("3-4-5 triangle: %.1f m", d)
	}
	if d := calendar.Distance(orb.Polygon{{pt(0, 0), pt(10, 0), pt(10, 10), pt(0, 10), pt(0, 0)}}, pt(5, 5)); d != 0 {
		t.Errorf("a point in an area: %v", d)
	}
}
