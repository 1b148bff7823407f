package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/clairvoie/clairvoie"
)

// zone is the workspace's time zone (the default when no settings are
// served or they cannot be read: a failing read is logged, never a 500 on
// a page that only needs a day).
func (s *Server) zone(ctx context.Context) *time.Location {
	if s.Settings == nil {
		return clairvoie.Settings{}.Location()
	}
	set, err := s.Settings.Settings(ctx)
	if err != nil {
		s.logger().Warn("settings unreadable, the default time zone is used", "err", err)
	}
	return set.Location()
}

// today is the day it is in the workspace's zone, and the zone.
func (s *Server) today(ctx context.Context) (clairvoie.Date, *time.Location) {
	zone := s.zone(ctx)
	return clairvoie.Today(s.Now(), zone), zone
}

// handleWorkspace serves GET /api/workspace: the settings the pages need
// (the time zone the days and hours are in, its offset now).
func (s *Server) handleWorkspace(w http.ResponseWriter, r *http.Request) {
	zone := s.zone(r.Context())
	now := s.Now().In(zone)
	writeJSON(w, http.StatusOK, map[string]any{"timezone": zone.String(), "utc_offset": now.Format("-07:00"), "today": now.Format("2006-01-02")})
}

func (s *Server) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.Default()
	}
	return s.Logger
}
