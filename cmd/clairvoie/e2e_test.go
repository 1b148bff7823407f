package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests run the built binary, as a user would.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "clairvoie-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "clairvoie")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "CLAIRVOIE_DB=")
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := run(t, args...)
	if r.code != 0 {
		t.Fatalf("clairvoie %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

func decode(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
}

func count(t *testing.T, db string) map[string]int {
	t.Helper()
	var srcs struct {
		Sources []struct {
			Name    string
			Cameras int
		}
	}
	decode(t, mustRun(t, "sources", "--db", db, "--json").stdout, &srcs)
	out := map[string]int{}
	for _, s := range srcs.Sources {
		out[s.Name] = s.Cameras
	}
	return out
}

func TestUsage(t *testing.T) {
	if r := run(t); r.code != 2 || !strings.Contains(r.stderr, "Commands:") {
		t.Errorf("no arguments: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "help"); r.code != 0 || !strings.Contains(r.stdout, "reconcile") {
		t.Errorf("help: exit %d", r.code)
	}
	if r := run(t, "import", "--help"); r.code != 0 || !strings.Contains(r.stdout, "--mapping") {
		t.Errorf("import --help: exit %d, stdout %q", r.code, r.stdout)
	}
	if r := run(t, "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, "clairvoie help") {
		t.Errorf("unknown command: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "import", "--db", "x.db", "file.osm"); r.code != 2 || !strings.Contains(r.stderr, "--source is required") || !strings.Contains(r.stderr, "clairvoie import --help") {
		t.Errorf("import without --source: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "check", "--db", "x.db", "--bogus"); r.code != 2 {
		t.Errorf("unknown flag: exit %d", r.code)
	}
	if r := run(t, "version", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"version"`) {
		t.Errorf("version: %+v", r)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	var res struct {
		Imported, Inserted, Updated, Unchanged int
		Warnings                               []struct{ Feature, Field string }
	}
	decode(t, mustRun(t, "import", "--db", db, "--source", "osm", "../../osm/testdata/cameras.osm", "--json").stdout, &res)
	if res.Imported != 5 || len(res.Warnings) != 3 {
		t.Fatalf("osm import: got %+v, want 5 cameras and 3 warnings", res)
	}
	decode(t, mustRun(t, "import", "--db", db, "--source", "osm", "--json", "../../osm/testdata/cameras.osm.pbf").stdout, &res)
	if res.Imported != 5 || res.Unchanged != 5 || res.Inserted != 0 {
		t.Fatalf("the same cameras from the PBF must update, not duplicate: got %+v", res)
	}
	decode(t, mustRun(t, "import", "--db", db, "--source", "paris", "--format", "csv", "--mapping", "paris-2019", "../../demo/data/paris-2019/data.csv", "--json").stdout, &res)
	if res.Imported != 707 {
		t.Fatalf("paris: got %+v", res)
	}
	for _, format := range []string{"geojson", "csv", "osm"} {
		out := filepath.Join(dir, "export."+format)
		mustRun(t, "export", "--db", db, "--format", format, "--source", "paris", "--out", out)
		db2 := filepath.Join(dir, format+".db")
		decode(t, mustRun(t, "import", "--db", db2, "--source", "paris", "--format", format, out, "--json").stdout, &res)
		if res.Imported != 707 {
			t.Fatalf("%s: re-import of the export: got %+v", format, res)
		}
		a := exportTags(t, db, "paris")
		b := exportTags(t, db2, "paris")
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the records differ after a round trip", format)
		}
	}
}

// exportTags exports a source as GeoJSON and keeps what describes the
// cameras: position and tags, without the workspace's own provenance.
func exportTags(t *testing.T, db, source string) map[string]string {
	var fc struct {
		Features []struct {
			Geometry   struct{ Coordinates []float64 }
			Properties map[string]string
		}
	}
	decode(t, mustRun(t, "export", "--db", db, "--format", "geojson", "--source", source).stdout, &fc)
	out := map[string]string{}
	for _, f := range fc.Features {
		p := f.Properties
		ref := p["clairvoie:source_ref"]
		for _, k := range []string{"clairvoie:id", "clairvoie:imported_at", "clairvoie:source", "clairvoie:licence"} {
			delete(p, k)
		}
		b, _ := json.Marshal(struct {
			C []float64
			P map[string]string
		}{f.Geometry.Coordinates, p})
		out[ref] = string(b)
	}
	return out
}

func TestImportErrorsChangeNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	mustRun(t, "import", "--db", db, "--source", "city", "../../osm/testdata/cameras.osm")
	before := count(t, db)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,lon,lat,clairvoie:retention_days\n1,5.37,43.29,10\n2,5.38,43.30,ten\n"), 0o644)
	personal := filepath.Join(dir, "personal.csv")
	os.WriteFile(personal, []byte("id,lon,lat,Prénom\n1,5.37,43.29,Léa\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--source", "city", bad}, []string{"bad.csv:3", `"clairvoie:retention_days"`, `"ten"`, "whole number"}},
		{[]string{"--source", "city", personal}, []string{"personal.csv:2", `"Prénom"`, "personal"}},
		{[]string{"--source", "city", "../../osm/testdata/broken.osm"}, []string{"broken.osm:8"}},
		{[]string{"--source", "city", "--strict", "../../osm/testdata/cameras.osm"}, []string{"node/104", "camera:type"}},
	} {
		args := append([]string{"import", "--db", db, "--json"}, tc.args...)
		r := run(t, args...)
		if r.code != 1 {
			t.Errorf("%v: exit %d, want 1", tc.args, r.code)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr %q does not mention %q", tc.args, r.stderr, w)
			}
		}
		var je struct {
			Error struct{ Code, Message string }
		}
		decode(t, r.stdout, &je)
		if je.Error.Code != "invalid" {
			t.Errorf("%v: --json error object %+v", tc.args, je)
		}
		if after := count(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("%v: the workspace changed: %v → %v", tc.args, before, after)
		}
	}
	if r := run(t, "import", "--db", db, "--source", "city2", "--drop", "Prénom", personal); r.code != 0 {
		t.Errorf("--drop must let the file in without the column: %+v", r)
	}
}

func TestDemoCheckReconcileServe(t *testing.T) {
	dir := t.TempDir()
	var sum struct {
		DB      string
		Imports []struct {
			Source   string
			Imported int
		}
	}
	decode(t, mustRun(t, "demo", "--dir", dir, "--no-serve", "--json").stdout, &sum)
	if sum.DB != filepath.Join(dir, "clairvoie.db") || len(sum.Imports) != 3 || sum.Imports[0].Imported != 2100 || sum.Imports[1].Imported != 707 || sum.Imports[2].Imported != 87 {
		t.Fatalf("demo: got %+v", sum)
	}
	db := sum.DB

	var rep struct {
		Findings []struct {
			Kind, Severity string
			Synthetic      bool
		}
		Totals struct {
			Cameras, Checked int
			ByKind           map[string]int `json:"by_kind"`
		}
	}
	decode(t, mustRun(t, "check", "--db", db, "--json", "--today", "2026-11-29").stdout, &rep)
	if rep.Totals.Cameras != 2894 || len(rep.Findings) == 0 || rep.Totals.ByKind["retention_over_legal_max"] == 0 {
		t.Fatalf("check: totals %+v", rep.Totals)
	}
	if r := run(t, "check", "--db", db, "--fail-on", "breach"); r.code != 1 {
		t.Errorf("check --fail-on breach with breaches: exit %d, want 1", r.code)
	}

	var rec struct {
		Matched, OnlyA, OnlyB int `json:"-"`
		M                     int `json:"matched"`
		A                     int `json:"only_a"`
		B                     int `json:"only_b"`
	}
	decode(t, mustRun(t, "reconcile", "--db", db, "--a", "paris-2019", "--b", "paris-2019", "--within", "1", "--json").stdout, &rec)
	if rec.M != 707 || rec.A != 0 || rec.B != 0 {
		t.Errorf("a list reconciled with itself: got %+v", rec)
	}
	// The official list against what citizens had mapped eight years before: few pairs.
	decode(t, mustRun(t, "reconcile", "--db", db, "--a", "paris-2019", "--b", "osm-2011-paris", "--json").stdout, &rec)
	if rec.M != 3 || rec.A != 704 || rec.B != 84 {
		t.Errorf("paris-2019 against osm-2011-paris: got %+v, want 3 matched, 704 and 84 alone", rec)
	}
	if r := run(t, "reconcile", "--db", db, "--a", "paris-2019", "--b", "nope", "--json"); r.code != 1 || !strings.Contains(r.stderr, "holds no camera") {
		t.Errorf("unknown source: %+v", r)
	}

	cmd := exec.Command(binary, "serve", "--db", db, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v; stderr %s", err, stderr.String())
	}
	i := strings.Index(line, "http://")
	base := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line[i:]), "/"))
	var fc struct {
		Features []json.RawMessage
		Total    int
		Notice   string
	}
	res, err := http.Get(base + "/api/cameras?bbox=5.36,43.28,5.39,43.31&status=active")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&fc)
	res.Body.Close()
	if len(fc.Features) == 0 || fc.Total != len(fc.Features) || fc.Notice == "" {
		t.Errorf("bbox query on the demo: %d features, total %d, notice %q", len(fc.Features), fc.Total, fc.Notice)
	}
	// The served checks hold the register's findings (the demo's register
	// sits beside its database), extractions only as a count.
	var checks struct {
		Findings []struct{ Kind string }
		Totals   struct {
			ByKind     map[string]int `json:"by_kind"`
			Suppressed []string
		}
	}
	res, err = http.Get(base + "/api/checks")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&checks)
	res.Body.Close()
	if checks.Totals.ByKind["destruction_missing"] == 0 || checks.Totals.ByKind["destruction_late"] == 0 {
		t.Errorf("/api/checks without the register's findings: %v", checks.Totals.ByKind)
	}
	for _, f := range checks.Findings {
		if f.Kind == "extraction_after_retention" {
			t.Fatal("/api/checks lists an extraction camera by camera")
		}
	}
	// The fibre plan phased by a yearly budget, and a refused budget.
	var fib struct {
		Stages []struct {
			Total int `json:"sites_connected"`
		}
	}
	res, err = http.Get(base + "/api/fibre?years=1&budget=2000000")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&fib)
	res.Body.Close()
	if res.StatusCode != 200 || len(fib.Stages) != 2 || fib.Stages[0].Total == 0 {
		t.Errorf("GET /api/fibre?budget: status %d, stages %+v", res.StatusCode, fib.Stages)
	}
	if res, err = http.Get(base + "/api/fibre?budget=-3"); err != nil || res.StatusCode != 400 {
		t.Errorf("GET /api/fibre?budget=-3: %v %v, want 400", err, res.StatusCode)
	} else {
		res.Body.Close()
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v (stderr %s)", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("serve did not stop on SIGTERM")
	}
}
