package steiner

import "math"

// dualAscent is Wong's dual ascent on the directed cut formulation, rooted
// at the first terminal: while some terminal cannot be reached from the
// root through arcs of zero reduced cost, take the set of vertices from
// which it can (its component), raise the dual by the least reduced cost of
// the arcs entering the component, and lower those arcs' reduced costs by
// it. The sum of the raises is a lower bound on every Steiner tree.
func (s *solver) dualAscent() float64 {
	g := s.g
	n := g.N
	root := g.Terminals[0]
	// Reduced costs of the arcs: arc 2i is U→V, arc 2i+1 is V→U.
	rc := make([]float64, 2*len(g.Edges))
	for i, e := range g.Edges {
		rc[2*i], rc[2*i+1] = e.W, e.W
	}
	// in[v]: arcs entering v, as (tail, arc index).
	type inArc struct{ tail, arc int }
	in := make([][]inArc, n)
	for i, e := range g.Edges {
		in[e.V] = append(in[e.V], inArc{e.U, 2 * i})
		in[e.U] = append(in[e.U], inArc{e.V, 2*i + 1})
	}
	lb := 0.0
	mark := make([]int, n)
	stamp := 0
	comp := make([]int, 0, n)
	active := append([]int(nil), g.Terminals[1:]...)
	for iter := 0; iter < 50*n*len(g.Terminals)+1000 && len(active) > 0; iter++ {
		// Pick the active terminal with the smallest component.
		bestT, bestSize := -1, n+1
		var bestComp []int
		next := active[:0]
		for _, t := range active {
			stamp++
			comp = comp[:0]
			comp = append(comp, t)
			mark[t] = stamp
			reachesRoot := false
			for k := 0; k < len(comp) && len(comp) < bestSize; k++ {
				v := comp[k]
				for _, a := range in[v] {
					if rc[a.arc] <= 1e-12 && mark[a.tail] != stamp {
						mark[a.tail] = stamp
						if a.tail == root {
							reachesRoot = true
						}
						comp = append(comp, a.tail)
					}
				}
			}
			if reachesRoot {
				continue // connected: no longer active
			}
			next = append(next, t)
			if len(comp) < bestSize {
				bestT, bestSize = t, len(comp)
				bestComp = append(bestComp[:0], comp...)
			}
		}
		active = next
		if bestT < 0 {
			break
		}
		// The component must be complete for the cut to be valid: recompute
		// it fully (the size cut-off above may have stopped it early).
		stamp++
		comp = comp[:0]
		comp = append(comp, bestT)
		mark[bestT] = stamp
		for k := 0; k < len(comp); k++ {
			for _, a := range in[comp[k]] {
				if rc[a.arc] <= 1e-12 && mark[a.tail] != stamp {
					mark[a.tail] = stamp
					comp = append(comp, a.tail)
				}
			}
		}
		if mark[root] == stamp {
			continue
		}
		delta := math.Inf(1)
		for _, v := range comp {
			for _, a := range in[v] {
				if mark[a.tail] != stamp && rc[a.arc] < delta {
					delta = rc[a.arc]
				}
			}
		}
		if math.IsInf(delta, 1) {
			break // disconnected
		}
		lb += delta
		for _, v := range comp {
			for _, a := range in[v] {
				if mark[a.tail] != stamp {
					rc[a.arc] -= delta
				}
			}
		}
		_ = bestComp
	}
	return lb
}
