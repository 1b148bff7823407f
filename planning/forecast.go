package planning

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/calendar"
	"github.com/clairvoie/clairvoie/forecast"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ForecastServices are the stores a forecast reads: outcome counts, the
// marked days and the event calendar.
type ForecastServices struct {
	Outcomes clairvoie.OutcomeService
	Days     clairvoie.DayService
	Events   clairvoie.EventService
	// Zone is the workspace's time zone, where events are put on their
	// days and hours (nil: the default zone).
	Zone *time.Location
}

func (s ForecastServices) zone() *time.Location {
	if s.Zone != nil {
		return s.Zone
	}
	return clairvoie.Settings{}.Location()
}

// Outlook is a source of outcome counts made ready to forecast: its series
// and the calendar of its days.
type Outlook struct {
	Source   clairvoie.OutcomeSource
	Series   *forecast.Series
	Calendar forecast.Calendar // nil when the workspace marks no day and holds no event
	Zone     *time.Location    // the workspace's; nil: the default zone
}

func (o *Outlook) zone() *time.Location { return ForecastServices{Zone: o.Zone}.zone() }

// LoadOutlook reads a source's counts and the calendar. With no name, the
// source with the most counts (synthetic or not: the answer says which).
func LoadOutlook(ctx context.Context, s ForecastServices, name string) (*Outlook, error) {
	if name == "" {
		srcs, err := s.Outcomes.FindOutcomeSources(ctx)
		if err != nil {
			return nil, err
		}
		if len(srcs) == 0 {
			return nil, clairvoie.Say(clairvoie.ENOTFOUND, "l'espace de travail ne tient aucun compte d'accidents ou d'incidents (importez-en avec « clairvoie outcomes import »)", "the workspace holds no outcome counts (import some with 'clairvoie outcomes import')")
		}
		best := srcs[0] // the one with the most counts: the one a forecast can stand on
		for _, s := range srcs[1:] {
			if s.Counted > best.Counted {
				best = s
			}
		}
		name = best.Name
	}
	src, counts, err := s.Outcomes.FindOutcomes(ctx, name)
	if err != nil {
		return nil, err
	}
	if len(counts) == 0 {
		return nil, clairvoie.Say(clairvoie.EINVALID, "la source %q ne tient aucun compte", "outcome source %q holds no count", name)
	}
	fc := make([]forecast.Count, len(counts))
	for i, c := range counts {
		day, err := time.Parse("2006-01-02", c.Day)
		if err != nil {
			return nil, err
		}
		fc[i] = forecast.Count{Day: day, X: c.X, Y: c.Y, N: c.N, Hours: c.Hours}
	}
	o := &Outlook{Source: src, Series: forecast.FromCounts(forecast.Grid{CellM: src.CellM, Lat0: src.Lat0}, fc), Zone: s.zone()}
	from, to := o.Series.Start.AddDate(0, 0, -1), o.Series.Day(o.Series.Days).AddDate(1, 0, 0)
	o.Calendar, err = loadCalendar(ctx, s, from, to)
	return o, err
}

// DayEvents are the events on date (a day of the workspace's zone), with
// no outcome counts needed: what the calendar holds for that day.
func DayEvents(ctx context.Context, s ForecastServices, date time.Time) ([]forecast.Happening, error) {
	y, m, d := date.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, s.zone())
	cal, err := loadCalendar(ctx, ForecastServices{Events: s.Events, Zone: s.Zone}, day.AddDate(0, 0, -maxEventDays), day.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	return cal[time.Date(y, m, d, 0, 0, 0, 0, time.UTC)].Happenings, nil
}

// maxEventDays is the most days one occurrence of an event is put on
// (works that last months are on each day up to it).
const maxEventDays = 366

// loadCalendar marks the holidays and places each event's occurrences
// starting in [from, to) on the days of the workspace's zone they cover: an
// evening concert until one in the morning is on both days.
func loadCalendar(ctx context.Context, s ForecastServices, from, to time.Time) (forecast.Calendar, error) {
	cal := forecast.Calendar{}
	zone := s.zone()
	if s.Days != nil {
		days, err := s.Days.FindDays(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			t, err := time.Parse("2006-01-02", d.Day)
			if err != nil {
				return nil, err
			}
			cal.Mark(t, d.Holiday != "", d.SchoolHoliday)
		}
	}
	if s.Events != nil {
		events, err := s.Events.FindEvents(ctx)
		if err != nil {
			return nil, err
		}
		for i := range events {
			e := &events[i]
			occ, err := calendar.Occurrences(e, from, to)
			if err != nil {
				return nil, err
			}
			var pts [][2]float64
			for _, p := range calendar.Points(e.Place) {
				pts = append(pts, [2]float64{p[0], p[1]})
			}
			if poly, ok := e.Place.(orb.Polygon); ok { // an area: its centre too
				c, _ := planar.CentroidArea(poly)
				pts = append(pts, [2]float64{c[0], c[1]})
			}
			for _, o := range occ {
				start, end := o.Start.In(zone), o.End.In(zone)
				h := forecast.Happening{Ref: o.Ref, Kind: o.Kind, Name: o.Name, Start: start, End: end, Points: pts, Attendance: o.Attendance, Synthetic: o.Synthetic}
				day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, zone)
				for n := 0; n < maxEventDays && (n == 0 || day.Before(end)); n++ {
					cal.Add(day, h)
					day = day.AddDate(0, 0, 1)
				}
			}
		}
	}
	if len(cal) == 0 {
		return nil, nil
	}
	return cal, nil
}

// DayForecast is a day's forecast: where outcomes are expected, why, and
// how well the method did over the year before.
type DayForecast struct {
	Date   string                  `json:"date"`
	Source clairvoie.OutcomeSource `json:"source"`
	// Method is the method whose cells are given: the similar-past-days
	// method if it beat every baseline over the year before, else the best
	// of the others by PAI at 1 % (a baseline or the self-exciting model);
	// Meaningful says which, WhyNot where it fell short.
	Method     string         `json:"method"`
	Meaningful bool           `json:"meaningful"`
	WhyNot     []string       `json:"why_not,omitempty"`
	Cells      []ForecastCell `json:"cells"`
	// AnalogueDays are the past days most like this one.
	AnalogueDays []string         `json:"analogue_days"`
	Day          forecast.DayInfo `json:"day"`
	// TimeZone is the workspace's zone, and Events the day's events in it.
	TimeZone  string               `json:"timezone"`
	Events    []forecast.Happening `json:"events"`
	Expected  float64              `json:"expected_total"` // over every cell
	Skill     []forecast.Result    `json:"skill"`          // one day ahead, over the year before
	SkillFrom string               `json:"skill_from"`
	SkillTo   string               `json:"skill_to"`
	Grid      forecast.Grid        `json:"grid"`
	Synthetic bool                 `json:"synthetic"`
	Calendar  bool                 `json:"calendar"` // holidays or events were known
	Notes     []string             `json:"notes,omitempty"`
}

// ForecastCell is one cell of a day's forecast: its centre, its expected
// count with the 90 % interval of a Poisson count of that mean, the day's
// events within reach, and the past days of the same kind of event at the
// same place its forecast leans on.
type ForecastCell struct {
	Lon       float64  `json:"lon"`
	Lat       float64  `json:"lat"`
	Expected  float64  `json:"expected"`
	Low       int      `json:"low"`
	High      int      `json:"high"`
	Events    []string `json:"events,omitempty"`
	EventDays []string `json:"event_days,omitempty"`
}

// Skill backtests every method one day ahead over [from, to) (day
// indices), the calendar's variant among them when there is a calendar.
func (o *Outlook) Skill(from, to int) []forecast.Result {
	return forecast.Backtest(o.Series, forecast.MethodsWith(o.Series, o.Calendar), from, to)
}

// SkillNearEvents is SkillOnEventDays scored, each day, only on the cells
// within metres of that day's events of kind (0: every cell): an event's
// effect lives in a few cells, which a city-wide score dilutes.
func (o *Outlook) SkillNearEvents(from, to int, kind string, metres float64) ([]forecast.Result, error) {
	if metres <= 0 {
		return o.SkillOnEventDays(from, to, kind)
	}
	if _, err := o.SkillDays(from, to, kind); err != nil {
		return nil, err
	}
	near := func(d int) []int {
		var pts [][2]float64
		for _, h := range o.Calendar[o.Series.Day(d)].Happenings {
			if h.Kind == kind {
				pts = append(pts, h.Points...)
			}
		}
		if len(pts) == 0 {
			return nil
		}
		return forecast.NearCells(o.Series, pts, metres)
	}
	res := forecast.BacktestCells(o.Series, forecast.MethodsWith(o.Series, o.Calendar), from, to, near)
	if len(res) == 0 || res[0].Days == 0 {
		return nil, clairvoie.Say(clairvoie.EINVALID, "aucune cellule active à moins de %.0f m des événements de type %q les jours évalués", "no active cell within %.0f m of the events of kind %q on the days scored", metres, kind)
	}
	return res, nil
}

// SkillDays counts the days in [from, to) with an event of kind; an error
// when there is no calendar or no such day.
func (o *Outlook) SkillDays(from, to int, kind string) (int, error) {
	if o.Calendar == nil {
		return 0, clairvoie.Say(clairvoie.EINVALID, "pas de calendrier : l'espace de travail ne marque aucun jour et ne tient aucun événement", "no calendar: the workspace marks no day and holds no event")
	}
	n := 0
	for d := from; d < to; d++ {
		if o.eventDay(d, kind) {
			n++
		}
	}
	if n == 0 {
		return 0, clairvoie.Say(clairvoie.EINVALID, "aucun jour avec un événement de type %q parmi les jours évalués", "no day with an event of kind %q among the days scored", kind)
	}
	return n, nil
}

func (o *Outlook) eventDay(d int, kind string) bool {
	for _, h := range o.Calendar[o.Series.Day(d)].Happenings {
		if h.Kind == kind {
			return true
		}
	}
	return false
}

// SkillOnEventDays is Skill scored on the days with an event of kind
// only: what the calendar is for.
func (o *Outlook) SkillOnEventDays(from, to int, kind string) ([]forecast.Result, error) {
	if _, err := o.SkillDays(from, to, kind); err != nil {
		return nil, err
	}
	return forecast.BacktestDays(o.Series, forecast.MethodsWith(o.Series, o.Calendar), from, to, func(d int) bool { return o.eventDay(d, kind) }), nil
}

// analogueName is the similar-past-days method this outlook runs.
func (o *Outlook) analogueName() string {
	if o.Calendar != nil {
		return "analogue_calendar"
	}
	return "analogue_days"
}

// forecastDay is date's index in the series: a day with two months of
// history before it, up to a year after the last day counted.
func (o *Outlook) forecastDay(date time.Time) (int, error) {
	s := o.Series
	d := s.DayIndex(date)
	if d < 60 || d > s.Days+365 {
		return 0, clairvoie.Say(clairvoie.EINVALID, "date %s : un jour du %s au %s est attendu (deux mois d'historique au moins)", "date %s: expected a day from %s to %s (two months of history at least)",
			date.Format("2006-01-02"), s.Day(60).Format("2006-01-02"), s.Day(s.Days+365).Format("2006-01-02"))
	}
	return d, nil
}

// Day forecasts date (a day of the series, or up to a year after its last)
// and gives the top cells.
func (o *Outlook) Day(date time.Time, top int) (*DayForecast, error) {
	s := o.Series
	d, err := o.forecastDay(date)
	if err != nil {
		return nil, err
	}
	hist := min(d, s.Days) // the days known before the date
	from := max(1, hist-365)
	res := o.Skill(from, hist)
	name := o.analogueName()
	beats, why := forecast.Verdict(res, name)
	best := res[0]
	for _, r := range res {
		if !strings.HasPrefix(r.Method, "analogue") {
			if r.PAI["1"] > best.PAI["1"] {
				best = r
			}
		}
	}
	used := best.Method
	if beats {
		used = name
	}
	var method forecast.Method
	var an *forecast.Analogue
	for _, mm := range forecast.MethodsWith(s, o.Calendar) {
		if mm.Name() == used {
			method = mm
		}
		if a, ok := mm.(*forecast.Analogue); ok && mm.Name() == name {
			an = a
		}
	}
	for p := 0; p < hist; p++ {
		method.Observe(p)
		if an != method {
			an.Observe(p)
		}
	}
	pred := make([]float64, len(s.Cells))
	if an != method {
		an.Predict(d, pred) // for the analogue days and the events' explanation
	}
	method.Predict(d, pred)
	out := &DayForecast{Date: date.Format("2006-01-02"), Source: o.Source, Method: used, Meaningful: beats, WhyNot: why, Skill: res,
		SkillFrom: s.Day(from).Format("2006-01-02"), SkillTo: s.Day(hist - 1).Format("2006-01-02"), Grid: s.Grid,
		Synthetic: o.Source.Synthetic, Calendar: o.Calendar != nil, Day: o.Calendar[s.Day(d)], TimeZone: o.zone().String()}
	out.Events = out.Day.Happenings
	if out.Events == nil {
		out.Events = []forecast.Happening{}
	}
	for _, a := range an.Analogues(d) {
		out.AnalogueDays = append(out.AnalogueDays, a.Format("2006-01-02"))
	}
	for _, p := range pred {
		out.Expected += p
	}
	order := make([]int, len(pred))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return pred[order[a]] > pred[order[b]] })
	for _, c := range order[:min(top, len(order))] {
		lon, lat := s.Centre(c)
		lo, hi := forecast.PoissonInterval(pred[c])
		fc := ForecastCell{Lon: round6(lon), Lat: round6(lat), Expected: pred[c], Low: lo, High: hi}
		if w := an.Explain(c); w != nil {
			fc.Events = w.Events
			for _, t := range w.Days {
				fc.EventDays = append(fc.EventDays, t.Format("2006-01-02"))
			}
		}
		out.Cells = append(out.Cells, fc)
	}
	if d > s.Days {
		out.Notes = append(out.Notes, "the date lies after the last day counted: the forecast uses every day counted")
	}
	return out, nil
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }
