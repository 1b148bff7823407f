package main_test

import (
	"bufio"
	crand "crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	f_note "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
)

// startWitness runs 'clairvoie witness serve' on a free port and returns
// its base URL and the process.
func startWitness(t *testing.T, dir, addr string) (string, *exec.Cmd) {
	t.Helper()
	if addr == "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr = ln.Addr().String()
		ln.Close()
	}
	cmd := exec.Command(binary, "witness", "serve", "--dir", dir, "--addr", addr)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.Contains(line, "listening on http://"+addr) {
		t.Fatalf("witness serve: %q %v", line, err)
	}
	return "http://" + addr, cmd
}

// copyDir copies a register whole (the same key: a copy that may fork).
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		t.Fatal(string(out))
	}
}

// appendOne appends a live viewing of camera to the register in dir.
func appendOne(t *testing.T, dir, camera string) result {
	t.Helper()
	return run(t, "log", "append", "--dir", dir, "--origin", "test.example/register", "--kind", "viewing", "--at", ago(time.Minute),
		"--agent", "ag-1", "--role", "agent", "--camera", camera, "--live", "--json")
}

type verifyReport struct {
	OK        bool   `json:"ok"`
	Size      uint64 `json:"size"`
	Witnessed *struct {
		OK           bool `json:"ok"`
		Cosignatures []struct {
			Witness string    `json:"witness"`
			Time    time.Time `json:"time"`
		} `json:"cosignatures"`
	} `json:"witnessed"`
}

func verifyWitnessed(t *testing.T, dir string, args ...string) (verifyReport, result) {
	t.Helper()
	r := run(t, append([]string{"log", "verify", "--dir", dir, "--json"}, args...)...)
	var rep verifyReport
	decode(t, r.stdout, &rep)
	return rep, r
}

// The register's checkpoints are cosigned by its witness; a copy of the
// register (same key) that takes another history never gets a cosigned
// checkpoint holding its new entries; verification with the witness's key
// vouches for the cosigned size only.
func TestWitnessedRegister(t *testing.T) {
	tmp := t.TempDir()
	reg, wdir := filepath.Join(tmp, "register"), filepath.Join(tmp, "witness")
	if r := appendOne(t, reg, "C1"); r.code != 0 {
		t.Fatalf("first entry: %+v", r)
	}
	logKey := strings.TrimSpace(mustRun(t, "log", "key", "--dir", reg).stdout)
	var fol struct {
		Origin     string `json:"origin"`
		Added      bool   `json:"added"`
		WitnessKey string `json:"witness_key"`
		Created    bool   `json:"witness_created"`
	}
	decode(t, mustRun(t, "witness", "follow", "--dir", wdir, "--key", logKey, "--name", "witness.test/w1", "--json").stdout, &fol)
	if fol.Origin != "test.example/register" || !fol.Added || !fol.Created || !strings.HasPrefix(fol.WitnessKey, "witness.test/w1+") {
		t.Fatalf("witness follow: %+v", fol)
	}
	wkey := strings.TrimSpace(mustRun(t, "witness", "key", "--dir", wdir).stdout)
	if wkey != fol.WitnessKey {
		t.Errorf("witness key %q, follow said %q", wkey, fol.WitnessKey)
	}
	url, _ := startWitness(t, wdir, "")

	// Before the witness: no checkpoint it vouches for.
	if rep, r := verifyWitnessed(t, reg, "--witness", wkey); r.code == 0 || rep.OK || rep.Witnessed == nil || rep.Witnessed.OK {
		t.Errorf("verify --witness before any cosignature must fail: %+v", r)
	}
	mustRun(t, "log", "witness", "--dir", reg, "--url", url, "--key", wkey)
	for _, c := range []string{"C2", "C3"} {
		if r := appendOne(t, reg, c); r.code != 0 || r.stderr != "" {
			t.Fatalf("append %s with the witness up: %+v", c, r)
		}
	}
	rep, r := verifyWitnessed(t, reg, "--witness", wkey)
	if r.code != 0 || !rep.OK || rep.Size != 3 || len(rep.Witnessed.Cosignatures) != 1 || rep.Witnessed.Cosignatures[0].Witness != "witness.test/w1" ||
		time.Since(rep.Witnessed.Cosignatures[0].Time) > time.Minute {
		t.Fatalf("verify --witness: %+v %s", rep, r.stdout)
	}
	// Another witness's key is not this one.
	other := filepath.Join(tmp, "other")
	otherKey := strings.TrimSpace(mustRun(t, "witness", "key", "--dir", other).stdout)
	if _, r := verifyWitnessed(t, reg, "--witness", otherKey); r.code != 1 {
		t.Errorf("a key that did not cosign: exit %d", r.code)
	}
	if _, r := verifyWitnessed(t, reg, "--witness", wkey, "--witness", otherKey, "--quorum", "1"); r.code != 0 {
		t.Errorf("1 of 2: exit %d %s", r.code, r.stdout)
	}
	if _, r := verifyWitnessed(t, reg, "--witness", wkey, "--witness", otherKey); r.code != 1 {
		t.Errorf("2 of 2 with one cosignature: exit %d", r.code)
	}

	// A split view: a copy with the same key, diverging after entry 3.
	fork := filepath.Join(tmp, "fork")
	copyDir(t, reg, fork)
	if r := appendOne(t, reg, "C4"); r.code != 0 {
		t.Fatal(r)
	}
	r = appendOne(t, fork, "FORGED")
	if r.code != 0 || !strings.Contains(r.stderr, "witnesses' quorum has not cosigned") {
		t.Errorf("the fork's entry is durable but not witnessed: %+v", r)
	}
	frep, _ := verifyWitnessed(t, fork, "--witness", wkey)
	if frep.Size != 3 {
		t.Errorf("the fork's served checkpoint must stay the last cosigned (3), got %d", frep.Size)
	}
	b, _ := os.ReadFile(filepath.Join(fork, "checkpoint"))
	if strings.Count(string(b), "— ") > 1 && !strings.HasPrefix(string(b), "test.example/register\n3\n") {
		t.Errorf("the fork got a cosigned checkpoint past the split:\n%s", b)
	}
	if rep, _ := verifyWitnessed(t, reg, "--witness", wkey); rep.Size != 4 || !rep.OK {
		t.Errorf("the register goes on being cosigned: %+v", rep)
	}
}

// k of n: with one of two witnesses down, a quorum of one publishes, a
// quorum of two holds the checkpoint back (the entries are still durable).
func TestWitnessQuorum(t *testing.T) {
	tmp := t.TempDir()
	reg := filepath.Join(tmp, "register")
	if r := appendOne(t, reg, "C1"); r.code != 0 {
		t.Fatal(r)
	}
	logKey := strings.TrimSpace(mustRun(t, "log", "key", "--dir", reg).stdout)
	var urls, keys []string
	var procs []*exec.Cmd
	for i := range 2 {
		d := filepath.Join(tmp, fmt.Sprintf("w%d", i))
		mustRun(t, "witness", "follow", "--dir", d, "--key", logKey, "--name", fmt.Sprintf("witness.test/w%d", i))
		u, p := startWitness(t, d, "")
		urls, procs = append(urls, u), append(procs, p)
		keys = append(keys, strings.TrimSpace(mustRun(t, "witness", "key", "--dir", d).stdout))
	}
	mustRun(t, "log", "witness", "--dir", reg, "--url", urls[0], "--key", keys[0])
	var pol struct {
		Quorum    int `json:"quorum"`
		Witnesses []struct{ Name string }
	}
	decode(t, mustRun(t, "log", "witness", "--dir", reg, "--url", urls[1], "--key", keys[1], "--quorum", "1", "--json").stdout, &pol)
	if pol.Quorum != 1 || len(pol.Witnesses) != 2 {
		t.Fatalf("policy: %+v", pol)
	}
	if r := appendOne(t, reg, "C2"); r.code != 0 {
		t.Fatal(r)
	}
	procs[1].Process.Kill()
	procs[1].Wait()
	if r := appendOne(t, reg, "C3"); r.code != 0 || r.stderr != "" {
		t.Fatalf("1 of 2 with one down: %+v", r)
	}
	if rep, r := verifyWitnessed(t, reg, "--witness", keys[0], "--witness", keys[1], "--quorum", "1"); r.code != 0 || rep.Size != 3 {
		t.Errorf("1 of 2: %+v", rep)
	}
	mustRun(t, "log", "witness", "--dir", reg, "--url", urls[1], "--key", keys[1], "--quorum", "2")
	r := appendOne(t, reg, "C4")
	var rc struct{ Index uint64 }
	decode(t, r.stdout, &rc)
	if r.code != 0 || rc.Index != 3 || !strings.Contains(r.stderr, "quorum") {
		t.Errorf("2 of 2 with one down: the entry is acknowledged, the checkpoint waits: %+v", r)
	}
	if rep, _ := verifyWitnessed(t, reg, "--witness", keys[0], "--witness", keys[1], "--quorum", "1"); rep.Size != 3 {
		t.Errorf("the served checkpoint stays the last cosigned: %d", rep.Size)
	}
}

// kill -9 the witness at random moments while the register publishes: a
// restarted witness never forgets what it cosigned, so a fork of a size it
// cosigned is refused after every restart.
func TestWitnessSurvivesKill9(t *testing.T) {
	tmp := t.TempDir()
	reg, wdir := filepath.Join(tmp, "register"), filepath.Join(tmp, "witness")
	appendOne(t, reg, "C0")
	logKey := strings.TrimSpace(mustRun(t, "log", "key", "--dir", reg).stdout)
	mustRun(t, "witness", "follow", "--dir", wdir, "--key", logKey)
	wkey := strings.TrimSpace(mustRun(t, "witness", "key", "--dir", wdir).stdout)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	url, w := startWitness(t, wdir, addr)
	mustRun(t, "log", "witness", "--dir", reg, "--url", url, "--key", wkey)
	fork := filepath.Join(tmp, "fork")
	copyDir(t, reg, fork)
	rng := rand.New(rand.NewPCG(7, 11))
	cosignedMax := uint64(0)
	for i := range 12 {
		done := make(chan result, 1)
		go func() { done <- appendOne(t, reg, fmt.Sprintf("C%d", i+1)) }()
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		w.Process.Signal(syscall.SIGKILL)
		w.Wait()
		_, w = startWitness(t, wdir, addr)
		<-done
		if rep, _ := verifyWitnessed(t, reg, "--witness", wkey); rep.OK && rep.Size > cosignedMax {
			cosignedMax = rep.Size
		}
		// What the witness says it holds is never less than what it cosigned.
		res, err := http.Get(url + "/")
		if err != nil {
			t.Fatal(err)
		}
		var st struct{ Logs []struct{ Size uint64 } }
		json.NewDecoder(res.Body).Decode(&st)
		res.Body.Close()
		if len(st.Logs) != 1 || st.Logs[0].Size < cosignedMax {
			t.Fatalf("round %d: the witness holds %+v, it cosigned %d", i, st.Logs, cosignedMax)
		}
	}
	if cosignedMax < 2 {
		t.Fatalf("the register was cosigned up to %d only", cosignedMax)
	}
	// The copy, diverging now, is never cosigned past what it shares.
	appendOne(t, fork, "FORGED")
	if rep, _ := verifyWitnessed(t, fork, "--witness", wkey); rep.OK && rep.Size > 1 {
		t.Errorf("the fork got a cosigned checkpoint of size %d", rep.Size)
	}
}

// The monitor follows a served register, keeps its checkpoint, and exits 3
// with both checkpoints when the register serves another history.
func TestLogMonitorCatchesFork(t *testing.T) {
	tmp := t.TempDir()
	reg := filepath.Join(tmp, "register")
	for _, c := range []string{"C1", "C2"} {
		appendOne(t, reg, c)
	}
	fork := filepath.Join(tmp, "fork")
	copyDir(t, reg, fork)
	appendOne(t, reg, "C3")
	appendOne(t, fork, "FORGED")
	appendOne(t, fork, "FORGED2")
	var served atomic.Value // the directory served, switched to the fork below
	served.Store(reg)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.FileServer(http.Dir(served.Load().(string))).ServeHTTP(w, r)
	}))
	defer srv.Close()
	key := strings.TrimSpace(mustRun(t, "log", "key", "--dir", reg).stdout)
	state := filepath.Join(tmp, "monitor.cp")
	r := run(t, "log", "monitor", "--url", srv.URL+"/", "--key", key, "--state", state, "--once", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"size": 3`) {
		t.Fatalf("first poll: %+v", r)
	}
	appendOne(t, reg, "C4")
	if r := run(t, "log", "monitor", "--url", srv.URL+"/", "--key", key, "--state", state, "--once", "--json"); r.code != 0 {
		t.Fatalf("the register grew: %+v", r)
	}
	served.Store(fork) // the same URL now serves the copy: 4 entries, another history from the third
	r = run(t, "log", "monitor", "--url", srv.URL+"/", "--key", key, "--state", state, "--once", "--json")
	var ev struct {
		Fork         bool
		Reason       string
		Kept, Served string
	}
	decode(t, r.stdout, &ev)
	if r.code != 3 || !ev.Fork || !strings.HasPrefix(ev.Kept, "test.example/register\n4\n") || !strings.HasPrefix(ev.Served, "test.example/register\n4\n") ||
		!strings.Contains(ev.Reason, "two roots") {
		t.Fatalf("a fork at the same size: %+v %+v", r, ev)
	}
	kept, _ := os.ReadFile(state)
	if string(kept) != ev.Kept {
		t.Error("the evidence must not overwrite the checkpoint kept")
	}
	if r := run(t, "log", "monitor", "--url", srv.URL+"/", "--key", "nonsense", "--state", state, "--once"); r.code != 2 {
		t.Errorf("a bad key is a usage error: %+v", r)
	}
}

// Interoperability: the register's checkpoints cosigned by the reference
// witness of transparency-dev (omniwitness, built from the module proxy by
// scripts/test.sh), and clairvoie's monitor gossiping to it.
func TestOmniwitnessInterop(t *testing.T) {
	omni := os.Getenv("CLAIRVOIE_OMNIWITNESS")
	if omni == "" {
		t.Skip("CLAIRVOIE_OMNIWITNESS is not set: scripts/test.sh builds transparency-dev's omniwitness and sets it")
	}
	tmp := t.TempDir()
	reg := filepath.Join(tmp, "register")
	appendOne(t, reg, "C1")
	logKey := strings.TrimSpace(mustRun(t, "log", "key", "--dir", reg).stdout)
	skey, vkey, err := note.GenerateKey(crand.Reader, "omniwitness.test/w1")
	if err != nil {
		t.Fatal(err)
	}
	wkey, err := f_note.VKeyToCosignatureV1(vkey)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(tmp, "skey"), []byte(skey), 0o600)
	os.WriteFile(filepath.Join(tmp, "logs.yaml"), []byte("Logs:\n  - Origin: test.example/register\n    PublicKey: "+logKey+"\n    URL: http://127.0.0.1:9/\n"), 0o644)
	ports := make([]string, 2)
	for i := range ports {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		ports[i] = ln.Addr().String()
		ln.Close()
	}
	cmd := exec.Command(omni, "--listen", ports[0], "--metrics_listen", ports[1], "--private_key_path", filepath.Join(tmp, "skey"),
		"--db_file", filepath.Join(tmp, "omni.db"), "--additional_logs", filepath.Join(tmp, "logs.yaml"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	url := "http://" + ports[0]
	for i := 0; ; i++ {
		if res, err := http.Post(url+"/add-checkpoint", "text/plain", strings.NewReader("")); err == nil {
			res.Body.Close()
			break
		}
		if i == 100 {
			t.Fatalf("omniwitness did not start: %s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	mustRun(t, "log", "witness", "--dir", reg, "--url", url, "--key", wkey)
	for _, c := range []string{"C2", "C3"} {
		if r := appendOne(t, reg, c); r.code != 0 || r.stderr != "" {
			t.Fatalf("append with omniwitness: %+v\n%s", r, stderr.String())
		}
	}
	rep, r := verifyWitnessed(t, reg, "--witness", wkey)
	if r.code != 0 || rep.Size != 3 || len(rep.Witnessed.Cosignatures) != 1 || rep.Witnessed.Cosignatures[0].Witness != "omniwitness.test/w1" {
		t.Fatalf("omniwitness's cosignature: %+v %s", rep, r.stdout)
	}
	// clairvoie's monitor speaks the same protocol to it.
	srv := httptest.NewServer(http.FileServer(http.Dir(reg)))
	defer srv.Close()
	appendOne(t, reg, "C4")
	if r := run(t, "log", "monitor", "--url", srv.URL+"/", "--key", logKey, "--state", filepath.Join(tmp, "m.cp"), "--witness-url", url, "--once", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"ok": true`) {
		t.Fatalf("monitor gossiping to omniwitness: %+v", r)
	}
}
