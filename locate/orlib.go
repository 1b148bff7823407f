package locate

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadORLib reads a p-median instance of Beasley's OR-Library: a first line
// "n m p", then m lines "i j cost" of an undirected graph (1-based). Where
// an edge repeats, the last occurrence wins (it is what reproduces the
// published optima). The distances are the shortest paths; every vertex is
// both a demand point of weight 1 and a candidate site. Errors name the line.
func ReadORLib(r io.Reader) (*Problem, int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	next := func() ([]string, error) {
		for sc.Scan() {
			line++
			if f := strings.Fields(sc.Text()); len(f) > 0 {
				return f, nil
			}
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	atoi := func(s, what string) (int, error) {
		v, err := strconv.Atoi(s)
		if err != nil {
			return 0, fmt.Errorf("line %d: %s %q is not a whole number", line, what, s)
		}
		return v, nil
	}
	head, err := next()
	if err != nil || len(head) < 3 {
		return nil, 0, fmt.Errorf("line %d: expected \"n m p\"", max(line, 1))
	}
	n, err := atoi(head[0], "n")
	if err != nil {
		return nil, 0, err
	}
	m, err := atoi(head[1], "m")
	if err != nil {
		return nil, 0, err
	}
	p, err := atoi(head[2], "p")
	if err != nil {
		return nil, 0, err
	}
	if n < 1 || n > maxORLibVertices || m < 0 || p < 1 || p > n {
		return nil, 0, fmt.Errorf("line %d: n = %d, m = %d, p = %d: expected 1 ≤ p ≤ n ≤ %d", line, n, m, p, maxORLibVertices)
	}
	type edge struct{ i, j int }
	cost := map[edge]float64{}
	order := make([]edge, 0, min(m, 1<<16)) // m comes from the header: never trust it for memory
	for k := 0; k < m; k++ {
		f, err := next()
		if err != nil {
			return nil, 0, fmt.Errorf("line %d: expected %d edges, found %d", line, m, k)
		}
		if len(f) < 3 {
			return nil, 0, fmt.Errorf("line %d: expected \"i j cost\"", line)
		}
		i, err := atoi(f[0], "i")
		if err != nil {
			return nil, 0, err
		}
		j, err := atoi(f[1], "j")
		if err != nil {
			return nil, 0, err
		}
		c, err := strconv.ParseFloat(f[2], 64)
		if err != nil || c < 0 || math.IsInf(c, 0) || math.IsNaN(c) {
			return nil, 0, fmt.Errorf("line %d: cost %q: expected a number ≥ 0", line, f[2])
		}
		if i < 1 || i > n || j < 1 || j > n {
			return nil, 0, fmt.Errorf("line %d: vertex out of 1..%d", line, n)
		}
		if i > j {
			i, j = j, i
		}
		e := edge{i - 1, j - 1}
		if _, ok := cost[e]; !ok {
			order = append(order, e)
		}
		cost[e] = c // the last occurrence wins
	}
	// Connectivity first, on the edges alone: the n×n distance matrix is
	// only allocated for a graph that can fill it (a short header must not
	// cost gigabytes).
	if !connected(n, order, func(e edge) (int, int) { return e.i, e.j }) {
		return nil, 0, fmt.Errorf("the graph is not connected: some vertices cannot reach others")
	}
	// All pairs shortest paths (Floyd–Warshall).
	d := make([]float64, n*n)
	for i := range d {
		d[i] = math.Inf(1)
	}
	for i := 0; i < n; i++ {
		d[i*n+i] = 0
	}
	for _, e := range order {
		c := cost[e]
		if c < d[e.i*n+e.j] {
			d[e.i*n+e.j], d[e.j*n+e.i] = c, c
		}
	}
	for k := 0; k < n; k++ {
		rk := d[k*n : (k+1)*n]
		for i := 0; i < n; i++ {
			dik := d[i*n+k]
			if math.IsInf(dik, 1) {
				continue
			}
			ri := d[i*n : (i+1)*n]
			for j, dkj := range rk {
				if v := dik + dkj; v < ri[j] {
					ri[j] = v
				}
			}
		}
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return &Problem{N: n, M: n, Weight: w, Dist: d}, p, nil
}

// maxORLibVertices bounds an instance: the all-pairs matrix takes 8·n² bytes
// (200 MB at 5,000) and Floyd–Warshall n³ steps. OR-Library's largest p-median
// instance has 900 vertices.
const maxORLibVertices = 5000

// connected reports whether the n vertices form one component under the
// edges (union–find with path halving).
func connected[E any](n int, edges []E, ends func(E) (int, int)) bool {
	parent := make([]int, n)
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
	components := n
	for _, e := range edges {
		a, b := ends(e)
		if ra, rb := find(a), find(b); ra != rb {
			parent[ra] = rb
			components--
		}
	}
	return components == 1
}
