// Package gamma draws from Gamma laws, for the synthetic data of the demo
// and the benchmarks (Marsaglia and Tsang's method, boosted for shapes
// below one).
package gamma

import (
	"math"
	"math/rand/v2"
)

// Unit draws from Gamma(shape, scale 1).
func Unit(r *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return Unit(r, shape+1) * math.Pow(r.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		if math.Log(r.Float64()) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}

// Mean1 draws from Gamma(shape, scale 1/shape), whose mean is 1.
func Mean1(r *rand.Rand, shape float64) float64 { return Unit(r, shape) / shape }
