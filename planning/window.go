package planning

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/forecast"
)

// WindowRequest asks for a window of a day: hours [From, To) of the
// workspace's zone (To up to 48, past midnight), near the day's events of
// Kind or near At, within RadiusM metres.
type WindowRequest struct {
	From, To int
	Kind     string
	At       *[2]float64
	RadiusM  float64
}

// ParseHourRange reads a window's hours: "18-24", "18:00-24:00", or "22-2"
// (22:00 to 02:00 the next morning, as 22 to 26).
func ParseHourRange(s string) (from, to int, err error) {
	a, b, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	hour := func(v string) (int, bool) {
		v = strings.TrimSuffix(strings.TrimSpace(v), ":00")
		v = strings.TrimSuffix(v, "h")
		n, err := strconv.Atoi(v)
		return n, err == nil && n >= 0 && n <= 24
	}
	from, ok1 := hour(a)
	to, ok2 := hour(b)
	if !ok || !ok1 || !ok2 || from == 24 || from == to {
		return 0, 0, clairvoie.Say(clairvoie.EINVALID, "heures %q : une plage comme 18-24 ou 22-2 (de 22 h à 2 h) est attendue", "hours %q: expected a range such as 18-24, or 22-2 (22:00 to 02:00)", s)
	}
	if to < from {
		to += 24
	}
	return from, to, nil
}

// WindowAnswer is a window's forecast with what it stands on.
type WindowAnswer struct {
	Date     string                  `json:"date"`
	From     int                     `json:"from_hour"`
	To       int                     `json:"to_hour"` // past 24: the next morning
	TimeZone string                  `json:"timezone"`
	Kind     string                  `json:"kind,omitempty"`
	RadiusM  float64                 `json:"radius_m"`
	Places   [][2]float64            `json:"places,omitempty"` // lon, lat; none: the whole area
	Events   []forecast.Happening    `json:"events"`           // the day's events of the kind
	Source   clairvoie.OutcomeSource `json:"source"`
	Method   string                  `json:"method"`
	forecast.WindowForecast
	// Observed is what the counts hold for the window, when the date lies
	// within them.
	Observed *int `json:"observed,omitempty"`
	// Skill scores every method on the past windows of the same kind
	// (SkillFrom to SkillTo); Meaningful: the calendar's method had the
	// lowest error of all, WhyNot otherwise.
	Skill      []forecast.WindowScore `json:"skill"`
	SkillFrom  string                 `json:"skill_from,omitempty"`
	SkillTo    string                 `json:"skill_to,omitempty"`
	Meaningful bool                   `json:"meaningful"`
	WhyNot     []string               `json:"why_not,omitempty"`
	Synthetic  bool                   `json:"synthetic"`
	Notes      []string               `json:"notes,omitempty"`
}

// Window forecasts a window of date (a day of the series, or up to a year
// after its last) by the similar-past-windows method, and scores the
// methods on the windows of the same kind over the two years before.
func (o *Outlook) Window(date time.Time, req WindowRequest) (*WindowAnswer, error) {
	s := o.Series
	d, err := o.forecastDay(date)
	if err != nil {
		return nil, err
	}
	if s.Timed() == 0 {
		return nil, clairvoie.Say(clairvoie.EINVALID, "la source %q ne donne pas l'heure de ses faits : une plage horaire ne peut être comptée (demandez le jour entier)", "source %q gives no time of day: a window cannot be counted (ask for the whole day)", o.Source.Name)
	}
	if req.RadiusM <= 0 {
		req.RadiusM = forecast.EventRadius
	}
	ans := &WindowAnswer{Date: date.Format("2006-01-02"), From: req.From, To: req.To, TimeZone: o.zone().String(), Kind: req.Kind, RadiusM: req.RadiusM,
		Source: o.Source, Method: o.analogueName(), Synthetic: o.Source.Synthetic, Events: []forecast.Happening{}, Skill: []forecast.WindowScore{}}
	w := forecast.Window{Day: d, From: req.From, To: req.To, RadiusM: req.RadiusM, Kind: req.Kind}
	if req.Kind != "" {
		for _, h := range o.Calendar[s.Day(d)].Happenings {
			if h.Kind == req.Kind {
				ans.Events = append(ans.Events, h)
				w.Points = append(w.Points, h.Points...)
				w.Attendance = max(w.Attendance, h.Attendance)
			}
		}
		if req.At == nil && len(w.Points) == 0 {
			return nil, clairvoie.Say(clairvoie.EINVALID, "aucun événement de type %q le %s : donnez un lieu (at=lon,lat)", "no event of kind %q on %s: give a place (at=lon,lat)", req.Kind, ans.Date)
		}
	}
	if req.At != nil {
		w.Points = [][2]float64{*req.At}
	}
	ans.Places = w.Points
	f, err := forecast.ForecastWindow(s, o.Calendar, w)
	if errors.Is(err, forecast.ErrUntimed) {
		return nil, clairvoie.Say(clairvoie.EINVALID, "la source %q ne donne pas l'heure de ses faits", "source %q gives no time of day", o.Source.Name)
	} else if errors.Is(err, forecast.ErrNoPastDay) {
		return nil, clairvoie.Say(clairvoie.EINVALID, "plage du %s : aucun jour passé auquel la comparer", "window of %s: no past day to compare it with", ans.Date)
	} else if err != nil {
		return nil, clairvoie.Say(clairvoie.EINVALID, "plage du %s : %v", "window of %s: %v", ans.Date, err)
	}
	ans.WindowForecast = *f
	if f.AnyWeekday {
		ans.Notes = append(ans.Notes, fmt.Sprintf("every day like this one had a %s: the base is the most recent days without one, whatever their weekday", req.Kind))
	}
	if d < s.Days && (req.To <= 24 || d+1 < s.Days) {
		n := s.WindowCount(d, w, s.WindowCells(w))
		ans.Observed = &n
	}
	if share := float64(s.Timed()) / float64(max(1, s.Incidents())); share < 0.99 {
		ans.Notes = append(ans.Notes, fmt.Sprintf("only %.0f %% of the source's outcomes have a time of day; the window counts those", 100*share))
	}
	// The skill: the same window on the past days of the same kind of
	// event over the two years before (the same weekday without a kind).
	hist := min(d, s.Days)
	from := max(60, hist-730)
	var days []int
	for p := from; p < hist; p++ {
		if req.Kind == "" && (d-p)%7 != 0 {
			continue
		}
		if req.Kind != "" && !o.eventDay(p, req.Kind) {
			continue
		}
		days = append(days, p)
	}
	if len(days) > maxWindowDays { // a daily market: its last 104 days, so that a window costs seconds at most
		days = days[len(days)-maxWindowDays:]
	}
	tmpl := w
	if req.At != nil {
		tmpl.Kind = "" // the place is fixed: score at it
	}
	if len(days) > 0 {
		ans.Skill = forecast.BacktestWindows(s, o.Calendar, tmpl, days)
		ans.SkillFrom, ans.SkillTo = s.Day(days[0]).Format("2006-01-02"), s.Day(days[len(days)-1]).Format("2006-01-02")
	}
	ans.Meaningful, ans.WhyNot = WindowVerdict(ans.Skill, ans.Method)
	if !ans.EnoughEvents && req.Kind != "" {
		ans.Notes = append(ans.Notes, fmt.Sprintf("not enough past events of kind %q at this place for the effect's interval (%d; %d needed)", req.Kind, len(ans.EventDays), forecast.MinEventsForEffect))
	}
	return ans, nil
}

// maxWindowDays is the most past windows scored: two years of weekly
// events (a daily one's last 104 days).
const maxWindowDays = 104

// WindowVerdict: the method is meaningful when it has the lowest mean
// absolute error of all over at least ten past windows holding ten
// outcomes or more.
func WindowVerdict(res []forecast.WindowScore, method string) (bool, []string) {
	var me *forecast.WindowScore
	for i := range res {
		if res[i].Method == method {
			me = &res[i]
		}
	}
	if me == nil || me.Windows < 10 {
		n := 0
		if me != nil {
			n = me.Windows
		}
		return false, []string{fmt.Sprintf("%d past windows scored: too few to judge (10 needed)", n)}
	}
	if me.Observed < 10 {
		return false, []string{fmt.Sprintf("%d outcomes counted in the %d past windows: too few to judge (10 needed)", me.Observed, me.Windows)}
	}
	var why []string
	for _, r := range res {
		if r.Method != method && r.MAE <= me.MAE {
			why = append(why, fmt.Sprintf("%s: mean absolute error %.2f, %s's %.2f", r.Method, r.MAE, method, me.MAE))
		}
	}
	return len(why) == 0, why
}

// ParseAt reads a place as "lon,lat".
func ParseAt(v string) (*[2]float64, error) {
	a, b, ok := strings.Cut(v, ",")
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if !ok || err1 != nil || err2 != nil || !(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90) {
		return nil, clairvoie.Say(clairvoie.EINVALID, "lieu %q : lon,lat en degrés attendu", "place %q: expected lon,lat in degrees", v)
	}
	return &[2]float64{lon, lat}, nil
}

// WindowSkill is a method's score on past windows near events.
type WindowSkill struct {
	forecast.WindowScore
	Kind    string  `json:"kind"`
	From    int     `json:"from_hour"`
	To      int     `json:"to_hour"`
	RadiusM float64 `json:"radius_m"`
}

// SkillWindows scores every method on the window [h0, h1) within metres
// of the events of kind, on each of their days in [from, to) — at most
// the last 365 such days —, from the days before each only. It gives the
// first and last day scored.
func (o *Outlook) SkillWindows(from, to int, kind string, h0, h1 int, metres float64) ([]WindowSkill, [2]string, error) {
	var span [2]string
	if o.Series.Timed() == 0 {
		return nil, span, clairvoie.Say(clairvoie.EINVALID, "la source %q ne donne pas l'heure de ses faits", "source %q gives no time of day", o.Source.Name)
	}
	if _, err := o.SkillDays(from, to, kind); err != nil {
		return nil, span, err
	}
	if metres <= 0 {
		metres = forecast.EventRadius
	}
	var days []int
	for d := max(from, 60); d < to; d++ {
		if o.eventDay(d, kind) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return nil, span, clairvoie.Say(clairvoie.EINVALID, "aucun jour avec un événement de type %q après deux mois d'historique", "no day with an event of kind %q after two months of history", kind)
	}
	days = days[max(0, len(days)-365):]
	span = [2]string{o.Series.Day(days[0]).Format("2006-01-02"), o.Series.Day(days[len(days)-1]).Format("2006-01-02")}
	res := forecast.BacktestWindows(o.Series, o.Calendar, forecast.Window{From: h0, To: h1, RadiusM: metres, Kind: kind}, days)
	out := make([]WindowSkill, len(res))
	for i, r := range res {
		out[i] = WindowSkill{WindowScore: r, Kind: kind, From: h0, To: h1, RadiusM: metres}
	}
	return out, span, nil
}
