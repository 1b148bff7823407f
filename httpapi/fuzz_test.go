package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
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
