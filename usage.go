package clairvoie

import (
	"context"
	"fmt"
	"time"
)

// UsageMonth is one camera's aggregated activity in one month: counts, never
// a case or a person. The fields follow what the Cour des comptes asks
// cities to record (2020 report): the requisitions received, the
// extractions delivered, and those that were decisive in a procedure.
type UsageMonth struct {
	CameraID      int64   `json:"camera_id"`
	Month         Month   `json:"month"`
	Requisitions  int     `json:"requisitions"`   // judicial requisitions of its footage
	Extractions   int     `json:"extractions"`    // extractions delivered
	Decisive      int     `json:"decisive"`       // extractions decisive in a procedure
	Interventions int     `json:"interventions"`  // live interventions triggered by an operator
	DowntimeHours float64 `json:"downtime_hours"` // hours out of order
	Vandalism     int     `json:"vandalism"`      // vandalism events
	Synthetic     bool    `json:"synthetic"`
}

// Month is a calendar month, "YYYY-MM".
type Month string

// ParseMonth reads "YYYY-MM" (or "YYYY-MM-DD", whose day is dropped).
func ParseMonth(s string) (Month, error) {
	for _, layout := range []string{"2006-01", "2006-01-02", "2006/01", "01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Month(t.Format("2006-01")), nil
		}
	}
	return "", fmt.Errorf("not a month YYYY-MM")
}

// Months interns months while a store reads millions of usage rows: ten
// years are 120 strings, not one per row. The zero value is not usable: make
// one with make(Months).
type Months map[string]Month

// Of returns the month spelt b, the same string every time.
func (ms Months) Of(b []byte) Month {
	if m, ok := ms[string(b)]; ok {
		return m
	}
	m := Month(b)
	ms[string(m)] = m
	return m
}

// Time is the first day of the month, UTC.
func (m Month) Time() time.Time {
	t, _ := time.Parse("2006-01", string(m))
	return t
}

// Validate checks the counts: none negative, decisive extractions no more
// than extractions, downtime within the month.
func (u *UsageMonth) Validate() error {
	switch {
	case u.Requisitions < 0 || u.Extractions < 0 || u.Decisive < 0 || u.Interventions < 0 || u.Vandalism < 0:
		return fmt.Errorf("counts cannot be negative")
	case u.Decisive > u.Extractions:
		return fmt.Errorf("decisive extractions (%d) cannot outnumber extractions (%d)", u.Decisive, u.Extractions)
	case u.DowntimeHours < 0 || u.DowntimeHours > 744:
		return fmt.Errorf("downtime %g h: expected 0 to 744 hours (a month)", u.DowntimeHours)
	}
	return nil
}

// UsageResult says what a usage import did.
type UsageResult struct {
	Imported int `json:"imported"`
	Inserted int `json:"inserted"`
	Updated  int `json:"updated"`
}

// UsageFilter selects usage months. Empty fields do not filter.
type UsageFilter struct {
	CameraIDs []int64
	From, To  Month // inclusive
}

// UsageService holds the usage ledger.
type UsageService interface {
	// ImportUsage writes months in one transaction, all or none; a month
	// already held for a camera is replaced. Returns EINVALID when a camera
	// does not exist or a month repeats in the batch.
	ImportUsage(ctx context.Context, rows []UsageMonth) (UsageResult, error)
	// FindUsage returns the months matching the filter, by camera and month.
	FindUsage(ctx context.Context, f UsageFilter) ([]UsageMonth, error)
	// SumUsage returns, for each camera with months matching the filter,
	// their number and the sums of their counts, by camera: what the plan
	// needs, without holding ten years of months in memory.
	SumUsage(ctx context.Context, f UsageFilter) ([]UsageTotal, error)
}

// UsageTotal is one camera's usage summed over the months a filter selects.
type UsageTotal struct {
	CameraID      int64   `json:"camera_id"`
	Months        int     `json:"months"`
	Requisitions  int     `json:"requisitions"`
	Extractions   int     `json:"extractions"`
	Decisive      int     `json:"decisive"`
	Interventions int     `json:"interventions"`
	DowntimeHours float64 `json:"downtime_hours"`
	Vandalism     int     `json:"vandalism"`
}
