package opendata_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/clairvoie/clairvoie/opendata"
)

// Validate reads what others publish: whatever the descriptor and the CSV
// hold, it reports problems and never panics.
func FuzzValidate(f *testing.F) {
	f.Add([]byte(`{"profile":"data-package","name":"x","resources":[{"name":"a","path":"a.csv","profile":"tabular-data-resource","licenses":[{"name":"etalab-2.0"}],"schema":{"fields":[{"name":"id","type":"integer","constraints":{"required":true,"unique":true}}]}}]}`), []byte("id\n1\n1\nx\n"))
	f.Add([]byte(`{"resources":[{"name":"g","path":"g.geojson","format":"geojson"}]}`), []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`))
	f.Fuzz(func(t *testing.T, desc, data []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "datapackage.json"), desc, 0o644)
		os.WriteFile(filepath.Join(dir, "a.csv"), data, 0o644)
		os.WriteFile(filepath.Join(dir, "g.geojson"), data, 0o644)
		probs, err := opendata.Validate(dir)
		if err == nil && probs == nil && len(desc) > 0 && desc[0] != '{' {
			t.Fatalf("a descriptor that is not an object passed")
		}
	})
}
