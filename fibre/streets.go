package fibre

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// streets is the street graph along which trenches run: every vertex of
// every street line is a node (vertices closer than SnapM are one, which
// is how OpenStreetMap's ways meet: at shared nodes), every pair of
// consecutive vertices a segment. Chains of degree-2 nodes are left to the
// Steiner solver's reductions, which contract them.
type streets struct {
	index *grid
	segs  []segment
	// link[i] is the street node a conduit node i joins, -1 if none is
	// within LinkM.
	link   []int
	linkM  []float64
	length float64
}

type segment struct {
	a, b   int
	line   orb.LineString
	length float64
}

// StreetStats is what AddStreets built.
type StreetStats struct {
	Nodes      int     `json:"nodes"`
	Segments   int     `json:"segments"`
	LengthM    float64 `json:"length_m"`
	LinkedDuct int     `json:"linked_conduit_nodes"` // conduit nodes within LinkM of a street node
}

// AddStreets gives the network a street graph: new trench then runs along
// the streets at TrenchPerM a metre (no detour factor: the street is the
// path), and sites and conduit nodes join the street graph by a straight
// link (× Detour) to its nearest node, at most LinkM long for a conduit
// node. Without streets, trenches are straight lines × Detour.
func (n *Network) AddStreets(lines []orb.LineString, p Params) StreetStats {
	lat := 0.0
	for _, q := range n.Nodes {
		lat += q[1]
	}
	if len(n.Nodes) > 0 {
		lat /= float64(len(n.Nodes))
	} else if len(lines) > 0 {
		lat = lines[0][0][1]
	}
	cell := max(p.SnapM, 1)
	if p.LinkM > cell {
		cell = p.LinkM
	}
	st := &streets{index: newGrid(cell, lat)}
	snap := func(q orb.Point) int {
		best, bd := -1, p.SnapM
		for _, i := range st.index.within(q, p.SnapM) {
			if d := geo.DistanceHaversine(q, st.index.pts[i]); d <= bd {
				best, bd = i, d
			}
		}
		if best >= 0 {
			return best
		}
		return st.index.add(q)
	}
	for _, l := range lines {
		prev := snap(l[0])
		for k := 1; k < len(l); k++ {
			cur := snap(l[k])
			if cur == prev {
				continue
			}
			a, b := st.index.pts[prev], st.index.pts[cur]
			d := geo.DistanceHaversine(a, b)
			st.segs = append(st.segs, segment{prev, cur, orb.LineString{a, b}, d})
			st.length += d
			prev = cur
		}
	}
	stats := StreetStats{Nodes: len(st.index.pts), Segments: len(st.segs), LengthM: st.length}
	st.link, st.linkM = make([]int, len(n.Nodes)), make([]float64, len(n.Nodes))
	for i, q := range n.Nodes {
		st.link[i] = -1
		if j, d := st.index.nearest(q); j >= 0 && d <= p.LinkM {
			st.link[i], st.linkM[i] = j, d
			stats.LinkedDuct++
		}
	}
	n.streets = st
	return stats
}
