package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The configuration file, the environment and the flags: the command
// line wins, then the environment, then the file; an unknown key is an
// error naming it.
func TestServeConfiguration(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "clairvoie.toml")
	os.WriteFile(conf, []byte(`db = "/var/lib/clairvoie/clairvoie.db"
addr = "127.0.0.1:9999"
public_url = "https://from-the-file.example"
trusted_proxies = ["10.0.0.1", "192.168.0.0/16"]
access_log = false
access_retention_days = 180
`), 0o644)
	cmd := exec.Command(binary, "serve", "--config", conf, "--addr", "127.0.0.1:7777", "--print-config")
	cmd.Env = append(os.Environ(), "CLAIRVOIE_PUBLIC_URL=https://from-the-env.example", "CLAIRVOIE_DB=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("serve --print-config: %v\n%s", err, out)
	}
	for _, want := range []string{
		`addr = "127.0.0.1:7777"`,                           // the flag
		`public_url = "https://from-the-env.example"`,       // the environment over the file
		`db = "/var/lib/clairvoie/clairvoie.db"`,            // the file
		`trusted_proxies = "10.0.0.1,192.168.0.0/16"`,       // a list
		"access_log = false",                                // a boolean
		`access_retention_days = "180"`,                     // a number
		`metrics_allow = "127.0.0.0/8,::1/128"`,             // a default
		"# the register's directory, published under /log/", // every key with its help
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("--print-config lacks %q:\n%s", want, out)
		}
	}
	// What --print-config writes reads back as a configuration.
	again := filepath.Join(dir, "again.toml")
	os.WriteFile(again, out, 0o644)
	mustRun(t, "serve", "--config", again, "--print-config")

	os.WriteFile(conf, []byte("public_ulr = \"https://typo.example\"\n"), 0o644)
	if r := run(t, "serve", "--config", conf, "--print-config"); r.code != 1 || !strings.Contains(r.stderr, `unknown key "public_ulr"`) {
		t.Fatalf("a typo in the configuration: exit %d, %s", r.code, r.stderr)
	}
	os.WriteFile(conf, []byte("trusted_proxies = \"not-an-address\"\ndb = \"x.db\"\n"), 0o644)
	if r := run(t, "serve", "--config", conf); r.code != 1 || !strings.Contains(r.stderr, "--trusted-proxies") {
		t.Fatalf("a bad address in the configuration: exit %d, %s", r.code, r.stderr)
	}
	if r := run(t, "doctor", "--db", "x.db", "--config", conf, "--json"); r.code != 1 {
		t.Fatalf("doctor with a bad configuration: exit %d", r.code)
	}
}

// version and --version: the version, the commit, the schema versions.
func TestVersion(t *testing.T) {
	out := mustRun(t, "--version").stdout
	if !strings.Contains(out, "clairvoie ") || !strings.Contains(out, "commit ") || !regexp.MustCompile(`schema sqlite \d+, postgres \d+`).MatchString(out) {
		t.Fatalf("--version: %q", out)
	}
	var v struct {
		Version, Commit string
		SQLite          int `json:"sqlite_schema"`
	}
	decode(t, mustRun(t, "version", "--json").stdout, &v)
	if v.Version == "" || v.Commit == "" || v.SQLite < 9 {
		t.Fatalf("version --json: %+v", v)
	}
}
