// Package sqlshared holds the store services whose SQL is the same on
// SQLite and PostgreSQL but for its placeholders: the workspace's
// settings and its calendar feeds. Each store hands them its *sql.DB and
// its placeholder style.
package sqlshared

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

// Placeholders writes a statement's placeholders: "?" for SQLite, "$1",
// "$2"… for PostgreSQL.
type Placeholders func(q string) string

// Question leaves "?" as it is (SQLite).
func Question(q string) string { return q }

// Dollar numbers the "?" of q: $1, $2… (PostgreSQL).
func Dollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SettingsService implements clairvoie.SettingsService.
type SettingsService struct {
	DB *sql.DB
	Q  Placeholders
}

var _ clairvoie.SettingsService = (*SettingsService)(nil)

// Settings implements clairvoie.SettingsService.
func (s *SettingsService) Settings(ctx context.Context) (clairvoie.Settings, error) {
	out := clairvoie.Settings{TimeZone: clairvoie.DefaultTimeZone}
	var zone string
	err := s.DB.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'timezone'`).Scan(&zone)
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
	_, err := s.DB.ExecContext(ctx, s.Q(`INSERT INTO settings (key, value) VALUES ('timezone', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`), zone)
	return err
}

// FeedService implements clairvoie.FeedService.
type FeedService struct {
	DB *sql.DB
	Q  Placeholders
}

var _ clairvoie.FeedService = (*FeedService)(nil)

// SaveFeed implements clairvoie.FeedService.
func (s *FeedService) SaveFeed(ctx context.Context, f clairvoie.Feed) error {
	if err := clairvoie.CheckFeed(f); err != nil {
		return err
	}
	_, err := s.DB.ExecContext(ctx, s.Q(`INSERT INTO feeds (source, url, every_s) VALUES (?, ?, ?)
		ON CONFLICT (source) DO UPDATE SET every_s = excluded.every_s, url = excluded.url,
		last_attempt = CASE WHEN feeds.url = excluded.url THEN feeds.last_attempt ELSE '' END,
		last_success = CASE WHEN feeds.url = excluded.url THEN feeds.last_success ELSE '' END,
		last_error = CASE WHEN feeds.url = excluded.url THEN feeds.last_error ELSE '' END`), f.Source, f.URL, int64(f.Every/time.Second))
	return err
}

// DeleteFeed implements clairvoie.FeedService.
func (s *FeedService) DeleteFeed(ctx context.Context, source string) error {
	res, err := s.DB.ExecContext(ctx, s.Q(`DELETE FROM feeds WHERE source = ?`), source)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return clairvoie.Say(clairvoie.ENOTFOUND, "aucun abonnement pour la source %q", "no feed for source %q", source)
	}
	return nil
}

// FindFeeds implements clairvoie.FeedService.
func (s *FeedService) FindFeeds(ctx context.Context) ([]clairvoie.Feed, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT source, url, every_s, last_attempt, last_success, last_error, events FROM feeds ORDER BY source`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.Feed{}
	for rows.Next() {
		var f clairvoie.Feed
		var attempt, success string
		if err := rows.Scan(&f.Source, &f.URL, &f.EverySeconds, &attempt, &success, &f.LastError, &f.Events); err != nil {
			return nil, err
		}
		f.Every = time.Duration(f.EverySeconds) * time.Second
		f.LastAttempt, _ = time.Parse(time.RFC3339Nano, attempt)
		f.LastSuccess, _ = time.Parse(time.RFC3339Nano, success)
		out = append(out, f)
	}
	return out, rows.Err()
}

// RecordRefresh implements clairvoie.FeedService.
func (s *FeedService) RecordRefresh(ctx context.Context, source string, at time.Time, events int, failure string) error {
	stamp := at.UTC().Format(time.RFC3339Nano)
	var err error
	if failure == "" {
		_, err = s.DB.ExecContext(ctx, s.Q(`UPDATE feeds SET last_attempt = ?, last_success = ?, last_error = '', events = ? WHERE source = ?`), stamp, stamp, events, source)
	} else {
		if r := []rune(failure); len(r) > 300 {
			failure = string(r[:300])
		}
		_, err = s.DB.ExecContext(ctx, s.Q(`UPDATE feeds SET last_attempt = ?, last_error = ? WHERE source = ?`), stamp, failure, source)
	}
	return err
}
