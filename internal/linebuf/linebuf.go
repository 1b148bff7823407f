// Package linebuf batches log lines: a writer that gathers what is
// written and hands it to the underlying writer at most every interval
// (or at once when 64 KiB are waiting), so that a line per request does
// not cost a system call per request under a lock every request waits on.
// Each Write is one whole log record.
package linebuf

import (
	"io"
	"sync"
	"time"
)

// Writer batches writes to w.
type Writer struct {
	mu   sync.Mutex
	w    io.Writer
	buf  []byte
	stop chan struct{}
	done chan struct{}
}

// Max is what may wait before a write hands it on at once.
const Max = 64 << 10

// New starts a batching writer that flushes every interval.
func New(w io.Writer, interval time.Duration) *Writer {
	b := &Writer{w: w, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				b.Flush()
			case <-b.stop:
				b.Flush()
				return
			}
		}
	}()
	return b
}

// Write keeps p for the next flush (hands everything on at once past Max).
func (b *Writer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) >= Max {
		return len(p), b.flushLocked()
	}
	return len(p), nil
}

// Flush hands on what waits.
func (b *Writer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *Writer) flushLocked() error {
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}

// Close flushes and stops the flushing.
func (b *Writer) Close() error {
	close(b.stop)
	<-b.done
	return nil
}
