package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/cost"
	"github.com/clairvoie/clairvoie/locate"
	"github.com/clairvoie/clairvoie/plan"
	"github.com/clairvoie/clairvoie/planning"
)

// handlePlan serves GET /api/plan: the reduction plan of 'clairvoie plan
// --json', with the same options as query parameters: source, mode
// (savings|loss), target (€), loss_cap, years, start, capacity, contracts
// (wait|compensate), scenario (low|central|high), method (mclp|pmedian),
// radius (m), intervention_weight.
func (s *Server) handlePlan(w http.ResponseWriter, r *http.Request) {
	req, err := s.planRequest(r, nil)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	svc := planning.Services{Cameras: s.Cameras, Usage: s.Usage, Areas: s.Areas}
	start := time.Now()
	// A national plan takes seconds: the same request within ten minutes
	// gets the same plan (one computed at a time, which also bounds memory).
	key, err := json.Marshal(req)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	res, err := get(&s.plans.mu, &s.plans.m, string(key), s.Now(), func() (*planning.Result, error) {
		return planning.Make(r.Context(), svc, req)
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Server-Timing", "plan;dur="+strconv.FormatFloat(float64(time.Since(start).Microseconds())/1000, 'f', 1, 64))
	writeJSON(w, http.StatusOK, res)
}

// planCache keeps the plans computed in the last ten minutes, by request.
type planCache struct {
	mu sync.Mutex
	m  map[string]cached[*planning.Result]
}

// planRequest reads the plan's query parameters (and the extra ones a
// caller accepts) into a planning request.
func (s *Server) planRequest(r *http.Request, extra map[string]bool) (planning.Request, error) {
	var none planning.Request
	if s.Usage == nil {
		return none, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur ne tient pas de comptes d'usage des caméras", "this server has no usage ledger")
	}
	q := r.URL.Query()
	allowed := map[string]bool{"source": true, "mode": true, "target": true, "loss_cap": true, "years": true, "start": true,
		"capacity": true, "contracts": true, "scenario": true, "method": true, "radius": true, "intervention_weight": true}
	for k := range q {
		if !allowed[k] && !extra[k] {
			return none, clairvoie.Say(clairvoie.EINVALID, "paramètre inconnu %q", "unknown parameter %q", k)
		}
	}
	num := func(name string, def float64) (float64, error) {
		v := q.Get(name)
		if v == "" {
			return def, nil
		}
		f, ok := clairvoie.ParseFinite(v)
		if !ok || f < 0 || f > 1e12 {
			return 0, clairvoie.Say(clairvoie.EINVALID, "%s %q : un nombre ≥ 0", "%s %q: a number ≥ 0", name, v)
		}
		return f, nil
	}
	var vals [7]float64
	var err error
	for i, p := range []struct {
		name string
		def  float64
	}{{"target", 0}, {"loss_cap", 0.02}, {"years", 6}, {"start", float64(s.Now().Year() + 1)}, {"capacity", 0}, {"radius", 1000}, {"intervention_weight", 0}} {
		if vals[i], err = num(p.name, p.def); err != nil {
			return none, err
		}
	}
	if vals[2] < 1 || vals[2] > 30 {
		return none, clairvoie.Say(clairvoie.EINVALID, "années : de 1 à 30", "years: 1 to 30")
	}
	scenario, err := cost.ParseScenario(q.Get("scenario"))
	if err != nil {
		return none, clairvoie.Errorf(clairvoie.EINVALID, "%v", err)
	}
	method, err := locate.ParseMethod(q.Get("method"))
	if err != nil {
		return none, clairvoie.Errorf(clairvoie.EINVALID, "%v", err)
	}
	mode := plan.Mode(q.Get("mode"))
	if mode == "" {
		mode = plan.Savings
	}
	contracts := plan.Contracts(q.Get("contracts"))
	if contracts == "" {
		contracts = plan.Wait
	}
	if (mode != plan.Savings && mode != plan.Loss) || (contracts != plan.Wait && contracts != plan.Compensate) {
		return none, clairvoie.Say(clairvoie.EINVALID, "mode : savings ou loss ; contracts : wait ou compensate", "mode: savings or loss; contracts: wait or compensate")
	}
	svc := planning.Services{Cameras: s.Cameras, Usage: s.Usage, Areas: s.Areas}
	source := q.Get("source")
	if source == "" {
		if source, err = planning.DefaultSource(r.Context(), svc); err != nil {
			return none, err
		}
	}
	params := s.CostParams
	if params == nil {
		params = &cost.Defaults
	}
	cams, _, err := s.Cameras.FindCameras(r.Context(), clairvoie.CameraFilter{Source: source, Status: []clairvoie.Status{clairvoie.StatusActive, clairvoie.StatusOutOfService}})
	if err != nil {
		return none, err
	}
	capacity := int(vals[4])
	if capacity == 0 {
		capacity = max(1, len(cams)/10)
	}
	target := vals[0]
	if target == 0 {
		for _, c := range cams {
			target += params.Camera(c, scenario).Total
		}
		target *= 0.05
	}
	req := planning.Request{Source: source, Scenario: scenario, Params: *params, Method: method, Radius: vals[5],
		InterventionWeight: vals[6], Today: clairvoie.Today(s.Now(), s.zone(r.Context())),
		Plan: plan.Options{StartYear: int(vals[3]), Years: int(vals[2]), Mode: mode, SavingsTarget: target, LossCap: vals[1],
			Capacity: capacity, Contracts: contracts}}
	return req, nil
}
