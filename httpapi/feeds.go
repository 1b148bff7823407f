package httpapi

import (
	"net/http"

	"github.com/clairvoie/clairvoie"
)

// handleFeeds serves GET /api/events/feeds: the calendars subscribed to,
// with their host, schedule, last successful refresh and last error.
func (s *Server) handleFeeds(w http.ResponseWriter, r *http.Request) {
	out := []clairvoie.FeedStatus{}
	if s.Feeds != nil {
		feeds, err := s.Feeds.FindFeeds(r.Context())
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, f := range feeds {
			out = append(out, f.Status())
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"feeds": out})
}
