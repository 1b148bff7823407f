package httpapi

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// With one slot taken, a second request waits QueueWait and gets 503 with
// Retry-After; once the slot is free, requests pass again; /healthz always.
func TestAdmission(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	s := &Server{MaxInFlight: 1, QueueWait: 50 * time.Millisecond}
	h := s.admit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			started <- struct{}{}
			<-release
		}
		w.WriteHeader(http.StatusOK)
	}))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/slow", nil))
		if rec.Code != http.StatusOK {
			t.Errorf("the slow request: %d", rec.Code)
		}
	}()
	<-started
	begin := time.Now()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/cameras", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" || time.Since(begin) < 50*time.Millisecond {
		t.Errorf("busy: %d, Retry-After %q, after %v", rec.Code, rec.Header().Get("Retry-After"), time.Since(begin))
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("healthz while busy: %d", rec.Code)
	}
	close(release)
	wg.Wait()
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/cameras", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("after the slot is free: %d", rec.Code)
	}
}
