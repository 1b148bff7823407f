package storetest

import (
	"testing"

	"github.com/clairvoie/clairvoie"
)

func testOutcomes(t *testing.T, st Stores) {
	src := clairvoie.OutcomeSource{Name: "baac", Kind: "accidents", Format: "baac", File: "caract.csv", CellM: 250, Lat0: 43.3,
		Counted: 4, Unplaced: 2, Filtered: 9, First: "2016-01-01", Last: "2016-01-02", Licence: "etalab-2.0"}
	counts := []clairvoie.OutcomeCount{{Day: "2016-01-01", X: 5, Y: 7, N: 2}, {Day: "2016-01-02", X: -3, Y: 7, N: 1}, {Day: "2016-01-01", X: 4, Y: 7, N: 1}}
	if err := st.Outcomes.ReplaceOutcomes(ctx, src, counts); err != nil {
		t.Fatal(err)
	}
	got, gc, err := st.Outcomes.FindOutcomes(ctx, "baac")
	if err != nil {
		t.Fatal(err)
	}
	if got.Counted != 4 || got.Unplaced != 2 || got.Filtered != 9 || got.Lat0 != 43.3 || got.CellM != 250 || got.File != "caract.csv" || got.First != "2016-01-01" || got.ImportedAt.IsZero() {
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
	if l, err := st.Outcomes.FindOutcomeSources(ctx); err != nil || len(l) != 1 || l[0].Name != "baac" {
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
