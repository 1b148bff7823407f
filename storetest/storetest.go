// Package storetest is the conformance suite every clairvoie store runs:
// the same specification for SQLite today and PostgreSQL tomorrow, so that
// callers never depend on which one they talk to.
package storetest

import (
	"context"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// Stores are the services a store provides, opened fresh for each test.
type Stores struct {
	Cameras  clairvoie.CameraService
	Areas    clairvoie.AreaService
	Usage    clairvoie.UsageService
	Conduits clairvoie.ConduitService
	Access   clairvoie.AccessService
	Events   clairvoie.EventService
	Outcomes clairvoie.OutcomeService
	Days     clairvoie.DayService
	// Installation is the installation's declaration.
	Installation clairvoie.InstallationService
	Settings     clairvoie.SettingsService
	Feeds        clairvoie.FeedService
}

// Opener opens an empty workspace for one test; cleanup is the opener's.
type Opener func(t *testing.T) Stores

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	t.Run("ImportInsertsThenUpdates", func(t *testing.T) { testImportInsertsThenUpdates(t, open(t)) })
	t.Run("ImportIsAllOrNothing", func(t *testing.T) { testImportAllOrNothing(t, open(t)) })
	t.Run("ImportPrune", func(t *testing.T) { testImportPrune(t, open(t)) })
	t.Run("RegistryVersion", func(t *testing.T) { testRegistryVersion(t, open(t)) })
	t.Run("FindFilters", func(t *testing.T) { testFindFilters(t, open(t)) })
	t.Run("FindByIDNotFound", func(t *testing.T) { testFindByIDNotFound(t, open(t)) })
	t.Run("RoundTripFacts", func(t *testing.T) { testRoundTripFacts(t, open(t)) })
	t.Run("Areas", func(t *testing.T) { testAreas(t, open(t)) })
	t.Run("Usage", func(t *testing.T) { testUsage(t, open(t)) })
	t.Run("Conduits", func(t *testing.T) { testConduits(t, open(t)) })
	t.Run("Access", func(t *testing.T) { testAccess(t, open(t)) })
	t.Run("Events", func(t *testing.T) { testEvents(t, open(t)) })
	t.Run("Outcomes", func(t *testing.T) { testOutcomes(t, open(t)) })
	t.Run("Settings", func(t *testing.T) { testSettings(t, open(t)) })
	t.Run("Feeds", func(t *testing.T) { testFeeds(t, open(t)) })
	t.Run("Installation", func(t *testing.T) { testInstallation(t, open(t)) })
	t.Run("Copy", func(t *testing.T) { testCopy(t, open(t)) })
}

var ctx = context.Background()

func cam(ref string, lon, lat float64) clairvoie.Camera {
	return clairvoie.Camera{SourceRef: ref, Location: orb.Point{lon, lat}, Status: clairvoie.StatusActive}
}

func src(name string) clairvoie.Source {
	return clairvoie.Source{Name: name, Format: "csv", Licence: "etalab-2.0"}
}

func mustImport(t *testing.T, s clairvoie.CameraService, source clairvoie.Source, cams []clairvoie.Camera, opts clairvoie.ImportOptions) clairvoie.ImportResult {
	t.Helper()
	res, err := s.ImportCameras(ctx, source, clairvoie.CamerasOf(cams), opts)
	if err != nil {
		t.Fatalf("ImportCameras(%s): %v", source.Name, err)
	}
	return res
}

func count(t *testing.T, s clairvoie.CameraService, f clairvoie.CameraFilter) int {
	t.Helper()
	cams, total, err := s.FindCameras(ctx, f)
	if err != nil {
		t.Fatalf("FindCameras(%+v): %v", f, err)
	}
	if f.Limit == 0 && f.Offset == 0 && len(cams) != total {
		t.Fatalf("FindCameras(%+v): got %d cameras but total %d", f, len(cams), total)
	}
	return total
}

func testImportInsertsThenUpdates(t *testing.T, st Stores) {
	a, b := cam("1", 5.37, 43.29), cam("2", 5.38, 43.30)
	res := mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{a, b}, clairvoie.ImportOptions{})
	if res.Inserted != 2 || res.Imported != 2 {
		t.Fatalf("first import: got %+v, want 2 inserted", res)
	}
	b.Operator = "Ville de Marseille"
	res = mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{a, b}, clairvoie.ImportOptions{})
	if res.Inserted != 0 || res.Updated != 1 || res.Unchanged != 1 {
		t.Fatalf("re-import: got %+v, want 1 updated and 1 unchanged", res)
	}
	if n := count(t, st.Cameras, clairvoie.CameraFilter{}); n != 2 {
		t.Fatalf("after re-import: got %d cameras, want 2 (no duplicates)", n)
	}
	// Another source may hold the same reference.
	mustImport(t, st.Cameras, src("osm"), []clairvoie.Camera{a}, clairvoie.ImportOptions{})
	if n := count(t, st.Cameras, clairvoie.CameraFilter{}); n != 3 {
		t.Fatalf("after second source: got %d cameras, want 3", n)
	}
	srcs, err := st.Cameras.FindSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 || srcs[0].Name != "city" || srcs[0].Cameras != 2 || srcs[1].Cameras != 1 {
		t.Fatalf("FindSources: got %+v", srcs)
	}
	// A review file used by an import is in the source's provenance, and a
	// re-import without one clears it.
	reviewed := src("city")
	reviewed.Review = &clairvoie.SourceReview{File: "review.txt", SHA256: "ab12", Values: 3}
	mustImport(t, st.Cameras, reviewed, []clairvoie.Camera{a, b}, clairvoie.ImportOptions{})
	if srcs, _ := st.Cameras.FindSources(ctx); srcs[0].Review == nil || *srcs[0].Review != *reviewed.Review {
		t.Fatalf("FindSources after a reviewed import: got %+v, want the review %+v", srcs[0].Review, reviewed.Review)
	}
	mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{a, b}, clairvoie.ImportOptions{})
	if srcs, _ := st.Cameras.FindSources(ctx); srcs[0].Review != nil {
		t.Fatalf("FindSources after a plain re-import: got review %+v, want none", srcs[0].Review)
	}
}

func testImportAllOrNothing(t *testing.T, st Stores) {
	mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("1", 5.37, 43.29)}, clairvoie.ImportOptions{})
	cases := map[string][]clairvoie.Camera{
		"duplicate ref": {cam("2", 5, 43), cam("2", 5.1, 43.1)},
		"no ref":        {cam("3", 5, 43), cam("", 5, 43)},
		"bad latitude":  {cam("4", 5, 43), cam("5", 5, 91)},
		"bad longitude": {cam("6", 181, 43)},
		"bad status":    {{SourceRef: "7", Location: orb.Point{5, 43}, Status: "broken"}},
	}
	for name, cams := range cases {
		_, err := st.Cameras.ImportCameras(ctx, src("city"), clairvoie.CamerasOf(cams), clairvoie.ImportOptions{Prune: true})
		if clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("%s: got error %v, want code %s", name, err, clairvoie.EINVALID)
		}
		if n := count(t, st.Cameras, clairvoie.CameraFilter{}); n != 1 {
			t.Errorf("%s: got %d cameras after a refused import, want 1 (unchanged)", name, n)
		}
	}
	if _, err := st.Cameras.ImportCameras(ctx, clairvoie.Source{Name: "x", Format: "csv"}, clairvoie.CamerasOf(nil), clairvoie.ImportOptions{}); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("source without licence: got %v, want %s", err, clairvoie.EINVALID)
	}
}

func testImportPrune(t *testing.T, st Stores) {
	mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("1", 5, 43), cam("2", 5, 43)}, clairvoie.ImportOptions{})
	res := mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("1", 5, 43)}, clairvoie.ImportOptions{})
	if res.Stale != 1 || count(t, st.Cameras, clairvoie.CameraFilter{}) != 2 {
		t.Fatalf("without prune: got %+v, want 1 stale kept", res)
	}
	res = mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("1", 5, 43)}, clairvoie.ImportOptions{Prune: true})
	if res.Pruned != 1 || count(t, st.Cameras, clairvoie.CameraFilter{}) != 1 {
		t.Fatalf("with prune: got %+v, want 1 pruned", res)
	}
}

// The registry's version moves with every write of cameras or sources —
// a new camera, a moved one, a pruned one, a failed import does not — and
// stays put while only reading.
func testRegistryVersion(t *testing.T, st Stores) {
	version := func() int64 {
		t.Helper()
		v, err := st.Cameras.RegistryVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version()
	mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("1", 5, 43), cam("2", 5, 43)}, clairvoie.ImportOptions{})
	v1 := version()
	if v1 == v0 {
		t.Fatalf("version %d unchanged by an import", v1)
	}
	st.Cameras.FindCameras(ctx, clairvoie.CameraFilter{})
	st.Cameras.FindSources(ctx)
	if v := version(); v != v1 {
		t.Fatalf("version moved from %d to %d on reads", v1, v)
	}
	mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("1", 5.001, 43), cam("2", 5, 43)}, clairvoie.ImportOptions{})
	v2 := version()
	if v2 == v1 {
		t.Fatalf("version %d unchanged by a moved camera", v2)
	}
	bad := []clairvoie.Camera{cam("3", 5, 43), cam("3", 5, 43)} // a repeated reference: refused whole
	if _, err := st.Cameras.ImportCameras(ctx, src("city"), clairvoie.CamerasOf(bad), clairvoie.ImportOptions{}); err == nil {
		t.Fatal("a repeated reference was accepted")
	}
	if v := version(); v != v2 {
		t.Fatalf("version moved from %d to %d by a refused import", v2, v)
	}
	mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("1", 5.001, 43)}, clairvoie.ImportOptions{Prune: true})
	if v := version(); v == v2 {
		t.Fatalf("version %d unchanged by a prune", v)
	}
}

func testFindFilters(t *testing.T, st Stores) {
	var cams []clairvoie.Camera
	for i := 0; i < 10; i++ {
		c := cam(string(rune('a'+i)), 5+float64(i)*0.01, 43+float64(i)*0.01)
		if i%2 == 0 {
			c.OperatorType = clairvoie.OperatorPublic
			c.Arrondissement = "13201"
		} else {
			c.OperatorType = clairvoie.OperatorPrivate
			c.Status = clairvoie.StatusRemoved
		}
		c.Zone = "town"
		cams = append(cams, c)
	}
	mustImport(t, st.Cameras, src("city"), cams, clairvoie.ImportOptions{})
	bbox := orb.Bound{Min: orb.Point{5.015, 43.015}, Max: orb.Point{5.045, 43.045}} // i = 2, 3, 4
	for _, tc := range []struct {
		name string
		f    clairvoie.CameraFilter
		want int
	}{
		{"all", clairvoie.CameraFilter{}, 10},
		{"bbox", clairvoie.CameraFilter{BBox: &bbox}, 3},
		{"bbox and public", clairvoie.CameraFilter{BBox: &bbox, OperatorType: clairvoie.OperatorPublic}, 2},
		{"status", clairvoie.CameraFilter{Status: []clairvoie.Status{clairvoie.StatusRemoved}}, 5},
		{"arrondissement", clairvoie.CameraFilter{Arrondissement: "13201"}, 5},
		{"zone", clairvoie.CameraFilter{Zone: "town"}, 10},
		{"source", clairvoie.CameraFilter{Source: "nope"}, 0},
	} {
		if got := count(t, st.Cameras, tc.f); got != tc.want {
			t.Errorf("%s: got %d cameras, want %d", tc.name, got, tc.want)
		}
	}
	page, total, err := st.Cameras.FindCameras(ctx, clairvoie.CameraFilter{Limit: 3, Offset: 8})
	if err != nil || total != 10 || len(page) != 2 || page[0].SourceRef != "i" {
		t.Fatalf("page: got %d cameras (first %v), total %d, err %v; want 2 from i, total 10", len(page), page, total, err)
	}
}

func testFindByIDNotFound(t *testing.T, st Stores) {
	_, err := st.Cameras.FindCameraByID(ctx, 424242)
	if clairvoie.ErrorCode(err) != clairvoie.ENOTFOUND {
		t.Fatalf("got %v, want code %s", err, clairvoie.ENOTFOUND)
	}
}

func testRoundTripFacts(t *testing.T, st Stores) {
	yes := true
	h, cost := 6.5, 31000.0
	c := cam("full", 5.3698, 43.2965)
	c.Type, c.Mount, c.Zone = clairvoie.CameraDome, clairvoie.MountPole, "town"
	c.Direction = &clairvoie.Direction{Degrees: 90, FOV: 60}
	c.Height, c.InstallCost = &h, &cost
	c.Purposes = []clairvoie.Purpose{clairvoie.PurposePublicBuildings, clairvoie.PurposeAssaultTheftDrugs}
	c.RetentionDays = 10
	c.Signage = clairvoie.Signage{Present: &yes, CheckedOn: clairvoie.NewDate(2024, 3, 1)}
	c.Authorisation = clairvoie.Authorisation{Ref: "AP-2021-17", Date: clairvoie.NewDate(2021, 6, 1), Expires: clairvoie.NewDate(2026, 6, 1), RetentionDays: 15}
	c.Extra = map[string]string{"survey:source": "terrain"}
	source := src("city")
	source.Synthetic = true
	mustImport(t, st.Cameras, source, []clairvoie.Camera{c}, clairvoie.ImportOptions{})
	got, _, err := st.Cameras.FindCameras(ctx, clairvoie.CameraFilter{})
	if err != nil || len(got) != 1 {
		t.Fatalf("FindCameras: %v, %d cameras", err, len(got))
	}
	g := got[0]
	if !g.Synthetic {
		t.Errorf("a camera of a synthetic source must be labelled synthetic")
	}
	want := c.Tags()
	want[clairvoie.KeySynthetic] = "yes"
	gt := g.Tags()
	if len(gt) != len(want) {
		t.Errorf("tags: got %v, want %v", gt, want)
	}
	for k, v := range want {
		if gt[k] != v {
			t.Errorf("tag %s: got %q, want %q", k, gt[k], v)
		}
	}
	if g.Provenance.Source != "city" || g.Provenance.Licence != "etalab-2.0" || g.Provenance.SourceRef != "full" || g.Provenance.ImportedAt.IsZero() {
		t.Errorf("provenance: got %+v", g.Provenance)
	}
	byID, err := st.Cameras.FindCameraByID(ctx, g.ID)
	if err != nil || byID.SourceRef != "full" {
		t.Errorf("FindCameraByID(%d): got %v, %v", g.ID, byID, err)
	}
}

func testAreas(t *testing.T, st Stores) {
	sq := orb.Polygon{{{5, 43}, {5.1, 43}, {5.1, 43.1}, {5, 43.1}, {5, 43}}}
	areas := []clairvoie.Area{
		{Kind: clairvoie.AreaArrondissement, Code: "13201", Name: "1er", Population: 40000, Geometry: sq},
		{Kind: clairvoie.AreaArrondissement, Code: "13202", Name: "2e", Geometry: orb.MultiPolygon{sq}},
	}
	if err := st.Areas.ReplaceAreas(ctx, clairvoie.AreaArrondissement, areas); err != nil {
		t.Fatal(err)
	}
	if err := st.Areas.ReplaceAreas(ctx, clairvoie.AreaArrondissement, areas[:1]); err != nil {
		t.Fatal(err)
	}
	got, err := st.Areas.FindAreas(ctx, clairvoie.AreaArrondissement)
	if err != nil || len(got) != 1 || got[0].Population != 40000 || got[0].Geometry.GeoJSONType() != "Polygon" {
		t.Fatalf("FindAreas: got %+v, %v; want the one 1er after replace", got, err)
	}
	bad := []clairvoie.Area{{Kind: clairvoie.AreaQuartier, Code: "x", Geometry: sq}}
	if err := st.Areas.ReplaceAreas(ctx, clairvoie.AreaArrondissement, bad); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Fatalf("wrong kind: got %v, want %s", err, clairvoie.EINVALID)
	}
	if got, _ := st.Areas.FindAreas(ctx, ""); len(got) != 1 {
		t.Fatalf("a refused replace must change nothing: got %d areas, want 1", len(got))
	}
}

func testUsage(t *testing.T, st Stores) {
	mustImport(t, st.Cameras, src("city"), []clairvoie.Camera{cam("a", 5, 43), cam("b", 5.1, 43.1)}, clairvoie.ImportOptions{})
	cams, _, _ := st.Cameras.FindCameras(ctx, clairvoie.CameraFilter{})
	a, b := cams[0].ID, cams[1].ID
	rows := []clairvoie.UsageMonth{
		{CameraID: a, Month: "2022-01", Requisitions: 3, Extractions: 2, Decisive: 1, DowntimeHours: 5},
		{CameraID: a, Month: "2022-02", Requisitions: 1},
		{CameraID: b, Month: "2022-01", Interventions: 4},
	}
	res, err := st.Usage.ImportUsage(ctx, rows)
	if err != nil || res.Inserted != 3 {
		t.Fatalf("ImportUsage: %+v, %v", res, err)
	}
	rows[1].Requisitions = 2
	res, err = st.Usage.ImportUsage(ctx, rows[1:2])
	if err != nil || res.Updated != 1 || res.Inserted != 0 {
		t.Fatalf("re-import: %+v, %v; want 1 updated", res, err)
	}
	got, err := st.Usage.FindUsage(ctx, clairvoie.UsageFilter{CameraIDs: []int64{a}, From: "2022-02"})
	if err != nil || len(got) != 1 || got[0].Requisitions != 2 {
		t.Fatalf("FindUsage: %+v, %v", got, err)
	}
	all, _ := st.Usage.FindUsage(ctx, clairvoie.UsageFilter{})
	// The sums are those of the months, camera by camera, under a filter too.
	for _, f := range []clairvoie.UsageFilter{{}, {From: "2022-02"}, {CameraIDs: []int64{b}}} {
		months, _ := st.Usage.FindUsage(ctx, f)
		want := map[int64]clairvoie.UsageTotal{}
		for _, u := range months {
			w := want[u.CameraID]
			w.CameraID = u.CameraID
			w.Months++
			w.Requisitions += u.Requisitions
			w.Extractions += u.Extractions
			w.Decisive += u.Decisive
			w.Interventions += u.Interventions
			w.DowntimeHours += u.DowntimeHours
			w.Vandalism += u.Vandalism
			want[u.CameraID] = w
		}
		sums, err := st.Usage.SumUsage(ctx, f)
		if err != nil || len(sums) != len(want) || len(sums) == 0 {
			t.Fatalf("SumUsage(%+v): %+v, %v; want %+v", f, sums, err, want)
		}
		for i, got := range sums {
			if got != want[got.CameraID] || (i > 0 && sums[i-1].CameraID >= got.CameraID) {
				t.Errorf("SumUsage(%+v): %+v, want %+v, by camera", f, got, want[got.CameraID])
			}
		}
	}
	if sums, _ := st.Usage.SumUsage(ctx, clairvoie.UsageFilter{}); sums[0].Requisitions != 5 || sums[0].DowntimeHours != 5 || sums[0].Months != 2 {
		t.Errorf("SumUsage: camera a %+v, want 2 months, 5 requisitions, 5 h down", sums[0])
	}
	for name, bad := range map[string][]clairvoie.UsageMonth{
		"unknown camera":   {{CameraID: 999, Month: "2022-01"}},
		"negative":         {{CameraID: a, Month: "2022-03", Requisitions: -1}},
		"decisive > extr.": {{CameraID: a, Month: "2022-03", Extractions: 1, Decisive: 2}},
		"bad month":        {{CameraID: a, Month: "2022-13"}},
		"duplicate":        {{CameraID: b, Month: "2022-03"}, {CameraID: b, Month: "2022-03"}},
	} {
		if _, err := st.Usage.ImportUsage(ctx, append([]clairvoie.UsageMonth{{CameraID: b, Month: "2023-01"}}, bad...)); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("%s: got %v, want %s", name, err, clairvoie.EINVALID)
		}
	}
	if after, _ := st.Usage.FindUsage(ctx, clairvoie.UsageFilter{}); len(after) != len(all) {
		t.Errorf("a refused usage import changed the ledger: %d → %d months", len(all), len(after))
	}
	// A camera with usage cannot be pruned away.
	_, err = st.Cameras.ImportCameras(ctx, src("city"), clairvoie.CamerasOf([]clairvoie.Camera{cam("b", 5.1, 43.1)}), clairvoie.ImportOptions{Prune: true})
	if clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("prune of a camera with usage: got %v, want %s", err, clairvoie.EINVALID)
	}
}

func testConduits(t *testing.T, st Stores) {
	line := orb.LineString{{5, 43}, {5.01, 43}}
	cs := []clairvoie.Conduit{
		{Ref: "a", Line: line, LengthM: 800, CityShare: 0.5, DuctsUsed: 1, Cameras: []string{"c1", "c2"}, Synthetic: true},
		{Ref: "b", Line: line, LengthM: 800, CityShare: 1, DuctsFree: 2},
	}
	if err := st.Conduits.ReplaceConduits(ctx, "net", cs); err != nil {
		t.Fatal(err)
	}
	got, err := st.Conduits.FindConduits(ctx)
	if err != nil || len(got) != 2 || got[0].Ref != "a" || got[0].Source != "net" || len(got[0].Cameras) != 2 || !got[0].Synthetic || got[1].DuctsFree != 2 || len(got[1].Line) != 2 {
		t.Fatalf("FindConduits: %+v, %v", got, err)
	}
	for name, bad := range map[string][]clairvoie.Conduit{
		"no ref":    {{Line: line}},
		"twice":     {{Ref: "x", Line: line}, {Ref: "x", Line: line}},
		"one point": {{Ref: "y", Line: line[:1]}},
		"share":     {{Ref: "z", Line: line, CityShare: 2}},
	} {
		if err := st.Conduits.ReplaceConduits(ctx, "net", bad); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("%s: got %v, want %s", name, err, clairvoie.EINVALID)
		}
	}
	if after, _ := st.Conduits.FindConduits(ctx); len(after) != 2 {
		t.Errorf("a refused replace changed the network: %d conduits", len(after))
	}
	if err := st.Conduits.ReplaceConduits(ctx, "net", cs[1:]); err != nil {
		t.Fatal(err)
	}
	if after, _ := st.Conduits.FindConduits(ctx); len(after) != 1 {
		t.Errorf("replace keeps only the new conduits: got %d", len(after))
	}
}
