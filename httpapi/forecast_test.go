package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/forecast"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/internal/splitmix"
	"github.com/clairvoie/clairvoie/planning"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// forecastServer serves 400 days of synthetic counts with a match every
// Sunday (57 of them after the first day); the backtest covers the last
// two years, here every day but the first.
func forecastServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "fc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rng, hrs := &splitmix.Rand{S: 5}, &splitmix.Rand{S: 6}
	g := forecast.Grid{CellM: 250, Lat0: 43.3}
	var evs []forecast.Event
	var matches []clairvoie.Event
	paris, _ := time.LoadLocation("Europe/Paris")
	for d := 0; d < 400; d++ {
		day := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d)
		for k := 0; k < 6; k++ {
			at := time.Date(day.Year(), day.Month(), day.Day(), hrs.Intn(24), 0, 0, 0, time.UTC)
			evs = append(evs, forecast.Event{At: at, Timed: true, Lon: 5.36 + rng.Float()*0.03, Lat: 43.29 + rng.Float()*0.02})
		}
		if day.Weekday() == time.Sunday {
			matches = append(matches, clairvoie.Event{Ref: day.Format("m20060102"), Kind: clairvoie.EventMatch, Name: "Match",
				Start: time.Date(day.Year(), day.Month(), day.Day(), 21, 0, 0, 0, paris), End: time.Date(day.Year(), day.Month(), day.Day(), 23, 0, 0, 0, paris), Place: orb.Point{5.37, 43.30}})
			evening := time.Date(day.Year(), day.Month(), day.Day(), 22, 0, 0, 0, time.UTC)
			evs = append(evs, forecast.Event{At: evening, Timed: true, Lon: 5.37, Lat: 43.30}, forecast.Event{At: evening, Timed: true, Lon: 5.37, Lat: 43.30})
		}
	}
	var counts []clairvoie.OutcomeCount
	for _, c := range forecast.Tally(g, evs) {
		counts = append(counts, clairvoie.OutcomeCount{Day: c.Day.Format("2006-01-02"), X: c.X, Y: c.Y, N: c.N, Hours: c.Hours})
	}
	out := sqlite.NewOutcomeService(db)
	if err := out.ReplaceOutcomes(ctx, clairvoie.OutcomeSource{Name: "synth", Kind: "accidents", Format: "csv", CellM: 250, Lat0: 43.3, Synthetic: true,
		First: counts[0].Day, Last: counts[len(counts)-1].Day, Counted: len(evs)}, counts); err != nil {
		t.Fatal(err)
	}
	events := sqlite.NewEventService(db)
	if err := events.ReplaceEvents(ctx, "ville", matches); err != nil {
		t.Fatal(err)
	}
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), Areas: sqlite.NewAreaService(db), Outcomes: out, Days: out, Events: events}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func TestForecastAPI(t *testing.T) {
	ts := forecastServer(t)
	var srcs []clairvoie.OutcomeSource
	get(t, ts, "/api/outcomes", http.StatusOK, &srcs)
	if len(srcs) != 1 || srcs[0].Name != "synth" || !srcs[0].Synthetic {
		t.Fatalf("sources %+v", srcs)
	}
	var f struct {
		Date       string
		Method     string
		Meaningful bool
		WhyNot     []string `json:"why_not"`
		Calendar   bool
		Synthetic  bool
		Cells      []struct {
			Lon, Lat, Expected float64
			Low, High          int
			Events             []string
		}
		Skill []forecast.Result
		Day   forecast.DayInfo
	}
	get(t, ts, "/api/forecast?date=2025-01-26&top=7", http.StatusOK, &f) // a Sunday: a match
	if f.Date != "2025-01-26" || len(f.Cells) != 7 || !f.Calendar || !f.Synthetic || len(f.Skill) != 6 || len(f.Day.Happenings) != 1 {
		t.Fatalf("forecast %+v", f)
	}
	ok, why := forecast.Verdict(f.Skill, "analogue_calendar")
	if ok != f.Meaningful || len(why) != len(f.WhyNot) {
		t.Errorf("meaningful %v, verdict %v %v", f.Meaningful, ok, why)
	}
	if len(f.Cells[0].Events) != 1 || f.Cells[0].Lon < 5.369 || f.Cells[0].Lon > 5.372 {
		t.Errorf("the match's cell should lead: %+v", f.Cells[0])
	}
	var b httpapi.Backtest
	get(t, ts, "/api/backtest", http.StatusOK, &b)
	if b.Method != "analogue_calendar" || len(b.Results) != 6 || b.From != "2024-01-02" || b.To != "2025-02-03" || !b.Synthetic || b.Results[0].Days != 399 {
		t.Errorf("backtest %+v", b)
	}
	get(t, ts, "/api/backtest?event_days=match", http.StatusOK, &b)
	if b.EventDays != "match" || b.Results[0].Days != 57 {
		t.Errorf("match days: %s, %d days", b.EventDays, b.Results[0].Days)
	}
	for _, path := range []string{"/api/forecast?date=tomorrow", "/api/forecast?date=2024-01-05", "/api/forecast?date=2025-01-26&top=0", "/api/backtest?event_days=concert"} {
		var e struct {
			Error struct{ Code, Message string }
		}
		get(t, ts, path, http.StatusBadRequest, &e)
		if e.Error.Code != "invalid" || e.Error.Message == "" {
			t.Errorf("%s: %+v", path, e)
		}
	}
	get(t, ts, "/api/forecast?date=2025-01-26&source=nope", http.StatusNotFound, nil)
	// A window: the match's evening near the stadium, with the effect of
	// the past matches there and its interval; the same hours elsewhere.
	var win planning.WindowAnswer
	get(t, ts, "/api/forecast?date=2025-01-26&hours=18-24&kind=match", http.StatusOK, &win)
	if win.From != 18 || win.To != 24 || win.TimeZone != "Europe/Paris" || len(win.Events) != 1 || !win.EnoughEvents || win.EffectLow <= 0 ||
		win.Expected < win.Base+1 || win.High < 2 || len(win.Skill) != 4 || !win.Synthetic {
		t.Errorf("window %+v", win)
	}
	var wb httpapi.Backtest
	get(t, ts, "/api/backtest?event_days=match&near=500&hours=18-24", http.StatusOK, &wb)
	if wb.Hours != "18-24" || len(wb.Windows) != 4 || wb.Windows[3].Method != "analogue_calendar" || wb.Windows[3].Windows < 45 || wb.NearM != 500 {
		t.Errorf("window backtest %+v", wb)
	}
	// The verdict follows the scores: here every Sunday has a match, so the
	// same weekday already knows the evening, and the calendar's shrunk
	// effect does worse — which the answer must say.
	best := wb.Windows[0].MAE
	for _, w := range wb.Windows[:3] {
		best = min(best, w.MAE)
	}
	if wb.Meaningful != (wb.Windows[3].MAE < best) || (!wb.Meaningful && (len(wb.WhyNot) == 0 || !strings.Contains(wb.WhyNot[0], "same_weekday"))) {
		t.Errorf("verdict %v %v on %+v", wb.Meaningful, wb.WhyNot, wb.Windows)
	}
	get(t, ts, "/api/backtest?hours=18-24", http.StatusBadRequest, nil)
	get(t, ts, "/api/forecast?date=2025-01-26&hours=6-12&kind=match", http.StatusOK, &win)
	if win.RawEffect > 0.5 {
		t.Errorf("the morning of a match: effect %.2f", win.RawEffect)
	}
	for _, path := range []string{"/api/forecast?date=2025-01-26&hours=25-3", "/api/forecast?date=2025-01-27&hours=18-24&kind=match",
		"/api/forecast?date=2025-01-26&hours=18-24&at=5.37", "/api/forecast?date=2025-01-26&hours=18-24&kind=match&radius=1e9"} {
		var e struct {
			Error struct {
				Code     string
				Messages map[string]string
			}
		}
		get(t, ts, path, http.StatusBadRequest, &e)
		if e.Error.Code != "invalid" || e.Error.Messages["fr"] == "" {
			t.Errorf("%s: %+v", path, e)
		}
	}
	// Without outcome counts, the server says so.
	bare := httptest.NewServer((&httpapi.Server{}).Handler())
	defer bare.Close()
	get(t, bare, "/api/forecast?date=2025-01-26", http.StatusNotFound, nil)
	get(t, bare, "/api/outcomes", http.StatusOK, &srcs)
	if len(srcs) != 0 {
		t.Errorf("bare server: %+v", srcs)
	}
}
