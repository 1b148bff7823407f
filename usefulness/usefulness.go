// Package usefulness estimates what each camera brings, per year and per
// euro, with its uncertainty: decisive contributions to procedures and live
// interventions, from the monthly counts of the usage ledger.
//
// A camera observed for a few months, or that rarely matters, says little
// on its own. Each rate gets a Gamma–Poisson posterior: the prior is fitted
// to the whole installation (empirical Bayes, method of moments), so that a
// camera with little data is drawn towards the city's average and gets a
// wide interval, and one with years of data stands on its own. Pure: counts
// in, estimates out.
package usefulness

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Counts are one camera's totals over its observed months.
type Counts struct {
	CameraID      int64
	Months        int // months observed (in service, in the ledger)
	Decisive      int
	Interventions int
	Requisitions  int
	Extractions   int
}

// Interval is a posterior mean and a credible interval, per year.
type Interval struct {
	Mean float64 `json:"mean"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Prior is a Gamma(Alpha, Beta) law of yearly rates (Beta in years).
type Prior struct {
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta"`
}

// Mean of the prior.
func (p Prior) Mean() float64 { return p.Alpha / p.Beta }

// Estimate is what one camera brings.
type Estimate struct {
	CameraID      int64    `json:"camera_id"`
	Months        int      `json:"months"`
	Decisive      Interval `json:"decisive_per_year"`
	Interventions Interval `json:"interventions_per_year"`
	// Score is the yearly usefulness the plan weighs: decisive
	// contributions plus InterventionWeight × live interventions.
	Score float64 `json:"score"`
}

// Options tune the estimates.
type Options struct {
	Level              float64 // credible level of the intervals, default 0.9
	InterventionWeight float64 // a live intervention's weight against a decisive contribution, default DefaultInterventionWeight
}

// DefaultInterventionWeight counts ten live interventions as much as one
// decisive contribution to a procedure: a stated judgement, to be set by
// the city (plan --intervention-weight).
const DefaultInterventionWeight = 0.1

// Fit returns each camera's estimate and the two priors (decisive,
// interventions) fitted to all of them.
func Fit(counts []Counts, opts Options) ([]Estimate, Prior, Prior) {
	if opts.Level == 0 {
		opts.Level = 0.9
	}
	if opts.InterventionWeight == 0 {
		opts.InterventionWeight = DefaultInterventionWeight
	}
	pd := fitPrior(counts, func(c Counts) int { return c.Decisive })
	pi := fitPrior(counts, func(c Counts) int { return c.Interventions })
	out := make([]Estimate, len(counts))
	for i, c := range counts {
		years := float64(c.Months) / 12
		e := Estimate{CameraID: c.CameraID, Months: c.Months,
			Decisive:      posterior(pd, c.Decisive, years, opts.Level),
			Interventions: posterior(pi, c.Interventions, years, opts.Level)}
		e.Score = e.Decisive.Mean + opts.InterventionWeight*e.Interventions.Mean
		out[i] = e
	}
	sort.Slice(out, func(a, b int) bool { return out[a].CameraID < out[b].CameraID })
	return out, pd, pi
}

// fitPrior fits Gamma(α, β) to the cameras' yearly rates by the method of
// moments, removing the Poisson noise from the observed variance.
func fitPrior(counts []Counts, k func(Counts) int) Prior {
	var sumK, sumT float64
	n := 0
	for _, c := range counts {
		if c.Months == 0 {
			continue
		}
		sumK += float64(k(c))
		sumT += float64(c.Months) / 12
		n++
	}
	if n == 0 || sumT == 0 {
		return Prior{Alpha: 0.5, Beta: 0.5} // nothing observed: vague
	}
	m := sumK / sumT
	if m == 0 {
		return Prior{Alpha: 0.5, Beta: 0.5 / 1e-3} // never observed: rates near zero, still uncertain
	}
	var v, noise float64
	for _, c := range counts {
		if c.Months == 0 {
			continue
		}
		t := float64(c.Months) / 12
		r := float64(k(c)) / t
		v += t * (r - m) * (r - m)
		noise += m // E[t·(Poisson noise of r)²] = m for each camera
	}
	v = (v - noise) / sumT
	if v <= m*m/1e4 {
		v = m * m / 1e4 // rates hardly differ: a tight prior
	}
	alpha := m * m / v
	alpha = math.Min(math.Max(alpha, 0.05), 1e4)
	return Prior{Alpha: alpha, Beta: alpha / m}
}

func posterior(p Prior, k int, years, level float64) Interval {
	g := distuv.Gamma{Alpha: p.Alpha + float64(k), Beta: p.Beta + years}
	tail := (1 - level) / 2
	return Interval{Mean: g.Mean(), Low: g.Quantile(tail), High: g.Quantile(1 - tail)}
}
