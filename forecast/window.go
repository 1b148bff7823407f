package forecast

import (
	"errors"
	"math"
	"sort"
	"time"
)

// A Window asks for the outcomes of some hours of a day near some places:
// "the evening of the match, 18:00–24:00, within 1 km of the stadium".
// Hours are the workspace's; To may pass midnight (up to 48: 22 to 26 is
// 22:00 to 02:00 the next morning). Kind, when set, is the kind of event
// the window is about: past days with such an event at the places lend
// the forecast their effect.
type Window struct {
	Day      int
	From, To int
	// AllDay counts the whole day, outcomes without a time included
	// (From and To are then ignored).
	AllDay     bool
	Points     [][2]float64 // nil: every cell
	RadiusM    float64
	Kind       string
	Attendance int
}

// WindowForecast is a window's forecast by the similar-past-windows
// method: the mean count of the same window on the most similar past days
// without such an event (weekday, season, holidays), plus the effect the
// same kind of event had at the same place — each past event's window less
// its own similar days' — shrunk toward zero by n/(n+EventPrior), with its
// 90 % interval; the forecast's own 90 % interval is that of a count with
// the base's dispersion (negative binomial when the similar days vary
// more than a Poisson count would, else Poisson).
type WindowForecast struct {
	Expected float64 `json:"expected"`
	Low      int     `json:"low"`
	High     int     `json:"high"`
	Base     float64 `json:"base"`
	// Effect is the shrunk effect added to Base; RawEffect the mean
	// difference it comes from, EffectLow and EffectHigh its 90 % interval
	// (set from three past events on; EnoughEvents says so).
	Effect       float64     `json:"effect"`
	RawEffect    float64     `json:"raw_effect"`
	EffectLow    float64     `json:"effect_low"`
	EffectHigh   float64     `json:"effect_high"`
	EnoughEvents bool        `json:"enough_events"`
	EventDays    []time.Time `json:"event_days"`
	AnalogueDays []time.Time `json:"analogue_days"`
	Cells        int         `json:"cells"`
	// AnyWeekday: no similar day lacked such an event (a market every
	// Sunday), so the base is the most recent days without one, any weekday.
	AnyWeekday bool `json:"any_weekday,omitempty"`
}

// MinEventsForEffect is the fewest past events whose effect is given with
// an interval; with fewer, "not enough past events".
const MinEventsForEffect = 3

// ErrNoPastDay is returned when no day before the window's is known.
var ErrNoPastDay = errors.New("no past day to compare the window with")

// ErrUntimed is returned for a window over a series without any time of day.
var ErrUntimed = errors.New("the source gives no time of day: a window cannot be counted")

// WindowCells are the cells of window w, as a set: those within its
// radius of its places (every cell when it has none).
func (s *Series) WindowCells(w Window) map[int]bool {
	in := map[int]bool{}
	if w.Points == nil {
		for c := range s.Cells {
			in[c] = true
		}
		return in
	}
	for _, c := range NearCells(s, w.Points, w.RadiusM) {
		in[c] = true
	}
	return in
}

// WindowCount is the outcomes counted in window w's hours and cells on day
// d (its hours past midnight on day d+1), counting only those with a time.
func (s *Series) WindowCount(d int, w Window, in map[int]bool) int {
	n := 0
	if w.AllDay {
		if d >= 0 && d < s.Days {
			for _, cc := range s.counts[d] {
				if in[int(cc.cell)] {
					n += int(cc.count)
				}
			}
		}
		return n
	}
	add := func(day, from, to int) {
		if day < 0 || day >= s.Days || from >= to {
			return
		}
		for _, cc := range s.counts[day] {
			if cc.hours == 0 || !in[int(cc.cell)] {
				continue
			}
			h := s.hours[cc.hours]
			for i := max(0, from); i < min(24, to); i++ {
				n += int(h[i])
			}
		}
	}
	add(d, w.From, w.To)
	add(d+1, w.From-24, w.To-24)
	return n
}

// Timed is the number of outcomes counted with their time of day.
func (s *Series) Timed() int { return s.timed }

// ForecastWindow forecasts window w from the days before w.Day (and
// before the last day counted), cal giving the holidays and the events
// (nil: weekday and season only, and no event effect).
func ForecastWindow(s *Series, cal Calendar, w Window) (*WindowForecast, error) {
	if s.timed == 0 && !w.AllDay {
		return nil, ErrUntimed
	}
	in := s.WindowCells(w)
	count := map[int]float64{}
	wc := func(p int) float64 {
		v, ok := count[p]
		if !ok {
			v = float64(s.WindowCount(p, w, in))
			count[p] = v
		}
		return v
	}
	base := NewAnalogue(s, 30)
	if cal != nil {
		base.Calendar = withoutHappenings(cal)
	}
	h := Happening{Kind: w.Kind, Points: w.Points, Attendance: w.Attendance}
	var eventDays []int
	skip := map[int]bool{}
	if cal != nil && w.Kind != "" && len(w.Points) > 0 {
		an := &Analogue{s: s, Calendar: cal}
		eventDays = an.similarEvents(an.index()[w.Kind], h, w.Day)
		for _, p := range an.index()[w.Kind] { // no day of such an event is a base day
			skip[p.day] = true
		}
	}
	// The window's base on day d: its mean on d's similar days without
	// such an event, with the days themselves and their counts.
	anyDay := false
	baseOf := func(d int) (float64, []int, []float64) {
		var days []int
		var vals []float64
		picked := base.pickN(d, base.K, skip)
		if len(picked) == 0 {
			picked, anyDay = recentDays(s, d, base.K, skip), true
		}
		for _, p := range picked {
			days = append(days, p)
			vals = append(vals, wc(p))
		}
		if len(vals) == 0 {
			return 0, nil, nil
		}
		return mean(vals), days, vals
	}
	b, days, vals := baseOf(w.Day)
	if len(days) == 0 {
		return nil, ErrNoPastDay
	}
	out := &WindowForecast{Base: b, Cells: len(in), EventDays: []time.Time{}, AnalogueDays: []time.Time{}, AnyWeekday: anyDay}
	for _, p := range days {
		out.AnalogueDays = append(out.AnalogueDays, s.Day(p))
	}
	var diffs, bases, ons []float64
	for _, e := range eventDays {
		eb, ed, _ := baseOf(e)
		if len(ed) == 0 {
			continue
		}
		diffs = append(diffs, wc(e)-eb)
		bases, ons = append(bases, eb), append(ons, wc(e))
		out.EventDays = append(out.EventDays, s.Day(e))
	}
	sort.Slice(out.EventDays, func(i, j int) bool { return out.EventDays[i].Before(out.EventDays[j]) })
	if n := float64(len(diffs)); n > 0 {
		out.RawEffect = mean(diffs)
		out.Effect = out.RawEffect * n / (n + EventPrior)
		if len(diffs) >= MinEventsForEffect {
			// Counts are at least as variable as Poisson counts of their
			// mean, whatever the sample says (a few windows all at zero
			// prove no precise effect); with none seen, the rule of three.
			v := math.Max(math.Max(variance(diffs), mean(bases)), math.Max(mean(ons), 3.33/n))
			se := math.Sqrt(v / n)
			out.EffectLow, out.EffectHigh = out.RawEffect-1.645*se, out.RawEffect+1.645*se
			out.EnoughEvents = true
		}
	}
	out.Expected = math.Max(0, b+out.Effect)
	out.Low, out.High = CountInterval(out.Expected, variance(vals)*out.Expected/math.Max(b, 1e-9))
	return out, nil
}

// recentDays are the k most recent days before d (and before the last
// counted) not in skip.
func recentDays(s *Series, d, k int, skip map[int]bool) []int {
	var out []int
	for p := min(d, s.Days) - 1; p >= 0 && len(out) < k; p-- {
		if !skip[p] {
			out = append(out, p)
		}
	}
	return out
}

// withoutHappenings is cal's holidays only.
func withoutHappenings(cal Calendar) Calendar {
	out := make(Calendar, len(cal))
	for t, info := range cal {
		if info.Holiday || info.SchoolHoliday {
			out[t] = DayInfo{Holiday: info.Holiday, SchoolHoliday: info.SchoolHoliday}
		}
	}
	return out
}

// pickN is pick leaving out the days in skip.
func (m *Analogue) pickN(d, k int, skip map[int]bool) []int {
	saved := m.K
	m.K = k + len(skip)
	all := m.pick(d)
	m.K = saved
	out := make([]int, 0, k)
	for _, p := range all {
		if !skip[p] && len(out) < k {
			out = append(out, p)
		}
	}
	return out
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// variance is the sample variance (0 for fewer than two values).
func variance(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	m, s := mean(v), 0.0
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return s / float64(len(v)-1)
}

// CountInterval is the central 90 % interval of a count of mean mu and
// variance v: negative binomial when v exceeds mu (overdispersed), else
// Poisson.
func CountInterval(mu, v float64) (lo, hi int) {
	if mu <= 0 {
		return 0, 0
	}
	if v <= mu*1.000001 || mu > 500 {
		return PoissonInterval(mu)
	}
	r := mu * mu / (v - mu) // size; P(k) = C(k+r-1, k) p^r (1-p)^k, p = r/(r+mu)
	p := r / (r + mu)
	pk := math.Exp(r * math.Log(p))
	cum, k := pk, 0
	lo = -1
	for k < 100000 {
		if lo < 0 && cum >= 0.05 {
			lo = k
		}
		if cum >= 0.95 {
			return lo, k
		}
		pk *= (float64(k) + r) / float64(k+1) * (1 - p)
		k++
		cum += pk
	}
	return max(lo, 0), k
}
