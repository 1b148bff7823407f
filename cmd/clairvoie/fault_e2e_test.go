package main_test

import (
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
			var list struct {
				Sources []struct {
					Name    string
					Cameras int
				}
			}
			decode(t, mustRun(t, "sources", "--db", db, "--json").stdout, &list)
			srcs := list.Sources
			for _, s := range srcs {
				if s.Cameras != n {
					t.Errorf("%s, killed after %v: source %s holds %d cameras, want 0 or %d", name, delay, s.Name, s.Cameras, n)
				}
				if s.Name == "killed" {
					partial++ // it finished before the kill: whole, as checked above
				}
			}
			if len(srcs) == 0 || srcs[0].Name != "first" {
				t.Errorf("%s: the first source is gone: %+v", name, srcs)
			}
		}
		mustRun(t, "import", "--db", db, "--source", "after", osm)
		t.Logf("%s: %d of 3 kills came after the commit", name, partial)
	}
}
