package forecast

import (
	"math"
)

// SelfExciting is a self-exciting (Hawkes, "ETAS-like") model on the grid,
// by the day: each cell has a background rate, and every incident raises
// the rate of its cell and of the cells around it for a while,
//
//	λ_c(d) = μ_c + θ Σ_{p<d} Σ_c' n(p, c') ω e^{-ω (d-p)} k(c', c),
//
// with k a Gaussian of one cell's width over the 5 × 5 cells around (the
// share falling outside the study area is lost), θ the mean number of
// incidents one incident triggers, 1/ω their mean delay in days, and the
// background μ_c = (1-θ) times the cell's long-term rate (a share β of it
// smoothed like the excitation), so that the mean rate is kept. β, θ and
// ω are fitted once, by maximum Poisson likelihood on the days seen before
// the first forecast (the backtest's training days), among β ∈ {0, ½, 1},
// θ ∈ {0, 0.05, 0.1, 0.2, 0.3, 0.5} and mean delays of 1, 3, 7 and 30
// days; they are not refitted after.
type SelfExciting struct {
	s      *Series
	Theta  float64
	Omega  float64
	Beta   float64 // the share of the smoothed long-term rate in the background
	fitted bool
	seen   []int     // the days observed before the first forecast
	sum    []float64 // incidents per cell so far
	smooth []float64 // the same, smoothed over the neighbouring cells
	days   int
	excite []float64 // Σ n ω e^{-ω (d-p)} k, up to the last day observed
	nbr    [][]nbrW  // per cell: the cells it excites and the weights
}

type nbrW struct {
	cell int32
	w    float64
}

// NewSelfExciting returns the self-exciting model for s.
func NewSelfExciting(s *Series) *SelfExciting {
	m := &SelfExciting{s: s, sum: make([]float64, len(s.Cells)), smooth: make([]float64, len(s.Cells)), excite: make([]float64, len(s.Cells))}
	index := make(map[[2]int]int32, len(s.Cells))
	for c, g := range s.Cells {
		index[g] = int32(c)
	}
	m.nbr = make([][]nbrW, len(s.Cells))
	total := 0.0
	for dx := -2; dx <= 2; dx++ {
		for dy := -2; dy <= 2; dy++ {
			total += math.Exp(-float64(dx*dx+dy*dy) / 2)
		}
	}
	for c, g := range s.Cells {
		for dx := -2; dx <= 2; dx++ {
			for dy := -2; dy <= 2; dy++ {
				if o, ok := index[[2]int{g[0] + dx, g[1] + dy}]; ok {
					m.nbr[c] = append(m.nbr[c], nbrW{o, math.Exp(-float64(dx*dx+dy*dy)/2) / total})
				}
			}
		}
	}
	return m
}

func (m *SelfExciting) Name() string { return "self_exciting" }

// step decays excite by a day and adds day d's incidents.
func (m *SelfExciting) step(excite []float64, d int, omega float64) {
	decay := math.Exp(-omega)
	for c := range excite {
		excite[c] *= decay
	}
	for _, cc := range m.s.counts[d] {
		for _, nb := range m.nbr[cc.cell] {
			excite[nb.cell] += float64(cc.count) * omega * nb.w
		}
	}
}

// fit chooses β, θ and ω by the Poisson log-likelihood of the days seen,
// each forecast from the days before it (the first half only warms up).
// β mixes into the background the long-term rate smoothed over the
// neighbouring cells, so that θ measures clustering in time, not the
// smoothing a young, noisy long-term rate lacks.
func (m *SelfExciting) fit() {
	m.fitted = true
	if len(m.seen) < 60 {
		return // too little to fit: no excitation
	}
	best := math.Inf(-1)
	cells := len(m.s.Cells)
	excite := make([]float64, cells)
	sum := make([]float64, cells)
	smooth := make([]float64, cells)
	actual := make([]float64, cells)
	thetas := []float64{0, 0.05, 0.1, 0.2, 0.3, 0.5}
	betas := []float64{0, 0.5, 1}
	for _, delay := range []float64{1, 3, 7, 30} {
		omega := 1 / delay
		for c := range excite {
			excite[c], sum[c], smooth[c] = 0, 0, 0
		}
		ll := make([]float64, len(thetas)*len(betas))
		warm, total := max(30, len(m.seen)/2), 0.0
		for i, d := range m.seen {
			if i >= warm {
				// A floor of a twentieth of the mean cell rate, so that a
				// cell yet without incident does not cost without bound.
				floor := 0.05 * total / float64(i*cells)
				for c := range actual {
					actual[c] = 0
				}
				for _, cc := range m.s.counts[d] {
					actual[cc.cell] = float64(cc.count)
				}
				for c := 0; c < cells; c++ {
					raw, sm := sum[c]/float64(i), smooth[c]/float64(i)
					for b, beta := range betas {
						mu := (1-beta)*raw + beta*sm
						for k, th := range thetas {
							lambda := (1-th)*mu + th*excite[c] + floor
							ll[b*len(thetas)+k] += actual[c]*math.Log(lambda) - lambda
						}
					}
				}
			}
			m.step(excite, d, omega)
			for _, cc := range m.s.counts[d] {
				sum[cc.cell] += float64(cc.count)
				total += float64(cc.count)
				for _, nb := range m.nbr[cc.cell] {
					smooth[nb.cell] += float64(cc.count) * nb.w
				}
			}
		}
		for b, beta := range betas {
			for k, th := range thetas {
				if v := ll[b*len(thetas)+k]; v > best {
					best, m.Beta, m.Theta, m.Omega = v, beta, th, omega
				}
			}
		}
	}
	// Rebuild the excitation with the chosen ω.
	for c := range m.excite {
		m.excite[c] = 0
	}
	for _, d := range m.seen {
		m.step(m.excite, d, m.Omega)
	}
}

func (m *SelfExciting) Predict(d int, out []float64) {
	if !m.fitted {
		m.fit()
	}
	n := float64(max(m.days, 1))
	for c := range out {
		mu := (1-m.Beta)*m.sum[c]/n + m.Beta*m.smooth[c]/n
		out[c] = (1-m.Theta)*mu + m.Theta*m.excite[c]
	}
}

func (m *SelfExciting) Observe(d int) {
	if !m.fitted {
		m.seen = append(m.seen, d)
	} else if m.Omega > 0 {
		m.step(m.excite, d, m.Omega)
	}
	for _, cc := range m.s.counts[d] {
		m.sum[cc.cell] += float64(cc.count)
		for _, nb := range m.nbr[cc.cell] {
			m.smooth[nb.cell] += float64(cc.count) * nb.w
		}
	}
	m.days++
}
