package auditlog_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(t time.Time) *time.Time { return &t }

// entries has one entry of each kind, as an agent would record them.
func entries() []clairvoie.RegisterEntry {
	from, to := ptr(at("2026-11-02T21:00:00Z")), ptr(at("2026-11-02T21:30:00Z"))
	return []clairvoie.RegisterEntry{
		{Kind: clairvoie.RegisterViewing, At: at("2026-11-03T08:00:00Z"), Agent: "ag-7f3a", Role: clairvoie.RoleAgent, Cameras: []string{"C12"}, Live: true},
		{Kind: clairvoie.RegisterViewing, At: at("2026-11-03T09:00:00Z"), Agent: "ag-7f3a", Role: clairvoie.RoleAgent, Cameras: []string{"C12"}, From: from, To: to},
		{Kind: clairvoie.RegisterExtraction, At: at("2026-11-03T10:00:00Z"), Agent: "ag-51c0", Role: clairvoie.RoleAgent, Cameras: []string{"C12", "C13"}, From: from, To: to,
			Requisition: "PV-2026-11-0412", Service: "police-nationale:dipn13", Support: "USB-0193", ClipSHA256: strings.Repeat("ab", 32)},
		{Kind: clairvoie.RegisterTransmission, At: at("2026-11-03T11:00:00Z"), Agent: "sup-02", Role: clairvoie.RoleSupervisor, Cameras: []string{"C12"}, From: from, To: to,
			Recipient: "tribunal-judiciaire:marseille", LegalBasis: "cpp-77-1-1", Requisition: "PV-2026-11-0412"},
		{Kind: clairvoie.RegisterDestruction, At: at("2026-12-02T21:00:00Z"), Agent: "vms", Role: clairvoie.RoleSystem, Cameras: []string{"C12"}, From: from, To: to, Mode: "automatic"},
		{Kind: clairvoie.RegisterConfig, At: at("2026-11-04T12:00:00Z"), Agent: "adm-1", Role: clairvoie.RoleAdmin, Cameras: []string{"C14"}, Change: "retention_changed", Value: "15"},
	}
}

func open(t *testing.T, dir string) *auditlog.Log {
	t.Helper()
	// The register's clock: the day after the entries (a month long: the
	// time bounds have tests of their own, in time_test.go).
	l, err := auditlog.Open(context.Background(), dir, auditlog.Options{Origin: "test.example/clairvoie/register", CheckpointInterval: 100 * time.Millisecond,
		Now: func() time.Time { return at("2026-12-03T00:00:00Z") }, MaxLag: 40 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func appendAll(t *testing.T, dir string, es []clairvoie.RegisterEntry) []clairvoie.Receipt {
	t.Helper()
	ctx := context.Background()
	l := open(t, dir)
	rs, err := l.Append(ctx, es)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	return rs
}

func verify(t *testing.T, dir string, since []byte, rs []clairvoie.Receipt) auditlog.Report {
	t.Helper()
	key, err := auditlog.VerifierKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := auditlog.Verify(context.Background(), auditlog.DirSource(dir), key, since, rs)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestAppendAndVerify(t *testing.T) {
	dir := t.TempDir()
	rs := appendAll(t, dir, entries())
	for i, r := range rs {
		if r.Index != uint64(i) {
			t.Errorf("receipt %d has index %d", i, r.Index)
		}
	}
	rep := verify(t, dir, nil, rs)
	if !rep.OK || rep.Size != 6 || !rep.Signature || !rep.Tree || rep.Tiles != 1 || len(rep.Inclusions) != 6 {
		t.Fatalf("report %+v", rep)
	}
	kept, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil {
		t.Fatal(err)
	}
	// 300 more: two level-0 tiles and a level-1 tile; the old checkpoint is
	// a prefix of the new tree.
	var more []clairvoie.RegisterEntry
	for i := 0; i < 50; i++ {
		more = append(more, entries()...)
	}
	rs2 := appendAll(t, dir, more)
	rep = verify(t, dir, kept, append(rs[:1], rs2[299]))
	if !rep.OK || rep.Size != 306 || rep.Tiles != 3 || rep.Since == nil || !rep.Since.Consistent || rep.Since.Size != 6 {
		t.Fatalf("report %+v", rep)
	}
	// A receipt whose entry was changed after the fact is not in the log.
	forged := rs[2]
	forged.Entry.Service = "gendarmerie"
	if rep := verify(t, dir, nil, []clairvoie.Receipt{forged}); rep.OK || rep.Inclusions[0].Included {
		t.Errorf("forged receipt passed: %+v", rep)
	}
}

func TestVerifyCatchesTampering(t *testing.T) {
	dir := t.TempDir()
	appendAll(t, dir, entries())
	kept, _ := os.ReadFile(filepath.Join(dir, "checkpoint"))
	for _, tc := range []struct {
		file string
		at   int // byte to flip, from the end
		want string
	}{
		{"tile/entries/000.p/6", 1, "root hash"},
		{"tile/0/000.p/6", 1, "tile 0/0"},
		{"checkpoint", 20, "checkpoint"},
	} {
		path := filepath.Join(dir, tc.file)
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		bad := bytes.Clone(orig)
		bad[len(bad)-tc.at] ^= 1
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		rep := verify(t, dir, nil, nil)
		if rep.OK || !strings.Contains(strings.Join(rep.Problems, "; "), tc.want) {
			t.Errorf("%s altered: report %+v, want a problem about %q", tc.file, rep, tc.want)
		}
		os.WriteFile(path, orig, 0o644)
	}
	if rep := verify(t, dir, kept, nil); !rep.OK {
		t.Fatalf("restored: %+v", rep)
	}
	// A rewritten history: the same key, the same number of entries, one
	// changed. The new checkpoint is validly signed, but the one kept
	// earlier catches it.
	for _, p := range []string{"checkpoint", "tile", ".state"} {
		os.RemoveAll(filepath.Join(dir, p))
	}
	os.Remove(filepath.Join(dir, "private", "journal.jsonl"))
	es := entries()
	es[2].Service = "gendarmerie"
	appendAll(t, dir, es)
	if rep := verify(t, dir, nil, nil); !rep.OK {
		t.Fatalf("the rewritten log verifies alone, as it should: %+v", rep)
	}
	if rep := verify(t, dir, kept, nil); rep.OK || rep.Since == nil || rep.Since.Consistent {
		t.Errorf("rewritten history not caught: %+v", rep)
	}
}

func TestRecoverAfterCrash(t *testing.T) {
	dir := t.TempDir()
	rs := appendAll(t, dir, entries())
	journal := filepath.Join(dir, "private", "journal.jsonl")
	b, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	// The index lines lost, and a torn line: as if the process died after
	// the log took the entries but before the journal said so.
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.Contains(l, `"indexed"`) {
			keep = append(keep, l)
		}
	}
	if err := os.WriteFile(journal, []byte(strings.Join(keep, "\n")+"\n{\"entry\":{\"ki"), 0o600); err != nil {
		t.Fatal(err)
	}
	l := open(t, dir)
	got := l.Receipts()
	if err := l.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rs) {
		t.Fatalf("%d receipts after recovery, want %d", len(got), len(rs))
	}
	for i := range rs {
		if got[i].Index != rs[i].Index || got[i].Salt != rs[i].Salt {
			t.Errorf("receipt %d: %+v, want %+v", i, got[i], rs[i])
		}
	}
	if rep := verify(t, dir, nil, got); !rep.OK || rep.Size != 6 {
		t.Errorf("found again, not appended twice: %+v", rep)
	}
}

func TestAppendRefusesBadEntries(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir)
	defer l.Close(context.Background())
	es := entries()
	es[3].Recipient = "Jean Dupont"
	_, err := l.Append(context.Background(), es)
	if err == nil || !strings.Contains(err.Error(), "entry 4") || !strings.Contains(err.Error(), `"recipient"`) {
		t.Fatalf("err = %v", err)
	}
	if n := len(l.Receipts()); n != 0 {
		t.Errorf("%d entries logged from a refused batch", n)
	}
}

// The operator's verification recomputes each journal entry's commitment
// against the log: an edited camera, a deleted line, a repeated line are
// problems, and the counts leave out what does not verify (issue 14).
func TestJournalTamperingIsCaught(t *testing.T) {
	ctx := context.Background()
	for name, edit := range map[string]func([]string) []string{
		"camera changed": func(ls []string) []string {
			ls[0] = strings.Replace(ls[0], `"C12"`, `"C99"`, 1)
			return ls
		},
		"line deleted": func(ls []string) []string {
			var out []string
			for i, l := range ls {
				if i != 2 { // the third entry line
					out = append(out, l)
				}
			}
			return out
		},
		"line repeated": func(ls []string) []string { return append(ls, ls[0]) },
	} {
		dir := t.TempDir()
		rs := appendAll(t, dir, entries())
		path := filepath.Join(dir, "private", "journal.jsonl")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if err := os.WriteFile(path, []byte(strings.Join(edit(lines), "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		got, rep, err := auditlog.ReadVerified(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) == 0 || len(got) >= len(rs) && name != "line repeated" || len(got) > len(rs) {
			t.Errorf("%s: %d of %d entries verified, problems %q", name, len(got), len(rs), rep.Problems)
		}
	}
	// Untouched, everything verifies.
	dir := t.TempDir()
	rs := appendAll(t, dir, entries())
	got, rep, err := auditlog.ReadVerified(ctx, dir)
	if err != nil || len(rep.Problems) != 0 || len(got) != len(rs) {
		t.Errorf("untouched: %d of %d, %v, %v", len(got), len(rs), rep.Problems, err)
	}
}

// The register keeps the time it received each entry, whatever the writer
// says, refuses a time that has not come or that is more than MaxLag old,
// and marks imported entries.
func TestRegisterKeepsTime(t *testing.T) {
	ctx := context.Background()
	now := at("2026-12-03T12:00:00Z")
	l, err := auditlog.Open(ctx, t.TempDir(), auditlog.Options{Origin: "test.example/register", CheckpointInterval: 100 * time.Millisecond,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	e := clairvoie.RegisterEntry{Kind: clairvoie.RegisterViewing, At: now.Add(-time.Hour), Agent: "ag-1", Role: clairvoie.RoleAgent,
		Cameras: []string{"C1"}, Live: true, Recorded: at("2000-01-01T00:00:00Z"), Imported: true}
	rs, err := l.Append(ctx, []clairvoie.RegisterEntry{e})
	if err != nil || !rs[0].Entry.Recorded.Equal(now) || rs[0].Entry.Imported {
		t.Fatalf("append: %+v, %v; want the register's time and not imported", rs, err)
	}
	for name, when := range map[string]time.Time{"in 2100": at("2100-01-01T00:00:00Z"), "in an hour": now.Add(time.Hour),
		"in 2000": at("2000-01-01T00:00:00Z"), "two days ago": now.Add(-48 * time.Hour)} {
		e.At = when
		if _, err := l.Append(ctx, []clairvoie.RegisterEntry{e}); clairvoie.ErrorCode(err) != clairvoie.EINVALID || !strings.Contains(err.Error(), `"at"`) {
			t.Errorf("%s: %v, want the field \"at\" refused", name, err)
		}
	}
	e.At = now.Add(-48 * time.Hour)
	rs, _, err = l.Import(ctx, []clairvoie.RegisterEntry{e})
	if err != nil || !rs[0].Entry.Imported || !rs[0].Entry.Recorded.Equal(now) {
		t.Errorf("import of an old entry: %+v, %v; want it recorded now and marked imported", rs, err)
	}
	e.At = now.Add(time.Hour)
	if _, _, err := l.Import(ctx, []clairvoie.RegisterEntry{e}); err == nil {
		t.Errorf("import of an entry in the future: accepted")
	}
}
