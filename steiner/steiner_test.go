package steiner_test

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/steiner"
)

const data = "../bench/data/steinlib/"

func optima(t testing.TB) map[string]float64 {
	f, err := os.Open(data + "optimal.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := csv.NewReader(f).ReadAll()
	out := map[string]float64{}
	for _, r := range rows[1:] {
		v, _ := strconv.ParseFloat(r[5], 64)
		out[r[0]+"/"+r[1]] = v
	}
	return out
}

func read(t testing.TB, name string) *steiner.Graph {
	f, err := os.Open(data + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := steiner.ReadSTP(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return g
}

func runSet(t *testing.T, set string, n int) (meanGap float64, optimal int) {
	opt := optima(t)
	total := 0.0
	for k := 1; k <= n; k++ {
		name := set + "/" + strings.ToLower(set) + pad(k) + ".stp"
		g := read(t, name)
		start := time.Now()
		res, err := steiner.Solve(g, steiner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		o := opt[name]
		if res.Cost < o-1e-9 {
			t.Errorf("%s: cost %v below the optimum %v", name, res.Cost, o)
		}
		if res.LowerBound > o+1e-9 {
			t.Errorf("%s: lower bound %v above the optimum %v", name, res.LowerBound, o)
		}
		checkTree(t, name, g, res)
		gap := (res.Cost - o) / o
		if gap < 1e-9 {
			optimal++
		}
		total += gap
		t.Logf("%s: cost %v optimum %v (gap %.3f%%), bound %.1f (%.1f%%), %v", name, res.Cost, o, 100*gap, res.LowerBound, 100*res.Gap, time.Since(start).Round(time.Millisecond))
	}
	return total / float64(n), optimal
}

func pad(k int) string {
	if k < 10 {
		return "0" + strconv.Itoa(k)
	}
	return strconv.Itoa(k)
}

// checkTree verifies the answer is a tree spanning the terminals with the cost it claims.
func checkTree(t *testing.T, name string, g *steiner.Graph, r steiner.Result) {
	parent := make([]int, g.N)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	cost := 0.0
	for _, e := range r.Edges {
		ed := g.Edges[e]
		a, b := find(ed.U), find(ed.V)
		if a == b {
			t.Fatalf("%s: the answer has a cycle", name)
		}
		parent[a] = b
		cost += ed.W
	}
	if cost != r.Cost {
		t.Fatalf("%s: edges cost %v, result says %v", name, cost, r.Cost)
	}
	root := find(g.Terminals[0])
	for _, v := range g.Terminals {
		if find(v) != root {
			t.Fatalf("%s: terminal %d not connected", name, v+1)
		}
	}
}

func TestSetB(t *testing.T) {
	mean, optimal := runSet(t, "B", 18)
	if optimal != 18 {
		t.Errorf("set B: optimal on %d of 18, want all (mean gap %.3f%%)", optimal, 100*mean)
	}
}

func TestSetC(t *testing.T) {
	if testing.Short() {
		t.Skip("set C takes a while")
	}
	mean, optimal := runSet(t, "C", 20)
	t.Logf("set C: mean gap %.3f%%, optimal on %d", 100*mean, optimal)
	if mean > 0.002 {
		t.Errorf("set C: mean gap %.3f%%, want ≤ 0.2%%", 100*mean)
	}
}

func TestReadSTPErrors(t *testing.T) {
	for in, want := range map[string]string{
		"SECTION Graph\nE 1 2 3\n":               "line 2: an edge before Nodes",
		"SECTION Graph\nNodes 2\nE 1 3 4\n":      "line 3: vertex \"3\"",
		"SECTION Graph\nNodes 2\nE 1 2 x\n":      "line 3: cost \"x\"",
		"SECTION Graph\nNodes 2\nE 1 2 1\nEND\n": "no terminal",
		"nothing here\n":                         "no Nodes line",
		"SECTION Graph\nNodes 2\nOptimal 9\nE 1 2 1\nEND\nSECTION Terminals\nT 1\nT 2\nEND\n": "",
	} {
		_, err := steiner.ReadSTP(strings.NewReader(in))
		if want == "" {
			if err != nil {
				t.Errorf("unknown keys must be skipped: %v", err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadSTP(%q): got %v, want %q", in, err, want)
		}
	}
}

func FuzzReadSTP(f *testing.F) {
	b, _ := os.ReadFile(data + "B/b01.stp")
	f.Add(b)
	f.Add([]byte("SECTION Graph\nNodes 3\nE 1 2 1\nE 2 3 1\nEND\nSECTION Terminals\nT 1\nT 3\nEND\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := steiner.ReadSTP(strings.NewReader(string(b)))
		if err != nil || g.N > 200 || len(g.Edges) > 1000 {
			return
		}
		r, err := steiner.Solve(g, steiner.Options{Roots: 2})
		if err != nil {
			return
		}
		if r.LowerBound > r.Cost+1e-6 {
			t.Fatalf("bound %v above the cost %v", r.LowerBound, r.Cost)
		}
	})
}
