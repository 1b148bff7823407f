package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/clairvoie/clairvoie"
)

// SettingsService implements clairvoie.SettingsService on SQLite.
type SettingsService struct{ db *DB }

var _ clairvoie.SettingsService = (*SettingsService)(nil)

// NewSettingsService returns the settings service of db.
func NewSettingsService(db *DB) *SettingsService { return &SettingsService{db: db} }

// Settings implements clairvoie.SettingsService.
func (s *SettingsService) Settings(ctx context.Context) (clairvoie.Settings, error) {
	out := clairvoie.Settings{TimeZone: clairvoie.DefaultTimeZone}
	var zone string
	err := s.db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'timezone'`).Scan(&zone)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	} else if err != nil {
		return out, err
	}
	out.TimeZone = zone
	return out, nil
}

// SetTimeZone implements clairvoie.SettingsService.
func (s *SettingsService) SetTimeZone(ctx context.Context, zone string) error {
	if _, err := clairvoie.LoadZone(zone); err != nil {
		return err
	}
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('timezone', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, zone)
	return err
}
