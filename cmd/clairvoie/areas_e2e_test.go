package main_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// Boundaries loaded with 'areas import' place the cameras imported after
// them; a bad file is refused naming the feature and the field, and the
// areas held stay as they were.
func TestAreasImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	communes := filepath.Join(dir, "communes.geojson")
	writeFile(t, communes, `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"code":"00001","nom":"Commune synthétique 1","population":1200},
  "geometry":{"type":"Polygon","coordinates":[[[5.0,43.0],[5.1,43.0],[5.1,43.1],[5.0,43.1],[5.0,43.0]]]}},
 {"type":"Feature","properties":{"code":"00002","nom":"Commune synthétique 2","population":800},
  "geometry":{"type":"Polygon","coordinates":[[[5.1,43.0],[5.2,43.0],[5.2,43.1],[5.1,43.1],[5.1,43.0]]]}}]}`)
	var res struct {
		Kind       string
		Areas      int
		Population int
	}
	decode(t, mustRun(t, "areas", "import", "--db", db, "--kind", "commune", communes, "--json").stdout, &res)
	if res.Kind != "commune" || res.Areas != 2 || res.Population != 2000 {
		t.Fatalf("areas import: %+v", res)
	}
	cams := filepath.Join(dir, "c.csv")
	writeFile(t, cams, "ref,lat,lon\nA,43.05,5.05\nB,43.05,5.15\nC,44,6\n")
	mustRun(t, "import", "--db", db, "--source", "city", cams)
	out := mustRun(t, "export", "--db", db, "--source", "city", "--format", "csv").stdout
	for _, want := range []string{"00001", "00002"} {
		if !strings.Contains(out, want) {
			t.Errorf("no camera placed in commune %s:\n%s", want, out)
		}
	}
	bad := filepath.Join(dir, "bad.geojson")
	writeFile(t, bad, `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"code":"00003"},"geometry":{"type":"Polygon","coordinates":[[[5,43],[5.1,43],[5.1,43.1],[5,43]]]}},
 {"type":"Feature","properties":{"code":"00004","population":"many"},"geometry":{"type":"Polygon","coordinates":[[[5,43],[5.1,43],[5.1,43.1],[5,43]]]}}]}`)
	if r := run(t, "areas", "import", "--db", db, "--kind", "commune", bad); r.code != 1 || !strings.Contains(r.stderr, "bad.geojson") ||
		!strings.Contains(r.stderr, "2") || !strings.Contains(r.stderr, "population") {
		t.Errorf("bad file: exit %d, %q", r.code, r.stderr)
	}
	var list []struct {
		Kind  string
		Areas int
	}
	decode(t, mustRun(t, "areas", "list", "--db", db, "--json").stdout, &list)
	if len(list) != 1 || list[0].Areas != 2 {
		t.Errorf("after a refused import: %+v, want the 2 communes", list)
	}
	if r := run(t, "areas", "import", "--db", db, communes); r.code != 2 {
		t.Errorf("without --kind: exit %d, want 2", r.code)
	}
}
