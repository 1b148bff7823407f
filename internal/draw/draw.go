// Package draw draws the counts of synthetic data — Poisson and binomial —
// for the demo and the benchmarks (Gamma laws are in internal/gamma).
package draw

import (
	"math"
	"math/rand/v2"
)

// Poisson draws a Poisson count of the given mean: Knuth's product of
// uniforms, a normal approximation above a mean of 30.
func Poisson(r *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// Binomial draws the successes of n trials of probability p.
func Binomial(r *rand.Rand, n int, p float64) int {
	k := 0
	for i := 0; i < n; i++ {
		if r.Float64() < p {
			k++
		}
	}
	return k
}
