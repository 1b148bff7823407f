package fibre

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
)

// Stage is what a yearly budget builds in one year.
type Stage struct {
	Year      int      `json:"year"`
	Connected []string `json:"connected"` // sites connected this year, in order
	SpentEUR  float64  `json:"spent_eur"`
	CarryEUR  float64  `json:"carry_eur"` // budget left for the next year
	Total     int      `json:"sites_connected"`
}

// Phase connects the sites under a yearly budget, year by year as the
// ducts free up (free[k] is the state of the ducts in years[k]): each
// year the budget is added to what was left, then the site that is
// cheapest to add to what is already built (built stretches cost nothing
// again) is connected, and so on while the budget allows. It is the
// shortest-path heuristic of the Steiner solver, spread over the years; a
// site never connected within the plan stays out and is listed in no
// stage. The budget must be positive.
func (n *Network) Phase(free [][]int, years []int, sites []Site, root orb.Point, p Params, budget float64) []Stage {
	built := map[int]bool{}
	done := make([]bool, len(sites))
	var out []Stage
	carry, total := 0.0, 0
	for k, year := range years {
		g, _, _ := n.graph(free[k], sites, root, p)
		adj := make([][][2]int, g.N) // neighbour, edge
		for i, e := range g.Edges {
			adj[e.U] = append(adj[e.U], [2]int{e.V, i})
			adj[e.V] = append(adj[e.V], [2]int{e.U, i})
		}
		weight := func(e int) float64 {
			if built[e] {
				return 0
			}
			return g.Edges[e].W
		}
		st := Stage{Year: year, Connected: []string{}}
		left := carry + budget
		for {
			dist, pred := shortest(g.N, adj, weight, g.Terminals[0])
			best, bestD := -1, math.Inf(1)
			for si := range sites {
				if v := len(n.Nodes) + si; !done[si] && dist[v] < bestD {
					best, bestD = si, dist[v]
				}
			}
			if best < 0 || bestD > left {
				break
			}
			for v := len(n.Nodes) + best; pred[v] >= 0; {
				e := pred[v]
				built[e] = true
				if g.Edges[e].U == v {
					v = g.Edges[e].V
				} else {
					v = g.Edges[e].U
				}
			}
			done[best] = true
			left -= bestD
			st.SpentEUR += bestD
			st.Connected = append(st.Connected, sites[best].Name)
			total++
		}
		carry = left
		st.CarryEUR, st.Total = carry, total
		out = append(out, st)
	}
	return out
}

// shortest is Dijkstra from src: distances, and the edge into each vertex.
func shortest(n int, adj [][][2]int, weight func(int) float64, src int) ([]float64, []int) {
	dist := make([]float64, n)
	pred := make([]int, n)
	for i := range dist {
		dist[i], pred[i] = math.Inf(1), -1
	}
	dist[src] = 0
	h := &vheap{{src, 0}}
	for h.Len() > 0 {
		it := heap.Pop(h).(vd)
		if it.d > dist[it.v] {
			continue
		}
		for _, a := range adj[it.v] {
			if d := it.d + weight(a[1]); d < dist[a[0]] {
				dist[a[0]], pred[a[0]] = d, a[1]
				heap.Push(h, vd{a[0], d})
			}
		}
	}
	return dist, pred
}

type vd struct {
	v int
	d float64
}

type vheap []vd

func (h vheap) Len() int           { return len(h) }
func (h vheap) Less(i, j int) bool { return h[i].d < h[j].d }
func (h vheap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *vheap) Push(x any)        { *h = append(*h, x.(vd)) }
func (h *vheap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
