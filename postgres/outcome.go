package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/clairvoie/clairvoie"
)

// OutcomeService implements clairvoie.OutcomeService and
// clairvoie.DayService on PostgreSQL.
type OutcomeService struct{ db *DB }

var (
	_ clairvoie.OutcomeService = (*OutcomeService)(nil)
	_ clairvoie.DayService     = (*OutcomeService)(nil)
)

// NewOutcomeService returns the outcome and calendar-day service of db.
func NewOutcomeService(db *DB) *OutcomeService { return &OutcomeService{db: db} }

// ReplaceOutcomes implements clairvoie.OutcomeService.
func (s *OutcomeService) ReplaceOutcomes(ctx context.Context, src clairvoie.OutcomeSource, counts []clairvoie.OutcomeCount) error {
	if err := clairvoie.CheckOutcomes(src, counts); err != nil {
		return err
	}
	if src.ImportedAt.IsZero() {
		src.ImportedAt = s.db.Now()
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM outcome_sources WHERE name = $1`, src.Name); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outcome_sources (`+outcomeSourceColumns+`) VALUES (`+args(1, 16)+`)`,
		src.Name, src.Kind, src.Format, src.File, src.CellM, src.Lat0, src.Counted, src.Unplaced, src.Filtered, src.Outside,
		src.First, src.Last, src.Licence, src.Synthetic, src.ImportedAt, src.Timed); err != nil {
		return err
	}
	counts = clairvoie.MergeCounts(counts)
	const batch = 500
	for start := 0; start < len(counts); start += batch {
		end := min(start+batch, len(counts))
		vals := make([]any, 0, 6*(end-start))
		q := `INSERT INTO outcome_counts (source, day, x, y, n, hours) VALUES `
		for i, c := range counts[start:end] {
			if i > 0 {
				q += ", "
			}
			q += "(" + args(6*i+1, 6) + ")"
			vals = append(vals, src.Name, c.Day, c.X, c.Y, c.N, c.Hours.String())
		}
		if _, err := tx.ExecContext(ctx, q, vals...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

const outcomeSourceColumns = `name, kind, format, file, cell_m, lat0, counted, unplaced, filtered, outside, first_day, last_day, licence, synthetic, imported_at, timed`

func scanOutcomeSource(row interface{ Scan(...any) error }) (clairvoie.OutcomeSource, error) {
	var o clairvoie.OutcomeSource
	err := row.Scan(&o.Name, &o.Kind, &o.Format, &o.File, &o.CellM, &o.Lat0, &o.Counted, &o.Unplaced, &o.Filtered, &o.Outside, &o.First, &o.Last, &o.Licence, &o.Synthetic, &o.ImportedAt, &o.Timed)
	o.ImportedAt = o.ImportedAt.UTC()
	return o, err
}

// FindOutcomeSources implements clairvoie.OutcomeService.
func (s *OutcomeService) FindOutcomeSources(ctx context.Context) ([]clairvoie.OutcomeSource, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+outcomeSourceColumns+` FROM outcome_sources ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.OutcomeSource{}
	for rows.Next() {
		o, err := scanOutcomeSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// FindOutcomes implements clairvoie.OutcomeService.
func (s *OutcomeService) FindOutcomes(ctx context.Context, name string) (clairvoie.OutcomeSource, []clairvoie.OutcomeCount, error) {
	o, err := scanOutcomeSource(s.db.db.QueryRowContext(ctx, `SELECT `+outcomeSourceColumns+` FROM outcome_sources WHERE name = $1`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return o, nil, clairvoie.Errorf(clairvoie.ENOTFOUND, "no outcome source %q", name)
	} else if err != nil {
		return o, nil, err
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT day, x, y, n, hours FROM outcome_counts WHERE source = $1 ORDER BY day, y, x`, name)
	if err != nil {
		return o, nil, err
	}
	defer rows.Close()
	out := []clairvoie.OutcomeCount{}
	for rows.Next() {
		var c clairvoie.OutcomeCount
		var hours string
		if err := rows.Scan(&c.Day, &c.X, &c.Y, &c.N, &hours); err != nil {
			return o, nil, err
		}
		if c.Hours, err = clairvoie.ParseHours(hours); err != nil {
			return o, nil, err
		}
		out = append(out, c)
	}
	return o, out, rows.Err()
}

// ReplaceDays implements clairvoie.DayService.
func (s *OutcomeService) ReplaceDays(ctx context.Context, source string, days []clairvoie.CalendarDay) error {
	if err := clairvoie.CheckDays(days); err != nil {
		return err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_days`); err != nil {
		return err
	}
	for _, d := range days {
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_days (day, holiday, school_holiday, source) VALUES ($1, $2, $3, $4)
			ON CONFLICT (day) DO UPDATE SET holiday = CASE WHEN excluded.holiday <> '' THEN excluded.holiday ELSE calendar_days.holiday END,
			school_holiday = calendar_days.school_holiday OR excluded.school_holiday`, d.Day, d.Holiday, d.SchoolHoliday, source); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// FindDays implements clairvoie.DayService.
func (s *OutcomeService) FindDays(ctx context.Context) ([]clairvoie.CalendarDay, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT day, holiday, school_holiday FROM calendar_days ORDER BY day`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.CalendarDay{}
	for rows.Next() {
		var d clairvoie.CalendarDay
		if err := rows.Scan(&d.Day, &d.Holiday, &d.SchoolHoliday); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
