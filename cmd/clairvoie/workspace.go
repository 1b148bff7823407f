package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/planning"
	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/sqlite"
)

// workspace is an open store and its services: a SQLite file, or a
// PostgreSQL database when --db is a postgres:// URL.
type workspace struct {
	closer   io.Closer
	cameras  clairvoie.CameraService
	areas    clairvoie.AreaService
	usage    clairvoie.UsageService
	conduits clairvoie.ConduitService
	access   clairvoie.AccessService
	events   clairvoie.EventService
	outcomes outcomeStore
	// installation is the declaration of the chain behind the cameras.
	installation clairvoie.InstallationService
	settings     clairvoie.SettingsService
	feeds        clairvoie.FeedService
}

// zone is the workspace's time zone: every day and hour is computed in it.
func (w *workspace) zone(ctx context.Context) (*time.Location, error) {
	s, err := w.settings.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return s.Location(), nil
}

// outcomeStore keeps outcome counts and the marked days.
type outcomeStore interface {
	clairvoie.OutcomeService
	clairvoie.DayService
}

// openWorkspace opens an existing workspace; a missing file is an error
// rather than a new empty database.
func openWorkspace(ctx context.Context, path string) (*workspace, error) {
	return openExisting(ctx, path, sqlite.Options{})
}

// openServerWorkspace opens an existing workspace for serve.
func openServerWorkspace(ctx context.Context, path string) (*workspace, error) {
	return openExisting(ctx, path, sqlite.Options{CacheKiB: serverCacheKiB})
}

// serverCacheKiB is a SQLite connection's page cache for serve: reads touch
// few pages, and 16 connections with an import's 192 MiB each reached
// 1.15 GB under load (BENCHMARKS.md).
const serverCacheKiB = 16 << 10

func openExisting(ctx context.Context, path string, opts sqlite.Options) (*workspace, error) {
	if !postgres.IsURL(path) {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("workspace %s: %w (create one with 'clairvoie import' or 'clairvoie demo')", path, err)
		}
	}
	return openStore(ctx, path, opts)
}

// createWorkspace opens a workspace, creating it when missing (as
// 'clairvoie import' does).
func createWorkspace(ctx context.Context, path string) (*workspace, error) {
	return openStore(ctx, path, sqlite.Options{})
}

// openStore opens either store.
func openStore(ctx context.Context, path string, opts sqlite.Options) (*workspace, error) {
	if postgres.IsURL(path) {
		db, err := postgres.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		return &workspace{closer: db, cameras: postgres.NewCameraService(db), areas: postgres.NewAreaService(db), usage: postgres.NewUsageService(db),
			conduits: postgres.NewConduitService(db), access: postgres.NewAccessService(db), events: postgres.NewEventService(db),
			outcomes: postgres.NewOutcomeService(db), installation: postgres.NewInstallationService(db), settings: postgres.NewSettingsService(db), feeds: postgres.NewFeedService(db)}, nil
	}
	db, err := sqlite.OpenWith(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return &workspace{closer: db, cameras: sqlite.NewCameraService(db), areas: sqlite.NewAreaService(db), usage: sqlite.NewUsageService(db),
		conduits: sqlite.NewConduitService(db), access: sqlite.NewAccessService(db), events: sqlite.NewEventService(db),
		outcomes: sqlite.NewOutcomeService(db), installation: sqlite.NewInstallationService(db), settings: sqlite.NewSettingsService(db), feeds: sqlite.NewFeedService(db)}, nil
}

func (w *workspace) Close() error { return w.closer.Close() }

// day is d, or today in the workspace's zone when d is unknown, and the
// zone: the day a check is made for.
func (w *workspace) day(ctx context.Context, d clairvoie.Date) (clairvoie.Date, *time.Location, error) {
	zone, err := w.zone(ctx)
	if err != nil {
		return d, nil, err
	}
	if d.IsZero() {
		d = clairvoie.Today(time.Now(), zone)
	}
	return d, zone, nil
}

// forecastServices are the stores a forecast reads, and the zone.
func (w *workspace) forecastServices(ctx context.Context) (planning.ForecastServices, error) {
	zone, err := w.zone(ctx)
	return planning.ForecastServices{Outcomes: w.outcomes, Days: w.outcomes, Events: w.events, Zone: zone}, err
}

// cameraFilterFlags are the selection flags shared by commands that read cameras.
type cameraFilterFlags struct {
	source, operator, operatorType, zone, commune, arrondissement, bbox *string
	status                                                              listFlag
}

func filterFlags(fs *flag.FlagSet) *cameraFilterFlags {
	f := &cameraFilterFlags{
		source:         fs.String("source", "", "only this source"),
		operator:       fs.String("operator", "", "only this operator"),
		operatorType:   fs.String("operator-type", "", "only public or private operators"),
		zone:           fs.String("zone", "", "only this surveillance:zone"),
		commune:        fs.String("commune", "", "only this commune (INSEE code)"),
		arrondissement: fs.String("arrondissement", "", "only this arrondissement (INSEE code)"),
		bbox:           fs.String("bbox", "", "only inside min_lon,min_lat,max_lon,max_lat"),
	}
	fs.Var(&f.status, "status", "only these statuses (planned, active, out_of_service, removed)")
	return f
}

func (f *cameraFilterFlags) filter() (clairvoie.CameraFilter, error) {
	cf := clairvoie.CameraFilter{Source: *f.source, Operator: *f.operator, OperatorType: clairvoie.OperatorType(*f.operatorType),
		Zone: *f.zone, Commune: *f.commune, Arrondissement: *f.arrondissement}
	for _, s := range f.status {
		st, err := clairvoie.ParseStatus(s)
		if err != nil {
			return cf, err
		}
		cf.Status = append(cf.Status, st)
	}
	if *f.bbox != "" {
		b, err := clairvoie.ParseBBox(*f.bbox)
		if err != nil {
			return cf, err
		}
		cf.BBox = &b
	}
	return cf, nil
}
