package main_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSteinerAndFibre(t *testing.T) {
	var st struct {
		Cost       float64
		LowerBound float64 `json:"lower_bound"`
	}
	decode(t, mustRun(t, "steiner", "../../bench/data/steinlib/B/b01.stp", "--json").stdout, &st)
	if st.Cost != 82 || st.LowerBound > 82 || st.LowerBound <= 0 {
		t.Errorf("b01: cost %v, bound %v; want the optimum 82 and a bound ≤ 82", st.Cost, st.LowerBound)
	}
	if r := run(t, "steiner", "../../bench/data/pmedian/pmed1.txt", "--json"); r.code != 1 || !strings.Contains(r.stderr, "Nodes") {
		t.Errorf("not an STP file: exit %d, %q", r.code, r.stderr)
	}

	dir := t.TempDir()
	var sum struct {
		DB       string
		Conduits int
	}
	decode(t, mustRun(t, "demo", "--dir", dir, "--no-serve", "--json").stdout, &sum)
	if sum.Conduits != 1968 {
		t.Errorf("demo conduits: %d", sum.Conduits)
	}
	var f struct {
		Sites, Components int
		Synthetic         bool
		Years             []struct {
			Year      int
			Cost      float64 `json:"cost_eur"`
			AllTrench float64 `json:"all_trench_eur"`
			Reused    float64 `json:"reused_m"`
			Rent      float64 `json:"rent_eur_yr"`
		}
		Stages []struct {
			Connected []string
			Spent     float64 `json:"spent_eur"`
			Carry     float64 `json:"carry_eur"`
			Total     int     `json:"sites_connected"`
		}
	}
	decode(t, mustRun(t, "fibre", "--db", sum.DB, "--start", "2027", "--years", "2", "--budget", "1500000", "--json").stdout, &f)
	if f.Sites != 35 || f.Components != 1 || !f.Synthetic || len(f.Years) != 3 {
		t.Fatalf("fibre: %+v", f)
	}
	// A yearly budget of 1.5 M€ phases the 35 sites; what is not spent is carried.
	spent, names := 0.0, 0
	for i, st := range f.Stages {
		spent += st.Spent
		names += len(st.Connected)
		if i > 0 && st.Total < f.Stages[i-1].Total {
			t.Errorf("stages: %+v", f.Stages)
		}
	}
	if len(f.Stages) != 3 || names != f.Stages[2].Total || f.Stages[0].Total == 0 || f.Stages[2].Total > 35 ||
		math.Abs(spent+f.Stages[2].Carry-3*1500000) > 1 {
		t.Errorf("stages: %+v", f.Stages)
	}
	if r := run(t, "fibre", "--db", sum.DB, "--budget", "-1"); r.code != 2 {
		t.Errorf("negative budget: exit %d", r.code)
	}
	first, last := f.Years[0], f.Years[2]
	if last.Cost > first.Cost || last.Rent < first.Rent || first.Cost >= first.AllTrench || first.Reused <= 0 {
		t.Errorf("fibre years: %+v", f.Years)
	}
	if r := run(t, "fibre", "--db", sum.DB, "--sites", filepath.Join(dir, "nope.geojson")); r.code != 1 {
		t.Errorf("missing sites: exit %d", r.code)
	}

	// Sites from OpenStreetMap (amenity=*: a library node, a school mapped
	// twice, a town hall way; a way cut by the extract is a warning), trench
	// along its streets; an OpenStreetMap file has no root: --root is needed.
	places := "../../osm/testdata/places.osm"
	var o struct {
		Sites    int
		Streets  *struct{ Nodes, Segments int }
		Warnings []struct{ Feature string }
		Years    []struct {
			Straight int     `json:"sites_straight"`
			Trench   float64 `json:"trench_m"`
		}
	}
	decode(t, mustRun(t, "fibre", "--db", sum.DB, "--sites", places, "--root", "5.3698,43.2965", "--start", "2027", "--years", "1", "--json").stdout, &o)
	if o.Sites != 3 || o.Streets != nil || len(o.Years) != 2 || o.Years[0].Straight != 3 {
		t.Fatalf("OSM sites, no streets: %+v", o)
	}
	if len(o.Warnings) != 2 || o.Warnings[0].Feature != "way/102" || o.Warnings[1].Feature != "relation/300" {
		t.Errorf("warnings: %+v", o.Warnings)
	}
	// With the streets, the sites they bring within 60 m of a duct are
	// routed along them; the others still fall back to a straight line.
	o.Streets = nil
	decode(t, mustRun(t, "fibre", "--db", sum.DB, "--sites", places, "--root", "5.3698,43.2965", "--streets", places, "--start", "2027", "--years", "1", "--json").stdout, &o)
	if o.Streets == nil || o.Streets.Segments != 3 || o.Years[0].Straight >= 3 || o.Years[0].Trench <= 0 {
		t.Errorf("OSM sites along streets: %+v %+v", o.Streets, o.Years)
	}
	if r := run(t, "fibre", "--db", sum.DB, "--sites", places, "--json"); r.code != 1 || !strings.Contains(r.stdout, "--root LON,LAT") {
		t.Errorf("OSM sites without --root: exit %d, %q", r.code, r.stdout)
	}
	if r := run(t, "fibre", "--db", sum.DB, "--sites", places, "--root", "5.37;43.29"); r.code != 1 || !strings.Contains(r.stderr, "expected LON,LAT") {
		t.Errorf("bad --root: exit %d, %q", r.code, r.stderr)
	}

	// A CSV of edges, far from the demo's network: two conduits joined at
	// one end make one component of their own.
	good := filepath.Join(dir, "extra.csv")
	bad := filepath.Join(dir, "bad.csv")
	writeFile(t, good, "ref;from_lon;from_lat;to_lon;to_lat;ducts_free\nL1;4,8350;45,7640;4,8360;45,7640;1\nL2;4,8360;45,7640;4,8360;45,7650;0\n")
	writeFile(t, bad, "ref,from_lon,from_lat,to_lon,to_lat\nL1,4.835,45.764,4.836,45.764\nL2,4.836,45.764,4.836,145.765\n")
	var imp struct{ Imported, Components int }
	decode(t, mustRun(t, "conduits", "import", "--db", sum.DB, "--source", "extra", good, "--json").stdout, &imp)
	if imp.Imported != 2 || imp.Components != 1 {
		t.Errorf("CSV conduits: %+v", imp)
	}
	if r := run(t, "conduits", "import", "--db", sum.DB, "--source", "extra", bad); r.code != 1 || !strings.Contains(r.stderr, `bad.csv:3: field "to_lat": got "145.765"`) {
		t.Errorf("bad CSV conduits: exit %d, %q", r.code, r.stderr)
	}
	decode(t, mustRun(t, "fibre", "--db", sum.DB, "--start", "2027", "--years", "0", "--json").stdout, &f)
	if f.Components != 2 {
		t.Errorf("after a good then a refused import the network has %d components, want 2 (the demo's and extra's)", f.Components)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
