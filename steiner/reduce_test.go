package steiner

import (
	"math"
	"sort"
	"testing"

	"github.com/clairvoie/clairvoie/internal/splitmix"
)

// bruteForce is the optimum by enumeration: the cheapest minimum spanning
// tree over the terminals plus any subset of the other vertices.
func bruteForce(g *Graph) float64 {
	isTerm := make([]bool, g.N)
	for _, t := range g.Terminals {
		isTerm[t] = true
	}
	var others []int
	for v := 0; v < g.N; v++ {
		if !isTerm[v] {
			others = append(others, v)
		}
	}
	order := make([]int, len(g.Edges))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return g.Edges[order[a]].W < g.Edges[order[b]].W })
	best := math.Inf(1)
	for mask := 0; mask < 1<<len(others); mask++ {
		in := append([]bool(nil), isTerm...)
		size := len(g.Terminals)
		for k, v := range others {
			if mask>>k&1 == 1 {
				in[v] = true
				size++
			}
		}
		parent := make([]int, g.N)
		for i := range parent {
			parent[i] = i
		}
		find := func(x int) int {
			for parent[x] != x {
				x = parent[x]
			}
			return x
		}
		cost, joined := 0.0, 1
		for _, i := range order {
			e := g.Edges[i]
			if !in[e.U] || !in[e.V] {
				continue
			}
			if a, b := find(e.U), find(e.V); a != b {
				parent[a] = b
				cost += e.W
				joined++
			}
		}
		if joined == size {
			best = min(best, cost)
		}
	}
	return best
}

func randomGraph(r *splitmix.Rand, n, m, t int) *Graph {
	g := &Graph{N: n}
	for v := 1; v < n; v++ { // a random spanning tree keeps it connected
		g.Edges = append(g.Edges, Edge{U: r.Intn(v), V: v, W: float64(1 + r.Intn(10))})
	}
	for len(g.Edges) < m {
		u, v := r.Intn(n), r.Intn(n)
		if u != v {
			g.Edges = append(g.Edges, Edge{U: u, V: v, W: float64(1 + r.Intn(10))})
		}
	}
	g.Terminals = append(g.Terminals, []int{0, n - 1, n / 2, n / 3}[:t]...)
	return g
}

// The reductions keep the optimum, and every reduced edge stands for
// original edges of the same total cost.
func TestReducePreservesOptimum(t *testing.T) {
	r := splitmix.Rand{S: 7}
	shrunk := 0
	for k := 0; k < 300; k++ {
		n := 6 + r.Intn(8)
		g := randomGraph(&r, n, n-1+r.Intn(2*n), 2+r.Intn(3))
		red := reduce(g)
		if len(red.g.Edges) < len(g.Edges) {
			shrunk++
		}
		for i, e := range red.g.Edges {
			sum := 0.0
			for _, o := range red.orig[i] {
				sum += g.Edges[o].W
			}
			if sum != e.W {
				t.Fatalf("graph %d: reduced edge %d costs %v but stands for %v", k, i, e.W, sum)
			}
		}
		if a, b := bruteForce(g), bruteForce(red.g); a != b {
			t.Fatalf("graph %d (%+v): optimum %v before the reductions, %v after", k, g, a, b)
		}
		res, err := Solve(g, Options{Roots: 2, Perturbations: 4})
		if err != nil {
			t.Fatal(err)
		}
		cost := 0.0
		for _, e := range res.Edges {
			cost += g.Edges[e].W
		}
		if cost != res.Cost || res.LowerBound > bruteForce(g)+1e-9 {
			t.Fatalf("graph %d: edges cost %v, result %+v", k, cost, res)
		}
	}
	if shrunk < 150 {
		t.Errorf("the reductions shrank only %d of 300 graphs", shrunk)
	}
}
