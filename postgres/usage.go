package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// UsageService implements clairvoie.UsageService on PostgreSQL.
type UsageService struct{ db *DB }

var _ clairvoie.UsageService = (*UsageService)(nil)

// NewUsageService returns the usage service of db.
func NewUsageService(db *DB) *UsageService { return &UsageService{db: db} }

// ImportUsage implements clairvoie.UsageService: months replaced, all or
// nothing; every camera must exist. The rows travel by COPY into a
// temporary table, then one INSERT … ON CONFLICT merges them: ten years of
// a national ledger in minutes, not a statement per row.
func (s *UsageService) ImportUsage(ctx context.Context, rows []clairvoie.UsageMonth) (clairvoie.UsageResult, error) {
	var res clairvoie.UsageResult
	if err := clairvoie.CheckUsage(rows); err != nil {
		return res, err
	}
	conn, err := s.db.db.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		known := map[int64]bool{}
		q, err := tx.Query(ctx, `SELECT id FROM cameras`)
		if err != nil {
			return err
		}
		for q.Next() {
			var id int64
			if err := q.Scan(&id); err != nil {
				q.Close()
				return err
			}
			known[id] = true
		}
		if q.Close(); q.Err() != nil {
			return q.Err()
		}
		for i, u := range rows {
			if !known[u.CameraID] {
				return clairvoie.Errorf(clairvoie.EINVALID, "record %d: camera %d does not exist", i+1, u.CameraID)
			}
		}
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE usage_in (LIKE usage_monthly) ON COMMIT DROP`); err != nil {
			return fmt.Errorf("write usage: %w", err)
		}
		cols := []string{"camera_id", "month", "requisitions", "extractions", "decisive", "interventions", "downtime_hours", "vandalism", "synthetic"}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"usage_in"}, cols, pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			u := &rows[i]
			return []any{u.CameraID, string(u.Month), u.Requisitions, u.Extractions, u.Decisive, u.Interventions, u.DowntimeHours, u.Vandalism, u.Synthetic}, nil
		})); err != nil {
			return fmt.Errorf("write usage: %w", err)
		}
		// xmax = 0 tells a row inserted from one updated by ON CONFLICT.
		if err := tx.QueryRow(ctx, `WITH up AS (
			INSERT INTO usage_monthly (camera_id, month, requisitions, extractions, decisive, interventions, downtime_hours, vandalism, synthetic)
			SELECT camera_id, month, requisitions, extractions, decisive, interventions, downtime_hours, vandalism, synthetic FROM usage_in
			ON CONFLICT (camera_id, month) DO UPDATE SET requisitions = excluded.requisitions, extractions = excluded.extractions,
			decisive = excluded.decisive, interventions = excluded.interventions, downtime_hours = excluded.downtime_hours,
			vandalism = excluded.vandalism, synthetic = excluded.synthetic RETURNING (xmax = 0) AS inserted)
			SELECT count(*) FILTER (WHERE inserted) FROM up`).Scan(&res.Inserted); err != nil {
			return fmt.Errorf("write usage: %w", err)
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return clairvoie.UsageResult{}, err
	}
	res.Imported = len(rows)
	res.Updated = res.Imported - res.Inserted
	return res, nil
}

// FindUsage implements clairvoie.UsageService.
func (s *UsageService) FindUsage(ctx context.Context, f clairvoie.UsageFilter) ([]clairvoie.UsageMonth, error) {
	where, vals := usageWhere(f)
	// Counted first, so that millions of months take one allocation.
	var n int
	if err := s.db.db.QueryRowContext(ctx, `SELECT count(*) FROM usage_monthly`+where, vals...).Scan(&n); err != nil {
		return nil, fmt.Errorf("find usage: %w", err)
	}
	q := `SELECT camera_id, month, requisitions, extractions, decisive, interventions, downtime_hours, vandalism, synthetic FROM usage_monthly`
	rows, err := s.db.db.QueryContext(ctx, q+where+` ORDER BY camera_id, month`, vals...)
	if err != nil {
		return nil, fmt.Errorf("find usage: %w", err)
	}
	defer rows.Close()
	out := make([]clairvoie.UsageMonth, 0, n)
	months := make(clairvoie.Months)
	var m sql.RawBytes
	for rows.Next() {
		var u clairvoie.UsageMonth
		if err := rows.Scan(&u.CameraID, &m, &u.Requisitions, &u.Extractions, &u.Decisive, &u.Interventions, &u.DowntimeHours, &u.Vandalism, &u.Synthetic); err != nil {
			return nil, err
		}
		u.Month = months.Of(m)
		out = append(out, u)
	}
	return out, rows.Err()
}

// SumUsage implements clairvoie.UsageService.
func (s *UsageService) SumUsage(ctx context.Context, f clairvoie.UsageFilter) ([]clairvoie.UsageTotal, error) {
	where, vals := usageWhere(f)
	rows, err := s.db.db.QueryContext(ctx, `SELECT camera_id, count(*), sum(requisitions), sum(extractions), sum(decisive), sum(interventions),
		sum(downtime_hours), sum(vandalism) FROM usage_monthly`+where+` GROUP BY camera_id ORDER BY camera_id`, vals...)
	if err != nil {
		return nil, fmt.Errorf("sum usage: %w", err)
	}
	defer rows.Close()
	var out []clairvoie.UsageTotal
	for rows.Next() {
		var u clairvoie.UsageTotal
		if err := rows.Scan(&u.CameraID, &u.Months, &u.Requisitions, &u.Extractions, &u.Decisive, &u.Interventions, &u.DowntimeHours, &u.Vandalism); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// usageWhere is the WHERE clause of a usage filter, with its arguments.
func usageWhere(f clairvoie.UsageFilter) (string, []any) {
	var where []string
	var vals []any
	if len(f.CameraIDs) > 0 {
		vals = append(vals, f.CameraIDs)
		where = append(where, fmt.Sprintf(`camera_id = ANY($%d)`, len(vals)))
	}
	if f.From != "" {
		vals = append(vals, string(f.From))
		where = append(where, fmt.Sprintf(`month >= $%d`, len(vals)))
	}
	if f.To != "" {
		vals = append(vals, string(f.To))
		where = append(where, fmt.Sprintf(`month <= $%d`, len(vals)))
	}
	if len(where) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(where, ` AND `), vals
}
