package forecast

import (
	"fmt"
	"io"
	"strings"
)

// PlaceReport is what the model card says of one kind of event at one
// place: the methods scored only near it on its days, and the effect such
// events had there — over the day and, when the source gives the time of
// day, in the events' hours — each with its 90 % interval, shrunk toward
// zero by its number of past events.
type PlaceReport struct {
	Kind      string  `json:"kind"`
	Name      string  `json:"name"` // the most recent event's
	Lon       float64 `json:"lon"`
	Lat       float64 `json:"lat"`
	EventDays int     `json:"event_days"` // in the days scored
	// Local are the methods scored on the cells within RadiusM of the
	// place on its event days (nil: fewer than MinPlaceDays).
	Local   []Result `json:"local,omitempty"`
	RadiusM float64  `json:"radius_m"`
	// DayEffect is the effect on the day's count within RadiusM; HourEffect
	// in hours [From, To) about the events' (nil without times of day).
	DayEffect  *WindowForecast `json:"day_effect,omitempty"`
	HourEffect *WindowForecast `json:"hour_effect,omitempty"`
	From       int             `json:"from_hour,omitempty"`
	To         int             `json:"to_hour,omitempty"`
}

// MinPlaceDays is the fewest event days at a place for its local scores.
const MinPlaceDays = 10

// writePlaces writes the card's section on the places of events.
func writePlaces(b *strings.Builder, method string, places []PlaceReport) {
	if len(places) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Where the events are\n\nAn event's effect lives in a few cells and a few hours, which a city-wide score dilutes. "+
		"For each kind of event at each place with past events in the days scored: the methods scored only on the cells within "+
		"%.0f m of the place on its event days, and the effect of such an event there — each event day's count less that of its "+
		"similar days without one — with its 90 %% interval (from %d events on; counts taken as at least as variable as Poisson "+
		"counts), shrunk toward zero by n/(n+%.0f).\n\n", EventRadius, MinEventsForEffect, EventPrior)
	fmt.Fprintf(b, "| kind | place | event days | %s BSS near it | analogue_days BSS | PAI 1 %% near it (calendar / long-term) | effect on the day (90 %%) | in the event's hours (90 %%) |\n", method)
	fmt.Fprintf(b, "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, p := range places {
		by := map[string]Result{}
		for _, r := range p.Local {
			by[r.Method] = r
		}
		local := [3]string{"not enough event days", "—", "—"}
		if p.Local != nil {
			local = [3]string{fmt.Sprintf("%+.4f", by[method].BSS), fmt.Sprintf("%+.4f", by["analogue_days"].BSS),
				fmt.Sprintf("%.2f / %.2f", by[method].PAI["1"], by["long_term_rate"].PAI["1"])}
		}
		hours := "no time of day in the source"
		if p.HourEffect != nil {
			hours = fmt.Sprintf("%02d–%02d h: %s", p.From, p.To%24, effectText(p.HourEffect))
		}
		fmt.Fprintf(b, "| %s | %s (%.4f, %.4f) | %d | %s | %s | %s | %s | %s |\n", p.Kind, p.Name, p.Lat, p.Lon, p.EventDays,
			local[0], local[1], local[2], effectText(p.DayEffect), hours)
	}
}

func effectText(f *WindowForecast) string {
	if f != nil && f.AnyWeekday && len(f.EventDays) > 0 {
		return effectOf(f) + " — against days of other weekdays only (every like day had one): confounded with the weekday"
	}
	return effectOf(f)
}

func effectOf(f *WindowForecast) string {
	switch {
	case f == nil || len(f.EventDays) == 0:
		return "no past event"
	case !f.EnoughEvents:
		return fmt.Sprintf("%+.2f (n = %d): not enough past events", f.RawEffect, len(f.EventDays))
	}
	return fmt.Sprintf("%+.2f (%+.2f to %+.2f), n = %d, shrunk to %+.2f", f.RawEffect, f.EffectLow, f.EffectHigh, len(f.EventDays), f.Effect)
}

// WriteCardWith is WriteCard with the section on the places of events.
func WriteCardWith(w io.Writer, data string, results []Result, places []PlaceReport) error {
	var b strings.Builder
	if err := WriteCard(&b, data, results); err != nil {
		return err
	}
	method := "analogue_days"
	for _, r := range results {
		if r.Method == "analogue_calendar" {
			method = r.Method
		}
	}
	writePlaces(&b, method, places)
	_, err := io.WriteString(w, b.String())
	return err
}
