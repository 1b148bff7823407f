package httpapi

import (
	"net/http"
	"runtime"
	"time"
)

// Admission control: at most MaxInFlight requests are served at once; a
// request that cannot start within QueueWait gets 503 and Retry-After at
// once rather than waiting without bound. Under overload the server then
// answers fast — some with "busy" — instead of queueing every request in
// memory until clients time out (1.58 GB and ten-second waits at 1,000
// requests/s on two cores before this; BENCHMARKS.md). /healthz is exempt.
const (
	defaultQueueWait = 250 * time.Millisecond
)

// admit wraps next with the limit.
func (s *Server) admit(next http.Handler) http.Handler {
	max := s.MaxInFlight
	if max <= 0 {
		max = 8 * runtime.GOMAXPROCS(0)
	}
	wait := s.QueueWait
	if wait <= 0 {
		wait = defaultQueueWait
	}
	slots := make(chan struct{}, max)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case slots <- struct{}{}:
		default:
			t := time.NewTimer(wait)
			select {
			case slots <- struct{}{}:
				t.Stop()
			case <-t.C:
				w.Header().Set("Retry-After", "1")
				writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": map[string]string{
					"code": "unavailable", "message": "the server is busy: retry in a second"}})
				return
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}
