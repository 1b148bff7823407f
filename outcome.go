package clairvoie

import (
	"context"
	"math"
	"strconv"
	"strings"
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
	Timed    int     `json:"timed"`    // rows counted with their time of day (by hour)
	First    string  `json:"first"`    // the first and last days counted
	Last     string  `json:"last"`
	// Licence and Synthetic travel with every figure made from the counts.
	Licence    string    `json:"licence"`
	Synthetic  bool      `json:"synthetic"`
	ImportedAt time.Time `json:"imported_at"`
}

// OutcomeCount is the number of outcomes of one day in one grid cell and,
// of those whose time the source gives, how many in each hour of the day.
type OutcomeCount struct {
	Day  string `json:"day"` // YYYY-MM-DD, in the workspace's zone
	X, Y int
	N    int `json:"n"`
	// Hours[h] is the outcomes of hour h (h:00 to h:59); their sum is at
	// most N, the rest untimed.
	Hours Hours `json:"hours"`
}

// Hours are counts by hour of the day.
type Hours [24]int32

// Sum is the count over hours [from, to) (to up to 24; a window past
// midnight is two calls).
func (h *Hours) Sum(from, to int) int {
	n := 0
	for i := max(0, from); i < min(24, to); i++ {
		n += int(h[i])
	}
	return n
}

// String writes the non-zero hours as "18:1,21:2", as a store keeps them.
func (h Hours) String() string {
	var b []byte
	for i, n := range h {
		if n == 0 {
			continue
		}
		if len(b) > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(b)
}

// ParseHours reads what String writes.
func ParseHours(s string) (Hours, error) {
	var h Hours
	if s == "" {
		return h, nil
	}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(part, ":")
		i, err1 := strconv.Atoi(k)
		n, err2 := strconv.Atoi(v)
		if !ok || err1 != nil || err2 != nil || i < 0 || i > 23 || n <= 0 || n > math.MaxInt32 || h[i] != 0 {
			return Hours{}, Errorf(EINVALID, "hours %q: expected hour:count pairs, hours 0 to 23 once each, counts > 0", s)
		}
		h[i] = int32(n)
	}
	return h, nil
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

// MergeCounts sums the counts of one day and cell given more than once
// (hours too), keeping the first one's place in the order.
func MergeCounts(counts []OutcomeCount) []OutcomeCount {
	type key struct {
		day  string
		x, y int
	}
	at := make(map[key]int, len(counts))
	out := make([]OutcomeCount, 0, len(counts))
	for _, c := range counts {
		k := key{c.Day, c.X, c.Y}
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, c)
			continue
		}
		out[i].N += c.N
		for h, n := range c.Hours {
			out[i].Hours[h] += n
		}
	}
	return out
}
