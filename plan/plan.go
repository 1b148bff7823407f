// Package plan plans the progressive reduction of a camera installation:
// year after year, close the least useful cameras first, either to reach a
// savings target or to keep the loss of usefulness under a cap, within the
// city's yearly capacity to decommission and its contracts; the savings
// fund mediators' posts, placed where the need shows (package locate).
//
// Each year's choice is a knapsack with a cardinality limit, solved by a
// greedy construction and exchange moves; its Lagrangian relaxation (over
// the cardinality constraint, with the LP relaxation of the rest) gives a
// bound, so that every year — and the whole plan — states its gap to the
// best possible. Pure: cameras and options in, a plan out.
package plan

import (
	"fmt"
	"math"
	"sort"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/locale"
)

// Camera is what the plan knows of a camera.
type Camera struct {
	ID          int64
	Saving      float64        // € a year saved if closed (its avoidable cost)
	Usefulness  float64        // usefulness a year (usefulness.Estimate.Score)
	ContractEnd clairvoie.Date // the end of its maintenance contract, if any
	// BreakCost is what breaking its contract costs per remaining year
	// (cost.Params.BreakCompensation × maintenance).
	BreakCost float64
	Quartier  string
	Activity  float64 // requisitions a year: the need its area shows
}

// Mode is what the plan holds fixed.
type Mode string

// Modes.
const (
	Savings Mode = "savings" // reach SavingsTarget € of new yearly savings each year, losing as little usefulness as possible
	Loss    Mode = "loss"    // lose at most LossCap of the initial usefulness each year, saving as much as possible
)

// Contracts says what to do with a camera still under contract.
type Contracts string

// Contract policies.
const (
	Wait       Contracts = "wait"       // close it only once its contract has ended
	Compensate Contracts = "compensate" // close it when best, and count the compensation
)

// Options are the plan's constraints.
type Options struct {
	StartYear     int
	Years         int // horizon, default 6
	Mode          Mode
	SavingsTarget float64 // € of new yearly savings each year (Savings)
	LossCap       float64 // share of the initial usefulness lost at most each year (Loss), e.g. 0.05
	Capacity      int     // cameras the city can decommission in a year
	Contracts     Contracts
	MediatorCost  float64 // net € a year per post
}

// Year is one year of the plan.
type Year struct {
	Year              int     `json:"year"`
	Closed            []int64 `json:"closed"`
	ClosedCount       int     `json:"closed_count"`
	Savings           float64 `json:"savings"`            // new yearly savings from this year's closures
	CumulativeSavings float64 `json:"cumulative_savings"` // yearly savings of all closures so far
	Compensation      float64 `json:"compensation"`       // one-off cost of contracts broken this year
	Posts             int     `json:"posts"`              // mediator posts the yearly savings fund
	MediatorBudget    float64 `json:"mediator_budget"`    // € a year spent on them
	CamerasLeft       int     `json:"cameras_left"`
	CameraBudget      float64 `json:"camera_budget"` // € a year the remaining cameras cost
	UsefulnessLost    float64 `json:"usefulness_lost"`
	UsefulnessKept    float64 `json:"usefulness_kept"` // share of the initial usefulness
	Objective         float64 `json:"objective"`       // Savings: usefulness lost this year; Loss: € saved this year
	Bound             float64 `json:"bound"`           // the best any choice could do this year
	Gap               float64 `json:"gap"`             // relative distance to the bound
	Sites             []int   `json:"sites,omitempty"` // where the posts are (indices of the demand areas), set by Place
	Coverage          float64 `json:"coverage"`        // share of the need within reach of a post, set by Place
}

// Plan is a year-by-year reduction plan.
type Plan struct {
	Mode        Mode    `json:"mode"`
	Options     Options `json:"options"`
	Years       []Year  `json:"years"`
	Cameras     int     `json:"cameras"`            // in the plan at the start
	Initial     float64 `json:"initial_usefulness"` // total usefulness a year at the start
	InitialCost float64 `json:"initial_cost"`       // total avoidable cost a year at the start
	Objective   float64 `json:"objective"`          // summed over the years
	Bound       float64 `json:"bound"`              // summed over the years
	Gap         float64 `json:"gap"`
}

// ConstraintError names the constraint a plan cannot meet, and why, in
// English and in French.
type ConstraintError struct {
	Year       int
	Constraint string
	Detail     string
	DetailFr   string
}

func (e *ConstraintError) Error() string {
	return fmt.Sprintf("year %d: the %s cannot be met: %s", e.Year, e.Constraint, e.Detail)
}

// constraintFr names the constraints in French.
var constraintFr = map[string]string{
	"mode": "le mode", "yearly capacity": "la capacité annuelle", "savings target": "l'objectif d'économies",
	"usefulness cap": "le plafond de perte d'utilité", "mediator cost": "le coût d'un médiateur",
}

// French is the error said in French.
func (e *ConstraintError) French() string {
	return fmt.Sprintf("année %d : %s ne peut être tenu : %s", e.Year, constraintFr[e.Constraint], e.DetailFr)
}

// Make plans the reduction. It returns a *ConstraintError, never an empty
// plan, when a year's constraints cannot all hold.
func Make(cams []Camera, o Options) (*Plan, error) {
	if o.Years == 0 {
		o.Years = 6
	}
	if o.Contracts == "" {
		o.Contracts = Wait
	}
	switch {
	case o.Mode != Savings && o.Mode != Loss:
		return nil, &ConstraintError{o.StartYear, "mode", fmt.Sprintf("%q is neither savings nor loss", o.Mode), fmt.Sprintf("%q n'est ni savings ni loss", o.Mode)}
	case o.Capacity < 1:
		return nil, &ConstraintError{o.StartYear, "yearly capacity", "at least one camera a year must be decommissionable", "il faut pouvoir démonter au moins une caméra par an"}
	case o.Mode == Savings && o.SavingsTarget <= 0:
		return nil, &ConstraintError{o.StartYear, "savings target", "it must be a positive amount of € a year", "il doit être un montant positif d'€ par an"}
	case o.Mode == Loss && (o.LossCap <= 0 || o.LossCap > 1):
		return nil, &ConstraintError{o.StartYear, "usefulness cap", "it must be a share between 0 and 1", "il doit être une part entre 0 et 1"}
	case o.MediatorCost <= 0:
		return nil, &ConstraintError{o.StartYear, "mediator cost", "it must be positive", "il doit être positif"}
	}
	p := &Plan{Mode: o.Mode, Options: o, Cameras: len(cams)}
	open := make([]bool, len(cams))
	for i, c := range cams {
		open[i] = true
		p.Initial += c.Usefulness
		p.InitialCost += c.Saving
	}
	cum, lost := 0.0, 0.0
	left := len(cams)
	for y := 0; y < o.Years; y++ {
		year := o.StartYear + y
		jan1 := clairvoie.NewDate(year, 1, 1)
		var items []item
		for i, c := range cams {
			if !open[i] {
				continue
			}
			underContract := !c.ContractEnd.IsZero() && c.ContractEnd.After(jan1)
			if underContract && o.Contracts == Wait {
				continue
			}
			items = append(items, item{idx: i, c: c.Saving, u: c.Usefulness})
		}
		py := Year{Year: year}
		var chosen []bool
		switch o.Mode {
		case Savings:
			ch, bound, err := solveCover(items, o.SavingsTarget, o.Capacity, year, left)
			if err != nil {
				return nil, err
			}
			chosen, py.Bound = ch, bound
		case Loss:
			ch, bound := solvePack(items, o.LossCap*p.Initial, o.Capacity)
			chosen, py.Bound = ch, bound
		}
		for k, ch := range chosen {
			if !ch {
				continue
			}
			c := cams[items[k].idx]
			open[items[k].idx] = false
			py.Closed = append(py.Closed, c.ID)
			py.Savings += c.Saving
			py.UsefulnessLost += c.Usefulness
			if !c.ContractEnd.IsZero() && c.ContractEnd.After(jan1) {
				years := c.ContractEnd.Time().Sub(jan1.Time()).Hours() / 24 / 365.25
				py.Compensation += c.BreakCost * years
			}
		}
		sort.Slice(py.Closed, func(a, b int) bool { return py.Closed[a] < py.Closed[b] })
		py.ClosedCount = len(py.Closed)
		left -= py.ClosedCount
		cum += py.Savings
		lost += py.UsefulnessLost
		py.CumulativeSavings = cum
		py.Posts = int(math.Floor(cum / o.MediatorCost))
		py.MediatorBudget = float64(py.Posts) * o.MediatorCost
		py.CamerasLeft = left
		py.CameraBudget = p.InitialCost - cum
		if p.Initial > 0 {
			py.UsefulnessKept = 1 - lost/p.Initial
		} else {
			py.UsefulnessKept = 1
		}
		if o.Mode == Savings {
			py.Objective = py.UsefulnessLost
			py.Gap = relGap(py.Objective, py.Bound, py.Objective)
		} else {
			py.Objective = py.Savings
			py.Gap = relGap(py.Bound, py.Objective, py.Bound)
		}
		p.Objective += py.Objective
		p.Bound += py.Bound
		p.Years = append(p.Years, py)
	}
	if o.Mode == Savings {
		p.Gap = relGap(p.Objective, p.Bound, p.Objective)
	} else {
		p.Gap = relGap(p.Bound, p.Objective, p.Bound)
	}
	return p, nil
}

func relGap(hi, lo, base float64) float64 {
	if base <= 1e-12 {
		return 0
	}
	return math.Max(0, (hi-lo)/base)
}

// solveCover chooses this year's closures in Savings mode.
func solveCover(items []item, T float64, K, year, left int) ([]bool, float64, error) {
	// Can the target be met at all? The K largest savings must reach it.
	idx := make([]int, len(items))
	for k := range idx {
		idx[k] = k
	}
	best := 0.0
	for _, k := range smallest(idx, K, func(k int) float64 { return -items[k].c }) {
		best += items[k].c
	}
	if best < T {
		detail := fmt.Sprintf("closing the %d cameras that save the most among the %d that may close this year saves %.0f € a year, short of %.0f €", min(K, len(items)), len(items), best, T)
		fr := fmt.Sprintf("fermer les %d caméras qui économisent le plus parmi les %d qui peuvent fermer cette année économise %s € par an, moins que %s €", min(K, len(items)), len(items), locale.Int(locale.FR, int(math.Round(best))), locale.Int(locale.FR, int(math.Round(T))))
		switch {
		case left == 0:
			detail, fr = "no camera is left to close", "il ne reste aucune caméra à fermer"
		case len(items) == 0:
			detail = fmt.Sprintf("none of the %d cameras left may close this year: all are under contract", left)
			fr = fmt.Sprintf("aucune des %d caméras restantes ne peut fermer cette année : toutes sont sous contrat", left)
		}
		return nil, 0, &ConstraintError{Year: year, Constraint: "savings target",
			Detail:   detail + "; raise the yearly capacity, lower the target, or allow breaking contracts (--contracts compensate)",
			DetailFr: fr + " ; augmentez la capacité annuelle, baissez l'objectif, ou permettez de rompre les contrats (« rompre et indemniser »)"}
	}
	pr := &cover{items: items, T: T, K: K}
	chosen, bound := pr.solve()
	return chosen, math.Min(bound, sumU(items, chosen)), nil
}

// solvePack chooses this year's closures in Loss mode.
func solvePack(items []item, U float64, K int) ([]bool, float64) {
	pr := &pack{items: items, U: U, K: K}
	chosen, bound := pr.solve()
	got := 0.0
	for k, c := range chosen {
		if c {
			got += items[k].c
		}
	}
	return chosen, math.Max(bound, got)
}

func count(ch []bool) int {
	n := 0
	for _, c := range ch {
		if c {
			n++
		}
	}
	return n
}

func sumU(items []item, ch []bool) float64 {
	u := 0.0
	for k, c := range ch {
		if c {
			u += items[k].u
		}
	}
	return u
}
