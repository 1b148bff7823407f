package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
)

// loadOrigin names the logs 'log load' makes, and the only ones it writes to.
const loadOrigin = "load-test.invalid/clairvoie/register"

func runLogLoad(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("log load")
	dir := fs.String("dir", "", "a new directory (or one made by log load)")
	n := fs.Int("n", 10000, "entries to append")
	writers := fs.Int("writers", 256, "concurrent writers")
	acks := fs.String("acks", "", "write each acknowledged index to this file as it comes")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if _, err := m.parse(fs, logUsage, args); err != nil {
		return err
	}
	if *dir == "" || *n < 1 || *writers < 1 {
		return usagef("log load", "--dir is required; --n and --writers are 1 or more")
	}
	if k, err := auditlog.VerifierKey(*dir); err == nil && !strings.HasPrefix(k, loadOrigin+"+") {
		return clairvoie.Errorf(clairvoie.ECONFLICT, "%s holds a register (%s): log load writes only to logs of its own", *dir, strings.SplitN(k, "+", 2)[0])
	}
	var ackf *os.File
	if *acks != "" {
		f, err := os.OpenFile(*acks, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		ackf = f
	}
	l, err := auditlog.Open(ctx, *dir, auditlog.Options{Origin: loadOrigin})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	var next atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(*n) || ctx.Err() != nil { // Ctrl-C or SIGTERM: stop appending
					return
				}
				e := clairvoie.RegisterEntry{Kind: clairvoie.RegisterViewing, At: time.Now().Add(-time.Minute),
					Agent: fmt.Sprintf("load-%d", w), Role: clairvoie.RoleAgent, Cameras: []string{fmt.Sprintf("SYN-%d", i%100)}, Live: true}
				rs, err := l.Append(ctx, []clairvoie.RegisterEntry{e})
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if err == nil && ackf != nil {
					fmt.Fprintf(ackf, "%d\n", rs[0].Index)
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cerr := l.Close(ctx)
	if firstErr == nil {
		firstErr = cerr
	}
	if firstErr != nil {
		return failJSON(m.Stdout, *asJSON, firstErr)
	}
	rate := float64(*n) / elapsed.Seconds()
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"entries": *n, "writers": *writers, "seconds": elapsed.Seconds(), "appends_per_s": rate, "synthetic": true})
	}
	fmt.Fprintf(m.Stdout, "%d synthetic entries from %d writers in %.2f s: %.0f durable appends/s\n", *n, *writers, elapsed.Seconds(), rate)
	return nil
}
