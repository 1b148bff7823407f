package main_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/paulmach/orb"
)

// The contract of issue 14, with the built binary: an import that holds a
// personal value in any column exits non-zero and writes nothing, and never
// echoes it; public names import; a name that is truly ambiguous passes
// only through a review file, which the source's provenance records.
func TestImportRefusesPersonalValues(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	mustRun(t, "import", "--db", db, "--source", "city", "../../osm/testdata/cameras.osm")
	before := count(t, db)
	header := "id,lon,lat,operator,clairvoie:place,clairvoie:programme,survey:source\n"
	row := func(op, place, prog, extra string) string {
		return header + "1,5.37,43.29,Ville de Marseille,Place Jean Jaurès,Phase 1,terrain\n" +
			"2,5.38,43.30," + op + "," + place + "," + prog + "," + extra + "\n"
	}
	cases := map[string]struct{ content, secret string }{
		"name and phone in operator": {row("Jean Dupont 06 12 34 56 78", "Rue Paradis", "Phase 2", "terrain"), "Dupont"},
		"e-mail obfuscated":          {row("Ville de Marseille", "jean.dupont [at] gmail.com", "Phase 2", "terrain"), "jean.dupont"},
		"chez in a place":            {row("Ville de Marseille", "devant chez Dupont", "Phase 2", "terrain"), "Dupont"},
		"plate in an unknown column": {row("Ville de Marseille", "Rue Paradis", "Phase 2", "véhicule 1234 AB 13"), "1234 AB"},
		"NIR in the programme":       {row("Ville de Marseille", "Rue Paradis", "2 93 12 13 004 123 82", "terrain"), "004 123"},
		"formula":                    {row("Ville de Marseille", "=HYPERLINK(\"\"http://x\"\")", "Phase 2", "terrain"), "HYPERLINK"},
		"camelCase key":              {"id,lon,lat,ownerName\n1,5.37,43.29,Ville\n", ""},
	}
	for name, tc := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".csv")
		writeFile(t, path, tc.content)
		r := run(t, "import", "--db", db, "--source", "city", "--json", path)
		if r.code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", name, r.code, r.stderr)
		}
		if tc.secret != "" && (strings.Contains(r.stderr, tc.secret) || strings.Contains(r.stdout, tc.secret)) {
			t.Errorf("%s: the refusal echoes the value: %s", name, r.stderr)
		}
		if !strings.Contains(r.stderr, filepath.Base(path)+":") {
			t.Errorf("%s: stderr %q does not name the file and line", name, r.stderr)
		}
		if after := count(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("%s: the workspace changed: %v → %v", name, before, after)
		}
	}

	// Public names that honour a person import as they are.
	public := filepath.Join(dir, "public.csv")
	writeFile(t, public, header+
		"1,5.37,43.29,Ville de Marseille,Parvis de l'école Jean Moulin,Phase 1,terrain\n"+
		"2,5.38,43.30,Métropole Aix-Marseille-Provence,Avenue Jean Jaurès / Rue Saint-Ferréol,Phase 2,terrain\n")
	mustRun(t, "import", "--db", db, "--source", "public", public)

	// An ambiguous name is refused with the way out, then accepted through a
	// review file, which the source's provenance records.
	station := filepath.Join(dir, "station.csv")
	writeFile(t, station, header+"1,5.37,43.29,RTM,Jean Jaurès,Phase 1,terrain\n")
	r := run(t, "import", "--db", db, "--source", "metro", station)
	if r.code != 1 || !strings.Contains(r.stderr, "--accept") {
		t.Fatalf("ambiguous name: exit %d, %s; want a refusal pointing to --accept", r.code, r.stderr)
	}
	review := filepath.Join(dir, "review.txt")
	writeFile(t, review, "# metro stations, checked by the DPO\nJean Jaurès\n")
	r = mustRun(t, "import", "--db", db, "--source", "metro", "--accept", review, "--json", station)
	var res struct{ Reviewed int }
	decode(t, r.stdout, &res)
	if res.Reviewed != 1 {
		t.Errorf("--accept: reviewed = %d, want 1", res.Reviewed)
	}
	var srcs struct {
		Sources []struct {
			Name   string
			Review *struct {
				File   string
				SHA256 string
				Values int
			}
		}
	}
	decode(t, mustRun(t, "sources", "--db", db, "--json").stdout, &srcs)
	found := false
	for _, s := range srcs.Sources {
		if s.Name == "metro" {
			found = s.Review != nil && s.Review.File == "review.txt" && len(s.Review.SHA256) == 64 && s.Review.Values == 1
		}
	}
	if !found {
		t.Errorf("sources: the metro source does not record its review file: %+v", srcs)
	}
}

// No cell of the CSV export starts with =, +, - or @ unless it is a number,
// even for values that reached the workspace before the import refused
// them (a workspace written by an earlier version, here written straight
// to the store).
func TestExportCSVHasNoFormula(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	mustRun(t, "import", "--db", db, "--source", "city", "../../osm/testdata/cameras.osm")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	tilt := -30.0
	old := clairvoie.Camera{SourceRef: "old-1", Location: orb.Point{5.37, 43.29}, Place: "=HYPERLINK(\"http://x\",\"clic\")",
		Operator: "@SUM(1+1)", Programme: "+cmd|' /C calc'!A0", Tilt: &tilt, Extra: map[string]string{"survey:source": "-2+3"}}
	if _, err := sqlite.NewCameraService(st).ImportCameras(ctx, clairvoie.Source{Name: "old", Format: "csv", Licence: "unknown"},
		clairvoie.CamerasOf([]clairvoie.Camera{old}), clairvoie.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(dir, "out.csv")
	mustRun(t, "export", "--db", db, "--format", "csv", "--out", out)
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	neutralised, negative := 0, 0
	for i, row := range rows {
		for _, c := range row {
			if strings.HasPrefix(c, "'=") || strings.HasPrefix(c, "'@") || strings.HasPrefix(c, "'+") || strings.HasPrefix(c, "'-") {
				neutralised++
			}
			if c == "" || !strings.ContainsRune("=+-@", rune(c[0])) {
				continue
			}
			if _, err := strconv.ParseFloat(strings.Replace(c, ",", ".", 1), 64); err != nil {
				t.Errorf("line %d: cell %q starts like a formula", i+1, c)
			} else {
				negative++
			}
		}
	}
	if neutralised != 4 || negative == 0 {
		t.Errorf("neutralised %d cells (want the 4 planted), kept %d negative numbers (want the tilt)", neutralised, negative)
	}
}

// A hostile .osm.pbf (a raw size that overflows, a zlib bomb, a huge blob,
// a size the file does not hold, a node and an index that crash other
// decoders) exits 1 with a clear message, never a panic, and stays far
// under 500 MB.
func TestImportHostilePBF(t *testing.T) {
	files, err := filepath.Glob("../../osm/testdata/hostile/*.osm.pbf")
	if err != nil || len(files) < 6 {
		t.Fatalf("hostile fixtures: %v, %d files", err, len(files))
	}
	// Peak memory is measured by GNU time (it forks; a child of this test
	// process, made with vfork, would report this process's own peak).
	gnuTime, _ := exec.LookPath("time")
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		gnuTime = "/usr/bin/time"
	}
	for _, f := range files {
		db := filepath.Join(t.TempDir(), "w.db")
		args := []string{binary, "import", "--db", db, "--source", "osm", f}
		if gnuTime != "" {
			args = append([]string{gnuTime, "-f", "peak-rss-kb %M"}, args...)
		}
		cmd := exec.Command(args[0], args[1:]...)
		out, _ := cmd.CombinedOutput()
		code := cmd.ProcessState.ExitCode()
		msg := string(out)
		rss := -1 // KiB
		if i := strings.LastIndex(msg, "peak-rss-kb "); i >= 0 {
			fmt.Sscanf(msg[i:], "peak-rss-kb %d", &rss)
			msg = msg[:i]
			if strings.Contains(msg, "Command exited with non-zero status") {
				msg = msg[:strings.LastIndex(msg, "Command exited")]
			}
		}
		if code != 1 || strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine") || strings.Contains(msg, ".go:") {
			t.Errorf("%s: exit %d, %q; want exit 1 and a message, no panic", filepath.Base(f), code, msg)
		}
		if !strings.Contains(msg, filepath.Base(f)) || !strings.Contains(msg, "OpenStreetMap PBF") {
			t.Errorf("%s: %q does not name the file and what was expected", filepath.Base(f), msg)
		}
		if rss > 500<<10 {
			t.Errorf("%s: %d MiB resident, want under 500", filepath.Base(f), rss>>10)
		}
		if rss < 0 {
			t.Logf("%s: no GNU time here: peak memory not measured (the osm package's tests bound allocations)", filepath.Base(f))
		}
		t.Logf("%s: exit %d, %d MiB, %s", filepath.Base(f), code, max(rss, 0)>>10, strings.TrimSpace(msg))
	}
}
