// Package fibre plans optical fibre through the conduits that closed cameras
// free: it builds a graph from the conduit lines (endpoints snapped within a
// tolerance, lines split where another ends on them), reports its
// components and gaps, and, year by year as the reduction plan frees ducts,
// routes fibre from a root (the supervision centre) to public sites as a
// Steiner tree: pulling fibre through a free duct costs a fraction of
// trenching, which is what a conduit without a free duct, or a site's
// connection to the network, costs. It also counts what renting the free
// ducts the fibre does not use would bring. Pure: lines and sites in,
// routes and figures out.
package fibre

import (
	"math"
	"sort"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/steiner"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Params are the cost parameters, each with its source.
type Params struct {
	PullPerM   float64 `json:"pull_per_m"`    // € per metre to pull fibre through a free duct
	TrenchPerM float64 `json:"trench_per_m"`  // € per metre to trench and lay a duct
	Detour     float64 `json:"detour"`        // a trench to a site follows streets: straight distance × this
	RentPerMYr float64 `json:"rent_per_m_yr"` // € per metre of free duct rented a year
	SnapM      float64 `json:"snap_m"`        // endpoints closer than this are one node
	SiteLinks  int     `json:"site_links"`    // a site may connect to its this-many nearest nodes
	LinkM      float64 `json:"link_m"`        // with streets: the longest straight link from a conduit node or a site to a duct
	// BudgetPerYr, when positive, phases the sites: what a yearly budget
	// connects, year after year (Phase); 0 routes to every site each year.
	BudgetPerYr float64           `json:"budget_per_yr"`
	Sources     map[string]string `json:"sources"`
}

// DefaultParams: civil works are up to 80 % of a fibre deployment's cost
// and reusing ducts saves up to 60 % (European Commission) [C], so pulling
// through a free duct is taken at a fifth of trenching; a city's occupied
// conduit rents for about 1,000 € per km a year [S].
var DefaultParams = Params{PullPerM: 20, TrenchPerM: 100, Detour: 1.3, RentPerMYr: 1, SnapM: 5, SiteLinks: 3, LinkM: 60,
	Sources: map[string]string{
		"trench_per_m":  "assumption: 100 € per metre of urban trench and duct (order of magnitude of French FTTH civil works)",
		"pull_per_m":    "derived: civil works are up to 80 % of the cost [C, EU], so pulling is taken at 20 % of trenching",
		"rent_per_m_yr": "about 1,000 € per km a year for an occupied municipal conduit [S]",
		"detour":        "assumption: streets are 30 % longer than the straight line",
		"link_m":        "assumption: with a street graph, a conduit's chamber or a building joins the street within 60 m",
	}}

// Site is a public site to connect (library, school, social centre).
type Site struct {
	Name     string    `json:"name"`
	Location orb.Point `json:"location"`
}

// Targets are where fibre goes: the sites, from the root (a point whose
// nearest conduit node starts the network), and, if given, the streets
// new trenches follow.
type Targets struct {
	Sites   []Site
	Root    orb.Point
	Streets []orb.LineString
}

// piece is a conduit segment between two nodes.
type piece struct {
	conduit int // index in the conduit list
	a, b    int // nodes
	line    orb.LineString
	length  float64
}

// Network is the conduit graph.
type Network struct {
	Nodes      []orb.Point `json:"-"`
	pieces     []piece
	Components int      `json:"components"`
	Gaps       []Gap    `json:"gaps"` // the shortest links that would join components
	LengthM    float64  `json:"length_m"`
	streets    *streets // nil: trenches are straight lines × Detour
}

// Gap is the shortest distance between two components of the network.
type Gap struct {
	From, To orb.Point
	M        float64 `json:"m"`
}

// Build makes the network: endpoints within p.SnapM are one node, and a
// line on which another line ends (within p.SnapM) is split there.
func Build(conduits []clairvoie.Conduit, p Params) *Network {
	n := &Network{}
	snap := func(pt orb.Point) int {
		for i, q := range n.Nodes {
			if geo.DistanceHaversine(pt, q) <= p.SnapM {
				return i
			}
		}
		n.Nodes = append(n.Nodes, pt)
		return len(n.Nodes) - 1
	}
	// Endpoints first, so that splits snap to them.
	for _, c := range conduits {
		snap(c.Line[0])
		snap(c.Line[len(c.Line)-1])
	}
	for ci, c := range conduits {
		// Split points: nodes lying on the line's interior.
		type cut struct {
			at   int     // segment index
			frac float64 // position along it
			node int
		}
		var cuts []cut
		for ni, q := range n.Nodes {
			for s := 0; s+1 < len(c.Line); s++ {
				a, b := c.Line[s], c.Line[s+1]
				proj, t := project(a, b, q)
				if t <= 0 || t >= 1 {
					continue
				}
				if geo.DistanceHaversine(proj, q) <= p.SnapM && geo.DistanceHaversine(q, c.Line[0]) > p.SnapM && geo.DistanceHaversine(q, c.Line[len(c.Line)-1]) > p.SnapM {
					cuts = append(cuts, cut{s, t, ni})
				}
			}
		}
		sort.Slice(cuts, func(i, j int) bool {
			if cuts[i].at != cuts[j].at {
				return cuts[i].at < cuts[j].at
			}
			return cuts[i].frac < cuts[j].frac
		})
		start := snap(c.Line[0])
		cur := orb.LineString{c.Line[0]}
		seg := 0
		for _, k := range cuts {
			for ; seg < k.at; seg++ {
				cur = append(cur, c.Line[seg+1])
			}
			cur = append(cur, n.Nodes[k.node])
			n.addPiece(ci, start, k.node, cur)
			start, cur = k.node, orb.LineString{n.Nodes[k.node]}
		}
		for ; seg+1 < len(c.Line); seg++ {
			cur = append(cur, c.Line[seg+1])
		}
		n.addPiece(ci, start, snap(c.Line[len(c.Line)-1]), cur)
	}
	n.components()
	return n
}

func (n *Network) addPiece(conduit, a, b int, line orb.LineString) {
	if a == b {
		return
	}
	l := geo.LengthHaversine(line)
	n.pieces = append(n.pieces, piece{conduit, a, b, line, l})
	n.LengthM += l
}

// project returns the point of segment ab nearest q (planar, in degrees)
// and its position t along ab.
func project(a, b, q orb.Point) (orb.Point, float64) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return a, 0
	}
	t := ((q[0]-a[0])*dx + (q[1]-a[1])*dy) / l2
	return orb.Point{a[0] + t*dx, a[1] + t*dy}, t
}

// components counts the connected components and, between the largest
// and each other, the shortest gap.
func (n *Network) components() {
	parent := make([]int, len(n.Nodes))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, p := range n.pieces {
		parent[find(p.a)] = find(p.b)
	}
	size := map[int]int{}
	for i := range n.Nodes {
		size[find(i)]++
	}
	n.Components = len(size)
	if n.Components < 2 {
		return
	}
	main, best := -1, -1
	for r, s := range size {
		if s > best || (s == best && r < main) {
			main, best = r, s
		}
	}
	gaps := map[int]Gap{}
	for i, p := range n.Nodes {
		ri := find(i)
		if ri == main {
			continue
		}
		for j, q := range n.Nodes {
			if find(j) != main {
				continue
			}
			d := geo.DistanceHaversine(p, q)
			if g, ok := gaps[ri]; !ok || d < g.M {
				gaps[ri] = Gap{From: p, To: q, M: math.Round(d)}
			}
		}
	}
	for _, g := range gaps {
		n.Gaps = append(n.Gaps, g)
	}
	sort.Slice(n.Gaps, func(i, j int) bool { return n.Gaps[i].M < n.Gaps[j].M })
}

// Route is the fibre network for one year.
type Route struct {
	Year         int     `json:"year"`
	CostEUR      float64 `json:"cost_eur"`
	AllTrenchEUR float64 `json:"all_trench_eur"` // the same sites, trenching everything
	SavingEUR    float64 `json:"saving_eur"`
	ReusedM      float64 `json:"reused_m"` // fibre pulled through free ducts
	TrenchM      float64 `json:"trench_m"` // new trench
	Sites        int     `json:"sites"`
	FreeDuctM    float64 `json:"free_duct_m"` // free duct metres, the city's share
	RentEUR      float64 `json:"rent_eur_yr"` // renting those the fibre does not use
	LowerBound   float64 `json:"lower_bound"` // of the routing cost
	Gap          float64 `json:"gap"`
	// Straight counts the sites joined by a straight trench × Detour: all
	// of them without a street graph; with one, those it does not reach.
	Straight int              `json:"sites_straight"`
	Reused   []orb.LineString `json:"-"`
	Trench   []orb.LineString `json:"-"`
}

// edgeInfo says what an edge of the routing graph is.
type edgeInfo struct {
	reuse  bool // through a free duct
	line   orb.LineString
	length float64
	piece  int // -1 for a trench to a site
}

// graph is the routing graph for one state of the ducts: the network's
// nodes, then one vertex per site, then the street nodes if any; the
// root's nearest node is the first terminal, the sites the others. An
// edge's index depends only on the network, the streets and the sites,
// not on the ducts, so it names the same stretch from one year to the
// next. straight counts the sites joined by straight links × Detour.
func (n *Network) graph(free []int, sites []Site, root orb.Point, p Params) (g *steiner.Graph, info []edgeInfo, straight int) {
	g = &steiner.Graph{N: len(n.Nodes) + len(sites)}
	for i, pc := range n.pieces {
		cost, reuse := p.TrenchPerM*pc.length, false
		if free[pc.conduit] > 0 {
			cost, reuse = p.PullPerM*pc.length, true
		}
		g.Edges = append(g.Edges, steiner.Edge{U: pc.a, V: pc.b, W: math.Round(cost)})
		info = append(info, edgeInfo{reuse, pc.line, pc.length, i})
	}
	trench := func(u, v int, line orb.LineString, l float64) {
		g.Edges = append(g.Edges, steiner.Edge{U: u, V: v, W: math.Round(p.TrenchPerM * l)})
		info = append(info, edgeInfo{false, line, l, -1})
	}
	nearest := func(q orb.Point, k int) []int {
		type cand struct {
			node int
			d    float64
		}
		cs := make([]cand, len(n.Nodes))
		for ni, x := range n.Nodes {
			cs[ni] = cand{ni, geo.DistanceHaversine(q, x)}
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
		out := make([]int, 0, k)
		for _, c := range cs[:min(k, len(cs))] {
			out = append(out, c.node)
		}
		return out
	}
	site := func(si int) int { return len(n.Nodes) + si }
	if st := n.streets; st != nil {
		base := g.N
		g.N += len(st.index.pts)
		for _, sg := range st.segs {
			trench(base+sg.a, base+sg.b, sg.line, sg.length)
		}
		for i, j := range st.link {
			if j >= 0 {
				l := st.linkM[i] * p.Detour
				trench(i, base+j, orb.LineString{n.Nodes[i], st.index.pts[j]}, l)
			}
		}
		for si, s := range sites {
			if j, d := st.index.nearest(s.Location); j >= 0 {
				trench(site(si), base+j, orb.LineString{s.Location, st.index.pts[j]}, d*p.Detour)
			}
			for _, ni := range nearest(s.Location, p.SiteLinks) {
				if d := geo.DistanceHaversine(s.Location, n.Nodes[ni]); d <= p.LinkM {
					trench(site(si), ni, orb.LineString{s.Location, n.Nodes[ni]}, d*p.Detour)
				}
			}
		}
	}
	rootNode, rd := 0, math.Inf(1)
	for i, q := range n.Nodes {
		if d := geo.DistanceHaversine(root, q); d < rd {
			rootNode, rd = i, d
		}
	}
	// Without streets, or where they do not reach the root's side, a site
	// links to its nearest nodes by a straight trench × Detour.
	reach := connected(g, rootNode)
	for si, s := range sites {
		if reach[site(si)] {
			continue
		}
		straight++
		for _, ni := range nearest(s.Location, p.SiteLinks) {
			l := geo.DistanceHaversine(s.Location, n.Nodes[ni]) * p.Detour
			trench(site(si), ni, orb.LineString{s.Location, n.Nodes[ni]}, l)
		}
	}
	g.Terminals = append(g.Terminals, rootNode)
	for si := range sites {
		g.Terminals = append(g.Terminals, site(si))
	}
	return g, info, straight
}

// connected marks the vertices of g connected to v.
func connected(g *steiner.Graph, v int) []bool {
	adj := make([][]int, g.N)
	for _, e := range g.Edges {
		adj[e.U] = append(adj[e.U], e.V)
		adj[e.V] = append(adj[e.V], e.U)
	}
	seen := make([]bool, g.N)
	seen[v] = true
	stack := []int{v}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, w := range adj[u] {
			if !seen[w] {
				seen[w] = true
				stack = append(stack, w)
			}
		}
	}
	return seen
}

// Plan routes fibre from root to the sites for one state of the ducts:
// free[i] is how many ducts of conduit i are free. allTrench is the cost of
// the same network trenching everything (AllTrench), or 0 to compute it.
func (n *Network) Plan(conduits []clairvoie.Conduit, free []int, sites []Site, root orb.Point, p Params, year int, allTrench float64) (Route, error) {
	r := Route{Year: year, Sites: len(sites)}
	g, info, straight := n.graph(free, sites, root, p)
	r.Straight = straight
	res, err := steiner.Solve(g, steiner.Options{Roots: 6, Perturbations: 6})
	if err != nil {
		return r, err
	}
	used := map[int]bool{}
	for _, e := range res.Edges {
		in := info[e]
		r.CostEUR += g.Edges[e].W
		if in.reuse {
			r.ReusedM += in.length
			r.Reused = append(r.Reused, in.line)
			used[n.pieces[in.piece].conduit] = true
		} else {
			r.TrenchM += in.length
			r.Trench = append(r.Trench, in.line)
		}
	}
	r.LowerBound, r.Gap = res.LowerBound, res.Gap
	// The same sites, trenching every conduit: what reuse saves.
	if allTrench == 0 {
		none := make([]int, len(conduits))
		all, err := n.Plan(conduits, none, sites, root, p, year, -1)
		if err != nil {
			return r, err
		}
		allTrench = all.CostEUR
	}
	r.AllTrenchEUR = math.Max(allTrench, 0)
	r.SavingEUR = math.Max(0, r.AllTrenchEUR-r.CostEUR)
	// Free ducts the fibre leaves: rented out, the city's share.
	for i, c := range conduits {
		if free[i] == 0 {
			continue
		}
		ducts := free[i]
		if used[i] {
			ducts-- // one duct carries the fibre
		}
		m := float64(ducts) * c.LengthM * c.CityShare
		r.FreeDuctM += float64(free[i]) * c.LengthM * c.CityShare
		r.RentEUR += m * p.RentPerMYr
	}
	return r, nil
}

// FreeDucts are the free ducts of each conduit once the cameras closed by
// then are gone: a conduit whose every camera is closed frees its used ducts.
func FreeDucts(conduits []clairvoie.Conduit, closed map[string]bool) []int {
	free := make([]int, len(conduits))
	for i, c := range conduits {
		free[i] = c.DuctsFree
		if len(c.Cameras) == 0 {
			continue
		}
		all := true
		for _, ref := range c.Cameras {
			all = all && closed[ref]
		}
		if all {
			free[i] += c.DuctsUsed
		}
	}
	return free
}
