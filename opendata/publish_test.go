package opendata_test

import (
	"encoding/csv"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/opendata"
	"github.com/paulmach/orb"
)

func input() opendata.Input {
	yes := true
	cost := 31000.0
	city := &clairvoie.Camera{ID: 1, SourceRef: "C1", Location: orb.Point{5.37, 43.29}, Status: clairvoie.StatusActive, Synthetic: true,
		Type: clairvoie.CameraDome, Direction: &clairvoie.Direction{Degrees: 90, FOV: 60}, InstallCost: &cost, RetentionDays: 10,
		Purposes: []clairvoie.Purpose{1, 5}, Signage: clairvoie.Signage{Present: &yes}, Commune: "13055", Arrondissement: "13201",
		Provenance: clairvoie.Provenance{Source: "ville", Licence: "etalab-2.0"}}
	osm := &clairvoie.Camera{ID: 2, SourceRef: "node/7", Location: orb.Point{5.371, 43.291}, Status: clairvoie.StatusActive,
		Provenance: clairvoie.Provenance{Source: "osm", Licence: "ODbL-1.0"}}
	cams := []*clairvoie.Camera{city, osm}
	usage := []clairvoie.UsageMonth{
		{CameraID: 1, Month: "2026-01", Requisitions: 3, Extractions: 2, Decisive: 1},
		{CameraID: 2, Month: "2026-01", Requisitions: 7, Extractions: 5},
	}
	return opendata.Input{Publisher: "Ville de Test", Today: clairvoie.NewDate(2026, 11, 29), K: 5, Pages: true,
		Sources: []clairvoie.Source{{Name: "ville", Licence: "etalab-2.0", Synthetic: true}, {Name: "osm", Licence: "ODbL-1.0", Attribution: "© OpenStreetMap contributors"}},
		Cameras: cams, Usage: usage, Findings: check.Run(cams, check.Options{Today: clairvoie.NewDate(2026, 11, 29)}).Findings,
		Quartiers: map[string]string{}}
}

func TestPublishAndValidate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pkg")
	pkg, err := opendata.Publish(dir, input())
	if err != nil {
		t.Fatal(err)
	}
	probs, err := opendata.Validate(dir)
	if err != nil || len(probs) != 0 {
		t.Fatalf("a fresh package must validate: %v %v", probs, err)
	}
	for _, f := range []string{"datapackage.json", "cameras.csv", "cameras.geojson", "cameras_osm.csv", "cameras_osm.geojson",
		"usage_monthly.csv", "checks.csv", "register_monthly.csv", "catalog.jsonld", "README.md", "cameras/1.html", "cameras/1.en.html", "cameras/qr/1.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	// The city's registry and OpenStreetMap's data are apart, each with its licence.
	lic := map[string]string{}
	for _, r := range pkg.Resources {
		lic[r.Name] = r.Licenses[0].Name
	}
	if lic["cameras"] != "etalab-2.0" || lic["cameras_osm"] != "ODbL-1.0" {
		t.Errorf("licences: %v", lic)
	}
	rows := readCSV(t, filepath.Join(dir, "cameras.csv"))
	if len(rows) != 2 || rows[1][0] != "1" {
		t.Fatalf("cameras.csv: %v", rows)
	}
	if osmRows := readCSV(t, filepath.Join(dir, "cameras_osm.csv")); len(osmRows) != 2 || osmRows[1][2] != "node/7" {
		t.Errorf("cameras_osm.csv: %v", osmRows)
	}
	// Synthetic records are labelled.
	if got := rows[1][len(rows[1])-2]; got != "oui" {
		t.Errorf("synthetic column: %q", got)
	}
	// No published usage count between 1 and 4: camera 1's month (3, 2, 1) goes to its
	// arrondissement, alone there, suppressed; the city total is withheld with it.
	for _, r := range readCSV(t, filepath.Join(dir, "usage_monthly.csv"))[1:] {
		for _, v := range r[5:10] {
			if v == "1" || v == "2" || v == "3" || v == "4" {
				t.Errorf("usage row %v publishes a small count", r)
			}
		}
	}
	page, _ := os.ReadFile(filepath.Join(dir, "cameras/1.html"))
	if !strings.Contains(string(page), "10 jours") || !strings.Contains(string(page), "synthétique") {
		t.Errorf("static page: %s", page)
	}
	var cat map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "catalog.jsonld"))
	if err := json.Unmarshal(b, &cat); err != nil || cat["@type"] != "dcat:Catalog" {
		t.Errorf("catalog: %v", err)
	}
	// Every @id is an absolute IRI (a harvester parses without a base);
	// here, without a base URL, the package's folder as file://.
	var ids []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if id, ok := v["@id"].(string); ok {
				ids = append(ids, id)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(cat)
	abs, _ := filepath.Abs(dir)
	for _, id := range ids {
		u, err := url.Parse(id)
		if err != nil || !u.IsAbs() || (u.Scheme == "file" && !strings.HasPrefix(u.Path, filepath.ToSlash(abs))) {
			t.Errorf("catalogue @id %q: want an absolute IRI", id)
		}
	}
	if len(ids) < 20 {
		t.Errorf("catalogue: %d IRIs", len(ids))
	}
	// Publishing again replaces the package whole.
	in := input()
	in.Pages = false
	if _, err := opendata.Publish(dir, in); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "cameras/1.html")); !os.IsNotExist(err) {
		t.Errorf("the old pages must be gone after a republish without pages")
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestValidateFindsProblems(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pkg")
	in := input()
	in.Pages = false
	if _, err := opendata.Publish(dir, in); err != nil {
		t.Fatal(err)
	}
	edit := func(name string, f func(string) string) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), []byte(f(string(b))), 0o644)
	}
	edit("cameras.csv", func(s string) string { return strings.Replace(s, ",active,", ",broken,", 1) })
	edit("cameras_osm.geojson", func(s string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]},"properties":{}},{"type":"Feature","geometry":{"type":"Point","coordinates":[43.3,95]},"properties":{}}]}`
	})
	edit("checks.csv", func(s string) string { return s + "x,kind,breach,m,2026-11-29,non\n" })
	probs, err := opendata.Validate(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"cameras.csv:2: status", "right-hand rule", "expected [longitude, latitude]", "checks.csv:", "not an integer"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
}
