package clairvoie

import "sort"

// RegisterSecrecyK is the smallest count of the register published (1 to
// K−1 are suppressed), as for the open data.
const RegisterSecrecyK = 5

// RegisterMonth is the published counts of one month, by kind. A kind
// missing from Counts is suppressed.
type RegisterMonth struct {
	Month      string         `json:"month"` // YYYY-MM
	Counts     map[string]int `json:"counts"`
	Suppressed []string       `json:"suppressed,omitempty"`
}

// RegisterCounts tallies the register by month and kind for publication, with
// statistical secrecy: no count from 1 to k−1 is published (primary
// suppression). Anyone who polls the public checkpoint knows how many
// entries each month added, so a month's total is public: secondary
// suppression then hides, in each month, the smallest other counts until
// the hidden cells are at least two and sum to at least n − 1 + k (n
// cells), so that none of them can be told, nor even whether it is small.
// Where that cannot be reached, the whole month is hidden.
func RegisterCounts(receipts []Receipt, k int) []RegisterMonth {
	if k < 2 {
		k = RegisterSecrecyK
	}
	tally := map[string]map[string]int{}
	for _, r := range receipts {
		m := r.Entry.At.UTC().Format("2006-01")
		if tally[m] == nil {
			tally[m] = map[string]int{}
		}
		tally[m][string(r.Entry.Kind)]++
	}
	var out []RegisterMonth
	for m, t := range tally {
		mc := RegisterMonth{Month: m, Counts: map[string]int{}}
		hidden := map[string]bool{}
		for _, kind := range RegisterKinds {
			if n := t[string(kind)]; n > 0 && n < k {
				hidden[string(kind)] = true
			}
		}
		if len(hidden) > 0 {
			sum := 0
			for kind := range hidden {
				sum += t[kind]
			}
			// The shown kinds, smallest first, join the hidden ones until
			// the rule holds (zeros too: a hidden cell could be zero).
			var shown []string
			for _, kind := range RegisterKinds {
				if !hidden[string(kind)] {
					shown = append(shown, string(kind))
				}
			}
			sort.SliceStable(shown, func(i, j int) bool { return t[shown[i]] < t[shown[j]] })
			for len(shown) > 0 && (len(hidden) < 2 || sum < len(hidden)-1+k) {
				hidden[shown[0]] = true
				sum += t[shown[0]]
				shown = shown[1:]
			}
			if len(hidden) < 2 || sum < len(hidden)-1+k {
				for _, kind := range RegisterKinds {
					hidden[string(kind)] = true
				}
			}
		}
		for _, kind := range RegisterKinds {
			if hidden[string(kind)] {
				mc.Suppressed = append(mc.Suppressed, string(kind))
			} else {
				mc.Counts[string(kind)] = t[string(kind)]
			}
		}
		out = append(out, mc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}
