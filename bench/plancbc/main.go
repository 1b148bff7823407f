// Command plancbc measures the reduction planner's yearly choice against
// the exact optimum found by CBC (Debian coinor-cbc) on the same instances,
// in one run: the share of the optimum reached and the time ratio.
//
// Instances are synthetic and seeded: N cameras whose yearly saving is drawn
// in 12–30 k€ and whose usefulness follows a Gamma law of shape 0.6 (as the
// demo's ledger), the savings target a fraction of the total, the capacity
// a fraction of the cameras.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/clairvoie/clairvoie/internal/cbc"
	"github.com/clairvoie/clairvoie/internal/gamma"
	"github.com/clairvoie/clairvoie/plan"
)

func main() {
	n := flag.Int("n", 2000, "cameras")
	runs := flag.Int("runs", 5, "instances per mode")
	dir := flag.String("dir", os.TempDir(), "where to write the LP files")
	flag.Parse()
	for _, mode := range []plan.Mode{plan.Savings, plan.Loss} {
		var worst = 1.0
		var tOurs, tCBC time.Duration
		for run := 0; run < *runs; run++ {
			cams, target, capacity := instance(*n, uint64(run+1), mode)
			start := time.Now()
			_, ours, bound, err := plan.SolveYear(cams, mode, target, capacity)
			tOurs += time.Since(start)
			if err != nil {
				log.Fatal(err)
			}
			lp := filepath.Join(*dir, fmt.Sprintf("plan-%s-%d.lp", mode, run))
			if err := writeLP(lp, cams, mode, target, capacity); err != nil {
				log.Fatal(err)
			}
			start = time.Now()
			opt, err := cbc.Solve(lp)
			tCBC += time.Since(start)
			if err != nil {
				log.Fatal(err)
			}
			share := opt / ours // savings: minimise, ours ≥ opt
			if mode == plan.Loss {
				share = ours / opt
			}
			if opt == 0 && ours == 0 {
				share = 1
			}
			worst = math.Min(worst, share)
			fmt.Printf("%-8s n=%d run %d: clairvoie %.4f, CBC optimum %.4f, bound %.4f → %.4f %% of the optimum\n", mode, *n, run, ours, opt, bound, 100*share)
		}
		fmt.Printf("%-8s worst %.4f %% of the optimum; time clairvoie %v, CBC %v: CBC/clairvoie = %.0f×\n\n", mode, 100*worst,
			tOurs/time.Duration(*runs), tCBC/time.Duration(*runs), float64(tCBC)/float64(tOurs))
	}
}

func instance(n int, seed uint64, mode plan.Mode) ([]plan.Camera, float64, int) {
	r := rand.New(rand.NewPCG(seed, 99))
	cams := make([]plan.Camera, n)
	total, totalU := 0.0, 0.0
	for i := range cams {
		u := gamma.Mean1(r, 0.6) * 0.3
		cams[i] = plan.Camera{ID: int64(i + 1), Saving: math.Round(12000 + 18000*r.Float64()), Usefulness: math.Round(u*1e4) / 1e4}
		total += cams[i].Saving
		totalU += cams[i].Usefulness
	}
	capacity := n / 10
	if mode == plan.Savings {
		return cams, math.Round(0.05 * total), capacity
	}
	return cams, 0.02 * totalU, capacity
}

func writeLP(path string, cams []plan.Camera, mode plan.Mode, target float64, capacity int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := plan.WriteLP(f, cams, mode, target, capacity); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
