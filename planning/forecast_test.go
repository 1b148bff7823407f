package planning_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/forecast"
	"github.com/clairvoie/clairvoie/internal/splitmix"
	"github.com/clairvoie/clairvoie/planning"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// outcomeWorkspace is a town of 4 × 2 km with one commune, its holidays
// and a stadium that hosts a match every other Saturday, and writes
// 500 days of incidents (a busy corner, a match effect) to a CSV file.
func outcomeWorkspace(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	town := clairvoie.Area{Kind: clairvoie.AreaCommune, Code: "99001", Name: "Ville", Geometry: orb.Polygon{{{5.30, 43.30}, {5.35, 43.30}, {5.35, 43.32}, {5.30, 43.32}, {5.30, 43.30}}}}
	if err := sqlite.NewAreaService(db).ReplaceAreas(ctx, clairvoie.AreaCommune, []clairvoie.Area{town}); err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	var events []clairvoie.Event
	rng := &splitmix.Rand{S: 11}
	var b strings.Builder
	b.WriteString("lon,lat,when\n")
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < 500; d++ {
		day := day0.AddDate(0, 0, d)
		for k := 0; k < 5; k++ {
			lon, lat := 5.30+rng.Float()*0.05, 43.30+rng.Float()*0.02
			if rng.Float() < 0.3 {
				lon, lat = 5.3105, 43.3105 // the busy corner
			}
			fmt.Fprintf(&b, "%.5f,%.5f,%s 12:00\n", lon, lat, day.Format("2006-01-02"))
		}
		if day.Weekday() == time.Saturday && (d/7)%2 == 0 {
			events = append(events, clairvoie.Event{Ref: "m" + day.Format("20060102"), Kind: clairvoie.EventMatch, Name: "Match " + day.Format("02/01"),
				Start: time.Date(day.Year(), day.Month(), day.Day(), 21, 0, 0, 0, paris), End: time.Date(day.Year(), day.Month(), day.Day(), 23, 0, 0, 0, paris),
				Place: orb.Point{5.3405, 43.3155}, Attendance: 40000, Organiser: "club"})
			for k := 0; k < 4; k++ {
				fmt.Fprintf(&b, "5.34050,43.31550,%s 22:00\n", day.Format("2006-01-02"))
			}
		}
	}
	if err := sqlite.NewEventService(db).ReplaceEvents(ctx, "ville", events); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.NewOutcomeService(db).ReplaceDays(ctx, "test", []clairvoie.CalendarDay{{Day: "2024-05-01", Holiday: "1er mai"}, {Day: "2025-05-01", Holiday: "1er mai"}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "calls.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return db, path
}

func TestReadOutcomes(t *testing.T) {
	ctx := context.Background()
	db, path := outcomeWorkspace(t)
	areas := sqlite.NewAreaService(db)
	r := planning.OutcomeRead{Name: "appels", Kind: "calls", Format: "csv", Files: []string{path}, Columns: csvio.IncidentColumns{Lon: "lon", Lat: "lat", Time: "when"}}
	src, counts, err := planning.ReadOutcomes(ctx, areas, r)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range counts {
		total += c.N
	}
	if src.Counted != total || total < 2500 || src.Lat0 != 43.31 || src.CellM != 250 || src.First != "2024-01-01" || src.Last != "2025-05-14" || src.File != "calls.csv" {
		t.Errorf("source %+v, %d counted", src, total)
	}
	// A row outside the commune (padded by 500 m) names its line.
	b, _ := os.ReadFile(path)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, append(b, []byte("5.40000,43.31000,2025-05-14 10:00\n")...), 0o644)
	r.Files = []string{bad}
	_, _, err = planning.ReadOutcomes(ctx, areas, r)
	lines := strings.Count(string(b), "\n") + 1
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("bad.csv:%d: field \"lon/lat\"", lines)) {
		t.Errorf("outside: %v (want line %d)", err, lines)
	}
	r.SkipOutside = true
	if src, _, err := planning.ReadOutcomes(ctx, areas, r); err != nil || src.Outside != 1 || src.Counted != total {
		t.Errorf("skip outside: %+v, %v", src, err)
	}
	for _, c := range []struct {
		mod  func(*planning.OutcomeRead)
		want string
	}{
		{func(r *planning.OutcomeRead) { r.Kind = "crimes" }, "accidents, calls or incidents"},
		{func(r *planning.OutcomeRead) { r.Format = "xlsx" }, "baac or csv"},
		{func(r *planning.OutcomeRead) { r.CellM = 5 }, "10 to 10000"},
		{func(r *planning.OutcomeRead) { r.Columns.Time = "date" }, `field "date"`},
	} {
		rr := r
		c.mod(&rr)
		if _, _, err := planning.ReadOutcomes(ctx, areas, rr); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %s", rr, err, c.want)
		}
	}
}

func TestOutlookDay(t *testing.T) {
	ctx := context.Background()
	db, path := outcomeWorkspace(t)
	svc := sqlite.NewOutcomeService(db)
	src, counts, err := planning.ReadOutcomes(ctx, sqlite.NewAreaService(db), planning.OutcomeRead{Name: "appels", Kind: "calls", Format: "csv", Files: []string{path},
		Columns: csvio.IncidentColumns{Lon: "lon", Lat: "lat", Time: "when"}, Synthetic: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.ReplaceOutcomes(ctx, src, counts); err != nil {
		t.Fatal(err)
	}
	o, err := planning.LoadOutlook(ctx, planning.ForecastServices{Outcomes: svc, Days: svc, Events: sqlite.NewEventService(db)}, "")
	if err != nil {
		t.Fatal(err)
	}
	if o.Calendar == nil || !o.Calendar[time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)].Holiday {
		t.Fatal("the holidays are not in the calendar")
	}
	match := time.Date(2025, 5, 10, 0, 0, 0, 0, time.UTC) // a Saturday with a match
	if len(o.Calendar[match].Happenings) != 1 {
		t.Fatalf("2025-05-10: %+v", o.Calendar[match])
	}
	f, err := o.Day(match, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Cells) != 5 || len(f.AnalogueDays) != 30 || !f.Synthetic || !f.Calendar || f.SkillFrom != "2024-05-10" || f.SkillTo != "2025-05-09" {
		t.Fatalf("forecast %+v", f)
	}
	for i := 1; i < len(f.Cells); i++ {
		if f.Cells[i].Expected > f.Cells[i-1].Expected {
			t.Errorf("cells out of order: %+v", f.Cells)
		}
	}
	ok, why := forecast.Verdict(f.Skill, "analogue_calendar")
	if ok != f.Meaningful || len(why) != len(f.WhyNot) || (ok && f.Method != "analogue_calendar") || (!ok && strings.HasPrefix(f.Method, "analogue")) {
		t.Errorf("meaningful %v (%s), verdict %v %v", f.Meaningful, f.Method, ok, why)
	}
	// The stadium's cell is among the top ones on a match day, explained
	// by the match and the past matches, whichever method ranks.
	found := false
	for _, c := range f.Cells {
		if len(c.Events) == 1 && strings.HasPrefix(c.Events[0], "Match") && c.Lon > 5.339 && c.Lon < 5.342 {
			found = true
			if len(c.EventDays) < 10 || c.High < 1 {
				t.Errorf("stadium cell %+v", c)
			}
		}
	}
	if !found {
		t.Errorf("no stadium cell among %+v", f.Cells)
	}
	// The calendar's gain on match days is measured.
	res, err := o.SkillOnEventDays(130, o.Series.Days, "match")
	if err != nil || res[len(res)-1].Method != "analogue_calendar" || res[len(res)-1].BSS <= res[3].BSS || res[0].Days < 20 || res[0].Days > 30 {
		t.Errorf("match days: %v, %+v", err, res)
	}
	if _, err := o.SkillOnEventDays(130, o.Series.Days, "concert"); err == nil {
		t.Error("no concert day: expected an error")
	}
	// The model card's places: the stadium, with its local scores and the
	// matches' effect on the day with its interval.
	places := o.Places(130, o.Series.Days)
	if len(places) != 1 || places[0].Kind != "match" || places[0].EventDays < 20 || len(places[0].Local) != 6 || places[0].DayEffect == nil ||
		!places[0].DayEffect.EnoughEvents || places[0].DayEffect.EffectLow <= 0 {
		t.Fatalf("places %+v", places)
	}
	var card strings.Builder
	if err := forecast.WriteCardWith(&card, "test", res, places); err != nil || !strings.Contains(card.String(), "## Where the events are") ||
		!strings.Contains(card.String(), "| match | Match") {
		t.Errorf("card: %v\n%s", err, card.String())
	}
	if _, err := o.Day(time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC), 5); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("too early: %v", err)
	}
	if _, err := planning.LoadOutlook(ctx, planning.ForecastServices{Outcomes: svc}, "nope"); clairvoie.ErrorCode(err) != clairvoie.ENOTFOUND {
		t.Errorf("unknown source: %v", err)
	}
}
