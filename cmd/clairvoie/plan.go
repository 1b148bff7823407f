package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/cost"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	"github.com/clairvoie/clairvoie/locate"
	"github.com/clairvoie/clairvoie/plan"
	"github.com/clairvoie/clairvoie/planning"
)

const planUsage = `plan --db FILE [--source NAME] [--mode savings|loss] [--target EUR] [--loss-cap SHARE]
     [--years N] [--start YEAR] [--capacity N] [--contracts wait|compensate] [--scenario low|central|high]
     [--config FILE] [--method mclp|pmedian] [--radius METRES] [--intervention-weight W] [--out FILE] [--json]

Plans the reduction year by year: close the least useful cameras first, either to add
--target € of yearly savings each year (savings mode, default: 5 % of the installation's
yearly cost) or losing at most --loss-cap of the initial usefulness each year (loss mode),
within --capacity closures a year and the contracts. The savings fund mediator posts,
placed where the need shows (MCLP within --radius, or p-median). Every plan states its
bound and its gap to the best possible plan. Cost parameters: defaults with sources, or
--config (JSON); --scenario takes every parameter at its low, central or high value.
--out saves the whole plan (the --json form) for the council's file: written to a temporary
file and renamed, so that a crash leaves the previous plan or the new one, never half.`

// planFlags are the plan's options, shared with the HTTP API's defaults.
type planFlags struct {
	source, mode, contracts, scenario, config, method *string
	target, lossCap, radius, weight                   *float64
	years, start, capacity                            *int
}

func newPlanFlags(fs *flag.FlagSet) planFlags {
	return planFlags{
		source:    fs.String("source", "", "the city's source of cameras (default: the one with a usage ledger)"),
		mode:      fs.String("mode", "savings", "savings or loss"),
		contracts: fs.String("contracts", "wait", "wait (close at the contract's end) or compensate (close when best, pay the compensation)"),
		scenario:  fs.String("scenario", "central", "low, central or high: every cost parameter at that value"),
		config:    fs.String("config", "", "cost parameters (JSON) over the defaults"),
		method:    fs.String("method", "mclp", "where to place the posts: mclp or pmedian"),
		target:    fs.Float64("target", 0, "€ of new yearly savings each year (default: 5 % of the yearly cost)"),
		lossCap:   fs.Float64("loss-cap", 0.02, "share of the initial usefulness that may be lost each year (loss mode)"),
		radius:    fs.Float64("radius", 1000, "metres a mediator's post reaches"),
		weight:    fs.Float64("intervention-weight", 0, "weight of a live intervention against a decisive contribution (default 0.1)"),
		years:     fs.Int("years", 6, "horizon in years"),
		start:     fs.Int("start", time.Now().Year()+1, "first year of the plan"),
		capacity:  fs.Int("capacity", 0, "cameras the city can decommission a year (default: a tenth of them)"),
	}
}

func runPlan(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("plan")
	dbPath := m.dbFlag(fs)
	pf := newPlanFlags(fs)
	asJSON := fs.Bool("json", false, "print the plan as JSON")
	out := fs.String("out", "", "also save the whole plan as JSON in this file (written whole or not at all)")
	pos, err := m.parse(fs, planUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" {
		return usagef("plan", "--db is required")
	}
	if len(pos) > 0 {
		return usagef("plan", "unexpected argument %q", pos[0])
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
	res, err := planning.Make(ctx, svc, req)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *out != "" {
		// A temporary file renamed into place: a crash leaves the previous
		// plan or this one, never half of it.
		if err := atomicfile.Write(*out, 0o644, func(w io.Writer) error { return writeJSON(w, res) }); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	}
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	p := res.Plan
	fmt.Fprintf(m.Stdout, "Plan for %s (%s mode, scenario %s, %d cameras, %s placement within %g m)\n", res.Source, p.Mode, res.Scenario, p.Cameras, res.Method, res.Radius)
	if res.Synthetic {
		fmt.Fprintln(m.Stdout, "SYNTHETIC DATA / DONNÉES SYNTHÉTIQUES")
	}
	fmt.Fprintf(m.Stdout, "%-6s %7s %12s %14s %10s %6s %9s %9s %8s\n", "year", "closed", "saved €/yr", "cumulative €", "comp. €", "posts", "kept", "covered", "gap")
	for _, y := range p.Years {
		fmt.Fprintf(m.Stdout, "%-6d %7d %12.0f %14.0f %10.0f %6d %8.1f%% %8.1f%% %7.3f%%\n", y.Year, y.ClosedCount, y.Savings, y.CumulativeSavings,
			y.Compensation, y.Posts, 100*y.UsefulnessKept, 100*y.Coverage, 100*y.Gap)
	}
	fmt.Fprintf(m.Stdout, "\n%s\n\n%s\n", res.SummaryFR, res.SummaryEN)
	for _, n := range res.Notes {
		fmt.Fprintf(m.Stdout, "note: %s\n", n)
	}
	return nil
}

// request turns the flags into a planning request, filling the defaults
// that depend on the workspace.
func (pf planFlags) request(ctx context.Context, svc planning.Services) (planning.Request, error) {
	var req planning.Request
	scenario, err := cost.ParseScenario(*pf.scenario)
	if err != nil {
		return req, clairvoie.Errorf(clairvoie.EINVALID, "%v", err)
	}
	params, err := cost.Load(*pf.config)
	if err != nil {
		return req, err
	}
	method, err := locate.ParseMethod(*pf.method)
	if err != nil {
		return req, clairvoie.Errorf(clairvoie.EINVALID, "%v", err)
	}
	mode := plan.Mode(*pf.mode)
	if mode != plan.Savings && mode != plan.Loss {
		return req, clairvoie.Errorf(clairvoie.EINVALID, "mode %q: savings or loss", *pf.mode)
	}
	contracts := plan.Contracts(*pf.contracts)
	if contracts != plan.Wait && contracts != plan.Compensate {
		return req, clairvoie.Errorf(clairvoie.EINVALID, "contracts %q: wait or compensate", *pf.contracts)
	}
	source := *pf.source
	if source == "" {
		if source, err = planning.DefaultSource(ctx, svc); err != nil {
			return req, err
		}
	}
	cams, _, err := svc.Cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: source, Status: []clairvoie.Status{clairvoie.StatusActive, clairvoie.StatusOutOfService}})
	if err != nil {
		return req, err
	}
	capacity := *pf.capacity
	if capacity == 0 {
		capacity = max(1, len(cams)/10)
	}
	target := *pf.target
	if target == 0 {
		total := 0.0
		for _, c := range cams {
			total += params.Camera(c, scenario).Total
		}
		target = 0.05 * total
	}
	req = planning.Request{Source: source, Scenario: scenario, Params: params, Method: method, Radius: *pf.radius,
		InterventionWeight: *pf.weight, Today: clairvoie.DateOf(time.Now()),
		Plan: plan.Options{StartYear: *pf.start, Years: *pf.years, Mode: mode, SavingsTarget: target, LossCap: *pf.lossCap,
			Capacity: capacity, Contracts: contracts}}
	return req, nil
}
