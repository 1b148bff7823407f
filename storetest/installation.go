package storetest

import (
	"reflect"
	"testing"

	"github.com/clairvoie/clairvoie"
)

func testInstallation(t *testing.T, st Stores) {
	s := st.Installation
	day := func(v string) clairvoie.Date {
		d, err := clairvoie.ParseDate(v)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	in := &clairvoie.Installation{
		Systems: []clairvoie.System{{Ref: "VMS", Kind: clairvoie.SystemVMS, Supplier: "Éditeur A", Product: "Vision", Version: "7.2",
			Licence: "proprietary", Hosting: "on_premises", Country: "FR", ContractRef: "2019VP001", Synthetic: true}},
		Analytics: []clairvoie.Analytic{{Ref: "SHAPE", System: "VMS", Kind: clairvoie.AnalyticShapeColour,
			Cameras: clairvoie.CameraSet{All: true}, From: day("2019-05-01"), LegalBasis: "csi-l251-2"}},
		Flows: []clairvoie.Flow{{Ref: "POLICE", Recipient: "DDSP13", Country: "FR", Type: clairvoie.FlowExport,
			Cameras: clairvoie.CameraSet{Refs: []string{"a", "b"}}, Convention: "C-1", ConventionUntil: day("2027-01-01"), From: day("2015-01-01")}},
		Contracts: []clairvoie.Contract{{Ref: "2019VP001", Buyer: "21130055300016", Object: "Vidéoprotection", CPV: "32323500-8",
			Notified: day("2019-03-14"), DurationMonths: 48, Amount: 1840000.5, Holders: []clairvoie.ContractHolder{{ID: "11122233300017", IDType: "SIRET", Name: "Intégrateur"}}}},
	}
	for _, p := range []clairvoie.InstallationPart{clairvoie.PartSystems, clairvoie.PartAnalytics, clairvoie.PartFlows, clairvoie.PartContracts} {
		if err := s.ReplaceInstallation(ctx, "ville", p, in); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	got, err := s.FindInstallation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := *in
	want.Systems[0].Source, want.Analytics[0].Source, want.Flows[0].Source, want.Contracts[0].Source = "ville", "ville", "ville", "ville"
	if !reflect.DeepEqual(*got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", *got, want)
	}
	// A replacement is whole, per part and source; another source's items stay.
	other := &clairvoie.Installation{Flows: []clairvoie.Flow{{Ref: "RTM", Recipient: "RTM", Country: "FR", Type: clairvoie.FlowLive,
		Cameras: clairvoie.CameraSet{All: true}, From: day("2018-01-01")}}}
	if err := s.ReplaceInstallation(ctx, "transport", clairvoie.PartFlows, other); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceInstallation(ctx, "ville", clairvoie.PartFlows, &clairvoie.Installation{}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindInstallation(ctx)
	if len(got.Flows) != 1 || got.Flows[0].Ref != "RTM" || len(got.Systems) != 1 {
		t.Fatalf("after replacing ville's flows with none: %+v", got)
	}
	// All or nothing: one bad item writes nothing.
	bad := &clairvoie.Installation{Analytics: []clairvoie.Analytic{in.Analytics[0], {Ref: "X", System: "VMS", Kind: "telepathy",
		Cameras: clairvoie.CameraSet{All: true}, From: day("2020-01-01")}}}
	if err := s.ReplaceInstallation(ctx, "ville", clairvoie.PartAnalytics, bad); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Fatalf("an unknown kind: %v", err)
	}
	got, _ = s.FindInstallation(ctx)
	if len(got.Analytics) != 1 {
		t.Fatalf("a refused replacement changed the analytics: %+v", got.Analytics)
	}
}
