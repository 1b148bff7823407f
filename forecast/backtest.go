package forecast

import (
	"math"
	"sort"
	"strconv"
)

// Shares are the shares of the area, in percent, at which hit rates are
// measured.
var Shares = []float64{1, 5, 10, 20}

// Result is one method's skill over a backtest.
type Result struct {
	Method string `json:"method"`
	// HitRate is the share of the incidents that fell in the top cells
	// covering each share of the area ("1", "5", "10", "20" percent).
	HitRate map[string]float64 `json:"hit_rate"`
	// PAI is (n/N)/(a/A): the hit rate over the share of the area.
	PAI map[string]float64 `json:"pai"`
	// PEI is n/n*: the incidents caught over the most the same number of
	// cells could have caught that day.
	PEI map[string]float64 `json:"pei"`
	// Brier is the mean squared error of P(at least one incident) per
	// cell-day; BSS its skill against the long-term rate (> 0: better).
	Brier       float64 `json:"brier"`
	BSS         float64 `json:"bss"`
	Reliability []Bin   `json:"reliability"`
	Days        int     `json:"days"`
	Incidents   int     `json:"incidents"`
	Cells       int     `json:"cells"`
}

// Bin is one bin of a reliability diagram: forecasts in [Lo, Hi), their
// mean, and how often an incident came.
type Bin struct {
	Lo       float64 `json:"lo"`
	Hi       float64 `json:"hi"`
	Forecast float64 `json:"forecast"`
	Observed float64 `json:"observed"`
	N        int     `json:"n"`
}

var binEdges = []float64{0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0001}

type tally struct {
	caught, best []float64 // per share
	n            float64
	brier        float64
	cellDays     float64
	bins         []Bin
}

// Backtest runs each method over days [from, to) of s, one step ahead:
// each day is forecast from the days before it only, then observed. Days
// before from only train the methods. The Brier skill score is against the
// method named long_term_rate (it must be among them).
func Backtest(s *Series, methods []Method, from, to int) []Result {
	return BacktestDays(s, methods, from, to, nil)
}

// BacktestDays is Backtest scoring only the days keep accepts (every day
// when keep is nil); the other days are still observed, in order.
func BacktestDays(s *Series, methods []Method, from, to int, keep func(d int) bool) []Result {
	all := make([]int, len(s.Cells))
	for c := range all {
		all[c] = c
	}
	return BacktestCells(s, methods, from, to, func(d int) []int {
		if keep != nil && !keep(d) {
			return nil
		}
		return all
	})
}

// BacktestCells is Backtest scoring, on each day d, only the cells
// cellsOf(d) lists (indices into s.Cells; none: the day is not scored but
// still observed). The area is the cells scored: hit rates and PAI rank
// the forecasts among them, the Brier score is theirs. Scored near the
// day's events, it tells whether a method sees where the events are what a
// city-wide score dilutes.
func BacktestCells(s *Series, methods []Method, from, to int, cellsOf func(d int) []int) []Result {
	cells := len(s.Cells)
	ts := make([]tally, len(methods))
	for i := range ts {
		ts[i] = tally{caught: make([]float64, len(Shares)), best: make([]float64, len(Shares))}
		for b := 0; b+1 < len(binEdges); b++ {
			ts[i].bins = append(ts[i].bins, Bin{Lo: binEdges[b], Hi: binEdges[b+1]})
		}
	}
	full := make([]float64, cells)
	dense := make([]float64, cells) // day d's counts by cell, zeroed after
	pred := make([]float64, cells)
	actual := make([]float64, cells)
	order := make([]int, cells)
	scratch := make([]float64, cells)
	sortedActual := make([]float64, 0, cells)
	tops := make([]int, len(Shares))
	area := make([]float64, len(Shares)) // the cells ranked at each share, summed over the days
	scored, cellsScored := 0, 0
	for d := 0; d < min(to, s.Days); d++ {
		var local []int
		if d >= from {
			local = cellsOf(d)
		}
		if len(local) == 0 {
			for _, m := range methods {
				m.Observe(d)
			}
			continue
		}
		scored++
		cellsScored += len(local)
		n := len(local)
		for i, a := range Shares {
			tops[i] = max(1, int(math.Round(a/100*float64(n))))
			area[i] += float64(tops[i])
		}
		for _, cc := range s.counts[d] {
			dense[cc.cell] = float64(cc.count)
		}
		sortedActual = sortedActual[:0]
		total := 0.0
		for j, c := range local {
			actual[j] = dense[c]
			if actual[j] > 0 {
				sortedActual = append(sortedActual, actual[j])
				total += actual[j]
			}
		}
		for _, cc := range s.counts[d] {
			dense[cc.cell] = 0
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(sortedActual)))
		for i, m := range methods {
			m.Predict(d, full)
			for j, c := range local {
				pred[j] = full[c]
			}
			t := &ts[i]
			rankTop(pred[:n], order[:n], tops[len(tops)-1], scratch[:n])
			caught, k := 0.0, 0
			for si, top := range tops {
				for ; k < top; k++ {
					caught += actual[order[k]]
				}
				t.caught[si] += caught
				best := 0.0
				for j := 0; j < min(top, len(sortedActual)); j++ {
					best += sortedActual[j]
				}
				t.best[si] += best
			}
			t.n += total
			for j, lambda := range pred[:n] {
				p := 1 - math.Exp(-lambda) // P(at least one), Poisson
				y := 0.0
				if actual[j] > 0 {
					y = 1
				}
				t.brier += (p - y) * (p - y)
				b := sort.SearchFloat64s(binEdges, p+1e-15) - 1
				b = max(0, min(b, len(t.bins)-1))
				t.bins[b].Forecast += p
				t.bins[b].Observed += y
				t.bins[b].N++
			}
			t.cellDays += float64(n)
		}
		for _, m := range methods {
			m.Observe(d)
		}
	}
	out := make([]Result, len(methods))
	ref := -1.0
	meanCells := 0
	if scored > 0 {
		meanCells = int(math.Round(float64(cellsScored) / float64(scored)))
	}
	for i, m := range methods {
		t := ts[i]
		r := Result{Method: m.Name(), HitRate: map[string]float64{}, PAI: map[string]float64{}, PEI: map[string]float64{},
			Days: scored, Incidents: int(t.n), Cells: meanCells}
		for si, a := range Shares {
			key := strconv.FormatFloat(a, 'f', -1, 64)
			if t.n > 0 {
				r.HitRate[key] = t.caught[si] / t.n
				r.PAI[key] = r.HitRate[key] / (area[si] / float64(cellsScored))
			}
			if t.best[si] > 0 {
				r.PEI[key] = t.caught[si] / t.best[si]
			}
		}
		if t.cellDays > 0 {
			r.Brier = t.brier / t.cellDays
		}
		for _, b := range t.bins {
			if b.N > 0 {
				b.Forecast /= float64(b.N)
				b.Observed /= float64(b.N)
				r.Reliability = append(r.Reliability, b)
			}
		}
		if m.Name() == "long_term_rate" {
			ref = r.Brier
		}
		out[i] = r
	}
	for i := range out {
		if ref > 0 {
			out[i].BSS = 1 - out[i].Brier/ref
		}
	}
	return out
}

// NearCells are the cells of s whose centre lies within metres of one of
// the points ([lon, lat]).
func NearCells(s *Series, points [][2]float64, metres float64) []int {
	var out []int
	for c, g := range s.Cells {
		lon, lat := s.Grid.Centre(g[0], g[1])
		for _, p := range points {
			if s.Grid.Metres([2]float64{lon, lat}, p) <= metres {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// rankTop fills order[:k] with the k highest forecasts, the highest
// first, ties in the cells' fixed order — what a stable sort of every
// cell would put there — without sorting the rest:
// the k-th largest value is found by selection first (scratch is a work
// buffer as long as pred).
func rankTop(pred []float64, order []int, k int, scratch []float64) {
	n := len(pred)
	k = min(k, n)
	if k <= 0 {
		return
	}
	copy(scratch, pred)
	v := kthLargest(scratch[:n], k)
	m := 0
	for c, p := range pred { // above the k-th value, in cell order
		if p > v {
			order[m] = c
			m++
		}
	}
	for c, p := range pred { // then ties at it, in cell order, to k
		if m == k {
			break
		}
		if p == v {
			order[m] = c
			m++
		}
	}
	top := order[:k]
	sort.SliceStable(top, func(a, b int) bool { return pred[top[a]] > pred[top[b]] })
}

// kthLargest returns the k-th largest value of xs (1-based), reordering xs
// (Hoare's selection, median of three).
func kthLargest(xs []float64, k int) float64 {
	lo, hi, want := 0, len(xs)-1, k-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if xs[mid] > xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] > xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[mid] > xs[hi] {
			xs[mid], xs[hi] = xs[hi], xs[mid]
		}
		pivot := xs[hi] // the median of the three, descending order
		i, j := lo, hi
		for i <= j {
			for xs[i] > pivot {
				i++
			}
			for xs[j] < pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case want <= j:
			hi = j
		case want >= i:
			lo = i
		default:
			return xs[want]
		}
	}
	return xs[want]
}
