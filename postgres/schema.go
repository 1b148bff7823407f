package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/clairvoie/clairvoie/internal/schemaver"
)

// SchemaVersion is the newest migration this build knows: the schema
// version of the workspaces it writes.
var SchemaVersion = schemaver.Latest(migrations)

// Schema is the version of the workspace's schema (its newest applied
// migration) and the number of migrations applied.
func (db *DB) Schema(ctx context.Context) (version, applied int, err error) {
	return schemaver.Applied(ctx, db.db)
}

// Stats are the connection pool's figures (for the metrics).
func (db *DB) Stats() sql.DBStats { return db.db.Stats() }

// Inspection is what doctor reads of a PostgreSQL workspace without
// changing it.
type Inspection struct {
	Server  string `json:"server"`
	PostGIS string `json:"postgis"`
	Schema  int    `json:"schema"`
	Applied int    `json:"applied"`
}

// Inspect connects to dsn and reads the server's version, PostGIS's and
// the workspace's schema, migrating nothing.
func Inspect(ctx context.Context, dsn string) (Inspection, error) {
	var in Inspection
	sdb, err := sql.Open("pgx", dsn)
	if err != nil {
		return in, fmt.Errorf("postgres: %w", err)
	}
	defer sdb.Close()
	if err := sdb.QueryRowContext(ctx, `SHOW server_version`).Scan(&in.Server); err != nil {
		return in, fmt.Errorf("postgres: %w", err)
	}
	if err := sdb.QueryRowContext(ctx, `SELECT postgis_lib_version()`).Scan(&in.PostGIS); err != nil {
		in.PostGIS = ""
	}
	in.Schema, in.Applied, err = schemaver.Applied(ctx, sdb)
	if err != nil {
		return in, fmt.Errorf("postgres: no clairvoie schema (%w)", err)
	}
	return in, nil
}
