package postgres_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/postgres/pgtest"
)

// Inspect reads the schema and PostGIS without migrating; a workspace of
// a newer clairvoie is refused with the reason.
func TestInspectAndRefuseNewer(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Schema(t)
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	in, err := postgres.Inspect(ctx, dsn)
	if err != nil || in.Schema != postgres.SchemaVersion || in.Applied != postgres.SchemaVersion || in.PostGIS == "" || in.Server == "" {
		t.Fatalf("Inspect = %+v, %v", in, err)
	}
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES ($1, 'from_the_future.sql', now())`, postgres.SchemaVersion+1); err != nil {
		t.Fatal(err)
	}
	_, err = postgres.Open(ctx, dsn)
	if err == nil || clairvoie.ErrorCode(err) != clairvoie.EINVALID || !strings.Contains(err.Error(), "newer clairvoie") {
		t.Fatalf("opening a newer workspace: %v", err)
	}
}
