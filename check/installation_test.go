package check_test

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
)

func day(s string) clairvoie.Date {
	d, err := clairvoie.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// declaration is a small installation with one item for each finding and
// one clean item of each part.
func declaration() *clairvoie.Installation {
	some := clairvoie.CameraSet{Refs: []string{"a", "b"}}
	all := clairvoie.CameraSet{All: true}
	return &clairvoie.Installation{
		Systems: []clairvoie.System{
			{Ref: "VMS", Kind: clairvoie.SystemVMS, Supplier: "Éditeur A", Product: "Vision", Licence: "proprietary", Hosting: "on_premises", Country: "FR"},
			{Ref: "CLOUD", Kind: clairvoie.SystemRecorder, Supplier: "Nuage B", Product: "Store", Licence: "proprietary", Hosting: "cloud", Country: "US"},
			{Ref: "CLOUD2", Kind: clairvoie.SystemRecorder, Supplier: "Nuage C", Product: "Store", Licence: "proprietary", Hosting: "cloud", Country: "US", TransferBasis: "gdpr-45-adequacy"},
		},
		Analytics: []clairvoie.Analytic{
			{Ref: "MOTION", System: "VMS", Kind: clairvoie.AnalyticMotion, Cameras: all, From: day("2015-01-01"), LegalBasis: "csi-l251-2"},
			{Ref: "FACE", System: "VMS", Kind: clairvoie.AnalyticFace, Cameras: some, From: day("2020-01-01"), To: day("2020-06-30"), LegalBasis: "csi-l251-2"},
			{Ref: "SHAPE", System: "VMS", Kind: clairvoie.AnalyticShapeColour, Cameras: all, From: day("2019-01-01"), LegalBasis: "csi-l251-2"},
			{Ref: "NOBASIS", System: "VMS", Kind: clairvoie.AnalyticTracking, Cameras: some, From: day("2021-01-01")},
			{Ref: "JOP", System: "VMS", Kind: clairvoie.AnalyticCrowd, Cameras: some, From: day("2024-04-01"), LegalBasis: "loi-2023-380-art10"},
			{Ref: "JOP-ENDED", System: "VMS", Kind: clairvoie.AnalyticCrowd, Cameras: some, From: day("2024-04-01"), To: day("2025-03-31"), LegalBasis: "loi-2023-380-art10"},
			{Ref: "LATER", System: "VMS", Kind: clairvoie.AnalyticFace, Cameras: some, From: day("2030-01-01"), LegalBasis: "x"},
		},
		Flows: []clairvoie.Flow{
			{Ref: "POLICE", Recipient: "DDSP13", Country: "FR", Type: clairvoie.FlowExport, Cameras: all, Convention: "CONV-1", From: day("2015-01-01"), LegalBasis: "cpp-77-1-1"},
			{Ref: "RTM", Recipient: "RTM", Country: "FR", Type: clairvoie.FlowLive, Cameras: some, From: day("2018-01-01")},
			{Ref: "OLD", Recipient: "SECU", Country: "FR", Type: clairvoie.FlowRecorded, Cameras: some, Convention: "CONV-2", ConventionUntil: day("2022-12-31"), From: day("2020-01-01")},
			{Ref: "MAINT", Recipient: "EDITEUR-A", Country: "IL", Type: clairvoie.FlowRemoteMaintenance, Cameras: all, Convention: "CONV-3", From: day("2020-01-01")},
		},
	}
}

func TestInstallationFindings(t *testing.T) {
	cams := []*clairvoie.Camera{{ID: 1, SourceRef: "a", Status: clairvoie.StatusActive}, {ID: 2, SourceRef: "b", Status: clairvoie.StatusActive}}
	at := func(s string) time.Time {
		tt, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tt
	}
	register := []clairvoie.Receipt{
		{Index: 0, Entry: clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: at("2025-05-02T10:00:00Z"), Cameras: []string{"a"}, Recipient: "DDSP13"}},
		// Undeclared: no flow to this recipient.
		{Index: 1, Entry: clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: at("2025-05-03T10:00:00Z"), Cameras: []string{"a", "b"}, Recipient: "PRESSE"}},
		// Undeclared: the flow to RTM is live, not a hand-over of footage.
		{Index: 2, Entry: clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: at("2025-05-04T10:00:00Z"), Cameras: []string{"b"}, Recipient: "RTM"}},
		// Undeclared: before the flow to the police began (a day in Paris).
		{Index: 3, Entry: clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: at("2014-12-31T22:30:00Z"), Cameras: []string{"a"}, Recipient: "DDSP13"}},
		// Covered: 23:30 UTC on 31 December is 1 January in Paris.
		{Index: 4, Entry: clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: at("2014-12-31T23:30:00Z"), Cameras: []string{"a"}, Recipient: "DDSP13"}},
		{Index: 5, Entry: clairvoie.RegisterEntry{Kind: clairvoie.RegisterViewing, At: at("2025-05-04T10:00:00Z"), Cameras: []string{"b"}}},
	}
	rep := check.RunInput(check.Input{Cameras: cams, Register: register, Installation: declaration()}, check.Options{Today: day("2026-11-29")})
	got := map[string][]string{}
	for _, f := range rep.Findings {
		if f.Item != "" {
			got[f.Kind] = append(got[f.Kind], f.Item)
		}
	}
	want := map[string][]string{
		check.AnalyticsProhibited:    {"analytics/FACE"},
		check.AnalyticsWithoutBasis:  {"analytics/NOBASIS"},
		check.AnalyticsBasisExpired:  {"analytics/JOP"},
		check.AnalyticsOutsideBasis:  {"analytics/SHAPE"},
		check.FlowWithoutConvention:  {"flow/RTM"},
		check.FlowConventionExpired:  {"flow/OLD"},
		check.TransferOutsideEU:      {"flow/MAINT", "system/CLOUD"},
		check.TransmissionUndeclared: {"register/1", "register/2", "register/3"},
	}
	for k, w := range want {
		if b, _ := json.Marshal(got[k]); string(b) != mustJSON(w) {
			t.Errorf("%s: got %v, want %v", k, got[k], w)
		}
		if rep.Totals.ByKind[k] != len(w) {
			t.Errorf("totals.by_kind[%s] = %d, want %d", k, rep.Totals.ByKind[k], len(w))
		}
	}
	if len(got) != len(want) {
		t.Errorf("kinds found: %v", got)
	}
	if rep.Totals.Installation != 11 {
		t.Errorf("totals.installation = %d, want 11", rep.Totals.Installation)
	}

	// Without the register, transmissions are not checked, nor reported.
	rep = check.RunInput(check.Input{Cameras: cams, Installation: declaration()}, check.Options{Today: day("2026-11-29")})
	if _, ok := rep.Totals.ByKind[check.TransmissionUndeclared]; ok {
		t.Error("transmission_undeclared reported without a register")
	}
	if _, ok := rep.Totals.ByKind[check.AnalyticsProhibited]; !ok {
		t.Error("analytics_prohibited not reported with an installation")
	}
	// Without an installation, none of its kinds.
	rep = check.Run(cams, check.Options{Today: day("2026-11-29")})
	if _, ok := rep.Totals.ByKind[check.AnalyticsProhibited]; ok {
		t.Error("installation kinds reported without an installation")
	}
}

// TestTransmissionToUndeclaredRecipient is the letter's control of
// non-transmission in one case: declaring a flow to the recipient is what
// clears the finding.
func TestTransmissionToUndeclaredRecipient(t *testing.T) {
	e := clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Cameras: []string{"a"}, Recipient: "ASSUREUR-X"}
	in := check.Input{Cameras: []*clairvoie.Camera{{ID: 1, SourceRef: "a"}}, Register: []clairvoie.Receipt{{Entry: e, Index: 7}}, Installation: declaration()}
	rep := check.RunInput(in, check.Options{Today: day("2026-11-29")})
	if rep.Totals.ByKind[check.TransmissionUndeclared] != 1 {
		t.Fatalf("a transmission to an undeclared recipient was not found: %+v", rep.Totals.ByKind)
	}
	in.Installation.Flows = append(in.Installation.Flows, clairvoie.Flow{Ref: "X", Recipient: "ASSUREUR-X", Country: "FR", Type: clairvoie.FlowExport,
		Cameras: clairvoie.CameraSet{Refs: []string{"a"}}, Convention: "C", From: day("2026-01-01"), To: day("2026-03-01")})
	rep = check.RunInput(in, check.Options{Today: day("2026-11-29")})
	if rep.Totals.ByKind[check.TransmissionUndeclared] != 0 {
		t.Fatalf("a declared flow did not cover the transmission")
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// BenchmarkInstallationChecks checks a national-scale declaration: 50,000
// cameras, 500 analytics modules and 500 flows, against a register of
// 100,000 transmissions (the cost is in the transmissions).
func BenchmarkInstallationChecks(b *testing.B) {
	const nCams, nItems, nEntries = 50000, 500, 100000
	cams := make([]*clairvoie.Camera, nCams)
	ref := func(i int) string { return "C" + strconv.Itoa(i) }
	for i := range cams {
		cams[i] = &clairvoie.Camera{ID: int64(i + 1), SourceRef: ref(i), Status: clairvoie.StatusActive, Provenance: clairvoie.Provenance{Source: "ville"}}
	}
	inst := &clairvoie.Installation{}
	for i := 0; i < nItems; i++ {
		refs := []string{ref(i * 97 % nCams), ref(i * 89 % nCams), ref(i * 83 % nCams)}
		inst.Analytics = append(inst.Analytics, clairvoie.Analytic{Ref: "A" + strconv.Itoa(i), System: "S", Kind: clairvoie.AnalyticKinds[i%len(clairvoie.AnalyticKinds)],
			Cameras: clairvoie.CameraSet{Refs: refs}, From: day("2020-01-01"), LegalBasis: "csi-l251-2"})
		inst.Flows = append(inst.Flows, clairvoie.Flow{Ref: "F" + strconv.Itoa(i), Recipient: "R" + strconv.Itoa(i%50), Country: "FR", Type: clairvoie.FlowExport,
			Cameras: clairvoie.CameraSet{Refs: refs}, Convention: "C", From: day("2020-01-01")})
	}
	inst.Flows = append(inst.Flows, clairvoie.Flow{Ref: "ALL", Recipient: "tribunal", Country: "FR", Type: clairvoie.FlowExport, Cameras: clairvoie.CameraSet{Source: "ville"}, Convention: "C", From: day("2020-01-01")})
	reg := make([]clairvoie.Receipt, nEntries)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range reg {
		rcpt := "tribunal"
		if i%10 == 0 {
			rcpt = "R" + strconv.Itoa(i%60) // some undeclared
		}
		reg[i] = clairvoie.Receipt{Index: uint64(i), Entry: clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: at.Add(time.Duration(i) * time.Minute),
			Cameras: []string{ref(i % nCams)}, Recipient: rcpt}}
	}
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		rep := check.RunInput(check.Input{Cameras: cams, Register: reg, Installation: inst}, check.Options{Today: day("2026-01-01")})
		n = rep.Totals.Installation
	}
	b.ReportMetric(float64(nEntries)/(b.Elapsed().Seconds()/float64(b.N)), "transmissions/s")
	if n == 0 {
		b.Fatal("no finding")
	}
}
