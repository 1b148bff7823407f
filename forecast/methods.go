package forecast

import (
	"math"
	"math/bits"
	"sort"
	"time"
)

// A Method forecasts each cell's expected count for a day from the days
// before it. The backtest calls Predict(d) then Observe(d), day after day,
// so a method keeps running sums rather than rereading the past.
type Method interface {
	Name() string
	Predict(d int, out []float64)
	Observe(d int)
}

// Methods returns the baselines, the analogue method and the
// self-exciting model, for s.
func Methods(s *Series) []Method {
	return []Method{NewLongTerm(s), NewWeekday(s), NewKDE(s, 4, 1), NewAnalogue(s, 30), NewSelfExciting(s)}
}

// MethodsWith returns Methods and, when cal is not nil, the analogue
// method that also knows the calendar (analogue_calendar), so that what
// the calendar adds is measured, not assumed.
func MethodsWith(s *Series, cal Calendar) []Method {
	ms := Methods(s)
	if cal != nil {
		a := NewAnalogue(s, 30)
		a.Calendar = cal
		ms = append(ms, a)
	}
	return ms
}

// LongTerm is the long-term rate of each cell: all its past incidents over
// the days seen. The reference of the Brier skill score.
type LongTerm struct {
	s    *Series
	sum  []float64
	days int
}

// NewLongTerm returns the long-term rate baseline.
func NewLongTerm(s *Series) *LongTerm { return &LongTerm{s: s, sum: make([]float64, len(s.Cells))} }

func (m *LongTerm) Name() string { return "long_term_rate" }

func (m *LongTerm) Predict(d int, out []float64) {
	for c := range out {
		out[c] = m.sum[c] / float64(max(m.days, 1))
	}
}

func (m *LongTerm) Observe(d int) {
	for _, cc := range m.s.counts[d] {
		m.sum[cc.cell] += float64(cc.count)
	}
	m.days++
}

// Weekday is each cell's rate on the same day of the week.
type Weekday struct {
	s    *Series
	sum  [7][]float64
	days [7]int
}

// NewWeekday returns the same-weekday baseline.
func NewWeekday(s *Series) *Weekday {
	m := &Weekday{s: s}
	for i := range m.sum {
		m.sum[i] = make([]float64, len(s.Cells))
	}
	return m
}

func (m *Weekday) Name() string { return "same_weekday_rate" }

func (m *Weekday) Predict(d int, out []float64) {
	w := m.s.Day(d).Weekday()
	for c := range out {
		out[c] = m.sum[w][c] / float64(max(m.days[w], 1))
	}
}

func (m *Weekday) Observe(d int) {
	w := m.s.Day(d).Weekday()
	for _, cc := range m.s.counts[d] {
		m.sum[w][cc.cell] += float64(cc.count)
	}
	m.days[w]++
}

// KDE is a Gaussian kernel density of the last Weeks weeks: the counts of
// the window spread over the neighbouring cells (bandwidth Bandwidth
// cells, cut at three), per day.
type KDE struct {
	s         *Series
	Weeks     int
	Bandwidth float64
	window    []float64
	neigh     [][]neighbour
}

type neighbour struct {
	cell   int32
	weight float64
}

// NewKDE returns the kernel-density baseline of the last weeks weeks.
func NewKDE(s *Series, weeks int, bandwidth float64) *KDE {
	m := &KDE{s: s, Weeks: weeks, Bandwidth: bandwidth, window: make([]float64, len(s.Cells))}
	index := make(map[[2]int]int32, len(s.Cells))
	for i, g := range s.Cells {
		index[g] = int32(i)
	}
	r := int(math.Ceil(3 * bandwidth))
	m.neigh = make([][]neighbour, len(s.Cells))
	for i, g := range s.Cells {
		var sum float64
		var ns []neighbour
		for dx := -r; dx <= r; dx++ {
			for dy := -r; dy <= r; dy++ {
				w := math.Exp(-float64(dx*dx+dy*dy) / (2 * bandwidth * bandwidth))
				sum += w // the kernel's whole mass, inactive cells included
				if j, ok := index[[2]int{g[0] + dx, g[1] + dy}]; ok {
					ns = append(ns, neighbour{j, w})
				}
			}
		}
		for k := range ns {
			ns[k].weight /= sum
		}
		m.neigh[i] = ns
	}
	return m
}

func (m *KDE) Name() string { return "kde_last_weeks" }

func (m *KDE) Predict(d int, out []float64) {
	days := float64(min(d, 7*m.Weeks))
	for c := range out {
		out[c] = 0
	}
	if days == 0 {
		return
	}
	for c, v := range m.window {
		if v == 0 {
			continue
		}
		for _, n := range m.neigh[c] {
			out[n.cell] += v * n.weight / days
		}
	}
}

func (m *KDE) Observe(d int) {
	for _, cc := range m.s.counts[d] {
		m.window[cc.cell] += float64(cc.count)
	}
	if old := d - 7*m.Weeks; old >= 0 {
		for _, cc := range m.s.counts[old] {
			m.window[cc.cell] -= float64(cc.count)
		}
	}
}

// Analogue forecasts a day from the K most similar past days: the same
// day of the week, the nearest in the season (day of the year, cyclic),
// the most recent among equals. Each cell's expected count is the mean of
// its counts on those days, shrunk toward its recent rate (an exponentially
// weighted mean, half-life HalfLife days) brought to the analogue days'
// level — a summer Saturday is busier than the average day —, with the
// weight of Shrink days, so that one analogue day's incident does not make
// a hot spot. With the defaults the shrinkage dominates: the analogue days
// mainly set the day's level, and nudge the map. Analogues(d) gives the days behind a forecast: its
// explanation.
type Analogue struct {
	s        *Series
	K        int
	Shrink   float64
	HalfLife float64
	recent   []float64 // exponentially weighted counts
	weight   float64   // exponentially weighted number of days
	decay    float64
	last     []int // the analogue days of the last Predict
	// Calendar, when set, makes holidays, school holidays and events part
	// of what makes days similar, and lets the events of the day change
	// the forecast of the cells near them (see eventAdjust).
	Calendar Calendar
	byKind   map[string][]eventDay
	why      map[int]*Why
	keys     map[int]dayKey
	kindBit  map[string]uint64
}

// NewAnalogue returns the similar-past-days method with k analogues.
func NewAnalogue(s *Series, k int) *Analogue {
	// Shrink and HalfLife were chosen on the Chicago development data
	// (BENCHMARKS.md): 32 k days of weight for the recent rate, a
	// three-year half-life. The analogue days then mostly set how busy the
	// day will be; the map comes mostly from the recent rate.
	m := &Analogue{s: s, K: k, Shrink: 32 * float64(k), HalfLife: 1095, recent: make([]float64, len(s.Cells))}
	m.decay = math.Pow(0.5, 1/m.HalfLife)
	return m
}

// Name is analogue_days, or analogue_calendar with a calendar.
func (m *Analogue) Name() string {
	if m.Calendar != nil {
		return "analogue_calendar"
	}
	return "analogue_days"
}

// distance orders past days for day d: lower is more similar. Without a
// calendar only the same weekday counts; with one, a public holiday is
// like a Sunday (and no working day is like a holiday), a school holiday
// unlike a school day, and a day with an event of a kind unlike one
// without.
func (m *Analogue) distance(d, p int) float64 {
	if m.Calendar != nil {
		a, b := m.dayKey(d), m.dayKey(p)
		if a.class != b.class {
			return math.Inf(1)
		}
		extra := 2 * float64(bits.OnesCount64(a.kinds^b.kinds))
		if a.school != b.school {
			extra += 4
		}
		doy := math.Abs(float64(a.yday - b.yday))
		doy = math.Min(doy, 365-doy)
		return doy/7 + float64(d-p)/365*2 + extra
	}
	a, b := m.s.Day(d), m.s.Day(p)
	if a.Weekday() != b.Weekday() {
		return math.Inf(1)
	}
	doy := math.Abs(float64(a.YearDay() - b.YearDay()))
	doy = math.Min(doy, 365-doy)
	years := float64(d-p) / 365
	return doy/7 + years*2
}

// dayKey is what distance compares of a day, with a calendar: its class
// (the weekday, Sunday for a public holiday), its day of the year, its
// school holiday and the kinds of its events (a bit each).
type dayKey struct {
	class  time.Weekday
	yday   int
	school bool
	kinds  uint64
}

// dayKey computes, once per day, what distance compares.
func (m *Analogue) dayKey(d int) dayKey {
	if m.keys == nil {
		m.keys = map[int]dayKey{}
		m.kindBit = map[string]uint64{}
	}
	if k, ok := m.keys[d]; ok {
		return k
	}
	t := m.s.Day(d)
	info := m.Calendar[t]
	k := dayKey{class: t.Weekday(), yday: t.YearDay(), school: info.SchoolHoliday}
	if info.Holiday {
		k.class = time.Sunday
	}
	for _, h := range info.Happenings {
		bit, ok := m.kindBit[h.Kind]
		if !ok && len(m.kindBit) < 64 {
			bit = 1 << len(m.kindBit)
			m.kindBit[h.Kind] = bit
		}
		k.kinds |= bit
	}
	m.keys[d] = k
	return k
}

// Analogues returns the analogue days of day d.
func (m *Analogue) Analogues(d int) []time.Time {
	var out []time.Time
	for _, p := range m.pick(d) {
		out = append(out, m.s.Day(p))
	}
	return out
}

func (m *Analogue) pick(d int) []int {
	type cand struct {
		day  int
		dist float64
	}
	var cs []cand
	step, first := 7, d-7 // same weekday only
	if m.Calendar != nil {
		step, first = 1, d-1 // holidays move days across weekdays
	}
	for first >= m.s.Days { // a day after the last: only days with counts
		first -= step
	}
	for p := first; p >= 0; p -= step {
		if dist := m.distance(d, p); !math.IsInf(dist, 1) {
			cs = append(cs, cand{p, dist})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	out := make([]int, 0, m.K)
	for _, c := range cs[:min(m.K, len(cs))] {
		out = append(out, c.day)
	}
	return out
}

func (m *Analogue) Predict(d int, out []float64) {
	days := m.pick(d)
	m.last = days
	all := 0.0
	for c := range out {
		out[c] = 0
		if m.weight > 0 {
			out[c] = m.recent[c] / m.weight
		}
		all += out[c]
	}
	level := 1.0
	if len(days) > 0 && all > 0 {
		mean := 0.0
		for _, p := range days {
			mean += float64(m.s.total[p])
		}
		level = mean / float64(len(days)) / all
	}
	for c := range out {
		out[c] *= m.Shrink * level
	}
	for _, p := range days {
		for _, cc := range m.s.counts[p] {
			out[cc.cell] += float64(cc.count)
		}
	}
	den := m.Shrink + float64(len(days))
	for c := range out {
		out[c] /= den
	}
	if m.Calendar != nil {
		m.eventAdjust(d, out)
	}
}

func (m *Analogue) Observe(d int) {
	for c := range m.recent {
		m.recent[c] *= m.decay
	}
	m.weight = m.weight*m.decay + 1
	for _, cc := range m.s.counts[d] {
		m.recent[cc.cell] += float64(cc.count)
	}
}
