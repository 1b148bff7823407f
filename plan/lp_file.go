package plan

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// WriteLP writes one year's choice as a mixed-integer program in CPLEX LP
// format, one term a line, so that any MIP solver (CBC, GLPK, HiGHS) can
// check the planner: binary x_i = 1 closes camera i.
func WriteLP(w io.Writer, cams []Camera, mode Mode, target float64, capacity int) error {
	bw := bufio.NewWriter(w)
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	obj, con := func(c Camera) float64 { return c.Usefulness }, func(c Camera) float64 { return c.Saving }
	sense, rel := "Minimize", ">="
	if mode == Loss {
		obj, con = con, obj
		sense, rel = "Maximize", "<="
	}
	fmt.Fprintf(bw, "\\ clairvoie plan, one year, %s mode, %d cameras\n%s\n obj:", mode, len(cams), sense)
	for i, c := range cams {
		fmt.Fprintf(bw, "\n + %s x%d", num(obj(c)), i)
	}
	fmt.Fprint(bw, "\nSubject To\n target:")
	for i, c := range cams {
		fmt.Fprintf(bw, "\n + %s x%d", num(con(c)), i)
	}
	fmt.Fprintf(bw, " %s %s\n capacity:", rel, num(target))
	for i := range cams {
		fmt.Fprintf(bw, "\n + x%d", i)
	}
	fmt.Fprintf(bw, " <= %d\nBinary\n", capacity)
	for i := range cams {
		fmt.Fprintf(bw, " x%d\n", i)
	}
	fmt.Fprint(bw, "End\n")
	return bw.Flush()
}
