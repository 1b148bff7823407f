package storetest

import (
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// A copy keeps each camera's id and import time and the source's; later
// imports number after the largest id; a record without an id is refused.
func testCopy(t *testing.T, st Stores) {
	stamp := time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)
	a, b := cam("A", 5.37, 43.29), cam("B", 5.38, 43.30)
	a.ID, b.ID = 205, 101
	a.Provenance.ImportedAt = stamp
	b.Provenance.ImportedAt = stamp.Add(time.Hour)
	s := src("ville")
	s.ImportedAt = stamp.Add(-time.Hour)
	mustImport(t, st.Cameras, s, []clairvoie.Camera{a, b}, clairvoie.ImportOptions{Copy: true})
	got, err := st.Cameras.FindCameraByID(ctx, 205)
	if err != nil || got.SourceRef != "A" || !got.Provenance.ImportedAt.Equal(stamp) {
		t.Fatalf("camera 205: %+v, %v", got, err)
	}
	if got, err := st.Cameras.FindCameraByID(ctx, 101); err != nil || got.SourceRef != "B" || !got.Provenance.ImportedAt.Equal(stamp.Add(time.Hour)) {
		t.Fatalf("camera 101: %+v, %v", got, err)
	}
	srcs, _ := st.Cameras.FindSources(ctx)
	if len(srcs) != 1 || !srcs[0].ImportedAt.Equal(stamp.Add(-time.Hour)) {
		t.Errorf("source %+v", srcs)
	}
	// The bounding box finds copied cameras too (the spatial index follows).
	if in, _, _ := st.Cameras.FindCameras(ctx, clairvoie.CameraFilter{BBox: &orb.Bound{Min: orb.Point{5.375, 43.295}, Max: orb.Point{5.385, 43.305}}}); len(in) != 1 || in[0].ID != 101 {
		t.Errorf("bbox after a copy: %+v", in)
	}
	mustImport(t, st.Cameras, src("osm"), []clairvoie.Camera{cam("n1", 5.39, 43.31)}, clairvoie.ImportOptions{})
	if all, _, _ := st.Cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: "osm"}); len(all) != 1 || all[0].ID <= 205 {
		t.Errorf("after a copy, a new camera is numbered %+v", all)
	}
	if _, err := st.Cameras.ImportCameras(ctx, src("x"), clairvoie.CamerasOf([]clairvoie.Camera{cam("C", 5, 43)}), clairvoie.ImportOptions{Copy: true}); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("a copy without ids: %v", err)
	}
}
