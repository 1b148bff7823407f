package httpapi

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

// Operations: who the client is behind a proxy, the access log, the
// readiness probe. The metrics are in metrics.go.

// clientAddress puts the client's address in r.RemoteAddr when the peer
// is a trusted proxy (TrustedProxies): the right-most address of
// X-Forwarded-For that is not itself a trusted proxy. From any other peer
// the header is ignored, so a client cannot choose its address and slip
// past the rate limits.
func (s *Server) clientAddress(next http.Handler) http.Handler {
	if len(s.TrustedProxies) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if peer, ok := parseAddr(clientIP(r)); ok && s.trusted(peer) {
			if client, ok := s.forwardedFor(r.Header.Values("X-Forwarded-For")); ok {
				r2 := *r
				r2.RemoteAddr = net.JoinHostPort(client.String(), "0")
				r = &r2
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedFor walks X-Forwarded-For from the right, past the trusted
// proxies, to the first address they did not add themselves.
func (s *Server) forwardedFor(values []string) (netip.Addr, bool) {
	var hops []string
	for _, v := range values {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseAddr(strings.TrimSpace(hops[i]))
		if !ok {
			return netip.Addr{}, false // a malformed hop: believe none of it
		}
		if !s.trusted(a) || i == 0 {
			return a, true
		}
	}
	return netip.Addr{}, false
}

func parseAddr(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		if ap, err := netip.ParseAddrPort(s); err == nil {
			return ap.Addr().Unmap(), true
		}
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// metricsAllowed: the metrics are for the monitoring, from the addresses
// configured (MetricsFrom), loopback when none is.
func (s *Server) metricsAllowed(r *http.Request) bool {
	a, ok := parseAddr(clientIP(r))
	if !ok {
		return false
	}
	if len(s.MetricsFrom) == 0 {
		return a.IsLoopback()
	}
	for _, p := range s.MetricsFrom {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// accessLog writes one structured line per request: method, route, path,
// status, duration, bytes. Never the query (it may carry what a user
// typed), never a header (tokens, cookies); the client's address only when
// LogAddresses is on, and then truncated to its /24 (IPv4) or /48 (IPv6).
func (s *Server) accessLog(next http.Handler) http.Handler {
	if !s.AccessLog {
		return next
	}
	logger := s.AccessLogger
	if logger == nil {
		logger = s.Logger
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		cw := &countingWriter{statusWriter: statusWriter{ResponseWriter: w, status: http.StatusOK}}
		next.ServeHTTP(cw, r)
		attrs := []slog.Attr{slog.String("method", r.Method), slog.String("route", routeName(r)),
			slog.String("path", r.URL.Path), slog.Int("status", cw.status),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000), slog.Int64("bytes", cw.n)}
		if s.LogAddresses {
			attrs = append(attrs, slog.String("client", TruncateAddr(clientIP(r))))
		}
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}

func routeName(r *http.Request) string {
	if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
		return rt.name
	}
	return ""
}

// TruncateAddr keeps the network of an address: its /24 for IPv4, its
// /48 for IPv6 (what CNIL's guidance on logs accepts as no longer
// pointing at one subscriber); "" for what is not an address.
func TruncateAddr(s string) string {
	a, ok := parseAddr(s)
	if !ok {
		return ""
	}
	bits := 48
	if a.Is4() {
		bits = 24
	}
	p, _ := a.Prefix(bits)
	return p.String()
}

type countingWriter struct {
	statusWriter
	n int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.statusWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// handleReady answers 200 when the server can do its work: the store
// answers and, when it keeps one, the register can take an entry.
// It skips admission control (a probe must answer under load), so its
// answer is kept for a second: a flood of probes costs one store query a
// second, not one each.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	s.readyMu.Lock()
	defer s.readyMu.Unlock()
	if now := s.Now(); s.readyBody != nil && now.Sub(s.readyAt) < time.Second && !now.Before(s.readyAt) {
		writeJSON(w, s.readyStatus, s.readyBody)
		return
	}
	status, body := s.readiness(r)
	s.readyAt, s.readyStatus, s.readyBody = s.Now(), status, body
	writeJSON(w, status, body)
}

func (s *Server) readiness(r *http.Request) (int, map[string]string) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{"store": "ok"}
	ready := true
	if _, err := s.Cameras.FindSources(ctx); err != nil {
		checks["store"], ready = "unreachable: "+clairvoie.ErrorMessage(err), false
	}
	if s.Register != nil {
		checks["register"] = "ok"
		if rw, ok := s.Register.(interface{ Writable() error }); ok {
			if err := rw.Writable(); err != nil {
				checks["register"], ready = "not writable: "+clairvoie.ErrorMessage(err), false
			}
		}
	}
	status := http.StatusOK
	checks["status"] = "ready"
	if !ready {
		status, checks["status"] = http.StatusServiceUnavailable, "not ready"
	}
	return status, checks
}

// pruneAccessTrail deletes the access trail's events older than the
// retention, at start and then every hour, until ctx is done.
func (s *Server) pruneAccessTrail(ctx context.Context) {
	if s.Access == nil || s.AccessRetention <= 0 {
		return
	}
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		n, err := s.Access.PruneEvents(ctx, s.Now().Add(-s.AccessRetention))
		if err != nil && ctx.Err() == nil {
			s.Logger.Error("pruning the access trail", "err", err)
		} else if n > 0 {
			s.Logger.Info("access trail pruned", "events", n, "retention_days", int(s.AccessRetention.Hours()/24))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
