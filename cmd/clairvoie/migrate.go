package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/clairvoie/clairvoie"
)

const migrateUsage = `migrate-store --from FILE|URL --to URL|FILE [--json]

Copies a workspace to another store, typically a SQLite file to PostgreSQL + PostGIS
(--to postgres://user@host/db), without loss: the areas, every source and its cameras with
their ids (their public pages and QR codes stay valid) and import times, the usage ledger,
the conduits, the event calendar, the outcome counts and the marked days, and the access
trail. API tokens and sessions are not copied: credentials do not travel; issue new tokens
on the new store. The target must hold no camera yet. Each part is written in one
transaction; run it again after a failure (it replaces what it wrote).`

// migrateCounts says what was copied.
type migrateCounts struct {
	Areas, Sources, Cameras, UsageMonths, Conduits, Events, OutcomeSources, OutcomeCounts, Days, AccessEvents int
	Installation                                                                                              int // systems, analytics, flows and contracts
	Seconds                                                                                                   float64
}

func runMigrate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("migrate-store")
	from := fs.String("from", "", "the workspace to copy (a SQLite file or a postgres:// URL)")
	to := fs.String("to", "", "the store to copy it to (a postgres:// URL or a SQLite file)")
	asJSON := fs.Bool("json", false, "print what was copied as JSON")
	if _, err := m.parse(fs, migrateUsage, args); err != nil {
		return err
	}
	if *from == "" || *to == "" || *from == *to {
		return usagef("migrate-store", "--from and --to name two different stores")
	}
	start := time.Now()
	src, err := openWorkspace(ctx, *from)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer src.Close()
	dst, err := createWorkspace(ctx, *to)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer dst.Close()
	n, err := copyWorkspace(ctx, src, dst)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	n.Seconds = time.Since(start).Seconds()
	if *asJSON {
		return writeJSON(m.Stdout, n)
	}
	fmt.Fprintf(m.Stdout, "copied %d areas, %d sources with %d cameras, %d usage months, %d conduits, %d events, %d outcome sources (%d cell-days), %d marked days, %d access events, %d installation items in %.1f s\n",
		n.Areas, n.Sources, n.Cameras, n.UsageMonths, n.Conduits, n.Events, n.OutcomeSources, n.OutcomeCounts, n.Days, n.AccessEvents, n.Installation, n.Seconds)
	return nil
}

// copyWorkspace copies every part of src into dst through the store
// interfaces, so that any store can be the source or the target.
func copyWorkspace(ctx context.Context, src, dst *workspace) (migrateCounts, error) {
	var n migrateCounts
	if held, _, err := dst.cameras.FindCameras(ctx, clairvoie.CameraFilter{Limit: 1}); err != nil {
		return n, err
	} else if len(held) > 0 {
		return n, clairvoie.Errorf(clairvoie.ECONFLICT, "the target already holds cameras: copy into an empty store")
	}
	for _, k := range []clairvoie.AreaKind{clairvoie.AreaCommune, clairvoie.AreaArrondissement, clairvoie.AreaQuartier} {
		as, err := src.areas.FindAreas(ctx, k)
		if err != nil {
			return n, err
		}
		if err := dst.areas.ReplaceAreas(ctx, k, as); err != nil {
			return n, fmt.Errorf("areas: %w", err)
		}
		n.Areas += len(as)
	}
	sources, err := src.cameras.FindSources(ctx)
	if err != nil {
		return n, err
	}
	for _, s := range sources {
		cams, _, err := src.cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: s.Name})
		if err != nil {
			return n, err
		}
		list := make([]clairvoie.Camera, len(cams))
		for i, c := range cams {
			list[i] = *c
		}
		if _, err := dst.cameras.ImportCameras(ctx, s, clairvoie.CamerasOf(list), clairvoie.ImportOptions{Copy: true}); err != nil {
			return n, fmt.Errorf("source %s: %w", s.Name, err)
		}
		n.Sources++
		n.Cameras += len(list)
	}
	usage, err := src.usage.FindUsage(ctx, clairvoie.UsageFilter{})
	if err != nil {
		return n, err
	}
	if len(usage) > 0 {
		if _, err := dst.usage.ImportUsage(ctx, usage); err != nil {
			return n, fmt.Errorf("usage: %w", err)
		}
	}
	n.UsageMonths = len(usage)
	conduits, err := src.conduits.FindConduits(ctx)
	if err != nil {
		return n, err
	}
	if err := replaceBySource(conduits, func(c clairvoie.Conduit) string { return c.Source }, func(name string, cs []clairvoie.Conduit) error {
		return dst.conduits.ReplaceConduits(ctx, name, cs)
	}); err != nil {
		return n, fmt.Errorf("conduits %w", err)
	}
	n.Conduits = len(conduits)
	events, err := src.events.FindEvents(ctx)
	if err != nil {
		return n, err
	}
	if err := replaceBySource(events, func(e clairvoie.Event) string { return e.Source }, func(name string, es []clairvoie.Event) error {
		return dst.events.ReplaceEvents(ctx, name, es)
	}); err != nil {
		return n, fmt.Errorf("events %w", err)
	}
	n.Events = len(events)
	osrcs, err := src.outcomes.FindOutcomeSources(ctx)
	if err != nil {
		return n, err
	}
	for _, o := range osrcs {
		o, counts, err := src.outcomes.FindOutcomes(ctx, o.Name)
		if err != nil {
			return n, err
		}
		if err := dst.outcomes.ReplaceOutcomes(ctx, o, counts); err != nil {
			return n, fmt.Errorf("outcomes %s: %w", o.Name, err)
		}
		n.OutcomeSources++
		n.OutcomeCounts += len(counts)
	}
	days, err := src.outcomes.FindDays(ctx)
	if err != nil {
		return n, err
	}
	if err := dst.outcomes.ReplaceDays(ctx, "migrate-store", days); err != nil {
		return n, fmt.Errorf("days: %w", err)
	}
	n.Days = len(days)
	trail, err := src.access.Events(ctx, 1<<30)
	if err != nil {
		return n, err
	}
	for i := len(trail) - 1; i >= 0; i-- { // oldest first, as they were recorded
		if err := dst.access.Record(ctx, trail[i]); err != nil {
			return n, fmt.Errorf("access trail: %w", err)
		}
	}
	n.AccessEvents = len(trail)
	inst, err := src.installation.FindInstallation(ctx)
	if err != nil {
		return n, err
	}
	bySource := inst.BySource()
	for _, source := range slices.Sorted(maps.Keys(bySource)) {
		for _, part := range clairvoie.InstallationParts {
			if err := dst.installation.ReplaceInstallation(ctx, source, part, bySource[source]); err != nil {
				return n, fmt.Errorf("installation %s of %s: %w", part, source, err)
			}
		}
	}
	n.Installation = len(inst.Systems) + len(inst.Analytics) + len(inst.Flows) + len(inst.Contracts)
	set, err := src.settings.Settings(ctx)
	if err != nil {
		return n, err
	}
	if err := dst.settings.SetTimeZone(ctx, set.TimeZone); err != nil {
		return n, fmt.Errorf("settings: %w", err)
	}
	feeds, err := src.feeds.FindFeeds(ctx)
	if err != nil {
		return n, err
	}
	for _, f := range feeds { // the schedule and the address; the next refresh records itself
		if err := dst.feeds.SaveFeed(ctx, f); err != nil {
			return n, fmt.Errorf("feed %s: %w", f.Source, err)
		}
	}
	return n, nil
}

// replaceBySource groups items by source and replaces each source's items
// in the target, sources in name order; an error names the source.
func replaceBySource[T any](items []T, sourceOf func(T) string, replace func(string, []T) error) error {
	by := map[string][]T{}
	for _, it := range items {
		by[sourceOf(it)] = append(by[sourceOf(it)], it)
	}
	names := make([]string, 0, len(by))
	for k := range by {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := replace(name, by[name]); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
