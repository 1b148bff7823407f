package main_test

import (
	"bufio"
	"bytes"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fill writes to path until the file system says it is full, and returns
// how much it wrote.
func fill(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 16<<10)
	n := 0
	for {
		k, err := f.Write(chunk)
		n += k
		if errors.Is(err, syscall.ENOSPC) {
			f.Sync()
			return n
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// A workspace and a register on a small tmpfs that fills up: the import and
// the register's append are refused with a clear "storage full" (exit 1 and
// HTTP 507, not a hang or a 500), what was there before stays whole, and
// both work again once space returns; the register still verifies. Needs
// root to mount the tmpfs (CI runs as root).
func TestFullDisk(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	db, reg := filepath.Join(dir, "w.db"), filepath.Join(dir, "register")
	small, big := bigOSM(t, 300), bigOSM(t, 30000) // both outside the tmpfs
	mustRun(t, "import", "--db", db, "--source", "first", small)
	mustRun(t, "log", "append", "--dir", reg, "--origin", "test.example/register", "--kind", "viewing", "--agent", "ag-1", "--role", "agent", "--camera", "C1", "--live")
	var tok struct{ Secret string }
	decode(t, mustRun(t, "access", "token", "add", "--db", db, "--id", "ag-2", "--role", "agent", "--json").stdout, &tok)

	cmd := exec.Command(binary, "serve", "--db", db, "--register", reg, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v; stderr %s", err, stderr.String())
	}
	base := strings.TrimSuffix(strings.TrimSpace(line[strings.Index(line, "http://"):]), "/")
	post := func() (int, string) {
		req, _ := http.NewRequest("POST", base+"/api/register/entries",
			strings.NewReader(`{"kind":"viewing","at":"`+ago(time.Minute)+`","cameras":["C1"],"live":true}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok.Secret)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(res.Body)
		return res.StatusCode, b.String()
	}
	if code, body := post(); code != http.StatusCreated {
		t.Fatalf("append before the disk fills: %d %s", code, body)
	}

	filler := filepath.Join(dir, "filler")
	t.Logf("filled the tmpfs with %d KiB", fill(t, filler)>>10)
	r := run(t, "import", "--db", db, "--source", "second", big)
	if r.code != 1 || !strings.Contains(r.stderr, "storage full") || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("import on a full disk: exit %d, %q; want 1 and a clear storage-full message", r.code, r.stderr)
	}
	if code, body := post(); code != http.StatusInsufficientStorage || !strings.Contains(body, `"storage_full"`) || !strings.Contains(body, "free space") ||
		!strings.Contains(body, "do not record it again") {
		t.Errorf("append on a full disk: %d %s; want 507 storage_full; server: %s", code, body, stderr.String())
	}
	if srcs := count(t, db); len(srcs) != 1 || srcs["first"] != 300 {
		t.Errorf("after the refused import: sources %v; want first alone, whole (300 cameras)", srcs)
	}

	// Space returns: everything works again, nothing was lost.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "import", "--db", db, "--source", "second", big)
	if n := count(t, db)["second"]; n != 30000 {
		t.Errorf("after space returned: %d cameras in second, want 30000", n)
	}
	if code, body := post(); code != http.StatusCreated {
		t.Errorf("append after space returned: %d %s", code, body)
	}
	var rep struct {
		OK   bool
		Size int
	}
	// Checkpoints are published every second: wait for the one with all four.
	for deadline := time.Now().Add(5 * time.Second); rep.Size < 4 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		decode(t, mustRun(t, "log", "verify", "--dir", reg, "--json").stdout, &rep)
	}
	// The entry refused while the disk was full was durable in the journal:
	// it is logged first when space returns, so nothing recorded is lost.
	if !rep.OK || rep.Size != 4 {
		t.Errorf("the register after the full disk: %+v, want it verified with 4 entries (2 before, the held one, 1 after)", rep)
	}
}
