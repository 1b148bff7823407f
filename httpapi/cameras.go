package httpapi

import (
	"bufio"
	"bytes"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/camerapage"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/paulmach/orb/geojson"
)

// SyntheticNotice is the label carried by every response that holds synthetic records.
const SyntheticNotice = "Contient des données synthétiques (reconstruction de démonstration, pas des caméras réelles) / Contains synthetic records (a demonstration reconstruction, not real cameras)"

var cameraParams = []string{"bbox", "status", "operator", "operator_type", "zone", "commune", "arrondissement", "quartier", "source", "limit", "offset"}

// cameraFilter reads the filters of /api/cameras; unknown parameters are
// refused so that a typo never silently returns everything.
func cameraFilter(q url.Values, allowed []string) (clairvoie.CameraFilter, error) {
	var f clairvoie.CameraFilter
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !ok[k] {
			return f, clairvoie.Say(clairvoie.EINVALID, "paramètre inconnu %q (acceptés : %s)", "unknown parameter %q (accepted: %s)", k, strings.Join(allowed, ", "))
		}
	}
	if v := q.Get("bbox"); v != "" {
		b, err := clairvoie.ParseBBox(v)
		if err != nil {
			return f, clairvoie.Errorf(clairvoie.EINVALID, "%s", err)
		}
		f.BBox = &b
	}
	if v := q.Get("status"); v != "" {
		for _, s := range strings.Split(v, ",") {
			st, err := clairvoie.ParseStatus(strings.TrimSpace(s))
			if err != nil {
				return f, clairvoie.Errorf(clairvoie.EINVALID, "%s", err)
			}
			f.Status = append(f.Status, st)
		}
	}
	f.Operator = q.Get("operator")
	f.OperatorType = clairvoie.OperatorType(q.Get("operator_type"))
	if f.OperatorType != "" && f.OperatorType != clairvoie.OperatorPublic && f.OperatorType != clairvoie.OperatorPrivate {
		return f, clairvoie.Say(clairvoie.EINVALID, "operator_type %q : public ou private", "operator_type %q: public or private", f.OperatorType)
	}
	f.Zone, f.Commune, f.Arrondissement, f.Quartier, f.Source = q.Get("zone"), q.Get("commune"), q.Get("arrondissement"), q.Get("quartier"), q.Get("source")
	for name, dst := range map[string]*int{"limit": &f.Limit, "offset": &f.Offset} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return f, clairvoie.Say(clairvoie.EINVALID, "%s %q : un entier ≥ 0", "%s %q: a whole number ≥ 0", name, v)
			}
			*dst = n
		}
	}
	return f, nil
}

// handleCameras serves GET /api/cameras: a GeoJSON FeatureCollection.
// Foreign members: "total" (matching without limit/offset) and, when any
// record is synthetic, "synthetic" (their count) and "notice".
func (s *Server) handleCameras(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := cameraFilter(q, cameraParams)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	version, err := s.Cameras.RegistryVersion(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	key := q.Encode() // sorted: the same filters, the same key
	zipped := strings.Contains(r.Header.Get("Accept-Encoding"), "gzip")
	writeHead := func(total int) {
		w.Header().Set("Content-Type", "application/geo+json; charset=utf-8")
		w.Header().Set("X-Total-Count", strconv.Itoa(total))
		w.Header().Set("Cache-Control", "no-cache")
	}
	if a, ok := s.answers.get(version, key); ok && zipped {
		writeHead(a.total)
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(a.gz)
		return
	}
	cams, total, err := s.Cameras.FindCameras(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	members := map[string]any{"total": total}
	if n := countSynthetic(cams); n > 0 {
		members["synthetic"] = n
		members["notice"] = SyntheticNotice
	}
	writeHead(total)
	if len(cams) <= maxCachedCameras {
		var buf bytes.Buffer
		if err := geojsonio.WriteCollection(&buf, cams, members); err != nil {
			s.Error(w, r, err)
			return
		}
		gz, err := gzipped(buf.Bytes())
		if err != nil {
			s.Error(w, r, err)
			return
		}
		s.answers.put(version, key, cachedAnswer{total: total, gz: gz})
		if zipped {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz)
		} else {
			w.Write(buf.Bytes())
		}
		return
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := geojsonio.WriteCollection(bw, cams, members); err != nil {
		s.Logger.Warn("write cameras", "err", err)
		return
	}
	bw.Flush()
}

func countSynthetic(cams []*clairvoie.Camera) int {
	n := 0
	for _, c := range cams {
		if c.Synthetic {
			n++
		}
	}
	return n
}

// handleCamera serves GET /api/cameras/{id}: a GeoJSON Feature whose
// properties are the canonical form, with foreign members "camera" (the
// typed record), "purposes" (labelled) and "findings" (its compliance check).
func (s *Server) handleCamera(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "numéro de caméra %q : un entier positif", "camera id %q: a positive whole number", r.PathValue("id")))
		return
	}
	c, err := s.Cameras.FindCameraByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	purposes := camerapage.PurposesOf(c)
	rep := check.Run([]*clairvoie.Camera{c}, check.Options{Today: clairvoie.Today(s.Now(), s.zone(r.Context()))})
	body := map[string]any{"type": "Feature", "id": c.ID, "geometry": geojson.NewGeometry(c.Location), "properties": c.ExportTags(),
		"camera": c, "purposes": purposes, "findings": rep.Findings}
	if c.Synthetic {
		body["notice"] = SyntheticNotice
	}
	writeJSON(w, http.StatusOK, body)
}
