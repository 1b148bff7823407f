package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// appServer is a workspace with areas, two sources and a camera with every
// legal fact, as the web app sees it.
func appServer(t testing.TB, tiles string) *httptest.Server {
	t.Helper()
	return appServerWith(t, tiles, "https://videoprotection.example.fr")
}

// appServerWith is appServer with a public URL of choice ("" for none).
func appServerWith(t testing.TB, tiles, publicURL string) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sq := orb.Polygon{{{5, 43}, {6, 43}, {6, 44}, {5, 44}, {5, 43}}}
	areas := sqlite.NewAreaService(db)
	if err := areas.ReplaceAreas(ctx, clairvoie.AreaArrondissement, []clairvoie.Area{{Kind: clairvoie.AreaArrondissement, Code: "13201", Name: "1er", Population: 40000, Geometry: sq}}); err != nil {
		t.Fatal(err)
	}
	if err := areas.ReplaceAreas(ctx, clairvoie.AreaQuartier, []clairvoie.Area{{Kind: clairvoie.AreaQuartier, Code: "q1", Name: "Noailles", Parent: "13201", Geometry: sq}}); err != nil {
		t.Fatal(err)
	}
	yes := true
	cams := sqlite.NewCameraService(db)
	full := clairvoie.Camera{SourceRef: "C1", Location: orb.Point{5.5, 43.5}, Status: clairvoie.StatusActive, Quartier: "q1", Arrondissement: "13201",
		Direction: &clairvoie.Direction{Degrees: 90, FOV: 60}, RetentionDays: 12, Operator: "Ville de Test", OperatorType: clairvoie.OperatorPublic,
		Authorisation: clairvoie.Authorisation{Ref: "AP-2024-7", Date: clairvoie.NewDate(2024, 2, 1), Expires: clairvoie.NewDate(2029, 2, 1), RetentionDays: 15},
		Purposes:      []clairvoie.Purpose{5}, Signage: clairvoie.Signage{Present: &yes, CheckedOn: clairvoie.NewDate(2026, 6, 1)}, VerifiedOn: clairvoie.NewDate(2026, 6, 1)}
	other := clairvoie.Camera{SourceRef: "C2", Location: orb.Point{5.5001, 43.5}, Status: clairvoie.StatusPlanned}
	if _, err := cams.ImportCameras(ctx, clairvoie.Source{Name: "ville", Licence: "etalab-2.0"}, clairvoie.CamerasOf([]clairvoie.Camera{full, other}), clairvoie.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	osmCam := clairvoie.Camera{SourceRef: "node/1", Location: orb.Point{5.50001, 43.50001}}
	if _, err := cams.ImportCameras(ctx, clairvoie.Source{Name: "osm", Licence: "ODbL-1.0"}, clairvoie.CamerasOf([]clairvoie.Camera{osmCam}), clairvoie.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := &httpapi.Server{Cameras: cams, Areas: areas, Usage: sqlite.NewUsageService(db), Tiles: tiles, PublicURL: publicURL,
		Now: func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func body(t *testing.T, ts *httptest.Server, path string, wantStatus int) (string, http.Header) {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != wantStatus {
		t.Fatalf("GET %s: %d, want %d: %s", path, res.StatusCode, wantStatus, b)
	}
	return string(b), res.Header
}

func TestMapCameras(t *testing.T) {
	ts := appServer(t, "")
	var fc struct {
		Total    int
		Features []struct {
			ID         int64
			Properties map[string]any
		}
	}
	get(t, ts, "/api/map/cameras", http.StatusOK, &fc)
	if fc.Total != 3 || len(fc.Features) != 3 {
		t.Fatalf("got %d cameras", len(fc.Features))
	}
	p := fc.Features[0].Properties
	if p["r"] != "C1" || p["qn"] != "Noailles" || p["d"].(float64) != 90 || p["f"].(float64) != 60 || p["ret"].(float64) != 12 || p["sev"] != "ok" || p["ax"] != "2029-02-01" {
		t.Errorf("C1: got %v", p)
	}
	if fc.Features[1].Properties["sev"] != "out" || fc.Features[2].Properties["sev"] != "unknown" {
		t.Errorf("severities: planned %v, osm %v; want out and unknown", fc.Features[1].Properties["sev"], fc.Features[2].Properties["sev"])
	}
	get(t, ts, "/api/map/cameras?source=osm", http.StatusOK, &fc)
	if len(fc.Features) != 1 {
		t.Errorf("filter by source: got %d", len(fc.Features))
	}
	get(t, ts, "/api/map/cameras?limit=3", http.StatusBadRequest, nil)
}

func TestAreas(t *testing.T) {
	ts := appServer(t, "")
	var fc struct {
		Features []struct {
			Geometry   struct{ Type string }
			Properties map[string]any
		}
	}
	get(t, ts, "/api/areas", http.StatusOK, &fc)
	if len(fc.Features) != 2 {
		t.Fatalf("got %d areas, want 2", len(fc.Features))
	}
	get(t, ts, "/api/areas?kind=arrondissement", http.StatusOK, &fc)
	if len(fc.Features) != 1 || fc.Features[0].Properties["population"].(float64) != 40000 || fc.Features[0].Geometry.Type != "Polygon" {
		t.Errorf("arrondissements: got %+v", fc.Features)
	}
	get(t, ts, "/api/areas?kind=region", http.StatusBadRequest, nil)
}

func TestReconcileEndpoint(t *testing.T) {
	ts := appServer(t, "")
	var r struct {
		A, B                  string
		Matched, OnlyA, OnlyB int `json:"-"`
		M                     int `json:"matched"`
		OA                    int `json:"only_a"`
		OB                    int `json:"only_b"`
	}
	get(t, ts, "/api/reconcile?a=ville&b=osm&within=25", http.StatusOK, &r)
	if r.A != "ville" || r.M != 1 || r.OA != 1 || r.OB != 0 {
		t.Errorf("got %+v", r)
	}
	get(t, ts, "/api/reconcile?a=ville", http.StatusBadRequest, nil)
	get(t, ts, "/api/reconcile?a=ville&b=osm&within=-1", http.StatusBadRequest, nil)
	get(t, ts, "/api/reconcile?a=ville&b=nope", http.StatusNotFound, nil)
}

func TestCameraPage(t *testing.T) {
	ts := appServer(t, "")
	page, h := body(t, ts, "/cameras/1", http.StatusOK)
	for _, want := range []string{`lang="fr"`, "12 jours", "AP-2024-7", "1er février 2029", "Ville de Test", "Prévention des atteintes",
		"CNIL", "Licence Ouverte 2.0 (Etalab)</a>", `href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"`, "https://videoprotection.example.fr/cameras/1", "Noailles", "90°", "champ 60°"} {
		if !strings.Contains(page, want) {
			t.Errorf("camera page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>") || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("no inline script, and a CSP")
	}
	en, _ := body(t, ts, "/cameras/1?lang=en", http.StatusOK)
	for _, want := range []string{`lang="en"`, "12 days", "valid until 1 February 2029", "Data controller", "Open Licence 2.0 (Etalab)"} {
		if !strings.Contains(en, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
	png, h := body(t, ts, "/cameras/1/qr.png", http.StatusOK)
	if h.Get("Content-Type") != "image/png" || !strings.HasPrefix(png, "\x89PNG") {
		t.Errorf("qr: %s", h.Get("Content-Type"))
	}
	body(t, ts, "/cameras/99", http.StatusNotFound)
	body(t, ts, "/cameras/x", http.StatusBadRequest)
}

func TestStaticAndCSP(t *testing.T) {
	ts := appServer(t, "https://tiles.example.org/{z}/{x}/{y}.png")
	index, h := body(t, ts, "/", http.StatusOK)
	if !strings.Contains(index, "maplibre-gl-csp.js") || h.Get("Cache-Control") != "no-cache" || h.Get("ETag") == "" {
		t.Errorf("index: %v", h)
	}
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "img-src 'self' data: blob: https://tiles.example.org") || strings.Contains(csp, "script-src") && !strings.Contains(csp, "'self'") {
		t.Errorf("CSP with a tile server: %q", csp)
	}
	_, h = body(t, ts, "/static/vendor/maplibre-gl-5.24.1/maplibre-gl-csp.js", http.StatusOK)
	if !strings.Contains(h.Get("Cache-Control"), "immutable") {
		t.Errorf("vendored files are cached for long: %v", h.Get("Cache-Control"))
	}
	_, h = body(t, ts, "/static/app.js", http.StatusOK)
	if h.Get("Cache-Control") != "no-cache" || h.Get("ETag") == "" || !strings.Contains(h.Get("Content-Type"), "javascript") {
		t.Errorf("app files revalidate: %v", h)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/static/app.js", nil)
	req.Header.Set("If-None-Match", h.Get("ETag"))
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil || res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %v %v", res.StatusCode, err)
	}
	res.Body.Close()
	req, _ = http.NewRequest("GET", ts.URL+"/static/vendor/maplibre-gl-5.24.1/maplibre-gl-csp.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	zipped, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" || len(zipped) > 400_000 {
		t.Errorf("precompressed: %v, %d bytes", res.Header.Get("Content-Encoding"), len(zipped))
	}
	var cfg map[string]any
	get(t, ts, "/api/config", http.StatusOK, &cfg)
	if cfg["tiles"] != "https://tiles.example.org/{z}/{x}/{y}.png" {
		t.Errorf("config: %v", cfg)
	}
	body(t, ts, "/static/", http.StatusNotFound)
	body(t, ts, "/static/nope.js", http.StatusNotFound)
}

func TestPlanEndpoint(t *testing.T) {
	ts := appServer(t, "")
	// The test workspace has no usage ledger: the plan follows costs, and says so.
	var p struct {
		Gap   float64
		Notes []string
		Plan  struct{ Years []struct{ Year int } }
	}
	get(t, ts, "/api/plan?source=ville&years=1&start=2027&target=1000&capacity=1", http.StatusOK, &p)
	if len(p.Plan.Years) != 1 || p.Plan.Years[0].Year != 2027 || len(p.Notes) == 0 || !strings.Contains(p.Notes[0], "no usage ledger") {
		t.Errorf("plan: %+v", p)
	}
	var e struct{ Error struct{ Message string } }
	get(t, ts, "/api/plan?source=ville&years=2&start=2027&target=1000&capacity=1", http.StatusBadRequest, &e)
	if !strings.Contains(e.Error.Message, "year 2028: the savings target cannot be met: no camera is left to close") {
		t.Errorf("impossible second year: %q", e.Error.Message)
	}
	get(t, ts, "/api/plan?source=ville&target=1e12&start=2027", http.StatusBadRequest, nil)
	get(t, ts, "/api/plan?mode=maybe", http.StatusBadRequest, nil)
	get(t, ts, "/api/plan?years=99", http.StatusBadRequest, nil)
	get(t, ts, "/api/plan?colour=red", http.StatusBadRequest, nil)
}

func TestOpenDataEndpoints(t *testing.T) {
	ts := appServer(t, "")
	var pkg struct {
		Profile   string
		Resources []struct{ Name, Path string }
	}
	get(t, ts, "/opendata/datapackage.json", http.StatusOK, &pkg)
	if pkg.Profile != "data-package" || len(pkg.Resources) < 6 {
		t.Fatalf("datapackage: %+v", pkg)
	}
	csv, h := body(t, ts, "/opendata/cameras.csv", http.StatusOK)
	if !strings.HasPrefix(csv, "id,source,source_ref,lon,lat") || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
		t.Errorf("cameras.csv: %q %v", csv[:40], h.Get("Content-Type"))
	}
	var cat map[string]any
	get(t, ts, "/catalog.jsonld", http.StatusOK, &cat)
	if cat["@type"] != "dcat:Catalog" {
		t.Errorf("catalog: %v", cat["@type"])
	}
	body(t, ts, "/opendata/nope.csv", http.StatusNotFound)
	body(t, ts, "/opendata/../../etc/passwd", http.StatusNotFound)
}

func TestFibreEndpointWithoutNetwork(t *testing.T) {
	ts := appServer(t, "")
	var e struct {
		Error struct{ Code, Message string }
	}
	get(t, ts, "/api/fibre", http.StatusNotFound, &e)
	if !strings.Contains(e.Error.Message, "conduit network") {
		t.Errorf("got %+v", e)
	}
}

func TestErrorsInBothLanguages(t *testing.T) {
	ts := appServer(t, "")
	var got struct {
		Error struct {
			Code     string            `json:"code"`
			Message  string            `json:"message"`
			Messages map[string]string `json:"messages"`
		} `json:"error"`
	}
	b, _ := body(t, ts, "/api/communes?x=1", http.StatusBadRequest)
	if err := json.Unmarshal([]byte(b), &got); err != nil {
		t.Fatal(err)
	}
	if got.Error.Code != "invalid" || got.Error.Message != "/api/communes takes no parameter" ||
		got.Error.Messages["en"] != got.Error.Message || got.Error.Messages["fr"] != "/api/communes ne prend aucun paramètre" {
		t.Errorf("%+v", got.Error)
	}
	b, _ = body(t, ts, "/api/cameras?nope=1", http.StatusBadRequest)
	if err := json.Unmarshal([]byte(b), &got); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Error.Messages["fr"], `paramètre inconnu "nope" (acceptés : bbox,`) {
		t.Errorf("an unknown parameter, in French: %+v", got.Error)
	}
	b, _ = body(t, ts, "/api/cameras?bbox=x", http.StatusBadRequest)
	if err := json.Unmarshal([]byte(b), &got); err != nil {
		t.Fatal(err)
	}
	if got.Error.Messages["fr"] != "demande incorrecte (en anglais) : "+got.Error.Message {
		t.Errorf("a message said in English only is introduced in French: %+v", got.Error)
	}
}
