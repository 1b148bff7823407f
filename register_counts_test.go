package clairvoie_test

import (
	"slices"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
)

func receipts(month string, perKind map[clairvoie.RegisterKind]int) []clairvoie.Receipt {
	t, _ := time.Parse("2006-01", month)
	var out []clairvoie.Receipt
	for kind, n := range perKind {
		for i := 0; i < n; i++ {
			out = append(out, clairvoie.Receipt{Entry: clairvoie.RegisterEntry{Kind: kind, At: t.Add(time.Duration(i) * time.Hour)}})
		}
	}
	return out
}

func TestCountsSuppression(t *testing.T) {
	var rs []clairvoie.Receipt
	// Nothing small: all shown.
	rs = append(rs, receipts("2026-01", map[clairvoie.RegisterKind]int{"viewing": 120, "extraction": 9, "destruction": 31})...)
	// One small cell (2 transmissions): hidden, and the smallest other
	// non-zero... here the zero config joins first, then extraction (7),
	// until two hidden cells sum to at least n−1+k.
	rs = append(rs, receipts("2026-02", map[clairvoie.RegisterKind]int{"viewing": 140, "extraction": 7, "transmission": 2, "destruction": 30})...)
	// Everything small: the whole month hidden.
	rs = append(rs, receipts("2026-03", map[clairvoie.RegisterKind]int{"viewing": 3})...)
	got := clairvoie.RegisterCounts(rs, 5)
	if len(got) != 3 {
		t.Fatalf("%d months", len(got))
	}
	jan, feb, mar := got[0], got[1], got[2]
	if len(jan.Suppressed) != 0 || jan.Counts["viewing"] != 120 || jan.Counts["config"] != 0 {
		t.Errorf("January: %+v", jan)
	}
	if !slices.Contains(feb.Suppressed, "transmission") || !slices.Contains(feb.Suppressed, "extraction") || feb.Counts["viewing"] != 140 {
		t.Errorf("February: %+v", feb)
	}
	if len(mar.Counts) != 0 {
		t.Errorf("March: %+v", mar)
	}
	// The rule itself, on every month: no shown count from 1 to k−1; the
	// hidden cells are none, or at least two summing to n−1+k or more.
	all := map[string]map[string]int{}
	for _, r := range rs {
		m := r.Entry.At.Format("2006-01")
		if all[m] == nil {
			all[m] = map[string]int{}
		}
		all[m][string(r.Entry.Kind)]++
	}
	for _, mc := range got {
		for kind, n := range mc.Counts {
			if n > 0 && n < 5 {
				t.Errorf("%s %s: %d shown", mc.Month, kind, n)
			}
		}
		sum := 0
		for _, kind := range mc.Suppressed {
			sum += all[mc.Month][kind]
		}
		if n := len(mc.Suppressed); n > 0 && n < len(clairvoie.RegisterKinds) && (n < 2 || sum < n-1+5) {
			t.Errorf("%s: hidden %v sum to %d", mc.Month, mc.Suppressed, sum)
		}
	}
}
