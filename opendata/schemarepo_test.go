package opendata

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

var updateSchema = flag.Bool("update", false, "rewrite schema/videoprotection-cameras from CameraSchema")

const schemaDir = "../schema/videoprotection-cameras"

// The schema repository folder is what CameraSchema says, and its examples
// are what they claim: the valid one passes the validator, the invalid one
// fails on each of its planted errors.
func TestSchemaRepository(t *testing.T) {
	files, err := SchemaRepository()
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		path := filepath.Join(schemaDir, name)
		if *updateSchema {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./opendata -run SchemaRepository -update once)", err)
		}
		if !bytes.Equal(got, b) {
			t.Errorf("%s differs from CameraSchema (go test ./opendata -run SchemaRepository -update)", path)
		}
	}
	var ps struct {
		Schema    string  `json:"$schema"`
		Fields    []Field `json:"fields"`
		Resources []struct{ Path string }
		Version   string
	}
	if err := json.Unmarshal(files["schema.json"], &ps); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ps.Fields, CameraSchema().Fields) || ps.Version == "" || len(ps.Resources) != 2 {
		t.Errorf("schema.json: %d fields, version %q, resources %v", len(ps.Fields), ps.Version, ps.Resources)
	}
	if probs := checkCSV(filepath.Join(schemaDir, "exemple-valide.csv"), "exemple-valide.csv", CameraSchema()); len(probs) > 0 {
		t.Errorf("the valid example fails: %v", probs)
	}
	probs := checkCSV(filepath.Join(schemaDir, "exemple-invalide.csv"), "exemple-invalide.csv", CameraSchema())
	var fields []string
	for _, p := range probs {
		fields = append(fields, p.Field)
	}
	for _, want := range []string{"status", "id", "lon", "commissioned_on", "purposes", "source_ref"} {
		if !slices.Contains(fields, want) {
			t.Errorf("the invalid example passes on %s: %v", want, probs)
		}
	}
}
