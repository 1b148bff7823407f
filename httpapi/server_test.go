package httpapi_test

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cams := sqlite.NewCameraService(db)
	var list []clairvoie.Camera
	for i := 0; i < 10; i++ {
		c := clairvoie.Camera{SourceRef: string(rune('a' + i)), Location: orb.Point{5.37 + float64(i)*0.01, 43.29}, Status: clairvoie.StatusActive,
			Arrondissement: "13201", OperatorType: clairvoie.OperatorPublic, RetentionDays: 10 + i*5,
			Purposes: []clairvoie.Purpose{clairvoie.PurposeAssaultTheftDrugs}}
		if i >= 5 {
			c.Arrondissement, c.Status = "13202", clairvoie.StatusPlanned
		}
		list = append(list, c)
	}
	if _, err := cams.ImportCameras(ctx, clairvoie.Source{Name: "synthetique", Format: "generated", Licence: "etalab-2.0", Synthetic: true}, clairvoie.CamerasOf(list), clairvoie.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := &httpapi.Server{Cameras: cams, Areas: sqlite.NewAreaService(db),
		Now: func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string, wantStatus int, v any) http.Header {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d; body %s", path, res.StatusCode, wantStatus, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
	}
	return res.Header
}

type fc struct {
	Type     string `json:"type"`
	Total    int    `json:"total"`
	Notice   string `json:"notice"`
	Features []struct {
		ID         int64             `json:"id"`
		Properties map[string]string `json:"properties"`
	} `json:"features"`
}

func TestCameras(t *testing.T) {
	ts := newServer(t)
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", 10},
		{"?bbox=5.365,43.28,5.395,43.30", 3},
		{"?status=planned", 5},
		{"?status=active,planned&arrondissement=13201", 5},
		{"?operator_type=public&source=synthetique", 10},
		{"?source=other", 0},
	} {
		var got fc
		h := get(t, ts, "/api/cameras"+tc.query, http.StatusOK, &got)
		if got.Type != "FeatureCollection" || len(got.Features) != tc.want || got.Total != tc.want || h.Get("X-Total-Count") == "" {
			t.Errorf("%s: got %d features (total %d), want %d", tc.query, len(got.Features), got.Total, tc.want)
		}
		if tc.want > 0 && (!strings.Contains(got.Notice, "synthétiques") || got.Features[0].Properties["clairvoie:synthetic"] != "yes") {
			t.Errorf("%s: synthetic records must carry the notice and their label", tc.query)
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "application/geo+json") {
			t.Errorf("%s: content type %q", tc.query, h.Get("Content-Type"))
		}
	}
	var page fc
	get(t, ts, "/api/cameras?limit=3&offset=8", http.StatusOK, &page)
	if len(page.Features) != 2 || page.Total != 10 {
		t.Errorf("page: got %d features, total %d; want 2 of 10", len(page.Features), page.Total)
	}
}

func TestCamerasBadInput(t *testing.T) {
	ts := newServer(t)
	for q, want := range map[string]string{
		"?bbox=1,2,3":          "min_lon,min_lat,max_lon,max_lat",
		"?bbox=5,44,6,43":      "min_lat ≤ max_lat",
		"?status=broken":       "unknown status",
		"?limit=-1":            "limit",
		"?operator_type=mixed": "public or private",
		"?arrondisement=13201": `unknown parameter "arrondisement"`,
	} {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		get(t, ts, "/api/cameras"+q, http.StatusBadRequest, &e)
		if e.Error.Code != "invalid" || !strings.Contains(e.Error.Message, want) {
			t.Errorf("%s: got %+v, want a message containing %q", q, e.Error, want)
		}
	}
}

func TestCamera(t *testing.T) {
	ts := newServer(t)
	var c struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Camera     clairvoie.Camera  `json:"camera"`
		Purposes   []struct{ FR string }
		Findings   []struct{ Kind string }
		Notice     string
	}
	get(t, ts, "/api/cameras/5", http.StatusOK, &c)
	if c.Type != "Feature" || c.Camera.RetentionDays != 30 || c.Properties["clairvoie:retention_days"] != "30" || len(c.Purposes) != 1 || c.Notice == "" {
		t.Errorf("got %+v", c)
	}
	if len(c.Findings) == 0 {
		t.Errorf("a camera with no authorisation must show findings")
	}
	get(t, ts, "/api/cameras/999", http.StatusNotFound, nil)
	get(t, ts, "/api/cameras/abc", http.StatusBadRequest, nil)
}

func TestChecksSourcesHealth(t *testing.T) {
	ts := newServer(t)
	var rep struct {
		Today    string            `json:"today"`
		Findings []json.RawMessage `json:"findings"`
		Totals   struct {
			Cameras, Checked int
			ByKind           map[string]int `json:"by_kind"`
		} `json:"totals"`
	}
	get(t, ts, "/api/checks?today=2026-11-29", http.StatusOK, &rep)
	if rep.Today != "2026-11-29" || rep.Totals.Cameras != 10 || rep.Totals.Checked != 5 || rep.Totals.ByKind["retention_over_legal_max"] != 0 {
		t.Errorf("checks: got %+v", rep)
	}
	get(t, ts, "/api/checks?arrondissement=13202&today=2026-11-29", http.StatusOK, &rep)
	if rep.Totals.Cameras != 5 || rep.Totals.Checked != 0 {
		t.Errorf("checks of planned cameras: got %+v", rep.Totals)
	}
	get(t, ts, "/api/checks?today=tomorrow", http.StatusBadRequest, nil)
	var srcs struct{ Sources []clairvoie.Source }
	get(t, ts, "/api/sources", http.StatusOK, &srcs)
	if len(srcs.Sources) != 1 || !srcs.Sources[0].Synthetic || srcs.Sources[0].Cameras != 10 {
		t.Errorf("sources: got %+v", srcs)
	}
	var h map[string]string
	get(t, ts, "/healthz", http.StatusOK, &h)
	if h["status"] != "ok" {
		t.Errorf("healthz: got %v", h)
	}
	get(t, ts, "/nope", http.StatusNotFound, nil)
}

func TestIndexHeadersAndCompression(t *testing.T) {
	ts := newServer(t)
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", res.Header)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP: got %q", csp)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if !strings.Contains(string(body), `id="banner"`) || !strings.Contains(string(body), `lang="fr"`) {
		t.Errorf("index page: %s", body)
	}
}

func TestServeAndShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db)}
	if err := srv.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	res, err := http.Get("http://" + srv.Addr() + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after cancel: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the context was cancelled")
	}
}

// The open endpoints may be read from any origin; the app's own pages and
// config are not opened up.
func TestOpenEndpointsCORS(t *testing.T) {
	ts := newServer(t)
	for _, p := range []string{"/api/cameras", "/api/checks", "/api/sources", "/opendata/datapackage.json", "/catalog.jsonld", "/opendata/cameras.csv"} {
		if h := get(t, ts, p, http.StatusOK, nil); h.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin %q, want *", p, h.Get("Access-Control-Allow-Origin"))
		}
	}
	if h := get(t, ts, "/api/config", http.StatusOK, nil); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("/api/config opened to other origins")
	}
}

// Every page the served open data links to answers (the page column used
// to point to package files the server does not carry).
func TestServedOpenDataLinksResolve(t *testing.T) {
	ts := newServer(t)
	res, err := http.Get(ts.URL + "/opendata/cameras.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	rows, err := csv.NewReader(res.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "page")
	if col < 0 || len(rows) < 2 {
		t.Fatalf("no page column or no rows: %v", rows[0])
	}
	for _, row := range rows[1:] {
		u, err := url.Parse(row[col])
		if err != nil || u.Path == "" {
			t.Fatalf("page %q", row[col])
		}
		get(t, ts, u.Path, http.StatusOK, nil)
	}
	var readme []byte
	if r, err := http.Get(ts.URL + "/opendata/README.md"); err == nil {
		readme, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	if strings.Contains(string(readme), "cameras_osm") {
		t.Error("the README names cameras_osm files the package does not hold")
	}
}
