package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/locate"
)

const locateUsage = `locate pmedian FILE [--p N] [--seed N] [--restarts N] [--json]

Solves an OR-Library p-median instance (first line "n m p", then "i j cost" edges; a
repeated edge's last occurrence wins): p sites minimising the total distance of every
vertex to its nearest open site, over shortest paths. p is the file's unless --p is given.
The same solver places mediators' posts in 'clairvoie plan'.`

func runLocate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("locate")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pOverride := fs.Int("p", 0, "number of sites (default: the file's)")
	seed := fs.Uint64("seed", 1, "seed of the search")
	restarts := fs.Int("restarts", 0, "perturbation rounds (default 200)")
	pos, err := m.parse(fs, locateUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "pmedian" {
		return usagef("locate", "expected 'locate pmedian FILE'")
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	pr, p, err := locate.ReadORLib(f)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.EINVALID, "%s: %v", pos[1], err))
	}
	if *pOverride > 0 {
		p = *pOverride
	}
	start := time.Now()
	res, err := locate.PMedian(pr, p, locate.Options{Seed: *seed, Restarts: *restarts})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.EINVALID, "%v", err))
	}
	elapsed := time.Since(start)
	open := make([]int, len(res.Open))
	for i, j := range res.Open {
		open[i] = j + 1 // the file's 1-based vertices
	}
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"file": pos[1], "n": pr.N, "p": p, "objective": res.Objective, "open": open, "seconds": elapsed.Seconds()})
	}
	fmt.Fprintf(m.Stdout, "%s: n = %d, p = %d, objective %g (%.2f s)\nopen: %v\n", pos[1], pr.N, p, res.Objective, elapsed.Seconds(), open)
	return nil
}
