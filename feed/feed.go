// Package feed keeps the calendars a workspace subscribes to up to date:
// it fetches each iCalendar address when due and replaces its source's
// events whole — all or nothing per refresh: an address that does not
// answer, answers with an error, with too much or with a malformed
// calendar changes nothing but the feed's last error.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/ical"
)

// MaxBytes is the largest calendar read: a city's year of events is a few
// hundred kilobytes.
const MaxBytes = 10 << 20

// Timeout bounds one fetch, from the request to the last byte.
const Timeout = 30 * time.Second

// Refresher refreshes feeds into a workspace.
type Refresher struct {
	Feeds  clairvoie.FeedService
	Events clairvoie.EventService
	Zone   *time.Location // where floating times are read
	Client *http.Client   // nil: a client of its own
	// Timeout bounds one fetch, a slow server's included (0: Timeout).
	Timeout time.Duration
	Now     func() time.Time
}

func (r *Refresher) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return Timeout
}

func (r *Refresher) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Refresh fetches one feed and, when its calendar reads whole, replaces
// its source's events; either way the attempt is recorded. It returns the
// events stored, or why nothing changed.
func (r *Refresher) Refresh(ctx context.Context, f clairvoie.Feed) (int, error) {
	evs, err := r.fetch(ctx, f)
	if err == nil {
		err = r.Events.ReplaceEvents(ctx, f.Source, evs)
	}
	at := r.now()
	if err != nil {
		if rerr := r.Feeds.RecordRefresh(ctx, f.Source, at, 0, err.Error()); rerr != nil {
			return 0, errors.Join(err, rerr)
		}
		return 0, err
	}
	return len(evs), r.Feeds.RecordRefresh(ctx, f.Source, at, len(evs), "")
}

func (r *Refresher) fetch(ctx context.Context, f clairvoie.Feed) ([]clairvoie.Event, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/calendar")
	req.Header.Set("User-Agent", "clairvoie (calendar subscription)")
	client := r.Client
	if client == nil {
		client = &http.Client{Timeout: r.timeout()}
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, clairvoie.Say(clairvoie.EINVALID, "abonnement %s : %s ne répond pas (%v)", "feed %s: %s does not answer (%v)", f.Source, f.Host(), errors.Unwrap(err))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, clairvoie.Say(clairvoie.EINVALID, "abonnement %s : %s répond %s", "feed %s: %s answers %s", f.Source, f.Host(), res.Status)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, MaxBytes+1))
	if err != nil {
		return nil, clairvoie.Say(clairvoie.EINVALID, "abonnement %s : lecture interrompue (%v)", "feed %s: reading stopped (%v)", f.Source, err)
	}
	if len(body) > MaxBytes {
		return nil, clairvoie.Say(clairvoie.EINVALID, "abonnement %s : plus de %d Mio, refusé", "feed %s: more than %d MiB, refused", f.Source, MaxBytes>>20)
	}
	return ical.Read(bytes.NewReader(body), f.Source+" ("+f.Host()+")", r.Zone)
}

// RefreshDue refreshes the feeds that are due, one after the other; it
// returns how many were attempted and the errors of those that failed.
func (r *Refresher) RefreshDue(ctx context.Context) (int, []error) {
	feeds, err := r.Feeds.FindFeeds(ctx)
	if err != nil {
		return 0, []error{err}
	}
	n := 0
	var errs []error
	for _, f := range feeds {
		if !f.Due(r.now()) || ctx.Err() != nil {
			continue
		}
		n++
		if _, err := r.Refresh(ctx, f); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Source, err))
		}
	}
	return n, errs
}

// Run refreshes the due feeds every tick until ctx ends, passing each
// failure to report.
func (r *Refresher) Run(ctx context.Context, tick time.Duration, report func(error)) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		_, errs := r.RefreshDue(ctx)
		for _, err := range errs {
			report(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
