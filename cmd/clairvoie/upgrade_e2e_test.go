package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every released schema opens and migrates: the workspaces written by the
// clairvoie of each migration level (testdata/upgrade, made by
// scripts/upgrade-fixtures.sh with the old binaries) open in this one,
// which keeps their camera ids (the QR codes on signs), sources, events,
// outcomes, tokens and register.
func TestUpgradeFromEveryLevel(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/upgrade/sqlite-*")
	if len(dirs) < 9 {
		t.Fatalf("%d upgrade fixtures; want one per migration level (scripts/upgrade-fixtures.sh)", len(dirs))
	}
	for _, fixture := range dirs {
		t.Run(filepath.Base(fixture), func(t *testing.T) {
			var fx struct {
				Level  int
				Commit string
				Steps  []string
			}
			readJSON(t, filepath.Join(fixture, "fixture.json"), &fx)
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
				t.Fatal(err)
			}
			// git keeps no modes: the private side as it was written, 0700/0600.
			filepath.WalkDir(filepath.Join(dir, "register", "private"), func(p string, d os.DirEntry, err error) error {
				if err == nil {
					mode := os.FileMode(0o600)
					if d.IsDir() {
						mode = 0o700
					}
					os.Chmod(p, mode)
				}
				return nil
			})
			db := filepath.Join(dir, "clairvoie.db")
			has := func(step string) bool { return slices.Contains(fx.Steps, step) }

			// Sources: the same names and counts.
			old := map[string]float64{}
			walkObjects(readAny(t, filepath.Join(fixture, "sources.out")), func(o map[string]any) {
				if name, ok := o["name"].(string); ok {
					old[name], _ = o["cameras"].(float64)
				}
			})
			got := count(t, db) // opens with this build: the migrations apply
			if len(old) == 0 {
				t.Fatal("the fixture lists no source")
			}
			for name, n := range old {
				if got[name] != int(n) {
					t.Errorf("source %s: %d cameras after the upgrade, %v before", name, got[name], n)
				}
			}
			// Camera ids and their source references: the QR codes on the signs.
			before := cameraIDs(t, readFile(t, filepath.Join(fixture, "export.out")))
			after := cameraIDs(t, mustRun(t, "export", "--db", db, "--format", "geojson").stdout)
			if len(before) == 0 || len(after) != len(before) {
				t.Fatalf("%d cameras after the upgrade, %d before", len(after), len(before))
			}
			for id, ref := range before {
				if after[id] != ref {
					t.Errorf("camera %s: source ref %q after the upgrade, %q before", id, after[id], ref)
				}
			}
			if has("events") {
				ics := filepath.Join(dir, "cal.ics")
				mustRun(t, "events", "export", "--db", db, "--out", ics)
				if s := readFile(t, ics); !strings.Contains(s, "Match au Vélodrome") || !strings.Contains(s, "Marché du Prado") {
					t.Errorf("the events did not survive the upgrade:\n%s", s)
				}
			}
			if has("outcomes") {
				if s := mustRun(t, "outcomes", "list", "--db", db, "--json").stdout; !strings.Contains(s, `"accidents"`) {
					t.Errorf("the outcomes did not survive the upgrade: %s", s)
				}
			}
			if has("register") {
				var before, after struct {
					OK   bool
					Size uint64
				}
				readJSON(t, filepath.Join(fixture, "verify.out"), &before)
				decode(t, mustRun(t, "log", "verify", "--dir", filepath.Join(dir, "register"), "--json").stdout, &after)
				if !after.OK || after.Size != before.Size || before.Size == 0 {
					t.Errorf("the register after the upgrade: %+v, before %+v", after, before)
				}
			}
			var doc struct{ Healthy bool }
			args := []string{"doctor", "--db", db, "--json"}
			if has("register") {
				args = append(args, "--register", filepath.Join(dir, "register"))
			}
			decode(t, run(t, args...).stdout, &doc)
			if !doc.Healthy {
				t.Errorf("doctor after the upgrade: %s", run(t, args...).stdout)
			}
			if has("token") {
				var tok struct{ Secret string }
				readJSON(t, filepath.Join(fixture, "token.out"), &tok)
				checkToken(t, db, tok.Secret)
			}
		})
	}
}

// checkToken serves the workspace and signs in with a token written by
// the old version.
func checkToken(t *testing.T, db, secret string) {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--db", db, "--addr", "127.0.0.1:0", "--access-log=false")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v; %s", err, stderr.String())
	}
	base := strings.TrimSuffix(strings.TrimSpace(line[strings.Index(line, "http://"):]), "/")
	req, _ := http.NewRequest("GET", base+"/api/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "ag-fixture") {
		t.Errorf("a token issued before the upgrade: %d %s", res.StatusCode, b)
	}
}

func cameraIDs(t *testing.T, geojson string) map[string]string {
	t.Helper()
	var fc struct {
		Features []struct {
			ID         json.Number
			Properties map[string]any
		}
	}
	if err := json.Unmarshal([]byte(geojson), &fc); err != nil {
		t.Fatalf("export: %v", err)
	}
	out := map[string]string{}
	for _, f := range fc.Features {
		ref, _ := f.Properties["clairvoie:source_ref"].(string)
		out[f.ID.String()] = ref
	}
	return out
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	decode(t, readFile(t, p), v)
}

func readAny(t *testing.T, p string) any {
	var v any
	readJSON(t, p, &v)
	return v
}

// walkObjects calls fn on every JSON object in v.
func walkObjects(v any, fn func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		fn(v)
		for _, x := range v {
			walkObjects(x, fn)
		}
	case []any:
		for _, x := range v {
			walkObjects(x, fn)
		}
	}
}
