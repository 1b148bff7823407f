package demo

import (
	"math/rand/v2"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/draw"
	"github.com/clairvoie/clairvoie/internal/gamma"
)

// The synthetic usage ledger of the demo's Marseille, month by month, per
// camera — aggregated counts only, labelled synthetic. Calibrated on the
// public figures of docs/mission.md and, where none exists, on stated
// assumptions (docs/demo.md):
//
//   - judicial requisitions: 1,084 in 2014 [C], about 350 a month in 2022 [C/S]
//     (linear in between, flat after, ramping up in 2012–2013);
//   - extractions delivered: 65 % of requisitions (footage kept ten days is
//     often gone when the requisition arrives) [assumption];
//   - decisive extractions: 10 % of those delivered on average — between the
//     1.13 % of all investigations (Gormand 2021) and the 29 % of cases where
//     footage exists (Ashby 2017) [assumption within the published range];
//   - live interventions: 3 a year per camera on average [assumption];
//   - vandalism: 70 events in 2023 and 45 in 2024 [S], 30 a year otherwise;
//   - cameras differ widely: each draws its own rate from a Gamma law of
//     shape 0.6, so that a few are used often and many almost never, as the
//     2020 audit and the mayor's "100 useless cameras" suggest [S].

// requisitionsPerYear is the city's total, by year.
func requisitionsPerYear(y int) float64 {
	switch {
	case y <= 2012:
		return 300
	case y == 2013:
		return 700
	case y <= 2022:
		return 1084 + float64(y-2014)*(4200-1084)/8
	}
	return 4200
}

func vandalismPerYear(y int) float64 {
	switch y {
	case 2023:
		return 70
	case 2024:
		return 45
	}
	return 30
}

// SyntheticUsage generates the ledger of cams (as returned by
// SyntheticMarseille, with their ids set), up to AsOf's month.
func SyntheticUsage(cams []clairvoie.Camera) []clairvoie.UsageMonth {
	r := rand.New(rand.NewPCG(Seed, 0x7573616765))
	weight := make([]float64, len(cams))
	for i := range cams {
		weight[i] = gamma.Mean1(r, 0.6)
	}
	last := AsOf.Time().AddDate(0, -1, 0)
	// Per year, the total weight of the cameras in service, to share the city's totals.
	type yearTotal struct{ weight float64 }
	totals := map[int]*yearTotal{}
	inService := func(c *clairvoie.Camera, t clairvoie.Date) bool {
		return !c.CommissionedOn.IsZero() && !c.CommissionedOn.After(t) && (c.RemovedOn.IsZero() || c.RemovedOn.After(t))
	}
	for i := range cams {
		c := &cams[i]
		if c.CommissionedOn.IsZero() {
			continue
		}
		for t := c.CommissionedOn.Time(); !t.After(last); t = t.AddDate(0, 1, 0) {
			if !inService(c, clairvoie.DateOf(t)) {
				break
			}
			y := t.Year()
			if totals[y] == nil {
				totals[y] = &yearTotal{}
			}
			totals[y].weight += weight[i] / 12
		}
	}
	var out []clairvoie.UsageMonth
	for i := range cams {
		c := &cams[i]
		if c.CommissionedOn.IsZero() {
			continue
		}
		start := c.CommissionedOn.Time()
		start = start.AddDate(0, 0, 1-start.Day())
		for t := start; !t.After(last); t = t.AddDate(0, 1, 0) {
			if !inService(c, clairvoie.DateOf(t.AddDate(0, 1, -1))) && !inService(c, clairvoie.DateOf(t)) {
				break
			}
			y := t.Year()
			share := weight[i] / 12 / totals[y].weight
			u := clairvoie.UsageMonth{CameraID: c.ID, Month: clairvoie.Month(t.Format("2006-01")), Synthetic: true}
			u.Requisitions = draw.Poisson(r, requisitionsPerYear(y)*share)
			u.Extractions = draw.Binomial(r, u.Requisitions, 0.65)
			u.Decisive = draw.Binomial(r, u.Extractions, 0.10)
			u.Interventions = draw.Poisson(r, 3.0/12*weight[i]) // mean 3 a year, same heterogeneity
			u.Vandalism = draw.Poisson(r, vandalismPerYear(y)*share)
			if r.Float64() < 0.02 {
				u.DowntimeHours = float64(24 + r.IntN(176))
			}
			if c.Status == clairvoie.StatusOutOfService && !c.OutOfServiceOn.IsZero() && !t.Before(c.OutOfServiceOn.Time()) {
				u.DowntimeHours = 720
				u.Requisitions, u.Extractions, u.Decisive, u.Interventions = 0, 0, 0, 0
			}
			out = append(out, u)
		}
	}
	return out
}
