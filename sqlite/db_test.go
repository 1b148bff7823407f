package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/clairvoie/clairvoie/storetest"
)

func open(t *testing.T) storetest.Stores {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return storetest.Stores{Cameras: sqlite.NewCameraService(db), Areas: sqlite.NewAreaService(db), Usage: sqlite.NewUsageService(db), Conduits: sqlite.NewConduitService(db), Access: sqlite.NewAccessService(db), Events: sqlite.NewEventService(db), Outcomes: sqlite.NewOutcomeService(db), Days: sqlite.NewOutcomeService(db), Installation: sqlite.NewInstallationService(db), Settings: sqlite.NewSettingsService(db), Feeds: sqlite.NewFeedService(db)}
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

func TestReopenKeepsSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "re.db")
	for i := 0; i < 2; i++ {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
