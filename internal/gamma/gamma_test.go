package gamma_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clairvoie/clairvoie/internal/gamma"
)

func TestMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, shape := range []float64{0.6, 1, 2.5} {
		const n = 200000
		var s, s2 float64
		for i := 0; i < n; i++ {
			x := gamma.Mean1(r, shape)
			s += x
			s2 += x * x
		}
		mean, variance := s/n, s2/n-(s/n)*(s/n)
		if math.Abs(mean-1) > 0.02 || math.Abs(variance-1/shape) > 0.05/shape {
			t.Errorf("shape %g: mean %.3f (want 1), variance %.3f (want %.3f)", shape, mean, variance, 1/shape)
		}
	}
}
