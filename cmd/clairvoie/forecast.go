package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/forecast"
	"github.com/clairvoie/clairvoie/planning"
)

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
		from, to, err := planning.ParseHourRange(*hours)
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

// clockHour writes the end of a window as a clock does: 24 stays 24
// (midnight ending the day), 26 is 2 the next morning.
func clockHour(h int) int {
	if h > 24 {
		return h - 24
	}
	return h
}
