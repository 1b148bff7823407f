// Package httpapi serves a workspace over HTTP: the read-only JSON API
// (cameras as GeoJSON, checks, sources) and the public pages. Error codes
// of the domain become HTTP statuses in one place, Error.
package httpapi

import (
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/camerapage"
	"github.com/clairvoie/clairvoie/cost"
	"github.com/clairvoie/clairvoie/fibre"
	"github.com/clairvoie/clairvoie/internal/ratelimit"
	"github.com/clairvoie/clairvoie/web"
)

// Server serves one workspace.
type Server struct {
	Cameras clairvoie.CameraService
	Areas   clairvoie.AreaService
	Usage   clairvoie.UsageService
	// CostParams are the plan's cost parameters; nil takes cost.Defaults.
	CostParams *cost.Params
	Logger     *slog.Logger
	// Now returns the current time (for checks); tests replace it.
	Now func() time.Time
	// Assets is the web app; nil serves the embedded one.
	Assets *web.Assets
	// PublicURL is the address printed on camera pages and their QR codes
	// (e.g. https://videoprotection.ville.fr); empty uses the address the
	// server listens on — never a request's Host header.
	PublicURL string
	// Tiles is an optional raster tile URL template ({z}/{x}/{y}) drawn under
	// the boundaries; empty keeps the map fully offline.
	Tiles, TilesAttribution string

	// Publisher names the publishing body in the open-data package.
	Publisher string
	// Contacts are the controller's and the DPO's contact pages, shown on
	// the camera pages (camerapage.CheckContacts: web addresses only).
	Contacts camerapage.Contacts
	// Conduits and Fibre (the sites, the root, the streets if any) serve
	// the fibre plan (GET /api/fibre).
	Conduits clairvoie.ConduitService
	Fibre    *fibre.Targets
	// Access keeps tokens, sessions and the access trail; with it, the
	// register's write and read endpoints are served (to the roles allowed).
	Access clairvoie.AccessService
	// Events is the event calendar (GET /api/events, /api/conflicts).
	Events clairvoie.EventService
	// Outcomes and Days serve the forecast (GET /api/outcomes,
	// /api/forecast, /api/backtest), with Events as its calendar.
	Outcomes clairvoie.OutcomeService
	Days     clairvoie.DayService
	// Installation is the declaration of the chain behind the cameras
	// (GET /api/installation, the camera pages); nil: not served.
	Installation clairvoie.InstallationService
	// Settings are the workspace's (its time zone: the days of the
	// calendar, the forecast, the checks); nil: the defaults.
	Settings clairvoie.SettingsService
	// Feeds are the calendars subscribed to, listed at GET
	// /api/events/feeds (their refresh is a Background task); nil: none.
	Feeds clairvoie.FeedService
	// Background are tasks run while the server serves (the calendar feeds'
	// refresh): each gets the serving context, and Serve returns only once
	// they have returned.
	Background []func(ctx context.Context)
	// OIDC, if set, signs staff in through an OpenID Connect provider
	// (/auth/oidc/login); Init must have been called.
	OIDC *OIDC
	// Register is the register (clairvoie log): appended to by POST
	// /api/register/entries, its public log served under /log/, its counts
	// at /api/register; nil when the server keeps none.
	Register clairvoie.RegisterService

	// MaxInFlight bounds the requests served at once (default 8 per CPU);
	// QueueWait is how long one may wait for a slot before a 503 (default
	// 250 ms). See admission.go.
	MaxInFlight int
	QueueWait   time.Duration
	// PendingBytes bounds the answers waiting on their readers (default
	// 64 MiB); past it, the slowest readers are cut first.
	PendingBytes int

	// Operations (ops.go): the build named in the metrics, the store's
	// connection pool, who may read /metrics (loopback when empty), the
	// proxies whose X-Forwarded-For is believed, TLS, the access log.
	Build          BuildInfo
	NoMetrics      bool // no /metrics, no per-request metering
	DBStats        func() sql.DBStats
	MetricsFrom    []netip.Prefix
	TrustedProxies []netip.Prefix
	TLSCert        string
	TLSKey         string
	AccessLog      bool
	// AccessLogger writes the access log (default: Logger); serve gives it
	// a batching writer, one system call per batch rather than per request.
	AccessLogger *slog.Logger
	// AccessRetention is how long the access trail keeps its events
	// (pruned hourly; 0 keeps them all).
	AccessRetention time.Duration
	// LogAddresses puts the client's address, truncated (/24, /48), in
	// the access log; off, no address is ever logged.
	LogAddresses bool

	areas     areaCache
	opendata  openDataCache
	fibre     fibreCache
	forecasts forecastCache
	communes  communeCache
	plans     planCache
	answers   answerCache
	metrics   *metrics
	// The last readiness answer (handleReady keeps it a second).
	readyMu     sync.Mutex
	readyAt     time.Time
	readyStatus int
	readyBody   map[string]string
	// Rate limits, in memory: logins per address, writes per principal.
	loginLimit, writeLimit *ratelimit.Limiter

	ln  net.Listener
	srv *http.Server
	adm *admission
	// listenURL is http://HOST:PORT of the bound address (localhost for an
	// unspecified one): the links' base when PublicURL is not set.
	listenURL string
}

// Timeouts of the HTTP server.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	ShutdownTimeout   = 10 * time.Second
)

// Handler returns the server's routes, wrapped with compression, security
// headers and panic recovery.
func (s *Server) Handler() http.Handler {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if s.loginLimit == nil {
		s.loginLimit = ratelimit.New(10.0/60, 10) // ten attempts a minute per address
		s.writeLimit = ratelimit.New(5000, 10000)
	}
	if s.Assets == nil {
		a, err := web.New("")
		if err != nil {
			panic("httpapi: embedded web assets: " + err.Error()) // a build error, not a runtime one
		}
		s.Assets = a
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /readyz", s.handleReady)
	// The open endpoints (openRead) may be read from any origin.
	mux.HandleFunc("GET /api/cameras", openRead(s.handleCameras))
	mux.HandleFunc("GET /api/cameras/{id}", openRead(s.handleCamera))
	mux.HandleFunc("GET /api/checks", openRead(s.handleChecks))
	mux.HandleFunc("GET /api/sources", openRead(s.handleSources))
	mux.HandleFunc("GET /api/areas", openRead(s.handleAreas))
	mux.HandleFunc("GET /api/communes", openRead(s.handleCommunes))
	mux.HandleFunc("GET /api/workspace", openRead(s.handleWorkspace))
	mux.HandleFunc("GET /api/events/feeds", openRead(s.handleFeeds))
	mux.HandleFunc("GET /api/map/cameras", openRead(s.handleMapCameras))
	mux.HandleFunc("GET /api/reconcile", s.handleReconcile)
	mux.HandleFunc("GET /api/config", s.handleConfig)
	mux.HandleFunc("GET /api/plan", s.handlePlan)
	mux.HandleFunc("GET /api/fibre", s.handleFibre)
	mux.HandleFunc("GET /api/register", openRead(s.handleRegister))
	mux.HandleFunc("GET /api/events", openRead(s.handleEvents))
	mux.HandleFunc("GET /api/conflicts", s.handleConflicts)
	mux.HandleFunc("GET /api/outcomes", s.handleOutcomes)
	mux.HandleFunc("GET /api/forecast", s.handleForecast)
	mux.HandleFunc("GET /api/backtest", s.handleBacktest)
	mux.HandleFunc("GET /api/installation", openRead(s.handleInstallation))
	if s.Access != nil {
		mux.HandleFunc("POST /api/login", s.handleLogin)
		mux.HandleFunc("POST /api/logout", s.handleLogout)
		mux.HandleFunc("GET /api/me", s.handleMe)
		mux.HandleFunc("POST /api/register/entries", s.handleAppend)
		mux.HandleFunc("GET /api/register/entries", s.handleEntries)
		mux.HandleFunc("GET /api/access/tokens", s.handleTokens)
		mux.HandleFunc("POST /api/access/tokens", s.handleTokens)
		mux.HandleFunc("DELETE /api/access/tokens/{id}", s.handleRevoke)
		mux.HandleFunc("GET /api/access/events", s.handleAccessEvents)
		if s.OIDC != nil {
			mux.HandleFunc("GET /auth/oidc/login", s.handleOIDCLogin)
			mux.HandleFunc("GET /auth/oidc/callback", s.handleOIDCCallback)
		}
	}
	mux.HandleFunc("GET /log/{path...}", openRead(s.handleLog))
	mux.HandleFunc("GET /catalog.jsonld", openRead(s.handleCatalog))
	mux.HandleFunc("GET /opendata/{file...}", openRead(s.handleOpenData))
	mux.HandleFunc("GET /cameras/{id}", s.handleCameraPage)
	mux.HandleFunc("GET /cameras/{id}/qr.png", s.handleCameraQR)
	mux.HandleFunc("GET /static/page.css", handlePageAsset(camerapage.CSS, "text/css; charset=utf-8"))
	mux.HandleFunc("GET /static/page.js", handlePageAsset(camerapage.JS, "text/javascript; charset=utf-8"))
	mux.Handle("GET /static/", s.Assets.Static())
	mux.HandleFunc("GET /{$}", s.Assets.Index)
	mux.HandleFunc("GET /", s.handleNotFound)
	h := s.accessLog(s.recover(s.admit(securityHeaders(tileOrigin(s.Tiles), s.TLSCert != "", gzipHandler(routeOf(mux))))))
	if s.NoMetrics {
		return s.clientAddress(withRoute(h))
	}
	s.metrics = s.newMetrics()
	mux.HandleFunc("GET /metrics", s.handleMetrics(s.metricsHandler()))
	return s.clientAddress(s.metrics.meter(h))
}

// Listen binds addr (e.g. 127.0.0.1:0) before serving, so that the address
// is known and a port clash is reported at once.
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		host := tcp.IP.String()
		if tcp.IP.IsUnspecified() {
			host = "localhost"
		}
		scheme := "http://"
		if s.TLSCert != "" {
			scheme = "https://"
		}
		s.listenURL = scheme + net.JoinHostPort(host, strconv.Itoa(tcp.Port))
	}
	return nil
}

// Addr is the bound address, after Listen.
func (s *Server) Addr() string {
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Serve serves until ctx is done, then drains open requests for up to
// ShutdownTimeout.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		return errors.New("httpapi: Serve before Listen")
	}
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: ReadHeaderTimeout, ReadTimeout: ReadTimeout,
		WriteTimeout: WriteTimeout, IdleTimeout: IdleTimeout, ErrorLog: slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn)}
	if s.PublicURL == "" {
		s.Logger.Warn("no --public-url: camera pages, QR codes and the open data link to " + s.listenURL + "; set --public-url to the address the public uses")
	}
	// The background work reads the store: Serve returns only once it has
	// stopped, so that whoever closes the store next finds it idle.
	var background sync.WaitGroup
	defer background.Wait()
	background.Go(func() { s.WarmUp(ctx) })
	background.Go(func() { s.pruneAccessTrail(ctx) })
	for _, task := range s.Background {
		background.Go(func() { task(ctx) })
	}
	errc := make(chan error, 1)
	go func() {
		if s.TLSCert != "" {
			errc <- s.srv.ServeTLS(s.ln, s.TLSCert, s.TLSKey)
			return
		}
		errc <- s.srv.Serve(s.ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// statusOf maps domain error codes to HTTP statuses: the one place where it is decided.
var statusOf = map[string]int{
	clairvoie.EINVALID:      http.StatusBadRequest,
	clairvoie.ENOTFOUND:     http.StatusNotFound,
	clairvoie.ECONFLICT:     http.StatusConflict,
	clairvoie.EFORBIDDEN:    http.StatusForbidden,
	clairvoie.EUNAUTHORIZED: http.StatusUnauthorized,
	clairvoie.ETOOMANY:      http.StatusTooManyRequests,
	clairvoie.EFULL:         http.StatusInsufficientStorage,
	clairvoie.EINTERNAL:     http.StatusInternalServerError,
}

// Error writes err as {"error": {"code", "message"}} with the status of its
// code. Internal errors are logged with their cause and shown as "internal error".
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := clairvoie.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status == http.StatusInternalServerError {
		s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	fr, en := clairvoie.ErrorMessages(err)
	writeJSON(w, status, map[string]any{"error": map[string]any{"code": code, "message": en, "messages": map[string]string{"fr": fr, "en": en}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic", "path", r.URL.Path, "panic", v)
				s.Error(w, r, errors.New("panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// tileOrigin is the origin of a tile URL template, or "".
func tileOrigin(tiles string) string {
	u, err := url.Parse(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0").Replace(tiles))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// securityHeaders sets a Content-Security-Policy that allows only the
// app's own origin (and the tile server's for images, when one is
// configured), and the usual hardening headers. MapLibre runs from its CSP
// build: its worker is a file of this origin, not a blob.
func securityHeaders(tiles string, hsts bool, next http.Handler) http.Handler {
	img := "'self' data: blob:"
	connect := "'self'"
	if tiles != "" {
		img += " " + tiles
		connect += " " + tiles
	}
	csp := "default-src 'self'; img-src " + img + "; connect-src " + connect +
		"; worker-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if hsts {
			// A year, this host only: a city's other hosts may not all have TLS.
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

// gzipWriter compresses a response unless its handler already encoded it
// (precompressed static files) or it is not worth it (images, 304s).
type gzipWriter struct {
	http.ResponseWriter
	gz       *gzip.Writer
	decided  bool
	compress bool
}

func (g *gzipWriter) decide(status int) {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	ct := h.Get("Content-Type")
	if h.Get("Content-Encoding") != "" || status == http.StatusNotModified || status == http.StatusNoContent ||
		strings.HasPrefix(ct, "image/png") || strings.HasPrefix(ct, "image/jpeg") || strings.HasPrefix(ct, "application/octet-stream") {
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	g.gz = gzipPool.Get().(*gzip.Writer)
	g.gz.Reset(g.ResponseWriter)
	g.compress = true
}

func (g *gzipWriter) WriteHeader(status int) {
	g.decide(status)
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.decide(http.StatusOK)
	}
	if g.compress {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.compress {
		g.gz.Close()
		gzipPool.Put(g.gz)
	}
}

// gzipHandler compresses responses for clients that accept gzip.
func gzipHandler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		// Writes answer a few hundred bytes: not worth compressing.
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

// openRead lets any origin read what a public endpoint answers (CORS):
// the open data, the catalogue, the register's log and counts, the
// registry and its checks, so that third-party tools can use them from a
// browser. No credentials: "*" never carries cookies, and the endpoints
// that read a session or a token are not wrapped.
func openRead(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		h(w, r)
	}
}
