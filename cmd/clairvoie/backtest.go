package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/forecast"
	"github.com/clairvoie/clairvoie/internal/utm"
	"github.com/clairvoie/clairvoie/planning"
)

const backtestUsage = `backtest --incidents FILE --lon COL --lat COL --time COL [--utm ZONE] [--cell METRES] [--from DATE] [--to DATE] [--json]
backtest --db FILE [--source NAME] [--from DATE] [--to DATE] [--event-days KIND [--near METRES] [--hours 18-24]] [--json]

Measures, one day ahead over a rolling origin, how well each method ranks the cells of a
metric grid (default 250 m) by the incidents to come: the long-term rate, the same-weekday
rate, a kernel density of the last four weeks, and the similar-past-days (analogue) method.
Prints, per method, the hit rate and the PAI at 1, 5, 10 and 20 % of the area, the PEI, the
Brier score and its skill against the long-term rate. The area is the cells where at least
one incident happened. Days before --from only train the methods (default: the first year).
The file is CSV, gzipped or not; only the three columns named are read, and rows are only
counted into cells and days. With --db, the workspace's outcome counts (see 'outcomes') are
scored instead, and when the workspace marks holidays or holds events, the analogue method
that knows them (analogue_calendar) is scored too; --event-days KIND scores only the days
with an event of that kind, and --near METRES only the cells within that distance of the
day's events of that kind (where an event's effect lives, which a city-wide score dilutes).
With --hours 18-24 as well, each method forecasts the count in those hours within --near
metres (1000 by default) of each event day's events (the last 365 such days at most) from the
days before it, and is scored by mean absolute error, bias, how often its 90 % interval held,
and its skill against the long-term rate (the source must give the time of day).`

func runBacktest(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("backtest")
	file := fs.String("incidents", "", "the incident file (CSV, optionally gzipped)")
	cols := incidentFlags(fs, "")
	dbPath := fs.String("db", "", "a workspace with outcome counts, instead of --incidents")
	source := fs.String("source", "", "with --db: the outcome source (default: the one with the most counts)")
	cell := fs.Float64("cell", 250, "cell size in metres")
	fromS := fs.String("from", "", "first day scored (default: a year after the first incident)")
	toS := fs.String("to", "", "last day scored (default: the last incident's)")
	card := fs.String("model-card", "", "also write a model card (Markdown) to this file")
	onKind := fs.String("event-days", "", "with --db: score only the days with an event of this kind (match, market…)")
	near := fs.Float64("near", 0, "with --event-days: score only the cells within this many metres of the day's events of that kind")
	hours := fs.String("hours", "", "with --event-days: score the count in these hours (18-24) within --near metres (1000 by default) of the events, per method")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	if _, err := m.parse(fs, backtestUsage, args); err != nil {
		return err
	}
	if *cell < 10 || *cell > 10000 {
		return usagef("backtest", "--cell %v: metres, 10 to 10000", *cell)
	}
	start := time.Now()
	o, skipped, err := outlookFrom(ctx, "backtest", *dbPath, *source, *file, *cols, *cell)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	s := o.Series
	day := func(v, name string, def int) (int, error) {
		if v == "" {
			return def, nil
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return 0, usagef("backtest", "--%s %q: expected YYYY-MM-DD", name, v)
		}
		return s.DayIndex(t), nil
	}
	from, err := day(*fromS, "from", min(365, s.Days-1))
	if err != nil {
		return err
	}
	to, err := day(*toS, "to", s.Days-1)
	if err != nil {
		return err
	}
	if from < 1 || to < from || to >= s.Days {
		return usagef("backtest", "the days scored must lie after the first day of data and within it (%s to %s)", s.Day(0).Format("2006-01-02"), s.Day(s.Days-1).Format("2006-01-02"))
	}
	if *near < 0 || *near > 20000 || (*near > 0 && *onKind == "") {
		return usagef("backtest", "--near METRES (0 to 20000) goes with --event-days KIND")
	}
	if *hours != "" {
		return backtestWindows(m, o, from, to+1, *onKind, *hours, *near, *asJSON)
	}
	res := o.Skill(from, to+1)
	if *onKind != "" {
		if res, err = o.SkillNearEvents(from, to+1, *onKind, *near); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	}
	if *card != "" {
		data := fmt.Sprintf("%s: %d incidents in %d cells of %.0f m, scored %s to %s (%d days)", o.Source.Name, s.Incidents(), len(s.Cells), s.CellM,
			s.Day(from).Format("2006-01-02"), s.Day(to).Format("2006-01-02"), to-from+1)
		if o.Source.Synthetic {
			data += " — SYNTHETIC data: these figures describe the generator, not a city"
		}
		var b strings.Builder
		// The card sets, beside the scores, each kind of event at each
		// place: its local scores and its effect with their intervals.
		if err := forecast.WriteCardWith(&b, data, res, o.Places(from, to+1)); err != nil {
			return err
		}
		if err := os.WriteFile(*card, []byte(b.String()), 0o644); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	}
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "%s: %d incidents (%d without a position left out), %d cells of %.0f m, scored %s to %s (%d days), %.1f s%s\n",
		o.Source.Name, s.Incidents(), skipped, len(s.Cells), s.CellM, s.Day(from).Format("2006-01-02"), s.Day(to).Format("2006-01-02"), res[0].Days, time.Since(start).Seconds(), syntheticMark(o.Source.Synthetic))
	fmt.Fprintf(m.Stdout, "%-18s %7s %7s %7s %7s   %7s %7s %7s %7s   %9s %7s\n", "method", "PAI 1%", "5%", "10%", "20%", "hit 1%", "5%", "10%", "20%", "Brier", "BSS")
	for _, r := range res {
		fmt.Fprintf(m.Stdout, "%-18s %7.2f %7.2f %7.2f %7.2f   %6.1f%% %6.1f%% %6.1f%% %6.1f%%   %9.6f %+7.4f\n", r.Method,
			r.PAI["1"], r.PAI["5"], r.PAI["10"], r.PAI["20"], 100*r.HitRate["1"], 100*r.HitRate["5"], 100*r.HitRate["10"], 100*r.HitRate["20"], r.Brier, r.BSS)
	}
	return nil
}

// incidentColumns are the flags naming an incident file's columns.
type incidentColumns struct{ lon, lat, time, utm string }

// incidentFlags registers --lon, --lat, --time and --utm (their help
// prefixed, e.g. "csv: ").
func incidentFlags(fs *flag.FlagSet, prefix string) *incidentColumns {
	ic := &incidentColumns{}
	fs.StringVar(&ic.lon, "lon", "", prefix+"the longitude column")
	fs.StringVar(&ic.lat, "lat", "", prefix+"the latitude column")
	fs.StringVar(&ic.time, "time", "", prefix+"the date or date-time column (or YEAR,MONTH,DAY columns)")
	fs.StringVar(&ic.utm, "utm", "", prefix+"--lon and --lat hold UTM eastings and northings in this zone (10N)")
	return ic
}

func (ic incidentColumns) columns(cmd string) (csvio.IncidentColumns, error) {
	cols := csvio.IncidentColumns{Lon: ic.lon, Lat: ic.lat, Time: ic.time}
	if ic.lon == "" || ic.lat == "" || ic.time == "" {
		return cols, usagef(cmd, "--lon, --lat and --time name the file's columns")
	}
	if ic.utm != "" {
		z, err := utm.ParseZone(ic.utm)
		if err != nil {
			return cols, usagef(cmd, "--utm: %v", err)
		}
		cols.UTM = &z
	}
	return cols, nil
}

// outlookFrom reads the counts to forecast: a workspace's outcome source
// (with its calendar) or an incident file (without one).
func outlookFrom(ctx context.Context, cmd, dbPath, source, file string, ic incidentColumns, cell float64) (*planning.Outlook, int, error) {
	if dbPath != "" {
		if file != "" {
			return nil, 0, usagef(cmd, "--db and --incidents: one or the other")
		}
		ws, err := openWorkspace(ctx, dbPath)
		if err != nil {
			return nil, 0, err
		}
		defer ws.Close()
		fs, err := ws.forecastServices(ctx)
		if err != nil {
			return nil, 0, err
		}
		o, err := planning.LoadOutlook(ctx, fs, source)
		if err != nil {
			return nil, 0, err
		}
		return o, o.Source.Unplaced, nil
	}
	cols, err := ic.columns(cmd)
	if err != nil {
		return nil, 0, err
	}
	if file == "" {
		return nil, 0, usagef(cmd, "--incidents, --lon, --lat and --time are required (or --db)")
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var events []forecast.Event
	skipped, err := csvio.ReadIncidents(f, file, cols, func(_ int, at time.Time, timed bool, lon, lat float64) error {
		events = append(events, forecast.Event{At: at, Timed: timed, Lon: lon, Lat: lat})
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	if len(events) == 0 {
		return nil, 0, clairvoie.Errorf(clairvoie.EINVALID, "%s: no incident with a position", file)
	}
	s := forecast.Build(events, cell)
	src := clairvoie.OutcomeSource{Name: filepath.Base(file), Kind: "incidents", Format: "csv", File: filepath.Base(file), CellM: cell, Lat0: s.Grid.Lat0,
		Counted: s.Incidents(), Unplaced: skipped, First: s.Day(0).Format("2006-01-02"), Last: s.Day(s.Days - 1).Format("2006-01-02")}
	return &planning.Outlook{Source: src, Series: s}, skipped, nil
}

const forecastUsage = `forecast --incidents FILE --lon COL --lat COL --time COL --date YYYY-MM-DD [--top N] [--cell METRES] [--json]
forecast --db FILE [--source NAME] --date YYYY-MM-DD [--top N] [--json]
forecast --db FILE [--source NAME] --date YYYY-MM-DD --hours 18-24 [--kind KIND | --at LON,LAT] [--radius METRES] [--json]

Where to send mediators on a day: the cells most incidents are expected in, each with a 90 %
interval (a Poisson count of that mean) and the events near it, the analogue days behind the
forecast, and the skill of each method measured over the year before the day (one day
ahead). The analogue method is used only if it beats every baseline there; otherwise the
answer says so and ranks the cells by the best other method instead (a baseline or the
self-exciting model). The day may be up to a year
after the last counted. With --db, the workspace's outcome counts, holidays and events; the
day's events are listed (in the workspace's zone), even when the workspace holds no counts.

--hours forecasts a window instead of the whole day — "the evening of the match, 18:00–24:00,
within 1 km of the stadium": the count in those hours near that day's events of --kind (or
near --at), from the same window on the most similar past days without such an event, plus
the effect the same kind of event had at the same place (each past event's window less its own
similar days', with its 90 % interval from three past events, shrunk toward zero by their
number), with the forecast's 90 % interval (negative binomial when the similar days vary more
than a Poisson count). The methods are scored on the same window of the past days with such an
event over the two years before (mean absolute error, bias, how often the 90 % interval held),
and the answer says whether the calendar's method beats the baselines there. Only outcomes
whose source gives the time of day are counted (BAAC does; the answer says what share).`

func runForecast(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("forecast")
	file := fs.String("incidents", "", "the incident file (CSV, optionally gzipped)")
	cols := incidentFlags(fs, "")
	dbPath := fs.String("db", "", "a workspace with outcome counts, instead of --incidents")
	source := fs.String("source", "", "with --db: the outcome source (default: the one with the most counts)")
	dateS := fs.String("date", "", "the day to forecast")
	top := fs.Int("top", 10, "how many cells")
	cell := fs.Float64("cell", 250, "cell size in metres")
	hours := fs.String("hours", "", "a window of the day instead of the whole day: 18-24, or 22-2 past midnight (the workspace's hours)")
	kind := fs.String("kind", "", "with --hours: the window is near that day's events of this kind (match, market…)")
	at := fs.String("at", "", "with --hours: the window is near this place, lon,lat")
	radius := fs.Float64("radius", forecast.EventRadius, "with --hours: metres around the events or the place")
	asJSON := fs.Bool("json", false, "print the forecast as JSON")
	if _, err := m.parse(fs, forecastUsage, args); err != nil {
		return err
	}
	var win *planning.WindowRequest
	if *hours != "" {
		from, to, err := planning.ParseHours(*hours)
		if err != nil {
			return usagef("forecast", "--hours: %s", err)
		}
		win = &planning.WindowRequest{From: from, To: to, Kind: *kind, RadiusM: *radius}
		if *at != "" {
			if win.At, err = planning.ParseAt(*at); err != nil {
				return usagef("forecast", "--at: %s", err)
			}
		}
	} else if *kind != "" || *at != "" {
		return usagef("forecast", "--kind and --at go with --hours")
	}
	if *dateS == "" || *top < 1 {
		return usagef("forecast", "--date is required; --top is 1 or more")
	}
	date, err := time.Parse("2006-01-02", *dateS)
	if err != nil {
		return usagef("forecast", "--date %q: expected YYYY-MM-DD", *dateS)
	}
	o, _, err := outlookFrom(ctx, "forecast", *dbPath, *source, *file, *cols, *cell)
	if clairvoie.ErrorCode(err) == clairvoie.ENOTFOUND && *dbPath != "" && *source == "" {
		return dayEventsOnly(ctx, m, *dbPath, date, *asJSON, err)
	}
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if win != nil {
		return printWindow(m, o, date, *win, *asJSON)
	}
	f, err := o.Day(date, *top)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, f)
	}
	if f.Synthetic {
		fmt.Fprintf(m.Stdout, "SYNTHETIC data (%s): the figures describe a generator, not a city.\n", f.Source.Name)
	}
	printDayEvents(m, f.Events, clairvoie.Settings{TimeZone: f.TimeZone}.Location())
	if f.Meaningful {
		fmt.Fprintf(m.Stdout, "%s: the similar-past-days forecast (%s) beats every baseline over %s to %s; cells to staff first:\n", f.Date, f.Method, f.SkillFrom, f.SkillTo)
	} else {
		fmt.Fprintf(m.Stdout, "%s: the similar-past-days forecast does NOT beat the baselines over %s to %s (%d shortfalls), so it is not used;\ncells ranked by %s, the best other method:\n",
			f.Date, f.SkillFrom, f.SkillTo, len(f.WhyNot), f.Method)
	}
	for i, c := range f.Cells {
		why := ""
		if len(c.Events) > 0 {
			why = "  near: " + strings.Join(c.Events, "; ")
		}
		fmt.Fprintf(m.Stdout, "%2d. %.5f, %.5f  expected %.2f (90 %%: %d–%d)%s\n", i+1, c.Lat, c.Lon, c.Expected, c.Low, c.High, why)
	}
	an := f.AnalogueDays
	if len(an) > 10 {
		an = append(an[:10:10], fmt.Sprintf("… (%d in all)", len(f.AnalogueDays)))
	}
	fmt.Fprintf(m.Stdout, "analogue days: %s\n", strings.Join(an, ", "))
	return nil
}

// dayEventsOnly answers a forecast asked of a workspace without outcome
// counts: no forecast, but the day's events, which the calendar knows.
func dayEventsOnly(ctx context.Context, m *Main, dbPath string, date time.Time, asJSON bool, why error) error {
	ws, err := openWorkspace(ctx, dbPath)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	defer ws.Close()
	fs, err := ws.forecastServices(ctx)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	evs, err := planning.DayEvents(ctx, fs, date)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	if evs == nil {
		evs = []forecast.Happening{}
	}
	note := "no forecast: " + why.Error()
	if asJSON {
		return writeJSON(m.Stdout, map[string]any{"date": date.Format("2006-01-02"), "timezone": fs.Zone.String(), "events": evs,
			"cells": []any{}, "meaningful": false, "notes": []string{note}})
	}
	fmt.Fprintf(m.Stdout, "%s (%s): %s\n", date.Format("2006-01-02"), fs.Zone, note)
	printDayEvents(m, evs, fs.Zone)
	return nil
}

// printDayEvents lists a day's events with their local times.
func printDayEvents(m *Main, evs []forecast.Happening, zone *time.Location) {
	for _, e := range evs {
		syn := ""
		if e.Synthetic {
			syn = " [synthétique]"
		}
		fmt.Fprintf(m.Stdout, "event: %s–%s %s (%s)%s\n", e.Start.In(zone).Format("2006-01-02 15:04"), e.End.In(zone).Format("2006-01-02 15:04"), e.Name, e.Kind, syn)
	}
}

// printWindow forecasts and prints a window of a day.
func printWindow(m *Main, o *planning.Outlook, date time.Time, req planning.WindowRequest, asJSON bool) error {
	w, err := o.Window(date, req)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	if asJSON {
		return writeJSON(m.Stdout, w)
	}
	if w.Synthetic {
		fmt.Fprintf(m.Stdout, "SYNTHETIC data (%s): the figures describe a generator, not a city.\n", w.Source.Name)
	}
	where := "the whole area"
	if w.Kind != "" {
		where = fmt.Sprintf("within %.0f m of the day's %s events", w.RadiusM, w.Kind)
	}
	if len(w.Places) == 1 && w.Kind == "" {
		where = fmt.Sprintf("within %.0f m of %.5f, %.5f", w.RadiusM, w.Places[0][1], w.Places[0][0])
	}
	fmt.Fprintf(m.Stdout, "%s, %02d:00–%02d:00 (%s), %s: expected %.2f (90 %%: %d–%d)\n", w.Date, w.From, clockHour(w.To), w.TimeZone, where, w.Expected, w.Low, w.High)
	fmt.Fprintf(m.Stdout, "  similar past days without such an event: %.2f", w.Base)
	if len(w.EventDays) > 0 {
		fmt.Fprintf(m.Stdout, "; effect of %d past %s events here: %+.2f", len(w.EventDays), w.Kind, w.RawEffect)
		if w.EnoughEvents {
			fmt.Fprintf(m.Stdout, " (90 %%: %+.2f to %+.2f)", w.EffectLow, w.EffectHigh)
		}
		fmt.Fprintf(m.Stdout, ", shrunk to %+.2f", w.Effect)
	}
	fmt.Fprintln(m.Stdout)
	if w.Observed != nil {
		fmt.Fprintf(m.Stdout, "  counted in that window: %d\n", *w.Observed)
	}
	for _, sc := range w.Skill {
		fmt.Fprintf(m.Stdout, "  %-18s %d windows (%s to %s): MAE %.2f, bias %+.2f, 90 %% interval held %.0f %%, skill %+.2f\n", sc.Method, sc.Windows, w.SkillFrom, w.SkillTo, sc.MAE, sc.Bias, 100*sc.Coverage90, sc.Skill)
	}
	if w.Meaningful {
		fmt.Fprintf(m.Stdout, "  %s beats every baseline on these windows\n", w.Method)
	} else {
		fmt.Fprintf(m.Stdout, "  %s does NOT beat the baselines here: %s\n", w.Method, strings.Join(w.WhyNot, "; "))
	}
	for _, n := range w.Notes {
		fmt.Fprintln(m.Stdout, "  note:", n)
	}
	return nil
}

// backtestWindows scores the methods on the window of hours near the
// events of kind, on their days in [from, to).
func backtestWindows(m *Main, o *planning.Outlook, from, to int, kind, hours string, near float64, asJSON bool) error {
	if kind == "" {
		return usagef("backtest", "--hours goes with --event-days KIND")
	}
	h0, h1, err := planning.ParseHours(hours)
	if err != nil {
		return usagef("backtest", "--hours: %s", err)
	}
	start := time.Now()
	res, span, err := o.SkillWindows(from, to, kind, h0, h1, near)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	if asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "%s: the count from %02d:00 to %02d:00 within %.0f m of the %s events, %d event days from %s to %s, %.1f s%s\n",
		o.Source.Name, h0, clockHour(h1), res[0].RadiusM, kind, res[0].Windows, span[0], span[1], time.Since(start).Seconds(), syntheticMark(o.Source.Synthetic))
	fmt.Fprintf(m.Stdout, "%-18s %8s %8s %8s %10s %8s\n", "method", "windows", "MAE", "bias", "90% held", "skill")
	for _, r := range res {
		fmt.Fprintf(m.Stdout, "%-18s %8d %8.2f %+8.2f %9.0f%% %+8.2f\n", r.Method, r.Windows, r.MAE, r.Bias, 100*r.Coverage90, r.Skill)
	}
	if res[0].Observed < 10 {
		fmt.Fprintf(m.Stdout, "%d outcomes counted in these windows: too few to judge any method\n", res[0].Observed)
	}
	return nil
}

// clockHour writes the end of a window as a clock does: 24 stays 24
// (midnight ending the day), 26 is 2 the next morning.
func clockHour(h int) int {
	if h > 24 {
		return h - 24
	}
	return h
}
