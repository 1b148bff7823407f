package forecast

import (
	"math"
	"slices"
	"sort"
	"time"
)

// Calendar is what the analogue method knows of each day besides its
// weekday and season: public and school holidays, and the public events
// (matches, markets, marches…) with their places. Days absent are ordinary.
type Calendar map[time.Time]DayInfo

// DayInfo describes one day.
type DayInfo struct {
	Holiday       bool        `json:"holiday,omitempty"`
	SchoolHoliday bool        `json:"school_holiday,omitempty"`
	Happenings    []Happening `json:"happenings,omitempty"`
}

// Happening is an event on a day: its kind, its public name, when it runs
// (in the workspace's zone; it may begin the day before or end the day
// after), the points of its place (a point, a route's vertices, an area's
// outline) and its expected attendance.
type Happening struct {
	Ref        string       `json:"ref,omitempty"`
	Kind       string       `json:"kind"`
	Name       string       `json:"name"`
	Start      time.Time    `json:"start"`
	End        time.Time    `json:"end"`
	Points     [][2]float64 `json:"-"`
	Attendance int          `json:"attendance,omitempty"`
	Synthetic  bool         `json:"synthetic,omitempty"`
}

// Add records a happening on day t.
func (c Calendar) Add(t time.Time, h Happening) {
	d := dayOf(t)
	info := c[d]
	info.Happenings = append(info.Happenings, h)
	c[d] = info
}

// Mark sets a day's holidays (keeping its happenings).
func (c Calendar) Mark(t time.Time, holiday, school bool) {
	d := dayOf(t)
	info := c[d]
	info.Holiday = info.Holiday || holiday
	info.SchoolHoliday = info.SchoolHoliday || school
	c[d] = info
}

// EventRadius is how near a cell an event must be to change its forecast,
// in metres; EventK the most past days of the same kind of event at the
// same place that are looked at; EventPrior the weight, in days, of "no
// effect" against them. They were set once, a priori (a kilometre around
// a stadium; thirty past matches, a season and a half; ten days), not
// tuned on any data set.
const (
	EventRadius = 1000.0
	EventK      = 30
	EventPrior  = 10.0
)

// metres between a point and a happening's nearest point.
func (s *Series) nearest(lon, lat float64, h Happening) float64 {
	best := math.Inf(1)
	for _, p := range h.Points {
		best = math.Min(best, s.Grid.Metres([2]float64{lon, lat}, p))
	}
	return best
}

// eventDay is a past day with a happening, for the index by kind.
type eventDay struct {
	day int
	h   Happening
}

// index lists, by kind, the days of the series with a
// happening of that kind.
func (m *Analogue) index() map[string][]eventDay {
	if m.byKind != nil {
		return m.byKind
	}
	m.byKind = map[string][]eventDay{}
	for t, info := range m.Calendar {
		d := m.s.DayIndex(t)
		if d < 0 || d >= m.s.Days { // only days with counts can be leant on
			continue
		}
		for _, h := range info.Happenings {
			m.byKind[h.Kind] = append(m.byKind[h.Kind], eventDay{d, h})
		}
	}
	for k := range m.byKind {
		sort.Slice(m.byKind[k], func(i, j int) bool { return m.byKind[k][i].day < m.byKind[k][j].day })
	}
	return m.byKind
}

// Why is the explanation of one cell's forecast: the events of the day
// near it, and the past days of the same kind of event at the same place
// that its forecast leans on (empty when only the day's analogues count).
type Why struct {
	Events []string    `json:"events,omitempty"`
	Days   []time.Time `json:"days,omitempty"`
}

// eventAdjust raises or lowers the forecast of the cells near each of day
// d's happenings by the effect such events had there: the mean count of
// each cell on up to EventK past days with the same kind of event at the
// same place (similarEvents: a like attendance first), less its mean count over every day
// since the first of them, shrunk by n/(n+EventPrior). A recurring event
// (a daily market) is in the ordinary rate already and changes little; a
// match every other week adds what matches added.
func (m *Analogue) eventAdjust(d int, out []float64) {
	m.why = map[int]*Why{}
	info, ok := m.Calendar[m.s.Day(d)]
	if !ok || len(info.Happenings) == 0 {
		return
	}
	idx := m.index()
	done := map[int]bool{}
	for _, h := range info.Happenings {
		past := m.similarEvents(idx[h.Kind], h, d)
		var near []int
		for c := range out {
			lon, lat := m.s.Centre(c)
			if m.s.nearest(lon, lat, h) > EventRadius {
				continue
			}
			near = append(near, c)
			w := m.why[c]
			if w == nil {
				w = &Why{}
				m.why[c] = w
			}
			w.Events = append(w.Events, h.Name)
		}
		if len(past) == 0 || len(near) == 0 {
			continue
		}
		// Every day's counts over the span, for the near cells.
		first := slices.Min(past)
		all := map[int]float64{}
		for p := first; p < min(d, m.s.Days); p++ {
			for _, cc := range m.s.counts[p] {
				all[int(cc.cell)] += float64(cc.count)
			}
		}
		span := float64(min(d, m.s.Days) - first)
		n := float64(len(past))
		for _, c := range near {
			if done[c] {
				continue
			}
			done[c] = true
			on := 0.0
			for _, p := range past {
				on += m.cellCount(p, c)
				m.why[c].Days = append(m.why[c].Days, m.s.Day(p))
			}
			effect := on/n - all[c]/span
			out[c] = math.Max(0, out[c]+effect*n/(n+EventPrior))
		}
	}
}

// similarEvents returns up to EventK past days (before d) with an event of
// h's kind at h's place (within half EventRadius), most recent first —
// those of a like attendance (within a factor of two, when both are known)
// before the others.
func (m *Analogue) similarEvents(list []eventDay, h Happening, d int) []int {
	var like, other []int
	seen := map[int]bool{}
	for i := len(list) - 1; i >= 0 && len(like) < EventK; i-- {
		e := list[i]
		if e.day >= d || len(e.h.Points) == 0 || len(h.Points) == 0 || seen[e.day] {
			continue
		}
		if m.s.nearest(e.h.Points[0][0], e.h.Points[0][1], h) > EventRadius/2 {
			continue
		}
		if a, b := float64(h.Attendance), float64(e.h.Attendance); a > 0 && b > 0 && (a > 2*b || b > 2*a) {
			if len(other) < EventK {
				other = append(other, e.day)
				seen[e.day] = true
			}
			continue
		}
		like = append(like, e.day)
		seen[e.day] = true
	}
	return append(like, other[:min(len(other), EventK-len(like))]...)
}

// cellCount is cell c's count on day p.
func (m *Analogue) cellCount(p, c int) float64 {
	cs := m.s.counts[p]
	i := sort.Search(len(cs), func(i int) bool { return int(cs[i].cell) >= c })
	if i < len(cs) && int(cs[i].cell) == c {
		return float64(cs[i].count)
	}
	return 0
}

// Explain returns, after Predict(d), the explanation of cell c's forecast
// (nil when it rests on the day's analogues alone).
func (m *Analogue) Explain(c int) *Why { return m.why[c] }

// PoissonInterval is the central 90 % interval of a Poisson count of mean
// lambda: what a cell may see on the day if the forecast is right.
func PoissonInterval(lambda float64) (lo, hi int) {
	if lambda <= 0 {
		return 0, 0
	}
	if lambda > 500 { // the normal approximation, where exp(-lambda) underflows
		sd := math.Sqrt(lambda)
		return int(math.Floor(lambda - 1.645*sd)), int(math.Ceil(lambda + 1.645*sd))
	}
	p := math.Exp(-lambda)
	cum, k := p, 0
	lo = -1
	for {
		if lo < 0 && cum >= 0.05 {
			lo = k
		}
		if cum >= 0.95 {
			return lo, k
		}
		k++
		p *= lambda / float64(k)
		cum += p
		if k > 10000 {
			return lo, k
		}
	}
}
