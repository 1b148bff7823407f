package httpapi_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/sqlite"
)

func opsServer(t *testing.T, configure func(*httpapi.Server)) (*httptest.Server, *bytes.Buffer) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ops.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var logs bytes.Buffer
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), Areas: sqlite.NewAreaService(db),
		Logger: slog.New(slog.NewJSONHandler(&logs, nil)), DBStats: db.Stats, Build: httpapi.BuildInfo{Version: "v-test", Commit: "abc"}}
	configure(srv)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, &logs
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// GET /metrics: the Prometheus text format, latency by route (the
// pattern, never the raw path), answers by status, the pool, the build.
func TestMetrics(t *testing.T) {
	ts, _ := opsServer(t, func(*httpapi.Server) {})
	for _, p := range []string{"/api/cameras", "/cameras/123", "/cameras/456", "/no/such/page"} {
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	req, _ := http.NewRequest("GET", ts.URL+"/metrics", nil)
	code, text := do(t, req)
	if code != 200 {
		t.Fatalf("/metrics: %d %s", code, text)
	}
	for _, want := range []string{
		"# TYPE clairvoie_http_request_duration_seconds histogram",
		`clairvoie_http_request_duration_seconds_bucket{route="GET /api/cameras",le="0.1"}`,
		`clairvoie_http_request_duration_seconds_count{route="GET /cameras/{id}"} 2`,
		`clairvoie_http_responses_total{code="404",route="GET /"} 1`,
		`clairvoie_admission_rejections_total{reason="busy"} 0`,
		"clairvoie_store_connections_max 16",
		`clairvoie_build_info{commit="abc",version="v-test"} 1`,
		"go_goroutines",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(text, "/cameras/123") {
		t.Error("a raw path became a label: the label set would grow with what is asked")
	}
}

// Through a trusted proxy, the client's address is X-Forwarded-For's; the
// metrics, for loopback only by default, are then refused to a public
// client. From any other peer the header is ignored.
func TestTrustedProxiesAndMetricsAccess(t *testing.T) {
	ts, logs := opsServer(t, func(s *httpapi.Server) {
		s.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		s.AccessLog, s.LogAddresses = true, true
	})
	req, _ := http.NewRequest("GET", ts.URL+"/metrics", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.77")
	if code, _ := do(t, req); code != http.StatusForbidden {
		t.Fatalf("/metrics for a public client behind the proxy: %d, want 403", code)
	}
	// A client that forges the header before the proxy: the proxy appends
	// the real address, which is the one believed.
	req, _ = http.NewRequest("GET", ts.URL+"/api/sources?token=cvt_secret", nil)
	req.Header.Set("X-Forwarded-For", "127.0.0.1, 198.51.100.23")
	req.Header.Set("Authorization", "Bearer cvt_secret")
	do(t, req)
	line := lastLog(t, logs)
	if line["client"] != "198.51.100.0/24" || line["route"] != "GET /api/sources" || line["path"] != "/api/sources" {
		t.Fatalf("access log line %v: want the client truncated to its /24, the route and the path", line)
	}
	if strings.Contains(logs.String(), "cvt_secret") || strings.Contains(logs.String(), "198.51.100.23") {
		t.Fatal("the logs hold a token or a full address")
	}

	// Without trusted proxies, the header is ignored: loopback reads the metrics.
	ts2, logs2 := opsServer(t, func(s *httpapi.Server) { s.AccessLog = true })
	req, _ = http.NewRequest("GET", ts2.URL+"/metrics", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.77")
	if code, _ := do(t, req); code != 200 {
		t.Fatalf("/metrics from loopback with a forged header: %d, want 200", code)
	}
	if strings.Contains(logs2.String(), `"client"`) || strings.Contains(logs2.String(), "127.0.0.1") {
		t.Fatalf("without log_addresses, no address is logged: %s", logs2.String())
	}
}

func lastLog(t *testing.T, logs *bytes.Buffer) map[string]any {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &m); err != nil {
		t.Fatalf("log line %q: %v", lines[len(lines)-1], err)
	}
	return m
}

func TestReady(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ready.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	ts := httptest.NewServer((&httpapi.Server{Cameras: sqlite.NewCameraService(db), Logger: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return now }}).Handler())
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/readyz", nil)
	if code, text := do(t, req); code != 200 || !strings.Contains(text, `"store":"ok"`) {
		t.Fatalf("/readyz: %d %s", code, text)
	}
	db.Close() // the store goes away
	// Within the second, the answer kept (a flood of probes is one query a second)...
	if code, _ := do(t, req); code != 200 {
		t.Fatalf("/readyz within the second: %d, want the kept answer", code)
	}
	now = now.Add(1100 * time.Millisecond) // ...then asked again
	if code, text := do(t, req); code != http.StatusServiceUnavailable || !strings.Contains(text, "unreachable") {
		t.Fatalf("/readyz without a store: %d %s; want 503 with the reason", code, text)
	}
}

// The Grafana dashboard shipped in packaging/ asks only for metrics the
// server exposes.
func TestDashboardMetricsExist(t *testing.T) {
	b, err := os.ReadFile("../packaging/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Panels []struct {
			Title   string
			Targets []struct{ Expr string }
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	ts, _ := opsServer(t, func(*httpapi.Server) {})
	http.Get(ts.URL + "/api/sources")
	req, _ := http.NewRequest("GET", ts.URL+"/metrics", nil)
	_, text := do(t, req)
	names := regexp.MustCompile(`\b((?:clairvoie|go|process)_[a-z_]+)`)
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			for _, m := range names.FindAllString(tg.Expr, -1) {
				base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(m, "_bucket"), "_count"), "_sum")
				if strings.HasPrefix(base, "clairvoie_register") {
					continue // served with a register only (checked in cmd's e2e)
				}
				if !strings.Contains(text, base) {
					t.Errorf("panel %q asks for %s, which /metrics does not expose", p.Title, m)
				}
			}
		}
	}
}

// With a certificate, the server speaks TLS and sends HSTS; links name https.
func TestTLSAndHSTS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := selfSigned(t, dir)
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "tls.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), TLSCert: certFile, TLSKey: keyFile, Logger: slog.New(slog.DiscardHandler)}
	if err := srv.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ctx)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	var res *http.Response
	for i := 0; i < 50; i++ {
		if res, err = client.Get("https://" + srv.Addr() + "/healthz"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.TLS == nil || res.Header.Get("Strict-Transport-Security") != "max-age=31536000" {
		t.Fatalf("over TLS: tls %v, HSTS %q", res.TLS != nil, res.Header.Get("Strict-Transport-Security"))
	}
	// Plain HTTP sends no HSTS (a browser would ignore it, and it would lie).
	ts, _ := opsServer(t, func(*httpapi.Server) {})
	plain, err := http.Get(ts.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	plain.Body.Close()
	if plain.Header.Get("Strict-Transport-Security") != "" {
		t.Fatal("HSTS over plain HTTP")
	}
}

func selfSigned(t *testing.T, dir string) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}
