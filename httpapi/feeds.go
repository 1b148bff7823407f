package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/feed"
)

// refreshFeeds refreshes the due calendar feeds until ctx ends.
func (s *Server) refreshFeeds(ctx context.Context) {
	if s.Feeds == nil || s.Events == nil {
		return
	}
	tick := s.FeedTick
	if tick <= 0 {
		tick = time.Minute
	}
	r := &feed.Refresher{Feeds: s.Feeds, Events: s.Events, Zone: s.zone(ctx), Now: s.Now}
	r.Run(ctx, tick, func(err error) {
		if ctx.Err() == nil {
			s.Logger.Warn("calendar feed not refreshed, its events unchanged", "err", err)
		}
	})
}

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
