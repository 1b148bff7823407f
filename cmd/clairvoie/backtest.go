package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	card := fs.String("model-card", "", "also write a model card (Markdown) to this file")
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
	start := time.Now()
	s, skipped, err := readSeries(*file, *lonCol, *latCol, *timeCol, *cell)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
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
	if *card != "" {
		data := fmt.Sprintf("%s: %d incidents in %d cells of %.0f m, scored %s to %s (%d days)", filepath.Base(*file), s.Incidents(), len(s.Cells), *cell,
			s.Day(from).Format("2006-01-02"), s.Day(to).Format("2006-01-02"), to-from+1)
		var b strings.Builder
		if err := forecast.WriteCard(&b, data, res); err != nil {
			return err
		}
		if err := os.WriteFile(*card, []byte(b.String()), 0o644); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	}
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

// readSeries reads an incident file into a series of counts.
func readSeries(file, lonCol, latCol, timeCol string, cell float64) (*forecast.Series, int, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var events []forecast.Event
	skipped, err := csvio.ReadIncidents(f, file, csvio.IncidentColumns{Lon: lonCol, Lat: latCol, Time: timeCol}, func(at time.Time, lon, lat float64) {
		events = append(events, forecast.Event{At: at, Lon: lon, Lat: lat})
	})
	if err != nil {
		return nil, 0, err
	}
	if len(events) == 0 {
		return nil, 0, clairvoie.Errorf(clairvoie.EINVALID, "%s: no incident with a position", file)
	}
	return forecast.Build(events, cell), skipped, nil
}

const forecastUsage = `forecast --incidents FILE --lon COL --lat COL --time COL --date YYYY-MM-DD [--top N] [--cell METRES] [--json]

Where to send mediators on a day: the cells most incidents are expected in, with the analogue
days behind the forecast and the skill of each method measured over the year before the day
(one day ahead). The analogue method is used only if it beats every baseline there; otherwise
the answer says so and ranks the cells by the best baseline instead. The day may be the one
after the last in the file.`

func runForecast(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("forecast")
	file := fs.String("incidents", "", "the incident file (CSV, optionally gzipped)")
	lonCol := fs.String("lon", "", "the longitude column")
	latCol := fs.String("lat", "", "the latitude column")
	timeCol := fs.String("time", "", "the date or date-time column")
	dateS := fs.String("date", "", "the day to forecast")
	top := fs.Int("top", 10, "how many cells")
	cell := fs.Float64("cell", 250, "cell size in metres")
	asJSON := fs.Bool("json", false, "print the forecast as JSON")
	if _, err := m.parse(fs, forecastUsage, args); err != nil {
		return err
	}
	if *file == "" || *lonCol == "" || *latCol == "" || *timeCol == "" || *dateS == "" || *top < 1 {
		return usagef("forecast", "--incidents, --lon, --lat, --time and --date are required; --top is 1 or more")
	}
	date, err := time.Parse("2006-01-02", *dateS)
	if err != nil {
		return usagef("forecast", "--date %q: expected YYYY-MM-DD", *dateS)
	}
	s, _, err := readSeries(*file, *lonCol, *latCol, *timeCol, *cell)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	d := int(date.Sub(s.Start).Hours() / 24)
	if d < 60 || d > s.Days {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.EINVALID, "--date %s: expected a day from %s to %s (two months of history at least, at most the day after the last)",
			*dateS, s.Day(60).Format("2006-01-02"), s.Day(s.Days).Format("2006-01-02")))
	}
	res := forecast.Backtest(s, forecast.Methods(s), max(1, d-365), d)
	beats, why := forecast.Verdict(res, "analogue_days")
	best := res[0] // the best baseline, by PAI at 1 % of the area
	for _, r := range res {
		if r.Method != "analogue_days" && r.PAI["1"] > best.PAI["1"] {
			best = r
		}
	}
	used := best.Method
	var method forecast.Method
	for _, mm := range forecast.Methods(s) {
		if (beats && mm.Name() == "analogue_days") || (!beats && mm.Name() == best.Method) {
			method = mm
		}
	}
	if beats {
		used = "analogue_days"
	}
	cells := forecast.Top(s, method, d, *top)
	an := forecast.NewAnalogue(s, 30)
	var analogues []string
	for _, a := range an.Analogues(d) {
		analogues = append(analogues, a.Format("2006-01-02"))
	}
	out := map[string]any{"date": *dateS, "method": used, "meaningful": beats, "why_not": why, "cells": cells,
		"analogue_days": analogues, "skill_over_the_year_before": res}
	if *asJSON {
		return writeJSON(m.Stdout, out)
	}
	if beats {
		fmt.Fprintf(m.Stdout, "%s: the similar-past-days forecast beats every baseline over the year before; cells to staff first:\n", *dateS)
	} else {
		fmt.Fprintf(m.Stdout, "%s: the similar-past-days forecast does NOT beat the baselines over the year before (%d shortfalls), so it is not used;\ncells ranked by %s, the best baseline (PAI at 1 %% = %.2f):\n", *dateS, len(why), best.Method, best.PAI["1"])
	}
	for i, c := range cells {
		fmt.Fprintf(m.Stdout, "%2d. %.5f, %.5f  expected %.2f\n", i+1, c.Lat, c.Lon, c.Expected)
	}
	if len(analogues) > 10 {
		analogues = append(analogues[:10], fmt.Sprintf("… (%d in all)", len(analogues)))
	}
	fmt.Fprintf(m.Stdout, "analogue days: %s\n", strings.Join(analogues, ", "))
	return nil
}
