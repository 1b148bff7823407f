package opendata

import (
	"cmp"
	"slices"
	"sort"

	"github.com/clairvoie/clairvoie"
)

// Statistical secrecy for the usage ledger. No published count lies
// between 1 and K−1 (K = 5 by default). A camera-month is published on its
// own when every count is 0 or at least K; otherwise its counts join its
// arrondissement's aggregate for the month. Aggregate cells between 1 and
// K−1 are suppressed (primary suppression). The city's total per month is
// published, so that a lone suppressed cell could be recovered by
// subtraction: secondary suppression adds, in each month and for each
// count, the smallest aggregate cells of value ≥ K until the suppressed
// cells are at least two and their sum S is at least n − 1 + K (n cells).
// Then, even for someone who knows the cells are at least 1, each
// suppressed cell could be anything from 1 to S − n + 1 ≥ K: neither its
// value nor even whether it is small can be told. Where that cannot be
// reached, the month's total for that count is suppressed too.

// DefaultK is the smallest count published (1 to K−1 are suppressed).
const DefaultK = 5

// nCounts is the number of published variables of the ledger.
const nCounts = 5

// counts are the published variables of the ledger, in the order of
// UsageRow's arrays.
var counts = [nCounts]string{"requisitions", "extractions", "decisive", "interventions", "vandalism"}

func countsOf(u *clairvoie.UsageMonth) [nCounts]int {
	return [nCounts]int{u.Requisitions, u.Extractions, u.Decisive, u.Interventions, u.Vandalism}
}

// UsageRow is a row of usage_monthly.csv.
type UsageRow struct {
	Level          string // camera, arrondissement or city
	CameraID       int64
	Arrondissement string
	Month          clairvoie.Month
	Cameras        int
	Values         [nCounts]int  // in the order of counts
	Suppressed     [nCounts]bool // in the order of counts
	DowntimeHours  float64
	Synthetic      bool
}

// SuppressUsage builds the published usage table and hands it to emit a row
// at a time, month by month (in each month: the city, the arrondissement
// aggregates, then the cameras, by arrondissement and id). Secrecy works
// within a month, so only one month's rows are held at once: ten years of
// 100,000 cameras stream through. arrOf gives each camera's arrondissement;
// synthetic tells which cameras are generated.
func SuppressUsage(usage []clairvoie.UsageMonth, arrOf map[int64]string, synthetic map[int64]bool, k int, emit func(UsageRow) error) error {
	if k < 2 {
		k = DefaultK
	}
	byMonth := map[clairvoie.Month][]int32{}
	for i := range usage {
		byMonth[usage[i].Month] = append(byMonth[usage[i].Month], int32(i))
	}
	months := make([]clairvoie.Month, 0, len(byMonth))
	for m := range byMonth {
		months = append(months, m)
	}
	slices.Sort(months)
	for _, m := range months {
		for _, r := range suppressMonth(usage, byMonth[m], m, arrOf, synthetic, k) {
			if err := emit(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// suppressMonth is SuppressUsage for the months usage[at[…]] of month m.
func suppressMonth(usage []clairvoie.UsageMonth, at []int32, m clairvoie.Month, arrOf map[int64]string, synthetic map[int64]bool, k int) []UsageRow {
	city := &UsageRow{Level: "city", Month: m}
	cams := make([]UsageRow, 0, len(at))
	agg := map[string]*UsageRow{}
	for _, i := range at {
		u := &usage[i]
		city.Cameras++
		city.DowntimeHours += u.DowntimeHours
		city.Synthetic = city.Synthetic || synthetic[u.CameraID]
		safe := true
		vs := countsOf(u)
		for ci, v := range vs {
			city.Values[ci] += v
			if v > 0 && v < k {
				safe = false
			}
		}
		if safe {
			cams = append(cams, UsageRow{Level: "camera", Month: m, CameraID: u.CameraID, Arrondissement: arrOf[u.CameraID], Cameras: 1,
				DowntimeHours: u.DowntimeHours, Synthetic: synthetic[u.CameraID], Values: vs})
			continue
		}
		arr := arrOf[u.CameraID]
		a := agg[arr]
		if a == nil {
			a = &UsageRow{Level: "arrondissement", Month: m, Arrondissement: arr}
			agg[arr] = a
		}
		a.Cameras++
		a.DowntimeHours += u.DowntimeHours
		a.Synthetic = a.Synthetic || synthetic[u.CameraID]
		for ci, v := range vs {
			a.Values[ci] += v
		}
	}
	// Primary suppression.
	aggs := make([]*UsageRow, 0, len(agg))
	for _, a := range agg {
		for ci, v := range a.Values {
			if v > 0 && v < k {
				a.Suppressed[ci] = true
			}
		}
		aggs = append(aggs, a)
	}
	sort.Slice(aggs, func(i, j int) bool { return aggs[i].Arrondissement < aggs[j].Arrondissement })
	// Secondary suppression, count by count.
	for ci := range counts {
		n, s := 0, 0
		for _, a := range aggs {
			if a.Suppressed[ci] {
				n++
				s += a.Values[ci]
			}
		}
		if n == 0 {
			continue
		}
		for n < 2 || s < n-1+k {
			best := -1
			for x, a := range aggs {
				if !a.Suppressed[ci] && a.Values[ci] >= k && (best < 0 || a.Values[ci] < aggs[best].Values[ci]) {
					best = x
				}
			}
			if best < 0 {
				city.Suppressed[ci] = true // no equation left to solve
				break
			}
			aggs[best].Suppressed[ci] = true
			n++
			s += aggs[best].Values[ci]
		}
	}
	// A city total between 1 and K−1 is itself primary.
	for ci, v := range city.Values {
		if v > 0 && v < k {
			city.Suppressed[ci] = true
		}
	}
	rows := make([]UsageRow, 0, 1+len(aggs)+len(cams))
	rows = append(rows, *city)
	for _, a := range aggs {
		rows = append(rows, *a)
	}
	slices.SortFunc(cams, func(a, b UsageRow) int {
		return cmp.Or(cmp.Compare(a.Arrondissement, b.Arrondissement), cmp.Compare(a.CameraID, b.CameraID))
	})
	return append(rows, cams...)
}
