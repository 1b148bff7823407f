// Package pgtest gives tests a fresh schema on the PostgreSQL test server
// named by CLAIRVOIE_TEST_POSTGRES (scripts/test.sh starts one). Without
// it a test is skipped on a developer's machine and fails in CI.
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

var schemas atomic.Int64

// Schema creates an empty schema, dropped after the test, and returns a
// DSN that works in it (PostGIS stays in public).
func Schema(t testing.TB) string {
	t.Helper()
	base := os.Getenv("CLAIRVOIE_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CLAIRVOIE_TEST_POSTGRES is not set: CI must run the PostgreSQL tests")
		}
		t.Skip("CLAIRVOIE_TEST_POSTGRES not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)")
	}
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
