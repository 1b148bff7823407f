package feed_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/feed"
	"github.com/clairvoie/clairvoie/ical"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// bigCalendar is a year of a city's events: n of them, a tenth recurring.
func bigCalendar(b *testing.B, n int) []byte {
	var evs []clairvoie.Event
	for i := range n {
		start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 97 * time.Minute)
		e := clairvoie.Event{Ref: "ev-" + string(rune('a'+i%26)) + time.Duration(i).String(), Kind: clairvoie.EventKinds[i%len(clairvoie.EventKinds)], Name: "Événement",
			Start: start, End: start.Add(2 * time.Hour), Place: orb.Point{5.37 + float64(i%100)/1000, 43.29}, Attendance: i % 5000}
		if i%10 == 0 {
			e.RRule = "FREQ=WEEKLY;COUNT=10"
		}
		evs = append(evs, e)
	}
	var buf bytes.Buffer
	if err := ical.Write(&buf, evs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func store(b *testing.B) (*sqlite.DB, func()) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "ws.db"))
	if err != nil {
		b.Fatal(err)
	}
	return db, func() { db.Close() }
}

// BenchmarkRefresh5000 is one refresh of a 5,000-event calendar over HTTP
// (fetch, parse, replace in one transaction); BenchmarkImport5000 the same
// calendar read from memory and stored: bench/feeds.sh prints the ratio.
func BenchmarkRefresh5000(b *testing.B) {
	body := bigCalendar(b, 5000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	db, done := store(b)
	defer done()
	r := &feed.Refresher{Feeds: sqlite.NewFeedService(db), Events: sqlite.NewEventService(db), Zone: time.UTC}
	f := clairvoie.Feed{Source: "ville", URL: srv.URL, Every: time.Hour}
	if err := r.Feeds.SaveFeed(context.Background(), f); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		if n, err := r.Refresh(context.Background(), f); err != nil || n != 5000 {
			b.Fatal(n, err)
		}
	}
}

func BenchmarkImport5000(b *testing.B) {
	body := bigCalendar(b, 5000)
	db, done := store(b)
	defer done()
	events := sqlite.NewEventService(db)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		evs, err := ical.Read(bytes.NewReader(body), "cal.ics", time.UTC)
		if err != nil || len(evs) != 5000 {
			b.Fatal(len(evs), err)
		}
		if err := events.ReplaceEvents(context.Background(), "ville", evs); err != nil {
			b.Fatal(err)
		}
	}
}
