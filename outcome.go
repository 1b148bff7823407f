package clairvoie

import (
	"context"
	"time"
)

// OutcomeKinds are the kinds of outcome counts kept: things that police
// activity does not create (road accidents, emergency calls), and incident
// data sets used for benchmarking.
var OutcomeKinds = []string{"accidents", "calls", "incidents"}

// OutcomeSource describes one set of outcome counts: where it came from,
// the grid it was counted on, and what was left out on import. Only counts
// per cell and day are kept, never a row.
type OutcomeSource struct {
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	Format   string  `json:"format"` // baac, csv
	File     string  `json:"file"`   // the base name of the file read
	CellM    float64 `json:"cell_m"`
	Lat0     float64 `json:"lat0"` // the grid's reference latitude
	Counted  int     `json:"counted"`
	Unplaced int     `json:"unplaced"` // rows without a position
	Filtered int     `json:"filtered"` // rows of other communes (BAAC --insee)
	Outside  int     `json:"outside"`  // rows outside the area, when asked to skip them
	First    string  `json:"first"`    // the first and last days counted
	Last     string  `json:"last"`
	// Licence and Synthetic travel with every figure made from the counts.
	Licence    string    `json:"licence"`
	Synthetic  bool      `json:"synthetic"`
	ImportedAt time.Time `json:"imported_at"`
}

// OutcomeCount is the number of outcomes of one day in one grid cell.
type OutcomeCount struct {
	Day  string `json:"day"` // YYYY-MM-DD, local to the source
	X, Y int
	N    int `json:"n"`
}

// OutcomeService keeps outcome counts.
type OutcomeService interface {
	// ReplaceOutcomes replaces a source and its counts in one transaction.
	ReplaceOutcomes(ctx context.Context, src OutcomeSource, counts []OutcomeCount) error
	// FindOutcomeSources lists the sources, by name.
	FindOutcomeSources(ctx context.Context) ([]OutcomeSource, error)
	// FindOutcomes returns a source and its counts by day and cell; ENOTFOUND
	// when there is no such source.
	FindOutcomes(ctx context.Context, name string) (OutcomeSource, []OutcomeCount, error)
}

// CalendarDay is a day the calendar marks: a public holiday (its name) or
// a school holiday.
type CalendarDay struct {
	Day           string `json:"day"` // YYYY-MM-DD
	Holiday       string `json:"holiday,omitempty"`
	SchoolHoliday bool   `json:"school_holiday,omitempty"`
}

// DayService keeps the public and school holidays.
type DayService interface {
	// ReplaceDays replaces the marked days, in one transaction.
	ReplaceDays(ctx context.Context, source string, days []CalendarDay) error
	// FindDays returns the marked days in order.
	FindDays(ctx context.Context) ([]CalendarDay, error)
}
