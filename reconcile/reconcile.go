// Package reconcile matches two lists of cameras — typically the city's
// official list and what citizens mapped in OpenStreetMap — by distance:
// one-to-one, nearest pairs first, within a radius (default 25 m). It
// reports the matched pairs with the attributes on which they differ, and
// the cameras found only in one list.
//
// Greedy nearest-first matching is the usual rule for this task (it is what
// conflation tools do); it is not a globally optimal assignment, and the
// report says how far apart the matched pairs are.
package reconcile

import (
	"math"
	"sort"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// DefaultWithin is the default matching radius in metres.
const DefaultWithin = 25.0

// Options tune a reconciliation.
type Options struct {
	Within float64 // metres; 0 takes DefaultWithin
	// Ignore lists keys left out of the attribute comparison. Provenance,
	// places and synthetic flags always are.
	Ignore []string
}

// Ref identifies a camera in a report.
type Ref struct {
	ID        int64     `json:"id"`
	SourceRef string    `json:"source_ref"`
	Location  orb.Point `json:"location"` // [lon, lat]
}

// Difference is an attribute both cameras of a pair state differently.
type Difference struct {
	Key string `json:"key"`
	A   string `json:"a"`
	B   string `json:"b"`
}

// Pair is a matched pair.
type Pair struct {
	A           Ref          `json:"a"`
	B           Ref          `json:"b"`
	Distance    float64      `json:"distance_m"`
	Differences []Difference `json:"differences"`
}

// Result is a reconciliation report.
type Result struct {
	Within   float64        `json:"within_m"`
	Matched  int            `json:"matched"`
	OnlyA    int            `json:"only_a"`
	OnlyB    int            `json:"only_b"`
	Pairs    []Pair         `json:"pairs"`
	OnlyInA  []Ref          `json:"only_in_a"`
	OnlyInB  []Ref          `json:"only_in_b"`
	Distance Quantiles      `json:"distance_m_quantiles"`
	Differ   int            `json:"pairs_with_differences"`
	ByKey    map[string]int `json:"differences_by_key"`
}

// Quantiles of the matched distances, in metres.
type Quantiles struct {
	Median float64 `json:"median"`
	P90    float64 `json:"p90"`
	Max    float64 `json:"max"`
}

var alwaysIgnored = map[string]bool{
	clairvoie.KeyPlace: true, clairvoie.KeySynthetic: true, clairvoie.KeyCommune: true,
	clairvoie.KeyArrondissement: true, clairvoie.KeyQuartier: true, clairvoie.KeyPostcode: true,
}

type candidate struct {
	i, j int
	d    float64
}

// Match reconciles a with b.
func Match(a, b []*clairvoie.Camera, opts Options) Result {
	within := opts.Within
	if within <= 0 {
		within = DefaultWithin
	}
	ignore := map[string]bool{}
	for k := range alwaysIgnored {
		ignore[k] = true
	}
	for _, k := range opts.Ignore {
		ignore[k] = true
	}

	// A grid of cells `within` metres wide on an equirectangular projection:
	// every pair closer than `within` lies in neighbouring cells.
	lat0 := 0.0
	for _, c := range a {
		lat0 += c.Location.Lat()
	}
	for _, c := range b {
		lat0 += c.Location.Lat()
	}
	if n := len(a) + len(b); n > 0 {
		lat0 /= float64(n)
	}
	const mPerDeg = 111_320.0
	cellLat := within / mPerDeg
	cellLon := within / (mPerDeg * math.Max(math.Cos(lat0*math.Pi/180), 0.01))
	type cell struct{ x, y int64 }
	key := func(p orb.Point) cell {
		return cell{int64(math.Floor(p.Lon() / cellLon)), int64(math.Floor(p.Lat() / cellLat))}
	}
	grid := map[cell][]int{}
	for j, c := range b {
		k := key(c.Location)
		grid[k] = append(grid[k], j)
	}
	var cands []candidate
	for i, c := range a {
		k := key(c.Location)
		for dx := int64(-1); dx <= 1; dx++ {
			for dy := int64(-1); dy <= 1; dy++ {
				for _, j := range grid[cell{k.x + dx, k.y + dy}] {
					if d := geo.DistanceHaversine(c.Location, b[j].Location); d <= within {
						cands = append(cands, candidate{i, j, d})
					}
				}
			}
		}
	}
	sort.Slice(cands, func(x, y int) bool {
		if cands[x].d != cands[y].d {
			return cands[x].d < cands[y].d
		}
		if a[cands[x].i].ID != a[cands[y].i].ID {
			return a[cands[x].i].ID < a[cands[y].i].ID
		}
		return b[cands[x].j].ID < b[cands[y].j].ID
	})
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	res := Result{Within: within, Pairs: []Pair{}, OnlyInA: []Ref{}, OnlyInB: []Ref{}, ByKey: map[string]int{}}
	var dists []float64
	for _, c := range cands {
		if usedA[c.i] || usedB[c.j] {
			continue
		}
		usedA[c.i], usedB[c.j] = true, true
		p := Pair{A: ref(a[c.i]), B: ref(b[c.j]), Distance: math.Round(c.d*100) / 100, Differences: differences(a[c.i], b[c.j], ignore)}
		if len(p.Differences) > 0 {
			res.Differ++
		}
		for _, d := range p.Differences {
			res.ByKey[d.Key]++
		}
		res.Pairs = append(res.Pairs, p)
		dists = append(dists, c.d)
	}
	sort.Slice(res.Pairs, func(x, y int) bool { return res.Pairs[x].A.ID < res.Pairs[y].A.ID })
	for i, c := range a {
		if !usedA[i] {
			res.OnlyInA = append(res.OnlyInA, ref(c))
		}
	}
	for j, c := range b {
		if !usedB[j] {
			res.OnlyInB = append(res.OnlyInB, ref(c))
		}
	}
	res.Matched, res.OnlyA, res.OnlyB = len(res.Pairs), len(res.OnlyInA), len(res.OnlyInB)
	sort.Float64s(dists)
	res.Distance = Quantiles{Median: quantile(dists, 0.5), P90: quantile(dists, 0.9), Max: quantile(dists, 1)}
	return res
}

func ref(c *clairvoie.Camera) Ref { return Ref{ID: c.ID, SourceRef: c.SourceRef, Location: c.Location} }

// differences lists the keys both cameras state with different values.
func differences(a, b *clairvoie.Camera, ignore map[string]bool) []Difference {
	ta, tb := a.Tags(), b.Tags()
	var out []Difference
	for k, va := range ta {
		if ignore[k] {
			continue
		}
		if vb, ok := tb[k]; ok && vb != va {
			out = append(out, Difference{Key: k, A: va, B: vb})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// quantile of sorted values (nearest rank), rounded to the centimetre.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	if i < 0 {
		i = 0
	}
	return math.Round(sorted[i]*100) / 100
}
