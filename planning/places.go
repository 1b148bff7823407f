package planning

import (
	"math"
	"sort"

	"github.com/clairvoie/clairvoie/forecast"
)

// maxPlaces is the most places of events the model card reports (each
// costs a backtest): the ones with the most event days.
const maxPlaces = 5

// Places reports, for each kind of event at each place with events on
// days [from, to) — a place is where events of one kind fall within half
// the event radius of each other —, the methods scored near it on its
// days (from MinPlaceDays days on) and the effect of such an event there,
// on the day and in its hours, as of the day after to.
func (o *Outlook) Places(from, to int) []forecast.PlaceReport {
	if o.Calendar == nil {
		return nil
	}
	s := o.Series
	type place struct {
		kind string
		at   [2]float64
		last forecast.Happening
		days map[int]bool
	}
	var places []*place
	for d := from; d < to; d++ {
		for _, h := range o.Calendar[s.Day(d)].Happenings {
			if len(h.Points) == 0 {
				continue
			}
			var p *place
			for _, q := range places {
				if q.kind == h.Kind && s.Grid.Metres(q.at, h.Points[0]) <= forecast.EventRadius/2 {
					p = q
					break
				}
			}
			if p == nil {
				p = &place{kind: h.Kind, at: h.Points[0], days: map[int]bool{}}
				places = append(places, p)
			}
			p.days[d], p.last = true, h
		}
	}
	sort.SliceStable(places, func(i, j int) bool { return len(places[i].days) > len(places[j].days) })
	var out []forecast.PlaceReport
	for _, p := range places[:min(maxPlaces, len(places))] {
		r := forecast.PlaceReport{Kind: p.kind, Name: p.last.Name, Lon: round6(p.at[0]), Lat: round6(p.at[1]), EventDays: len(p.days), RadiusM: forecast.EventRadius}
		if len(p.days) >= forecast.MinPlaceDays {
			cells := forecast.NearCells(s, [][2]float64{p.at}, forecast.EventRadius)
			r.Local = forecast.BacktestCells(s, forecast.MethodsWith(s, o.Calendar), from, to, func(d int) []int {
				if p.days[d] {
					return cells
				}
				return nil
			})
		}
		w := forecast.Window{Day: to, Points: [][2]float64{p.at}, RadiusM: forecast.EventRadius, Kind: p.kind, Attendance: p.last.Attendance, AllDay: true}
		if f, err := forecast.ForecastWindow(s, o.Calendar, w); err == nil {
			r.DayEffect = f
		}
		if s.Timed() > 0 && !p.last.Start.IsZero() {
			// The event's hours, two before and two after (a crowd comes and goes).
			start := p.last.Start.In(o.zone())
			end := p.last.End.In(o.zone())
			w.AllDay = false
			w.From = max(0, start.Hour()-2)
			w.To = min(48, w.From+int(math.Ceil(end.Sub(start).Hours()))+4)
			if f, err := forecast.ForecastWindow(s, o.Calendar, w); err == nil {
				r.HourEffect, r.From, r.To = f, w.From, w.To
			}
		}
		out = append(out, r)
	}
	return out
}
