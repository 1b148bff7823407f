package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// fuzzPaths are the public GET endpoints that read query parameters.
var fuzzPaths = []string{"/api/cameras", "/api/map/cameras", "/api/checks", "/api/sources", "/api/areas", "/api/plan", "/api/fibre",
	"/api/events", "/api/conflicts", "/api/outcomes", "/api/forecast", "/api/backtest", "/api/register", "/api/reconcile",
	"/api/cameras/1", "/cameras/1", "/opendata/datapackage.json"}

// Any query string on any public endpoint gets an answer, never a 500 (a
// panic or an internal error): a 4xx carries a JSON error with a message.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"bbox=5,43,6,44", "bbox=6,44,5,43", "bbox=a,b,c,d", "limit=-1", "limit=99999999999999999999", "offset=-5",
		"status=nope", "years=1000", "target=1e308", "radius=-1", "scenario=extreme", "date=2026-02-30", "from=2026-12-01&to=2026-01-01",
		"source=%00", "k=0", "a=b", "lang=xx", "mode=loss&loss_cap=2"} {
		for i := range fuzzPaths {
			f.Add(uint8(i), q)
		}
	}
	h := appServer(f, "").Config.Handler
	f.Fuzz(func(t *testing.T, which uint8, query string) {
		path := fuzzPaths[int(which)%len(fuzzPaths)]
		u, err := url.Parse(path + "?" + query)
		if err != nil || u.Path != path {
			return
		}
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.URL, req.RequestURI = u, u.RequestURI() // the raw query as the fuzzer wrote it
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch code := rec.Code; {
		case code >= 500 && code != http.StatusServiceUnavailable:
			t.Fatalf("GET %s: %d %s", u, code, rec.Body.String())
		case code >= 400 && rec.Header().Get("Content-Type") == "application/json; charset=utf-8":
			var e struct {
				Error struct{ Code, Message string }
			}
			if json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error.Message == "" {
				t.Fatalf("GET %s: %d without a message: %s", u, code, rec.Body.String())
			}
		}
	})
}

// NaN, infinities and numbers written in ways no person writes get a 400
// with a message on every numeric parameter, never a 200 with an empty
// answer (issue 14: /api/reconcile?within=NaN answered 200).
func TestQueryRefusesMalformedNumbers(t *testing.T) {
	ts := appServer(t, "")
	for _, path := range []string{"/api/reconcile?a=ville&b=osm&within=", "/api/cameras?bbox=5,43,6,", "/api/fibre?pull=",
		"/api/fibre?budget=", "/api/plan?target=", "/api/plan?radius="} {
		for _, bad := range []string{"NaN", "nan", "Inf", "-Inf", "0x1p3", "1_0", "1e999"} {
			u := ts.URL + path + url.QueryEscape(bad)
			res, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			var e struct {
				Error struct{ Code, Message string }
			}
			err = json.NewDecoder(res.Body).Decode(&e)
			res.Body.Close()
			if res.StatusCode != http.StatusBadRequest || err != nil || e.Error.Message == "" {
				t.Errorf("GET %s: %d %+v, want 400 with a message", path+bad, res.StatusCode, e)
			}
		}
	}
}

// No answer carries the request's Host header, even without --public-url:
// a cached page, QR code or open-data package would carry an attacker's
// host to every visitor.
func TestHostHeaderNeverInAnswers(t *testing.T) {
	ts := appServerWith(t, "", "")
	for _, path := range []string{"/cameras/1", "/cameras/1?lang=en", "/opendata/datapackage.json", "/catalog.jsonld", "/opendata/cameras.csv"} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		req.Host = "evil.example"
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-Host", "evil.example")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(b), "evil.example") {
			t.Errorf("GET %s with Host: evil.example: the answer carries it", path)
		}
	}
}
