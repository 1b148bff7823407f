package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/calendar"
)

func runConflicts(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("conflicts")
	dbPath := fs.String("db", "", "the workspace whose stored events to use")
	var files multiFlag
	fs.Var(&files, "events", "a calendar: CSV or iCalendar (.ics); repeatable")
	rulesPath := fs.String("rules", "", "the rule table (JSON); default: the built-in rules")
	fromS := fs.String("from", "", "first day (YYYY-MM-DD)")
	toS := fs.String("to", "", "last day (YYYY-MM-DD, included)")
	asJSON := fs.Bool("json", false, "print the conflicts as JSON")
	if _, err := m.parse(fs, conflictsUsage, args); err != nil {
		return err
	}
	_, err1 := time.Parse("2006-01-02", *fromS)
	_, err2 := time.Parse("2006-01-02", *toS)
	if (len(files) == 0 && *dbPath == "") || err1 != nil || err2 != nil || *toS < *fromS {
		return usagef("conflicts", "--db or --events, and --from and --to as YYYY-MM-DD (from before to), are required")
	}
	rules := calendar.DefaultRules
	if *rulesPath != "" {
		b, err := os.ReadFile(*rulesPath)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rules); err != nil {
			return failJSON(m.Stdout, *asJSON, &clairvoie.ImportError{File: *rulesPath, Expected: "a JSON list of rules {a, b, within_m, margin, min_attendance, reason_fr, reason_en}", Err: err})
		}
	}
	events, zone, err := eventsFrom(ctx, *dbPath, files)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	from, _ := time.ParseInLocation("2006-01-02", *fromS, zone)
	to, _ := time.ParseInLocation("2006-01-02", *toS, zone)
	cs, err := calendar.Conflicts(events, rules, from, to.AddDate(0, 0, 1))
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		if cs == nil {
			cs = []calendar.Conflict{}
		}
		return writeJSON(m.Stdout, map[string]any{"from": *fromS, "to": *toS, "events": len(events), "conflicts": cs})
	}
	fmt.Fprintf(m.Stdout, "%d events, %d conflicts from %s to %s\n", len(events), len(cs), *fromS, *toS)
	for _, c := range cs {
		syn := ""
		if c.A.Synthetic || c.B.Synthetic {
			syn = " [synthétique]"
		}
		fmt.Fprintf(m.Stdout, "%s  %s (%s) × %s (%s), %.0f m: %s%s\n", c.A.Start.In(zone).Format("2006-01-02 15:04"), c.A.Name, c.A.Kind, c.B.Name, c.B.Kind, c.DistanceM, c.ReasonFR, syn)
	}
	return nil
}
