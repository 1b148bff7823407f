package planning

import (
	"context"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/fibre"
	"github.com/paulmach/orb/geojson"
)

// FibreResult is the fibre plan: year after year, as the reduction plan
// frees ducts, the cheapest network from the root to the sites.
type FibreResult struct {
	Conduits   int                `json:"conduits"`
	NetworkM   float64            `json:"network_m"`
	Components int                `json:"components"`
	Gaps       []fibre.Gap        `json:"gaps"`
	Sites      int                `json:"sites"`
	Streets    *fibre.StreetStats `json:"streets,omitempty"` // the street graph trenches follow, if given
	// ConduitNodes counts the network's nodes (ends and junctions).
	ConduitNodes int                                `json:"conduit_nodes"`
	Warnings     []clairvoie.ImportWarning          `json:"warnings,omitempty"` // sites left out of the input
	Params       fibre.Params                       `json:"params"`
	Years        []fibre.Route                      `json:"years"`
	Routes       map[int]*geojson.FeatureCollection `json:"routes"`           // per year: reused ducts and new trench
	Stages       []fibre.Stage                      `json:"stages,omitempty"` // with a yearly budget: the sites connected each year
	Synthetic    bool                               `json:"synthetic"`
	Plan         *Result                            `json:"-"`
}

// Fibre runs the reduction plan, then routes fibre for the state of the
// ducts before it starts and at the end of each of its years.
func Fibre(ctx context.Context, s Services, conduits clairvoie.ConduitService, r Request, t fibre.Targets, p fibre.Params) (*FibreResult, error) {
	sites, root := t.Sites, t.Root
	cs, err := conduits.FindConduits(ctx)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, clairvoie.Say(clairvoie.ENOTFOUND, "l'espace de travail n'a pas de réseau de fourreaux (« clairvoie conduits import »)", "the workspace has no conduit network ('clairvoie conduits import')")
	}
	if len(sites) == 0 {
		return nil, clairvoie.Say(clairvoie.EINVALID, "aucun site à raccorder", "no site to connect")
	}
	plan, err := Make(ctx, s, r)
	if err != nil {
		return nil, err
	}
	refOf := map[int64]string{}
	for _, c := range plan.Cameras {
		refOf[c.ID] = c.Ref
	}
	net := fibre.Build(cs, p)
	res := &FibreResult{Conduits: len(cs), NetworkM: net.LengthM, Components: net.Components, Gaps: net.Gaps, Sites: len(sites),
		Params: p, Routes: map[int]*geojson.FeatureCollection{}, Plan: plan, ConduitNodes: len(net.Nodes)}
	if len(t.Streets) > 0 {
		st := net.AddStreets(t.Streets, p)
		res.Streets = &st
	}
	for _, c := range cs {
		res.Synthetic = res.Synthetic || c.Synthetic
	}
	// Trenching everything costs the same every year.
	all, err := net.Plan(cs, make([]int, len(cs)), sites, root, p, 0, -1)
	if err != nil {
		return nil, err
	}
	closed := map[string]bool{}
	years := []int{r.Plan.StartYear - 1}
	for _, y := range plan.Plan.Years {
		years = append(years, y.Year)
	}
	var frees [][]int
	for k, year := range years {
		if k > 0 {
			for _, id := range plan.Plan.Years[k-1].Closed {
				closed[refOf[id]] = true
			}
		}
		free := fibre.FreeDucts(cs, closed)
		frees = append(frees, free)
		route, err := net.Plan(cs, free, sites, root, p, year, all.CostEUR)
		if err != nil {
			return nil, err
		}
		fc := geojson.NewFeatureCollection()
		for _, l := range route.Reused {
			f := geojson.NewFeature(l)
			f.Properties["kind"] = "reused"
			fc.Append(f)
		}
		for _, l := range route.Trench {
			f := geojson.NewFeature(l)
			f.Properties["kind"] = "trench"
			fc.Append(f)
		}
		res.Routes[year] = fc
		res.Years = append(res.Years, route)
	}
	if p.BudgetPerYr > 0 {
		res.Stages = net.Phase(frees, years, sites, root, p, p.BudgetPerYr)
	}
	return res, nil
}
