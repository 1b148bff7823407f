// Package cost prices a camera's year and a mediator's post. Every
// parameter has a central value, a low–high range and its source; a
// config file (JSON) can change any of them, and every figure can be
// computed at the low, central or high value (Scenario).
//
// What closing a camera saves is its avoidable yearly cost: maintenance,
// transmission, its share of the supervision staff, and the provision for
// its replacement at the end of its life (the investment spread over its
// life). What it cost to install is sunk and is not a saving.
package cost

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/clairvoie/clairvoie"
)

// Param is one parameter of the model.
type Param struct {
	Value  float64 `json:"value"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	Unit   string  `json:"unit"`
	Source string  `json:"source"`
}

// At returns the parameter's value in a scenario.
func (p Param) At(s Scenario) float64 {
	switch s {
	case Low:
		return p.Low
	case High:
		return p.High
	}
	return p.Value
}

// Scenario picks the low, central or high value of every parameter.
type Scenario string

// Scenarios.
const (
	Low     Scenario = "low"
	Central Scenario = "central"
	High    Scenario = "high"
)

// ParseScenario reads a scenario name.
func ParseScenario(s string) (Scenario, error) {
	switch Scenario(s) {
	case Low, Central, High:
		return Scenario(s), nil
	case "":
		return Central, nil
	}
	return "", fmt.Errorf("scenario %q: low, central or high", s)
}

// Params are the model's parameters.
type Params struct {
	Investment        Param `json:"investment"`         // € per camera, when the registry does not say
	LifeYears         Param `json:"life_years"`         // years before a camera must be replaced
	MaintenanceRate   Param `json:"maintenance_rate"`   // share of the investment per year, when the registry does not say
	Transmission      Param `json:"transmission"`       // € per camera per year
	AgentCost         Param `json:"agent_cost"`         // € per supervision agent per year
	AgentsPer100      Param `json:"agents_per_100"`     // agents per 100 cameras watched live, 24/7
	LiveShare         Param `json:"live_share"`         // share of cameras watched live
	MediatorCost      Param `json:"mediator_cost"`      // € per mediator post per year
	MediatorAid       Param `json:"mediator_aid"`       // State aid per post per year (set to 0 to ignore it)
	BreakCompensation Param `json:"break_compensation"` // share of a contract's remaining yearly cost owed when broken early
}

// Defaults are the parameters with their sources (docs/mission.md).
var Defaults = Params{
	Investment:        Param{30000, 8600, 36600, "€", "Ministry of the Interior 2013, Cour des comptes 2011: 8.6–36.6 k€; Marseille about 30–37 k€ [S]"},
	LifeYears:         Param{8, 6, 10, "years", "assumption: a camera's useful life (no public figure found)"},
	MaintenanceRate:   Param{0.05, 0.02, 0.08, "share of investment per year", "2–8 % of the investment per year [S]"},
	Transmission:      Param{600, 200, 1500, "€ per camera per year", "assumption: fibre or radio link and energy (no public figure found)"},
	AgentCost:         Param{54042, 45000, 60000, "€ per agent per year", "municipal police agent, median operating cost, OFGL 2022 [C]"},
	AgentsPer100:      Param{12, 6, 12, "agents per 100 cameras watched live", "about 12 agents per 100 cameras watched 24/7 [S]"},
	LiveShare:         Param{0.5, 0.2, 1, "share of cameras", "assumption: share of the cameras an operator watches live"},
	MediatorCost:      Param{40600, 35000, 45000, "€ per post per year", "7,000 posts = 284 M€ (Vignal report 2022) [C/derived]"},
	MediatorAid:       Param{0, 0, 19000, "€ per post per year", "State aid about 19 k€ per post (adultes-relais) [C/derived]; off by default"},
	BreakCompensation: Param{0.5, 0.2, 1, "share of the remaining yearly cost", "assumption: compensation owed for breaking a maintenance contract early"},
}

// Load reads a config file over the defaults: any parameter it names
// replaces the default (all three values must be given, low ≤ value ≤ high).
func Load(path string) (Params, error) {
	p := Defaults
	if path == "" {
		return p, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return p, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, fmt.Errorf("cost config %s: %w", path, err)
	}
	return p, p.Validate()
}

// Validate checks that every parameter has low ≤ value ≤ high and no
// negative value.
func (p Params) Validate() error {
	for name, q := range p.list() {
		if q.Low < 0 || q.Low > q.Value || q.Value > q.High {
			return clairvoie.Errorf(clairvoie.EINVALID, "cost parameter %s: low %g ≤ value %g ≤ high %g must hold, none negative", name, q.Low, q.Value, q.High)
		}
	}
	if p.LifeYears.Low <= 0 {
		return clairvoie.Errorf(clairvoie.EINVALID, "cost parameter life_years must be positive")
	}
	return nil
}

func (p Params) list() map[string]Param {
	return map[string]Param{
		"investment": p.Investment, "life_years": p.LifeYears, "maintenance_rate": p.MaintenanceRate,
		"transmission": p.Transmission, "agent_cost": p.AgentCost, "agents_per_100": p.AgentsPer100,
		"live_share": p.LiveShare, "mediator_cost": p.MediatorCost, "mediator_aid": p.MediatorAid,
		"break_compensation": p.BreakCompensation,
	}
}

// CameraYear is what a camera costs a year, avoidable if it is closed.
type CameraYear struct {
	Replacement  float64 `json:"replacement"` // investment over its life
	Maintenance  float64 `json:"maintenance"`
	Transmission float64 `json:"transmission"`
	Supervision  float64 `json:"supervision"` // its share of the live-watching staff
	Total        float64 `json:"total"`
	FromRegistry bool    `json:"from_registry"` // the investment and maintenance came from the registry, not defaults
}

// Camera prices one camera's year.
func (p Params) Camera(c *clairvoie.Camera, s Scenario) CameraYear {
	var y CameraYear
	inv := p.Investment.At(s)
	if c.InstallCost != nil && *c.InstallCost > 0 {
		inv = *c.InstallCost
		y.FromRegistry = true
	}
	y.Replacement = inv / p.LifeYears.At(s)
	if c.MaintenanceCost != nil {
		y.Maintenance = *c.MaintenanceCost
	} else {
		y.Maintenance = inv * p.MaintenanceRate.At(s)
		y.FromRegistry = false
	}
	y.Transmission = p.Transmission.At(s)
	y.Supervision = p.AgentsPer100.At(s) / 100 * p.AgentCost.At(s) * p.LiveShare.At(s)
	y.Total = y.Replacement + y.Maintenance + y.Transmission + y.Supervision
	return y
}

// Compensation is what breaking the camera's contract at day d costs: the
// share BreakCompensation of its yearly maintenance for every remaining year.
func (p Params) Compensation(c *clairvoie.Camera, y CameraYear, d clairvoie.Date, s Scenario) float64 {
	if c.ContractEnd.IsZero() || !c.ContractEnd.After(d) {
		return 0
	}
	years := c.ContractEnd.Time().Sub(d.Time()).Hours() / 24 / 365.25
	return p.BreakCompensation.At(s) * y.Maintenance * years
}

// Mediator is the net yearly cost of a mediator's post.
func (p Params) Mediator(s Scenario) float64 {
	return p.MediatorCost.At(s) - p.MediatorAid.At(s)
}
