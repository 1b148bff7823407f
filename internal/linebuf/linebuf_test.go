package linebuf_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/internal/linebuf"
)

type counted struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
}

func (s *counted) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	return s.b.Write(p)
}

func (s *counted) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Lines written from many goroutines arrive whole, in far fewer writes,
// and none is lost on Close.
func TestBatchesWholeLines(t *testing.T) {
	var out counted
	w := linebuf.New(&out, time.Hour) // only Max and Close flush here
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				w.Write([]byte("a line of the access log\n"))
			}
		}()
	}
	wg.Wait()
	w.Close()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 8000 {
		t.Fatalf("%d lines, want 8000", len(lines))
	}
	for _, l := range lines {
		if l != "a line of the access log" {
			t.Fatalf("torn line %q", l)
		}
	}
	if out.writes > 80 {
		t.Fatalf("%d writes for 8000 lines: not batched", out.writes)
	}
}

// The interval flushes without a Close.
func TestFlushesOnInterval(t *testing.T) {
	var out counted
	w := linebuf.New(&out, 10*time.Millisecond)
	defer w.Close()
	w.Write([]byte("x\n"))
	deadline := time.Now().Add(2 * time.Second)
	for out.String() != "x\n" {
		if time.Now().After(deadline) {
			t.Fatal("not flushed by the interval")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
