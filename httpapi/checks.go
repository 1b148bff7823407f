package httpapi

import (
	"html/template"
	"net/http"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
)

// handleChecks serves GET /api/checks: the compliance report (as
// 'clairvoie check --json'), for all cameras or a selection, as of today
// or of ?today=YYYY-MM-DD.
func (s *Server) handleChecks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	today := clairvoie.DateOf(s.Now())
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
	rep := check.Run(cams, check.Options{Today: today})
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

var indexPage = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>clairvoie — registre de la vidéoprotection</title></head>
<body>
<h1>clairvoie</h1>
<p>Le registre de la vidéoprotection, ouvert et vérifiable. <span lang="en">A video-surveillance registry, open and verifiable.</span></p>
{{if .Synthetic}}<p role="alert"><strong>Données synthétiques / Synthetic data :</strong> {{.Notice}}</p>{{end}}
<h2>Sources</h2>
<ul>{{range .Sources}}<li>{{.Name}} — {{.Cameras}} caméras, licence {{.Licence}}{{if .Synthetic}} — <strong>synthétique</strong>{{end}}</li>{{end}}</ul>
<h2>API</h2>
<ul>
<li><a href="/api/cameras?limit=100">/api/cameras</a> (GeoJSON ; filtres bbox, status, operator, operator_type, zone, commune, arrondissement, quartier, source, limit, offset)</li>
<li><a href="/api/checks">/api/checks</a> (contrôle de conformité / compliance check)</li>
<li><a href="/api/sources">/api/sources</a></li>
<li><a href="/healthz">/healthz</a></li>
</ul>
</body></html>
`))

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	srcs, err := s.Cameras.FindSources(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	synthetic := false
	for _, src := range srcs {
		synthetic = synthetic || src.Synthetic
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = indexPage.Execute(w, map[string]any{"Sources": srcs, "Synthetic": synthetic, "Notice": SyntheticNotice})
}
