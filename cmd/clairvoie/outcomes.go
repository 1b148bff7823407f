package main

import (
	"context"
	"fmt"
	"os"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/planning"
)

const outcomesUsage = `outcomes import --db FILE --source NAME --kind accidents|calls|incidents --format baac|csv [flags] FILE...
outcomes list --db FILE [--json]

Counts outcomes that police activity does not create (road accidents, emergency calls) into
the cells of a metric grid (default 250 m) and days, and keeps only the counts: no row, no
address, no time of day. Formats:
  baac  the "caractéristiques" file of the French road-accident records (ONISR), old coding
        (2005–2018) or new (2019 on); --insee keeps one commune (13055 for Marseille)
  csv   any CSV with a longitude, a latitude and a date-time column (--lon, --lat, --time)
A row outside the workspace's area is an error naming its file and line, unless
--skip-outside; rows without a position are counted and left out. Importing a source again
replaces it. All or nothing. The workspace is created if missing; without areas in it, no
position is refused.`

func runOutcomes(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("outcomes")
	dbPath := fs.String("db", "", "the workspace")
	source := fs.String("source", "", "the source's name")
	kind := fs.String("kind", "accidents", "accidents, calls or incidents")
	format := fs.String("format", "", "baac or csv")
	insee := fs.String("insee", "", "baac: only this commune (INSEE code)")
	ic := incidentFlags(fs, "csv: ")
	cell := fs.Float64("cell", 250, "cell size in metres")
	licence := fs.String("licence", "", "the data's licence (e.g. etalab-2.0)")
	synthetic := fs.Bool("synthetic", false, "the data is synthetic (said wherever it shows)")
	skip := fs.Bool("skip-outside", false, "count and leave out the rows outside the workspace's area")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, outcomesUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || len(pos) == 0 {
		return usagef("outcomes", "expected 'outcomes import --db FILE …' or 'outcomes list --db FILE'")
	}
	open := openWorkspace
	if pos[0] == "import" {
		open = createWorkspace // counts may come before any camera
	}
	ws, err := open(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	switch pos[0] {
	case "list":
		srcs, err := ws.outcomes.FindOutcomeSources(ctx)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		if *asJSON {
			return writeJSON(m.Stdout, srcs)
		}
		for _, s := range srcs {
			fmt.Fprintf(m.Stdout, "%s  %s (%s, %s)  %d counted %s to %s, cells of %.0f m%s\n", s.Name, s.Kind, s.Format, s.File, s.Counted, s.First, s.Last, s.CellM, syntheticMark(s.Synthetic))
		}
		return nil
	case "import":
	default:
		return usagef("outcomes", "unknown subcommand %q: expected import or list", pos[0])
	}
	if *source == "" || *format == "" || len(pos) < 2 {
		return usagef("outcomes", "expected 'outcomes import --db FILE --source NAME --format baac|csv FILE...'")
	}
	var cols csvio.IncidentColumns
	if *format == "csv" {
		if cols, err = ic.columns("outcomes"); err != nil {
			return err
		}
	}
	zone, err := ws.zone(ctx)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	src, counts, err := planning.ReadOutcomes(ctx, ws.areas, planning.OutcomeRead{Name: *source, Kind: *kind, Format: *format, Files: pos[1:],
		Columns: cols, INSEE: *insee, CellM: *cell, Licence: *licence,
		Synthetic: *synthetic, SkipOutside: *skip, Zone: zone})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if err := ws.outcomes.ReplaceOutcomes(ctx, src, counts); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"source": src, "cell_days": len(counts)})
	}
	fmt.Fprintf(m.Stdout, "%s: %d counted into %d cell-days (%s to %s, cells of %.0f m); %d without a position, %d of other communes, %d outside the area left out%s\n",
		src.Name, src.Counted, len(counts), src.First, src.Last, src.CellM, src.Unplaced, src.Filtered, src.Outside, syntheticMark(src.Synthetic))
	return nil
}

func syntheticMark(synthetic bool) string {
	if synthetic {
		return " [SYNTHETIC]"
	}
	return ""
}

const daysUsage = `days import --db FILE [--zone B] HOLIDAYS.csv [SCHOOL.csv]

Marks the public holidays (Etalab's jours fériés: date, annee, zone, nom_jour_ferie) and the
school holidays of a zone (the Ministry's calendar: date, vacances_zone_a, _b, _c,
nom_vacances) in the workspace. The forecast takes a public holiday for a Sunday and a
school holiday apart from a school day. Replaces the days marked before. All or nothing.`

func runDays(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("days")
	dbPath := fs.String("db", "", "the workspace")
	zone := fs.String("zone", "B", "the school-holiday zone: A, B or C (Marseille: B)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, daysUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || len(pos) < 2 || pos[0] != "import" {
		return usagef("days", "expected 'days import --db FILE [--zone B] FILE...'")
	}
	var days []clairvoie.CalendarDay
	for _, p := range pos[1:] {
		f, err := os.Open(p)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		d, err := csvio.ReadDays(f, p, *zone)
		f.Close()
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		days = append(days, d...)
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	if err := ws.outcomes.ReplaceDays(ctx, "days import", days); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	holidays, school := 0, 0
	for _, d := range days {
		if d.Holiday != "" {
			holidays++
		}
		if d.SchoolHoliday {
			school++
		}
	}
	if *asJSON {
		return writeJSON(m.Stdout, map[string]int{"public_holidays": holidays, "school_holiday_days": school})
	}
	fmt.Fprintf(m.Stdout, "%d public holidays and %d school-holiday days (zone %s) marked\n", holidays, school, *zone)
	return nil
}
