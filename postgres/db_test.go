package postgres_test

import (
	"context"
	"testing"

	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/postgres/pgtest"
	"github.com/clairvoie/clairvoie/storetest"
)

func open(t *testing.T) storetest.Stores {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return storetest.Stores{Cameras: postgres.NewCameraService(db), Areas: postgres.NewAreaService(db), Usage: postgres.NewUsageService(db),
		Conduits: postgres.NewConduitService(db), Access: postgres.NewAccessService(db), Events: postgres.NewEventService(db),
		Outcomes: postgres.NewOutcomeService(db), Days: postgres.NewOutcomeService(db), Installation: postgres.NewInstallationService(db), Settings: postgres.NewSettingsService(db), Feeds: postgres.NewFeedService(db)}
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// Opening again, or from two servers at once, applies the migrations once.
func TestMigrationsOnceAndConcurrent(t *testing.T) {
	d := pgtest.Schema(t)
	errs := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			db, err := postgres.Open(context.Background(), d)
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 3; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
