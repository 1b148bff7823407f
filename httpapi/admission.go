package httpapi

import (
	"bytes"
	"container/list"
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Admission control counts work, not sockets. A request goes through three
// phases, and only the middle one holds one of the MaxInFlight work slots:
//
//  1. its body is read whole (at most MaxBodyBytes, within BodyTimeout),
//     before any slot: a client that sends its body slowly holds a
//     goroutine and its own bytes, nothing anyone else needs. An address
//     may have at most BodiesPerClient bodies being read at once; more wait
//     a second, then get 429.
//  2. the handler runs with a slot; its answer is buffered in memory (up to
//     BufferBytes). A request that cannot get a slot within QueueWait gets
//     503 and Retry-After at once, rather than queueing without bound (1.58
//     GB and ten-second waits at 1,000 requests/s on two cores before
//     this). A handler that waits on something other than the CPU (the
//     register waiting for its log to integrate an entry) gives its slot
//     back early (releaseSlot).
//  3. the answer is written after the slot is given back, 64 KiB at a time,
//     each within WriteChunkTimeout: a client that stops reading is cut
//     off. Answers waiting on their readers hold at most PendingBytes in
//     all; past that, the oldest are cut first — the slowest readers are
//     shed first. An answer larger than BufferBytes is streamed instead,
//     its slot given back when streaming starts.
//
// /healthz is exempt. BENCHMARKS.md ("slow clients") measures it: 100
// connections that never read leave other clients' p99 latency unchanged.
const (
	defaultQueueWait  = 250 * time.Millisecond
	MaxBodyBytes      = 1 << 20
	BodyTimeout       = 10 * time.Second
	BodiesPerClient   = 64
	BufferBytes       = 256 << 10
	WriteChunkTimeout = 10 * time.Second
	PendingBytes      = 64 << 20
	writeChunk        = 64 << 10
	// stallAfter is how long a write must have waited on its reader before
	// it may be cut to make room: a reader that keeps up is never shed.
	stallAfter = time.Second
)

// admission is the state of admission control.
type admission struct {
	slots  chan struct{}
	wait   time.Duration
	mu     sync.Mutex
	bodies map[string]int // address → bodies being read
	// pending are the answers being written, oldest first, with the bytes
	// they hold.
	pending      *list.List
	pendingBytes int
	budget       int
	// Counters, for the metrics and the tests.
	busy, shed, tooMany atomic.Int64
}

type slotKey struct{}

// releaseSlot gives the request's work slot back before its handler
// returns, for a handler about to wait on something other than the CPU.
// It is safe to call more than once, or for a request without a slot.
func releaseSlot(r *http.Request) {
	if f, ok := r.Context().Value(slotKey{}).(func()); ok {
		f()
	}
}

// admit wraps next with admission control.
func (s *Server) admit(next http.Handler) http.Handler {
	max := s.MaxInFlight
	if max <= 0 {
		max = 8 * runtime.GOMAXPROCS(0)
	}
	wait := s.QueueWait
	if wait <= 0 {
		wait = defaultQueueWait
	}
	budget := s.PendingBytes
	if budget <= 0 {
		budget = PendingBytes
	}
	a := &admission{slots: make(chan struct{}, max), wait: wait, bodies: map[string]int{}, pending: list.New(), budget: budget}
	s.adm = a
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz", "/readyz", "/metrics": // probes and scrapes answer under load too
			next.ServeHTTP(w, r)
			return
		}
		if !a.readBody(w, r) {
			return
		}
		if !a.acquire(r.Context()) {
			a.busy.Add(1)
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": map[string]string{
				"code": "unavailable", "message": "the server is busy: retry in a second"}})
			return
		}
		bw := &bufferedWriter{w: w, a: a}
		var once sync.Once
		bw.release = func() { once.Do(func() { <-a.slots }) }
		defer bw.release()
		next.ServeHTTP(bw, r.WithContext(context.WithValue(r.Context(), slotKey{}, bw.release)))
		bw.release()
		bw.finish()
	})
}

// acquire takes a work slot, waiting up to the queue's wait.
func (a *admission) acquire(ctx context.Context) bool {
	select {
	case a.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// readBody reads the request's body whole before any slot is taken. It
// answers itself, and returns false, when the body is too large, too slow,
// or the address is already sending too many.
func (a *admission) readBody(w http.ResponseWriter, r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	ip := clientIP(r)
	deadline := time.Now().Add(time.Second)
	for {
		a.mu.Lock()
		if a.bodies[ip] < BodiesPerClient {
			a.bodies[ip]++
			a.mu.Unlock()
			break
		}
		a.mu.Unlock()
		if time.Now().After(deadline) {
			a.tooMany.Add(1)
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"error": map[string]string{
				"code": "too_many_requests", "message": "too many requests being sent from this address at once"}})
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	defer func() {
		a.mu.Lock()
		if a.bodies[ip]--; a.bodies[ip] <= 0 {
			delete(a.bodies, ip)
		}
		a.mu.Unlock()
	}()
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(BodyTimeout))
	b, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	_ = http.NewResponseController(w).SetReadDeadline(time.Time{})
	switch {
	case len(b) > MaxBodyBytes:
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"error": map[string]string{"code": "too_large", "message": "the body is over 1 MiB"}})
		return false
	case err != nil:
		writeJSON(w, http.StatusRequestTimeout, map[string]any{"error": map[string]string{"code": "timeout", "message": "the body was not received in time"}})
		return false
	}
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.ContentLength = int64(len(b))
	return true
}

// bufferedWriter holds an answer while its handler runs, then writes it.
type bufferedWriter struct {
	w         http.ResponseWriter
	a         *admission
	release   func()
	status    int
	buf       bytes.Buffer
	streaming bool
	err       error
}

func (b *bufferedWriter) Header() http.Header { return b.w.Header() }

func (b *bufferedWriter) WriteHeader(status int) {
	if b.status != 0 {
		return
	}
	b.status = status
	if b.streaming {
		b.w.WriteHeader(status)
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.WriteHeader(http.StatusOK)
	}
	if b.err != nil {
		return 0, b.err
	}
	if !b.streaming {
		if b.buf.Len()+len(p) <= BufferBytes {
			return b.buf.Write(p)
		}
		// Too large to hold: stream it, the slot given back (what is
		// left is writing, not work).
		b.release()
		b.streaming = true
		b.w.WriteHeader(b.status)
		if err := b.send(b.buf.Bytes()); err != nil {
			return 0, err
		}
		b.buf = bytes.Buffer{}
	}
	if err := b.send(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush is a no-op while buffering (the answer goes out whole at the end).
func (b *bufferedWriter) Flush() {
	if b.streaming {
		_ = http.NewResponseController(b.w).Flush()
	}
}

func (b *bufferedWriter) Unwrap() http.ResponseWriter { return b.w }

// send writes p in chunks, each within WriteChunkTimeout, as one of the
// pending answers: if the pending answers hold too much, the oldest are cut.
func (b *bufferedWriter) send(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	rc := http.NewResponseController(b.w)
	e := b.a.enter(rc, len(p))
	defer b.a.leave(e)
	for len(p) > 0 {
		n := min(len(p), writeChunk)
		_ = rc.SetWriteDeadline(time.Now().Add(WriteChunkTimeout))
		if _, err := b.w.Write(p[:n]); err != nil {
			b.err = err
			return err
		}
		if e.cut() {
			b.err = errShed
			return errShed
		}
		p = p[n:]
	}
	return nil
}

// finish writes a buffered answer once its handler has returned.
func (b *bufferedWriter) finish() {
	if b.streaming {
		return
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	// The whole answer is known: its length goes in the header, so that it
	// leaves in one write, not chunked.
	if h := b.w.Header(); h.Get("Content-Length") == "" && b.status != http.StatusNoContent && b.status != http.StatusNotModified && b.status >= 200 {
		h.Set("Content-Length", strconv.Itoa(b.buf.Len()))
	}
	b.w.WriteHeader(b.status)
	_ = b.send(b.buf.Bytes())
}

var errShed = errors.New("the answer was cut: its reader was the slowest while answers waited on their readers")

// pendingAnswer is one answer being written.
type pendingAnswer struct {
	rc    *http.ResponseController
	bytes int
	since time.Time
	el    *list.Element
	mu    sync.Mutex
	shed  bool
}

func (p *pendingAnswer) cut() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.shed
}

// enter registers an answer about to be written; while the pending
// answers hold more than the budget, the oldest one — if it has stalled
// for stallAfter — is cut (its write deadline set to now, so that its
// blocked write returns).
func (a *admission) enter(rc *http.ResponseController, n int) *pendingAnswer {
	now := time.Now()
	p := &pendingAnswer{rc: rc, bytes: n, since: now}
	a.mu.Lock()
	defer a.mu.Unlock()
	p.el = a.pending.PushBack(p)
	a.pendingBytes += n
	for a.pendingBytes > a.budget && a.pending.Len() > 1 {
		old := a.pending.Front().Value.(*pendingAnswer)
		if now.Sub(old.since) < stallAfter {
			break
		}
		a.pending.Remove(old.el)
		old.el = nil
		a.pendingBytes -= old.bytes
		old.mu.Lock()
		old.shed = true
		old.mu.Unlock()
		a.shed.Add(1)
		_ = old.rc.SetWriteDeadline(time.Now())
	}
	return p
}

func (a *admission) leave(p *pendingAnswer) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p.el != nil {
		a.pending.Remove(p.el)
		a.pendingBytes -= p.bytes
		p.el = nil
	}
}
