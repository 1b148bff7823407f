package main_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/postgres/pgtest"
	"github.com/clairvoie/clairvoie/sqlite"
)

// dump is every table of a workspace, as the store interfaces give it.
func dump(t *testing.T, svc struct {
	cams     clairvoie.CameraService
	areas    clairvoie.AreaService
	usage    clairvoie.UsageService
	conduits clairvoie.ConduitService
	events   clairvoie.EventService
	outcomes clairvoie.OutcomeService
	days     clairvoie.DayService
	access   clairvoie.AccessService
}) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	put := func(name string, v any, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(b)
	}
	areas, err := svc.areas.FindAreas(ctx, "")
	put("areas", areas, err)
	geoms := []string{}
	for _, a := range areas {
		geoms = append(geoms, fmt.Sprint(a.Geometry))
	}
	put("area geometries", geoms, nil)
	srcs, err := svc.cams.FindSources(ctx)
	put("sources", srcs, err)
	cams, _, err := svc.cams.FindCameras(ctx, clairvoie.CameraFilter{})
	put("cameras", cams, err)
	u, err := svc.usage.FindUsage(ctx, clairvoie.UsageFilter{})
	put("usage", u, err)
	c, err := svc.conduits.FindConduits(ctx)
	put("conduits", c, err)
	lines := []string{}
	for _, x := range c {
		lines = append(lines, fmt.Sprint(x.Line))
	}
	put("conduit lines", lines, nil)
	e, err := svc.events.FindEvents(ctx)
	put("events", e, err)
	places := []string{}
	for _, x := range e {
		places = append(places, fmt.Sprint(x.Place)+x.Start.Location().String())
	}
	put("event places", places, nil)
	os, err := svc.outcomes.FindOutcomeSources(ctx)
	put("outcome sources", os, err)
	for _, o := range os {
		_, counts, err := svc.outcomes.FindOutcomes(ctx, o.Name)
		put("outcomes "+o.Name, counts, err)
	}
	d, err := svc.days.FindDays(ctx)
	put("days", d, err)
	a, err := svc.access.Events(ctx, 1000)
	put("access trail", a, err)
	return out
}

// SQLite → PostgreSQL → SQLite: every table equal at each step.
func TestMigrateStoreRoundTrip(t *testing.T) {
	target := pgtest.Schema(t)
	dir := t.TempDir()
	var sum struct{ DB string }
	decode(t, mustRun(t, "demo", "--dir", dir, "--no-serve", "--json").stdout, &sum)
	// Something in the access trail too.
	mustRun(t, "access", "token", "add", "--db", sum.DB, "--id", "ag-1", "--role", "agent")
	var n struct {
		Cameras, UsageMonths, Events, OutcomeCounts, AccessEvents int
	}
	decode(t, mustRun(t, "migrate-store", "--from", sum.DB, "--to", target, "--json").stdout, &n)
	if n.Cameras != 2894 || n.UsageMonths < 200000 || n.Events != 539 || n.OutcomeCounts == 0 || n.AccessEvents == 0 {
		t.Errorf("copied %+v", n)
	}
	back := filepath.Join(dir, "back.db")
	mustRun(t, "migrate-store", "--from", target, "--to", back)
	// Into a store that holds cameras: refused.
	if r := run(t, "migrate-store", "--from", sum.DB, "--to", target); r.code != 1 || !strings.Contains(r.stderr, "already holds cameras") {
		t.Errorf("a second copy: exit %d, %q", r.code, r.stderr)
	}
	ctx := context.Background()
	open := func(path string) map[string]string {
		type services = struct {
			cams     clairvoie.CameraService
			areas    clairvoie.AreaService
			usage    clairvoie.UsageService
			conduits clairvoie.ConduitService
			events   clairvoie.EventService
			outcomes clairvoie.OutcomeService
			days     clairvoie.DayService
			access   clairvoie.AccessService
		}
		if postgres.IsURL(path) {
			db, err := postgres.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			o := postgres.NewOutcomeService(db)
			return dump(t, services{postgres.NewCameraService(db), postgres.NewAreaService(db), postgres.NewUsageService(db), postgres.NewConduitService(db),
				postgres.NewEventService(db), o, o, postgres.NewAccessService(db)})
		}
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		o := sqlite.NewOutcomeService(db)
		return dump(t, services{sqlite.NewCameraService(db), sqlite.NewAreaService(db), sqlite.NewUsageService(db), sqlite.NewConduitService(db),
			sqlite.NewEventService(db), o, o, sqlite.NewAccessService(db)})
	}
	a, b, c := open(sum.DB), open(target), open(back)
	if len(a) < 14 {
		t.Fatalf("%d tables dumped", len(a))
	}
	for name, v := range a {
		if b[name] != v {
			t.Errorf("%s differs on PostgreSQL (%d bytes against %d)", name, len(b[name]), len(v))
		}
		if c[name] != v {
			t.Errorf("%s differs after the round trip (%d bytes against %d)", name, len(c[name]), len(v))
		}
	}
}
