package httpapi_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// The answer cache of /api/cameras: the same query gets the same answer,
// gzipped or not, and a write to the registry — here by another connection,
// as a 'clairvoie import' in another process would — is seen at once.
func TestCamerasAnswerCache(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	other, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	src := clairvoie.Source{Name: "ville", Licence: "etalab-2.0"}
	one := func(lon float64) clairvoie.CameraSeq {
		return clairvoie.CamerasOf([]clairvoie.Camera{{SourceRef: "A", Location: orb.Point{lon, 43.3}, Status: clairvoie.StatusActive}})
	}
	if _, err := sqlite.NewCameraService(db).ImportCameras(ctx, src, one(5.371), clairvoie.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), Now: func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	fetch := func(gz bool) string {
		t.Helper()
		req, _ := http.NewRequest("GET", ts.URL+"/api/cameras?bbox=5.3,43.2,5.5,43.4&status=active", nil)
		tr := &http.Transport{DisableCompression: true}
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		res, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var r io.Reader = res.Body
		if gz {
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("asked for gzip, got %q", res.Header.Get("Content-Encoding"))
			}
			if r, err = gzip.NewReader(res.Body); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := io.ReadAll(r)
		if res.StatusCode != 200 || res.Header.Get("X-Total-Count") != "1" {
			t.Fatalf("%d, total %q: %s", res.StatusCode, res.Header.Get("X-Total-Count"), b)
		}
		return string(b)
	}
	first := fetch(true)
	if again, plain := fetch(true), fetch(false); again != first || plain != first {
		t.Fatalf("the same query gave different answers:\n%s\n%s\n%s", first, again, plain)
	}
	if !strings.Contains(first, "5.371") {
		t.Fatalf("first answer: %s", first)
	}
	// Another connection moves the camera: the next answer shows it.
	if _, err := sqlite.NewCameraService(other).ImportCameras(ctx, src, one(5.372), clairvoie.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if moved := fetch(true); !strings.Contains(moved, "5.372") || strings.Contains(moved, "5.371") {
		t.Fatalf("after the camera moved, the answer is stale: %s", moved)
	}
}
