package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/fibre"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/clairvoie/clairvoie/planning"
)

const conduitsUsage = `conduits import --db FILE --source NAME [--json] CONDUITS.geojson|CONDUITS.csv

Imports a conduit network (replacing the source's), all or nothing: GeoJSON LineStrings with
ref, city_share, ducts_free, ducts_used, cameras (the references of the cameras each serves),
length_m; or a CSV of edges with ref, from_lon, from_lat, to_lon, to_lat and the same optional
columns (cameras separated by ";").`

func runConduits(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("conduits")
	dbPath := m.dbFlag(fs)
	source := fs.String("source", "", "name of the network's source")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, conduitsUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "import" || *dbPath == "" || *source == "" {
		return usagef("conduits", "expected 'conduits import --db FILE --source NAME FILE.geojson|FILE.csv'")
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	read := geojsonio.ReadConduits
	if strings.EqualFold(filepath.Ext(pos[1]), ".csv") {
		read = csvio.ReadConduits
	}
	cs, err := read(f, pos[1])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	if err := ws.conduits.ReplaceConduits(ctx, *source, cs); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	net := fibre.Build(cs, fibre.DefaultParams)
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"imported": len(cs), "network_m": net.LengthM, "components": net.Components, "gaps": net.Gaps})
	}
	fmt.Fprintf(m.Stdout, "%d conduits, %.1f km, %d components\n", len(cs), net.LengthM/1000, net.Components)
	for i, g := range net.Gaps {
		if i == 10 {
			break
		}
		fmt.Fprintf(m.Stdout, "gap of %.0f m between %v and %v\n", g.M, g.From, g.To)
	}
	return nil
}

const fibreUsage = `fibre --db FILE [--sites SITES.geojson|.osm|.osm.pbf] [--root LON,LAT] [--amenity LIST]
      [--streets STREETS.geojson|.osm|.osm.pbf] [--pull EUR_PER_M] [--trench EUR_PER_M] [--rent EUR_PER_M_YR]
      [--budget EUR_PER_YR] [plan flags] [--json]

Routes optical fibre from the root (a site with role "root", e.g. the supervision centre)
to the public sites, through the conduits the reduction plan frees year by year: pulling
through a free duct costs --pull €/m, trenching --trench €/m. Prints, per year, the cost,
the saving against trenching everything, the metres reused and trenched, and the rent the
free ducts left over would bring. With --budget, also which sites that yearly budget connects
each year, the cheapest to add to what is built first. Sites default to sites.geojson beside the database;
an OpenStreetMap file gives its amenity=* nodes and ways (libraries, schools, social centres,
town halls by default) and then needs --root. With a street graph (--streets, or streets.geojson
beside the database), new trench follows the streets; without, it is a straight line × 1.3.`

func runFibre(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("fibre")
	dbPath := m.dbFlag(fs)
	pf := newPlanFlags(fs)
	tf := newTargetFlags(fs)
	p := fibre.DefaultParams
	fs.Float64Var(&p.PullPerM, "pull", p.PullPerM, "€ per metre to pull fibre through a free duct")
	fs.Float64Var(&p.TrenchPerM, "trench", p.TrenchPerM, "€ per metre of new trench")
	fs.Float64Var(&p.RentPerMYr, "rent", p.RentPerMYr, "€ per metre of free duct rented a year")
	fs.Float64Var(&p.BudgetPerYr, "budget", 0, "€ a year for fibre: phase the sites, cheapest to add first (0: route to every site each year)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, fibreUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || len(pos) > 0 {
		return usagef("fibre", "--db is required, and no argument")
	}
	if p.BudgetPerYr < 0 {
		return usagef("fibre", "--budget is € a year, 0 or more")
	}
	targets, warns, err := tf.load(ctx, *dbPath, false)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	svc := planning.Services{Cameras: ws.cameras, Usage: ws.usage, Areas: ws.areas}
	req, err := pf.request(ctx, svc)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if req.Today, _, err = ws.day(ctx, clairvoie.Date{}); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	res, err := planning.Fibre(ctx, svc, ws.conduits, req, *targets, p)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	res.Warnings = warns
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "Fibre to %d sites through %d conduits (%.1f km, %d components)\n", res.Sites, res.Conduits, res.NetworkM/1000, res.Components)
	if res.Synthetic {
		fmt.Fprintln(m.Stdout, "SYNTHETIC CONDUITS / FOURREAUX SYNTHÉTIQUES")
	}
	for _, w := range warns {
		fmt.Fprintf(m.Stdout, "warning: %s: %s %s left out, expected %s\n", w.Feature, w.Field, w.Value, w.Expected)
	}
	if st := res.Streets; st != nil {
		fmt.Fprintf(m.Stdout, "Trenches follow %.1f km of streets (%d nodes); %d of %d conduit nodes within %.0f m of a street\n",
			st.LengthM/1000, st.Nodes, st.LinkedDuct, res.ConduitNodes, p.LinkM)
	} else {
		fmt.Fprintf(m.Stdout, "No street graph: trenches are straight lines × %.1f\n", p.Detour)
	}
	fmt.Fprintf(m.Stdout, "%-6s %12s %14s %12s %10s %10s %12s %7s\n", "year", "cost €", "all-trench €", "saving €", "reused m", "trench m", "rent €/yr", "gap")
	for _, y := range res.Years {
		fmt.Fprintf(m.Stdout, "%-6d %12.0f %14.0f %12.0f %10.0f %10.0f %12.0f %6.2f%%\n", y.Year, y.CostEUR, y.AllTrenchEUR, y.SavingEUR, y.ReusedM, y.TrenchM, y.RentEUR, 100*y.Gap)
	}
	if len(res.Stages) > 0 {
		fmt.Fprintf(m.Stdout, "\nWith %.0f € a year (cheapest site to add first):\n", p.BudgetPerYr)
		fmt.Fprintf(m.Stdout, "%-6s %12s %12s %8s  %s\n", "year", "spent €", "carried €", "sites", "connected this year")
		for _, st := range res.Stages {
			fmt.Fprintf(m.Stdout, "%-6d %12.0f %12.0f %8d  %s\n", st.Year, st.SpentEUR, st.CarryEUR, st.Total, strings.Join(st.Connected, ", "))
		}
	}
	return nil
}
