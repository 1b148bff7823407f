package locate

import (
	"github.com/clairvoie/clairvoie/internal/splitmix"
	"math"
	"sort"
)

// MaxEnumeration is the largest number of combinations MCLP enumerates
// exactly; above it, the heuristic runs.
const MaxEnumeration = 2_000_000

// MCLP opens p sites maximising the weight of the demand points within
// radius of an open site. When C(m, p) ≤ MaxEnumeration it enumerates
// every combination, and the answer is optimal (Result.Covered counts the
// points covered).
func MCLP(pr *Problem, p int, radius float64, opts Options) (Result, error) {
	if err := checkP(pr, p); err != nil {
		return Result{}, err
	}
	// covers[j] lists the points site j covers.
	covers := make([][]int, pr.M)
	for i := 0; i < pr.N; i++ {
		for j := 0; j < pr.M; j++ {
			if pr.d(i, j) <= radius {
				covers[j] = append(covers[j], i)
			}
		}
	}
	var best []int
	if combinations(pr.M, p) <= MaxEnumeration {
		best = enumerate(pr, covers, p)
	} else {
		best = coverSearch(pr, covers, p, opts)
	}
	sort.Ints(best)
	w, n := covered(pr, covers, best)
	return Result{Open: best, Objective: w, Covered: n}, nil
}

func combinations(m, p int) float64 {
	c := 1.0
	for k := 0; k < p; k++ {
		c = c * float64(m-k) / float64(k+1)
		if c > math.MaxInt32 {
			return c
		}
	}
	return c
}

func covered(pr *Problem, covers [][]int, sites []int) (float64, int) {
	seen := make([]bool, pr.N)
	w, n := 0.0, 0
	for _, j := range sites {
		for _, i := range covers[j] {
			if !seen[i] {
				seen[i] = true
				w += pr.Weight[i]
				n++
			}
		}
	}
	return w, n
}

// enumerate tries every combination of p sites, counting coverage with
// per-point counters updated incrementally.
func enumerate(pr *Problem, covers [][]int, p int) []int {
	count := make([]int, pr.N)
	cur := make([]int, 0, p)
	var best []int
	bestW := -1.0
	w := 0.0
	var rec func(start int)
	rec = func(start int) {
		if len(cur) == p {
			if w > bestW+1e-9 {
				bestW = w
				best = append(best[:0], cur...)
			}
			return
		}
		for j := start; j <= pr.M-(p-len(cur)); j++ {
			for _, i := range covers[j] {
				if count[i] == 0 {
					w += pr.Weight[i]
				}
				count[i]++
			}
			cur = append(cur, j)
			rec(j + 1)
			cur = cur[:len(cur)-1]
			for _, i := range covers[j] {
				count[i]--
				if count[i] == 0 {
					w -= pr.Weight[i]
				}
			}
		}
	}
	rec(0)
	return best
}

// coverSearch is greedy construction and best-swap local search, repeated
// from perturbed solutions.
func coverSearch(pr *Problem, covers [][]int, p int, opts Options) []int {
	restarts := opts.Restarts
	if restarts == 0 {
		restarts = DefaultRestarts
	}
	r := &splitmix.Rand{S: opts.Seed}
	count := make([]int, pr.N)
	open := make([]bool, pr.M)
	add := func(j int, sign int) {
		for _, i := range covers[j] {
			count[i] += sign
		}
		open[j] = sign > 0
	}
	gainOf := func(j int) float64 {
		g := 0.0
		for _, i := range covers[j] {
			if count[i] == 0 {
				g += pr.Weight[i]
			}
		}
		return g
	}
	lossOf := func(j int) float64 {
		l := 0.0
		for _, i := range covers[j] {
			if count[i] == 1 {
				l += pr.Weight[i]
			}
		}
		return l
	}
	var sites []int
	for len(sites) < p {
		bj, bg := -1, -1.0
		for j := 0; j < pr.M; j++ {
			if !open[j] {
				if g := gainOf(j); g > bg {
					bg, bj = g, j
				}
			}
		}
		add(bj, 1)
		sites = append(sites, bj)
	}
	local := func() {
		for {
			bi, bo, bd := -1, -1, 1e-9
			for k, out := range sites {
				loss := lossOf(out) // what only out covers
				add(out, -1)
				for j := 0; j < pr.M; j++ {
					if !open[j] && j != out {
						if d := gainOf(j) - loss; d > bd {
							bd, bi, bo = d, j, k
						}
					}
				}
				add(out, 1)
			}
			if bi < 0 {
				return
			}
			add(sites[bo], -1)
			add(bi, 1)
			sites[bo] = bi
		}
	}
	local()
	best := append([]int(nil), sites...)
	bestW, _ := covered(pr, covers, best)
	for round := 0; round < restarts; round++ {
		for _, j := range sites {
			add(j, -1)
		}
		sites = append(sites[:0], best...)
		for _, j := range sites {
			add(j, 1)
		}
		for t := 0; t < 1+round%3 && p < pr.M; t++ {
			k := r.Intn(len(sites))
			var j int
			for {
				j = r.Intn(pr.M)
				if !open[j] {
					break
				}
			}
			add(sites[k], -1)
			add(j, 1)
			sites[k] = j
		}
		local()
		if w, _ := covered(pr, covers, sites); w > bestW+1e-9 {
			bestW = w
			best = append(best[:0], sites...)
		}
	}
	return best
}
