package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/clairvoie/clairvoie"
)

// EventService implements clairvoie.EventService on PostgreSQL.
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
	if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE source = $1`, source); err != nil {
		return err
	}
	for _, e := range events {
		g, err := geomArg(e.Place)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (source, ref, kind, name, start_at, end_at, zone, place, attendance, organiser, rrule, synthetic)
			VALUES ($1, $2, $3, $4, $5, $6, $7, `+geomIn1("$8")+`, $9, $10, $11, $12)`, source, e.Ref, string(e.Kind), e.Name, e.Start, e.End,
			e.Start.Location().String(), g, e.Attendance, e.Organiser, e.RRule, e.Synthetic); err != nil {
			return fmt.Errorf("event %q: %w", e.Ref, err)
		}
	}
	return tx.Commit()
}

// FindEvents implements clairvoie.EventService.
func (s *EventService) FindEvents(ctx context.Context) ([]clairvoie.Event, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT source, ref, kind, name, start_at, end_at, zone, `+geomOut1("place")+`, attendance, organiser, rrule, synthetic
		FROM events ORDER BY start_at, source, ref`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.Event{}
	for rows.Next() {
		var e clairvoie.Event
		var kind, zone string
		var place []byte
		if err := rows.Scan(&e.Source, &e.Ref, &kind, &e.Name, &e.Start, &e.End, &zone, &place, &e.Attendance, &e.Organiser, &e.RRule, &e.Synthetic); err != nil {
			return nil, err
		}
		e.Kind = clairvoie.EventKind(kind)
		loc, err := time.LoadLocation(zone)
		if err != nil {
			loc = time.UTC
		}
		e.Start, e.End = e.Start.In(loc), e.End.In(loc)
		if e.Place, err = parseGeom(place); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
