package forecast_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/forecast"
	"github.com/clairvoie/clairvoie/internal/splitmix"
)

// town is 400 days of incidents over a 20 × 20-cell grid of 250 m: 200
// scattered cells get one now and then, and one hot cell gets most.
func town(hotShare float64) []forecast.Event {
	rng := &splitmix.Rand{S: 3}
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	lon0, lat0 := 5.37, 43.29
	dx, dy := 250/(111320*math.Cos(lat0*math.Pi/180)), 250/110540.0
	var out []forecast.Event
	for d := 0; d < 400; d++ {
		for k := 0; k < 10; k++ {
			cx, cy := 3, 4 // the hot cell
			if rng.Float() > hotShare {
				cx, cy = rng.Intn(20), rng.Intn(10)*2
			}
			out = append(out, forecast.Event{At: day0.AddDate(0, 0, d).Add(time.Duration(rng.Intn(86400)) * time.Second),
				Lon: lon0 + (float64(cx)+0.5)*dx, Lat: lat0 + (float64(cy)+0.5)*dy})
		}
	}
	return out
}

func TestBuild(t *testing.T) {
	ev := town(0.5)
	s := forecast.Build(ev, 250)
	if s.Days != 400 || s.Incidents() != len(ev) {
		t.Fatalf("%d days, %d incidents", s.Days, s.Incidents())
	}
	if len(s.Cells) < 150 || len(s.Cells) > 201 {
		t.Errorf("%d active cells", len(s.Cells))
	}
	// Each event lies in the cell whose centre is within half a cell.
	lon, lat := s.Centre(0)
	found := false
	for _, e := range ev {
		dx := (e.Lon - lon) * 111320 * math.Cos(lat*math.Pi/180)
		dy := (e.Lat - lat) * 110540
		found = found || (math.Abs(dx) <= 125.5 && math.Abs(dy) <= 125.5)
	}
	if !found {
		t.Errorf("no event within cell 0, centred at %.5f %.5f", lon, lat)
	}
	// The same events in another order give the same series.
	rev := append([]forecast.Event(nil), ev...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	s2 := forecast.Build(rev, 250)
	for i := range s.Cells {
		if s.Cells[i] != s2.Cells[i] {
			t.Fatalf("cell order depends on the input order")
		}
	}
}

func TestBacktestFindsTheHotSpot(t *testing.T) {
	s := forecast.Build(town(0.6), 250)
	res := forecast.Backtest(s, forecast.Methods(s), 100, s.Days)
	if len(res) != 5 {
		t.Fatalf("%d results", len(res))
	}
	cells := float64(len(s.Cells))
	for _, r := range res {
		if r.Days != 300 || r.Incidents != 3000 {
			t.Errorf("%s: %d days, %d incidents", r.Method, r.Days, r.Incidents)
		}
		// 1 % of the area is one or two cells: the hot one holds about 60 %
		// of the incidents (plus its share of the scattered ones).
		if r.HitRate["1"] < 0.55 || r.HitRate["1"] > 0.7 {
			t.Errorf("%s: hit rate at 1 %% = %.3f", r.Method, r.HitRate["1"])
		}
		prev := 0.0
		for _, a := range []string{"1", "5", "10", "20"} {
			if r.HitRate[a] < prev || r.PEI[a] > 1+1e-9 || r.PEI[a] <= 0 {
				t.Errorf("%s at %s %%: hit %.3f (previous %.3f), PEI %.3f", r.Method, a, r.HitRate[a], prev, r.PEI[a])
			}
			prev = r.HitRate[a]
		}
		top := math.Max(1, math.Round(0.01*cells))
		if want := r.HitRate["1"] / (top / cells); math.Abs(r.PAI["1"]-want) > 1e-9 {
			t.Errorf("%s: PAI %.3f, want (n/N)/(a/A) = %.3f", r.Method, r.PAI["1"], want)
		}
		if r.Brier <= 0 || r.Brier >= 1 {
			t.Errorf("%s: Brier %.4f", r.Method, r.Brier)
		}
		n := 0
		for _, b := range r.Reliability {
			n += b.N
			if b.Forecast < b.Lo-1e-12 || b.Forecast >= b.Hi {
				t.Errorf("%s: bin %+v", r.Method, b)
			}
		}
		if n != 300*len(s.Cells) {
			t.Errorf("%s: reliability bins hold %d cell-days, want %d", r.Method, n, 300*len(s.Cells))
		}
	}
	if res[0].Method != "long_term_rate" || res[0].BSS != 0 {
		t.Errorf("the reference: %+v", res[0])
	}
}

// A forecast never sees its own day: a method that peeked would catch
// everything; the long-term rate scores a day it could not know.
func TestNoLookAhead(t *testing.T) {
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var ev []forecast.Event
	for d := 0; d < 50; d++ {
		ev = append(ev, forecast.Event{At: day0.AddDate(0, 0, d), Lon: 5.37, Lat: 43.29})
	}
	// Day 50: in a cell never seen before.
	ev = append(ev, forecast.Event{At: day0.AddDate(0, 0, 50), Lon: 5.47, Lat: 43.39})
	for i := 0; i < 200; i++ { // other cells, once each, on day 0, so the area is wide
		ev = append(ev, forecast.Event{At: day0, Lon: 5.2 + float64(i)*0.001, Lat: 43.1})
	}
	s := forecast.Build(ev, 250)
	res := forecast.Backtest(s, []forecast.Method{forecast.NewLongTerm(s)}, 50, 51)
	if res[0].HitRate["1"] != 0 {
		t.Errorf("day 50's incident was caught by a forecast made before it: %+v", res[0].HitRate)
	}
}

func TestAnalogueExplains(t *testing.T) {
	s := forecast.Build(town(0.5), 250)
	a := forecast.NewAnalogue(s, 5)
	days := a.Analogues(371) // a day of the second year
	if len(days) != 5 {
		t.Fatalf("%d analogues", len(days))
	}
	target := s.Day(371)
	for _, d := range days {
		if d.Weekday() != target.Weekday() || !d.Before(target) {
			t.Errorf("analogue %s of %s", d.Format("2006-01-02 Mon"), target.Format("2006-01-02 Mon"))
		}
	}
	// The same season a year before is among them.
	year := target.AddDate(0, 0, -364)
	found := false
	for _, d := range days {
		found = found || d.Equal(year)
	}
	if !found {
		t.Errorf("analogues %v of %s miss %s", days, target, year)
	}
}

func TestVerdictAndCard(t *testing.T) {
	res := []forecast.Result{
		{Method: "long_term_rate", PAI: map[string]float64{"1": 5, "5": 3, "10": 2, "20": 1.5}},
		{Method: "analogue_days", PAI: map[string]float64{"1": 6, "5": 3.5, "10": 2.5, "20": 1.4}, BSS: 0.01},
	}
	ok, why := forecast.Verdict(res, "analogue_days")
	if ok || len(why) != 1 || !strings.Contains(why[0], "PAI at 20 %") {
		t.Errorf("verdict %v %v", ok, why)
	}
	var b strings.Builder
	if err := forecast.WriteCard(&b, "test data", res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "It does not beat the baselines") || !strings.Contains(b.String(), "| analogue_days | 6.00") {
		t.Errorf("card:\n%s", b.String())
	}
	res[1].PAI["20"] = 1.6
	if ok, _ := forecast.Verdict(res, "analogue_days"); !ok {
		t.Error("a method above the baseline everywhere is said not to beat it")
	}
}

// stadium is 600 days of a quiet town where a match every other Saturday
// brings four incidents to the stadium's cell; Mondays in a list are
// public holidays.
func stadium() (*forecast.Series, forecast.Calendar, []int) {
	rng := &splitmix.Rand{S: 9}
	g := forecast.Grid{CellM: 250, Lat0: 43.27}
	day0 := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC) // a Monday
	sx, sy := g.Cell(5.3959, 43.2698)
	slon, slat := g.Centre(sx, sy)
	cal := forecast.Calendar{}
	var counts []forecast.Count
	var matches []int
	for d := 0; d < 600; d++ {
		day := day0.AddDate(0, 0, d)
		for k := 0; k < 6; k++ {
			counts = append(counts, forecast.Count{Day: day, X: sx - 10 + rng.Intn(20), Y: sy - 10 + rng.Intn(20), N: 1})
		}
		if day.Weekday() == time.Saturday && (d/7)%2 == 0 {
			matches = append(matches, d)
			cal.Add(day, forecast.Happening{Kind: "match", Name: "match " + day.Format("2006-01-02"), Points: [][2]float64{{slon, slat}}, Attendance: 40000})
			counts = append(counts, forecast.Count{Day: day, X: sx, Y: sy, N: 4})
		}
		if day.Weekday() == time.Monday && d%5 == 0 {
			cal.Mark(day, true, false)
		}
	}
	return forecast.FromCounts(g, counts), cal, matches
}

func TestCalendarEvents(t *testing.T) {
	s, cal, matches := stadium()
	sx, sy := s.Grid.Cell(5.3959, 43.2698)
	cell := -1
	for c, g := range s.Cells {
		if g == [2]int{sx, sy} {
			cell = c
		}
	}
	d := matches[len(matches)-1]
	plain, withCal := forecast.NewAnalogue(s, 30), forecast.NewAnalogue(s, 30)
	withCal.Calendar = cal
	for p := 0; p < d; p++ {
		plain.Observe(p)
		withCal.Observe(p)
	}
	a, b := make([]float64, len(s.Cells)), make([]float64, len(s.Cells))
	plain.Predict(d, a)
	withCal.Predict(d, b)
	if b[cell] < 2 || b[cell] < 4*a[cell] { // half the prior, half ten matches of 4+
		t.Errorf("match day at the stadium: %.3f with the calendar, %.3f without (four planted)", b[cell], a[cell])
	}
	why := withCal.Explain(cell)
	if why == nil || len(why.Events) != 1 || len(why.Days) != forecast.EventK {
		t.Fatalf("explanation %+v", why)
	}
	for _, day := range why.Days {
		if info := cal[day]; len(info.Happenings) == 0 || info.Happenings[0].Kind != "match" {
			t.Errorf("%s is not a match day", day.Format("2006-01-02"))
		}
	}
	// A cell two kilometres away is not touched.
	for c, g := range s.Cells {
		if abs(g[0]-sx) >= 8 && withCal.Explain(c) != nil {
			t.Errorf("cell %v explained by the match", g)
		}
	}
	// A public holiday's analogues are Sundays or holidays.
	for h := s.Days - 1; h > 300; h-- {
		if !cal[s.Day(h)].Holiday {
			continue
		}
		for _, a := range withCal.Analogues(h) {
			if a.Weekday() != time.Sunday && !cal[a].Holiday {
				t.Errorf("holiday %s has the working day %s among its analogues", s.Day(h).Format("2006-01-02"), a.Format("Mon 2006-01-02"))
			}
		}
		break
	}
	// The backtest measures the calendar's gain: on this town it must show.
	res := forecast.Backtest(s, forecast.MethodsWith(s, cal), 300, s.Days)
	last := res[len(res)-1]
	// The stadium's cell tops every ranking anyway (it is the busiest), so
	// the gain is in the probabilities: the Brier skill.
	if last.Method != "analogue_calendar" || last.BSS <= res[3].BSS+0.001 || last.PAI["1"] < res[3].PAI["1"] {
		t.Errorf("%s BSS %.4f PAI@1 %.2f, analogue_days BSS %.4f PAI@1 %.2f", last.Method, last.BSS, last.PAI["1"], res[3].BSS, res[3].PAI["1"])
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestPoissonInterval(t *testing.T) {
	for _, c := range []struct {
		lambda float64
		lo, hi int
	}{{0, 0, 0}, {0.01, 0, 0}, {0.2, 0, 1}, {1, 0, 3}, {10, 5, 15}, {1000, 947, 1053}} {
		lo, hi := forecast.PoissonInterval(c.lambda)
		if lo != c.lo || hi != c.hi {
			t.Errorf("λ=%v: [%d, %d], want [%d, %d]", c.lambda, lo, hi, c.lo, c.hi)
		}
	}
}

// bursts is 500 days over 400 cells where each incident has a 60 % chance
// to bring another in its cell within about three days (a self-exciting
// process), or none (independent days) when burst is false.
func bursts(burst bool) *forecast.Series {
	rng := &splitmix.Rand{S: 21}
	g := forecast.Grid{CellM: 250, Lat0: 43.3}
	day0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	var counts []forecast.Count
	var queue []forecast.Count
	for d := 0; d < 500; d++ {
		day := day0.AddDate(0, 0, d)
		today := []forecast.Count{}
		for k := 0; k < 4; k++ {
			today = append(today, forecast.Count{Day: day, X: rng.Intn(20), Y: rng.Intn(20), N: 1})
		}
		var rest []forecast.Count
		for _, q := range queue {
			if q.Day.Equal(day) {
				today = append(today, q)
			} else {
				rest = append(rest, q)
			}
		}
		queue = rest
		for _, c := range today {
			if burst && rng.Float() < 0.6 {
				queue = append(queue, forecast.Count{Day: day.AddDate(0, 0, 1+rng.Intn(5)), X: c.X, Y: c.Y, N: 1})
			}
		}
		counts = append(counts, today...)
	}
	return forecast.FromCounts(g, counts)
}

func TestSelfExciting(t *testing.T) {
	s := bursts(true)
	res := forecast.Backtest(s, forecast.Methods(s), 200, s.Days)
	var se, lt forecast.Result
	for _, r := range res {
		switch r.Method {
		case "self_exciting":
			se = r
		case "long_term_rate":
			lt = r
		}
	}
	if se.BSS <= 0.01 || se.PAI["5"] <= lt.PAI["5"] {
		t.Errorf("bursts: self-exciting BSS %.4f, PAI@5 %.2f against %.2f", se.BSS, se.PAI["5"], lt.PAI["5"])
	}
	m := forecast.NewSelfExciting(s)
	for d := 0; d < 200; d++ {
		m.Observe(d)
	}
	m.Predict(200, make([]float64, len(s.Cells)))
	if m.Theta < 0.2 || m.Omega < 1.0/7 || m.Omega > 1 {
		t.Errorf("bursts: fitted θ %.2f, mean delay %.1f days (planted 0.6, 3)", m.Theta, 1/m.Omega)
	}
	burstTheta := m.Theta
	q := bursts(false)
	m = forecast.NewSelfExciting(q)
	for d := 0; d < 200; d++ {
		m.Observe(d)
	}
	m.Predict(200, make([]float64, len(q.Cells)))
	if m.Theta > 0.1 || m.Theta > burstTheta/2 {
		t.Errorf("independent days: fitted θ %.2f (β %.1f), want about 0 (bursts: %.2f)", m.Theta, m.Beta, burstTheta)
	}
	// The self-exciting model is reported, but it is no baseline: the
	// verdict on a method does not hinge on it.
	ok, why := forecast.Verdict(res, "self_exciting")
	for _, w := range why {
		if strings.Contains(w, "analogue") || strings.Contains(w, "self_exciting's") {
			t.Errorf("compared with a non-baseline: %s (%v)", w, ok)
		}
	}
}

// rankTop puts in the first k places exactly what a full stable sort
// would, ties included.
func TestRankTopMatchesSort(t *testing.T) {
	rng := &splitmix.Rand{S: 77}
	for trial := 0; trial < 500; trial++ {
		n := 1 + rng.Intn(60)
		pred := make([]float64, n)
		for i := range pred {
			pred[i] = float64(rng.Intn(6)) / 4 // many ties
			if rng.Float() < 0.3 {
				pred[i] = rng.Float()
			}
		}
		k := 1 + rng.Intn(n)
		want := make([]int, n)
		forecast.Rank(pred, want)
		got := make([]int, n)
		forecast.RankTop(pred, got, k, make([]float64, n))
		for i := 0; i < k; i++ {
			if got[i] != want[i] {
				t.Fatalf("n=%d k=%d pred=%v: top %v, sort %v", n, k, pred, got[:k], want[:k])
			}
		}
	}
}

// Big matches (40,000) bring six incidents to the stadium's cell, small
// ones (4,000) none: a big match's forecast leans on past big ones.
func TestEventAttendance(t *testing.T) {
	rng := &splitmix.Rand{S: 4}
	g := forecast.Grid{CellM: 250, Lat0: 43.27}
	day0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	sx, sy := g.Cell(5.3959, 43.2698)
	slon, slat := g.Centre(sx, sy)
	cal := forecast.Calendar{}
	big := map[time.Time]bool{}
	var counts []forecast.Count
	var days []int
	for d := 0; d < 500; d++ {
		day := day0.AddDate(0, 0, d)
		for k := 0; k < 6; k++ {
			counts = append(counts, forecast.Count{Day: day, X: sx - 10 + rng.Intn(20), Y: sy - 10 + rng.Intn(20), N: 1})
		}
		if day.Weekday() == time.Saturday {
			att := 4000
			if (d/7)%2 == 0 {
				att, big[day] = 40000, true
				counts = append(counts, forecast.Count{Day: day, X: sx, Y: sy, N: 6})
			}
			cal.Add(day, forecast.Happening{Kind: "match", Name: "match", Points: [][2]float64{{slon, slat}}, Attendance: att})
			days = append(days, d)
		}
	}
	s := forecast.FromCounts(g, counts)
	cell := -1
	for c, gc := range s.Cells {
		if gc == [2]int{sx, sy} {
			cell = c
		}
	}
	predict := func(d int) (float64, *forecast.Why) {
		a := forecast.NewAnalogue(s, 30)
		a.Calendar = cal
		for p := 0; p < d; p++ {
			a.Observe(p)
		}
		out := make([]float64, len(s.Cells))
		a.Predict(d, out)
		return out[cell], a.Explain(cell)
	}
	lastBig, lastSmall := -1, -1
	for _, d := range days {
		if big[s.Day(d)] {
			lastBig = d
		} else {
			lastSmall = d
		}
	}
	vb, wb := predict(lastBig)
	vs, ws := predict(lastSmall)
	for _, day := range wb.Days {
		if !big[day] {
			t.Errorf("a big match leans on the small one of %s", day.Format("2006-01-02"))
		}
	}
	for _, day := range ws.Days {
		if big[day] {
			t.Errorf("a small match leans on the big one of %s", day.Format("2006-01-02"))
		}
	}
	if len(wb.Days) != forecast.EventK || vb < 3 || vs > 1 {
		t.Errorf("big match %.2f (%d days), small match %.2f", vb, len(wb.Days), vs)
	}
}

// A city where a match adds a few road accidents by the stadium, drowned in
// the rest: scored city-wide on match days the calendar's gain is lost in
// the noise; scored within 500 m of the matches, it shows.
func TestLocalScoresFindALocalEffect(t *testing.T) {
	rng := &splitmix.Rand{S: 21}
	g := forecast.Grid{CellM: 250, Lat0: 43.27}
	day0 := time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC)
	sx, sy := g.Cell(5.3959, 43.2698)
	slon, slat := g.Centre(sx, sy)
	cal := forecast.Calendar{}
	var counts []forecast.Count
	for d := 0; d < 700; d++ {
		day := day0.AddDate(0, 0, d)
		for k := 0; k < 120; k++ {
			counts = append(counts, forecast.Count{Day: day, X: sx - 30 + rng.Intn(60), Y: sy - 30 + rng.Intn(60), N: 1})
		}
		if day.Weekday() == time.Saturday && (d/7)%2 == 0 {
			cal.Add(day, forecast.Happening{Kind: "match", Name: "match", Points: [][2]float64{{slon, slat}}, Attendance: 40000})
			counts = append(counts, forecast.Count{Day: day, X: sx, Y: sy, N: 2}, forecast.Count{Day: day, X: sx + 1, Y: sy, N: 1})
		}
	}
	s := forecast.FromCounts(g, counts)
	matchDay := func(d int) bool {
		for _, h := range cal[s.Day(d)].Happenings {
			if h.Kind == "match" {
				return true
			}
		}
		return false
	}
	gain := func(res []forecast.Result) float64 {
		by := map[string]forecast.Result{}
		for _, r := range res {
			by[r.Method] = r
		}
		return by["analogue_calendar"].BSS - by["analogue_days"].BSS
	}
	cityWide := forecast.BacktestDays(s, forecast.MethodsWith(s, cal), 350, s.Days, matchDay)
	near := forecast.BacktestCells(s, forecast.MethodsWith(s, cal), 350, s.Days, func(d int) []int {
		if !matchDay(d) {
			return nil
		}
		var pts [][2]float64
		for _, h := range cal[s.Day(d)].Happenings {
			pts = append(pts, h.Points...)
		}
		return forecast.NearCells(s, pts, 500)
	})
	if near[0].Cells > 25 || near[0].Cells < 9 || near[0].Days != cityWide[0].Days {
		t.Fatalf("near: %d cells a day over %d days (city-wide %d days)", near[0].Cells, near[0].Days, cityWide[0].Days)
	}
	if g := gain(cityWide); g > 0.02 {
		t.Errorf("city-wide, the calendar's gain should be all but lost in the noise: BSS %+.4f", g)
	}
	if g := gain(near); g < 0.2 || g < 10*gain(cityWide) {
		t.Errorf("near the matches, the calendar's gain must show, ten times the city-wide one at least: BSS %+.4f against %+.4f", g, gain(cityWide))
	}
	t.Logf("calendar's Brier skill gain on match days: city-wide %+.4f, within 500 m %+.4f", gain(cityWide), gain(near))
}
