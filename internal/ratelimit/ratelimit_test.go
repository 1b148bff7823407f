package ratelimit

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	l := New(1, 2) // one a second, two at once
	t0 := time.Unix(0, 0)
	if !l.Allow("a", t0) || !l.Allow("a", t0) || l.Allow("a", t0) {
		t.Fatal("a burst of two, then none")
	}
	if !l.Allow("b", t0) {
		t.Error("each key has its own bucket")
	}
	if l.Has("a", t0.Add(500*time.Millisecond)) || !l.Has("a", t0.Add(time.Second)) {
		t.Error("a token comes back after a second")
	}
	if !l.Allow("a", t0.Add(10*time.Second)) || !l.Allow("a", t0.Add(10*time.Second)) || l.Allow("a", t0.Add(10*time.Second)) {
		t.Error("never more than the burst")
	}
}
