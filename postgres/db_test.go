package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/storetest"
)

// dsn is the test server (scripts/test.sh starts one and sets it); without
// it the tests are skipped on a developer's machine and fail in CI.
func dsn(t *testing.T) string {
	t.Helper()
	v := os.Getenv("CLAIRVOIE_TEST_POSTGRES")
	if v == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CLAIRVOIE_TEST_POSTGRES is not set: CI must run the PostgreSQL store's tests")
		}
		t.Skip("CLAIRVOIE_TEST_POSTGRES not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)")
	}
	return v
}

var schemas atomic.Int64

// freshSchema creates an empty schema for one test and returns a DSN that
// works in it (PostGIS stays in public).
func freshSchema(t *testing.T) string {
	t.Helper()
	base := dsn(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("t%d_%d", time.Now().UnixNano()%1e9, schemas.Add(1))
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec(`DROP SCHEMA ` + name + ` CASCADE`)
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t *testing.T) storetest.Stores {
	t.Helper()
	db, err := postgres.Open(context.Background(), freshSchema(t))
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
		Outcomes: postgres.NewOutcomeService(db), Days: postgres.NewOutcomeService(db)}
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// Opening again, or from two servers at once, applies the migrations once.
func TestMigrationsOnceAndConcurrent(t *testing.T) {
	d := freshSchema(t)
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
