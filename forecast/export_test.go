package forecast

import "sort"

// RankTop is exported for the tests.
var RankTop = rankTop

// Rank is the reference rankTop must agree with: every cell sorted, the
// highest forecast first, ties in the cells' fixed order.
func Rank(pred []float64, order []int) {
	for c := range order {
		order[c] = c
	}
	sort.SliceStable(order, func(a, b int) bool { return pred[order[a]] > pred[order[b]] })
}
