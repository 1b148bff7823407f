package plan

import "testing"

func BenchmarkSolveYearSavings(b *testing.B) {
	cams := cameras(2000)
	total := 0.0
	for _, c := range cams {
		total += c.Saving
	}
	for i := 0; i < b.N; i++ {
		if _, _, _, err := SolveYear(cams, Savings, 0.05*total, 200); err != nil {
			b.Fatal(err)
		}
	}
}
