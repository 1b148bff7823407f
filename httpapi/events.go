package httpapi

import (
	"net/http"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/calendar"
	"github.com/paulmach/orb/geojson"
)

// eventsIn reads from and to (YYYY-MM-DD, days of the workspace's zone, to
// included; at most a year apart) and the calendar; it answers the error
// itself.
func (s *Server) eventsIn(w http.ResponseWriter, r *http.Request) ([]clairvoie.Event, time.Time, time.Time, bool) {
	zone := s.zone(r.Context())
	q := r.URL.Query()
	from, err1 := time.ParseInLocation("2006-01-02", q.Get("from"), zone)
	to, err2 := time.ParseInLocation("2006-01-02", q.Get("to"), zone)
	if err1 != nil || err2 != nil || to.Before(from) || to.Sub(from) > 366*24*time.Hour {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "du et au : AAAA-MM-JJ, le premier avant le second, un an d'écart au plus", "from and to: YYYY-MM-DD, from before to, a year apart at most"))
		return nil, from, to, false
	}
	if s.Events == nil {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur ne tient pas de calendrier", "this server keeps no event calendar"))
		return nil, from, to, false
	}
	evs, err := s.Events.FindEvents(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return nil, from, to, false
	}
	return evs, from, to.AddDate(0, 0, 1), true
}

// handleEvents serves GET /api/events?from=&to=: the occurrences in the
// range, as GeoJSON (the event's point, route or area).
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	evs, from, to, ok := s.eventsIn(w, r)
	if !ok {
		return
	}
	fc := geojson.NewFeatureCollection()
	for i := range evs {
		occ, err := calendar.Occurrences(&evs[i], from, to)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, o := range occ {
			f := geojson.NewFeature(evs[i].Place)
			f.Properties = geojson.Properties{"ref": o.Ref, "kind": o.Kind, "name": o.Name, "start": o.Start.In(from.Location()).Format(time.RFC3339),
				"end": o.End.In(from.Location()).Format(time.RFC3339), "attendance": o.Attendance, "synthetic": o.Synthetic}
			fc.Append(f)
		}
	}
	writeJSON(w, http.StatusOK, fc)
}

// handleConflicts serves GET /api/conflicts?from=&to=: the conflicts in
// the range by the default rules, each with its reason.
func (s *Server) handleConflicts(w http.ResponseWriter, r *http.Request) {
	evs, from, to, ok := s.eventsIn(w, r)
	if !ok {
		return
	}
	cs, err := calendar.Conflicts(evs, calendar.DefaultRules, from, to)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if cs == nil {
		cs = []calendar.Conflict{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"conflicts": cs, "rules": calendar.DefaultRules})
}
