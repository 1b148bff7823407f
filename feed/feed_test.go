package feed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/feed"
	"github.com/clairvoie/clairvoie/ical"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// calendar is an iCalendar file of n matches.
func calendar(t *testing.T, n int) []byte {
	t.Helper()
	var evs []clairvoie.Event
	for i := range n {
		start := time.Date(2026, 3, 1+i, 21, 0, 0, 0, time.UTC)
		evs = append(evs, clairvoie.Event{Ref: "m" + string(rune('a'+i)), Kind: clairvoie.EventMatch, Name: "Match", Start: start, End: start.Add(2 * time.Hour), Place: orb.Point{5.3959, 43.2698}})
	}
	var b bytes.Buffer
	if err := ical.Write(&b, evs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The refresh is all or nothing: each way a feed can fail leaves the
// events of the last good refresh, and says why; a good one replaces them.
func TestRefreshAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mu sync.Mutex
	status, body := http.StatusOK, calendar(t, 3)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.WriteHeader(status)
		w.Write(body)
	}))
	defer srv.Close()
	feeds, events := sqlite.NewFeedService(db), sqlite.NewEventService(db)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	r := &feed.Refresher{Feeds: feeds, Events: events, Zone: time.UTC, Now: func() time.Time { return now }}
	f := clairvoie.Feed{Source: "ville", URL: srv.URL + "/cal.ics?token=secret", Every: time.Hour}
	if err := feeds.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if n, errs := r.RefreshDue(ctx); n != 1 || errs != nil {
		t.Fatalf("first refresh: %d, %v", n, errs)
	}
	stored := func() int {
		evs, _ := events.FindEvents(ctx)
		return len(evs)
	}
	if stored() != 3 {
		t.Fatalf("%d events", stored())
	}
	// Not due again within the hour.
	now = now.Add(30 * time.Minute)
	if n, _ := r.RefreshDue(ctx); n != 0 {
		t.Errorf("refreshed before due: %d", n)
	}
	for _, tc := range []struct {
		name   string
		status int
		body   []byte
		want   string
	}{
		{"an error status", http.StatusInternalServerError, []byte("oops"), "500"},
		{"a malformed calendar", http.StatusOK, []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:yesterday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "DTSTART"},
		{"a truncated calendar", http.StatusOK, calendar(t, 5)[:400], ""},
		{"too large", http.StatusOK, bytes.Repeat([]byte("X"), feed.MaxBytes+10), "MiB"},
		{"an event without a place", http.StatusOK, bytes.Replace(calendar(t, 2), []byte("GEO:"), []byte("X-NOGEO:"), 1), "GEO"},
		{"a recurrence every minute", http.StatusOK, bytes.Replace(calendar(t, 2), []byte("BEGIN:VEVENT\r\n"), []byte("BEGIN:VEVENT\r\nRRULE:FREQ=MINUTELY\r\n"), 1), "rrule"},
	} {
		mu.Lock()
		status, body = tc.status, tc.body
		mu.Unlock()
		now = now.Add(time.Hour)
		n, errs := r.RefreshDue(ctx)
		if n != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
			t.Errorf("%s: %d, %v", tc.name, n, errs)
		}
		if stored() != 3 {
			t.Errorf("%s: %d events, the last good refresh's 3 expected", tc.name, stored())
		}
		got, _ := feeds.FindFeeds(ctx)
		if !got[0].LastSuccess.Equal(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)) || !got[0].LastAttempt.Equal(now) || got[0].LastError == "" || got[0].Events != 3 {
			t.Errorf("%s: feed %+v", tc.name, got[0])
		}
	}
	// An unreachable host.
	bad := f
	bad.Source, bad.URL = "ailleurs", "http://127.0.0.1:1/cal.ics"
	if err := feeds.SaveFeed(ctx, bad); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Refresh(ctx, bad); err == nil || !strings.Contains(err.Error(), "does not answer") {
		t.Errorf("unreachable: %v", err)
	}
	// A good calendar again replaces the events whole.
	mu.Lock()
	status, body = http.StatusOK, calendar(t, 2)
	mu.Unlock()
	if n, err := r.Refresh(ctx, f); err != nil || n != 2 || stored() != 2 {
		t.Errorf("good again: %d, %v, %d stored", n, err, stored())
	}
	got, _ := feeds.FindFeeds(ctx)
	if got[1].Source != "ville" || got[1].LastError != "" || !got[1].LastSuccess.Equal(now) || got[1].Host() != strings.TrimPrefix(srv.URL, "http://") {
		t.Errorf("feed %+v", got[1])
	}
	// The address's token never goes out with the feed.
	if b, _ := jsonOf(got[1]); strings.Contains(b, "secret") {
		t.Errorf("the URL is served: %s", b)
	}
	// Bad subscriptions are refused.
	for _, b := range []clairvoie.Feed{{Source: "x", URL: "file:///etc/passwd", Every: time.Hour}, {Source: "x", URL: srv.URL, Every: time.Minute}, {URL: srv.URL, Every: time.Hour},
		{Source: "jean.dupont@example.org", URL: srv.URL, Every: time.Hour}} {
		if err := feeds.SaveFeed(ctx, b); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("%+v: %v", b, err)
		}
	}
	if err := feeds.DeleteFeed(ctx, "nope"); clairvoie.ErrorCode(err) != clairvoie.ENOTFOUND {
		t.Errorf("delete unknown: %v", err)
	}
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// A calendar server that trickles its answer holds a refresh no longer
// than the timeout, and changes nothing.
func TestRefreshSlowServer(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	body := calendar(t, 3)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		for i := range body {
			if _, err := w.Write(body[i : i+1]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	feeds, events := sqlite.NewFeedService(db), sqlite.NewEventService(db)
	f := clairvoie.Feed{Source: "lent", URL: srv.URL, Every: time.Hour}
	if err := feeds.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	r := &feed.Refresher{Feeds: feeds, Events: events, Zone: time.UTC, Timeout: 300 * time.Millisecond}
	start := time.Now()
	if _, err := r.Refresh(ctx, f); err == nil {
		t.Fatal("a trickling server was waited for")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the refresh took %v with a 300 ms timeout", d)
	}
	if evs, _ := events.FindEvents(ctx); len(evs) != 0 {
		t.Errorf("%d events from a cut answer", len(evs))
	}
}
