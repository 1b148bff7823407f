package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/forecast"
)

const backtestUsage = `backtest --incidents FILE --lon COL --lat COL --time COL [--cell METRES] [--from DATE] [--to DATE] [--json]

Measures, one day ahead over a rolling origin, how well each method ranks the cells of a
metric grid (default 250 m) by the incidents to come: the long-term rate, the same-weekday
rate, a kernel density of the last four weeks, and the similar-past-days (analogue) method.
Prints, per method, the hit rate and the PAI at 1, 5, 10 and 20 % of the area, the PEI, the
Brier score and its skill against the long-term rate. The area is the cells where at least
one incident happened. Days before --from only train the methods (default: the first year).
The file is CSV, gzipped or not; only the three columns named are read, and rows are only
counted into cells and days.`

func runBacktest(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("backtest")
	file := fs.String("incidents", "", "the incident file (CSV, optionally gzipped)")
	lonCol := fs.String("lon", "", "the longitude column")
	latCol := fs.String("lat", "", "the latitude column")
	timeCol := fs.String("time", "", "the date or date-time column")
	cell := fs.Float64("cell", 250, "cell size in metres")
	fromS := fs.String("from", "", "first day scored (default: a year after the first incident)")
	toS := fs.String("to", "", "last day scored (default: the last incident's)")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	if _, err := m.parse(fs, backtestUsage, args); err != nil {
		return err
	}
	if *file == "" || *lonCol == "" || *latCol == "" || *timeCol == "" {
		return usagef("backtest", "--incidents, --lon, --lat and --time are required")
	}
	if *cell < 10 || *cell > 10000 {
		return usagef("backtest", "--cell %v: metres, 10 to 10000", *cell)
	}
	f, err := os.Open(*file)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	start := time.Now()
	var events []forecast.Event
	skipped, err := csvio.ReadIncidents(f, *file, csvio.IncidentColumns{Lon: *lonCol, Lat: *latCol, Time: *timeCol}, func(at time.Time, lon, lat float64) {
		events = append(events, forecast.Event{At: at, Lon: lon, Lat: lat})
	})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if len(events) == 0 {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.EINVALID, "%s: no incident with a position", *file))
	}
	s := forecast.Build(events, *cell)
	events = nil
	day := func(v, name string, def int) (int, error) {
		if v == "" {
			return def, nil
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return 0, usagef("backtest", "--%s %q: expected YYYY-MM-DD", name, v)
		}
		return int(t.Sub(s.Start).Hours() / 24), nil
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
	res := forecast.Backtest(s, forecast.Methods(s), from, to+1)
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "%d incidents (%d without a position left out), %d cells of %.0f m, scored %s to %s (%d days), %.1f s\n",
		s.Incidents(), skipped, len(s.Cells), *cell, s.Day(from).Format("2006-01-02"), s.Day(to).Format("2006-01-02"), to-from+1, time.Since(start).Seconds())
	fmt.Fprintf(m.Stdout, "%-18s %7s %7s %7s %7s   %7s %7s %7s %7s   %9s %7s\n", "method", "PAI 1%", "5%", "10%", "20%", "hit 1%", "5%", "10%", "20%", "Brier", "BSS")
	for _, r := range res {
		fmt.Fprintf(m.Stdout, "%-18s %7.2f %7.2f %7.2f %7.2f   %6.1f%% %6.1f%% %6.1f%% %6.1f%%   %9.6f %+7.4f\n", r.Method,
			r.PAI["1"], r.PAI["5"], r.PAI["10"], r.PAI["20"], 100*r.HitRate["1"], 100*r.HitRate["5"], 100*r.HitRate["10"], 100*r.HitRate["20"], r.Brier, r.BSS)
	}
	return nil
}
