package witness

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/transparency-dev/formats/log"
	f_note "github.com/transparency-dev/formats/note"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/merkle/testonly"
	"golang.org/x/mod/sumdb/note"
)

// testLog is a log for the tests: a Merkle tree and a signing key.
type testLog struct {
	signer note.Signer
	vkey   string
	tree   *testonly.Tree
}

func newTestLog(t testing.TB, origin string, leaves ...string) *testLog {
	t.Helper()
	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		t.Fatal(err)
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	l := &testLog{signer: s, vkey: vkey, tree: testonly.New(rfc6962.DefaultHasher)}
	l.add(leaves...)
	return l
}

func (l *testLog) add(leaves ...string) {
	for _, s := range leaves {
		l.tree.AppendData([]byte(s))
	}
}

func (l *testLog) checkpoint(t testing.TB, size uint64) []byte {
	t.Helper()
	cp := log.Checkpoint{Origin: l.signer.Name(), Size: size, Hash: l.tree.HashAt(size)}
	b, err := note.Sign(&note.Note{Text: string(cp.Marshal())}, l.signer)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// body is an add-checkpoint request from old to size.
func (l *testLog) body(t testing.TB, old, size uint64) []byte {
	t.Helper()
	r := Request{Old: old, Checkpoint: l.checkpoint(t, size)}
	if old > 0 && old < size {
		p, err := l.tree.ConsistencyProof(old, size)
		if err != nil {
			t.Fatal(err)
		}
		r.Proof = p
	}
	return r.Bytes()
}

func leaves(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

func newWitness(t testing.TB, logs ...*testLog) (*Witness, string) {
	t.Helper()
	dir := t.TempDir()
	vkey, created, err := Init(dir, "witness.test/w1")
	if err != nil || !created {
		t.Fatal(created, err)
	}
	for _, l := range logs {
		if _, _, err := Follow(dir, l.vkey); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return w, vkey
}

// cosigned checks that a is a 200 whose cosignature verifies with the
// witness's key over cp, and returns the cosignature's time.
func cosigned(t *testing.T, a Answer, cp []byte, vkey string) time.Time {
	t.Helper()
	if a.Status != http.StatusOK {
		t.Fatalf("got %d %q, want 200", a.Status, a.Body)
	}
	v, err := f_note.NewVerifierForCosignatureV1(vkey)
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Open(append(append([]byte{}, cp...), a.Body...), note.VerifierList(v))
	if err != nil || len(n.Sigs) != 1 {
		t.Fatalf("the cosignature %q does not verify: %v", a.Body, err)
	}
	ts, err := f_note.CoSigV1Timestamp(n.Sigs[0])
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestAddCheckpoint(t *testing.T) {
	l := newTestLog(t, "register.test/a", leaves("e", 20)...)
	w, vkey := newWitness(t, l)

	ts := cosigned(t, w.Add(l.body(t, 0, 5)), l.checkpoint(t, 5), vkey)
	if time.Since(ts) > time.Minute || time.Until(ts) > time.Minute {
		t.Errorf("cosignature time %v, want now", ts)
	}
	// A client that does not know what the witness saw learns it.
	if a := w.Add(l.body(t, 0, 9)); a.Status != http.StatusConflict || a.ContentType != "text/x.tlog.size" || string(a.Body) != "5\n" {
		t.Errorf("old 0 after 5: %d %q %q", a.Status, a.ContentType, a.Body)
	}
	cosigned(t, w.Add(l.body(t, 5, 9)), l.checkpoint(t, 9), vkey)
	cosigned(t, w.Add(l.body(t, 9, 9)), l.checkpoint(t, 9), vkey) // the same checkpoint again
	cosigned(t, w.Add(l.body(t, 9, 20)), l.checkpoint(t, 20), vkey)
	if st := w.Latest("register.test/a"); st == nil || st.Size != 20 {
		t.Fatalf("latest: %+v", st)
	}

	// A fork: the same key, another history from entry 3 on.
	fork := &testLog{signer: l.signer, vkey: l.vkey, tree: testonly.New(rfc6962.DefaultHasher)}
	fork.add(leaves("e", 3)...)
	fork.add(leaves("forged", 30)...)
	if a := w.Add(fork.body(t, 20, 20)); a.Status != http.StatusConflict || a.ContentType == "text/x.tlog.size" {
		t.Errorf("a fork at the size already cosigned: %d %q", a.Status, a.Body)
	}
	if a := w.Add(fork.body(t, 20, 33)); a.Status != http.StatusUnprocessableEntity {
		t.Errorf("a fork growing past what was cosigned: %d %q", a.Status, a.Body)
	}
	if a := w.Add(fork.body(t, 0, 33)); a.Status != http.StatusConflict {
		t.Errorf("a fork claiming the witness saw nothing: %d %q", a.Status, a.Body)
	}
	// A rollback is no better: the old size must be what was cosigned.
	if a := w.Add(l.body(t, 9, 12)); a.Status != http.StatusConflict || string(a.Body) != "20\n" {
		t.Errorf("a rollback: %d %q", a.Status, a.Body)
	}
	if st := w.Latest("register.test/a"); st.Size != 20 || !bytes.Equal(st.Root, l.tree.HashAt(20)) {
		t.Errorf("a refused checkpoint changed the state: %+v", st)
	}

	// Unknown origin, another key, malformed bodies.
	other := newTestLog(t, "register.test/b", "x")
	if a := w.Add(other.body(t, 0, 1)); a.Status != http.StatusNotFound {
		t.Errorf("unknown origin: %d", a.Status)
	}
	impostor := newTestLog(t, "register.test/a", leaves("e", 20)...)
	if a := w.Add(impostor.body(t, 20, 20)); a.Status != http.StatusForbidden {
		t.Errorf("signed by another key: %d %q", a.Status, a.Body)
	}
	body := l.body(t, 20, 20)
	for name, b := range map[string][]byte{
		"old larger than size": bytes.Replace(l.body(t, 0, 20), []byte("old 0"), []byte("old 21"), 1),
		"leading zero":         bytes.Replace(body, []byte("old 20"), []byte("old 020"), 1),
		"no old line":          body[len("old 20\n"):],
		"no empty line":        []byte("old 0\nregister.test/a\n"),
		"bad proof line":       bytes.Replace(l.body(t, 9, 20), []byte("\n\n"), []byte("\nnot base64!\n\n"), 1),
		"no final newline":     bytes.TrimSuffix(body, []byte("\n")),
		"empty":                nil,
		"proof from zero":      []byte("old 0\n" + base64.StdEncoding.EncodeToString(make([]byte, 32)) + "\n\n" + string(l.checkpoint(t, 20))),
	} {
		if a := w.Add(b); a.Status != http.StatusBadRequest && a.Status != http.StatusConflict {
			t.Errorf("%s: %d %q, want 400", name, a.Status, a.Body)
		}
	}
	var many bytes.Buffer
	many.WriteString("old 9\n")
	for range maxProofs + 1 {
		many.WriteString(base64.StdEncoding.EncodeToString(make([]byte, 32)) + "\n")
	}
	many.WriteString("\n")
	many.Write(l.checkpoint(t, 20))
	if a := w.Add(many.Bytes()); a.Status != http.StatusBadRequest {
		t.Errorf("64 proof lines: %d", a.Status)
	}
}

// A crash after the checkpoint is recorded and before the cosignature
// leaves: the restarted witness remembers it, and cosigns no fork of it.
func TestCrashBetweenRecordAndAnswer(t *testing.T) {
	l := newTestLog(t, "register.test/a", leaves("e", 12)...)
	w, vkey := newWitness(t, l)
	cosigned(t, w.Add(l.body(t, 0, 4)), l.checkpoint(t, 4), vkey)
	w.afterPersist = func() { panic("killed") }
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("no crash")
			}
		}()
		w.Add(l.body(t, 4, 12))
	}()
	again, err := Open(w.dir)
	if err != nil {
		t.Fatal(err)
	}
	if st := again.Latest("register.test/a"); st == nil || st.Size != 12 {
		t.Fatalf("after the crash: %+v, want the checkpoint of size 12 recorded", st)
	}
	fork := &testLog{signer: l.signer, vkey: l.vkey, tree: testonly.New(rfc6962.DefaultHasher)}
	fork.add(leaves("e", 4)...)
	fork.add(leaves("forged", 8)...)
	if a := again.Add(fork.body(t, 4, 12)); a.Status != http.StatusConflict || string(a.Body) != "12\n" {
		t.Errorf("a fork from before the crash: %d %q", a.Status, a.Body)
	}
	if a := again.Add(fork.body(t, 12, 12)); a.Status != http.StatusConflict {
		t.Errorf("a fork at the recorded size: %d %q", a.Status, a.Body)
	}
	// The log, retrying, gets its cosignature.
	cosigned(t, again.Add(l.body(t, 12, 12)), l.checkpoint(t, 12), vkey)
}

func TestFollowAndKeys(t *testing.T) {
	dir := t.TempDir()
	k1, created, err := Init(dir, "w.test/1")
	if err != nil || !created {
		t.Fatal(err)
	}
	k2, created, err := Init(dir, "w.test/other")
	if err != nil || created || k1 != k2 {
		t.Errorf("Init twice: the witness keeps its key (%q, %q)", k1, k2)
	}
	if _, err := f_note.NewVerifierForCosignatureV1(k1); err != nil || !strings.HasPrefix(k1, "w.test/1+") {
		t.Errorf("verifier key %q: %v", k1, err)
	}
	l := newTestLog(t, "register.test/a")
	if o, added, err := Follow(dir, l.vkey); err != nil || !added || o != "register.test/a" {
		t.Errorf("follow: %q %v %v", o, added, err)
	}
	if _, added, err := Follow(dir, l.vkey); err != nil || added {
		t.Errorf("following twice changes nothing: %v %v", added, err)
	}
	if _, _, err := Follow(dir, newTestLog(t, "register.test/a").vkey); err == nil {
		t.Error("another key for the same origin must be refused")
	}
	for _, bad := range []string{"", "nonsense", "a+b+c", k1 + "x"} {
		if _, _, err := Follow(dir, bad); err == nil {
			t.Errorf("Follow(%q) accepted", bad)
		}
	}
	if _, _, err := Init(t.TempDir(), "bad name"); err == nil {
		t.Error("a name with a space is not a key name")
	}
}

func TestHandler(t *testing.T) {
	l := newTestLog(t, "register.test/a", leaves("e", 5)...)
	w, vkey := newWitness(t, l)
	ts := httptest.NewServer(w.Handler())
	defer ts.Close()
	res, err := http.Post(ts.URL+"/add-checkpoint", "text/plain", bytes.NewReader(l.body(t, 0, 5)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	res.Body.Close()
	cosigned(t, Answer{Status: res.StatusCode, Body: b.Bytes()}, l.checkpoint(t, 5), vkey)
	huge := bytes.Repeat([]byte("x"), MaxBody+1)
	if res, err := http.Post(ts.URL+"/add-checkpoint", "text/plain", bytes.NewReader(huge)); err != nil || res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the bound: %v %v", res.StatusCode, err)
	}
	if res, err := http.Get(ts.URL + "/add-checkpoint"); err != nil || res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET add-checkpoint: %v %v", res.StatusCode, err)
	}
	limited := 0
	for range 100 {
		res, err := http.Post(ts.URL+"/add-checkpoint", "text/plain", strings.NewReader("old 0\n"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 {
		t.Error("a flood from one address is limited")
	}
	// A forged X-Forwarded-For does not make one client many: the limit
	// is by the connection's address, which a header cannot change.
	limited = 0
	for i := range 100 {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/add-checkpoint", strings.NewReader("old 0\n"))
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited < 30 {
		t.Errorf("a flood with forged X-Forwarded-For headers: only %d of 100 limited", limited)
	}
}

func FuzzParseRequest(f *testing.F) {
	f.Add([]byte("old 0\n\nregister.test/a\n1\nAAAA\n\n— x y\n"))
	f.Add([]byte("old 5\n" + base64.StdEncoding.EncodeToString(make([]byte, 32)) + "\n\nx\n"))
	f.Add([]byte("old 01\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseRequest(b)
		if err != nil {
			return
		}
		if len(r.Proof) > maxProofs || len(r.Checkpoint) == 0 || r.Checkpoint[len(r.Checkpoint)-1] != '\n' {
			t.Fatalf("accepted %q as %+v", b, r)
		}
		for _, h := range r.Proof {
			if len(h) != 32 {
				t.Fatalf("a proof hash of %d bytes", len(h))
			}
		}
		again, err := ParseRequest(r.Bytes())
		if err != nil || again.Old != r.Old || len(again.Proof) != len(r.Proof) || !bytes.Equal(again.Checkpoint, r.Checkpoint) {
			t.Fatalf("%q read as %+v writes back as %q, read again as %+v (%v)", b, r, r.Bytes(), again, err)
		}
		for i := range r.Proof {
			if !bytes.Equal(again.Proof[i], r.Proof[i]) {
				t.Fatalf("proof line %d changed on the way back", i+1)
			}
		}
	})
}

// A state file that is not what it should be stops the witness rather than
// letting it forget what it cosigned (and cosign a fork of it).
func TestDamagedStateRefused(t *testing.T) {
	l := newTestLog(t, "register.test/a", leaves("e", 4)...)
	w, vkey := newWitness(t, l)
	cosigned(t, w.Add(l.body(t, 0, 4)), l.checkpoint(t, 4), vkey)
	for name, body := range map[string]string{
		"truncated":      `{"origin": "register.test/a", "size": 4`,
		"another origin": `{"origin": "register.test/b", "size": 4, "root": "` + base64.StdEncoding.EncodeToString(make([]byte, 32)) + `"}`,
		"no root":        `{"origin": "register.test/a", "size": 4}`,
	} {
		if err := os.WriteFile(statePath(w.dir, "register.test/a"), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(w.dir); err == nil {
			t.Errorf("%s state: the witness opened", name)
		}
	}
}
