// Package steiner solves the Steiner tree problem in graphs: connect given
// terminals at the least total edge cost. clairvoie uses it to route fibre
// through conduits (reuse a free duct, trench the rest).
//
// Solve builds trees with the shortest-path heuristic of Takahashi and
// Matsuyama from several roots, improves each by key-path exchange and by
// Steiner-vertex insertion and elimination (each followed by a minimum
// spanning tree of the chosen vertices and pruning), and proves a lower
// bound by Wong's dual ascent, so that every answer states its gap. Pure:
// a graph in, a tree out.
package steiner

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Edge is an undirected edge.
type Edge struct {
	U, V int
	W    float64
}

// Graph is an undirected graph with terminals; vertices are 0..N-1.
type Graph struct {
	N         int
	Edges     []Edge
	Terminals []int
}

// ReadSTP reads a SteinLib STP file: sections Graph (Nodes, Edges, E u v w)
// and Terminals (Terminals, T v). Unknown keys and sections are skipped;
// errors name the line.
func ReadSTP(r io.Reader) (*Graph, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	g := &Graph{N: -1}
	section := ""
	line := 0
	nEdges := -1
	seenT := map[int]bool{}
	vertex := func(s string) (int, error) {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || (g.N >= 0 && v > g.N) {
			return 0, fmt.Errorf("line %d: vertex %q: expected 1 to %d", line, s, g.N)
		}
		return v - 1, nil
	}
scan:
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		key := strings.ToUpper(f[0])
		switch {
		case key == "SECTION" && len(f) > 1:
			section = strings.ToUpper(f[1])
			continue
		case key == "END":
			section = ""
			continue
		case key == "EOF":
			break scan // what follows the EOF keyword is not the graph's
		}
		switch section {
		case "GRAPH":
			switch key {
			case "NODES":
				if len(f) < 2 {
					return nil, fmt.Errorf("line %d: Nodes needs a number", line)
				}
				n, err := strconv.Atoi(f[1])
				if err != nil || n < 1 || n > 10_000_000 {
					return nil, fmt.Errorf("line %d: Nodes %q: expected a positive number", line, f[1])
				}
				g.N = n
			case "EDGES", "ARCS":
				if len(f) > 1 {
					nEdges, _ = strconv.Atoi(f[1])
				}
			case "E", "A":
				if g.N < 0 {
					return nil, fmt.Errorf("line %d: an edge before Nodes", line)
				}
				if len(f) < 4 {
					return nil, fmt.Errorf("line %d: expected \"E u v cost\"", line)
				}
				u, err := vertex(f[1])
				if err != nil {
					return nil, err
				}
				v, err := vertex(f[2])
				if err != nil {
					return nil, err
				}
				w, err := strconv.ParseFloat(f[3], 64)
				if err != nil || w < 0 || math.IsInf(w, 0) || math.IsNaN(w) {
					return nil, fmt.Errorf("line %d: cost %q: expected a number ≥ 0", line, f[3])
				}
				if u != v {
					g.Edges = append(g.Edges, Edge{u, v, w})
				}
			}
		case "TERMINALS":
			switch key {
			case "T":
				if len(f) < 2 {
					return nil, fmt.Errorf("line %d: expected \"T v\"", line)
				}
				v, err := vertex(f[1])
				if err != nil {
					return nil, err
				}
				if !seenT[v] {
					seenT[v] = true
					g.Terminals = append(g.Terminals, v)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if g.N < 0 {
		return nil, fmt.Errorf("no Nodes line: not a SteinLib STP file")
	}
	if nEdges >= 0 && nEdges != len(g.Edges) {
		// Loops are dropped; a short file is an error.
		if len(g.Edges) < nEdges-nEdges/100-1 {
			return nil, fmt.Errorf("the Edges line says %d, the file has %d", nEdges, len(g.Edges))
		}
	}
	if len(g.Terminals) == 0 {
		return nil, fmt.Errorf("no terminal")
	}
	return g, nil
}
