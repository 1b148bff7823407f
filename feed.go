package clairvoie

import (
	"context"
	"net/url"
	"time"
)

// A Feed is a calendar the workspace subscribes to: an iCalendar address
// fetched on a schedule, its events replacing the source's whole at each
// successful refresh — a failed one (unreachable, malformed, too large)
// changes nothing but the feed's last error.
type Feed struct {
	Source string        `json:"source"`
	URL    string        `json:"-"` // may carry a token: never served, see Host
	Every  time.Duration `json:"-"`
	// EverySeconds is Every, for JSON.
	EverySeconds int64     `json:"every_s"`
	LastAttempt  time.Time `json:"last_attempt,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	LastError    string    `json:"last_error,omitempty"`
	Events       int       `json:"events"` // at the last success
}

// Host is the feed's host, what the pages show of its address.
func (f Feed) Host() string {
	u, err := url.Parse(f.URL)
	if err != nil {
		return ""
	}
	return u.Host
}

// FeedStatus is a feed as it is shown: its host, never its address.
type FeedStatus struct {
	Feed
	Host string `json:"host"`
}

// Status is the feed as it is shown.
func (f Feed) Status() FeedStatus {
	f.EverySeconds = int64(f.Every / time.Second)
	return FeedStatus{Feed: f, Host: f.Host()}
}

// Due reports whether the feed is to be refreshed at now.
func (f Feed) Due(now time.Time) bool {
	return f.LastAttempt.IsZero() || !now.Before(f.LastAttempt.Add(f.Every))
}

// MinFeedEvery is the shortest refresh interval: a city's calendar does
// not change by the minute, and its server is not ours to load.
const MinFeedEvery = 5 * time.Minute

// CheckFeed checks a feed's source, address and interval.
func CheckFeed(f Feed) error {
	if err := CheckSourceName(f.Source); err != nil {
		return err
	}
	u, err := url.Parse(f.URL)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(f.URL) > 2048:
		return Say(EINVALID, "abonnement %s : une adresse http(s) d'au plus 2 048 caractères est attendue", "feed %s: expected an http(s) address of at most 2,048 characters", f.Source)
	case f.Every < MinFeedEvery || f.Every > 31*24*time.Hour:
		return Say(EINVALID, "abonnement %s : un intervalle de 5 minutes à 31 jours est attendu", "feed %s: expected an interval of 5 minutes to 31 days", f.Source)
	}
	return nil
}

// FeedService keeps the subscriptions.
type FeedService interface {
	// SaveFeed adds or replaces the feed of a source (its schedule and
	// address; its refresh record kept when the address is the same).
	SaveFeed(ctx context.Context, f Feed) error
	// DeleteFeed removes a subscription (the source's events stay);
	// ENOTFOUND when there is none.
	DeleteFeed(ctx context.Context, source string) error
	// FindFeeds lists the feeds by source.
	FindFeeds(ctx context.Context) ([]Feed, error)
	// RecordRefresh records an attempt: its time, and on success (err
	// empty) the events stored, else the error.
	RecordRefresh(ctx context.Context, source string, at time.Time, events int, err string) error
}
