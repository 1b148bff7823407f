package sqlite

import (
	"context"
	"time"

	"github.com/clairvoie/clairvoie"
)

// FeedService implements clairvoie.FeedService.
type FeedService struct{ db *DB }

var _ clairvoie.FeedService = (*FeedService)(nil)

// NewFeedService returns the feed service of db.
func NewFeedService(db *DB) *FeedService { return &FeedService{db: db} }

// SaveFeed implements clairvoie.FeedService.
func (s *FeedService) SaveFeed(ctx context.Context, f clairvoie.Feed) error {
	if err := clairvoie.CheckFeed(f); err != nil {
		return err
	}
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO feeds (source, url, every_s) VALUES (?, ?, ?)
		ON CONFLICT (source) DO UPDATE SET every_s = excluded.every_s, url = excluded.url,
		last_attempt = CASE WHEN feeds.url = excluded.url THEN feeds.last_attempt ELSE '' END,
		last_success = CASE WHEN feeds.url = excluded.url THEN feeds.last_success ELSE '' END,
		last_error = CASE WHEN feeds.url = excluded.url THEN feeds.last_error ELSE '' END`, f.Source, f.URL, int64(f.Every/time.Second))
	return err
}

// DeleteFeed implements clairvoie.FeedService.
func (s *FeedService) DeleteFeed(ctx context.Context, source string) error {
	res, err := s.db.db.ExecContext(ctx, `DELETE FROM feeds WHERE source = ?`, source)
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
	rows, err := s.db.db.QueryContext(ctx, `SELECT source, url, every_s, last_attempt, last_success, last_error, events FROM feeds ORDER BY source`)
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
		_, err = s.db.db.ExecContext(ctx, `UPDATE feeds SET last_attempt = ?, last_success = ?, last_error = '', events = ? WHERE source = ?`, stamp, stamp, events, source)
	} else {
		if r := []rune(failure); len(r) > 300 {
			failure = string(r[:300])
		}
		_, err = s.db.db.ExecContext(ctx, `UPDATE feeds SET last_attempt = ?, last_error = ? WHERE source = ?`, stamp, failure, source)
	}
	return err
}
