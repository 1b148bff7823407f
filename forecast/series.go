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

// Event is one incident as read: when (its wall clock in the workspace's
// zone; Timed when the source gave the time of day) and where. It is
// counted, then dropped.
type Event struct {
	At       time.Time
	Timed    bool
	Lon, Lat float64
}

// Series is the incidents counted on a grid of square cells, day by day.
// Only the cells where at least one incident happened make the study area
// (there is no city outline to go by); each is CellM metres wide.
type Series struct {
	Grid  Grid
	CellM float64
	Start time.Time // the first day (UTC midnight)
	Days  int
	// Cells are the active cells' grid coordinates, in a stable order.
	Cells [][2]int
	// counts[d] lists the non-zero (cell, count) of day d.
	counts [][]cellCount
	total  []int // incidents per day
	// hours[i] are the counts by hour of a cellCount whose hours is i
	// (hours[0]: none known).
	hours [][24]int32
	timed int // incidents with a time of day
}

type cellCount struct {
	cell  int32
	count int32
	hours int32
}

// Grid is a metric grid of square cells: a local equirectangular
// projection about latitude Lat0, exact to well under a cell at city scale.
type Grid struct {
	CellM float64 `json:"cell_m"`
	Lat0  float64 `json:"lat0"`
}

func (g Grid) k() (kx, ky float64) { return 111320 * math.Cos(g.Lat0*math.Pi/180), 110540.0 }

// Metres is the distance between two points (longitude, latitude) in the
// grid's projection.
func (g Grid) Metres(a, b [2]float64) float64 {
	kx, ky := g.k()
	return math.Hypot((a[0]-b[0])*kx, (a[1]-b[1])*ky)
}

// Cell is the grid coordinates of the cell holding (lon, lat).
func (g Grid) Cell(lon, lat float64) (x, y int) {
	kx, ky := g.k()
	return int(math.Floor(lon * kx / g.CellM)), int(math.Floor(lat * ky / g.CellM))
}

// Centre is the longitude and latitude of cell (x, y)'s centre.
func (g Grid) Centre(x, y int) (lon, lat float64) {
	kx, ky := g.k()
	return (float64(x) + 0.5) * g.CellM / kx, (float64(y) + 0.5) * g.CellM / ky
}

// Count is the incidents of one day in one cell, and of those with a time
// of day, how many in each hour: all a store keeps.
type Count struct {
	Day   time.Time // the day (its date; the clock is ignored)
	X, Y  int
	N     int
	Hours [24]int32
}

// Tally counts events into the cells of g and their days.
func Tally(g Grid, events []Event) []Count {
	type key struct {
		day  time.Time
		x, y int
	}
	t := map[key]*Count{}
	for _, e := range events {
		x, y := g.Cell(e.Lon, e.Lat)
		k := key{dayOf(e.At), x, y}
		c := t[k]
		if c == nil {
			c = &Count{Day: k.day, X: x, Y: y}
			t[k] = c
		}
		c.N++
		if e.Timed {
			c.Hours[e.At.Hour()]++
		}
	}
	out := make([]Count, 0, len(t))
	for _, c := range t {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.Day.Equal(b.Day) {
			return a.Day.Before(b.Day)
		}
		return a.Y < b.Y || (a.Y == b.Y && a.X < b.X)
	})
	return out
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Build counts events into cells of cellM metres (about the events' mean
// latitude) and days from the first event's to the last one's.
func Build(events []Event, cellM float64) *Series {
	if len(events) == 0 {
		return &Series{CellM: cellM}
	}
	lat0 := 0.0
	for _, e := range events {
		lat0 += e.Lat
	}
	g := Grid{CellM: cellM, Lat0: lat0 / float64(len(events))}
	return FromCounts(g, Tally(g, events))
}

// FromCounts makes a series of counts already on grid g (as a store keeps
// them), from the first count's day to the last one's.
func FromCounts(g Grid, counts []Count) *Series {
	s := &Series{CellM: g.CellM, Grid: g}
	if len(counts) == 0 {
		return s
	}
	first, last := dayOf(counts[0].Day), dayOf(counts[0].Day)
	for _, c := range counts {
		d := dayOf(c.Day)
		if d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	s.Start = first
	s.Days = int(last.Sub(s.Start).Hours()/24) + 1
	index := map[[2]int]int{}
	type key struct{ day, cell int }
	type sum struct {
		n     int
		hours [24]int32
		timed bool
	}
	tally := map[key]*sum{}
	for _, e := range counts {
		gc := [2]int{e.X, e.Y}
		c, ok := index[gc]
		if !ok {
			c = len(s.Cells)
			index[gc] = c
			s.Cells = append(s.Cells, gc)
		}
		k := key{int(dayOf(e.Day).Sub(s.Start).Hours() / 24), c}
		t := tally[k]
		if t == nil {
			t = &sum{}
			tally[k] = t
		}
		t.n += e.N
		for h, n := range e.Hours {
			t.hours[h] += n
			t.timed = t.timed || n > 0
		}
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
	s.hours = [][24]int32{{}}
	for k, t := range tally {
		cc := cellCount{cell: int32(rank[k.cell]), count: int32(t.n)}
		if t.timed {
			cc.hours = int32(len(s.hours))
			s.hours = append(s.hours, t.hours)
			for _, n := range t.hours {
				s.timed += int(n)
			}
		}
		s.counts[k.day] = append(s.counts[k.day], cc)
		s.total[k.day] += t.n
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
func (s *Series) Centre(c int) (lon, lat float64) { return s.Grid.Centre(s.Cells[c][0], s.Cells[c][1]) }

// DayIndex is the index of date t's day (negative before the first; Days
// or more after the last).
func (s *Series) DayIndex(t time.Time) int { return int(dayOf(t).Sub(s.Start).Hours() / 24) }
