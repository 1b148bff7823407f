package steiner

import (
	"math"
	"sort"
)

type arc struct {
	to   int
	w    float64
	edge int
}

// solver holds a graph's adjacency and scratch space.
type solver struct {
	g     *Graph
	adj   [][]arc
	term  []bool
	dist  []float64
	pred  []int // arc's edge index into the vertex, -1 at a source
	h     distHeap
	inSet []bool
	stamp []int
	cur   int
	// prune's scratch space
	deg     []int
	inc     [][]int
	removed []bool
	stack   []int
}

func newSolver(g *Graph) *solver {
	s := &solver{g: g, adj: make([][]arc, g.N), term: make([]bool, g.N), dist: make([]float64, g.N),
		pred: make([]int, g.N), inSet: make([]bool, g.N), stamp: make([]int, g.N)}
	for i, e := range g.Edges {
		s.adj[e.U] = append(s.adj[e.U], arc{e.V, e.W, i})
		s.adj[e.V] = append(s.adj[e.V], arc{e.U, e.W, i})
	}
	for _, t := range g.Terminals {
		s.term[t] = true
	}
	return s
}

type item struct {
	v int
	d float64
}

// distHeap is a binary min-heap of items, without container/heap's boxing.
type distHeap []item

func (h distHeap) Len() int { return len(h) }

func (h *distHeap) push(it item) {
	*h = append(*h, it)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p].d <= a[i].d {
			break
		}
		a[p], a[i] = a[i], a[p]
		i = p
	}
}

func (h *distHeap) pop() item {
	a := *h
	top := a[0]
	last := len(a) - 1
	a[0] = a[last]
	a = a[:last]
	i := 0
	for {
		l := 2*i + 1
		if l >= len(a) {
			break
		}
		m := l
		if r := l + 1; r < len(a) && a[r].d < a[l].d {
			m = r
		}
		if a[i].d <= a[m].d {
			break
		}
		a[i], a[m] = a[m], a[i]
		i = m
	}
	*h = a
	return top
}

// tm is the shortest-path heuristic from root: grow a tree by the path to
// the nearest terminal not yet in it, until all are in. Dijkstra runs
// incrementally: only the vertices just added are new sources.
func (s *solver) tm(root int, weight func(e int) float64) []bool {
	n := s.g.N
	in := make([]bool, n)
	for v := range s.dist {
		s.dist[v] = math.Inf(1)
		s.pred[v] = -1
	}
	s.h = s.h[:0]
	add := func(v int) {
		in[v] = true
		s.dist[v] = 0
		s.pred[v] = -1
		s.h.push(item{v, 0})
	}
	add(root)
	left := len(s.g.Terminals) - 1
	for left > 0 {
		// Settle until every reachable vertex has its distance to the tree.
		for s.h.Len() > 0 {
			it := s.h.pop()
			if it.d > s.dist[it.v] {
				continue
			}
			for _, a := range s.adj[it.v] {
				if d := it.d + weight(a.edge); d < s.dist[a.to] {
					s.dist[a.to] = d
					s.pred[a.to] = a.edge
					s.h.push(item{a.to, d})
				}
			}
		}
		best, bd := -1, math.Inf(1)
		for _, t := range s.g.Terminals {
			if !in[t] && s.dist[t] < bd {
				best, bd = t, s.dist[t]
			}
		}
		if best < 0 {
			return nil // disconnected
		}
		// Add the path from best back to the tree.
		for v := best; !in[v]; {
			e := s.g.Edges[s.pred[v]]
			add(v)
			if s.term[v] {
				left--
			}
			if e.U == v {
				v = e.V
			} else {
				v = e.U
			}
		}
	}
	return in
}

// mst computes a minimum spanning tree of the vertices of set (Prim), then
// prunes non-terminal leaves. It returns the tree's edges and cost, and
// false when the set does not connect the terminals.
func (s *solver) mst(set []bool) ([]int, float64, bool) {
	root := s.g.Terminals[0]
	if !set[root] {
		return nil, 0, false
	}
	n := s.g.N
	s.cur++
	inTree := s.stamp
	key := s.dist
	for v := 0; v < n; v++ {
		key[v] = math.Inf(1)
		s.pred[v] = -1
	}
	s.h = s.h[:0]
	key[root] = 0
	s.h.push(item{root, 0})
	var edges []int
	count := 0
	for s.h.Len() > 0 {
		it := s.h.pop()
		v := it.v
		if inTree[v] == s.cur || it.d > key[v] {
			continue
		}
		inTree[v] = s.cur
		count++
		if s.pred[v] >= 0 {
			edges = append(edges, s.pred[v])
		}
		for _, a := range s.adj[v] {
			if set[a.to] && inTree[a.to] != s.cur && a.w < key[a.to] {
				key[a.to] = a.w
				s.pred[a.to] = a.edge
				s.h.push(item{a.to, a.w})
			}
		}
	}
	for _, t := range s.g.Terminals {
		if inTree[t] != s.cur {
			return nil, 0, false
		}
	}
	return s.prune(edges)
}

// prune removes non-terminal leaves until none is left.
func (s *solver) prune(edges []int) ([]int, float64, bool) {
	if s.deg == nil {
		s.deg = make([]int, s.g.N)
		s.inc = make([][]int, s.g.N)
		s.removed = make([]bool, len(s.g.Edges))
	}
	for _, e := range edges {
		ed := s.g.Edges[e]
		s.deg[ed.U]++
		s.deg[ed.V]++
		s.inc[ed.U] = append(s.inc[ed.U], e)
		s.inc[ed.V] = append(s.inc[ed.V], e)
	}
	stack := s.stack[:0]
	for _, e := range edges {
		ed := s.g.Edges[e]
		for _, v := range [2]int{ed.U, ed.V} {
			if s.deg[v] == 1 && !s.term[v] {
				stack = append(stack, v)
			}
		}
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.deg[v] != 1 || s.term[v] {
			continue
		}
		for _, e := range s.inc[v] {
			if s.removed[e] {
				continue
			}
			s.removed[e] = true
			s.deg[v]--
			ed := s.g.Edges[e]
			u := ed.U
			if u == v {
				u = ed.V
			}
			s.deg[u]--
			if s.deg[u] == 1 && !s.term[u] {
				stack = append(stack, u)
			}
		}
	}
	s.stack = stack
	out := make([]int, 0, len(edges))
	cost := 0.0
	for _, e := range edges {
		if !s.removed[e] {
			out = append(out, e)
			cost += s.g.Edges[e].W
		}
	}
	// Reset the scratch space for the next call.
	for _, e := range edges {
		ed := s.g.Edges[e]
		s.deg[ed.U], s.deg[ed.V] = 0, 0
		s.inc[ed.U], s.inc[ed.V] = s.inc[ed.U][:0], s.inc[ed.V][:0]
		s.removed[e] = false
	}
	return out, cost, true
}

func (s *solver) vertices(edges []int) []bool {
	set := make([]bool, s.g.N)
	for _, t := range s.g.Terminals {
		set[t] = true
	}
	for _, e := range edges {
		set[s.g.Edges[e].U] = true
		set[s.g.Edges[e].V] = true
	}
	return set
}

// improve applies Steiner-vertex insertion and elimination, each followed
// by a spanning tree of the chosen vertices and pruning, and key-path
// exchange, until none improves the tree.
func (s *solver) improve(edges []int, cost float64) ([]int, float64) {
	for round := 0; round < 100; round++ {
		better := false
		set := s.vertices(edges)
		// Elimination.
		for v := 0; v < s.g.N; v++ {
			if !set[v] || s.term[v] {
				continue
			}
			set[v] = false
			if e, c, ok := s.mst(set); ok && c < cost-1e-9 {
				edges, cost, better = e, c, true
				set = s.vertices(edges)
				continue
			}
			set[v] = true
		}
		// Insertion: vertices adjacent to the tree by at least two edges.
		for v := 0; v < s.g.N; v++ {
			if set[v] {
				continue
			}
			links := 0
			for _, a := range s.adj[v] {
				if set[a.to] {
					links++
				}
			}
			if links < 2 {
				continue
			}
			set[v] = true
			if e, c, ok := s.mst(set); ok && c < cost-1e-9 {
				edges, cost, better = e, c, true
				set = s.vertices(edges)
				continue
			}
			set[v] = false
		}
		if e, c := s.keyPaths(edges, cost); c < cost-1e-9 {
			edges, cost, better = e, c, true
		}
		if !better {
			break
		}
	}
	sort.Ints(edges)
	return edges, cost
}
