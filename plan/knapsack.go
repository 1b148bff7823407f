package plan

import (
	"math"
	"sort"
)

// item is a camera in one year's choice.
type item struct {
	idx int     // index in the plan's camera list
	c   float64 // yearly saving if closed (€)
	u   float64 // usefulness lost if closed (per year)
}

// ---- Savings mode: close cameras saving at least T €, at most K of them,
// losing as little usefulness as possible (a covering knapsack).

// coverImprove applies drops, swaps and add-drop moves that lower the
// usefulness lost while keeping Σc ≥ T and the count ≤ maxCount, until
// none is left.
func coverImprove(items []item, T float64, maxCount int, chosen []bool) {
	// Every item by usefulness, once: the moves scan it forwards for
	// unchosen items and backwards for chosen ones.
	byU := make([]int, 0, len(items))
	for k, it := range items {
		if it.c > 0 || chosen[k] {
			byU = append(byU, k)
		}
	}
	sort.Slice(byU, func(a, b int) bool { return items[byU[a]].u < items[byU[b]].u })
	for pass := 0; pass < 50; pass++ {
		improved := false
		got, n := 0.0, 0
		for k, ch := range chosen {
			if ch {
				got += items[k].c
				n++
			}
		}
		// Drops: the most useful first.
		for x := len(byU) - 1; x >= 0; x-- {
			k := byU[x]
			if chosen[k] && items[k].u > 0 && got-items[k].c >= T {
				chosen[k] = false
				got -= items[k].c
				n--
				improved = true
			}
		}
		// Swaps, the most useful chosen item first: the least useful unchosen
		// one that keeps the target, or else — losing no more usefulness —
		// the one saving the most, which widens the slack the next swap may need.
		for x := len(byU) - 1; x >= 0; x-- {
			k := byU[x]
			if !chosen[k] {
				continue
			}
			slack := got - T
			pick, widest := -1, -1
			for _, j := range byU {
				if chosen[j] {
					continue
				}
				if items[j].u > items[k].u+1e-12 {
					break
				}
				if items[j].u < items[k].u-1e-12 && items[j].c >= items[k].c-slack {
					pick = j
					break
				}
				if items[j].c > items[k].c+1e-9 && (widest < 0 || items[j].c > items[widest].c) {
					widest = j
				}
			}
			if pick < 0 {
				pick = widest
			}
			if pick >= 0 {
				chosen[k], chosen[pick] = false, true
				got += items[pick].c - items[k].c
				improved = true
			}
		}
		// Add and drop: take an unchosen item that loses little, then drop
		// the most useful chosen item the target can spare.
		var desc []int // the chosen items, most useful first
		for x := len(byU) - 1; x >= 0; x-- {
			if chosen[byU[x]] {
				desc = append(desc, byU[x])
			}
		}
		for _, j := range byU {
			if len(desc) == 0 || n >= maxCount || items[j].u >= items[desc[0]].u {
				break
			}
			if chosen[j] {
				continue
			}
			for x, k := range desc {
				if items[k].u <= items[j].u {
					break
				}
				if chosen[k] && got+items[j].c-items[k].c >= T {
					chosen[j], chosen[k] = true, false
					got += items[j].c - items[k].c
					desc = append(desc[:x], desc[x+1:]...)
					improved = true
					break
				}
			}
		}
		if !improved {
			return
		}
	}
}

// ---- Loss mode: close cameras losing at most U of usefulness, at most K of
// them, saving as much as possible (a 0-1 knapsack with a cardinality limit).

// packImprove applies swaps (a chosen item for an unchosen one saving
// more within the cap) and additions until none is left.
func packImprove(items []item, U float64, K int, chosen []bool) {
	used := 0.0
	for k, c := range chosen {
		if c {
			used += items[k].u
		}
	}
	// Swaps: a chosen item for an unchosen one saving more within the cap.
	for pass := 0; pass < 8; pass++ {
		improved := false
		var in, out []int
		for k, ch := range chosen {
			if ch {
				in = append(in, k)
			} else if items[k].c > 0 {
				out = append(out, k)
			}
		}
		sort.Slice(out, func(a, b int) bool { return items[out[a]].c > items[out[b]].c })
		sort.Slice(in, func(a, b int) bool { return items[in[a]].c < items[in[b]].c })
		for _, k := range in {
			for _, j := range out {
				if chosen[j] || items[j].c <= items[k].c {
					break
				}
				if used-items[k].u+items[j].u <= U+1e-12 {
					chosen[k], chosen[j] = false, true
					used += items[j].u - items[k].u
					improved = true
					break
				}
			}
		}
		// Additions: room left under the cap and the count.
		n := count(chosen)
		for _, j := range out {
			if n >= K {
				break
			}
			if !chosen[j] && used+items[j].u <= U+1e-12 {
				chosen[j] = true
				used += items[j].u
				n++
				improved = true
			}
		}
		if !improved {
			break
		}
	}
}

// ---- The two problems' LP relaxations and their Lagrangian duals.

// cover is one savings-mode year: min Σu x s.t. Σc x ≥ T, Σx ≤ K.
type cover struct {
	items []item
	T     float64
	K     int
	idx   []int
}

func (p *cover) at(mu float64) selection {
	p.idx = p.idx[:0]
	for k, it := range p.items {
		if it.c > 0 {
			p.idx = append(p.idx, k)
		}
	}
	its := p.items
	return selectBudget(p.idx,
		func(k int) float64 { return (its[k].u + mu) / its[k].c },
		func(k int) float64 { return its[k].c },
		func(k int) float64 { return its[k].u + mu }, p.T)
}

// solve returns a choice, its usefulness lost and a lower bound.
func (p *cover) solve() ([]bool, float64) {
	bound := math.Inf(-1)
	eval := func(mu float64) selection {
		s := p.at(mu)
		if s.full {
			bound = math.Max(bound, s.value-mu*float64(p.K))
		}
		return s
	}
	lo, hi := 0.0, 1.0
	s := eval(0)
	best := s
	if s.count > float64(p.K)+1e-9 {
		maxU := 0.0
		for _, it := range p.items {
			maxU = math.Max(maxU, it.u)
		}
		hi = math.Max(1, maxU)
		for eval(hi).count > float64(p.K)+1e-9 {
			lo, hi = hi, hi*4
		}
		best = eval(bisect(lo, hi, func(mu float64) bool { return eval(mu).count > float64(p.K)+1e-9 }))
	}
	chosen := make([]bool, len(p.items))
	for _, k := range best.taken {
		chosen[k] = true
	}
	if best.threshold >= 0 {
		chosen[best.threshold] = true
	}
	coverImprove(p.items, p.T, p.K, chosen)
	for round := 0; round < 10 && coverPairSwaps(p.items, p.T, chosen); round++ {
		coverImprove(p.items, p.T, p.K, chosen)
	}
	return chosen, bound
}

// pack is one loss-mode year: max Σc x s.t. Σu x ≤ U, Σx ≤ K.
type pack struct {
	items []item
	U     float64
	K     int
	idx   []int
}

type packAt struct {
	sel   selection
	free  []int // items losing no usefulness, worth taking at this μ
	count float64
	bound float64
}

func (p *pack) at(mu float64) packAt {
	var r packAt
	p.idx = p.idx[:0]
	v := mu * float64(p.K)
	for k, it := range p.items {
		switch {
		case it.c-mu <= 0:
		case it.u <= 0:
			r.free = append(r.free, k)
			v += it.c - mu
		default:
			p.idx = append(p.idx, k)
		}
	}
	its := p.items
	r.sel = selectBudget(p.idx,
		func(k int) float64 { return -(its[k].c - mu) / its[k].u },
		func(k int) float64 { return its[k].u },
		func(k int) float64 { return its[k].c - mu }, p.U)
	r.count = float64(len(r.free)) + r.sel.count
	r.bound = v + r.sel.value
	return r
}

// solve returns a choice and an upper bound on the savings.
func (p *pack) solve() ([]bool, float64) {
	bound := math.Inf(1)
	eval := func(mu float64) packAt {
		r := p.at(mu)
		bound = math.Min(bound, r.bound)
		return r
	}
	best := eval(0)
	if best.count > float64(p.K)+1e-9 {
		lo, hi := 0.0, 0.0
		for _, it := range p.items {
			hi = math.Max(hi, it.c)
		}
		best = eval(bisect(lo, hi, func(mu float64) bool { return eval(mu).count > float64(p.K)+1e-9 }))
	}
	chosen := make([]bool, len(p.items))
	for _, k := range best.free {
		chosen[k] = true
	}
	for _, k := range best.sel.taken {
		chosen[k] = true
	}
	packImprove(p.items, p.U, p.K, chosen)
	return chosen, bound
}

// coverPairSwaps tries, on a small core (the most useful chosen items, the
// least useful unchosen ones), to replace two chosen items by two unchosen
// ones that lose less usefulness together while keeping the target: the
// move single swaps cannot make when one of its halves alone would break
// the target. It reports whether it improved the choice.
func coverPairSwaps(items []item, T float64, chosen []bool) bool {
	const coreIn, coreOut = 12, 40
	got := 0.0
	var in, out []int
	for k, ch := range chosen {
		if ch {
			got += items[k].c
			in = append(in, k)
		} else if items[k].c > 0 {
			out = append(out, k)
		}
	}
	in = smallest(in, coreIn, func(k int) float64 { return -items[k].u })
	out = smallest(out, coreOut, func(k int) float64 { return items[k].u })
	slack := got - T
	bestGain, bi1, bi2, bj1, bj2 := 1e-12, -1, -1, -1, -1
	for a := 0; a < len(in); a++ {
		for b := a + 1; b < len(in); b++ {
			i1, i2 := in[a], in[b]
			needC := items[i1].c + items[i2].c - slack
			lostU := items[i1].u + items[i2].u
			for x := 0; x < len(out); x++ {
				j1 := out[x]
				if 2*items[j1].u >= lostU-bestGain {
					break // sorted by u: no later pair can gain more
				}
				for y := x + 1; y < len(out); y++ {
					j2 := out[y]
					u := items[j1].u + items[j2].u
					if lostU-u <= bestGain {
						break
					}
					if items[j1].c+items[j2].c >= needC {
						bestGain, bi1, bi2, bj1, bj2 = lostU-u, i1, i2, j1, j2
						break
					}
				}
			}
		}
	}
	if bi1 < 0 {
		return false
	}
	chosen[bi1], chosen[bi2], chosen[bj1], chosen[bj2] = false, false, true, true
	return true
}

// smallest returns the n elements of idx with the smallest key, sorted
// (a partial selection: only they are sorted).
func smallest(idx []int, n int, key func(int) float64) []int {
	if len(idx) <= n {
		sort.Slice(idx, func(a, b int) bool { return key(idx[a]) < key(idx[b]) })
		return idx
	}
	top := append([]int(nil), idx[:n]...)
	sort.Slice(top, func(a, b int) bool { return key(top[a]) < key(top[b]) })
	for _, k := range idx[n:] {
		if key(k) >= key(top[n-1]) {
			continue
		}
		// Insert k in order, dropping the last.
		pos := sort.Search(n, func(x int) bool { return key(top[x]) > key(k) })
		copy(top[pos+1:], top[pos:n-1])
		top[pos] = k
	}
	return top
}

// bisect returns the smallest multiplier in [lo, hi] (to 50 halvings) at
// which the LP solution no longer takes too many items.
func bisect(lo, hi float64, tooMany func(float64) bool) float64 {
	for i := 0; i < 50 && hi-lo > 1e-12*math.Max(1, hi); i++ {
		mid := (lo + hi) / 2
		if tooMany(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}
