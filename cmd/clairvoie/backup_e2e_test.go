package main_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/auditlog"
)

// The restore drill: a backup taken during a burst of appends restores to
// a workspace whose register verifies and holds every entry acknowledged
// before the backup began.
func TestBackupDuringAppendsRestores(t *testing.T) {
	tmp := t.TempDir()
	db := filepath.Join(tmp, "ws", "clairvoie.db")
	reg := filepath.Join(tmp, "ws", "register")
	os.MkdirAll(filepath.Dir(db), 0o755)
	mustRun(t, "import", "--db", db, "--source", "osm", "../../osm/testdata/cameras.osm")
	acks := filepath.Join(tmp, "acks")
	load := exec.Command(binary, "log", "load", "--dir", reg, "--n", "1000000", "--writers", "64", "--acks", acks)
	if err := load.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { load.Process.Kill(); load.Wait() }()
	ackedBefore := waitAcks(t, acks, 2000)
	archive := filepath.Join(tmp, "backup.tar.gz")
	var rep struct {
		Manifest struct {
			Database     string `json:"database"`
			RegisterSize uint64 `json:"register_size"`
			Files        []any  `json:"files"`
		} `json:"manifest"`
	}
	decode(t, mustRun(t, "backup", "--db", db, "--register", reg, "--out", archive, "--json").stdout, &rep)
	after := waitAcks(t, acks, len(ackedBefore)+1) // the burst went on during and after the backup
	load.Process.Kill()
	load.Wait()
	if rep.Manifest.Database == "" || rep.Manifest.RegisterSize < uint64(len(ackedBefore)) {
		t.Fatalf("manifest: %+v; want the database and at least %d entries", rep.Manifest, len(ackedBefore))
	}
	if fi, err := os.Stat(archive); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the archive holds the private journal: want mode 0600, got %v (%v)", fi.Mode(), err)
	}

	restored := filepath.Join(tmp, "restored", "clairvoie.db")
	mustRun(t, "restore", archive, "--db", restored)
	rreg := filepath.Join(tmp, "restored", "register")
	v := mustRun(t, "log", "verify", "--dir", rreg, "--json")
	var vr struct {
		OK   bool   `json:"ok"`
		Size uint64 `json:"size"`
	}
	decode(t, v.stdout, &vr)
	if !vr.OK || vr.Size < rep.Manifest.RegisterSize {
		t.Fatalf("log verify on the restored register: %s", v.stdout)
	}
	ctx := context.Background()
	l, err := auditlog.Open(ctx, rreg, auditlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	have := map[uint64]bool{}
	for _, r := range l.Receipts() {
		have[r.Index] = true
	}
	l.Close(ctx)
	for i := range ackedBefore {
		if !have[i] {
			t.Fatalf("entry %d was acknowledged before the backup began and is not in the restored register", i)
		}
	}
	if len(have) >= len(after) {
		t.Logf("note: the restored register holds %d entries, the burst acknowledged %d in all", len(have), len(after))
	}
	t.Logf("backup during a burst: %d acknowledged before it, %d in the restored register (verified), %d acknowledged by the end",
		len(ackedBefore), len(have), len(after))
	if got, want := count(t, restored)["osm"], count(t, db)["osm"]; got == 0 || got != want {
		t.Fatalf("the restored workspace has %d cameras, the original %d", got, want)
	}

	// Restoring over a workspace is refused, then done with --force,
	// the old one kept aside.
	if r := run(t, "restore", archive, "--db", restored); r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("restore over an existing workspace: exit %d, %s", r.code, r.stderr)
	}
	r := mustRun(t, "restore", archive, "--db", restored, "--force", "--json")
	var rr struct {
		Kept []string `json:"kept_aside"`
	}
	decode(t, r.stdout, &rr)
	if len(rr.Kept) < 2 {
		t.Fatalf("restore --force must keep the workspace and the register aside: %s", r.stdout)
	}
	for _, k := range rr.Kept {
		if _, err := os.Stat(k); err != nil {
			t.Fatalf("kept aside %s: %v", k, err)
		}
	}
}

// waitAcks waits until the acks file holds at least n complete lines and
// returns the acknowledged indices as of then.
func waitAcks(t *testing.T, path string, n int) map[uint64]bool {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		b, _ := os.ReadFile(path)
		lines := strings.Split(string(b), "\n")
		if len(lines)-1 >= n {
			acked := map[uint64]bool{}
			for _, l := range lines[:len(lines)-1] {
				i, err := strconv.ParseUint(l, 10, 64)
				if err != nil {
					t.Fatalf("ack line %q", l)
				}
				acked[i] = true
			}
			return acked
		}
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d acknowledgements in 60 s", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A damaged or altered archive is refused and writes nothing.
func TestRestoreRefusesDamagedArchive(t *testing.T) {
	tmp := t.TempDir()
	db := filepath.Join(tmp, "clairvoie.db")
	mustRun(t, "import", "--db", db, "--source", "osm", "../../osm/testdata/cameras.osm")
	archive := filepath.Join(tmp, "b.tar.gz")
	mustRun(t, "backup", "--db", db, "--out", archive)
	b, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	for name, damaged := range map[string][]byte{
		"truncated": b[:len(b)/2],
		"flipped":   flip(b, len(b)/2),
		"empty":     {},
	} {
		p := filepath.Join(tmp, name+".tar.gz")
		os.WriteFile(p, damaged, 0o600)
		target := filepath.Join(tmp, "out-"+name, "clairvoie.db")
		if r := run(t, "restore", p, "--db", target); r.code != 1 || !strings.Contains(r.stderr, "backup archive") && !strings.Contains(r.stderr, "gzip") {
			t.Errorf("%s archive: exit %d, %s", name, r.code, r.stderr)
		}
		if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 0 {
			t.Errorf("%s archive: restore left %d files behind", name, len(entries))
		}
		if r := run(t, "restore", p, "--check"); r.code != 1 {
			t.Errorf("%s archive: restore --check exit %d", name, r.code)
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x40
	return c
}

// doctor passes a sound workspace and fails a damaged copy, saying what
// to do.
func TestDoctor(t *testing.T) {
	tmp := t.TempDir()
	db := filepath.Join(tmp, "clairvoie.db")
	mustRun(t, "import", "--db", db, "--source", "osm", "../../osm/testdata/cameras.osm")
	reg := filepath.Join(tmp, "register")
	mustRun(t, "log", "append", "--dir", reg, "--origin", "test.invalid/doctor", "--kind", "viewing", "--agent", "ag-1", "--role", "agent", "--camera", "C1", "--live")
	var rep struct {
		Healthy bool `json:"healthy"`
		Checks  []struct{ Name, Status, Detail, Fix string }
	}
	decode(t, mustRun(t, "doctor", "--db", db, "--register", reg, "--json").stdout, &rep)
	if !rep.Healthy || len(rep.Checks) < 8 {
		t.Fatalf("doctor on a sound workspace: %+v", rep)
	}
	// A copy with a damaged page.
	bad := filepath.Join(tmp, "damaged.db")
	mustRun(t, "backup", "--db", db, "--out", filepath.Join(tmp, "x.tar.gz")) // VACUUM INTO: one file, no WAL
	mustRun(t, "restore", filepath.Join(tmp, "x.tar.gz"), "--db", bad, "--register", filepath.Join(tmp, "reg2"))
	data, _ := os.ReadFile(bad)
	for i := 4096 * 2; i < len(data) && i < 4096*6; i += 7 {
		data[i] ^= 0xA5
	}
	os.WriteFile(bad, data, 0o644)
	r := run(t, "doctor", "--db", bad, "--json")
	if r.code != 1 {
		t.Fatalf("doctor on a damaged copy: exit %d, %s", r.code, r.stdout)
	}
	decode(t, r.stdout, &rep)
	failed := false
	for _, c := range rep.Checks {
		if c.Status == "fail" && c.Fix != "" {
			failed = true
		}
	}
	if rep.Healthy || !failed {
		t.Fatalf("doctor on a damaged copy must fail with what to do: %+v", rep)
	}
	// The register's private side readable by others.
	os.Chmod(filepath.Join(reg, "private", "journal.jsonl"), 0o644)
	r = run(t, "doctor", "--db", db, "--register", reg, "--json")
	if r.code != 1 || !strings.Contains(r.stdout, "chmod go-rwx") {
		t.Fatalf("doctor with a readable journal: exit %d, %s", r.code, r.stdout)
	}
}
