package opendata

import (
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

// counts are the published variables of the ledger.
var counts = []string{"requisitions", "extractions", "decisive", "interventions", "vandalism"}

func countOf(u *clairvoie.UsageMonth, name string) int {
	switch name {
	case "requisitions":
		return u.Requisitions
	case "extractions":
		return u.Extractions
	case "decisive":
		return u.Decisive
	case "interventions":
		return u.Interventions
	}
	return u.Vandalism
}

// UsageRow is a row of usage_monthly.csv.
type UsageRow struct {
	Level          string // camera, arrondissement or city
	CameraID       int64
	Arrondissement string
	Month          clairvoie.Month
	Cameras        int
	Values         map[string]int
	Suppressed     map[string]bool
	DowntimeHours  float64
	Synthetic      bool
}

// SuppressUsage builds the published usage table. arrOf gives each
// camera's arrondissement; synthetic tells which cameras are generated.
func SuppressUsage(usage []clairvoie.UsageMonth, arrOf map[int64]string, synthetic map[int64]bool, k int) []UsageRow {
	if k < 2 {
		k = DefaultK
	}
	type key struct {
		arr   string
		month clairvoie.Month
	}
	var rows []UsageRow
	agg := map[key]*UsageRow{}
	city := map[clairvoie.Month]*UsageRow{}
	newRow := func(level string, m clairvoie.Month) *UsageRow {
		return &UsageRow{Level: level, Month: m, Values: map[string]int{}, Suppressed: map[string]bool{}}
	}
	for i := range usage {
		u := &usage[i]
		c := city[u.Month]
		if c == nil {
			c = newRow("city", u.Month)
			city[u.Month] = c
		}
		c.Cameras++
		c.DowntimeHours += u.DowntimeHours
		c.Synthetic = c.Synthetic || synthetic[u.CameraID]
		safe := true
		for _, name := range counts {
			v := countOf(u, name)
			c.Values[name] += v
			if v > 0 && v < k {
				safe = false
			}
		}
		if safe {
			r := newRow("camera", u.Month)
			r.CameraID, r.Arrondissement, r.Cameras, r.DowntimeHours, r.Synthetic = u.CameraID, arrOf[u.CameraID], 1, u.DowntimeHours, synthetic[u.CameraID]
			for _, name := range counts {
				r.Values[name] = countOf(u, name)
			}
			rows = append(rows, *r)
			continue
		}
		kk := key{arrOf[u.CameraID], u.Month}
		a := agg[kk]
		if a == nil {
			a = newRow("arrondissement", u.Month)
			a.Arrondissement = kk.arr
			agg[kk] = a
		}
		a.Cameras++
		a.DowntimeHours += u.DowntimeHours
		a.Synthetic = a.Synthetic || synthetic[u.CameraID]
		for _, name := range counts {
			a.Values[name] += countOf(u, name)
		}
	}
	// Primary suppression.
	byMonth := map[clairvoie.Month][]*UsageRow{}
	for _, a := range agg {
		for _, name := range counts {
			if v := a.Values[name]; v > 0 && v < k {
				a.Suppressed[name] = true
			}
		}
		byMonth[a.Month] = append(byMonth[a.Month], a)
	}
	// Secondary suppression, month by month, count by count.
	for m, aggs := range byMonth {
		sort.Slice(aggs, func(i, j int) bool { return aggs[i].Arrondissement < aggs[j].Arrondissement })
		c := city[m]
		for _, name := range counts {
			n, s := 0, 0
			for _, a := range aggs {
				if a.Suppressed[name] {
					n++
					s += a.Values[name]
				}
			}
			if n == 0 {
				continue
			}
			for n < 2 || s < n-1+k {
				best := -1
				for x, a := range aggs {
					if !a.Suppressed[name] && a.Values[name] >= k && (best < 0 || a.Values[name] < aggs[best].Values[name]) {
						best = x
					}
				}
				if best < 0 {
					c.Suppressed[name] = true // no equation left to solve
					break
				}
				aggs[best].Suppressed[name] = true
				n++
				s += aggs[best].Values[name]
			}
		}
		// A city total between 1 and K−1 is itself primary.
		for _, name := range counts {
			if v := c.Values[name]; v > 0 && v < k {
				c.Suppressed[name] = true
			}
		}
	}
	for _, a := range agg {
		rows = append(rows, *a)
	}
	for _, c := range city {
		rows = append(rows, *c)
	}
	level := map[string]int{"city": 0, "arrondissement": 1, "camera": 2}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		if level[a.Level] != level[b.Level] {
			return level[a.Level] < level[b.Level]
		}
		if a.Arrondissement != b.Arrondissement {
			return a.Arrondissement < b.Arrondissement
		}
		return a.CameraID < b.CameraID
	})
	return rows
}
