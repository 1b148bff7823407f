package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
)

// Backup writes a consistent copy of the database to path (a new file)
// with VACUUM INTO: one read transaction, so writers carry on (WAL mode)
// and the copy is the database as of the transaction's start, compacted.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists", path)
	}
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backing up %s: %w", db.Path, err)
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and PRAGMA
// foreign_key_check: nothing when the file is sound, else what SQLite
// found (at most 20 lines).
func (db *DB) IntegrityCheck(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := db.db.QueryContext(ctx, `PRAGMA integrity_check(20)`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	fk, err := db.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	defer fk.Close()
	for fk.Next() && len(problems) < 20 {
		var table, parent string
		var rowid sql.NullInt64
		var n int
		if err := fk.Scan(&table, &rowid, &parent, &n); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("%s row %d points to a missing %s", table, rowid.Int64, parent))
	}
	return problems, fk.Err()
}

// Stats are the connection pool's figures (for the metrics).
func (db *DB) Stats() sql.DBStats { return db.db.Stats() }
