package steiner

import "sort"

// reduced is a graph after the reductions, with, for each of its edges, the
// original edges it stands for (a contracted path stands for several).
type reduced struct {
	g    *Graph
	orig [][]int
}

// wedge is an edge of the graph being reduced.
type wedge struct {
	u, v  int
	w     float64
	orig  []int
	alive bool
}

// reducer holds the graph while it shrinks: adjacency as maps from a
// neighbour to the one (cheapest) edge joining them.
type reducer struct {
	n     int
	term  []bool
	edges []wedge
	adj   []map[int]int
}

// reduce applies tests that keep the optimum unchanged: parallel edges keep
// the cheapest; a non-terminal of degree 1 goes; a non-terminal of degree 2
// is replaced by one edge joining its neighbours (an optimal tree uses both
// of its edges or neither); an edge longer than another path between its
// ends goes (the path does its work for less). Every removal is justified
// on the graph as it is at that moment, so the reductions compose.
func reduce(g *Graph) reduced {
	r := &reducer{n: g.N, term: make([]bool, g.N), adj: make([]map[int]int, g.N)}
	for i := range r.adj {
		r.adj[i] = map[int]int{}
	}
	for _, t := range g.Terminals {
		r.term[t] = true
	}
	for i, e := range g.Edges {
		r.add(e.U, e.V, e.W, []int{i})
	}
	r.degrees()
	r.longEdges()
	r.degrees()
	return r.compact(g.Terminals)
}

// add joins u and v, or lowers the edge already joining them.
func (r *reducer) add(u, v int, w float64, orig []int) {
	if u == v {
		return
	}
	if i, ok := r.adj[u][v]; ok {
		if w < r.edges[i].w {
			r.edges[i].w, r.edges[i].orig = w, orig
		}
		return
	}
	r.edges = append(r.edges, wedge{u: u, v: v, w: w, orig: orig, alive: true})
	r.adj[u][v] = len(r.edges) - 1
	r.adj[v][u] = len(r.edges) - 1
}

func (r *reducer) remove(i int) {
	e := &r.edges[i]
	e.alive = false
	delete(r.adj[e.u], e.v)
	delete(r.adj[e.v], e.u)
}

// degrees removes non-terminals of degree 1 and contracts those of degree
// 2, until none is left.
func (r *reducer) degrees() {
	queue := make([]int, 0, r.n)
	for v := 0; v < r.n; v++ {
		queue = append(queue, v)
	}
	for len(queue) > 0 {
		v := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if r.term[v] {
			continue
		}
		switch len(r.adj[v]) {
		case 1:
			for u, i := range r.adj[v] {
				r.remove(i)
				queue = append(queue, u)
			}
		case 2:
			var ns [2]int
			var es [2]int
			k := 0
			for u, i := range r.adj[v] {
				ns[k], es[k] = u, i
				k++
			}
			if ns[0] > ns[1] {
				ns[0], ns[1], es[0], es[1] = ns[1], ns[0], es[1], es[0]
			}
			a, b := r.edges[es[0]], r.edges[es[1]]
			r.remove(es[0])
			r.remove(es[1])
			orig := append(append(make([]int, 0, len(a.orig)+len(b.orig)), a.orig...), b.orig...)
			r.add(ns[0], ns[1], a.w+b.w, orig)
			queue = append(queue, ns[0], ns[1])
		}
	}
}

// longEdges removes every edge (u, v) for which a path from u to v is
// strictly shorter: a Dijkstra from u, bounded by u's longest edge, finds it
// (a shortest path that is shorter than the edge cannot use the edge).
func (r *reducer) longEdges() {
	// A slice snapshot of the adjacency (maps are slow to range over);
	// edges removed on the way are skipped by their alive flag.
	type half struct{ to, edge int }
	adj := make([][]half, r.n)
	for i, e := range r.edges {
		if e.alive {
			adj[e.u] = append(adj[e.u], half{e.v, i})
			adj[e.v] = append(adj[e.v], half{e.u, i})
		}
	}
	dist := make([]float64, r.n)
	seen := make([]int, r.n)
	stamp := 0
	var h distHeap
	for u := 0; u < r.n; u++ {
		limit := 0.0
		for _, a := range adj[u] {
			if r.edges[a.edge].alive {
				limit = max(limit, r.edges[a.edge].w)
			}
		}
		if len(r.adj[u]) < 2 {
			continue
		}
		stamp++
		seen[u], dist[u] = stamp, 0
		h = h[:0]
		h.push(item{u, 0})
		for len(h) > 0 {
			it := h.pop()
			if it.d > dist[it.v] || it.d >= limit {
				continue
			}
			for _, a := range adj[it.v] {
				e := &r.edges[a.edge]
				if !e.alive {
					continue
				}
				d := it.d + e.w
				if d < limit && (seen[a.to] != stamp || d < dist[a.to]) {
					seen[a.to], dist[a.to] = stamp, d
					h.push(item{a.to, d})
				}
			}
		}
		for _, a := range adj[u] {
			e := &r.edges[a.edge]
			if e.alive && seen[a.to] == stamp && dist[a.to] < e.w-1e-9*max(1, e.w) {
				r.remove(a.edge)
			}
		}
	}
}

// compact renumbers the vertices left (those with an edge, and every
// terminal) into a Graph.
func (r *reducer) compact(terminals []int) reduced {
	id := make([]int, r.n)
	for i := range id {
		id[i] = -1
	}
	n := 0
	for v := 0; v < r.n; v++ {
		if len(r.adj[v]) > 0 || r.term[v] {
			id[v] = n
			n++
		}
	}
	out := reduced{g: &Graph{N: n}}
	for _, e := range r.edges {
		if !e.alive {
			continue
		}
		out.g.Edges = append(out.g.Edges, Edge{U: id[e.u], V: id[e.v], W: e.w})
		sort.Ints(e.orig)
		out.orig = append(out.orig, e.orig)
	}
	seen := map[int]bool{}
	for _, t := range terminals {
		if !seen[t] {
			seen[t] = true
			out.g.Terminals = append(out.g.Terminals, id[t])
		}
	}
	return out
}
