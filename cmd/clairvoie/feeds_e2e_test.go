package main_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/ical"
	"github.com/paulmach/orb"
)

// Calendar feeds and GeoJSON works end to end with the built binary: a
// subscription refreshed all or nothing, its last success shown; a city's
// road works and markets as GeoJSON, on their days in the workspace's zone.
func TestFeedsAndGeoJSONEvents(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	mustRun(t, "workspace", "--db", db, "--timezone", "Indian/Reunion")
	var mu sync.Mutex
	var buf bytes.Buffer
	start := time.Date(2026, 6, 13, 19, 0, 0, 0, time.UTC)
	ical.Write(&buf, []clairvoie.Event{{Ref: "concert", Kind: clairvoie.EventConcert, Name: "Concert au Barachois", Start: start, End: start.Add(3 * time.Hour), Place: orb.Point{55.45, -20.87}}}, start)
	status, body := http.StatusOK, buf.Bytes()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.WriteHeader(status)
		w.Write(body)
	}))
	defer srv.Close()
	// A subscription whose first refresh fails is not kept.
	if r := run(t, "events", "subscribe", "--db", db, "--source", "ville", "--url", srv.URL+"/nope.ics?token=s3cret", "--every", "1m"); r.code != 1 || !strings.Contains(r.stderr, "5 minutes") {
		t.Errorf("every 1m: exit %d, %q", r.code, r.stderr)
	}
	var sub struct {
		Source, Host string
		Events       int
	}
	decode(t, mustRun(t, "events", "subscribe", "--db", db, "--source", "ville", "--url", srv.URL+"/cal.ics?token=s3cret", "--every", "30m", "--json").stdout, &sub)
	if sub.Events != 1 || sub.Host != strings.TrimPrefix(srv.URL, "http://") {
		t.Fatalf("subscribe %+v", sub)
	}
	// 19:00 UTC is 23:00 in Saint-Denis: the concert is on the 13th and,
	// ending at 02:00, on the 14th.
	var day struct{ Events []struct{ Ref, Start string } }
	decode(t, mustRun(t, "forecast", "--db", db, "--date", "2026-06-14", "--json").stdout, &day)
	if len(day.Events) != 1 || day.Events[0].Start != "2026-06-13T23:00:00+04:00" {
		t.Errorf("the concert on the 14th: %+v", day)
	}
	// A failed refresh keeps the events and says so, with exit 1.
	mu.Lock()
	status = http.StatusServiceUnavailable
	mu.Unlock()
	if r := run(t, "events", "refresh", "--db", db); r.code != 1 || !strings.Contains(r.stdout, "NOT refreshed, its events unchanged") || !strings.Contains(r.stdout, "503") {
		t.Errorf("refresh failing: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	var feeds struct {
		Feeds []struct {
			Source, Host string
			LastError    string `json:"last_error"`
			LastSuccess  string `json:"last_success"`
			Events       int
			EveryS       int `json:"every_s"`
		}
	}
	out := mustRun(t, "events", "feeds", "--db", db, "--json").stdout
	decode(t, out, &feeds)
	if len(feeds.Feeds) != 1 || feeds.Feeds[0].LastSuccess == "" || !strings.Contains(feeds.Feeds[0].LastError, "503") || feeds.Feeds[0].Events != 1 || feeds.Feeds[0].EveryS != 1800 {
		t.Errorf("feeds %s", out)
	}
	if strings.Contains(out, "s3cret") {
		t.Errorf("the address's token is shown: %s", out)
	}
	decode(t, mustRun(t, "forecast", "--db", db, "--date", "2026-06-13", "--json").stdout, &day)
	if len(day.Events) != 1 {
		t.Errorf("after a failed refresh: %+v", day)
	}
	// Road works and a market as a city publishes them (French names).
	works := `{"type":"FeatureCollection","features":[
 {"type":"Feature","id":17,"geometry":{"type":"LineString","coordinates":[[55.448,-20.879],[55.452,-20.881]]},
  "properties":{"nature":"travaux","libelle":"Réfection de la rue de Paris","date_debut":"2026-06-15","date_fin":"2026-06-16","gid":17,"revetement":"enrobé"}},
 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[55.45,-20.88],[55.451,-20.88],[55.451,-20.881],[55.45,-20.88]]]},
  "properties":{"type":"marché","nom":"Marché forain","date_debut":"2026-06-13T06:00:00+04:00","date_fin":"2026-06-13T12:00:00+04:00","recurrence":"FREQ=WEEKLY;COUNT=4"}}]}`
	path := filepath.Join(dir, "travaux.geojson")
	os.WriteFile(path, []byte(works), 0o644)
	mustRun(t, "events", "import", "--db", db, "--source", "voirie", path)
	decode(t, mustRun(t, "forecast", "--db", db, "--date", "2026-06-16", "--json").stdout, &day)
	if len(day.Events) != 1 || day.Events[0].Ref != "17" {
		t.Errorf("works through the 16th: %+v", day)
	}
	decode(t, mustRun(t, "forecast", "--db", db, "--date", "2026-06-20", "--json").stdout, &day)
	if len(day.Events) != 1 || day.Events[0].Start != "2026-06-20T06:00:00+04:00" {
		t.Errorf("the market's second Saturday: %+v", day)
	}
	// A personal-looking property fails the file, naming it; nothing changes.
	os.WriteFile(path, []byte(strings.Replace(works, `"gid":17`, `"gid":17,"nom_du_riverain":"x"`, 1)), 0o644)
	if r := run(t, "events", "import", "--db", db, "--source", "voirie", path); r.code != 1 || !strings.Contains(r.stderr, "nom_du_riverain") {
		t.Errorf("personal property: exit %d, %q", r.code, r.stderr)
	}
	if r := run(t, "events", "import", "--db", db, "--source", "voirie2", "--kind", "", strings.Replace(path, "travaux", "absent", 1)); r.code != 1 {
		t.Errorf("a missing file: exit %d", r.code)
	}
	mustRun(t, "events", "unsubscribe", "--db", db, "--source", "ville")
	decode(t, mustRun(t, "events", "feeds", "--db", db, "--json").stdout, &feeds)
	if len(feeds.Feeds) != 0 {
		t.Errorf("after unsubscribing: %+v", feeds)
	}
}
