package main

import (
	"context"
	"fmt"
	"time"

	"github.com/clairvoie/clairvoie"
)

const workspaceUsage = `workspace --db FILE [--timezone ZONE] [--json]

Shows the workspace's settings, or sets them. --timezone sets the workspace's time zone, an
IANA name (Europe/Paris by default; America/Martinique, America/Cayenne, Indian/Reunion,
Indian/Mayotte, Pacific/Noumea overseas): every day, hour, holiday and recurrence is computed
in it — events and their days, outcomes' days and hours, the forecast's days, the register's
retention clocks, the pages. The workspace is created when missing. Changing the zone moves
no stored instant: events keep their times (and recurrences the zone they were given in), and
outcome counts keep the days and hours they were counted on at import; the command says which
to import again when their times were given without an offset.`

// workspaceReport is what 'workspace' shows.
type workspaceReport struct {
	DB       string `json:"db"`
	TimeZone string `json:"timezone"`
	// Offset is the zone's offset from UTC now, and Now the local time.
	Offset   string   `json:"utc_offset"`
	Now      string   `json:"now"`
	Previous string   `json:"previous_timezone,omitempty"`
	Changed  bool     `json:"changed"`
	Notes    []string `json:"notes,omitempty"`
}

func runWorkspace(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("workspace")
	dbPath := m.dbFlag(fs)
	zone := fs.String("timezone", "", "set the time zone (IANA name, e.g. America/Martinique)")
	asJSON := fs.Bool("json", false, "print the settings as JSON")
	pos, err := m.parse(fs, workspaceUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || len(pos) > 0 {
		return usagef("workspace", "expected 'workspace --db FILE [--timezone ZONE]'")
	}
	open := openWorkspace
	if *zone != "" {
		if _, err := clairvoie.LoadZone(*zone); err != nil { // before creating anything
			return failJSON(m.Stdout, *asJSON, err)
		}
		open = createWorkspace
	}
	ws, err := open(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	set, err := ws.settings.Settings(ctx)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	rep := workspaceReport{DB: *dbPath, TimeZone: set.TimeZone}
	if *zone != "" && *zone != set.TimeZone {
		if rep.Notes, err = zoneChangeNotes(ctx, ws, set.TimeZone, *zone); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		if err := ws.settings.SetTimeZone(ctx, *zone); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		rep.Previous, rep.TimeZone, rep.Changed = set.TimeZone, *zone, true
	}
	now := time.Now().In(clairvoie.Settings{TimeZone: rep.TimeZone}.Location())
	rep.Offset, rep.Now = now.Format("-07:00"), now.Format(time.RFC3339)
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	if rep.Changed {
		fmt.Fprintf(m.Stdout, "time zone: %s (was %s)\n", rep.TimeZone, rep.Previous)
	} else {
		fmt.Fprintf(m.Stdout, "time zone: %s\n", rep.TimeZone)
	}
	fmt.Fprintf(m.Stdout, "now there: %s (UTC%s)\n", now.Format("2006-01-02 15:04"), rep.Offset)
	for _, n := range rep.Notes {
		fmt.Fprintln(m.Stdout, "note:", n)
	}
	return nil
}

// zoneChangeNotes says what a change of zone leaves as it was: the
// events given in the old zone and the outcome counts already made.
func zoneChangeNotes(ctx context.Context, ws *workspace, from, to string) ([]string, error) {
	var notes []string
	evs, err := ws.events.FindEvents(ctx)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, e := range evs {
		if e.Start.Location().String() == from {
			n++
		}
	}
	if n > 0 {
		notes = append(notes, fmt.Sprintf("%d events were read in %s and keep their instants; import their calendars again if their times without an offset meant %s", n, from, to))
	}
	srcs, err := ws.outcomes.FindOutcomeSources(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range srcs {
		notes = append(notes, fmt.Sprintf("outcome source %s keeps the days and hours it was counted on; import it again if its times carried an offset", s.Name))
	}
	return notes, nil
}
