package demo_test

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/demo"
	"github.com/clairvoie/clairvoie/sqlite"
)

// The synthetic registry must hold the public figures it claims to be
// calibrated on (docs/mission.md); these are its specification.
func TestSyntheticMarseilleCalibration(t *testing.T) {
	cams, err := demo.SyntheticMarseille()
	if err != nil {
		t.Fatal(err)
	}
	inService := func(y, m, d int) (n int, by map[string]int) {
		by = map[string]int{}
		day := clairvoie.NewDate(y, 1, 1).AddDate(0, m-1, d-1)
		for i := range cams {
			if cams[i].InServiceOn(day) || (cams[i].Status == clairvoie.StatusRemoved && !cams[i].CommissionedOn.After(day) && cams[i].RemovedOn.After(day)) {
				n++
				by[cams[i].Arrondissement]++
			}
		}
		return n, by
	}
	if n, by := inService(2014, 1, 1); n != 340 {
		t.Errorf("in service on 2014-01-01: got %d, want 340 (phase 1)", n)
	} else {
		for code, k := range by {
			if code > "13207" {
				t.Errorf("phase 1 camera in %s (%d): phase 1 covered arrondissements 1–7", code, k)
			}
		}
	}
	if n, _ := inService(2016, 12, 31); n != 878 {
		t.Errorf("in service at the end of 2016: got %d, want 878", n)
	}
	n2020, by := inService(2020, 12, 31)
	if n2020 != 1558 {
		t.Errorf("in service at the end of 2020: got %d, want 1,558 (city audit)", n2020)
	}
	if share := float64(by["13216"]) / float64(n2020); share < 0.040 || share > 0.044 {
		t.Errorf("16th arrondissement in 2020: got %.1f %%, want 4.2 %%", 100*share)
	}
	if n, _ := inService(2022, 12, 31); n < 1580 || n > 1620 {
		t.Errorf("in service at the end of 2022: got %d, want about 1,600", n)
	}
	if len(cams) != 2100 {
		t.Errorf("records, planned included: got %d, want 2,100 (the end-2026 target)", len(cams))
	}
	refs := map[string]bool{}
	for _, c := range cams {
		if !c.Synthetic {
			t.Fatalf("camera %s is not labelled synthetic", c.SourceRef)
		}
		if refs[c.SourceRef] {
			t.Fatalf("duplicate reference %s", c.SourceRef)
		}
		refs[c.SourceRef] = true
		if c.InstallCost == nil || *c.InstallCost < 8600 || *c.InstallCost > 37000 {
			t.Errorf("camera %s: install cost %v outside 8.6–37 k€", c.SourceRef, c.InstallCost)
		}
		if r := *c.MaintenanceCost / *c.InstallCost; r < 0.02 || r > 0.08 {
			t.Errorf("camera %s: maintenance %.1f %% of investment, outside 2–8 %%", c.SourceRef, 100*r)
		}
		if !c.RemovedOn.IsZero() && c.RemovedOn.Before(c.CommissionedOn) {
			t.Errorf("camera %s removed before it was installed", c.SourceRef)
		}
	}
}

func TestSyntheticMarseilleIsReproducible(t *testing.T) {
	a, _ := demo.SyntheticMarseille()
	b, _ := demo.SyntheticMarseille()
	for i := range a {
		if a[i].Location != b[i].Location || a[i].SourceRef != b[i].SourceRef {
			t.Fatalf("record %d differs between two runs with the same seed", i)
		}
	}
}

func TestBuild(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	sum, err := demo.Build(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.DB != filepath.Join(dir, "clairvoie.db") || sum.Areas != 128 || len(sum.Imports) != 3 ||
		sum.Imports[0].Inserted != 2100 || sum.Imports[1].Inserted != 707 || sum.Imports[2].Inserted != 87 {
		t.Fatalf("first build: got %+v", sum)
	}
	again, err := demo.Build(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if again.Imports[0].Unchanged != 2100 || again.Imports[1].Unchanged != 707 || again.Imports[2].Unchanged != 87 {
		t.Errorf("a second build must change nothing: got %+v", again.Imports)
	}
	db, err := sqlite.Open(ctx, sum.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cams := sqlite.NewCameraService(db)
	marseille, _, err := cams.FindCameras(ctx, clairvoie.CameraFilter{Source: demo.SourceMarseille, Arrondissement: "13216"})
	if err != nil || len(marseille) == 0 {
		t.Fatalf("16th arrondissement: %d cameras, %v", len(marseille), err)
	}
	for _, c := range marseille {
		if c.Quartier == "" || c.Commune != demo.MarseilleCode {
			t.Fatalf("camera %s not placed in a quartier and the commune", c.SourceRef)
		}
	}
	paris, _, _ := cams.FindCameras(ctx, clairvoie.CameraFilter{Source: demo.SourceParis, Arrondissement: "75118"})
	if len(paris) == 0 {
		t.Errorf("Paris cameras must be placed in their arrondissement from the postcode")
	}
	osm, _, _ := cams.FindCameras(ctx, clairvoie.CameraFilter{Source: demo.SourceOSMParis, Commune: "75056"})
	if len(osm) != 87 {
		t.Errorf("the 2011 OpenStreetMap nodes of Paris: %d in the commune, want 87", len(osm))
	}
	srcs, _ := cams.FindSources(ctx)
	if len(srcs) != 3 || srcs[0].Name != demo.SourceMarseille || !srcs[0].Synthetic || srcs[1].Name != demo.SourceOSMParis || srcs[1].Synthetic || srcs[2].Synthetic {
		t.Errorf("sources: got %+v, want Marseille synthetic, Paris real, OSM 2011 real", srcs)
	}
}

// The synthetic ledger holds the figures it is calibrated on.
func TestSyntheticUsageCalibration(t *testing.T) {
	cams, err := demo.SyntheticMarseille()
	if err != nil {
		t.Fatal(err)
	}
	for i := range cams {
		cams[i].ID = int64(i + 1)
	}
	usage := demo.SyntheticUsage(cams)
	type tot struct{ req, ext, dec, inter, vand int }
	by := map[string]*tot{}
	for _, u := range usage {
		if !u.Synthetic {
			t.Fatal("a usage month is not labelled synthetic")
		}
		if err := u.Validate(); err != nil {
			t.Fatalf("%+v: %v", u, err)
		}
		y := string(u.Month)[:4]
		if by[y] == nil {
			by[y] = &tot{}
		}
		b := by[y]
		b.req, b.ext, b.dec, b.inter, b.vand = b.req+u.Requisitions, b.ext+u.Extractions, b.dec+u.Decisive, b.inter+u.Interventions, b.vand+u.Vandalism
	}
	near := func(name string, got int, want, tol float64) {
		if math.Abs(float64(got)-want) > tol*want {
			t.Errorf("%s: got %d, want %.0f ± %.0f %%", name, got, want, 100*tol)
		}
	}
	near("requisitions 2014", by["2014"].req, 1084, 0.1)
	near("requisitions 2022", by["2022"].req, 4200, 0.1)
	near("vandalism 2023", by["2023"].vand, 70, 0.3)
	near("vandalism 2024", by["2024"].vand, 45, 0.35)
	if r := float64(by["2022"].dec) / float64(by["2022"].ext); r < 0.08 || r > 0.12 {
		t.Errorf("decisive share of extractions in 2022: %.3f, want about 0.10", r)
	}
	if r := float64(by["2022"].inter) / 1600; r < 2.5 || r > 3.5 {
		t.Errorf("live interventions per camera in 2022: %.2f, want about 3", r)
	}
}
