// Command ratelimit sends GET requests at a fixed rate (an open loop, like
// wrk2) and reports latency percentiles measured from each request's
// scheduled time, so that a slow answer cannot hide the ones queued behind
// it (coordinated omission). Debian's wrk only runs closed loops. It only
// targets the URL it is given; the benchmarks give it a loopback address.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	rate := flag.Int("rate", 200, "requests per second")
	duration := flag.Duration("duration", 30*time.Second, "how long to send")
	url := flag.String("url", "", "URL prefix; each bbox line is appended")
	bboxes := flag.String("bboxes", "", "file of bbox lines")
	flag.Parse()
	if !strings.HasPrefix(*url, "http://127.") && !strings.HasPrefix(*url, "http://localhost") && !strings.HasPrefix(*url, "http://[::1]") {
		log.Fatal("ratelimit only sends to loopback addresses")
	}
	var suffixes []string
	if *bboxes != "" {
		f, err := os.Open(*bboxes)
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			suffixes = append(suffixes, sc.Text())
		}
		f.Close()
	}
	if len(suffixes) == 0 {
		suffixes = []string{""}
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	total := int(duration.Seconds() * float64(*rate))
	interval := time.Second / time.Duration(*rate)
	lat := make([]time.Duration, total)
	var errs int
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < total; i++ {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		wg.Add(1)
		go func(i int, due time.Time) {
			defer wg.Done()
			res, err := client.Get(*url + suffixes[i%len(suffixes)])
			if err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			lat[i] = time.Since(due)
			if err != nil || res.StatusCode != 200 {
				mu.Lock()
				errs++
				mu.Unlock()
			}
		}(i, due)
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	pct := func(p float64) time.Duration { return lat[int(p/100*float64(len(lat)-1))] }
	fmt.Printf("requests %d in %.1f s (%.0f req/s scheduled), errors %d\n", total, elapsed.Seconds(), float64(*rate), errs)
	for _, p := range []float64{50, 90, 99, 99.9} {
		fmt.Printf("p%g %.2f ms\n", p, float64(pct(p).Microseconds())/1000)
	}
	fmt.Printf("max %.2f ms\n", float64(lat[len(lat)-1].Microseconds())/1000)
}
