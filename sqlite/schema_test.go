package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/sqlite"
)

// A workspace written by a newer clairvoie (a migration this build does
// not know) is refused with the reason, and left as it was.
func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newer.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, n, err := db.Schema(ctx)
	if err != nil || v != sqlite.SchemaVersion || n != sqlite.SchemaVersion {
		t.Fatalf("Schema = %d, %d, %v; want %d applied", v, n, err, sqlite.SchemaVersion)
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (?, 'from_the_future.sql', '2031-01-01T00:00:00Z')`, sqlite.SchemaVersion+1); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = sqlite.Open(ctx, path)
	if err == nil || clairvoie.ErrorCode(err) != clairvoie.EINVALID || !strings.Contains(err.Error(), "newer clairvoie") {
		t.Fatalf("opening a newer workspace: %v; want EINVALID naming a newer clairvoie", err)
	}
}
