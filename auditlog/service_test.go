package auditlog_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
)

func TestPublicPath(t *testing.T) {
	for _, p := range []string{"checkpoint", "tile/0/000", "tile/0/x001/234", "tile/1/000.p/12", "tile/entries/000", "tile/entries/x123/456.p/7"} {
		if !auditlog.PublicPath(p) {
			t.Errorf("%s: refused", p)
		}
	}
	for _, p := range []string{"", "private/journal.jsonl", "log.vkey", "log.key", ".state/treeState", "tile", "tile/0", "tile/0/0000",
		"tile/0/00", "tile/entries/../private/journal.jsonl", "tile/abc/000", "tile/0/000.p/0", "tile/0/000.p/256", "checkpoint/x", "tile/0/x1/000"} {
		if auditlog.PublicPath(p) {
			t.Errorf("%s: accepted", p)
		}
	}
}

// The register as a service: its verified entries (read again when the
// journal changes), its checkpoint, its key, and a public FS that serves
// the log and nothing private.
func TestRegisterService(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "register")
	var svc clairvoie.RegisterService = open(t, dir)
	defer svc.(*auditlog.Log).Close(ctx)
	es := entries()
	if _, err := svc.Append(ctx, es[:2]); err != nil {
		t.Fatal(err)
	}
	waitVerified := func(n int) []clairvoie.Receipt {
		t.Helper()
		for i := 0; i < 100; i++ {
			v, _, problems, err := svc.Entries(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if len(v) == n {
				return v
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("never %d verified entries", n)
		return nil
	}
	waitVerified(2)
	if _, err := svc.Append(ctx, es[2:3]); err != nil {
		t.Fatal(err)
	}
	if v := waitVerified(3); v[2].Entry.Kind != es[2].Kind {
		t.Errorf("third entry %+v", v[2].Entry)
	}
	cp, err := svc.Checkpoint(ctx)
	if err != nil || !strings.HasPrefix(string(cp), "test.example/clairvoie/register\n") {
		t.Fatalf("checkpoint %q, %v", cp, err)
	}
	if svc.Origin() != "test.example/clairvoie/register" || !strings.HasPrefix(svc.VerifierKey(), svc.Origin()+"+") {
		t.Errorf("origin %q, key %q", svc.Origin(), svc.VerifierKey())
	}
	pub := svc.Public()
	if b, err := fs.ReadFile(pub, "checkpoint"); err != nil || string(b) != string(cp) {
		t.Errorf("public checkpoint: %v", err)
	}
	if _, err := fs.ReadFile(pub, "tile/entries/000.p/3"); err != nil {
		t.Errorf("public entry bundle: %v", err)
	}
	for _, p := range []string{"private/journal.jsonl", "log.vkey", "private"} {
		if _, err := fs.ReadFile(pub, p); err == nil {
			t.Errorf("%s served as public", p)
		}
	}
}

// A register's name is the first line of every published checkpoint: a
// person's contact or name is refused there, without being echoed.
func TestOriginScreened(t *testing.T) {
	for _, origin := range []string{"jean.dupont@example.org/register", "mairie.example/06 12 34 56 78"} {
		_, err := auditlog.Open(context.Background(), filepath.Join(t.TempDir(), "reg"), auditlog.Options{Origin: origin})
		if err == nil || clairvoie.ErrorCode(err) != clairvoie.EINVALID || strings.Contains(err.Error(), "dupont") || strings.Contains(err.Error(), "56 78") {
			t.Errorf("origin %q: %v; want EINVALID without the value", origin, err)
		}
	}
}
