package steiner_test

import (
	"testing"

	"github.com/clairvoie/clairvoie/steiner"
)

// go test -bench Solve ./steiner: set C's c06 (500 vertices, 1,000 edges,
// 5 terminals) with and without the reductions.
func BenchmarkSolve(b *testing.B) {
	g := read(b, "C/c06.stp")
	for _, bc := range []struct {
		name     string
		noReduce bool
	}{{"reduced", false}, {"as-given", true}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := steiner.Solve(g, steiner.Options{NoReduce: bc.noReduce}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
