// Command witnesslat measures how long a witness takes to cosign
// (C2SP tlog-witness add-checkpoint): it plays a log that grows by a few
// entries between checkpoints and submits each one, with its consistency
// proof, to a witness, one after the other. bench/witness.sh runs it
// against clairvoie's witness and transparency-dev's omniwitness side by side.
//
//	witnesslat keygen --out LOG.key          # prints the log's verifier key
//	witnesslat run --key LOG.key --url URL --n 300 [--every 60ms]
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie/witness"
	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/merkle/testonly"
	"golang.org/x/mod/sumdb/note"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: witnesslat keygen --out FILE | run --key FILE --url URL [--n N] [--step K]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "keygen":
		fs := flag.NewFlagSet("keygen", flag.ExitOnError)
		out := fs.String("out", "", "where to write the log's signing key")
		origin := fs.String("origin", "bench.clairvoie.invalid/witnesslat", "the log's origin")
		fs.Parse(os.Args[2:])
		skey, vkey, err := note.GenerateKey(rand.Reader, *origin)
		check(err)
		check(os.WriteFile(*out, []byte(skey), 0o600))
		fmt.Println(vkey)
	case "run":
		fs := flag.NewFlagSet("run", flag.ExitOnError)
		keyFile := fs.String("key", "", "the log's signing key (keygen)")
		url := fs.String("url", "", "the witness's base URL")
		n := fs.Int("n", 300, "checkpoints to submit")
		step := fs.Int("step", 8, "entries added between two checkpoints")
		every := fs.Duration("every", 60*time.Millisecond, "time between two submissions (clairvoie's witness takes 20 a second from one address)")
		fs.Parse(os.Args[2:])
		b, err := os.ReadFile(*keyFile)
		check(err)
		signer, err := note.NewSigner(strings.TrimSpace(string(b)))
		check(err)
		run(signer, strings.TrimSuffix(*url, "/"), *n, *step, *every)
	}
}

func run(signer note.Signer, url string, n, step int, every time.Duration) {
	tree := testonly.New(rfc6962.DefaultHasher)
	client := &http.Client{Timeout: 10 * time.Second}
	old := uint64(0)
	// A witness may have seen this log before: learn its size first.
	post := func(body []byte) (int, []byte, time.Duration) {
		start := time.Now()
		res, err := client.Post(url+"/add-checkpoint", "text/plain", bytes.NewReader(body))
		check(err)
		defer res.Body.Close()
		rb, _ := io.ReadAll(res.Body)
		return res.StatusCode, rb, time.Since(start)
	}
	var lat []time.Duration
	for i := 0; i < n; i++ {
		for range step {
			tree.AppendData([]byte(fmt.Sprintf("entry %d", tree.Size())))
		}
		size := tree.Size()
		cp := log.Checkpoint{Origin: signer.Name(), Size: size, Hash: tree.Hash()}
		signed, err := note.Sign(&note.Note{Text: string(cp.Marshal())}, signer)
		check(err)
		body := witness.Request{Old: old, Checkpoint: signed}
		if old > 0 {
			body.Proof, err = tree.ConsistencyProof(old, size)
			check(err)
		}
		status, rb, d := post(body.Bytes())
		if status != http.StatusOK {
			fmt.Fprintf(os.Stderr, "checkpoint %d: %d %s\n", size, status, rb)
			os.Exit(1)
		}
		lat = append(lat, d)
		old = size
		time.Sleep(every)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	json.NewEncoder(os.Stdout).Encode(map[string]any{"url": url, "checkpoints": n, "mean_ms": ms(sum / time.Duration(len(lat))),
		"p50_ms": ms(lat[len(lat)/2]), "p95_ms": ms(lat[len(lat)*95/100]), "max_ms": ms(lat[len(lat)-1])})
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "witnesslat:", err)
		os.Exit(1)
	}
}
