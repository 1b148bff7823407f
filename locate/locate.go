// Package locate places facilities — here, social mediators' posts — on
// candidate sites to serve weighted demand: the p-median problem (minimise
// the weighted distance from each demand point to its nearest open site)
// and the maximal covering location problem, MCLP (maximise the demand
// within a radius of an open site), both with p sites.
//
// It is pure: a distance matrix and weights in, the open sites and the
// objective out. The heuristics are deterministic for a given seed.
//
// p-median: greedy construction, then Whitaker's fast interchange (the
// best swap of an open and a closed site found in O(n·m) per pass, as in
// Resende and Werneck 2003), repeated from perturbed solutions (a variable
// neighbourhood search). MCLP: exact enumeration when the number of
// combinations is small, otherwise greedy construction and swap local
// search with restarts.
package locate

import (
	"errors"
	"fmt"
	"math"
)

// Problem is n demand points, m candidate sites and the distance from each
// point to each site.
type Problem struct {
	N, M   int
	Weight []float64 // len N
	Dist   []float64 // N×M, row-major: Dist[i*M+j] is from point i to site j
}

// NewProblem checks and returns a problem.
func NewProblem(weights []float64, dist [][]float64) (*Problem, error) {
	n := len(weights)
	if n == 0 || len(dist) != n {
		return nil, errors.New("locate: one row of distances per demand point is needed")
	}
	m := len(dist[0])
	p := &Problem{N: n, M: m, Weight: weights, Dist: make([]float64, n*m)}
	for i, row := range dist {
		if len(row) != m {
			return nil, fmt.Errorf("locate: row %d has %d distances, want %d", i, len(row), m)
		}
		if weights[i] < 0 || math.IsNaN(weights[i]) {
			return nil, fmt.Errorf("locate: weight %d is %v, want ≥ 0", i, weights[i])
		}
		for j, d := range row {
			if d < 0 || math.IsNaN(d) {
				return nil, fmt.Errorf("locate: distance (%d, %d) is %v, want ≥ 0", i, j, d)
			}
			p.Dist[i*m+j] = d
		}
	}
	return p, nil
}

func (p *Problem) d(i, j int) float64 { return p.Dist[i*p.M+j] }

// Options tune the heuristics.
type Options struct {
	Seed uint64
	// Restarts is how many perturbed solutions the search tries after the
	// first local optimum; 0 takes DefaultRestarts.
	Restarts int
}

// DefaultRestarts is the number of perturbation rounds by default.
const DefaultRestarts = 200

// Result is a solution.
type Result struct {
	Open      []int   `json:"open"`      // indices of the open sites, ascending
	Objective float64 `json:"objective"` // p-median: total weighted distance; MCLP: covered weight
	Covered   int     `json:"covered,omitempty"`
}

func checkP(pr *Problem, p int) error {
	if p < 1 || p > pr.M {
		return fmt.Errorf("locate: p = %d sites, want 1 to %d (the number of candidates)", p, pr.M)
	}
	return nil
}
