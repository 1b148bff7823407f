package locate

import (
	"github.com/clairvoie/clairvoie/internal/splitmix"
	"math"
	"sort"
)

// state is a p-median solution with, for each demand point, its nearest
// and second-nearest open sites.
type state struct {
	pr     *Problem
	open   []bool
	sites  []int // open sites
	c1, c2 []int
	d1, d2 []float64
	cost   float64
}

func newState(pr *Problem, sites []int) *state {
	s := &state{pr: pr, open: make([]bool, pr.M), c1: make([]int, pr.N), c2: make([]int, pr.N),
		d1: make([]float64, pr.N), d2: make([]float64, pr.N)}
	for _, j := range sites {
		s.open[j] = true
	}
	s.sites = append([]int(nil), sites...)
	s.assign()
	return s
}

// assign recomputes nearest and second-nearest sites and the cost.
func (s *state) assign() {
	pr := s.pr
	s.cost = 0
	for i := 0; i < pr.N; i++ {
		b1, b2 := math.Inf(1), math.Inf(1)
		c1, c2 := -1, -1
		row := pr.Dist[i*pr.M : (i+1)*pr.M]
		for _, j := range s.sites {
			d := row[j]
			if d < b1 {
				b2, c2 = b1, c1
				b1, c1 = d, j
			} else if d < b2 {
				b2, c2 = d, j
			}
		}
		s.c1[i], s.c2[i], s.d1[i], s.d2[i] = c1, c2, b1, b2
		s.cost += pr.Weight[i] * b1
	}
}

// bestSwap finds the swap (close r, open j) that lowers the cost most, in
// O(n·m): for each closed j, the gain of adding it, plus, per open r, the
// loss of the points that lose r as their nearest site.
func (s *state) bestSwap(loss []float64) (in, out int, delta float64) {
	pr := s.pr
	delta = 0
	in, out = -1, -1
	for j := 0; j < pr.M; j++ {
		if s.open[j] {
			continue
		}
		gain := 0.0
		for _, r := range s.sites {
			loss[r] = 0
		}
		for i := 0; i < pr.N; i++ {
			w := pr.Weight[i]
			if w == 0 {
				continue
			}
			dij := pr.Dist[i*pr.M+j]
			if dij < s.d1[i] {
				gain += w * (dij - s.d1[i])
				// Removing c1 costs nothing more: j is nearer anyway.
			} else {
				// Removing c1(i) sends i to min(dij, d2).
				loss[s.c1[i]] += w * (math.Min(dij, s.d2[i]) - s.d1[i])
			}
		}
		for _, r := range s.sites {
			if d := gain + loss[r]; d < delta-1e-9 {
				delta, in, out = d, j, r
			}
		}
	}
	return in, out, delta
}

func (s *state) swap(in, out int) {
	s.open[out], s.open[in] = false, true
	for k, r := range s.sites {
		if r == out {
			s.sites[k] = in
		}
	}
	s.assign()
}

// localSearch applies best swaps until none improves.
func (s *state) localSearch() {
	loss := make([]float64, s.pr.M)
	for {
		in, out, delta := s.bestSwap(loss)
		if in < 0 || delta > -1e-9 {
			return
		}
		s.swap(in, out)
	}
}

// greedy opens p sites one by one, each the one lowering the cost most.
func greedyMedian(pr *Problem, p int) []int {
	best := make([]float64, pr.N)
	for i := range best {
		best[i] = math.Inf(1)
	}
	open := make([]bool, pr.M)
	var sites []int
	for len(sites) < p {
		bj, bc := -1, math.Inf(1)
		for j := 0; j < pr.M; j++ {
			if open[j] {
				continue
			}
			c := 0.0
			for i := 0; i < pr.N; i++ {
				c += pr.Weight[i] * math.Min(best[i], pr.Dist[i*pr.M+j])
			}
			if c < bc {
				bc, bj = c, j
			}
		}
		open[bj] = true
		sites = append(sites, bj)
		for i := 0; i < pr.N; i++ {
			best[i] = math.Min(best[i], pr.Dist[i*pr.M+bj])
		}
	}
	return sites
}

// PMedian opens p sites minimising the total weighted distance.
func PMedian(pr *Problem, p int, opts Options) (Result, error) {
	if err := checkP(pr, p); err != nil {
		return Result{}, err
	}
	restarts := opts.Restarts
	if restarts == 0 {
		restarts = DefaultRestarts
	}
	r := &splitmix.Rand{S: opts.Seed}
	cur := newState(pr, greedyMedian(pr, p))
	cur.localSearch()
	best := append([]int(nil), cur.sites...)
	bestCost := cur.cost
	// Variable neighbourhood search: shake k sites (k = 1, 2, … up to p/2),
	// search locally, keep improvements, widen the shake when none comes.
	k := 1
	kmax := max(1, min(p, 10))
	for round := 0; round < restarts; round++ {
		sites := append([]int(nil), best...)
		open := make([]bool, pr.M)
		for _, j := range sites {
			open[j] = true
		}
		for t := 0; t < k && p < pr.M; t++ {
			idx := r.Intn(len(sites))
			var j int
			for {
				j = r.Intn(pr.M)
				if !open[j] {
					break
				}
			}
			open[sites[idx]] = false
			open[j] = true
			sites[idx] = j
		}
		s := newState(pr, sites)
		s.localSearch()
		if s.cost < bestCost-1e-9 {
			bestCost = s.cost
			best = append(best[:0], s.sites...)
			k = 1
		} else if k++; k > kmax {
			k = 1
		}
	}
	sort.Ints(best)
	return Result{Open: best, Objective: bestCost}, nil
}
