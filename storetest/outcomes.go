package storetest

import (
	"testing"

	"github.com/clairvoie/clairvoie"
)

func testOutcomes(t *testing.T, st Stores) {
	src := clairvoie.OutcomeSource{Name: "baac", Kind: "accidents", Format: "baac", File: "caract.csv", CellM: 250, Lat0: 43.3,
		Counted: 4, Unplaced: 2, Filtered: 9, First: "2016-01-01", Last: "2016-01-02", Licence: "etalab-2.0", Timed: 3}
	counts := []clairvoie.OutcomeCount{{Day: "2016-01-01", X: 5, Y: 7, N: 2, Hours: clairvoie.Hours{18: 1, 23: 1}}, {Day: "2016-01-02", X: -3, Y: 7, N: 1}, {Day: "2016-01-01", X: 4, Y: 7, N: 1, Hours: clairvoie.Hours{0: 1}}}
	if err := st.Outcomes.ReplaceOutcomes(ctx, src, counts); err != nil {
		t.Fatal(err)
	}
	got, gc, err := st.Outcomes.FindOutcomes(ctx, "baac")
	if err != nil {
		t.Fatal(err)
	}
	if got.Counted != 4 || got.Timed != 3 || got.Unplaced != 2 || got.Filtered != 9 || got.Lat0 != 43.3 || got.CellM != 250 || got.File != "caract.csv" || got.First != "2016-01-01" || got.ImportedAt.IsZero() {
		t.Errorf("source %+v", got)
	}
	want := []clairvoie.OutcomeCount{counts[2], counts[0], counts[1]} // by day, then y, then x
	if len(gc) != 3 || gc[0] != want[0] || gc[1] != want[1] || gc[2] != want[2] {
		t.Errorf("counts %+v, want %+v", gc, want)
	}
	// All or nothing: a bad count keeps the source as it was.
	bad := append(append([]clairvoie.OutcomeCount{}, counts...), clairvoie.OutcomeCount{Day: "2016-13-01", N: 1})
	if err := st.Outcomes.ReplaceOutcomes(ctx, src, bad); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("a bad day: %v", err)
	}
	if _, gc, _ := st.Outcomes.FindOutcomes(ctx, "baac"); len(gc) != 3 {
		t.Errorf("after a refused import: %d counts", len(gc))
	}
	// More outcomes by hour than in the day: refused.
	over := []clairvoie.OutcomeCount{{Day: "2016-01-01", X: 1, Y: 1, N: 1, Hours: clairvoie.Hours{3: 1, 4: 1}}}
	if err := st.Outcomes.ReplaceOutcomes(ctx, src, over); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("hours over the day's count: %v", err)
	}
	// A day and cell given twice are summed, hours too.
	twice := []clairvoie.OutcomeCount{{Day: "2016-01-01", X: 1, Y: 1, N: 2, Hours: clairvoie.Hours{3: 1}}, {Day: "2016-01-01", X: 1, Y: 1, N: 1, Hours: clairvoie.Hours{3: 1}}}
	if err := st.Outcomes.ReplaceOutcomes(ctx, clairvoie.OutcomeSource{Name: "twice", Kind: "calls", Format: "csv", CellM: 100}, twice); err != nil {
		t.Fatal(err)
	}
	if _, gc, _ := st.Outcomes.FindOutcomes(ctx, "twice"); len(gc) != 1 || gc[0].N != 3 || gc[0].Hours[3] != 2 || gc[0].Hours.Sum(0, 24) != 2 {
		t.Errorf("summed: %+v", gc)
	}
	// Replacing keeps nothing of the old counts.
	if err := st.Outcomes.ReplaceOutcomes(ctx, src, counts[:1]); err != nil {
		t.Fatal(err)
	}
	if _, gc, _ := st.Outcomes.FindOutcomes(ctx, "baac"); len(gc) != 1 {
		t.Errorf("replaced: %d counts", len(gc))
	}
	if _, _, err := st.Outcomes.FindOutcomes(ctx, "nope"); clairvoie.ErrorCode(err) != clairvoie.ENOTFOUND {
		t.Errorf("unknown source: %v", err)
	}
	if l, err := st.Outcomes.FindOutcomeSources(ctx); err != nil || len(l) != 2 || l[0].Name != "baac" {
		t.Errorf("sources %+v, %v", l, err)
	}
	// Days: a holiday during school holidays keeps both marks.
	days := []clairvoie.CalendarDay{{Day: "2016-11-01", Holiday: "Toussaint"}, {Day: "2016-11-01", SchoolHoliday: true}, {Day: "2016-10-31", SchoolHoliday: true}}
	if err := st.Days.ReplaceDays(ctx, "etalab", days); err != nil {
		t.Fatal(err)
	}
	gd, err := st.Days.FindDays(ctx)
	if err != nil || len(gd) != 2 || gd[1] != (clairvoie.CalendarDay{Day: "2016-11-01", Holiday: "Toussaint", SchoolHoliday: true}) || gd[0].Day != "2016-10-31" {
		t.Errorf("days %+v, %v", gd, err)
	}
	if err := st.Days.ReplaceDays(ctx, "etalab", []clairvoie.CalendarDay{{Day: "1 nov"}}); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("a bad day: %v", err)
	}
	if gd, _ := st.Days.FindDays(ctx); len(gd) != 2 {
		t.Errorf("after a refused import: %d days", len(gd))
	}
}

func testSettings(t *testing.T, st Stores) {
	if s, err := st.Settings.Settings(ctx); err != nil || s.TimeZone != clairvoie.DefaultTimeZone {
		t.Errorf("a new workspace: %+v, %v", s, err)
	}
	for _, z := range []string{"America/Martinique", "Pacific/Noumea"} {
		if err := st.Settings.SetTimeZone(ctx, z); err != nil {
			t.Fatal(err)
		}
		if s, err := st.Settings.Settings(ctx); err != nil || s.TimeZone != z || s.Location().String() != z {
			t.Errorf("set %s: %+v, %v", z, s, err)
		}
	}
	for _, bad := range []string{"", "Local", "Europe/Marseille", "../../etc/passwd", "UTC+1"} {
		if err := st.Settings.SetTimeZone(ctx, bad); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("zone %q: %v", bad, err)
		}
	}
	if s, _ := st.Settings.Settings(ctx); s.TimeZone != "Pacific/Noumea" {
		t.Errorf("after refusals: %+v", s)
	}
}
