package clairvoie

import (
	"context"
	"time"
)

// DefaultTimeZone is the zone of a workspace that was never told another:
// metropolitan France's.
const DefaultTimeZone = "Europe/Paris"

// Settings are what a workspace keeps about itself.
type Settings struct {
	// TimeZone is the IANA name of the zone every day, hour, holiday and
	// recurrence of the workspace is computed in: a 19:05 match in
	// Fort-de-France is on its own day, not on Paris's.
	TimeZone string `json:"timezone"`
}

// Location is the settings' zone (Europe/Paris when unset or unknown to
// this machine's zone database, which LoadZone refuses at setting time).
func (s Settings) Location() *time.Location {
	if l, err := LoadZone(s.TimeZone); err == nil {
		return l
	}
	l, err := time.LoadLocation(DefaultTimeZone)
	if err != nil {
		return time.UTC
	}
	return l
}

// LoadZone loads an IANA zone by name ("America/Martinique"). An empty
// name, "Local" — the machine's zone, which changes with the machine — and
// names that are not a zone are refused.
func LoadZone(name string) (*time.Location, error) {
	bad := func() error {
		return Say(EINVALID, "fuseau horaire %q : un nom IANA est attendu, comme Europe/Paris, America/Martinique, America/Cayenne, Indian/Reunion, Indian/Mayotte ou Pacific/Noumea",
			"time zone %q: expected an IANA name such as Europe/Paris, America/Martinique, America/Cayenne, Indian/Reunion, Indian/Mayotte or Pacific/Noumea", name)
	}
	if name == "" || name == "Local" || len(name) > 64 {
		return nil, bad()
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, bad()
	}
	return l, nil
}

// InZone returns the wall clock of t (whatever its location) read as a
// time of zone: a floating time, one with no zone of its own, placed in
// the workspace's zone.
func InZone(t time.Time, zone *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), zone)
}

// Today is the day it is now in zone.
func Today(now time.Time, zone *time.Location) Date { return DateOf(now.In(zone)) }

// SettingsService keeps a workspace's settings.
type SettingsService interface {
	// Settings returns the settings (the defaults when never set).
	Settings(ctx context.Context) (Settings, error)
	// SetTimeZone sets the zone, an IANA name checked by LoadZone.
	SetTimeZone(ctx context.Context, zone string) error
}
