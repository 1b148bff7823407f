// Package forecast estimates where incidents are likely on a day, from
// counts on a metric grid, and measures how well it does: a rolling-origin
// backtest, one day ahead, against naive baselines, with the hit rate and
// the predictive accuracy index (PAI) at shares of the area, the
// predictive efficiency index (PEI), the Brier score and its skill score
// against the long-term rate. It works on aggregated counts only (events
// are counted into cells and days as they are read; no record is kept),
// and it is pure: events in, figures out.
package forecast

import (
	"math"
	"sort"
	"time"
)

// Event is one incident as read: when and where. It is counted, then dropped.
type Event struct {
	At       time.Time
	Lon, Lat float64
}

// Series is the incidents counted on a grid of square cells, day by day.
// Only the cells where at least one incident happened make the study area
// (there is no city outline to go by); each is CellM metres wide.
type Series struct {
	CellM float64
	Start time.Time // the first day (UTC midnight)
	Days  int
	// Cells are the active cells' grid coordinates, in a stable order.
	Cells [][2]int
	// counts[d] lists the non-zero (cell, count) of day d.
	counts [][]cellCount
	total  []int   // incidents per day
	kx, ky float64 // metres per degree of longitude and latitude
}

type cellCount struct {
	cell  int32
	count int32
}

// Build counts events into cells of cellM metres (a local equirectangular
// projection about the events' mean latitude, exact to well under a cell at
// city scale) and UTC days from the first event's to the last one's.
func Build(events []Event, cellM float64) *Series {
	s := &Series{CellM: cellM}
	if len(events) == 0 {
		return s
	}
	lat0, first, last := 0.0, events[0].At, events[0].At
	for _, e := range events {
		lat0 += e.Lat
		if e.At.Before(first) {
			first = e.At
		}
		if e.At.After(last) {
			last = e.At
		}
	}
	lat0 /= float64(len(events))
	kx := 111320 * math.Cos(lat0*math.Pi/180)
	ky := 110540.0
	s.kx, s.ky = kx, ky
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	s.Start = day(first)
	s.Days = int(day(last).Sub(s.Start).Hours()/24) + 1
	index := map[[2]int]int{}
	type key struct{ day, cell int }
	tally := map[key]int{}
	for _, e := range events {
		g := [2]int{int(math.Floor(e.Lon * kx / cellM)), int(math.Floor(e.Lat * ky / cellM))}
		c, ok := index[g]
		if !ok {
			c = len(s.Cells)
			index[g] = c
			s.Cells = append(s.Cells, g)
		}
		tally[key{int(day(e.At).Sub(s.Start).Hours() / 24), c}]++
	}
	// A stable cell order (by grid coordinates), whatever the input order.
	order := make([]int, len(s.Cells))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := s.Cells[order[i]], s.Cells[order[j]]
		return a[1] < b[1] || (a[1] == b[1] && a[0] < b[0])
	})
	rank := make([]int, len(order))
	cells := make([][2]int, len(order))
	for r, c := range order {
		rank[c] = r
		cells[r] = s.Cells[c]
	}
	s.Cells = cells
	s.counts = make([][]cellCount, s.Days)
	s.total = make([]int, s.Days)
	for k, n := range tally {
		s.counts[k.day] = append(s.counts[k.day], cellCount{int32(rank[k.cell]), int32(n)})
		s.total[k.day] += n
	}
	for d := range s.counts {
		sort.Slice(s.counts[d], func(i, j int) bool { return s.counts[d][i].cell < s.counts[d][j].cell })
	}
	return s
}

// Day is the date of day d.
func (s *Series) Day(d int) time.Time { return s.Start.AddDate(0, 0, d) }

// Total is the number of incidents on day d.
func (s *Series) Total(d int) int { return s.total[d] }

// Incidents is the number of incidents counted.
func (s *Series) Incidents() int {
	n := 0
	for _, t := range s.total {
		n += t
	}
	return n
}

// Centre is the longitude and latitude of cell c's centre.
func (s *Series) Centre(c int) (lon, lat float64) {
	g := s.Cells[c]
	return (float64(g[0]) + 0.5) * s.CellM / s.kx, (float64(g[1]) + 0.5) * s.CellM / s.ky
}
