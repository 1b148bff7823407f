package postgres

import "github.com/clairvoie/clairvoie/internal/sqlshared"

// NewSettingsService returns the settings service of db (the workspace's
// time zone), its SQL shared with the other store.
func NewSettingsService(db *DB) *sqlshared.SettingsService {
	return &sqlshared.SettingsService{DB: db.db, Q: sqlshared.Dollar}
}

// NewFeedService returns the calendar-feed service of db, its SQL shared
// with the other store.
func NewFeedService(db *DB) *sqlshared.FeedService {
	return &sqlshared.FeedService{DB: db.db, Q: sqlshared.Dollar}
}
