package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The demo's outcomes end to end: the real BAAC sample and the synthetic
// accidents are in the workspace with the holidays; importing again,
// refusing a row outside the area with its line, forecasting a match day
// and backtesting with the calendar.
func TestOutcomesForecastBacktest(t *testing.T) {
	dir := t.TempDir()
	var sum struct {
		DB        string
		Accidents int
	}
	decode(t, mustRun(t, "demo", "--dir", dir, "--no-serve", "--json").stdout, &sum)
	var srcs []struct {
		Name              string
		Counted, Unplaced int
		Filtered          int
		Synthetic         bool
		First, Last, Kind string
	}
	decode(t, mustRun(t, "outcomes", "list", "--db", sum.DB, "--json").stdout, &srcs)
	// By name: the real year, the synthetic series, the real sample. The
	// sample holds Marseille's 403 rows (32 coded by their arrondissement).
	if len(srcs) != 3 || srcs[0].Name != "accidents-marseille-2013" || srcs[0].Synthetic || srcs[0].Counted != 1935 || srcs[0].Unplaced != 548 ||
		srcs[0].Filtered != 0 || srcs[0].First != "2013-01-01" || srcs[0].Last != "2013-12-31" ||
		srcs[1].Name != "accidents-synthetiques" || !srcs[1].Synthetic || srcs[1].Counted != sum.Accidents ||
		srcs[2].Name != "baac-echantillon" || srcs[2].Synthetic || srcs[2].Counted+srcs[2].Unplaced != 403 || srcs[2].Filtered != 630-403 {
		t.Fatalf("sources %+v", srcs)
	}
	srcs = srcs[1:] // the synthetic series and the sample, below
	// The BAAC file again, under another name: the same counts.
	baac := filepath.Join(dir, "baac_dep13_sample.csv")
	var imp struct {
		Source struct{ Counted, Unplaced, Filtered int }
	}
	decode(t, mustRun(t, "outcomes", "import", "--db", sum.DB, "--source", "baac-2", "--format", "baac", "--insee", "13055", baac, "--json").stdout, &imp)
	if imp.Source.Counted != srcs[1].Counted || imp.Source.Filtered != srcs[1].Filtered {
		t.Errorf("again: %+v", imp)
	}
	// A row outside Marseille: refused with its line, and nothing stored.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("lon,lat,date\n5.38,43.29,2024-01-02\n2.35,48.85,2024-01-03\n"), 0o644)
	r := run(t, "outcomes", "import", "--db", sum.DB, "--source", "appels", "--kind", "calls", "--format", "csv", "--lon", "lon", "--lat", "lat", "--time", "date", bad)
	if r.code != 1 || !strings.Contains(r.stderr, `bad.csv:3: field "lon/lat"`) {
		t.Errorf("outside: exit %d, %q", r.code, r.stderr)
	}
	decode(t, mustRun(t, "outcomes", "list", "--db", sum.DB, "--json").stdout, &srcs)
	if len(srcs) != 4 { // the demo's three and baac-2
		t.Errorf("after a refused import: %d sources", len(srcs))
	}
	if r := run(t, "days", "import", "--db", sum.DB, "--zone", "D", "../../demo/data/calendar/vacances_scolaires.csv"); r.code != 1 || !strings.Contains(r.stderr, "vacances_zone_d") {
		t.Errorf("zone D: exit %d, %q", r.code, r.stderr)
	}
	var days struct {
		PublicHolidays int `json:"public_holidays"`
		School         int `json:"school_holiday_days"`
	}
	decode(t, mustRun(t, "days", "import", "--db", sum.DB, "../../demo/data/calendar/jours_feries_metropole.csv", "../../demo/data/calendar/vacances_scolaires.csv", "--json").stdout, &days)
	if days.PublicHolidays < 250 || days.School < 3000 {
		t.Errorf("days %+v", days)
	}
	// A match day, forecast from the workspace.
	var f struct {
		Method, Date string
		Meaningful   bool
		Calendar     bool
		Synthetic    bool
		Cells        []struct{ Expected float64 }
		Day          struct {
			SchoolHoliday bool `json:"school_holiday"`
			Happenings    []struct{ Kind, Name string }
		}
	}
	decode(t, mustRun(t, "forecast", "--db", sum.DB, "--date", "2024-03-10", "--top", "5", "--json").stdout, &f)
	if f.Date != "2024-03-10" || !f.Calendar || !f.Synthetic || len(f.Cells) != 5 || !f.Day.SchoolHoliday {
		t.Errorf("forecast %+v", f)
	}
	kinds := map[string]bool{}
	for _, h := range f.Day.Happenings {
		kinds[h.Kind] = true
	}
	if !kinds["match"] || kinds["market"] { // a Sunday: no market
		t.Errorf("2024-03-10: %+v", f.Day.Happenings)
	}
	text := mustRun(t, "forecast", "--db", sum.DB, "--date", "2024-03-10", "--top", "3").stdout
	if !strings.Contains(text, "SYNTHETIC") {
		t.Errorf("the text output does not say the data is synthetic:\n%s", text)
	}
	// The backtest contract from a workspace, with the calendar's method.
	var res []struct {
		Method  string
		HitRate map[string]float64 `json:"hit_rate"`
		PAI     map[string]float64
		Brier   float64
		BSS     *float64
		Days    int
	}
	decode(t, mustRun(t, "backtest", "--db", sum.DB, "--source", "accidents-synthetiques", "--from", "2024-07-01", "--json").stdout, &res)
	if len(res) != 6 || res[5].Method != "analogue_calendar" || res[0].Days != 184 {
		t.Fatalf("backtest %+v", res)
	}
	for _, m := range res {
		for _, k := range []string{"1", "5", "10", "20"} {
			if _, ok := m.PAI[k]; !ok || m.HitRate[k] <= 0 || m.BSS == nil {
				t.Errorf("%s: %+v", m.Method, m)
			}
		}
	}
	// Near the events: the same methods, scored on the match days' cells
	// within 1 km of the stadium only (a few cells, not the city's).
	type scored struct {
		Method string
		BSS    float64
		Days   int
		Cells  int
	}
	var city, near []scored
	decode(t, mustRun(t, "backtest", "--db", sum.DB, "--source", "accidents-synthetiques", "--from", "2022-01-01", "--event-days", "match", "--json").stdout, &city)
	decode(t, mustRun(t, "backtest", "--db", sum.DB, "--source", "accidents-synthetiques", "--from", "2022-01-01", "--event-days", "match", "--near", "1000", "--json").stdout, &near)
	methods := map[string]bool{}
	for _, r := range near {
		methods[r.Method] = true
	}
	if len(near) != 6 || !methods["analogue_days"] || !methods["analogue_calendar"] || near[0].Days != city[0].Days || near[0].Cells >= city[0].Cells/10 ||
		near[5].BSS <= city[5].BSS {
		t.Errorf("--near 1000: %+v\ncity-wide: %+v", near, city)
	}
	// The evening of the matches near the Vélodrome: the calendar's method
	// beats the others there (the planted +3 between 19:00 and midnight),
	// the window's forecast says the same, with its interval.
	var wins []struct {
		Method          string
		Windows         int
		MAE, Coverage90 float64
		Skill           float64
	}
	decode(t, mustRun(t, "backtest", "--db", sum.DB, "--source", "accidents-synthetiques", "--from", "2022-01-01", "--event-days", "match", "--near", "1000", "--hours", "18-24", "--json").stdout, &wins)
	if len(wins) != 4 || wins[3].Method != "analogue_calendar" || wins[3].Windows != near[0].Days || wins[3].Skill < wins[2].Skill+0.2 || wins[3].Coverage90 < 0.8 {
		t.Errorf("--hours 18-24: %+v", wins)
	}
	var win struct {
		Expected   float64
		EffectLow  float64 `json:"effect_low"`
		Low, High  int
		Meaningful bool
		Synthetic  bool
	}
	decode(t, mustRun(t, "forecast", "--db", sum.DB, "--source", "accidents-synthetiques", "--date", "2024-03-10", "--hours", "18-24", "--kind", "match", "--json").stdout, &win)
	if win.EffectLow <= 0 || win.Expected < 1.5 || !win.Meaningful || !win.Synthetic || win.High < 3 {
		t.Errorf("window %+v", win)
	}
	if r := run(t, "backtest", "--db", sum.DB, "--hours", "18-24"); r.code != 2 {
		t.Errorf("--hours without --event-days: exit %d", r.code)
	}
	if r := run(t, "backtest", "--db", sum.DB, "--near", "1000"); r.code != 2 {
		t.Errorf("--near without --event-days: exit %d", r.code)
	}
	if r := run(t, "backtest", "--db", sum.DB, "--incidents", baac, "--lon", "a", "--lat", "b", "--time", "c"); r.code != 2 {
		t.Errorf("--db and --incidents: exit %d", r.code)
	}
}
