package planning_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/cost"
	"github.com/clairvoie/clairvoie/locate"
	"github.com/clairvoie/clairvoie/plan"
	"github.com/clairvoie/clairvoie/planning"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// A small city: 4 quartiers in a row, 40 cameras, the ones in quartier 0
// much used, the others hardly.
func workspace(t *testing.T) planning.Services {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var qs []clairvoie.Area
	for q := 0; q < 4; q++ {
		x := 5.30 + 0.02*float64(q)
		qs = append(qs, clairvoie.Area{Kind: clairvoie.AreaQuartier, Code: "q" + string(rune('0'+q)), Name: "Q" + string(rune('0'+q)),
			Geometry: orb.Polygon{{{x, 43.30}, {x + 0.02, 43.30}, {x + 0.02, 43.32}, {x, 43.32}, {x, 43.30}}}})
	}
	areas := sqlite.NewAreaService(db)
	if err := areas.ReplaceAreas(ctx, clairvoie.AreaQuartier, qs); err != nil {
		t.Fatal(err)
	}
	var cams []clairvoie.Camera
	for i := 0; i < 40; i++ {
		q := i % 4
		cost := 30000.0
		cams = append(cams, clairvoie.Camera{SourceRef: "C" + string(rune('A'+i)), Location: orb.Point{5.31 + 0.02*float64(q), 43.31},
			Status: clairvoie.StatusActive, Quartier: qs[q].Code, InstallCost: &cost, CommissionedOn: clairvoie.NewDate(2020, 1, 1), Synthetic: true})
	}
	cs := sqlite.NewCameraService(db)
	if _, err := cs.ImportCameras(ctx, clairvoie.Source{Name: "ville", Licence: "etalab-2.0"}, clairvoie.CamerasOf(cams), clairvoie.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	held, _, _ := cs.FindCameras(ctx, clairvoie.CameraFilter{})
	var usage []clairvoie.UsageMonth
	for _, c := range held {
		for m := 1; m <= 12; m++ {
			u := clairvoie.UsageMonth{CameraID: c.ID, Month: clairvoie.Month("2025-" + []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}[m-1])}
			if c.Quartier == "q0" {
				u.Requisitions, u.Extractions, u.Decisive = 4, 3, 1
			}
			usage = append(usage, u)
		}
	}
	us := sqlite.NewUsageService(db)
	if _, err := us.ImportUsage(ctx, usage); err != nil {
		t.Fatal(err)
	}
	return planning.Services{Cameras: cs, Usage: us, Areas: areas}
}

func request(mode plan.Mode) planning.Request {
	return planning.Request{Source: "ville", Scenario: cost.Central, Params: cost.Defaults, Method: locate.MethodMCLP, Radius: 1500,
		Plan: plan.Options{StartYear: 2027, Years: 3, Mode: mode, SavingsTarget: 60000, LossCap: 0.05, Capacity: 10}}
}

func TestMake(t *testing.T) {
	s := workspace(t)
	res, err := planning.Make(context.Background(), s, request(plan.Savings))
	if err != nil {
		t.Fatal(err)
	}
	// The unused cameras of q1–q3 close first; q0's stay.
	for _, c := range res.Cameras {
		if c.Quartier == "q0" && c.ClosedIn != 0 {
			t.Errorf("camera %s of the busy quartier closed in %d", c.Ref, c.ClosedIn)
		}
	}
	y := res.Plan.Years
	if len(y) != 3 || y[0].Savings < 60000 || y[2].Posts < 1 {
		t.Fatalf("years: %+v", y)
	}
	// The need is in q0: the posts go there and cover it.
	if len(res.Sites) != 3 || res.Sites[2].Sites[0].Code != "q0" || res.Sites[2].Coverage < 0.99 {
		t.Errorf("sites: %+v", res.Sites)
	}
	if res.Demand != "quartiers" || !res.Synthetic {
		t.Errorf("demand %q, synthetic %v", res.Demand, res.Synthetic)
	}
	for _, want := range []string{"De 2027 à 2029", "postes de médiateurs", "données synthétiques"} {
		if !strings.Contains(res.SummaryFR, want) {
			t.Errorf("French summary lacks %q: %s", want, res.SummaryFR)
		}
	}
	if !strings.Contains(res.SummaryEN, "From 2027 to 2029") {
		t.Errorf("English summary: %s", res.SummaryEN)
	}
	if res.Gap < 0 || res.Bound > res.Plan.Objective+1e-9 {
		t.Errorf("bound %.4f, objective %.4f, gap %.4f", res.Bound, res.Plan.Objective, res.Gap)
	}
}

func TestMakeLossAndErrors(t *testing.T) {
	s := workspace(t)
	res, err := planning.Make(context.Background(), s, request(plan.Loss))
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Years[0].UsefulnessLost > 0.05*res.Plan.Initial+1e-9 {
		t.Errorf("loss over the cap")
	}
	r := request(plan.Savings)
	r.Plan.SavingsTarget = 1e8
	if _, err := planning.Make(context.Background(), s, r); clairvoie.ErrorCode(err) != clairvoie.EINVALID || !strings.Contains(err.Error(), "savings target cannot be met") {
		t.Errorf("impossible target: got %v", err)
	}
	r = request(plan.Savings)
	r.Source = "nope"
	if _, err := planning.Make(context.Background(), s, r); clairvoie.ErrorCode(err) != clairvoie.ENOTFOUND {
		t.Errorf("unknown source: got %v", err)
	}
	if src, err := planning.DefaultSource(context.Background(), s); err != nil || src != "ville" {
		t.Errorf("DefaultSource: %q, %v", src, err)
	}
}
