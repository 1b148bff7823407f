// Command slowload measures what hostile slow clients do to everyone else:
// a legitimate client (from 127.0.0.1) asks for district windows of
// cameras at a steady rate, first alone, then while N hostile connections
// from another loopback address (127.0.0.2) each send a request and never
// read its answer (a large one: the open data's monthly usage) or send a
// login's body one byte a second. It prints both latency distributions. It only targets
// loopback addresses.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:18172", "the server's base URL (loopback)")
	hostile := flag.Int("hostile", 100, "hostile connections")
	from := flag.String("from", "127.0.0.2", "the hostiles' source address")
	rate := flag.Int("rate", 50, "legitimate requests a second")
	bodies := flag.Int("bodies", 10, "of the hostile connections, how many send a login's body slowly (the others never read)")
	duration := flag.Duration("duration", 15*time.Second, "how long each phase lasts")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || !strings.HasPrefix(u.Host, "127.") && !strings.HasPrefix(u.Host, "localhost") {
		log.Fatal("slowload only sends to loopback addresses")
	}
	alone := measure(*base, *rate, *duration)
	report("alone", alone)

	stop := make(chan struct{})
	var opened atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < *hostile; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				// A tiny receive window, set before connecting (after, the
				// window is already agreed): the server's writes block soon.
				d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(*from)}, Control: func(_, _ string, rc syscall.RawConn) error {
					return rc.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
				}}
				c, err := d.Dial("tcp", u.Host)
				if err != nil {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				opened.Add(1)
				slowBody := i < *bodies
				if !slowBody {
					// Asks for the largest open-data file (6.6 MB, more than
					// the sockets' buffers hold) and never reads it — once
					// it is coming: a refusal (503, 429) is tried again, as
					// an attacker would.
					fmt.Fprintf(c, "GET /opendata/usage_monthly.csv HTTP/1.1\r\nHost: %s\r\n\r\n", u.Host)
					status := make([]byte, 12)
					c.SetReadDeadline(time.Now().Add(5 * time.Second))
					if _, err := io.ReadFull(c, status); err != nil || string(status[9:12]) != "200" {
						c.Close()
						time.Sleep(100 * time.Millisecond)
						continue
					}
				} else {
					// A login whose body comes one byte a second.
					fmt.Fprintf(c, "POST /api/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n", u.Host)
				}
				// Hold it until the server gives up on it, dribbling bytes.
				buf := make([]byte, 1)
				for {
					select {
					case <-stop:
						c.Close()
						return
					case <-time.After(time.Second):
					}
					if slowBody {
						if _, err := c.Write([]byte("x")); err != nil {
							break
						}
					} else {
						c.SetReadDeadline(time.Now().Add(time.Millisecond))
						if _, err := c.Read(buf[:0]); err != nil && !isTimeout(err) {
							break
						}
					}
				}
				c.Close()
			}
		}(i)
	}
	time.Sleep(2 * time.Second)
	attacked := measure(*base, *rate, *duration)
	close(stop)
	wg.Wait()
	report(fmt.Sprintf("with %d hostile connections (%d opened)", *hostile, opened.Load()), attacked)
	fmt.Printf("p99 under attack / alone: %.2f\n", float64(pct(attacked.lat, 0.99))/float64(max(1, pct(alone.lat, 0.99))))
	if pct(attacked.lat, 0.99) > 250*time.Millisecond || attacked.failed > 0 {
		os.Exit(1)
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

type result struct {
	lat    []time.Duration
	failed int
}

// measure sends rate requests a second (open loop) for d, from 127.0.0.1.
func measure(base string, rate int, d time.Duration) result {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	r := rand.New(rand.NewPCG(1, 2))
	var mu sync.Mutex
	var res result
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		<-tick.C
		lon, lat := 5.3+0.18*r.Float64(), 43.2+0.13*r.Float64()
		path := fmt.Sprintf("%s/api/cameras?bbox=%.4f,%.4f,%.4f,%.4f", base, lon, lat, lon+0.02, lat+0.015)
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			resp, err := client.Get(path)
			ok := err == nil && resp.StatusCode == 200
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			mu.Lock()
			defer mu.Unlock()
			if !ok {
				res.failed++
				return
			}
			res.lat = append(res.lat, time.Since(t0))
		}()
	}
	wg.Wait()
	sort.Slice(res.lat, func(i, j int) bool { return res.lat[i] < res.lat[j] })
	return res
}

func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	return lat[int(p*float64(len(lat)-1))]
}

func report(what string, r result) {
	fmt.Printf("%s: %d answers, p50 %v, p99 %v, max %v; %d failed\n", what, len(r.lat),
		pct(r.lat, 0.5).Round(100*time.Microsecond), pct(r.lat, 0.99).Round(100*time.Microsecond), pct(r.lat, 1).Round(100*time.Microsecond), r.failed)
}
