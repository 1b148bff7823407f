package plan

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
)

type lcg uint64

func (l *lcg) f() float64 {
	*l = *l*6364136223846793005 + 1442695040888963407
	return float64(uint64(*l)>>11) / (1 << 53)
}

func randomItems(r *lcg, n int) []item {
	items := make([]item, n)
	for i := range items {
		u := 0.0
		if r.f() > 0.3 {
			u = r.f() * r.f() * 5
		}
		items[i] = item{idx: i, c: 10000 + 20000*r.f(), u: u}
	}
	return items
}

// brute force over every subset.
func bruteCover(items []item, T float64, K int) float64 {
	best := math.Inf(1)
	for mask := 0; mask < 1<<len(items); mask++ {
		c, u, n := 0.0, 0.0, 0
		for k := range items {
			if mask&(1<<k) != 0 {
				c, u, n = c+items[k].c, u+items[k].u, n+1
			}
		}
		if c >= T && n <= K && u < best {
			best = u
		}
	}
	return best
}

func brutePack(items []item, U float64, K int) float64 {
	best := 0.0
	for mask := 0; mask < 1<<len(items); mask++ {
		c, u, n := 0.0, 0.0, 0
		for k := range items {
			if mask&(1<<k) != 0 {
				c, u, n = c+items[k].c, u+items[k].u, n+1
			}
		}
		if u <= U && n <= K && c > best {
			best = c
		}
	}
	return best
}

func TestYearAgainstBruteForce(t *testing.T) {
	r := lcg(3)
	optimal, total := 0, 0
	ratioSum, ratioMin, packs := 0.0, 1.0, 0
	for trial := 0; trial < 200; trial++ {
		items := randomItems(&r, 14)
		K := 3 + trial%6
		T := 30000 + 40000*r.f()
		opt := bruteCover(items, T, K)
		if math.IsInf(opt, 1) {
			continue
		}
		ch, bound, err := solveCover(items, T, K, 2027, len(items))
		if err != nil {
			t.Fatalf("trial %d: %v (the target is reachable)", trial, err)
		}
		got := sumU(items, ch)
		c := 0.0
		for k, x := range ch {
			if x {
				c += items[k].c
			}
		}
		if c < T-1e-6 || count(ch) > K {
			t.Fatalf("trial %d: infeasible choice (saves %.0f of %.0f, %d of %d)", trial, c, T, count(ch), K)
		}
		if bound > opt+1e-9 {
			t.Fatalf("trial %d: bound %.4f above the optimum %.4f", trial, bound, opt)
		}
		if got < opt-1e-9 {
			t.Fatalf("trial %d: %.4f better than the optimum %.4f", trial, got, opt)
		}
		total++
		if got <= opt+1e-9 {
			optimal++
		}

		U := 2 + 5*r.f()
		popt := brutePack(items, U, K)
		pch, pbound := solvePack(items, U, K)
		pgot := 0.0
		pu := 0.0
		for k, x := range pch {
			if x {
				pgot += items[k].c
				pu += items[k].u
			}
		}
		if pu > U+1e-9 || count(pch) > K {
			t.Fatalf("trial %d: loss mode over the cap", trial)
		}
		if pbound < popt-1e-6 || pgot > popt+1e-6 {
			t.Fatalf("trial %d: loss mode bound %.1f, value %.1f, optimum %.1f", trial, pbound, pgot, popt)
		}
		if popt > 0 {
			ratio := pgot / popt
			ratioSum += ratio
			ratioMin = math.Min(ratioMin, ratio)
			packs++
		}
	}
	if float64(optimal) < 0.9*float64(total) {
		t.Errorf("savings mode optimal on %d of %d small instances, want 90 %%", optimal, total)
	}
	// Tiny instances are the hardest for a greedy method (one wrong item is a
	// large share); the 99.9 % target at 2,000 cameras is checked against CBC
	// by bench/plancbc.
	if mean := ratioSum / float64(packs); mean < 0.98 || ratioMin < 0.85 {
		t.Errorf("loss mode on 14 cameras: mean %.4f, worst %.4f of the optimum; want ≥ 0.98 and ≥ 0.85", mean, ratioMin)
	}
}

func cameras(n int) []Camera {
	r := lcg(11)
	out := make([]Camera, n)
	for i := range out {
		out[i] = Camera{ID: int64(i + 1), Saving: 12000 + 6000*r.f(), Usefulness: r.f() * r.f()}
	}
	return out
}

func TestMakeSavings(t *testing.T) {
	cams := cameras(500)
	cams[0].ContractEnd = clairvoie.NewDate(2029, 6, 30)
	cams[0].Usefulness = 0 // the most attractive, but under contract
	cams[0].BreakCost = 1000
	p, err := Make(cams, Options{StartYear: 2027, Years: 6, Mode: Savings, SavingsTarget: 300000, Capacity: 40, MediatorCost: 40600})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Years) != 6 {
		t.Fatalf("%d years", len(p.Years))
	}
	prevKept := 1.0
	for _, y := range p.Years {
		if y.Savings < 300000 || y.ClosedCount > 40 {
			t.Errorf("%d: saves %.0f with %d closures", y.Year, y.Savings, y.ClosedCount)
		}
		if y.UsefulnessKept > prevKept+1e-12 || y.Bound > y.Objective+1e-9 || y.Gap < 0 {
			t.Errorf("%d: kept %.4f, bound %.4f, objective %.4f", y.Year, y.UsefulnessKept, y.Bound, y.Objective)
		}
		prevKept = y.UsefulnessKept
		for _, id := range y.Closed {
			if id == 1 && y.Year < 2030 {
				t.Errorf("camera 1 closed in %d, before its contract ends (2029-06-30)", y.Year)
			}
		}
		if y.Posts != int(y.CumulativeSavings/40600) {
			t.Errorf("%d: %d posts for %.0f €", y.Year, y.Posts, y.CumulativeSavings)
		}
	}
	if want := (p.Objective - p.Bound) / p.Objective; math.Abs(p.Gap-want) > 1e-12 {
		t.Errorf("plan gap %.4f, want (objective − bound)/objective = %.4f", p.Gap, want)
	}
	// Compensating contracts lets camera 1 close at once, at a cost.
	pc, err := Make(cams, Options{StartYear: 2027, Years: 1, Mode: Savings, SavingsTarget: 300000, Capacity: 40, MediatorCost: 40600, Contracts: Compensate})
	if err != nil {
		t.Fatal(err)
	}
	if pc.Years[0].Compensation <= 0 || pc.Years[0].Closed[0] != 1 {
		t.Errorf("compensate: closed %v, compensation %.0f", pc.Years[0].Closed[:3], pc.Years[0].Compensation)
	}
}

func TestMakeLoss(t *testing.T) {
	p, err := Make(cameras(500), Options{StartYear: 2027, Years: 3, Mode: Loss, LossCap: 0.02, Capacity: 100, MediatorCost: 40600})
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range p.Years {
		if y.UsefulnessLost > 0.02*p.Initial+1e-9 || y.Bound < y.Objective-1e-6 {
			t.Errorf("%d: lost %.3f (cap %.3f), bound %.0f, saved %.0f", y.Year, y.UsefulnessLost, 0.02*p.Initial, y.Bound, y.Objective)
		}
	}
}

func TestImpossibleConstraintsAreNamed(t *testing.T) {
	for name, tc := range map[string]struct {
		o            Options
		want, wantFr string
	}{
		"target": {Options{StartYear: 2027, Mode: Savings, SavingsTarget: 1e9, Capacity: 10, MediatorCost: 1},
			"year 2027: the savings target cannot be met: closing the 10 cameras that save the most",
			"année 2027 : l'objectif d'économies ne peut être tenu : fermer les 10 caméras qui économisent le plus parmi les 500 qui peuvent fermer cette année économise"},
		"capacity": {Options{StartYear: 2027, Mode: Savings, SavingsTarget: 1, Capacity: 0, MediatorCost: 1}, "yearly capacity", "la capacité annuelle"},
		"cap":      {Options{StartYear: 2027, Mode: Loss, LossCap: 2, Capacity: 1, MediatorCost: 1}, "usefulness cap", "le plafond de perte"},
		"later":    {Options{StartYear: 2027, Years: 6, Mode: Savings, SavingsTarget: 1500000, Capacity: 100, MediatorCost: 1}, "year 2031", "année 2031"},
	} {
		_, err := Make(cameras(500), tc.o)
		var ce *ConstraintError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want a ConstraintError containing %q", name, err, tc.want)
			continue
		}
		if !strings.Contains(ce.French(), tc.wantFr) || strings.Contains(ce.French(), "%!") {
			t.Errorf("%s: in French %q, want %q", name, ce.French(), tc.wantFr)
		}
	}

}
