// Command plannational times the reduction planner at national scale: a
// synthetic France of 100,000 cameras (yearly savings 12–30 k€, usefulness
// Gamma-distributed as in the demo's ledger, a third under contracts ending
// over the next years), planned over 10 years in both modes. Run it under
// /usr/bin/time -v for the peak memory.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/gamma"
	"github.com/clairvoie/clairvoie/plan"
)

func main() {
	n := flag.Int("n", 100000, "cameras")
	years := flag.Int("years", 10, "horizon")
	flag.Parse()
	r := rand.New(rand.NewPCG(7, 7))
	cams := make([]plan.Camera, *n)
	total, totalU := 0.0, 0.0
	for i := range cams {
		u := gamma.Mean1(r, 0.6) * 0.3
		cams[i] = plan.Camera{ID: int64(i + 1), Saving: math.Round(12000 + 18000*r.Float64()), Usefulness: u, BreakCost: 500}
		if r.Float64() < 1.0/3 {
			cams[i].ContractEnd = clairvoie.NewDate(2027+r.IntN(6), 6, 30)
		}
		total += cams[i].Saving
		totalU += u
	}
	for _, o := range []plan.Options{
		{StartYear: 2027, Years: *years, Mode: plan.Savings, SavingsTarget: 0.04 * total, Capacity: *n / 10, MediatorCost: 40600},
		{StartYear: 2027, Years: *years, Mode: plan.Loss, LossCap: 0.01, Capacity: *n / 10, MediatorCost: 40600},
	} {
		start := time.Now()
		p, err := plan.Make(cams, o)
		if err != nil {
			log.Fatal(err)
		}
		closed := 0
		for _, y := range p.Years {
			closed += y.ClosedCount
		}
		fmt.Printf("%-8s %d cameras × %d years: %.2f s; %d closed, %d posts in the last year, gap %.4f %%\n",
			o.Mode, *n, *years, time.Since(start).Seconds(), closed, p.Years[len(p.Years)-1].Posts, 100*p.Gap)
	}
}
