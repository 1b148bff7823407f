package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/steiner"
)

const steinerUsage = `steiner FILE.stp [--roots N] [--perturbations N] [--seed N] [--time-limit D] [--json]

Solves a SteinLib STP file (unknown keys in a section are skipped): a tree connecting the
terminals at the least total cost, with a lower bound (dual ascent) so that the answer
states its gap. --json prints {"cost", "lower_bound", "gap", "edges", …}. The same solver
routes fibre through free conduits.`

func runSteiner(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("steiner")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	roots := fs.Int("roots", 0, "shortest-path starts (default 24)")
	perturb := fs.Int("perturbations", 0, "perturbed starts without gain before stopping (default 48)")
	seed := fs.Uint64("seed", 1, "seed of the perturbations")
	limit := fs.Duration("time-limit", 0, "stop the restarts after this long (e.g. 30s); 0: none")
	pos, err := m.parse(fs, steinerUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("steiner", "give one STP file")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	g, err := steiner.ReadSTP(f)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.EINVALID, "%s: %v", pos[0], err))
	}
	start := time.Now()
	res, err := steiner.Solve(g, steiner.Options{Roots: *roots, Perturbations: *perturb, Seed: *seed, TimeLimit: *limit})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.EINVALID, "%s: %v", pos[0], err))
	}
	secs := time.Since(start).Seconds()
	if *asJSON {
		edges := make([][3]float64, len(res.Edges))
		for i, e := range res.Edges {
			ed := g.Edges[e]
			edges[i] = [3]float64{float64(ed.U + 1), float64(ed.V + 1), ed.W}
		}
		return writeJSON(m.Stdout, map[string]any{"file": pos[0], "nodes": g.N, "edges_in_graph": len(g.Edges), "terminals": len(g.Terminals),
			"cost": res.Cost, "lower_bound": res.LowerBound, "gap": res.Gap, "edges": edges, "seconds": secs})
	}
	_, err = fmt.Fprintf(m.Stdout, "%s: cost %g, lower bound %g (gap %.3f %%), %d edges, %.2f s\n", pos[0], res.Cost, res.LowerBound, 100*res.Gap, len(res.Edges), secs)
	return err
}
