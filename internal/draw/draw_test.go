package draw_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clairvoie/clairvoie/internal/draw"
)

// The draws have the means and variances of their laws.
func TestMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	const n = 200000
	for _, mean := range []float64{0.3, 4, 50} {
		var s, s2 float64
		for i := 0; i < n; i++ {
			x := float64(draw.Poisson(r, mean))
			s += x
			s2 += x * x
		}
		m, v := s/n, s2/n-(s/n)*(s/n)
		if math.Abs(m-mean) > 4*math.Sqrt(mean/n) || math.Abs(v-mean)/mean > 0.05 {
			t.Errorf("Poisson(%g): mean %.4f, variance %.4f", mean, m, v)
		}
	}
	var s float64
	for i := 0; i < n; i++ {
		s += float64(draw.Binomial(r, 10, 0.3))
	}
	if m := s / n; math.Abs(m-3) > 0.02 {
		t.Errorf("Binomial(10, 0.3): mean %.4f, want 3", m)
	}
	if draw.Poisson(r, 0) != 0 || draw.Poisson(r, -1) != 0 || draw.Binomial(r, 0, 0.5) != 0 {
		t.Error("degenerate draws are not 0")
	}
}
