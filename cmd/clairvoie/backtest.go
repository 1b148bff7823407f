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

// backtestWindows scores the methods on the window of hours near the
// events of kind, on their days in [from, to).
func backtestWindows(m *Main, o *planning.Outlook, from, to int, kind, hours string, near float64, asJSON bool) error {
	if kind == "" {
		return usagef("backtest", "--hours goes with --event-days KIND")
	}
	h0, h1, err := planning.ParseHourRange(hours)
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
