package httpapi

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowServer serves a large answer at /big, a small one elsewhere, and
// reads JSON bodies at /login, with two work slots.
func slowServer(t *testing.T, pending int) *httptest.Server {
	ts, _ := slowServerAdm(t, pending, false)
	return ts
}

// slowServerAdm is slowServer with its admission state. With wedge, the
// connections that ask for /endless stop taking writes after 1 MiB, as a
// reader that stopped reading does whatever the kernel's buffers, and
// requests queue for a slot as long as it takes.
func slowServerAdm(t *testing.T, pending int, wedge bool) (*httptest.Server, *Server) {
	t.Helper()
	big := strings.Repeat("x", 200<<10) // under BufferBytes: buffered, then written
	s := &Server{MaxInFlight: 2, QueueWait: 100 * time.Millisecond, PendingBytes: pending}
	if wedge {
		s.QueueWait = time.Minute
	}
	h := s.admit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			io.WriteString(w, big)
		case "/huge":
			for i := 0; i < 40; i++ { // 8 MiB: streamed
				io.WriteString(w, big)
			}
		case "/endless":
			// Streamed until the reader is cut: more than any socket
			// buffer holds, so a reader that never reads stalls it.
			for i := 0; i < 2000; i++ {
				if _, err := io.WriteString(w, big); err != nil {
					return
				}
			}
		case "/login":
			b, _ := io.ReadAll(r.Body)
			fmt.Fprintf(w, "read %d", len(b))
		default:
			io.WriteString(w, "ok")
		}
	}))
	ts := httptest.NewUnstartedServer(h)
	ts.Config.WriteTimeout = time.Minute
	if wedge {
		ts.Listener = wedgeListener{ts.Listener}
	}
	ts.Start()
	t.Cleanup(ts.Close)
	return ts, s
}

// hostile opens n connections that each send a request and then never
// read (or send their body slowly), and returns a func that closes them.
func hostile(t *testing.T, ts *httptest.Server, n int, request string) func() {
	t.Helper()
	conns := stalled(t, ts, n, request)
	time.Sleep(300 * time.Millisecond)
	return func() {
		for _, c := range conns {
			c.Close()
		}
	}
}

// stalled opens n connections with a tiny receive window, so that the
// server's writes block soon, and sends request on each.
func stalled(t *testing.T, ts *httptest.Server, n int, request string) []net.Conn {
	t.Helper()
	addr := strings.TrimPrefix(ts.URL, "http://")
	var conns []net.Conn
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.(*net.TCPConn).SetReadBuffer(4096)
		fmt.Fprint(c, request)
		conns = append(conns, c)
	}
	return conns
}

// statuses sends n sequential requests to path and counts their status
// codes. Latency is logged, never judged: a request denied by a held slot
// answers 503 after QueueWait, so the codes are what the tests assert.
func statuses(t *testing.T, ts *httptest.Server, method, path, body string, n int) map[int]int {
	t.Helper()
	var lat []time.Duration
	codes := map[int]int{}
	for i := 0; i < n; i++ {
		t0 := time.Now()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		codes[res.StatusCode]++
		lat = append(lat, time.Since(t0))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	t.Logf("%s %s: %v, p99 %v", method, path, codes, lat[len(lat)*99/100])
	return codes
}

// Twenty connections that never read their answers no longer take the
// work slots: other requests get 200, fast (issue 14: every other request
// got 503 for a minute).
func TestSlowReadersHoldNoSlot(t *testing.T) {
	ts := slowServer(t, 0)
	done := hostile(t, ts, 20, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
	defer done()
	codes := statuses(t, ts, http.MethodGet, "/api/cameras", "", 200)
	if codes[http.StatusOK] != 200 {
		t.Errorf("with 20 slow readers: %v; want 200 × 200", codes)
	}
}

// Eighteen bodies sent slowly no longer take the slots: logins go through.
func TestSlowBodiesHoldNoSlot(t *testing.T) {
	ts := slowServer(t, 0)
	done := hostile(t, ts, 18, "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"tok")
	defer done()
	codes := statuses(t, ts, http.MethodPost, "/login", `{"token":"cvt_x"}`, 100)
	if codes[http.StatusOK] != 100 {
		t.Errorf("with 18 slow bodies: %v; want 100 × 200", codes)
	}
}

// Answers waiting on readers hold at most the budget: past it, the oldest
// stalled ones (the slowest readers) are cut, and a reader that keeps up
// gets its answers whole. Without the bound, nothing is cut.
func TestSlowestReadersShedFirst(t *testing.T) {
	for _, tc := range []struct {
		budget  int
		wantCut int64
	}{
		// Twelve stalled answers hold 12 × 200 KiB; the first reader that
		// keeps up adds 200 KiB: the eight oldest must go to fit 1 MiB.
		{1 << 20, 8},
		{64 << 20, 0},
	} {
		ts, srv := slowServerAdm(t, 1<<40, true)
		conns := stalled(t, ts, 12, "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n")
		// Wait until all twelve are stalled long enough to be cut, however
		// slow the machine (the race detector, other tests), then set the
		// budget: none is cut before all are stalled.
		waitStalled(t, srv.adm, 12)
		srv.adm.mu.Lock()
		srv.adm.budget = tc.budget
		srv.adm.mu.Unlock()
		for i := 0; i < 20; i++ {
			res, err := http.Get(ts.URL + "/big")
			if err != nil {
				t.Fatal(err)
			}
			n, _ := io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if n != 200<<10 {
				t.Fatalf("budget %d: a reader that keeps up got %d bytes of 200 KiB", tc.budget, n)
			}
		}
		cut := srv.adm.shed.Load()
		if tc.wantCut > 0 && cut < tc.wantCut || tc.wantCut == 0 && cut != 0 {
			t.Errorf("budget %d: %d of 12 stalled answers cut, want %d", tc.budget, cut, tc.wantCut)
		}
		for _, c := range conns {
			c.Close()
		}
	}
}

// waitStalled waits until n pending answers have waited on their readers
// for stallAfter.
func waitStalled(t *testing.T, a *admission, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		a.mu.Lock()
		k := 0
		for e := a.pending.Front(); e != nil; e = e.Next() {
			if time.Since(e.Value.(*pendingAnswer).since) > stallAfter {
				k++
			}
		}
		pending := a.pending.Len()
		a.mu.Unlock()
		if k >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 30 s, %d of %d answers stalled (%d pending, %d busy, %d cut)", k, n, pending, a.busy.Load(), a.shed.Load())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wedgeListener's connections that ask for /endless stop taking writes
// after 1 MiB: a write then blocks until its deadline or the connection's
// close, as on a socket whose reader has stopped reading.
type wedgeListener struct{ net.Listener }

func (l wedgeListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &wedgeConn{Conn: c, left: 1 << 20, wake: make(chan struct{}), closed: make(chan struct{})}, nil
}

type wedgeConn struct {
	net.Conn
	mu       sync.Mutex
	endless  bool // the connection asked for /endless
	left     int
	deadline time.Time
	wake     chan struct{} // closed and replaced when the deadline changes
	closed   chan struct{}
	once     sync.Once
}

func (c *wedgeConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if bytes.Contains(p[:n], []byte("GET /endless ")) {
		c.mu.Lock()
		c.endless = true
		c.mu.Unlock()
	}
	if err != nil { // the reader hung up: a blocked write fails at once
		c.once.Do(func() { close(c.closed) })
	}
	return n, err
}

func (c *wedgeConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if !c.endless || len(p) <= c.left {
		c.left -= len(p)
		c.mu.Unlock()
		return c.Conn.Write(p)
	}
	c.mu.Unlock()
	for {
		c.mu.Lock()
		d, wake := c.deadline, c.wake
		c.mu.Unlock()
		var timeout <-chan time.Time
		if !d.IsZero() {
			if !time.Now().Before(d) {
				return 0, os.ErrDeadlineExceeded
			}
			tm := time.NewTimer(time.Until(d))
			defer tm.Stop()
			timeout = tm.C
		}
		select {
		case <-wake:
		case <-timeout:
		case <-c.closed:
			return 0, net.ErrClosed
		}
	}
}

func (c *wedgeConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	c.deadline = t
	close(c.wake)
	c.wake = make(chan struct{})
	c.mu.Unlock()
	return c.Conn.SetWriteDeadline(t)
}

func (c *wedgeConn) SetDeadline(t time.Time) error {
	if err := c.SetWriteDeadline(t); err != nil {
		return err
	}
	return c.Conn.SetReadDeadline(t)
}

func (c *wedgeConn) Close() error {
	c.once.Do(func() { close(c.closed) })
	return c.Conn.Close()
}

// A large answer is streamed with the slot given back, so that its slow
// reader does not hold it either.
func TestStreamedAnswersHoldNoSlot(t *testing.T) {
	ts := slowServer(t, 0)
	done := hostile(t, ts, 10, "GET /huge HTTP/1.1\r\nHost: x\r\n\r\n")
	defer done()
	codes := statuses(t, ts, http.MethodGet, "/api/cameras", "", 100)
	if codes[http.StatusOK] != 100 {
		t.Errorf("with 10 slow readers of a streamed answer: %v; want 100 × 200", codes)
	}
}
