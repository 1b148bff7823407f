package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/areas"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/internal/csvsafe"
	"github.com/clairvoie/clairvoie/internal/draw"
	"github.com/clairvoie/clairvoie/planning"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// The demo's outcome sources.
const (
	SourceAccidents = "accidents-synthetiques"
	SourceBAAC      = "baac-echantillon"
	// SourceAccidents2013 is Marseille's real road accidents of 2013.
	SourceAccidents2013 = "accidents-marseille-2013"
)

// importDays marks the real public holidays and zone B's school holidays.
func importDays(ctx context.Context, svc *sqlite.OutcomeService) (int, error) {
	var days []clairvoie.CalendarDay
	for _, f := range []string{"data/calendar/jours_feries_metropole.csv", "data/calendar/vacances_scolaires.csv"} {
		b, err := Data.ReadFile(f)
		if err != nil {
			return 0, err
		}
		d, err := csvio.ReadDays(bytes.NewReader(b), f, "B")
		if err != nil {
			return 0, err
		}
		days = append(days, d...)
	}
	return len(days), svc.ReplaceDays(ctx, "demo", days)
}

// importOutcomes writes and imports the demo's road accidents: the real
// BAAC sample of the département (Marseille's rows), Marseille's real
// accidents of 2013, and the synthetic series the forecast is shown on.
func importOutcomes(ctx context.Context, db *sqlite.DB, dir string, arrs []clairvoie.Area) (int, error) {
	svc, areaSvc := sqlite.NewOutcomeService(db), sqlite.NewAreaService(db)
	if _, err := importDays(ctx, svc); err != nil {
		return 0, fmt.Errorf("days: %w", err)
	}
	b, err := Data.ReadFile("data/accidents/baac_dep13_sample.csv")
	if err != nil {
		return 0, err
	}
	baac := filepath.Join(dir, "baac_dep13_sample.csv")
	if err := os.WriteFile(baac, b, 0o644); err != nil {
		return 0, err
	}
	src, counts, err := planning.ReadOutcomes(ctx, areaSvc, planning.OutcomeRead{Name: SourceBAAC, Kind: "accidents", Format: "baac", Files: []string{baac},
		INSEE: "13055", Licence: "etalab-2.0 (ONISR, BAAC)"})
	if err != nil {
		return 0, err
	}
	if err := svc.ReplaceOutcomes(ctx, src, counts); err != nil {
		return 0, err
	}
	// Marseille's road accidents of 2013, every one of them: the only full
	// real year here (one year: too short for the methods that learn from
	// seasons and events, as its backtest says).
	if b, err = Data.ReadFile("data/accidents/caracteristiques_2013_marseille.csv"); err != nil {
		return 0, err
	}
	real2013 := filepath.Join(dir, "caracteristiques_2013_marseille.csv")
	if err := os.WriteFile(real2013, b, 0o644); err != nil {
		return 0, err
	}
	src, counts, err = planning.ReadOutcomes(ctx, areaSvc, planning.OutcomeRead{Name: SourceAccidents2013, Kind: "accidents", Format: "baac", Files: []string{real2013},
		INSEE: "13055", Licence: "etalab-2.0 (ONISR, BAAC)"})
	if err != nil {
		return 0, err
	}
	if err := svc.ReplaceOutcomes(ctx, src, counts); err != nil {
		return 0, err
	}
	days, err := svc.FindDays(ctx)
	if err != nil {
		return 0, err
	}
	syn := filepath.Join(dir, SourceAccidents+".csv")
	n, err := writeSyntheticAccidents(syn, arrs, days)
	if err != nil {
		return 0, err
	}
	src, counts, err = planning.ReadOutcomes(ctx, areaSvc, planning.OutcomeRead{Name: SourceAccidents, Kind: "accidents", Format: "csv", Files: []string{syn},
		Columns: csvio.IncidentColumns{Lon: "lon", Lat: "lat", Time: "date"}, Licence: "etalab-2.0", Synthetic: true})
	if err != nil {
		return 0, err
	}
	return n, svc.ReplaceOutcomes(ctx, src, counts)
}

// Where the planted effects happen.
var (
	velodrome = orb.Point{5.3959, 43.2698}
	prado     = orb.Point{5.3904, 43.2800}
)

// dayHours is the SYNTHETIC accidents' share by hour of the day: few at
// night, peaks at the morning and evening rush hours.
var dayHours = [24]float64{1, 0.7, 0.5, 0.4, 0.4, 0.8, 2, 4, 6, 4.5, 3.5, 3.5, 4.5, 4, 4, 4.5, 5.5, 7, 7, 5.5, 4, 3, 2.5, 1.5}

// writeSyntheticAccidents writes 2014–2024's SYNTHETIC road accidents
// (lon, lat, date, synthetic): see data/PROVENANCE.md for what is planted.
func writeSyntheticAccidents(path string, arrs []clairvoie.Area, days []clairvoie.CalendarDay) (int, error) {
	rng := rand.New(rand.NewPCG(Seed, 0x616363696465))
	holiday, school := map[string]bool{}, map[string]bool{}
	for _, d := range days {
		holiday[d.Day] = holiday[d.Day] || d.Holiday != ""
		school[d.Day] = school[d.Day] || d.SchoolHoliday
	}
	matches := map[string]bool{}
	b, err := Data.ReadFile("data/calendar/om_home_matches_ligue_1993_2024.csv")
	if err != nil {
		return 0, err
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return 0, err
	}
	for _, r := range rows[1:] {
		matches[r[0]] = true
	}
	// 300 black spots, placed in the arrondissements by population,
	// weighted by a heavy-tailed draw.
	total := 0
	for _, q := range arrs {
		total += q.Population
	}
	if total == 0 {
		return 0, fmt.Errorf("the arrondissements have no population")
	}
	type spot struct {
		p orb.Point
		w float64
	}
	var spots []spot
	sumW := 0.0
	for len(spots) < 300 {
		k := rng.IntN(total)
		var q clairvoie.Area
		for _, a := range arrs {
			if k -= a.Population; k < 0 {
				q = a
				break
			}
		}
		if q.Geometry == nil {
			continue
		}
		bd := q.Geometry.Bound()
		p := orb.Point{bd.Min[0] + rng.Float64()*(bd.Max[0]-bd.Min[0]), bd.Min[1] + rng.Float64()*(bd.Max[1]-bd.Min[1])}
		if !areas.Contains(q.Geometry, p) {
			continue
		}
		w := math.Pow(rng.Float64()+1e-3, -1.2) // a few spots take many accidents
		spots = append(spots, spot{p, w})
		sumW += w
	}
	jitter := func(p orb.Point, metres float64) orb.Point {
		return orb.Point{p[0] + (rng.Float64()-0.5)*2*metres/80900, p[1] + (rng.Float64()-0.5)*2*metres/110540}
	}
	// The hours come from a stream of their own, so that the days and
	// places drawn are those of the series before it had hours.
	hrng := rand.New(rand.NewPCG(Seed, 0x686f757273))
	hour := func(weights []float64, first int) int {
		sum := 0.0
		for _, w := range weights {
			sum += w
		}
		x := hrng.Float64() * sum
		for i, w := range weights {
			if x -= w; x < 0 {
				return first + i
			}
		}
		return first + len(weights) - 1
	}
	var out bytes.Buffer
	w := csvsafe.NewWriter(&out)
	w.Write([]string{"lon", "lat", "date", "synthetic"})
	n := 0
	emit := func(p orb.Point, day time.Time, h int) {
		at := day.Add(time.Duration(h)*time.Hour + time.Duration(hrng.IntN(60))*time.Minute)
		w.Write([]string{fmt.Sprintf("%.5f", p[0]), fmt.Sprintf("%.5f", p[1]), at.Format("2006-01-02 15:04"), "true"})
		n++
	}
	for day := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2025; day = day.AddDate(0, 0, 1) {
		key := day.Format("2006-01-02")
		rate := 5.5 * [7]float64{0.75, 1, 1, 1, 1.05, 1.2, 1}[day.Weekday()]
		if day.Month() == time.August {
			rate *= 0.8
		}
		if holiday[key] {
			rate *= 0.7
		}
		if school[key] {
			rate *= 0.9
		}
		for k := draw.Poisson(rng, rate); k > 0; k-- {
			x := rng.Float64() * sumW
			s := spots[len(spots)-1]
			for _, sp := range spots {
				if x -= sp.w; x < 0 {
					s = sp
					break
				}
			}
			emit(jitter(s.p, 60), day, hour(dayHours[:], 0))
		}
		if matches[key] { // supporters' traffic around the stadium, 19:00–23:59
			for k := draw.Poisson(rng, 3); k > 0; k-- {
				emit(jitter(velodrome, 700), day, hour([]float64{1, 2, 1, 1, 2}, 19))
			}
		}
		if day.Weekday() != time.Sunday && !holiday[key] { // the market's hours, 8:00–12:59
			for k := draw.Poisson(rng, 0.3); k > 0; k-- {
				emit(jitter(prado, 300), day, hour([]float64{1, 1, 1, 1, 1}, 8))
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	return n, os.WriteFile(path, out.Bytes(), 0o644)
}
