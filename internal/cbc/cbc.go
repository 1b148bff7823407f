// Package cbc runs COIN-OR CBC (Debian coinor-cbc), the exact MIP solver the
// planner's quality is measured against, on an LP file.
package cbc

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
)

var (
	objRe     = regexp.MustCompile(`Objective value:\s+([-0-9.e+]+)`)
	optimalRe = regexp.MustCompile(`Optimal solution found`)
)

// Available reports whether the cbc binary is on the PATH.
func Available() bool {
	_, err := exec.LookPath("cbc")
	return err == nil
}

// Solve solves an LP file to proven optimality (no relative or absolute
// gap allowed) and returns the objective.
func Solve(lp string) (float64, error) {
	out, err := exec.Command("cbc", lp, "ratio", "0", "allow", "0", "solve", "quit").CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("cbc: %v\n%s", err, out)
	}
	m := objRe.FindSubmatch(out)
	if m == nil || !optimalRe.Match(out) {
		return 0, fmt.Errorf("cbc did not prove optimality:\n%s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}
