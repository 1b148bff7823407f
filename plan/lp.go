package plan

import "math"

// The LP relaxation of one year's choice, evaluated in O(n) for a given
// Lagrange multiplier μ of the cardinality constraint: the greedy LP
// solution takes items by a key until a budget is spent, which is a
// weighted selection (quickselect on the keys, summing the weights), not a
// sort. Bisection on μ then finds where the greedy LP solution uses K items.

// selection is the result of a weighted selection: the items with a key
// below Threshold are taken whole, the one at the threshold in part.
type selection struct {
	threshold int     // index (in items) of the item taken in part, or -1
	fraction  float64 // how much of it
	count     float64 // items taken, the fraction included
	value     float64 // Σ value of what is taken
	full      bool    // the budget could be spent
	taken     []int   // items taken whole
}

// selectBudget takes the items of idx (a scratch slice of candidate
// indices, reordered in place) by ascending key until Σ weight reaches
// budget. value(i) is what taking item i whole adds to the objective.
func selectBudget(idx []int, key, weight func(int) float64, value func(int) float64, budget float64) selection {
	s := selection{threshold: -1}
	lo, hi := 0, len(idx)
	need := budget
	seed := uint64(len(idx))*2654435761 + 1
	for lo < hi {
		// Partition idx[lo:hi] around a pseudo-random pivot key.
		seed = seed*6364136223846793005 + 1442695040888963407
		p := lo + int((seed>>33)%uint64(hi-lo))
		pk := key(idx[p])
		i, j := lo, hi-1
		for i <= j {
			for i <= j && key(idx[i]) < pk {
				i++
			}
			for i <= j && key(idx[j]) > pk {
				j--
			}
			if i <= j {
				idx[i], idx[j] = idx[j], idx[i]
				i++
				j--
			}
		}
		// idx[lo:j+1] ≤ pk, idx[i:hi] ≥ pk, idx[j+1:i] == pk.
		w := 0.0
		for k := lo; k <= j; k++ {
			w += weight(idx[k])
		}
		if w >= need {
			if j+1 == hi { // no progress: all keys equal the pivot
				break
			}
			hi = j + 1
			continue
		}
		// Take the lower part whole.
		for k := lo; k <= j; k++ {
			s.value += value(idx[k])
			s.count++
			s.taken = append(s.taken, idx[k])
		}
		need -= w
		// The middle (keys equal to the pivot), one by one.
		if takeInOrder(&s, idx[j+1:i], weight, value, &need) {
			return s
		}
		lo = i
	}
	// Equal keys left in idx[lo:hi]: take them in order.
	if takeInOrder(&s, idx[lo:hi], weight, value, &need) {
		return s
	}
	s.full = need <= 1e-9
	return s
}

// takeInOrder takes items whole until one fills what is needed, which it
// takes in part; it reports whether the budget was filled.
func takeInOrder(s *selection, idx []int, weight, value func(int) float64, need *float64) bool {
	for _, k := range idx {
		wk := weight(k)
		if wk >= *need {
			s.threshold, s.fraction = k, *need/math.Max(wk, 1e-300)
			s.value += s.fraction * value(k)
			s.count += s.fraction
			s.full = true
			return true
		}
		s.value += value(k)
		s.count++
		s.taken = append(s.taken, k)
		*need -= wk
	}
	return false
}
