package chain_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/chain"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func day(s string) clairvoie.Date {
	d, err := clairvoie.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Fixture is a small installation: three cameras of two sources.
func Fixture() ([]*clairvoie.Camera, *clairvoie.Installation) {
	src := func(s string) clairvoie.Provenance { return clairvoie.Provenance{Source: s} }
	cams := []*clairvoie.Camera{
		{ID: 1, SourceRef: "a", Status: clairvoie.StatusActive, Provenance: src("ville"), ContractRef: "K1"},
		{ID: 2, SourceRef: "b", Status: clairvoie.StatusActive, Provenance: src("ville")},
		{ID: 3, SourceRef: "c", Status: clairvoie.StatusActive, Provenance: src("osm")},
	}
	inst := &clairvoie.Installation{
		Systems: []clairvoie.System{
			{Ref: "VMS", Kind: clairvoie.SystemVMS, Supplier: "Éditeur A", Product: "Vision", Licence: "proprietary", Hosting: "on_premises", Country: "FR", ContractRef: "K1"},
			{Ref: "GIS", Kind: clairvoie.SystemOther, Supplier: "Libre", Product: "Carte", Licence: "free", Hosting: "on_premises", Country: "FR", ContractRef: "K2"},
		},
		Analytics: []clairvoie.Analytic{
			{Ref: "SHAPE", System: "VMS", Kind: clairvoie.AnalyticShapeColour, Cameras: clairvoie.CameraSet{Source: "ville"}, From: day("2019-06-01"), LegalBasis: "csi-l251-2"},
			{Ref: "SHAPE2", System: "VMS", Kind: clairvoie.AnalyticShapeColour, Cameras: clairvoie.CameraSet{Refs: []string{"a", "c"}}, From: day("2018-01-01"), LegalBasis: "x"},
			{Ref: "TRACK", System: "VMS", Kind: clairvoie.AnalyticTracking, Cameras: clairvoie.CameraSet{Refs: []string{"a"}}, From: day("2021-01-01"), To: day("2022-01-01")},
		},
		Flows: []clairvoie.Flow{
			{Ref: "F1", Recipient: "police", Country: "FR", Type: clairvoie.FlowLive, Cameras: clairvoie.CameraSet{All: true}, Convention: "C1", From: day("2016-01-01")},
			{Ref: "F2", Recipient: "police", Country: "FR", Type: clairvoie.FlowExport, Cameras: clairvoie.CameraSet{Refs: []string{"a"}}, From: day("2016-01-01")},
			{Ref: "F3", Recipient: "old", Country: "CH", Type: clairvoie.FlowExport, Cameras: clairvoie.CameraSet{All: true}, From: day("2010-01-01"), To: day("2012-01-01")},
		},
		Contracts: []clairvoie.Contract{
			{Ref: "K1", Notified: day("2024-01-01"), DurationMonths: 48, Amount: 400000},
			{Ref: "K2", Notified: day("2025-06-01"), DurationMonths: 6, Amount: 10000},
			{Ref: "K3", Notified: day("2010-01-01"), DurationMonths: 24, Amount: 99},
		},
	}
	return cams, inst
}

func TestSummariseGolden(t *testing.T) {
	cams, inst := Fixture()
	s := chain.Summarise(inst, cams, day("2026-01-01"))
	got, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		os.WriteFile("testdata/summary.golden.json", got, 0o644)
	}
	want, err := os.ReadFile("testdata/summary.golden.json")
	if err != nil {
		t.Fatalf("%v (go test ./chain -update once)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("summary differs from testdata/summary.golden.json:\n%s", got)
	}
	// The facts the golden holds, said plainly: shape-and-colour search on
	// the three cameras (ville's two and c), counted once; the tracking
	// trial ended; no face recognition; one recipient today (police).
	shape := s.Capabilities[1]
	if shape.Cameras != 3 || !shape.Enabled || shape.Since.String() != "2018-01-01" || len(shape.Bases) != 2 {
		t.Errorf("shape-and-colour: %+v", shape)
	}
	if len(s.Recipients) != 1 || s.Recipients[0].Cameras != 3 || s.Recipients[0].Without != 1 {
		t.Errorf("recipients: %+v", s.Recipients)
	}
	if l := s.Costs.Lines[0]; l.Ref != "K1" || !l.Running || l.Cameras != 1 || !l.Proprietary || len(l.Systems) != 1 || s.Costs.Lines[2].Running {
		t.Errorf("contract lines: %+v", s.Costs.Lines)
	}
	if s.Costs.Yearly != 100000 || s.Costs.YearlyProprietary != 100000 || s.Costs.Total != 410099 {
		t.Errorf("costs: %+v", s.Costs)
	}
	st := strings.Join(s.StatementFR, "\n")
	for _, want := range []string{"Recherche par forme et couleur : en service sur 3 caméras depuis le 1er janvier 2018", "Aucune reconnaissance faciale déclarée.",
		"Suivi d'une personne ou d'un véhicule entre caméras : plus en service", "Destinataires déclarés des images ou d'un accès : police."} {
		if !strings.Contains(st, want) {
			t.Errorf("statement lacks %q:\n%s", want, st)
		}
	}
}

func TestForCamera(t *testing.T) {
	cams, inst := Fixture()
	a := chain.ForCamera(inst, cams[2], day("2026-01-01"))
	if len(a.Analytics) != 1 || a.Analytics[0].Ref != "SHAPE2" || len(a.Flows) != 1 || a.Flows[0].Ref != "F1" {
		t.Errorf("camera c: %+v", a)
	}
}
