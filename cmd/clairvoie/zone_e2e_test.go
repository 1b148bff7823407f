package main_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The workspace's time zone, end to end: the same calendar imported into
// workspaces of metropolitan France and its five overseas zones puts each
// event on the day it has there — an instant given in UTC, a local time
// without an offset, an event at 23:30, one crossing midnight, a weekly
// event across the change to summer time.
func TestWorkspaceTimeZones(t *testing.T) {
	dir := t.TempDir()
	type event struct {
		Ref   string
		Start string
		End   string
	}
	dayEvents := func(db, day string) map[string]event {
		var out struct {
			Date, Timezone string
			Events         []event
		}
		decode(t, mustRun(t, "forecast", "--db", db, "--date", day, "--json").stdout, &out)
		if out.Date != day {
			t.Fatalf("forecast of %s: %+v", day, out)
		}
		m := map[string]event{}
		for _, e := range out.Events {
			m[e.Ref] = e
		}
		return m
	}
	for _, tc := range []struct {
		zone string
		// the day on which 2026-03-15T02:30:00Z falls there
		utcDay string
	}{
		{"Europe/Paris", "2026-03-15"},
		{"America/Martinique", "2026-03-14"}, // UTC-4: 22:30 the evening before
		{"America/Cayenne", "2026-03-14"},    // UTC-3: 23:30
		{"Indian/Reunion", "2026-03-15"},     // UTC+4
		{"Indian/Mayotte", "2026-03-15"},     // UTC+3
		{"Pacific/Noumea", "2026-03-15"},     // UTC+11
	} {
		t.Run(strings.ReplaceAll(tc.zone, "/", "-"), func(t *testing.T) {
			db := filepath.Join(dir, strings.ReplaceAll(tc.zone, "/", "-")+".db")
			var set struct {
				Timezone string
				Changed  bool
			}
			decode(t, mustRun(t, "workspace", "--db", db, "--timezone", tc.zone, "--json").stdout, &set)
			decode(t, mustRun(t, "workspace", "--db", db, "--json").stdout, &set)
			if set.Timezone != tc.zone || set.Changed {
				t.Fatalf("settings %+v", set)
			}
			loc, _ := time.LoadLocation(tc.zone)
			utc := func(y int, m time.Month, d, h, min int) string {
				return time.Date(y, m, d, h, min, 0, 0, loc).UTC().Format(time.RFC3339)
			}
			csv := "ref,kind,name,start,end,lon,lat,attendance,organiser,rrule\n" +
				// 23:30 local, given as a UTC instant
				fmt.Sprintf("late,match,Match tardif,%s,%s,5.3959,43.2698,1000,club,\n", utc(2026, 3, 14, 23, 30), utc(2026, 3, 14, 23, 59)) +
				// a local time without an offset
				"local,market,Marché,2026-03-14 19:05,2026-03-14 21:00,5.39,43.28,100,public,\n" +
				// crossing midnight
				fmt.Sprintf("night,concert,Concert de nuit,%s,%s,5.37,43.29,500,public,\n", utc(2026, 3, 20, 22, 0), utc(2026, 3, 21, 2, 0)) +
				// one UTC instant for every zone
				"instant,demonstration,Rassemblement,2026-03-15T02:30:00Z,2026-03-15T02:50:00Z,5.38,43.29,50,association,\n" +
				// weekly at 8:00 local, across Paris's change to summer time on 29 March
				"weekly,market,Marché hebdomadaire,2026-03-22 08:00,2026-03-22 12:00,5.38,43.28,200,public,FREQ=WEEKLY;COUNT=2\n"
			path := filepath.Join(dir, "cal-"+filepath.Base(db)+".csv")
			if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
				t.Fatal(err)
			}
			mustRun(t, "events", "import", "--db", db, "--source", "cal", path)
			d14, d15 := dayEvents(db, "2026-03-14"), dayEvents(db, "2026-03-15")
			if e, ok := d14["late"]; !ok || !strings.HasPrefix(e.Start, "2026-03-14T23:30:00") {
				t.Errorf("23:30 on the 14th: %+v", d14)
			}
			if _, ok := d15["late"]; ok {
				t.Errorf("23:30 on the 14th also on the 15th: %+v", d15)
			}
			if e, ok := d14["local"]; !ok || e.Start != time.Date(2026, 3, 14, 19, 5, 0, 0, loc).Format(time.RFC3339) {
				t.Errorf("a local 19:05: %+v", d14["local"])
			}
			for day, evs := range map[string]map[string]event{"2026-03-14": d14, "2026-03-15": d15} {
				if _, ok := evs["instant"]; ok != (day == tc.utcDay) {
					t.Errorf("02:30 UTC on %s: %v, expected on %s only", day, ok, tc.utcDay)
				}
			}
			for _, day := range []string{"2026-03-20", "2026-03-21"} {
				if _, ok := dayEvents(db, day)["night"]; !ok {
					t.Errorf("the concert from 22:00 to 2:00 is not on %s", day)
				}
			}
			if _, ok := dayEvents(db, "2026-03-22")["night"]; ok {
				t.Error("the concert is on the 22nd")
			}
			for _, day := range []int{22, 29} {
				e, ok := dayEvents(db, fmt.Sprintf("2026-03-%d", day))["weekly"]
				if want := time.Date(2026, 3, day, 8, 0, 0, 0, loc).Format(time.RFC3339); !ok || e.Start != want {
					t.Errorf("weekly market on the %d: %+v, want %s", day, e, want)
				}
			}
		})
	}
	// Paris's summer time shows in the offsets: 8:00 is 8:00 on both Sundays.
	db := filepath.Join(dir, "Europe-Paris.db")
	if e := dayEvents(db, "2026-03-29")["weekly"]; e.Start != "2026-03-29T08:00:00+02:00" {
		t.Errorf("after the change: %+v", e)
	}
	if e := dayEvents(db, "2026-03-22")["weekly"]; e.Start != "2026-03-22T08:00:00+01:00" {
		t.Errorf("before the change: %+v", e)
	}
	// A zone that is not one is refused, and nothing is created.
	bad := filepath.Join(dir, "bad.db")
	if r := run(t, "workspace", "--db", bad, "--timezone", "Europe/Marseille"); r.code != 1 || !strings.Contains(r.stderr, "IANA") {
		t.Errorf("a made-up zone: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a refused zone created the workspace")
	}
	// Changing the zone says what keeps its old reading.
	r := mustRun(t, "workspace", "--db", db, "--timezone", "America/Martinique")
	if !strings.Contains(r.stdout, "was Europe/Paris") || !strings.Contains(r.stdout, "events were read in Europe/Paris") {
		t.Errorf("change: %q", r.stdout)
	}
}
