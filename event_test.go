package clairvoie_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// A recurrence is a rule, never a place for words, and a city's events
// recur at most daily: a rule every minute would put half a million
// occurrences a year in every forecast (a denial of service from a
// subscribed calendar).
func TestEventRRule(t *testing.T) {
	e := clairvoie.Event{Ref: "m", Kind: clairvoie.EventMarket, Name: "Marché", Start: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC),
		End: time.Date(2026, 1, 5, 13, 0, 0, 0, time.UTC), Place: orb.Point{5.39, 43.28}}
	for _, ok := range []string{"", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", "FREQ=WEEKLY;COUNT=4", "FREQ=DAILY;INTERVAL=2",
		"FREQ=MONTHLY;BYDAY=1SA", "FREQ=WEEKLY;UNTIL=20261231T000000Z;BYDAY=SA", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=14", "freq=weekly;byday=sa"} {
		e.RRule = ok
		if err := e.Validate(); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"FREQ=MINUTELY", "FREQ=HOURLY;COUNT=3", "FREQ=DAILY;BYHOUR=0,1,2,3", "FREQ=DAILY;BYMINUTE=0,30",
		"FREQ=DAILY;X-NOTE=Jean", "Jean Dupont", "BYDAY=SA", "FREQ=WEEKLY;FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SA SA", strings.Repeat("FREQ=DAILY;", 40)} {
		e.RRule = bad
		if err := e.Validate(); clairvoie.ErrorCode(err) != clairvoie.EINVALID || !strings.Contains(err.Error(), "rrule") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// A calendar's source name is shown on every page that lists its events:
// never a person's.
func TestEventSourceScreened(t *testing.T) {
	e := clairvoie.Event{Ref: "m", Kind: clairvoie.EventMarket, Name: "Marché", Start: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC),
		End: time.Date(2026, 1, 5, 13, 0, 0, 0, time.UTC), Place: orb.Point{5.39, 43.28}}
	if err := clairvoie.CheckEvents("voirie", []clairvoie.Event{e}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"jean.dupont@example.org", "06 12 34 56 78", strings.Repeat("x", 65)} {
		if err := clairvoie.CheckEvents(bad, []clairvoie.Event{e}); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("source %q: %v", bad, err)
		}
	}
}
