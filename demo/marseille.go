package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/areas"
	"github.com/paulmach/orb"
)

// The synthetic Marseille registry. No public list of Marseille's cameras
// exists; this reconstruction is generated from a fixed seed and calibrated
// on the public figures of docs/mission.md (tags [C] confirmed, [S] secondary):
//
//   - 340 cameras in phase 1 (2012–2013), all in arrondissements 1–7, at about
//     26 k€ each (9 M€ with the supervision centre) [C/S];
//   - 878 in service by the end of 2016, 1,558 by the end of 2020 (city
//     audit), about 1,600 in 2022, towards 2,100 by the end of 2026 [C/S];
//   - the 16th arrondissement holds 4.2 % of the cameras in service in 2020
//     (the audit's figure) [S];
//   - unit cost 28–37 k€ after phase 1, maintenance 3–6 % of it a year
//     (ranges: 8.6–36.6 k€, 2–8 %) [S]; retention about ten days [S];
//   - vandalism: some cameras out of service at any time (70 destroyed in
//     2023, 40+ in 2024) [S].
//
// Everything else (exact positions, directions, authorisation dates,
// signage, the few deliberate breaches that exercise the checks) is
// invented, and every record says so: clairvoie:synthetic=yes.

// Seed is the seed of the demo's synthetic registry.
const Seed = 20120401 // the supervision centre opened in April 2012

// AsOf is the day the synthetic registry describes.
var AsOf = clairvoie.NewDate(2026, 11, 1)

// yearPlan is how many cameras a year added, and under which programme.
type yearPlan struct {
	year      int
	added     int
	programme string
	phase1    bool // only arrondissements 1–7
}

var growth = []yearPlan{
	{2012, 220, "Phase 1 (2012–2013)", true}, {2013, 120, "Phase 1 (2012–2013)", true},
	{2014, 170, "Phase 2 (2014–2016)", false}, {2015, 180, "Phase 2 (2014–2016)", false}, {2016, 188, "Phase 2 (2014–2016)", false},
	{2017, 160, "Phase 3 (2017–2020)", false}, {2018, 170, "Phase 3 (2017–2020)", false},
	{2019, 170, "Phase 3 (2017–2020)", false}, {2020, 180, "Phase 3 (2017–2020)", false},
	{2021, 20, "Extension 2021–2026", false}, {2022, 22, "Extension 2021–2026", false},
	{2023, 60, "Extension 2021–2026", false}, {2024, 80, "Extension 2021–2026", false},
	{2025, 150, "Extension 2021–2026", false}, {2026, 90, "Extension 2021–2026", false},
}

// plannedCount cameras are planned for the end of 2026 (towards ~2,100).
const plannedCount = 120

// Out-of-service and removed cameras as of AsOf.
const (
	outOfServiceCount = 25 // vandalised, not yet repaired
	removedCount      = 12 // illustrative removals, 2024–2025
)

// phase1Share spreads phase 1 over arrondissements 1–7.
var phase1Share = map[string]float64{"13201": 25, "13202": 15, "13203": 12, "13204": 10, "13205": 10, "13206": 15, "13207": 13}

// share16 is the 16th arrondissement's share of the cameras added from
// 2014 to 2020, so that it holds 4.2 % of the 1,558 in service in 2020.
const share16 = 0.042 * 1558 / 1218

// SyntheticMarseille generates the demo's synthetic registry.
func SyntheticMarseille() ([]clairvoie.Camera, error) {
	_, arrs, _, err := MarseilleAreas()
	if err != nil {
		return nil, err
	}
	qs, err := marseilleQuartiers()
	if err != nil {
		return nil, err
	}
	byArr := map[string][]quartier{}
	for _, q := range qs {
		byArr[q.area.Parent] = append(byArr[q.area.Parent], q)
	}
	// Later phases spread by population, the 16th pinned to its audited share.
	later := map[string]float64{}
	total := 0.0
	for _, a := range arrs {
		if a.Code != "13216" {
			later[a.Code] = float64(a.Population)
			total += float64(a.Population)
		}
	}
	later["13216"] = share16 / (1 - share16) * total

	rng := rand.New(rand.NewPCG(Seed, 0x636c616972766f69))
	g := &generator{rng: rng, byArr: byArr}
	var cams []clairvoie.Camera
	for _, y := range growth {
		shares := later
		if y.phase1 {
			shares = phase1Share
		}
		for _, alloc := range apportion(shares, y.added) {
			for i := 0; i < alloc.n; i++ {
				cams = append(cams, g.camera(len(cams)+1, alloc.code, y.year, y.programme, clairvoie.StatusActive))
			}
		}
	}
	for _, alloc := range apportion(later, plannedCount) {
		for i := 0; i < alloc.n; i++ {
			cams = append(cams, g.camera(len(cams)+1, alloc.code, 2027, "Extension 2021–2026", clairvoie.StatusPlanned))
		}
	}
	// Out of service (vandalised) and removed: drawn among installed cameras.
	var older []int // installed before 2023, so that the dates stay in order
	for i, c := range cams {
		if c.Status == clairvoie.StatusActive && c.CommissionedOn.Before(clairvoie.NewDate(2023, 1, 1)) {
			older = append(older, i)
		}
	}
	rng.Shuffle(len(older), func(i, j int) { older[i], older[j] = older[j], older[i] })
	for i, idx := range older[:outOfServiceCount+removedCount] {
		c := &cams[idx]
		if i < outOfServiceCount {
			c.Status = clairvoie.StatusOutOfService
			c.OutOfServiceOn = clairvoie.NewDate(2024, 1, 1).AddDate(0, 0, rng.IntN(1000))
			if c.OutOfServiceOn.After(AsOf) {
				c.OutOfServiceOn = AsOf.AddDate(0, 0, -rng.IntN(60)-1)
			}
		} else {
			c.Status = clairvoie.StatusRemoved
			c.RemovedOn = clairvoie.NewDate(2024, 3, 1).AddDate(0, 0, rng.IntN(600))
		}
	}
	return cams, nil
}

type generator struct {
	rng   *rand.Rand
	byArr map[string][]quartier
}

// camera generates camera number n, installed in year in arrondissement code.
func (g *generator) camera(n int, code string, year int, programme string, st clairvoie.Status) clairvoie.Camera {
	r := g.rng
	q := g.byArr[code][r.IntN(len(g.byArr[code]))]
	ref := fmt.Sprintf("MRS-%d-%04d", min(year, 2026), n)
	c := clairvoie.Camera{
		SourceRef: ref, Ref: ref, Location: g.point(q),
		Surveillance: "public", SurveillanceType: "camera",
		Operator: "Ville de Marseille", OperatorType: clairvoie.OperatorPublic,
		Place:   "Quartier " + q.area.Name + " (position synthétique)",
		Commune: MarseilleCode, Arrondissement: code, Quartier: q.area.Code,
		Status: st, Programme: programme, Synthetic: true,
		Conduit: fmt.Sprintf("F-%s-%04d", code[3:], n),
	}
	// What it is.
	switch x := r.Float64(); {
	case x < 0.55:
		c.Type = clairvoie.CameraDome
	case x < 0.85:
		c.Type = clairvoie.CameraFixed
		c.Direction = &clairvoie.Direction{Degrees: float64(r.IntN(360)), FOV: float64(60 + 10*r.IntN(4))}
	default:
		c.Type = clairvoie.CameraPanning
	}
	switch x := r.Float64(); {
	case x < 0.60:
		c.Mount = clairvoie.MountPole
	case x < 0.95:
		c.Mount = clairvoie.MountWall
	default:
		c.Mount = clairvoie.MountStreetLamp
	}
	h := math.Round((4+4*r.Float64())*10) / 10
	c.Height = &h
	if c.Mount == clairvoie.MountWall {
		c.Tilt = ptr(-float64(10 + r.IntN(40)))
	}
	switch x := r.Float64(); {
	case x < 0.80:
		c.Zone = "town"
		if r.Float64() < 0.2 {
			c.Purposes = []clairvoie.Purpose{clairvoie.PurposeAssaultTheftDrugs, clairvoie.PurposeTerrorism}
		} else {
			c.Purposes = []clairvoie.Purpose{clairvoie.PurposePublicBuildings, clairvoie.PurposeAssaultTheftDrugs}
		}
	case x < 0.95:
		c.Zone = "traffic"
		c.Purposes = []clairvoie.Purpose{clairvoie.PurposeTransportFlows, clairvoie.PurposeTrafficOffences}
	default:
		c.Zone = "parking"
		c.Purposes = []clairvoie.Purpose{clairvoie.PurposeAssaultTheftDrugs}
	}
	if r.Float64() < 0.01 {
		c.Purposes = nil // a gap in the file
	}

	// Life cycle and money.
	if st != clairvoie.StatusPlanned {
		c.CommissionedOn = clairvoie.NewDate(year, 1, 1).AddDate(0, 0, r.IntN(365))
		if year == 2012 && c.CommissionedOn.Before(clairvoie.NewDate(2012, 4, 1)) {
			c.CommissionedOn = clairvoie.NewDate(2012, 4, 1).AddDate(0, 0, r.IntN(270))
		}
		if c.CommissionedOn.After(AsOf) {
			c.CommissionedOn = AsOf.AddDate(0, 0, -r.IntN(300)-1)
		}
		c.InstallYear = c.CommissionedOn.Time().Year()
	} else {
		c.InstallYear = 2027
	}
	lo, hi := 28000.0, 37000.0
	if year <= 2013 {
		lo, hi = 24000, 29000
	}
	cost := math.Round(lo + (hi-lo)*r.Float64())
	maint := math.Round(cost * (0.03 + 0.03*r.Float64()))
	c.InstallCost, c.MaintenanceCost = &cost, &maint
	switch {
	case year <= 2016: // phases 1–2: their maintenance contract has ended (kept in-house since)
		c.ContractRef, c.ContractEnd = "MARCHE-2012-VP-MAINT", clairvoie.NewDate(2024, 12, 31)
	case year <= 2020:
		c.ContractRef, c.ContractEnd = "MARCHE-2018-VP-PH3", clairvoie.NewDate(2028, 6, 30)
	default:
		c.ContractRef, c.ContractEnd = "MARCHE-2021-VP-MAINT", clairvoie.NewDate(2027, 12, 31)
	}

	// The legal facts: one prefect's order per arrondissement and year of
	// installation, renewed every five years.
	arr := code[3:]
	num, _ := strconv.Atoi(arr)
	month := 1 + num%12
	date := clairvoie.NewDate(min(year, 2026), 1, 1).AddDate(0, month-1, 0)
	for !date.AddDate(clairvoie.AuthorisationValidityYears, 0, 0).After(AsOf) {
		date = date.AddDate(clairvoie.AuthorisationValidityYears, 0, 0)
	}
	// Two batches whose last renewal is missing from the file: expired.
	if (code == "13213" && year == 2015) || (code == "13215" && year == 2016) {
		date = date.AddDate(-clairvoie.AuthorisationValidityYears, 0, 0)
	}
	c.Authorisation = clairvoie.Authorisation{
		Ref:  fmt.Sprintf("AP-13-%d-%s-VP", date.Time().Year(), arr),
		Date: date, Expires: date.AddDate(clairvoie.AuthorisationValidityYears, 0, 0), RetentionDays: 15,
	}
	switch x := r.Float64(); {
	case x < 0.005:
		c.RetentionDays = 45 // over the legal month
	case x < 0.035:
		c.RetentionDays = 20 // over the order's 15 days
	case x < 0.10:
		c.RetentionDays = 15
	default:
		c.RetentionDays = 10
	}
	switch x := r.Float64(); {
	case x < 0.02:
		c.Signage.Present = ptr(false)
	case x < 0.06:
		// unknown
	default:
		c.Signage.Present = ptr(true)
		c.Signage.CheckedOn = AsOf.AddDate(0, 0, -r.IntN(540))
	}
	if st != clairvoie.StatusPlanned {
		c.VerifiedOn = AsOf.AddDate(0, 0, -r.IntN(1200))
		if c.VerifiedOn.Before(c.CommissionedOn) {
			c.VerifiedOn = c.CommissionedOn
		}
	}
	return c
}

// point draws a position in quartier q, around its centre (σ ≈ 350 m), so
// that cameras fall in the built-up part rather than in the hills.
func (g *generator) point(q quartier) orb.Point {
	const sigmaLat = 350.0 / 111_320
	sigmaLon := sigmaLat / math.Cos(q.centroid.Lat()*math.Pi/180)
	for i := 0; i < 500; i++ {
		p := orb.Point{q.centroid.Lon() + g.rng.NormFloat64()*sigmaLon, q.centroid.Lat() + g.rng.NormFloat64()*sigmaLat}
		if areas.Contains(q.area.Geometry, p) {
			return round7(p)
		}
	}
	b := q.area.Geometry.Bound() // a thin quartier: draw in its bounding box
	for {
		p := orb.Point{b.Min.Lon() + g.rng.Float64()*(b.Max.Lon()-b.Min.Lon()), b.Min.Lat() + g.rng.Float64()*(b.Max.Lat()-b.Min.Lat())}
		if areas.Contains(q.area.Geometry, p) {
			return round7(p)
		}
	}
}

func round7(p orb.Point) orb.Point {
	return orb.Point{math.Round(p[0]*1e7) / 1e7, math.Round(p[1]*1e7) / 1e7}
}

func ptr[T any](v T) *T { return &v }

type allocation struct {
	code string
	n    int
}

// apportion splits n by weights with the largest-remainder method, in code
// order: deterministic, and exact in total.
func apportion(weights map[string]float64, n int) []allocation {
	codes := make([]string, 0, len(weights))
	total := 0.0
	for c, w := range weights {
		codes = append(codes, c)
		total += w
	}
	sort.Strings(codes)
	out := make([]allocation, len(codes))
	rem := make([]float64, len(codes))
	given := 0
	for i, c := range codes {
		exact := float64(n) * weights[c] / total
		out[i] = allocation{c, int(exact)}
		rem[i] = exact - float64(int(exact))
		given += out[i].n
	}
	order := make([]int, len(codes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for i := 0; given < n; i++ {
		out[order[i]].n++
		given++
	}
	return out
}
