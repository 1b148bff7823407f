package httpapi_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// BenchmarkCamerasBBox answers district-sized bbox queries over 20,000
// cameras spread over a city (about 100 per answer).
func BenchmarkCamerasBBox(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(1, 2))
	cams := make([]clairvoie.Camera, 20000)
	for i := range cams {
		h, cost := 6.0, 30000.0
		cams[i] = clairvoie.Camera{SourceRef: fmt.Sprint(i), Location: orb.Point{5.3 + 0.2*r.Float64(), 43.2 + 0.15*r.Float64()},
			Status: clairvoie.StatusActive, Type: clairvoie.CameraDome, Mount: clairvoie.MountPole, Height: &h, InstallCost: &cost,
			Operator: "Ville", OperatorType: clairvoie.OperatorPublic, Zone: "town", RetentionDays: 10,
			Purposes: []clairvoie.Purpose{1, 5}, Arrondissement: "13201", Commune: "13055"}
	}
	svc := sqlite.NewCameraService(db)
	if _, err := svc.ImportCameras(ctx, clairvoie.Source{Name: "b", Licence: "x"}, clairvoie.CamerasOf(cams), clairvoie.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	h := (&httpapi.Server{Cameras: svc}).Handler()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lon, lat := 5.3+0.18*r.Float64(), 43.2+0.13*r.Float64()
		req := httptest.NewRequest("GET", fmt.Sprintf("/api/cameras?bbox=%f,%f,%f,%f", lon, lat, lon+0.02, lat+0.015), nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkMetricsCost: one small answer (GET /api/cameras/{id}) with the
// per-request metering and without; bench/metrics.sh prints the ratio.
func BenchmarkMetricsCost(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "m.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	svc := sqlite.NewCameraService(db)
	cams := make([]clairvoie.Camera, 100)
	for i := range cams {
		cams[i] = clairvoie.Camera{SourceRef: fmt.Sprint(i), Location: orb.Point{5.3 + float64(i)/1000, 43.3}, Status: clairvoie.StatusActive, RetentionDays: 10}
	}
	if _, err := svc.ImportCameras(ctx, clairvoie.Source{Name: "b", Licence: "x"}, clairvoie.CamerasOf(cams), clairvoie.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	for _, off := range []bool{true, false} {
		name := "metrics=on"
		if off {
			name = "metrics=off"
		}
		b.Run(name, func(b *testing.B) {
			h := (&httpapi.Server{Cameras: svc, NoMetrics: off, Logger: slog.New(slog.DiscardHandler)}).Handler()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest("GET", fmt.Sprintf("/api/cameras/%d", 1+i%100), nil)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
