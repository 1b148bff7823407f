package forecast

import (
	"math"
)

// WindowScore is how well a method forecast past windows: the mean
// absolute error of the count, its mean bias (forecast less observed), the
// share of windows whose count fell in the method's 90 % interval, and the
// skill against the long-term rate (1 − MAE/MAE of the long-term rate:
// above 0 is better).
type WindowScore struct {
	Method     string  `json:"method"`
	Windows    int     `json:"windows"`
	Observed   int     `json:"observed"`
	MAE        float64 `json:"mae"`
	Bias       float64 `json:"bias"`
	Coverage90 float64 `json:"coverage90"`
	Skill      float64 `json:"skill"`
}

// WindowMethods are the methods a window is scored by: two baselines
// (the long-term rate of the window; its mean on the same weekday over the
// last year) and the similar-past-windows method without and with the
// calendar.
var WindowMethods = []string{"long_term_rate", "same_weekday", "analogue_days", "analogue_calendar"}

// BacktestWindows scores, on each day in days, the forecast of window w
// made from the days before it; the window's places are that day's
// events of w.Kind (w.Points when w.Kind is empty). Days where a method
// cannot forecast are left out of every method's score.
func BacktestWindows(s *Series, cal Calendar, w Window, days []int) []WindowScore {
	type obs struct {
		got  float64
		pred map[string][3]float64 // expected, low, high
	}
	var all []obs
	for _, d := range days {
		wd := w
		wd.Day = d
		if w.Kind != "" {
			wd.Points = nil
			for _, h := range cal[s.Day(d)].Happenings {
				if h.Kind == w.Kind {
					wd.Points = append(wd.Points, h.Points...)
					wd.Attendance = max(wd.Attendance, h.Attendance)
				}
			}
			if wd.Points == nil {
				continue
			}
		}
		in := s.WindowCells(wd)
		o := obs{got: float64(s.WindowCount(d, wd, in)), pred: map[string][3]float64{}}
		var past, same []float64
		for p := 0; p < min(d, s.Days); p++ {
			v := float64(s.WindowCount(p, wd, in))
			past = append(past, v)
			if (d-p)%7 == 0 && d-p <= 364 {
				same = append(same, v)
			}
		}
		if len(past) < 60 || len(same) == 0 {
			continue
		}
		for name, vals := range map[string][]float64{"long_term_rate": past, "same_weekday": same} {
			mu := mean(vals)
			lo, hi := CountInterval(mu, variance(vals))
			o.pred[name] = [3]float64{mu, float64(lo), float64(hi)}
		}
		ok := true
		for name, c := range map[string]Calendar{"analogue_days": nil, "analogue_calendar": cal} {
			f, err := ForecastWindow(s, c, wd)
			if err != nil {
				ok = false
				break
			}
			o.pred[name] = [3]float64{f.Expected, float64(f.Low), float64(f.High)}
		}
		if ok {
			all = append(all, o)
		}
	}
	out := make([]WindowScore, 0, len(WindowMethods))
	for _, name := range WindowMethods {
		sc := WindowScore{Method: name, Windows: len(all)}
		for _, o := range all {
			p := o.pred[name]
			sc.Observed += int(o.got)
			sc.MAE += math.Abs(p[0] - o.got)
			sc.Bias += p[0] - o.got
			if o.got >= p[1] && o.got <= p[2] {
				sc.Coverage90++
			}
		}
		if n := float64(len(all)); n > 0 {
			sc.MAE /= n
			sc.Bias /= n
			sc.Coverage90 /= n
		}
		out = append(out, sc)
	}
	if ref := out[0].MAE; ref > 0 {
		for i := range out {
			out[i].Skill = 1 - out[i].MAE/ref
		}
	}
	return out
}
