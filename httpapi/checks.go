package httpapi

import (
	"net/http"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
)

// handleChecks serves GET /api/checks: the compliance report (as
// 'clairvoie check --json'), for all cameras or a selection, as of today
// or of ?today=YYYY-MM-DD; with the server's register, its findings too
// (late or missing destructions camera by camera; extractions after the
// deadline only as a count, under secrecy).
func (s *Server) handleChecks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	today, zone := s.today(r.Context())
	if v := q.Get("today"); v != "" {
		d, err := clairvoie.ParseDate(v)
		if err != nil {
			s.Error(w, r, clairvoie.Errorf(clairvoie.EINVALID, "today %q: %s", v, err))
			return
		}
		today = d
		q.Del("today")
	}
	f, err := cameraFilter(q, []string{"source", "status", "operator", "operator_type", "zone", "commune", "arrondissement", "quartier", "bbox"})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cams, _, err := s.Cameras.FindCameras(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	rep := check.Run(cams, check.Options{Today: today, Zone: zone})
	if s.Register != nil {
		// With the register: the retention clocks too (its verified
		// entries only), as the public may read them (Report.Withhold).
		verified, _, _, err := s.Register.Entries(r.Context())
		if err != nil {
			s.Error(w, r, err)
			return
		}
		rep = check.RunInput(check.Input{Cameras: cams, Register: verified}, check.Options{Today: today, Zone: zone}).Withhold(clairvoie.RegisterSecrecyK)
	}
	out := map[string]any{"today": rep.Today, "options": rep.Options, "findings": rep.Findings, "totals": rep.Totals}
	if countSynthetic(cams) > 0 {
		out["notice"] = SyntheticNotice
	}
	writeJSON(w, http.StatusOK, out)
}

// handleSources serves GET /api/sources.
func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	srcs, err := s.Cameras.FindSources(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if srcs == nil {
		srcs = []clairvoie.Source{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": srcs})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Cameras.FindSources(r.Context()); err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
