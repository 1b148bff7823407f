package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	"github.com/clairvoie/clairvoie/witness"
	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/tessera/client"
	"golang.org/x/mod/sumdb/note"
)

// runLogWitness adds a witness to the register's policy.
func runLogWitness(m *Main, args []string) error {
	fs := m.newFlags("log witness")
	dir := fs.String("dir", "", "the register's directory")
	rawURL := fs.String("url", "", "the witness's address (its add-checkpoint is URL/add-checkpoint)")
	key := fs.String("key", "", "the witness's verifier key ('clairvoie witness key')")
	quorum := fs.Int("quorum", 0, "how many witnesses must cosign a checkpoint (default: all)")
	asJSON := fs.Bool("json", false, "print the policy as JSON")
	if _, err := m.parse(fs, logUsage, args); err != nil {
		return err
	}
	if *dir == "" || *rawURL == "" || *key == "" {
		return usagef("log witness", "--dir, --url and --key are required")
	}
	if !auditlog.Exists(*dir) {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.ENOTFOUND, "%s holds no register", *dir))
	}
	p, err := auditlog.AddWitness(*dir, *rawURL, *key, *quorum)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, p)
	}
	fmt.Fprintf(m.Stdout, "%d of %d witnesses must cosign each checkpoint:\n", p.Quorum, len(p.Witnesses))
	for _, w := range p.Witnesses {
		fmt.Fprintf(m.Stdout, "  %s %s\n", w.Name, w.URL)
	}
	fmt.Fprintln(m.Stdout, "A server holding the register takes it when restarted; the next 'log append' publishes cosigned checkpoints.")
	return nil
}

// forkEvidence is what the monitor prints when it sees a fork: both
// checkpoints, as signed, and why they cannot both be true.
type forkEvidence struct {
	Fork   bool   `json:"fork"`
	Reason string `json:"reason"`
	Kept   string `json:"kept"`   // the checkpoint kept from an earlier poll
	Served string `json:"served"` // the one served now
}

// runLogMonitor follows a public register: each poll checks the served
// checkpoint against the one kept, gossips it to witnesses, and keeps it.
func runLogMonitor(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("log monitor")
	base := fs.String("url", "", "the register's base URL (where /checkpoint and /tile/ are served)")
	key := fs.String("key", "", "the register's verifier key, obtained apart from the register")
	state := fs.String("state", "", "the file keeping the last checkpoint seen")
	var witnessURLs multiFlag
	fs.Var(&witnessURLs, "witness-url", "a witness to send each new checkpoint to (its add-checkpoint); repeatable")
	every := fs.Duration("every", time.Minute, "time between polls")
	once := fs.Bool("once", false, "poll once and exit")
	asJSON := fs.Bool("json", false, "print each poll as a JSON line")
	if _, err := m.parse(fs, logUsage, args); err != nil {
		return err
	}
	if *base == "" || *key == "" || *state == "" {
		return usagef("log monitor", "--url, --key and --state are required")
	}
	if *every < time.Second {
		return usagef("log monitor", "--every: one second at least")
	}
	v, err := note.NewVerifier(*key)
	if err != nil {
		return usagef("log monitor", "--key: %v", err)
	}
	src, err := auditlog.URLSource(*base)
	if err != nil {
		return err
	}
	for {
		ev, err := monitorOnce(ctx, m, src, v, *state, witnessURLs, *asJSON)
		if ev != nil {
			if *asJSON {
				writeJSON(m.Stdout, ev)
			} else {
				fmt.Fprintf(m.Stdout, "FORK: %s\n--- kept:\n%s--- served:\n%s", ev.Reason, ev.Kept, ev.Served)
			}
			return &silentError{code: 3} // a fork: not a usage error (2)
		}
		if err != nil {
			if *once {
				return err
			}
			fmt.Fprintf(m.Stderr, "clairvoie log monitor: %v (trying again in %v)\n", err, *every)
		}
		if *once {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*every):
		}
	}
}

// monitorOnce is one poll: a fork is evidence (never an error), a failure
// to reach the register or a witness is an error.
func monitorOnce(ctx context.Context, m *Main, src auditlog.Source, v note.Verifier, statePath string, witnessURLs []string, asJSON bool) (*forkEvidence, error) {
	raw, err := src.ReadCheckpoint(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the checkpoint: %w", err)
	}
	cp, _, _, err := log.ParseCheckpoint(raw, v.Name(), v)
	if err != nil {
		return nil, fmt.Errorf("the served checkpoint does not verify with the key: %w", err)
	}
	kept, err := os.ReadFile(statePath)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	pb, err := client.NewProofBuilder(ctx, cp.Size, src.ReadTile)
	if err != nil {
		return nil, fmt.Errorf("reading the tiles: %w", err)
	}
	if kept != nil {
		old, _, _, err := log.ParseCheckpoint(kept, v.Name(), v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", statePath, err)
		}
		fork := func(reason string) *forkEvidence {
			return &forkEvidence{Fork: true, Reason: reason, Kept: string(kept), Served: string(raw)}
		}
		switch {
		case cp.Size < old.Size:
			return fork(fmt.Sprintf("the register shrank from %d to %d entries", old.Size, cp.Size)), nil
		case cp.Size == old.Size && !bytes.Equal(cp.Hash, old.Hash):
			return fork(fmt.Sprintf("two roots signed for the same size %d", cp.Size)), nil
		case cp.Size > old.Size:
			p, err := pb.ConsistencyProof(ctx, old.Size, cp.Size)
			if err != nil {
				return nil, fmt.Errorf("the consistency proof from %d to %d: %w", old.Size, cp.Size, err)
			}
			if err := proof.VerifyConsistency(rfc6962.DefaultHasher, old.Size, cp.Size, p, old.Hash, cp.Hash); err != nil {
				return fork(fmt.Sprintf("the checkpoint of size %d does not extend the one of size %d kept earlier: the consistency proof does not give the kept root", cp.Size, old.Size)), nil
			}
		}
	}
	var problems []string
	for _, u := range witnessURLs {
		if reason, err := gossip(ctx, u, raw, cp.Size, pb); reason != "" {
			return &forkEvidence{Fork: true, Reason: "witness " + u + ": " + reason, Kept: string(kept), Served: string(raw)}, nil
		} else if err != nil {
			problems = append(problems, fmt.Sprintf("witness %s: %v", u, err))
		}
	}
	if err := atomicfile.Write(statePath, 0o644, func(w io.Writer) error { _, err := w.Write(raw); return err }); err != nil {
		return nil, err
	}
	if asJSON {
		writeJSON(m.Stdout, map[string]any{"ok": len(problems) == 0, "origin": cp.Origin, "size": cp.Size, "root": base64.StdEncoding.EncodeToString(cp.Hash), "problems": problems})
	} else {
		fmt.Fprintf(m.Stdout, "%s: %d entries, consistent with what was kept\n", cp.Origin, cp.Size)
		for _, p := range problems {
			fmt.Fprintln(m.Stdout, "problem:", p)
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return nil, nil
}

// gossip sends a checkpoint to a witness (C2SP tlog-witness), first with
// old size 0 to learn what it cosigned, then with the proof from there. A
// witness that holds another history answers 422 or 409: the reason
// returned is then the evidence of a fork; err is for a witness that
// could not be asked.
func gossip(ctx context.Context, witnessURL string, cp []byte, size uint64, pb *client.ProofBuilder) (reason string, err error) {
	post := func(old uint64) (int, []byte, string, error) {
		body := witness.Request{Old: old, Checkpoint: cp}
		if old > 0 && old < size {
			p, err := pb.ConsistencyProof(ctx, old, size)
			if err != nil {
				return 0, nil, "", err
			}
			body.Proof = p
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(witnessURL, "/")+"/add-checkpoint", bytes.NewReader(body.Bytes()))
		if err != nil {
			return 0, nil, "", err
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, "", err
		}
		defer res.Body.Close()
		rb, err := io.ReadAll(io.LimitReader(res.Body, 4<<10))
		return res.StatusCode, rb, res.Header.Get("Content-Type"), err
	}
	status, body, ct, err := post(0)
	if err != nil {
		return "", err
	}
	if status == http.StatusConflict && ct == "text/x.tlog.size" {
		old, perr := strconv.ParseUint(strings.TrimSpace(string(body)), 10, 64)
		if perr != nil {
			return "", fmt.Errorf("an unreadable size %q", body)
		}
		if old > size {
			return fmt.Sprintf("it cosigned %d entries, the register serves %d", old, size), nil
		}
		if status, body, ct, err = post(old); err != nil {
			return "", err
		}
	}
	switch {
	case status == http.StatusOK:
		return "", nil
	case status == http.StatusUnprocessableEntity || (status == http.StatusConflict && ct != "text/x.tlog.size"):
		return fmt.Sprintf("the history it cosigned is not a prefix of the served one (%d %s)", status, strings.TrimSpace(string(body))), nil
	default:
		return "", fmt.Errorf("%d %s", status, strings.TrimSpace(string(body)))
	}
}
