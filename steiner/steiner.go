package steiner

import (
	"errors"
	"math"
	"sort"
	"time"

	"github.com/clairvoie/clairvoie/internal/splitmix"
)

// Options tune Solve.
type Options struct {
	// Roots is how many terminals the shortest-path heuristic starts from
	// (spread over the terminals); 0 takes DefaultRoots.
	Roots int
	// Perturbations is how many extra starts use randomly perturbed costs.
	Perturbations int
	Seed          uint64
	// NoBound skips the dual ascent.
	NoBound bool
	// TimeLimit stops the restarts (not the first tree) after this long; 0: none.
	TimeLimit time.Duration
	// NoReduce skips the reductions (reduce.go) and searches the graph as given.
	NoReduce bool
}

// DefaultRoots is the number of shortest-path starts by default, and
// DefaultPerturbations the number of starts on perturbed costs.
const (
	DefaultRoots         = 24
	DefaultPerturbations = 48
)

// Result is a Steiner tree.
type Result struct {
	Edges      []int   `json:"edges"` // indices into Graph.Edges
	Cost       float64 `json:"cost"`
	LowerBound float64 `json:"lower_bound"`
	Gap        float64 `json:"gap"` // (cost − lower bound) / cost
}

// ErrDisconnected is returned when the terminals are not connected.
var ErrDisconnected = errors.New("steiner: the terminals are not all connected")

// Solve finds a Steiner tree of g and a lower bound on the optimum. The
// graph is reduced first (unless NoReduce); the answer is in g's edges.
func Solve(g *Graph, o Options) (Result, error) {
	if len(g.Terminals) == 0 {
		return Result{}, errors.New("steiner: no terminal")
	}
	if o.NoReduce {
		return solve(g, o)
	}
	red := reduce(g)
	res, err := solve(red.g, o)
	if err != nil {
		return Result{}, err
	}
	edges := []int{}
	for _, e := range res.Edges {
		edges = append(edges, red.orig[e]...)
	}
	sort.Ints(edges)
	res.Edges = edges
	return res, nil
}

// solve searches g as given.
func solve(g *Graph, o Options) (Result, error) {
	if o.Roots == 0 {
		o.Roots = DefaultRoots
	}
	if o.Perturbations == 0 {
		o.Perturbations = DefaultPerturbations
	}
	s := newSolver(g)
	if len(g.Terminals) == 1 {
		return Result{Edges: []int{}, LowerBound: 0}, nil
	}
	start := time.Now()
	late := func() bool { return o.TimeLimit > 0 && time.Since(start) > o.TimeLimit }
	best := Result{Cost: math.Inf(1)}
	// The bound first: a tree that meets it is optimal, and the search stops.
	if !o.NoBound {
		best.LowerBound = s.dualAscent()
	}
	integral := true
	for _, e := range g.Edges {
		integral = integral && e.W == math.Trunc(e.W)
	}
	proven := func() bool {
		lb := best.LowerBound
		if integral {
			lb = math.Ceil(lb - 1e-9)
		}
		return !o.NoBound && best.Cost <= lb+1e-9
	}
	try := func(root int, weight func(int) float64) error {
		in := s.tm(root, weight)
		if in == nil {
			return ErrDisconnected
		}
		edges, cost, ok := s.mst(in)
		if !ok {
			return ErrDisconnected
		}
		edges, cost = s.improve(edges, cost)
		if cost < best.Cost-1e-9 {
			best.Edges, best.Cost = edges, cost
		}
		return nil
	}
	unit := func(e int) float64 { return g.Edges[e].W }
	t := len(g.Terminals)
	roots := min(o.Roots, t)
	for k := 0; k < roots && !proven() && (k == 0 || !late()); k++ {
		if err := try(g.Terminals[k*t/roots], unit); err != nil {
			return Result{}, err
		}
	}
	r := splitmix.Rand{S: o.Seed*2654435761 + 1}
	// Perturbed starts: costs shaken (by 20 or 50 %), and the best tree's
	// edges made dearer, so that the heuristic explores other trees; stop
	// when the bound is met, or after Perturbations rounds without a gain.
	noise := make([]float64, len(g.Edges))
	stale := 0
	for k := 0; k < 8*o.Perturbations && stale < o.Perturbations && !proven() && !late(); k++ {
		inBest := map[int]bool{}
		for _, e := range best.Edges {
			inBest[e] = true
		}
		amp := 0.2
		if k%2 == 1 {
			amp = 0.5
		}
		for i, e := range g.Edges {
			noise[i] = e.W * (1 + amp*(r.Float()-0.5))
			if inBest[i] && k%3 == 2 {
				noise[i] *= 1.25
			}
		}
		before := best.Cost
		if err := try(g.Terminals[r.Intn(t)], func(e int) float64 { return noise[e] }); err != nil {
			return Result{}, err
		}
		if best.Cost < before-1e-9 {
			stale = 0
		} else {
			stale++
		}
	}
	if best.Cost > 0 {
		best.Gap = math.Max(0, (best.Cost-best.LowerBound)/best.Cost)
	}
	sort.Ints(best.Edges)
	return best, nil
}
