package httpapi

import (
	"net/http"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/fibre"
	"github.com/clairvoie/clairvoie/planning"
)

// fibreCache keeps the last fibre plans: each takes seconds (a Steiner tree
// per year).
type fibreCache struct {
	mu    sync.Mutex
	plans map[string]fibreEntry
}

type fibreEntry struct {
	at  time.Time
	res *planning.FibreResult
}

// handleFibre serves GET /api/fibre: the plan's parameters, and pull,
// trench, rent (€ per metre); the fibre routes year by year as in
// 'clairvoie fibre --json'.
func (s *Server) handleFibre(w http.ResponseWriter, r *http.Request) {
	p := fibre.DefaultParams
	q := r.URL.Query()
	for name, dst := range map[string]*float64{"pull": &p.PullPerM, "trench": &p.TrenchPerM, "rent": &p.RentPerMYr} {
		if v := q.Get(name); v != "" {
			f, ok := clairvoie.ParseFinite(v)
			if !ok || f < 0 || f > 1e5 {
				s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "%s %q : des € par mètre, de 0 à 100 000", "%s %q: € per metre, 0 to 100000", name, v))
				return
			}
			*dst = f
		}
	}
	if v := q.Get("budget"); v != "" {
		f, ok := clairvoie.ParseFinite(v)
		if !ok || f <= 0 || f > 1e10 {
			s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "budget %q : des € par an, plus de 0", "budget %q: € per year, more than 0", v))
			return
		}
		p.BudgetPerYr = f
	}
	if s.Conduits == nil || s.Fibre == nil || len(s.Fibre.Sites) == 0 {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur n'a pas de réseau de fourreaux ou pas de sites à raccorder (serve --sites FICHIER)", "this server has no conduit network or no sites to connect (serve --sites FILE)"))
		return
	}
	req, err := s.planRequest(r, map[string]bool{"pull": true, "trench": true, "rent": true, "budget": true})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	key := r.URL.RawQuery
	c := &s.fibre
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.plans[key]; ok && time.Since(e.at) < openDataTTL {
		writeJSON(w, http.StatusOK, e.res)
		return
	}
	svc := planning.Services{Cameras: s.Cameras, Usage: s.Usage, Areas: s.Areas}
	res, err := planning.Fibre(r.Context(), svc, s.Conduits, req, *s.Fibre, p)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if c.plans == nil || len(c.plans) > 16 {
		c.plans = map[string]fibreEntry{}
	}
	c.plans[key] = fibreEntry{time.Now(), res}
	writeJSON(w, http.StatusOK, res)
}
