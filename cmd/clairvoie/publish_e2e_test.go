package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublishValidate(t *testing.T) {
	dir := t.TempDir()
	var sum struct{ DB string }
	decode(t, mustRun(t, "demo", "--dir", dir, "--no-serve", "--json").stdout, &sum)
	out := filepath.Join(dir, "package")
	mustRun(t, "publish", "--db", sum.DB, "--out", out, "--publisher", "Ville de Marseille (démonstration)", "--no-pages")
	for _, f := range []string{"datapackage.json", "cameras.csv", "cameras.geojson", "usage_monthly.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	var v struct {
		Valid    bool
		Problems []struct{ File, Message string }
	}
	decode(t, mustRun(t, "validate", out, "--json").stdout, &v)
	if !v.Valid || len(v.Problems) != 0 {
		t.Fatalf("the demo's package: %+v", v)
	}
	// The demo's register is published: three months by five kinds, no
	// count from 1 to 4, said synthetic.
	reg, err := os.ReadFile(filepath.Join(out, "register_monthly.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(reg)), "\n")
	if len(lines) != 1+3*5 || lines[0] != "month,kind,count" || !strings.HasPrefix(lines[1], "2026-08,viewing,") {
		t.Errorf("register_monthly.csv:\n%s", reg)
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if n := f[2]; n == "1" || n == "2" || n == "3" || n == "4" {
			t.Errorf("a small count published: %s", l)
		}
	}
	desc, _ := os.ReadFile(filepath.Join(out, "datapackage.json"))
	if !strings.Contains(string(desc), "Registre SYNTHÉTIQUE") {
		t.Error("the register's resource does not say it is synthetic")
	}
	// Break it: validate must fail.
	b, _ := os.ReadFile(filepath.Join(out, "cameras.csv"))
	os.WriteFile(filepath.Join(out, "cameras.csv"), []byte(strings.Replace(string(b), ",oui,", ",peut-être,", 1)), 0o644)
	r := run(t, "validate", out)
	if r.code != 1 || !strings.Contains(r.stdout, "cameras.csv:2:") || !strings.Contains(r.stdout, "not one of oui, non") {
		t.Errorf("a broken package: exit %d, %q", r.code, r.stdout)
	}
	if r := run(t, "publish", "--db", sum.DB); r.code != 2 {
		t.Errorf("publish without --out: exit %d", r.code)
	}
}
