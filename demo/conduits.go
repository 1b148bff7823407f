package demo

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
)

// CSU is the supervision centre (centre de supervision urbain) at the
// Belle de Mai, where the synthetic conduits lead.
var CSU = orb.Point{5.3855, 43.3116}

// SyntheticConduits draws the demo's conduit network, labelled synthetic:
// the minimum spanning tree of the installed cameras and the supervision
// centre (a straight duct between each camera and the one upstream); each
// conduit serves the cameras downstream of it. Every duct line has one used
// duct, a quarter a spare one; the city owns half of each (the letter: the
// conduits are half owned by the city).
func SyntheticConduits(cams []clairvoie.Camera) []clairvoie.Conduit {
	var pts []orb.Point
	var refs []string
	for _, c := range cams {
		if c.Status == clairvoie.StatusActive || c.Status == clairvoie.StatusOutOfService {
			pts = append(pts, c.Location)
			refs = append(refs, c.SourceRef)
		}
	}
	n := len(pts) + 1 // node 0 is the centre
	at := func(i int) orb.Point {
		if i == 0 {
			return CSU
		}
		return pts[i-1]
	}
	// Prim from the centre.
	parent := make([]int, n)
	best := make([]float64, n)
	done := make([]bool, n)
	for i := range best {
		best[i] = 1e18
		parent[i] = -1
	}
	best[0] = 0
	order := make([]int, 0, n)
	for k := 0; k < n; k++ {
		u := -1
		for i := 0; i < n; i++ {
			if !done[i] && (u < 0 || best[i] < best[u]) {
				u = i
			}
		}
		done[u] = true
		order = append(order, u)
		for v := 0; v < n; v++ {
			if !done[v] {
				if d := geo.DistanceHaversine(at(u), at(v)); d < best[v] {
					best[v], parent[v] = d, u
				}
			}
		}
	}
	// Cameras downstream of each node, children before parents.
	down := make([][]string, n)
	for k := len(order) - 1; k > 0; k-- {
		v := order[k]
		down[v] = append(down[v], refs[v-1])
		down[parent[v]] = append(down[parent[v]], down[v]...)
	}
	r := rand.New(rand.NewPCG(Seed, 0x66696272))
	var out []clairvoie.Conduit
	for v := 1; v < n; v++ {
		line := orb.LineString{at(parent[v]), at(v)}
		free := 0
		if r.Float64() < 0.25 {
			free = 1
		}
		out = append(out, clairvoie.Conduit{Ref: "F-" + refs[v-1], Line: line, LengthM: geo.LengthHaversine(line),
			CityShare: 0.5, DuctsUsed: 1, DuctsFree: free, Cameras: down[v], Synthetic: true})
	}
	return out
}

// writeSites writes DIR/sites.geojson: Marseille's libraries (real,
// OpenStreetMap, ODbL) to connect, and the supervision centre as the root.
func writeSites(dir string) error {
	b, err := Data.ReadFile("data/facilities/libraries_marseille.geojson")
	if err != nil {
		return err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return err
	}
	out := geojson.NewFeatureCollection()
	root := geojson.NewFeature(CSU)
	root.Properties = geojson.Properties{"name": "Centre de supervision urbain (position approximative)", "role": "root"}
	out.Append(root)
	for _, f := range fc.Features {
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			continue
		}
		g := geojson.NewFeature(p)
		g.Properties = geojson.Properties{"name": f.Properties.MustString("name", "bibliothèque"), "source": "© OpenStreetMap contributors (ODbL)"}
		out.Append(g)
	}
	j, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "sites.geojson"), j, 0o644)
}
