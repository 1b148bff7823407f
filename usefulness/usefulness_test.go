package usefulness_test

import (
	"math"
	"testing"

	"github.com/clairvoie/clairvoie/usefulness"
)

func TestShrinkageAndIntervals(t *testing.T) {
	var counts []usefulness.Counts
	// 200 cameras observed 5 years, at 0, 1, 2, 3 or 4 decisive contributions a year.
	for i := 0; i < 200; i++ {
		counts = append(counts, usefulness.Counts{CameraID: int64(i + 1), Months: 60, Decisive: 5 * (i % 5), Interventions: 15})
	}
	// A camera seen one month with one decisive contribution; one never seen.
	counts = append(counts, usefulness.Counts{CameraID: 1001, Months: 1, Decisive: 1}, usefulness.Counts{CameraID: 1002})
	est, pd, _ := usefulness.Fit(counts, usefulness.Options{})
	byID := map[int64]usefulness.Estimate{}
	for _, e := range est {
		byID[e.CameraID] = e
	}
	if m := pd.Mean(); math.Abs(m-2) > 0.1 {
		t.Errorf("prior mean %.3f, want about 2 a year", m)
	}
	raw := 12.0 // one in one month
	one := byID[1001]
	if one.Decisive.Mean >= raw/3 {
		t.Errorf("one month with one event: posterior mean %.2f a year, want it drawn well below the raw 12/year", one.Decisive.Mean)
	}
	long := byID[5] // 20 events in 5 years: 4 a year
	if math.Abs(long.Decisive.Mean-4) > 0.5 {
		t.Errorf("five years of data: posterior mean %.2f, want about 4", long.Decisive.Mean)
	}
	if w1, w5 := one.Decisive.High-one.Decisive.Low, long.Decisive.High-long.Decisive.Low; w1 <= w5 {
		t.Errorf("interval widths: one month %.2f, five years %.2f; want the short one wider", w1, w5)
	}
	never := byID[1002]
	if math.Abs(never.Decisive.Mean-pd.Mean()) > 1e-9 || !(never.Decisive.Low < never.Decisive.Mean && never.Decisive.Mean < never.Decisive.High) {
		t.Errorf("a camera never observed gets the prior: %+v, prior mean %.3f", never.Decisive, pd.Mean())
	}
	if s := long.Score; math.Abs(s-(long.Decisive.Mean+0.1*long.Interventions.Mean)) > 1e-9 {
		t.Errorf("score %.3f is not decisive + 0.1 × interventions", s)
	}
}

// Intervals cover the true rate about as often as they claim.
func TestCoverage(t *testing.T) {
	// Rates known, counts drawn deterministically at their expectation's floor/ceil pattern would bias;
	// use a simple LCG to draw Poisson counts.
	seed := uint64(7)
	next := func() float64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return float64(seed>>11) / (1 << 53)
	}
	poisson := func(mean float64) int {
		l, k, p := math.Exp(-mean), 0, 1.0
		for {
			p *= next()
			if p <= l {
				return k
			}
			k++
		}
	}
	var counts []usefulness.Counts
	truth := map[int64]float64{}
	for i := 0; i < 2000; i++ {
		rate := 0.2 + 1.5*next() // a year
		months := 6 + int(next()*60)
		id := int64(i + 1)
		truth[id] = rate
		counts = append(counts, usefulness.Counts{CameraID: id, Months: months, Decisive: poisson(rate * float64(months) / 12)})
	}
	est, _, _ := usefulness.Fit(counts, usefulness.Options{Level: 0.9})
	in := 0
	for _, e := range est {
		if truth[e.CameraID] >= e.Decisive.Low && truth[e.CameraID] <= e.Decisive.High {
			in++
		}
	}
	if cov := float64(in) / float64(len(est)); cov < 0.85 || cov > 0.95 {
		t.Errorf("90 %% intervals cover the true rate %.1f %% of the time", 100*cov)
	}
}
