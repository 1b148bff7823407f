// Package schemaver knows a store's schema version from its embedded
// migrations (NNNN_name.sql) and refuses a workspace written by a newer
// clairvoie, for both stores (sqlite, postgres).
package schemaver

import (
	"context"
	"database/sql"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// Latest is the number of the newest migration in fsys's migrations/.
func Latest(fsys fs.FS) int {
	names, _ := fs.Glob(fsys, "migrations/*.sql")
	sort.Strings(names)
	if len(names) == 0 {
		return 0
	}
	v, _ := strconv.Atoi(strings.SplitN(strings.TrimPrefix(names[len(names)-1], "migrations/"), "_", 2)[0])
	return v
}

// Querier is a *sql.DB or a *sql.Tx.
type Querier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

// RefuseNewer fails when the workspace's schema_migrations holds a
// migration newer than known: it was written by a newer clairvoie, and
// writing to it with this one could lose what those migrations keep.
func RefuseNewer(ctx context.Context, q Querier, known int) error {
	v, _, err := Applied(ctx, q)
	if err != nil {
		return err
	}
	if v > known {
		return clairvoie.Errorf(clairvoie.EINVALID,
			"this workspace was written by a newer clairvoie (schema %d; this one knows up to %d): install that version or a later one, or restore a backup made before the upgrade",
			v, known)
	}
	return nil
}

// Applied is the workspace's schema version (its newest applied
// migration) and the number of migrations applied.
func Applied(ctx context.Context, q Querier) (version, count int, err error) {
	var v sql.NullInt64
	err = q.QueryRowContext(ctx, `SELECT max(version), count(*) FROM schema_migrations`).Scan(&v, &count)
	return int(v.Int64), count, err
}
