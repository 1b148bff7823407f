package fibre_test

import (
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/fibre"
	"github.com/clairvoie/clairvoie/internal/splitmix"
	"github.com/paulmach/orb"
)

// cityGrid is a synthetic town of size×size blocks of 100 m: a street
// every 100 m each way (every crossing a shared vertex, as in
// OpenStreetMap), conduits under every fourth street (some with a free
// duct), and sites at random inside blocks.
func cityGrid(size, sites int) ([]clairvoie.Conduit, []orb.LineString, []fibre.Site) {
	var streets []orb.LineString
	for i := 0; i <= size; i++ {
		var row, col orb.LineString
		for j := 0; j <= size; j++ {
			row = append(row, pt(float64(j), float64(i)))
			col = append(col, pt(float64(i), float64(j)))
		}
		streets = append(streets, row, col)
	}
	var cs []clairvoie.Conduit
	for i := 0; i <= size; i += 4 {
		for j := 0; j < size; j++ {
			cs = append(cs, clairvoie.Conduit{Ref: "h", Line: orb.LineString{pt(float64(j), float64(i)), pt(float64(j+1), float64(i))}, LengthM: 100, CityShare: 1, DuctsFree: (i + j) % 2})
		}
	}
	for j := 0; j < size; j++ {
		cs = append(cs, clairvoie.Conduit{Ref: "v", Line: orb.LineString{pt(0, float64(j)), pt(0, float64(j+1))}, LengthM: 100, CityShare: 1, DuctsFree: 1})
	}
	rng := &splitmix.Rand{S: 42}
	var ss []fibre.Site
	for k := 0; k < sites; k++ {
		ss = append(ss, fibre.Site{Name: "site", Location: pt(float64(size)*rng.Float(), float64(size)*rng.Float())})
	}
	return cs, streets, ss
}

// BenchmarkPlanStreets routes 35 sites in a 60 × 60-block town (3,721
// street nodes), trenching along its streets, against the same without
// the street graph (straight trenches × detour).
func BenchmarkPlanStreets(b *testing.B) {
	cs, streets, sites := cityGrid(60, 35)
	p := fibre.DefaultParams
	free := make([]int, len(cs))
	for i, c := range cs {
		free[i] = c.DuctsFree
	}
	for _, withStreets := range []bool{false, true} {
		name := "straight"
		if withStreets {
			name = "streets"
		}
		b.Run(name, func(b *testing.B) {
			var r fibre.Route
			for b.Loop() {
				n := fibre.Build(cs, p)
				if withStreets {
					n.AddStreets(streets, p)
				}
				var err error
				if r, err = n.Plan(cs, free, sites, pt(0, 0), p, 2027, -1); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(r.CostEUR, "€")
			b.ReportMetric(100*r.Gap, "gap%")
			b.ReportMetric(r.TrenchM, "trench_m")
		})
	}
}
