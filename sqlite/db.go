// Package sqlite is clairvoie's embedded store: one SQLite file per
// workspace, through modernc.org/sqlite (pure Go, no cgo). The database runs
// in WAL mode with foreign keys on; every write is one transaction, so a
// crash leaves the data as it was before or complete. Migrations are plain
// SQL files embedded beside this package and applied in order on Open.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie/internal/schemaver"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open workspace database.
type DB struct {
	db   *sql.DB
	Path string
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// Options tune how a database is opened.
type Options struct {
	// CacheKiB is each connection's page cache, at most (default 192 MiB,
	// for large imports; a server that reads wants far less: it has up to
	// 16 connections).
	CacheKiB int
	// ReadOnly opens the file as it is, without migrating it (doctor).
	ReadOnly bool
	// TempFiles keeps SQLite's temporary data (VACUUM's sorts) in files
	// instead of memory, in $SQLITE_TMPDIR or $TMPDIR.
	TempFiles bool
}

// Open opens (creating it if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	if opts.CacheKiB <= 0 {
		opts.CacheKiB = 196608
	}
	if path == "" {
		return nil, fmt.Errorf("sqlite: no database path given")
	}
	q := url.Values{}
	// A page cache of up to 192 MiB lets a large import (100,000 cameras,
	// R*Tree included) stay in memory until its commit instead of spilling
	// pages to the WAL mid-transaction; it is only allocated as used.
	// Statement journals (each insert that fires the R*Tree trigger has one)
	// stay in memory too.
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(FULL)", "cache_size(-" + strconv.Itoa(opts.CacheKiB) + ")", tempStore(opts)} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	if opts.ReadOnly {
		q.Set("mode", "ro")
	}
	sdb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// A few connections serve any number of concurrent requests: readers
	// run side by side in WAL mode, and each new connection costs its
	// setup and its page cache.
	sdb.SetMaxOpenConns(16)
	sdb.SetMaxIdleConns(16)
	db := &DB{db: sdb, Path: path, Now: time.Now}
	if opts.ReadOnly {
		return db, sdb.PingContext(ctx)
	}
	if err := db.migrate(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	if err := schemaver.RefuseNewer(ctx, db.db, SchemaVersion); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		if err := db.apply(ctx, version, base, name); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, version int, base, name string) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, base, db.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// formatTime keeps microseconds, as PostgreSQL does: a workspace copied
// between the stores keeps its times to the digit.
func formatTime(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// tempStore is the temp_store pragma: memory, unless TempFiles.
func tempStore(o Options) string {
	if o.TempFiles {
		return "temp_store(FILE)"
	}
	return "temp_store(MEMORY)"
}
