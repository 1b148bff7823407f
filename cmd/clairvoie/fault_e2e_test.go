package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/postgres/pgtest"
)

// bigOSM writes n camera nodes as OpenStreetMap XML.
func bigOSM(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<node id="%d" lat="%.6f" lon="%.6f"><tag k="man_made" v="surveillance"/><tag k="surveillance:type" v="camera"/><tag k="surveillance" v="public"/></node>`+"\n",
			i, 43.2+float64(i%1000)*1e-4, 5.3+float64(i/1000)*1e-4)
	}
	b.WriteString("</osm>\n")
	path := filepath.Join(t.TempDir(), "big.osm")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// kill -9 in the middle of an import, on both stores: afterwards the
// workspace holds the source whole or not at all, and a new import works.
func TestImportSurvivesKill(t *testing.T) {
	const n = 60000
	osm := bigOSM(t, n)
	stores := map[string]string{"sqlite": filepath.Join(t.TempDir(), "k.db")}
	if os.Getenv("CLAIRVOIE_TEST_POSTGRES") != "" || os.Getenv("CI") != "" {
		stores["postgres"] = pgtest.Schema(t)
	}
	for name, db := range stores {
		// A first, complete source, which the kill must leave untouched.
		mustRun(t, "import", "--db", db, "--source", "first", osm)
		partial := 0
		for _, delay := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond, 900 * time.Millisecond} {
			cmd := exec.Command(binary, "import", "--db", db, "--source", "killed", osm)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			cmd.Process.Kill() // SIGKILL: no cleanup runs
			cmd.Wait()
			srcs := count(t, db)
			for src, cams := range srcs {
				if cams != n {
					t.Errorf("%s, killed after %v: source %s holds %d cameras, want 0 or %d", name, delay, src, cams, n)
				}
				if src == "killed" {
					partial++ // it finished before the kill: whole, as checked above
				}
			}
			if _, ok := srcs["first"]; !ok {
				t.Errorf("%s: the first source is gone: %v", name, srcs)
			}
		}
		mustRun(t, "import", "--db", db, "--source", "after", osm)
		t.Logf("%s: %d of 3 kills came after the commit", name, partial)
	}
}

// kill -9 while a plan is being saved: the file holds the previous plan or
// the whole new one, never part of one; no temporary file is left to read.
func TestPlanOutSurvivesKill(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	mustRun(t, "import", "--db", db, "--source", "city", bigOSM(t, 40000))
	out := filepath.Join(t.TempDir(), "plan.json")
	writeFile(t, out, `{"previous": true}`+"\n")
	previous, whole := 0, 0
	// The first kill comes while the plan is computed; the others as soon as
	// the temporary file has bytes in it, in the middle of writing.
	midWrite := 0
	for round, delay := range []time.Duration{300 * time.Millisecond, 0, 0, 0} {
		cmd := exec.Command(binary, "plan", "--db", db, "--out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if round == 0 {
			time.Sleep(delay)
		} else {
			for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".clairvoie-*"))
				if len(tmps) > 0 {
					if fi, err := os.Stat(tmps[0]); err == nil && fi.Size() > 0 {
						midWrite++
						break
					}
				}
			}
		}
		cmd.Process.Kill()
		cmd.Wait()
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("killed after %v: %v", delay, err)
		}
		var v struct {
			Previous bool `json:"previous"`
			Plan     *struct {
				Years []json.RawMessage `json:"years"`
			} `json:"plan"`
			Cameras []json.RawMessage `json:"cameras"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("killed after %v: the plan file is not whole JSON (%d bytes): %v", delay, len(b), err)
		}
		switch {
		case v.Previous:
			previous++
		case v.Plan != nil && len(v.Plan.Years) > 0 && len(v.Cameras) == 40000:
			whole++
			writeFile(t, out, `{"previous": true}`+"\n") // back to the old one for the next round
		default:
			t.Fatalf("killed after %v: neither the previous plan nor a whole one (%d bytes)", delay, len(b))
		}
	}
	if midWrite == 0 {
		t.Fatal("no kill came while the plan was being written: the test did not test the write")
	}
	t.Logf("%d kills left the previous plan, %d a whole new one; %d came in the middle of writing", previous, whole, midWrite)
	// And without a kill, the plan is saved whole.
	mustRun(t, "plan", "--db", db, "--out", out)
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), `"summary_fr"`) {
		t.Errorf("plan --out wrote %d bytes without a summary", len(b))
	}
}
