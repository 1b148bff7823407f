package auditlog

import "github.com/clairvoie/clairvoie"

// DefaultK is the smallest count published (clairvoie.RegisterSecrecyK).
const DefaultK = clairvoie.RegisterSecrecyK

// MonthCounts are the published counts of one month (clairvoie.RegisterMonth).
type MonthCounts = clairvoie.RegisterMonth

// Counts tallies the register for publication (clairvoie.RegisterCounts).
func Counts(receipts []clairvoie.Receipt, k int) []MonthCounts {
	return clairvoie.RegisterCounts(receipts, k)
}
