// Command appendload is a closed-loop load generator for durable appends
// over HTTP: W writers each POST one entry, wait for the answer, and post
// the next, for a duration. It drives clairvoie's POST /api/register/entries
// (a register entry, with one of the given bearer tokens per writer) or
// tessera's own POSIX example server (POST /add, a 32-byte body, like the
// commitment clairvoie logs), so that both are measured the same way. It
// only targets loopback addresses.
package main

import (
	"bytes"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	target := flag.String("url", "", "the append URL: http://127.0.0.1:PORT/api/register/entries or …/add")
	mode := flag.String("mode", "clairvoie", "clairvoie (register entries) or tessera (raw 32-byte entries)")
	writers := flag.Int("writers", 1024, "concurrent writers")
	duration := flag.Duration("duration", 20*time.Second, "how long to send")
	tokens := flag.String("tokens", "", "file of bearer tokens, one per line (clairvoie mode)")
	flag.Parse()
	if !strings.HasPrefix(*target, "http://127.") && !strings.HasPrefix(*target, "http://localhost") {
		log.Fatal("appendload only sends to loopback addresses")
	}
	var toks []string
	if *mode == "clairvoie" {
		b, err := os.ReadFile(*tokens)
		if err != nil {
			log.Fatal(err)
		}
		toks = strings.Fields(string(b))
		if len(toks) == 0 {
			log.Fatal("no token")
		}
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *writers, MaxConnsPerHost: *writers}
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	var ok, failed atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	deadline := time.Now().Add(*duration)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < *writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var mine []time.Duration
			for n := 0; time.Now().Before(deadline); n++ {
				var body []byte
				if *mode == "tessera" {
					body = make([]byte, 32)
					rand.Read(body)
				} else {
					// A live viewing stated a minute ago: the register refuses
					// times that have not come, or more than a day old.
					body = fmt.Appendf(nil, `{"kind":"viewing","at":"%s","cameras":["SYN-%d-%d"],"live":true}`,
						time.Now().Add(-time.Minute).UTC().Format(time.RFC3339), w, n)
				}
				req, _ := http.NewRequest("POST", *target, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if len(toks) > 0 {
					req.Header.Set("Authorization", "Bearer "+toks[w%len(toks)])
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode/100 != 2 {
					failed.Add(1)
					continue
				}
				ok.Add(1)
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(p*float64(len(lat)-1))]
	}
	fmt.Printf("%s: %d durable appends in %.1f s from %d writers: %.0f/s; latency p50 %v, p99 %v; %d failed\n",
		*mode, ok.Load(), elapsed.Seconds(), *writers, float64(ok.Load())/elapsed.Seconds(), pct(0.5).Round(time.Millisecond), pct(0.99).Round(time.Millisecond), failed.Load())
	if failed.Load() > 0 {
		// Not a timing: a request the server refused while its log could
		// absorb it is a regression (issue 14).
		os.Exit(1)
	}
}
