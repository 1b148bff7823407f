package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUsagePlanLocate(t *testing.T) {
	dir := t.TempDir()
	var sum struct{ DB string }
	decode(t, mustRun(t, "demo", "--dir", dir, "--no-serve", "--json").stdout, &sum)
	db := sum.DB

	// The plan: the contract's "bound" and "gap", and the years.
	var p struct {
		Source string
		Bound  float64
		Gap    float64
		Plan   struct {
			Years []struct {
				Year, ClosedCount, Posts int     `json:"-"`
				Y                        int     `json:"year"`
				C                        int     `json:"closed_count"`
				P                        int     `json:"posts"`
				Kept                     float64 `json:"usefulness_kept"`
			}
		}
		SummaryFR string `json:"summary_fr"`
	}
	decode(t, mustRun(t, "plan", "--db", db, "--start", "2027", "--json").stdout, &p)
	if p.Source != "marseille-synthetique" || len(p.Plan.Years) != 6 || p.Plan.Years[0].Y != 2027 || p.Gap < 0 || p.Gap > 0.05 || p.Bound <= 0 {
		t.Fatalf("plan: source %q, %d years, bound %v, gap %v", p.Source, len(p.Plan.Years), p.Bound, p.Gap)
	}
	if last := p.Plan.Years[5]; last.P == 0 || last.Kept >= 1 || last.Kept < 0.8 {
		t.Errorf("last year: %+v", last)
	}
	if !strings.Contains(p.SummaryFR, "synthétiques") {
		t.Errorf("a plan on synthetic data must say so: %s", p.SummaryFR)
	}
	decode(t, mustRun(t, "plan", "--db", db, "--start", "2027", "--mode", "loss", "--loss-cap", "0.01", "--method", "pmedian", "--scenario", "high", "--json").stdout, &p)
	if len(p.Plan.Years) != 6 {
		t.Fatalf("loss plan: %+v", p)
	}
	r := run(t, "plan", "--db", db, "--start", "2027", "--target", "50000000")
	if r.code != 1 || !strings.Contains(r.stderr, "year 2027: the savings target cannot be met") || !strings.Contains(r.stderr, "raise the yearly capacity") {
		t.Errorf("impossible target: exit %d, %q", r.code, r.stderr)
	}

	// Usage import: by reference, all or nothing, errors with the line.
	good := filepath.Join(dir, "usage.csv")
	os.WriteFile(good, []byte("camera,month,requisitions,extractions,decisive\nMRS-2012-0001,2026-10,3,2,1\n1051,2026-10,1,1,0\n"), 0o644)
	r = run(t, "usage", "import", "--db", db, "--source", "marseille-synthetique", good)
	if r.code != 1 || !strings.Contains(r.stderr, "usage.csv:3") || !strings.Contains(r.stderr, `"1051"`) {
		t.Errorf("unknown camera reference: exit %d, %q", r.code, r.stderr)
	}
	os.WriteFile(good, []byte("camera,month,requisitions,extractions,decisive\nMRS-2012-0001,2026-10,3,2,1\n"), 0o644)
	var ur struct{ Imported, Inserted, Updated int }
	decode(t, mustRun(t, "usage", "import", "--db", db, "--source", "marseille-synthetique", good, "--json").stdout, &ur)
	if ur.Imported != 1 || ur.Updated != 1 {
		t.Errorf("usage import: %+v (the month was held: replaced)", ur)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("camera,month,commentaire\nMRS-2012-0001,2026-10,vu M. X\n"), 0o644)
	if r := run(t, "usage", "import", "--db", db, "--source", "marseille-synthetique", bad); r.code != 1 || !strings.Contains(r.stderr, "refused") {
		t.Errorf("free-text column: exit %d, %q", r.code, r.stderr)
	}

	// locate pmedian: the contract's "objective".
	var l struct {
		Objective float64
		Open      []int
	}
	decode(t, mustRun(t, "locate", "pmedian", "../../bench/data/pmedian/pmed1.txt", "--json").stdout, &l)
	if l.Objective != 5819 || len(l.Open) != 5 {
		t.Errorf("pmed1: objective %v with %d sites, want the optimum 5819 with 5", l.Objective, len(l.Open))
	}
	if r := run(t, "locate", "pmedian", filepath.Join(dir, "usage.csv"), "--json"); r.code != 1 {
		t.Errorf("a bad file: exit %d", r.code)
	}
}
