package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb/geojson"
)

// EventService implements clairvoie.EventService on SQLite.
type EventService struct{ db *DB }

var _ clairvoie.EventService = (*EventService)(nil)

// NewEventService returns the event service of db.
func NewEventService(db *DB) *EventService { return &EventService{db: db} }

// ReplaceEvents implements clairvoie.EventService.
func (s *EventService) ReplaceEvents(ctx context.Context, source string, events []clairvoie.Event) error {
	if err := clairvoie.CheckEvents(source, events); err != nil {
		return err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE source = ?`, source); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO events (source, ref, kind, name, start_at, end_at, zone, place, attendance, organiser, rrule, synthetic)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, e := range events {
		g, err := geojson.NewGeometry(e.Place).MarshalJSON()
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, source, e.Ref, string(e.Kind), e.Name, e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339),
			e.Start.Location().String(), string(g), e.Attendance, e.Organiser, e.RRule, boolInt(e.Synthetic)); err != nil {
			return fmt.Errorf("event %q: %w", e.Ref, err)
		}
	}
	return tx.Commit()
}

// FindEvents implements clairvoie.EventService.
func (s *EventService) FindEvents(ctx context.Context) ([]clairvoie.Event, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT source, ref, kind, name, start_at, end_at, zone, place, attendance, organiser, rrule, synthetic
		FROM events ORDER BY start_at, source, ref`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.Event{}
	for rows.Next() {
		var e clairvoie.Event
		var kind, start, end, zone, place string
		var syn int
		if err := rows.Scan(&e.Source, &e.Ref, &kind, &e.Name, &start, &end, &zone, &place, &e.Attendance, &e.Organiser, &e.RRule, &syn); err != nil {
			return nil, err
		}
		e.Kind, e.Synthetic = clairvoie.EventKind(kind), syn == 1
		loc, err := time.LoadLocation(zone)
		if err != nil {
			loc = time.UTC
		}
		if e.Start, err = time.Parse(time.RFC3339, start); err != nil {
			return nil, err
		}
		if e.End, err = time.Parse(time.RFC3339, end); err != nil {
			return nil, err
		}
		e.Start, e.End = e.Start.In(loc), e.End.In(loc)
		g, err := geojson.UnmarshalGeometry([]byte(place))
		if err != nil {
			return nil, err
		}
		e.Place = g.Geometry()
		out = append(out, e)
	}
	return out, rows.Err()
}
