package forecast_test

import (
	"errors"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/forecast"
	"github.com/clairvoie/clairvoie/internal/splitmix"
)

// evenings is three years of outcomes with their hours over a town, and a
// match every other Saturday at 21:00 that adds three outcomes near the
// stadium between 19:00 and 23:59 — an effect of the evening and the place
// that the day's whole count barely shows.
func evenings() (*forecast.Series, forecast.Calendar, []int, [2]float64) {
	rng := &splitmix.Rand{S: 33}
	g := forecast.Grid{CellM: 250, Lat0: 43.27}
	day0 := time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC)
	sx, sy := g.Cell(5.3959, 43.2698)
	slon, slat := g.Centre(sx, sy)
	cal := forecast.Calendar{}
	var counts []forecast.Count
	var matches []int
	for d := 0; d < 1100; d++ {
		day := day0.AddDate(0, 0, d)
		for k := 0; k < 40; k++ {
			c := forecast.Count{Day: day, X: sx - 20 + rng.Intn(40), Y: sy - 20 + rng.Intn(40), N: 1}
			c.Hours[rng.Intn(24)] = 1
			counts = append(counts, c)
		}
		if day.Weekday() == time.Saturday && (d/7)%2 == 0 {
			matches = append(matches, d)
			start := day.Add(21 * time.Hour)
			cal.Add(day, forecast.Happening{Kind: "match", Name: "match", Start: start, End: start.Add(2 * time.Hour), Points: [][2]float64{{slon, slat}}, Attendance: 40000})
			for k := 0; k < 3; k++ {
				c := forecast.Count{Day: day, X: sx + rng.Intn(2), Y: sy, N: 1}
				c.Hours[19+rng.Intn(5)] = 1
				counts = append(counts, c)
			}
		}
	}
	return forecast.FromCounts(g, counts), cal, matches, [2]float64{slon, slat}
}

func TestWindowForecastFindsTheEveningEffect(t *testing.T) {
	s, cal, matches, stade := evenings()
	d := matches[len(matches)-1]
	w := forecast.Window{Day: d, From: 18, To: 24, Points: [][2]float64{stade}, RadiusM: 1000, Kind: "match", Attendance: 40000}
	with, err := forecast.ForecastWindow(s, cal, w)
	if err != nil {
		t.Fatal(err)
	}
	without, err := forecast.ForecastWindow(s, nil, w)
	if err != nil {
		t.Fatal(err)
	}
	// The planted effect is 3; 30 past matches shrink it by 30/40.
	if !with.EnoughEvents || with.EffectLow > 3 || with.EffectHigh < 3 || with.EffectLow <= 0 || len(with.EventDays) != forecast.EventK {
		t.Errorf("effect %.2f (90 %%: %.2f to %.2f) from %d past matches", with.RawEffect, with.EffectLow, with.EffectHigh, len(with.EventDays))
	}
	if with.Expected-with.Base < 1.5 || without.Effect != 0 || without.Expected >= with.Expected {
		t.Errorf("with the calendar %+v; without %+v", with, without)
	}
	if with.Low > int(with.Expected) || with.High < int(with.Expected) {
		t.Errorf("interval %d–%d around %.2f", with.Low, with.High, with.Expected)
	}
	// Away from the stadium, the matches change nothing.
	far := w
	far.Points = [][2]float64{{stade[0] + 0.05, stade[1]}}
	if f, err := forecast.ForecastWindow(s, cal, far); err != nil || len(f.EventDays) != 0 || f.Effect != 0 {
		t.Errorf("far: %+v, %v", f, err)
	}
	// The morning of a match day: the window's hours count, not the day's.
	morning := w
	morning.From, morning.To = 6, 12
	if f, _ := forecast.ForecastWindow(s, cal, morning); f.RawEffect > 1 || f.RawEffect < -1 {
		t.Errorf("morning effect %.2f: the matches' outcomes are in the evening", f.RawEffect)
	}
	// Scored over the last year's matches, the calendar's method beats the
	// baselines and its 90 % interval holds about 90 % of the windows.
	var last []int
	for _, m := range matches {
		if m >= s.Days-365 {
			last = append(last, m)
		}
	}
	scores := forecast.BacktestWindows(s, cal, forecast.Window{From: 18, To: 24, RadiusM: 1000, Kind: "match"}, last)
	by := map[string]forecast.WindowScore{}
	for _, sc := range scores {
		by[sc.Method] = sc
		t.Logf("%-18s windows %d  MAE %.2f  bias %+.2f  coverage %.2f  skill %+.2f", sc.Method, sc.Windows, sc.MAE, sc.Bias, sc.Coverage90, sc.Skill)
	}
	cal0 := by["analogue_calendar"]
	if cal0.Windows < 20 || cal0.Skill < 0.2 || by["analogue_days"].Skill > cal0.Skill-0.2 || cal0.Coverage90 < 0.75 {
		t.Errorf("scores %+v", scores)
	}
}

func TestWindowPastMidnight(t *testing.T) {
	g := forecast.Grid{CellM: 250, Lat0: 43.27}
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	c1 := forecast.Count{Day: day, X: 1, Y: 1, N: 3}
	c1.Hours[22], c1.Hours[23] = 1, 1 // one of the three without a time
	c2 := forecast.Count{Day: day.AddDate(0, 0, 1), X: 1, Y: 1, N: 2}
	c2.Hours[1], c2.Hours[3] = 1, 1
	s := forecast.FromCounts(g, []forecast.Count{c1, c2})
	in := map[int]bool{0: true}
	for _, tc := range []struct{ from, to, want int }{{22, 26, 3}, {22, 24, 2}, {0, 24, 2}, {23, 28, 3}, {0, 2, 0}} {
		if got := s.WindowCount(0, forecast.Window{From: tc.from, To: tc.to}, in); got != tc.want {
			t.Errorf("%d to %d: %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
	if s.Timed() != 4 {
		t.Errorf("timed %d", s.Timed())
	}
	untimed := forecast.FromCounts(g, []forecast.Count{{Day: day, X: 1, Y: 1, N: 3}})
	if _, err := forecast.ForecastWindow(untimed, nil, forecast.Window{From: 18, To: 24}); !errors.Is(err, forecast.ErrUntimed) {
		t.Errorf("untimed: %v", err)
	}
}

func TestCountInterval(t *testing.T) {
	// Poisson when not overdispersed; wider when the variance is larger.
	if lo, hi := forecast.CountInterval(4, 4); lo != 1 || hi != 8 {
		t.Errorf("Poisson(4): %d–%d", lo, hi)
	}
	lo, hi := forecast.CountInterval(4, 12)
	if lo > 1 || hi < 10 {
		t.Errorf("NB(4, var 12): %d–%d", lo, hi)
	}
}
