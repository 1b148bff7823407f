package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/clairvoie/clairvoie/ical"
)

const conflictsUsage = `conflicts [--db FILE] [--events FILE…] [--rules RULES.json] --from DATE --to DATE [--json]
    events import --db FILE --source NAME CALENDAR.csv|CALENDAR.ics|WORKS.geojson [--kind KIND] [--json]
    events export [--db FILE] [--events FILE…] --out CALENDAR.ics [--json]
    events subscribe --db FILE --source NAME --url URL [--every 1h] [--json]
    events refresh --db FILE [--source NAME] [--json]
    events feeds --db FILE [--json]
    events unsubscribe --db FILE --source NAME [--json]

conflicts: the events' occurrences between the dates (recurrences expanded, RFC 5545) that
clash by the rule table — which kinds, within what distance and time margin — with the
reason for each. The default rules: a march near a market, works on a match's access roads
or a march's route, a march near a match, two crowds of over 5,000 within a kilometre;
--rules replaces them (a JSON list of {a, b, within_m, margin, min_attendance, reason_fr,
reason_en}; "*" for any kind). Events come from CSV (ref, kind, name, start, end, lon/lat or
route or area, attendance, organiser, rrule, synthetic; times in the workspace's zone
(see 'clairvoie workspace') unless they carry an offset)
or iCalendar files, and from the workspace (--db: what 'events import' stored, a source's events
replaced whole, all or nothing). events export writes them as one iCalendar file.

GeoJSON (.geojson, .json) is how cities publish road works and markets: a FeatureCollection of
Points, LineStrings (a street's works) or Polygons (a market's area), each with its dates (start,
end; or date_debut, date_fin…; a date alone is the whole day, an end date included), a kind
(kind, type or nature: road_works, market… or travaux, marché…; --kind for those without), a name
(name, nom, libelle…), and optional ref, attendance, organiser, rrule. Other properties are
ignored, except one whose name looks personal, which fails the file.

events subscribe keeps a calendar published at an address (iCalendar) up to date: it is fetched
now (the subscription is kept only if that works) and then every --every by 'clairvoie serve'
(or by 'events refresh', from cron); each refresh replaces the source's events whole, or, when the
address does not answer, answers an error, more than 10 MiB or a malformed calendar, changes
nothing but the feed's last error. events feeds lists the subscriptions with their last
successful refresh; the address itself (which may hold a token) is never shown, only its host.`

// eventsFrom reads the workspace's events (with --db) and the files', and
// gives the zone they are read in: the workspace's (Europe/Paris without
// one).
func eventsFrom(ctx context.Context, dbPath string, files []string) ([]clairvoie.Event, *time.Location, error) {
	var out []clairvoie.Event
	zone := clairvoie.Settings{}.Location()
	if dbPath != "" {
		ws, err := openWorkspace(ctx, dbPath)
		if err != nil {
			return nil, nil, err
		}
		defer ws.Close()
		if zone, err = ws.zone(ctx); err != nil {
			return nil, nil, err
		}
		if out, err = ws.events.FindEvents(ctx); err != nil {
			return nil, nil, err
		}
	}
	more, err := readEvents(files, zone, "")
	return append(out, more...), zone, err
}

// readEvents reads calendars (CSV, iCalendar or GeoJSON, by extension);
// times without a zone are times of zone; kind is the kind of GeoJSON
// features that do not say theirs.
func readEvents(paths []string, zone *time.Location, kind clairvoie.EventKind) ([]clairvoie.Event, error) {
	var out []clairvoie.Event
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		var evs []clairvoie.Event
		switch lower := strings.ToLower(p); {
		case strings.HasSuffix(lower, ".ics"):
			evs, err = ical.Read(f, p, zone)
		case strings.HasSuffix(lower, ".geojson") || strings.HasSuffix(lower, ".json"):
			evs, err = geojsonio.ReadEvents(f, p, zone, kind)
		default:
			evs, err = csvio.ReadEvents(f, p, zone)
		}
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	return out, nil
}

func runEvents(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("events")
	dbPath := fs.String("db", "", "the workspace")
	source := fs.String("source", "", "the calendar's source name (import)")
	var files multiFlag
	fs.Var(&files, "events", "a calendar: CSV or iCalendar (.ics); repeatable")
	out := fs.String("out", "", "the iCalendar file to write")
	kind := fs.String("kind", "", "import of GeoJSON: the kind of the features that do not say theirs (road_works, market…)")
	feedURL := fs.String("url", "", "subscribe: the calendar's address (iCalendar, http or https)")
	every := fs.Duration("every", time.Hour, "subscribe: how often it is refreshed (5m to 744h)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, conflictsUsage, args)
	if err != nil {
		return err
	}
	if len(pos) >= 1 && feedCommands[pos[0]] {
		return runFeeds(ctx, m, pos, *dbPath, *source, *feedURL, *every, *asJSON)
	}
	if len(pos) == 2 && pos[0] == "import" {
		if *dbPath == "" || *source == "" {
			return usagef("events", "expected 'events import --db FILE --source NAME CALENDAR.csv|.ics'")
		}
		ws, err := openWorkspace(ctx, *dbPath)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		defer ws.Close()
		zone, err := ws.zone(ctx)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		events, err := readEvents(pos[1:], zone, clairvoie.EventKind(*kind))
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		if err := ws.events.ReplaceEvents(ctx, *source, events); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		if *asJSON {
			return writeJSON(m.Stdout, map[string]any{"imported": len(events), "source": *source})
		}
		fmt.Fprintf(m.Stdout, "%d events imported as %s\n", len(events), *source)
		return nil
	}
	if len(pos) != 1 || pos[0] != "export" || (len(files) == 0 && *dbPath == "") || *out == "" {
		return usagef("events", "expected 'events import --db FILE --source NAME CALENDAR' or 'events export [--db FILE] [--events FILE] --out CALENDAR.ics'")
	}
	events, _, err := eventsFrom(ctx, *dbPath, files)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	f, err := os.Create(*out)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if err := ical.Write(f, events, time.Now()); err != nil {
		f.Close()
		return failJSON(m.Stdout, *asJSON, err)
	}
	if err := f.Close(); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"events": len(events), "out": *out})
	}
	fmt.Fprintf(m.Stdout, "%d events written to %s\n", len(events), *out)
	return nil
}
