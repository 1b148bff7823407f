package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// UsageService implements clairvoie.UsageService on SQLite.
type UsageService struct{ db *DB }

var _ clairvoie.UsageService = (*UsageService)(nil)

// NewUsageService returns the usage service of db.
func NewUsageService(db *DB) *UsageService { return &UsageService{db: db} }

// ImportUsage implements clairvoie.UsageService.
func (s *UsageService) ImportUsage(ctx context.Context, rows []clairvoie.UsageMonth) (clairvoie.UsageResult, error) {
	var res clairvoie.UsageResult
	if err := clairvoie.CheckUsage(rows); err != nil {
		return res, err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	// Every camera must exist.
	ids := map[int64]bool{}
	for _, u := range rows {
		ids[u.CameraID] = true
	}
	known := map[int64]bool{}
	q, err := tx.QueryContext(ctx, `SELECT id FROM cameras`)
	if err != nil {
		return res, err
	}
	for q.Next() {
		var id int64
		if err := q.Scan(&id); err != nil {
			q.Close()
			return res, err
		}
		known[id] = true
	}
	if err := q.Close(); err != nil {
		return res, err
	}
	for i, u := range rows {
		if !known[u.CameraID] {
			return res, clairvoie.Errorf(clairvoie.EINVALID, "record %d: camera %d does not exist", i+1, u.CameraID)
		}
	}
	var before int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM usage_monthly`).Scan(&before); err != nil {
		return res, err
	}
	const batch = 64
	row := "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		args := make([]any, 0, 9*(end-start))
		for _, u := range rows[start:end] {
			args = append(args, u.CameraID, string(u.Month), u.Requisitions, u.Extractions, u.Decisive, u.Interventions, u.DowntimeHours, u.Vandalism, boolInt(u.Synthetic))
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO usage_monthly (camera_id, month, requisitions, extractions, decisive,
			interventions, downtime_hours, vandalism, synthetic) VALUES `+strings.TrimSuffix(strings.Repeat(row+",", end-start), ","), args...); err != nil {
			return res, fmt.Errorf("write usage: %w", err)
		}
	}
	var after int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM usage_monthly`).Scan(&after); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, err
	}
	res.Imported = len(rows)
	res.Inserted = after - before
	res.Updated = res.Imported - res.Inserted
	return res, nil
}

// FindUsage implements clairvoie.UsageService.
func (s *UsageService) FindUsage(ctx context.Context, f clairvoie.UsageFilter) ([]clairvoie.UsageMonth, error) {
	where, args := usageWhere(f)
	// Counted first, so that millions of months take one allocation.
	var n int
	if err := s.db.db.QueryRowContext(ctx, `SELECT count(*) FROM usage_monthly`+where, args...).Scan(&n); err != nil {
		return nil, fmt.Errorf("find usage: %w", err)
	}
	q := `SELECT camera_id, month, requisitions, extractions, decisive, interventions, downtime_hours, vandalism, synthetic FROM usage_monthly`
	rows, err := s.db.db.QueryContext(ctx, q+where+` ORDER BY camera_id, month`, args...)
	if err != nil {
		return nil, fmt.Errorf("find usage: %w", err)
	}
	defer rows.Close()
	out := make([]clairvoie.UsageMonth, 0, n)
	months := make(clairvoie.Months)
	var m sql.RawBytes
	for rows.Next() {
		var u clairvoie.UsageMonth
		var syn int
		if err := rows.Scan(&u.CameraID, &m, &u.Requisitions, &u.Extractions, &u.Decisive, &u.Interventions, &u.DowntimeHours, &u.Vandalism, &syn); err != nil {
			return nil, err
		}
		u.Month, u.Synthetic = months.Of(m), syn == 1
		out = append(out, u)
	}
	return out, rows.Err()
}

// SumUsage implements clairvoie.UsageService.
func (s *UsageService) SumUsage(ctx context.Context, f clairvoie.UsageFilter) ([]clairvoie.UsageTotal, error) {
	where, args := usageWhere(f)
	rows, err := s.db.db.QueryContext(ctx, `SELECT camera_id, count(*), sum(requisitions), sum(extractions), sum(decisive), sum(interventions),
		sum(downtime_hours), sum(vandalism) FROM usage_monthly`+where+` GROUP BY camera_id ORDER BY camera_id`, args...)
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
	var args []any
	if len(f.CameraIDs) > 0 {
		where = append(where, `camera_id IN (`+placeholders(len(f.CameraIDs))+`)`)
		for _, id := range f.CameraIDs {
			args = append(args, id)
		}
	}
	if f.From != "" {
		where = append(where, `month >= ?`)
		args = append(args, string(f.From))
	}
	if f.To != "" {
		where = append(where, `month <= ?`)
		args = append(args, string(f.To))
	}
	if len(where) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(where, ` AND `), args
}
