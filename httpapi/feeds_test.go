package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/feed"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/ical"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// The server runs the feeds' refresh in the background (serve's task),
// waits for it on shutdown, and lists the feeds with their host and last
// success — never their address.
func TestServerRefreshesFeeds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "feeds.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cal bytes.Buffer
	start := time.Date(2026, 7, 14, 21, 0, 0, 0, time.UTC)
	ical.Write(&cal, []clairvoie.Event{{Ref: "feu", Kind: clairvoie.EventFestival, Name: "Feu d'artifice", Start: start, End: start.Add(time.Hour), Place: orb.Point{5.37, 43.29}}}, start)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(cal.Bytes()) }))
	defer origin.Close()
	feeds, events := sqlite.NewFeedService(db), sqlite.NewEventService(db)
	if err := feeds.SaveFeed(ctx, clairvoie.Feed{Source: "ville", URL: origin.URL + "/agenda.ics?key=t0ken", Every: time.Hour}); err != nil {
		t.Fatal(err)
	}
	refresh := &feed.Refresher{Feeds: feeds, Events: events, Zone: time.UTC}
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), Events: events, Feeds: feeds, Logger: slog.New(slog.DiscardHandler),
		Background: []func(context.Context){func(ctx context.Context) { refresh.Run(ctx, 20*time.Millisecond, func(error) {}) }}}
	if err := srv.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	var body string
	for i := 0; i < 250; i++ {
		res, err := http.Get("http://" + srv.Addr() + "/api/events/feeds")
		if err == nil {
			var b bytes.Buffer
			b.ReadFrom(res.Body)
			res.Body.Close()
			body = b.String()
			if strings.Contains(body, `"last_success"`) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	var got struct {
		Feeds []struct {
			Source, Host string
			Events       int
			LastSuccess  time.Time `json:"last_success"`
		}
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Feeds) != 1 || got.Feeds[0].Events != 1 || got.Feeds[0].LastSuccess.IsZero() ||
		got.Feeds[0].Host != strings.TrimPrefix(origin.URL, "http://") {
		t.Fatalf("feeds %s (%v)", body, err)
	}
	if strings.Contains(body, "t0ken") || strings.Contains(body, "agenda.ics") {
		t.Errorf("the address is served: %s", body)
	}
	if evs, _ := events.FindEvents(ctx); len(evs) != 1 || evs[0].Ref != "feu" {
		t.Errorf("events %+v", evs)
	}
	// The metric says no feed is stale.
	ts := httptest.NewServer((&httpapi.Server{Cameras: sqlite.NewCameraService(db), Feeds: feeds}).Handler())
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/metrics", nil)
	if code, m := do(t, req); code != 200 || !strings.Contains(m, "clairvoie_feeds_stale 0") {
		t.Errorf("metric: %d %s", code, m)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}
