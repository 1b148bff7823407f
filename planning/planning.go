// Package planning assembles a reduction plan from a workspace: it reads
// the cameras, their usage ledger and the areas through the domain's
// services, prices each camera (package cost), estimates what it brings
// (usefulness), plans the closures year by year (plan) and places the
// mediators' posts that the savings fund where the need shows (locate).
// The CLI and the HTTP API both call it, so they give the same plan.
package planning

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/cost"
	"github.com/clairvoie/clairvoie/internal/locale"
	"github.com/clairvoie/clairvoie/locate"
	"github.com/clairvoie/clairvoie/plan"
	"github.com/clairvoie/clairvoie/usefulness"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
)

// Request is what a user asks for.
type Request struct {
	Source             string // the city's source of cameras
	Scenario           cost.Scenario
	Params             cost.Params
	Plan               plan.Options
	Method             locate.Method
	Radius             float64 // metres a mediator's post reaches (MCLP), default 1,000
	InterventionWeight float64
	Today              clairvoie.Date
}

// Site is where posts stand.
type Site struct {
	Code     string    `json:"code"` // the area's code, or the camera's reference
	Name     string    `json:"name"`
	Location orb.Point `json:"location"`
	Posts    int       `json:"posts"`
	Need     float64   `json:"need"` // its demand weight
}

// YearSites are a year's posts, and the share of the need they reach.
type YearSites struct {
	Year     int     `json:"year"`
	Sites    []Site  `json:"sites"`
	Coverage float64 `json:"coverage"`
}

// Result is a plan with everything needed to read it.
type Result struct {
	Source    string           `json:"source"`
	Synthetic bool             `json:"synthetic"`
	Scenario  cost.Scenario    `json:"scenario"`
	Params    cost.Params      `json:"params"`
	Method    locate.Method    `json:"method"`
	Radius    float64          `json:"radius_m"`
	Demand    string           `json:"demand"` // what the demand points are
	Plan      *plan.Plan       `json:"plan"`
	Sites     []YearSites      `json:"sites"`
	Prior     usefulness.Prior `json:"prior_decisive"`
	Cameras   []CameraView     `json:"cameras"`
	Bound     float64          `json:"bound"`
	Gap       float64          `json:"gap"`
	SummaryFR string           `json:"summary_fr"`
	SummaryEN string           `json:"summary_en"`
	Notes     []string         `json:"notes"`
}

// CameraView is one camera as the plan sees it.
type CameraView struct {
	ID         int64               `json:"id"`
	Ref        string              `json:"ref"`
	Location   orb.Point           `json:"location"`
	Cost       cost.CameraYear     `json:"cost"`
	Usefulness usefulness.Estimate `json:"usefulness"`
	PerEuro    float64             `json:"decisive_per_100k_eur"` // decisive contributions a year per 100,000 € a year
	ClosedIn   int                 `json:"closed_in,omitempty"`   // the plan's year, 0 if kept
	Quartier   string              `json:"quartier,omitempty"`
}

// Services are what planning reads.
type Services struct {
	Cameras clairvoie.CameraService
	Usage   clairvoie.UsageService
	Areas   clairvoie.AreaService
}

// Make builds the plan.
func Make(ctx context.Context, s Services, r Request) (*Result, error) {
	if r.Radius <= 0 {
		r.Radius = 1000
	}
	if r.Method == "" {
		r.Method = locate.MethodMCLP
	}
	if err := r.Params.Validate(); err != nil {
		return nil, err
	}
	cams, _, err := s.Cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: r.Source,
		Status: []clairvoie.Status{clairvoie.StatusActive, clairvoie.StatusOutOfService}})
	if err != nil {
		return nil, err
	}
	if len(cams) == 0 {
		return nil, clairvoie.Say(clairvoie.ENOTFOUND, "la source %q n'a aucune caméra installée sur laquelle planifier", "source %q holds no installed camera to plan on", r.Source)
	}
	ids := map[int64]int{}
	for i, c := range cams {
		ids[c.ID] = i
	}
	sums, err := s.Usage.SumUsage(ctx, clairvoie.UsageFilter{})
	if err != nil {
		return nil, err
	}
	counts := make([]usefulness.Counts, len(cams))
	for i, c := range cams {
		counts[i].CameraID = c.ID
	}
	withUsage := 0
	for _, u := range sums {
		i, ok := ids[u.CameraID]
		if !ok || u.Months == 0 {
			continue
		}
		withUsage++
		c := &counts[i]
		c.Months = u.Months
		c.Decisive = u.Decisive
		c.Interventions = u.Interventions
		c.Requisitions = u.Requisitions
		c.Extractions = u.Extractions
	}
	est, prior, _ := usefulness.Fit(counts, usefulness.Options{InterventionWeight: r.InterventionWeight})
	res := &Result{Source: r.Source, Scenario: r.Scenario, Params: r.Params, Method: r.Method, Radius: r.Radius, Prior: prior}
	if withUsage == 0 {
		res.Notes = append(res.Notes, "no usage ledger for these cameras: every camera gets the same prior usefulness, so the plan only follows costs (import a ledger with 'clairvoie usage import')")
	} else if withUsage < len(cams) {
		res.Notes = append(res.Notes, fmt.Sprintf("%d of %d cameras have no usage months: they get the installation's prior", len(cams)-withUsage, len(cams)))
	}
	res.Notes = append(res.Notes, "incidents and event risk within each camera's field are not yet part of usefulness (they come with the event calendar)")

	pcs := make([]plan.Camera, len(cams))
	res.Cameras = make([]CameraView, len(cams))
	for i, c := range cams {
		y := r.Params.Camera(c, r.Scenario)
		e := est[i] // est is sorted by camera id, as cams are
		activity := 0.0
		if counts[i].Months > 0 {
			activity = float64(counts[i].Requisitions) / (float64(counts[i].Months) / 12)
		}
		pcs[i] = plan.Camera{ID: c.ID, Saving: y.Total, Usefulness: e.Score, ContractEnd: c.ContractEnd,
			BreakCost: r.Params.BreakCompensation.At(r.Scenario) * y.Maintenance, Quartier: c.Quartier, Activity: activity}
		res.Cameras[i] = CameraView{ID: c.ID, Ref: c.SourceRef, Location: c.Location, Cost: y, Usefulness: e, Quartier: c.Quartier,
			PerEuro: e.Decisive.Mean / y.Total * 100000}
		res.Synthetic = res.Synthetic || c.Synthetic
	}
	r.Plan.MediatorCost = r.Params.Mediator(r.Scenario)
	p, err := plan.Make(pcs, r.Plan)
	if err != nil {
		var ce *plan.ConstraintError
		if errors.As(err, &ce) {
			return nil, &clairvoie.Error{Code: clairvoie.EINVALID, Message: ce.Error(), French: ce.French()}
		}
		return nil, err
	}
	res.Plan, res.Bound, res.Gap = p, p.Bound, p.Gap
	closedIn := map[int64]int{}
	for _, y := range p.Years {
		for _, id := range y.Closed {
			closedIn[id] = y.Year
		}
	}
	for i := range res.Cameras {
		res.Cameras[i].ClosedIn = closedIn[res.Cameras[i].ID]
	}
	if err := res.place(ctx, s, r, cams, pcs, p); err != nil {
		return nil, err
	}
	res.summaries()
	return res, nil
}

// place puts each year's posts on the demand: the quartiers when the
// workspace has them, else the cameras themselves; a quartier's need is the
// yearly requisitions of the cameras that remain in it.
func (res *Result) place(ctx context.Context, s Services, r Request, cams []*clairvoie.Camera, pcs []plan.Camera, p *plan.Plan) error {
	var pts []demandPoint
	at := make([]int, len(cams)) // the demand point of each camera, -1 if none
	if s.Areas != nil {
		areas, err := s.Areas.FindAreas(ctx, clairvoie.AreaQuartier)
		if err != nil {
			return err
		}
		used := map[string]bool{}
		for _, c := range cams {
			used[c.Quartier] = true
		}
		index := map[string]int{}
		for _, a := range areas {
			if !used[a.Code] {
				continue
			}
			c, _ := planar.CentroidArea(a.Geometry)
			index[a.Code] = len(pts)
			pts = append(pts, demandPoint{a.Code, a.Name, c})
		}
		for i, c := range cams {
			if k, ok := index[c.Quartier]; ok {
				at[i] = k
			} else {
				at[i] = -1
			}
		}
	}
	if len(pts) == 0 {
		res.Demand = "cameras"
		for i, c := range cams {
			at[i] = i
			pts = append(pts, demandPoint{c.SourceRef, c.Place, c.Location})
		}
	} else {
		res.Demand = "quartiers"
	}
	if len(pts) > MaxDemandPoints {
		var size float64
		pts, size = coarsen(pts, at)
		res.Demand += fmt.Sprintf(" in cells of %.0f m", size)
		res.Notes = append(res.Notes, fmt.Sprintf("the demand (%s) is gathered in %d square cells of %.0f m, each at the mean position of what it holds: an all-pairs distance matrix over more than %d points would not fit in memory",
			res.Demand, len(pts), size, MaxDemandPoints))
	}
	dist := make([][]float64, len(pts))
	for i := range pts {
		dist[i] = make([]float64, len(pts))
		for j := range pts {
			dist[i][j] = geo.DistanceHaversine(pts[i].at, pts[j].at)
		}
	}
	open := make([]bool, len(cams))
	for i := range open {
		open[i] = true
	}
	closedYear := map[int64]int{}
	for _, y := range p.Years {
		for _, id := range y.Closed {
			closedYear[id] = y.Year
		}
	}
	var placed []int
	for yi, y := range p.Years {
		weights := make([]float64, len(pts))
		for i := range cams {
			if cy, ok := closedYear[cams[i].ID]; ok && cy <= y.Year {
				continue
			}
			if at[i] >= 0 {
				weights[at[i]] += pcs[i].Activity
			}
		}
		pr, err := locate.NewProblem(weights, dist)
		if err != nil {
			return err
		}
		if more := y.Posts - len(placed); more > 0 {
			placed = append(placed, locate.Extend(pr, placed, more, r.Method, r.Radius)...)
		}
		ys := YearSites{Year: y.Year, Coverage: locate.Coverage(pr, placed, r.Radius)}
		count := map[int]int{}
		for _, j := range placed {
			count[j]++
		}
		for j, n := range count {
			ys.Sites = append(ys.Sites, Site{Code: pts[j].code, Name: pts[j].name, Location: pts[j].at, Posts: n, Need: weights[j]})
		}
		sort.Slice(ys.Sites, func(a, b int) bool { return ys.Sites[a].Code < ys.Sites[b].Code })
		res.Sites = append(res.Sites, ys)
		p.Years[yi].Coverage = ys.Coverage
		p.Years[yi].Sites = append([]int(nil), placed...)
	}
	return nil
}

// MaxDemandPoints bounds the points the mediators are placed on: the
// location problem holds their all-pairs distances (8 bytes each: 32 MB at
// 2,000) and the greedy placement weighs every pair for each post.
const MaxDemandPoints = 2000

// demandPoint is where mediators may be placed: a quartier, a camera, or a
// cell gathering them.
type demandPoint struct {
	code, name string
	at         orb.Point
}

// coarsen gathers demand points in square cells, doubling the side from
// 250 m until at most MaxDemandPoints cells hold some; each cell stands at
// the mean position of its points. It rewrites at (camera → point) and
// returns the cells and their side in metres.
func coarsen(pts []demandPoint, at []int) ([]demandPoint, float64) {
	var lat0 float64
	for _, p := range pts {
		lat0 += p.at[1]
	}
	lat0 /= float64(len(pts))
	mLon := 111320 * math.Cos(lat0*math.Pi/180) // metres per degree, near enough for binning
	const mLat = 110574.0
	for side := 250.0; ; side *= 2 {
		cellOf := make([]int, len(pts))
		index := map[[2]int64]int{}
		for i, p := range pts {
			k := [2]int64{int64(math.Floor(p.at[0] * mLon / side)), int64(math.Floor(p.at[1] * mLat / side))}
			c, ok := index[k]
			if !ok {
				c = len(index)
				index[k] = c
			}
			cellOf[i] = c
		}
		if len(index) > MaxDemandPoints {
			continue
		}
		out := make([]demandPoint, len(index))
		n := make([]float64, len(index))
		for i, p := range pts {
			c := cellOf[i]
			out[c].at[0] += p.at[0]
			out[c].at[1] += p.at[1]
			n[c]++
		}
		for k, c := range index {
			out[c].code = fmt.Sprintf("maille-%.0fm-%d-%d", side, k[0], k[1])
			out[c].at = orb.Point{out[c].at[0] / n[c], out[c].at[1] / n[c]}
		}
		for i, a := range at {
			if a >= 0 {
				at[i] = cellOf[a]
			}
		}
		return out, side
	}
}

// summaries write what a councillor can read aloud, in French and English.
func (res *Result) summaries() {
	p := res.Plan
	if len(p.Years) == 0 {
		return
	}
	last := p.Years[len(p.Years)-1]
	closed := 0
	for _, y := range p.Years {
		closed += y.ClosedCount
	}
	first, lastYear := p.Years[0].Year, last.Year
	say := func(l locale.Lang, format string) string {
		return fmt.Sprintf(format, first, lastYear, locale.Int(l, closed), locale.Int(l, p.Cameras), locale.Dec(l, last.CumulativeSavings/1e6, 1),
			locale.Int(l, last.Posts), locale.Pct(l, last.UsefulnessKept, 0), locale.Pct(l, last.Coverage, 0), locale.Int(l, int(math.Round(res.Radius))), locale.Pct(l, p.Gap, 2))
	}
	fr := say(locale.FR, "De %d à %d, fermer %s des %s caméras, les moins utiles d'abord, libère %s M€ par an, de quoi financer %s postes de médiateurs. "+
		"Les caméras qui restent gardent %s de l'utilité mesurée (contributions décisives et interventions en direct). "+
		"Les médiateurs sont placés là où le besoin se montre ; la dernière année, ils couvrent %s de ce besoin à moins de %s m. "+
		"Ce plan est à %s au plus du meilleur plan possible sous les mêmes contraintes.")
	en := say(locale.EN, "From %d to %d, closing %s of the %s cameras, least useful first, frees %s M€ a year, enough to fund %s mediator posts. "+
		"The cameras that remain keep %s of the measured usefulness (decisive contributions and live interventions). "+
		"Mediators are placed where the need shows; in the last year they reach %s of that need within %s m. "+
		"This plan is within %s of the best possible plan under the same constraints.")
	if res.Synthetic {
		fr += " Attention : ces chiffres portent sur des données synthétiques."
		en += " Beware: these figures come from synthetic data."
	}
	if comp := totalCompensation(p); comp > 0 {
		fr += fmt.Sprintf(" Rompre des contrats coûte en tout %s M€, une fois.", locale.Dec(locale.FR, comp/1e6, 1))
		en += fmt.Sprintf(" Breaking contracts costs %s M€ in all, once.", locale.Dec(locale.EN, comp/1e6, 1))
	}
	res.SummaryFR, res.SummaryEN = strings.TrimSpace(fr), strings.TrimSpace(en)
}

func totalCompensation(p *plan.Plan) float64 {
	c := 0.0
	for _, y := range p.Years {
		c += y.Compensation
	}
	return c
}

// DefaultSource is the source to plan on when none is named: the one whose
// cameras have the most usage months.
func DefaultSource(ctx context.Context, s Services) (string, error) {
	srcs, err := s.Cameras.FindSources(ctx)
	if err != nil {
		return "", err
	}
	if len(srcs) == 1 {
		return srcs[0].Name, nil
	}
	sums, err := s.Usage.SumUsage(ctx, clairvoie.UsageFilter{})
	if err != nil {
		return "", err
	}
	per := map[int64]int{}
	for _, u := range sums {
		per[u.CameraID] = u.Months
	}
	best, bestN := "", 0
	for _, src := range srcs {
		cams, _, err := s.Cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: src.Name})
		if err != nil {
			return "", err
		}
		n := 0
		for _, c := range cams {
			n += per[c.ID]
		}
		if n > bestN {
			best, bestN = src.Name, n
		}
	}
	if best == "" {
		return "", clairvoie.Say(clairvoie.EINVALID, "plusieurs sources et aucun compte d'usage : nommez la source de la ville avec --source", "several sources and no usage ledger: name the city's source with --source")
	}
	return best, nil
}
