package sqlite

import (
	"context"

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
