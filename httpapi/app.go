package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/reconcile"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"
)

// areaCache holds the workspace's areas, simplified for drawing, read once
// per server start (imports do not change them; the demo writes them first).
type areaCache struct {
	once  sync.Once
	err   error
	areas []clairvoie.Area
	names map[string]string             // quartier code → name
	json  map[clairvoie.AreaKind][]byte // GeoJSON by kind ("" for all)
}

func (s *Server) loadAreas(r *http.Request) ([]clairvoie.Area, map[string]string, error) {
	s.areas.once.Do(func() {
		if s.Areas == nil {
			s.areas.names = map[string]string{}
			return
		}
		list, err := s.Areas.FindAreas(r.Context(), "")
		if err != nil {
			s.areas.err = err
			return
		}
		s.areas.names = map[string]string{}
		for i := range list {
			// About 4 m of tolerance: invisible on a city map, a fifth of the bytes.
			list[i].Geometry = orb.Round(simplify.DouglasPeucker(0.00004).Simplify(orb.Clone(list[i].Geometry)), 1e6)
			if list[i].Kind == clairvoie.AreaQuartier {
				s.areas.names[list[i].Code] = list[i].Name
			}
		}
		s.areas.areas = list
		s.areas.json = map[clairvoie.AreaKind][]byte{}
		for _, kind := range []clairvoie.AreaKind{"", clairvoie.AreaCommune, clairvoie.AreaArrondissement, clairvoie.AreaQuartier} {
			fc := geojson.NewFeatureCollection()
			for _, a := range list {
				if kind != "" && a.Kind != kind {
					continue
				}
				f := geojson.NewFeature(a.Geometry)
				f.Properties = geojson.Properties{"code": a.Code, "name": a.Name, "kind": string(a.Kind), "parent": a.Parent, "population": a.Population}
				fc.Append(f)
			}
			b, err := fc.MarshalJSON()
			if err != nil {
				s.areas.err = err
				return
			}
			s.areas.json[kind] = b
		}
	})
	return s.areas.areas, s.areas.names, s.areas.err
}

// WarmUp prepares what the first page load needs (the simplified
// boundaries), so that the first visitor does not wait for it.
func (s *Server) WarmUp(ctx context.Context) {
	r, _ := http.NewRequestWithContext(ctx, "GET", "/", nil)
	s.loadAreas(r)
	s.communeList(ctx)
}

// handleAreas serves GET /api/areas[?kind=commune|arrondissement|quartier]:
// a FeatureCollection of boundaries (simplified to about 2 m) with code,
// name, kind, parent and population.
func (s *Server) handleAreas(w http.ResponseWriter, r *http.Request) {
	kind := clairvoie.AreaKind(r.URL.Query().Get("kind"))
	switch kind {
	case "", clairvoie.AreaCommune, clairvoie.AreaArrondissement, clairvoie.AreaQuartier:
	default:
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "kind %q : commune, arrondissement ou quartier", "kind %q: commune, arrondissement or quartier", kind))
		return
	}
	if _, _, err := s.loadAreas(r); err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/geo+json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(s.areas.json[kind])
}

// mapCamera is a camera as the web app draws and lists it: short keys, so
// that 100,000 of them stay a few megabytes (documented in docs/api.md).
type mapCamera struct {
	ID        int64    `json:"id"`
	Ref       string   `json:"r"`
	Source    string   `json:"src"`
	Status    string   `json:"st"`
	Type      string   `json:"t,omitempty"`
	Zone      string   `json:"z,omitempty"`
	OpType    string   `json:"ot,omitempty"`
	Operator  string   `json:"op,omitempty"`
	Programme string   `json:"pg,omitempty"`
	Commune   string   `json:"c,omitempty"`
	Arr       string   `json:"a,omitempty"`
	Quartier  string   `json:"qn,omitempty"`
	Place     string   `json:"pl,omitempty"`
	Dir       *float64 `json:"d,omitempty"`
	FOV       float64  `json:"f,omitempty"`
	Start     string   `json:"s,omitempty"`
	End       string   `json:"e,omitempty"`
	Retention int      `json:"ret,omitempty"`
	AuthEnd   string   `json:"ax,omitempty"`
	Severity  string   `json:"sev"`
	Synthetic bool     `json:"syn,omitempty"`
}

type mapFeature struct {
	Type       string     `json:"type"`
	ID         int64      `json:"id"`
	Geometry   mapPoint   `json:"geometry"`
	Properties *mapCamera `json:"properties"`
}

type mapPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

var severityRank = map[check.Severity]int{check.Stale: 1, check.Unknown: 2, check.Due: 3, check.Breach: 4}

// handleMapCameras serves GET /api/map/cameras: every camera (or a
// selection, with the filters of /api/cameras) in a compact GeoJSON form,
// each with its worst compliance finding today ("ok", "out" of scope, or a
// severity).
func (s *Server) handleMapCameras(w http.ResponseWriter, r *http.Request) {
	f, err := cameraFilter(r.URL.Query(), []string{"bbox", "status", "operator", "operator_type", "zone", "commune", "arrondissement", "quartier", "source"})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cams, _, err := s.Cameras.FindCameras(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, names, err := s.loadAreas(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	rep := check.Run(cams, check.Options{Today: clairvoie.Today(s.Now(), s.zone(r.Context()))})
	worst := map[int64]check.Severity{}
	for _, fd := range rep.Findings {
		if severityRank[fd.Severity] > severityRank[worst[fd.CameraID]] {
			worst[fd.CameraID] = fd.Severity
		}
	}
	feats := make([]mapFeature, len(cams))
	synthetic := 0
	for i, c := range cams {
		mc := &mapCamera{ID: c.ID, Ref: c.SourceRef, Source: c.Provenance.Source, Status: string(c.Status), Type: string(c.Type),
			Zone: c.Zone, OpType: string(c.OperatorType), Operator: c.Operator, Programme: c.Programme, Commune: communeOf(c), Arr: c.Arrondissement,
			Quartier: names[c.Quartier], Place: c.Place, Start: c.CommissionedOn.String(), End: c.RemovedOn.String(),
			Retention: c.RetentionDays, AuthEnd: c.Authorisation.Expires.String(), Synthetic: c.Synthetic}
		if c.Direction != nil {
			d := c.Direction.Degrees
			mc.Dir, mc.FOV = &d, c.Direction.FOV
		}
		switch sev, ok := worst[c.ID]; {
		case ok:
			mc.Severity = string(sev)
		case c.Status == clairvoie.StatusPlanned || c.Status == clairvoie.StatusRemoved || c.Surveillance == "indoor":
			mc.Severity = "out"
		default:
			mc.Severity = "ok"
		}
		if c.Synthetic {
			synthetic++
		}
		feats[i] = mapFeature{Type: "Feature", ID: c.ID, Geometry: mapPoint{"Point", [2]float64{c.Location.Lon(), c.Location.Lat()}}, Properties: mc}
	}
	body := map[string]any{"type": "FeatureCollection", "total": len(feats), "features": feats}
	if synthetic > 0 {
		body["synthetic"] = synthetic
		body["notice"] = SyntheticNotice
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", "application/geo+json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(body)
}

// handleReconcile serves GET /api/reconcile?a=SOURCE&b=SOURCE[&within=METRES][&commune=INSEE]:
// the report of 'clairvoie reconcile --json', on one commune's cameras when named.
func (s *Server) handleReconcile(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a, b := q.Get("a"), q.Get("b")
	if a == "" || b == "" {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "a et b nomment les deux sources à rapprocher", "a and b name the two sources to match"))
		return
	}
	within := reconcile.DefaultWithin
	if v := q.Get("within"); v != "" {
		f, ok := clairvoie.ParseFinite(v)
		if !ok || f <= 0 || f > 10000 {
			s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "distance %q : des mètres, plus de 0 et 10 000 au plus", "within %q: a distance in metres, above 0 and at most 10000", v))
			return
		}
		within = f
	}
	var lists [2][]*clairvoie.Camera
	for i, name := range []string{a, b} {
		cams, _, err := s.Cameras.FindCameras(r.Context(), clairvoie.CameraFilter{Source: name, Commune: q.Get("commune")})
		if err != nil {
			s.Error(w, r, err)
			return
		}
		if len(cams) == 0 && q.Get("commune") != "" {
			s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "la source %q n'a aucune caméra dans la commune %q", "source %q holds no camera in commune %q", name, q.Get("commune")))
			return
		}
		if len(cams) == 0 {
			s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "la source %q n'a aucune caméra", "source %q holds no camera", name))
			return
		}
		lists[i] = cams
	}
	res := reconcile.Match(lists[0], lists[1], reconcile.Options{Within: within})
	writeJSON(w, http.StatusOK, struct {
		A string `json:"a"`
		B string `json:"b"`
		reconcile.Result
	}{a, b, res})
}

// handleConfig serves GET /api/config: what the app needs to start.
func (s *Server) handleConfig(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"tiles":             s.Tiles,
		"tiles_attribution": s.TilesAttribution,
		"notice":            SyntheticNotice,
		"oidc":              s.OIDC != nil, // staff can sign in at /auth/oidc/login
		"vocabularies":      clairvoie.Vocabularies,
	})
}
