package httpapi

import (
	"net/http"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/chain"
	"github.com/clairvoie/clairvoie/check"
)

// handleInstallation serves GET /api/installation: the declaration of the
// chain (systems, analytics, flows, contracts), its summary and plain
// statement, and its findings as of today (or ?today=YYYY-MM-DD). With a
// register, the transmissions no declared flow covers are counted in
// totals.by_kind; their details (a day, a camera, a recipient) stay with
// the roles that read the register ('clairvoie installation --register').
func (s *Server) handleInstallation(w http.ResponseWriter, r *http.Request) {
	if s.Installation == nil {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur ne tient pas de déclaration de l'installation", "this server has no installation store"))
		return
	}
	today, zone := s.today(r.Context())
	if v := r.URL.Query().Get("today"); v != "" {
		d, err := clairvoie.ParseDate(v)
		if err != nil {
			s.Error(w, r, clairvoie.Errorf(clairvoie.EINVALID, "today %q: %s", v, err))
			return
		}
		today = d
	}
	inst, err := s.Installation.FindInstallation(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cams, _, err := s.Cameras.FindCameras(r.Context(), clairvoie.CameraFilter{})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in := check.Input{Cameras: cams, Installation: inst}
	if s.Register != nil {
		if in.Register, err = s.registerReceipts(r.Context()); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	rep := check.RunInput(in, check.Options{Today: today, Zone: zone})
	findings, byKind := []check.Finding{}, map[string]int{}
	for _, f := range rep.Findings {
		if f.Item == "" {
			continue
		}
		byKind[f.Kind]++
		if f.Kind != check.TransmissionUndeclared {
			findings = append(findings, f)
		}
	}
	for k, n := range rep.Totals.ByKind {
		if _, ok := byKind[k]; !ok && n == 0 && check.FromInstallation(k) {
			byKind[k] = 0
		}
	}
	sum := chain.Summarise(inst, check.Installed(cams), today)
	out := map[string]any{"today": today, "installation": inst, "summary": sum, "findings": findings,
		"totals": map[string]any{"by_kind": byKind}, "register_checked": s.Register != nil, "legal_bases": clairvoie.LegalBases,
		"labels": analyticLabels()}
	if sum.Synthetic {
		out["notice"] = SyntheticNotice
	}
	writeJSON(w, http.StatusOK, out)
}

// analyticLabels name every analytics kind, French then English.
func analyticLabels() map[clairvoie.AnalyticKind][2]string {
	out := map[clairvoie.AnalyticKind][2]string{}
	for _, k := range clairvoie.AnalyticKinds {
		out[k] = [2]string{k.Label("fr"), k.Label("en")}
	}
	return out
}
