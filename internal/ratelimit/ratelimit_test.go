package ratelimit

import (
	"testing"
	"time"
)

// takes asks n times for a token for key at t and returns the answers.
func takes(l *Limiter, key string, t time.Time, n int) []bool {
	out := make([]bool, n)
	for i := range out {
		out[i] = l.Allow(key, t)
	}
	return out
}

func TestLimiter(t *testing.T) {
	l := New(1, 2) // one a second, two at once
	t0 := time.Unix(0, 0)
	if got := takes(l, "a", t0, 3); !got[0] || !got[1] || got[2] {
		t.Fatalf("a burst of two, then none: %v", got)
	}
	if !l.Allow("b", t0) {
		t.Error("each key has its own bucket")
	}
	if l.Has("a", t0.Add(500*time.Millisecond)) || !l.Has("a", t0.Add(time.Second)) {
		t.Error("a token comes back after a second")
	}
	if got := takes(l, "a", t0.Add(10*time.Second), 3); !got[0] || !got[1] || got[2] {
		t.Errorf("never more than the burst: %v", got)
	}
}
