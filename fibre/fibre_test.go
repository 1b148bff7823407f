package fibre_test

import (
	"math"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/fibre"
	"github.com/paulmach/orb"
)

// About 100 m per 0.0009° of latitude.
func pt(x, y float64) orb.Point { return orb.Point{5.37 + x*0.00124, 43.29 + y*0.0009} }

func network() []clairvoie.Conduit {
	return []clairvoie.Conduit{
		{Ref: "A", Line: orb.LineString{pt(0, 0), pt(10, 0)}, LengthM: 1000, CityShare: 0.5, DuctsUsed: 1, Cameras: []string{"c1"}},
		{Ref: "B", Line: orb.LineString{pt(10, 0), pt(20, 0)}, LengthM: 1000, CityShare: 0.5, DuctsUsed: 1, DuctsFree: 1, Cameras: []string{"c2"}},
		// C ends in the middle of A: A is split there.
		{Ref: "C", Line: orb.LineString{pt(5, 10), pt(5, 0)}, LengthM: 1000, CityShare: 1, DuctsUsed: 1, Cameras: []string{"c3"}},
		// D stands alone: a second component.
		{Ref: "D", Line: orb.LineString{pt(40, 0), pt(50, 0)}, LengthM: 1000, CityShare: 1, DuctsUsed: 1},
	}
}

func TestBuild(t *testing.T) {
	n := fibre.Build(network(), fibre.DefaultParams)
	if n.Components != 2 || len(n.Gaps) != 1 || math.Abs(n.Gaps[0].M-2000) > 30 {
		t.Errorf("components %d, gaps %+v; want 2 and a 2 km gap", n.Components, n.Gaps)
	}
	if len(n.Nodes) != 7 {
		t.Errorf("%d nodes, want 7 (6 endpoints, one of them splitting A, plus D's two)", len(n.Nodes))
	}
}

func TestPlanReusesFreedDucts(t *testing.T) {
	cs := network()
	p := fibre.DefaultParams
	n := fibre.Build(cs, p)
	sites := []fibre.Site{{Name: "library", Location: pt(20, 1)}, {Name: "school", Location: pt(5, 11)}}
	root := pt(0, 0)
	// Nothing closed: only B has a free duct.
	before, err := n.Plan(cs, fibre.FreeDucts(cs, map[string]bool{}), sites, root, p, 2027, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Cameras c1 and c3 closed: A and C free up too.
	after, err := n.Plan(cs, fibre.FreeDucts(cs, map[string]bool{"c1": true, "c3": true}), sites, root, p, 2029, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !(after.CostEUR < before.CostEUR) || after.ReusedM <= before.ReusedM {
		t.Errorf("freed ducts must make fibre cheaper: before %.0f € (%.0f m reused), after %.0f € (%.0f m)", before.CostEUR, before.ReusedM, after.CostEUR, after.ReusedM)
	}
	if after.ReusedM < 2500 || after.SavingEUR <= 0 || after.AllTrenchEUR <= after.CostEUR {
		t.Errorf("after: %+v", after)
	}
	if after.LowerBound > after.CostEUR+1e-6 {
		t.Errorf("bound %.0f above the cost %.0f", after.LowerBound, after.CostEUR)
	}
	// D's duct is not free (no camera, none free); B's spare duct carries the fibre.
	if before.RentEUR != 0 {
		t.Errorf("the only free duct (B) carries the fibre: nothing left to rent, got %.0f €", before.RentEUR)
	}
}

func TestFreeDucts(t *testing.T) {
	cs := network()
	got := fibre.FreeDucts(cs, map[string]bool{"c2": true})
	if got[0] != 0 || got[1] != 2 || got[2] != 0 || got[3] != 0 {
		t.Errorf("free ducts %v, want [0 2 0 0]", got)
	}
}

func TestPhase(t *testing.T) {
	cs := network()
	p := fibre.DefaultParams
	n := fibre.Build(cs, p)
	sites := []fibre.Site{{Name: "library", Location: pt(20, 1)}, {Name: "school", Location: pt(5, 11)}}
	root := pt(0, 0)
	free := fibre.FreeDucts(cs, map[string]bool{})
	both, err := n.Plan(cs, free, sites, root, p, 2027, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The library (through B's spare duct) costs about 133 k€, the school
	// about 163 k€ alone but 113 k€ once A's first half is built.
	stages := n.Phase([][]int{free, free}, []int{2027, 2028}, sites, root, p, 140000)
	if len(stages) != 2 || len(stages[0].Connected) != 1 || stages[0].Connected[0] != "library" ||
		len(stages[1].Connected) != 1 || stages[1].Connected[0] != "school" || stages[1].Total != 2 {
		t.Fatalf("stages %+v", stages)
	}
	spent := stages[0].SpentEUR + stages[1].SpentEUR
	if spent < both.CostEUR-1e-6 || math.Abs(stages[1].CarryEUR-(280000-spent)) > 1e-6 {
		t.Errorf("spent %.0f € (the Steiner tree for both costs %.0f €), carry %.0f €", spent, both.CostEUR, stages[1].CarryEUR)
	}
	if spent > 1.2*both.CostEUR {
		t.Errorf("phasing spent %.0f €, far above the tree's %.0f €", spent, both.CostEUR)
	}
	// Too small a budget connects nothing and carries it over.
	small := n.Phase([][]int{free, free}, []int{2027, 2028}, sites, root, p, 1000)
	if small[1].Total != 0 || small[1].CarryEUR != 2000 {
		t.Errorf("small budget: %+v", small)
	}
}

// With a street graph, new trench follows the streets: here round a block
// rather than straight through it; a site the streets do not reach falls
// back to a straight link and is counted.
func TestPlanAlongStreets(t *testing.T) {
	cs := []clairvoie.Conduit{{Ref: "A", Line: orb.LineString{pt(0, 0), pt(10, 0)}, LengthM: 1000, CityShare: 1, DuctsFree: 1}}
	p := fibre.DefaultParams
	streets := []orb.LineString{
		{pt(10, 0), pt(14, 0), pt(14, 5), pt(10.3, 5)}, // round the block
		{pt(30, 30), pt(31, 30)},                       // a fragment reaching nothing
	}
	sites := []fibre.Site{{Name: "library", Location: pt(10, 5)}, {Name: "school", Location: pt(30, 31)}}
	straight := fibre.Build(cs, p)
	before, err := straight.Plan(cs, []int{1}, sites[:1], pt(0, 0), p, 2027, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := fibre.Build(cs, p)
	stats := n.AddStreets(streets, p)
	if stats.Nodes != 6 || stats.Segments != 4 || stats.LinkedDuct != 1 {
		t.Errorf("street graph %+v, want 6 nodes, 4 segments, A's end linked", stats)
	}
	r, err := n.Plan(cs, []int{1}, sites, pt(0, 0), p, 2027, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Library: 400 + 500 + 370 m of street and a 30 m × 1.3 drop; school:
	// no street path, a straight trench × 1.3 to the nearest duct node.
	lib := (400 + 500 + 370) + 30*1.3
	school := math.Hypot(2000, 3100) * 1.3
	if math.Abs(r.TrenchM-(lib+school)) > 0.02*(lib+school) || r.Straight != 1 {
		t.Errorf("trench %.0f m (want about %.0f), %d straight (want 1)", r.TrenchM, lib+school, r.Straight)
	}
	if before.Straight != 1 || before.TrenchM > 700 {
		t.Errorf("without streets: %.0f m of trench, %d straight; want the 650 m straight link", before.TrenchM, before.Straight)
	}
	// Every trench vertex is a street vertex, a site or a duct node.
	known := map[orb.Point]bool{sites[0].Location: true, sites[1].Location: true, pt(0, 0): true, pt(10, 0): true}
	for _, l := range streets {
		for _, q := range l {
			known[q] = true
		}
	}
	for _, l := range r.Trench {
		for _, q := range l {
			if !known[q] {
				t.Errorf("trench vertex %v is off the streets", q)
			}
		}
	}
	if r.Gap > 1e-9 {
		t.Errorf("gap %.4f on a tree this small", r.Gap)
	}
}
