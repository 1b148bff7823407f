package steiner

import (
	"math"
	"sort"
)

// keyPaths tries to replace each key path of the tree — a path whose inner
// vertices are Steiner vertices of degree two, between terminals or Steiner
// vertices of degree three or more — by a shorter path between the two
// parts of the tree it joins. It returns the first improvement found.
func (s *solver) keyPaths(edges []int, cost float64) ([]int, float64) {
	tadj := map[int][]int{} // vertex → tree edges
	for _, e := range edges {
		ed := s.g.Edges[e]
		tadj[ed.U] = append(tadj[ed.U], e)
		tadj[ed.V] = append(tadj[ed.V], e)
	}
	key := func(v int) bool { return s.term[v] || len(tadj[v]) >= 3 }
	other := func(e, v int) int {
		if s.g.Edges[e].U == v {
			return s.g.Edges[e].V
		}
		return s.g.Edges[e].U
	}
	type path struct {
		edges []int
		inner []int
		cost  float64
		from  int
	}
	var paths []path
	seen := map[int]bool{}
	vs := make([]int, 0, len(tadj))
	for v := range tadj {
		vs = append(vs, v)
	}
	sort.Ints(vs)
	for _, v := range vs {
		if !key(v) {
			continue
		}
		for _, e0 := range tadj[v] {
			if seen[e0] {
				continue
			}
			p := path{from: v}
			prev, e := v, e0
			for {
				seen[e] = true
				p.edges = append(p.edges, e)
				p.cost += s.g.Edges[e].W
				u := other(e, prev)
				if key(u) {
					break
				}
				p.inner = append(p.inner, u)
				next := tadj[u][0]
				if next == e {
					next = tadj[u][1]
				}
				prev, e = u, next
			}
			paths = append(paths, p)
		}
	}
	sort.Slice(paths, func(i, j int) bool { return paths[i].cost > paths[j].cost })
	for _, p := range paths {
		drop := map[int]bool{}
		for _, e := range p.edges {
			drop[e] = true
		}
		// Component A: the tree vertices reached from p.from without p.
		side := map[int]bool{p.from: true}
		stack := []int{p.from}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, e := range tadj[v] {
				if drop[e] {
					continue
				}
				if u := other(e, v); !side[u] {
					side[u] = true
					stack = append(stack, u)
				}
			}
		}
		innerSet := map[int]bool{}
		for _, v := range p.inner {
			innerSet[v] = true
		}
		// Multi-source Dijkstra from A to the first vertex of B (the rest of the tree).
		for v := range s.dist {
			s.dist[v] = math.Inf(1)
			s.pred[v] = -1
		}
		s.h = s.h[:0]
		for v := range side {
			s.dist[v] = 0
			s.h.push(item{v, 0})
		}
		target := -1
		for s.h.Len() > 0 {
			it := s.h.pop()
			if it.d > s.dist[it.v] {
				continue
			}
			if it.d >= p.cost-1e-9 {
				break // no shorter path
			}
			if _, inTree := tadj[it.v]; inTree && !side[it.v] && !innerSet[it.v] {
				target = it.v
				break
			}
			for _, a := range s.adj[it.v] {
				if d := it.d + a.w; d < s.dist[a.to] {
					s.dist[a.to] = d
					s.pred[a.to] = a.edge
					s.h.push(item{a.to, d})
				}
			}
		}
		if target < 0 {
			continue
		}
		var next []int
		for _, e := range edges {
			if !drop[e] {
				next = append(next, e)
			}
		}
		for v := target; s.pred[v] >= 0 && !side[v]; {
			e := s.pred[v]
			next = append(next, e)
			v = other(e, v)
		}
		if e, c, ok := s.prune(next); ok && c < cost-1e-9 {
			return e, c
		}
	}
	return edges, cost
}
