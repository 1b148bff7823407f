package auditlog

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/transparency-dev/tessera/api/layout"
)

// The register as the rest of clairvoie sees it (clairvoie.RegisterService):
// its verified entries, its checkpoint, its key and its public files. Only
// this package knows the directory's layout.

var _ clairvoie.RegisterService = (*Log)(nil)

// journalPath is where the private journal lives in a register's directory.
func journalPath(dir string) string { return filepath.Join(dir, "private", "journal.jsonl") }

// entriesCache keeps the verified entries until the journal or the
// checkpoint changes (another process may append between two reads).
type entriesCache struct {
	mu                sync.Mutex
	size              int64
	modTime, cpTime   time.Time
	verified, pending []clairvoie.Receipt
	problems          []string
	filled            bool
}

// Entries implements clairvoie.RegisterService: the journal checked
// against the log (ReadVerified), read again only when the journal or the
// checkpoint has changed.
func (l *Log) Entries(ctx context.Context) (verified, pending []clairvoie.Receipt, problems []string, err error) {
	c := &l.entries
	c.mu.Lock()
	defer c.mu.Unlock()
	fi, err := os.Stat(journalPath(l.dir))
	if err != nil {
		return nil, nil, nil, err
	}
	var cpTime time.Time
	if cp, err := os.Stat(filepath.Join(l.dir, layout.CheckpointPath)); err == nil {
		cpTime = cp.ModTime()
	}
	if c.filled && fi.Size() == c.size && fi.ModTime().Equal(c.modTime) && cpTime.Equal(c.cpTime) {
		return c.verified, c.pending, c.problems, nil
	}
	rs, rep, err := ReadVerified(ctx, l.dir)
	if err != nil {
		return nil, nil, nil, err
	}
	c.verified, c.pending, c.problems = rs, rep.Recent, rep.Problems
	if c.verified == nil {
		c.verified = []clairvoie.Receipt{}
	}
	c.size, c.modTime, c.cpTime, c.filled = fi.Size(), fi.ModTime(), cpTime, true
	return c.verified, c.pending, c.problems, nil
}

// Checkpoint implements clairvoie.RegisterService.
func (l *Log) Checkpoint(ctx context.Context) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(l.dir, layout.CheckpointPath))
	if err != nil {
		return nil, clairvoie.Errorf(clairvoie.ENOTFOUND, "the register has no checkpoint yet")
	}
	return b, nil
}

// VerifierKey implements clairvoie.RegisterService.
func (l *Log) VerifierKey() string { return l.key }

// Origin implements clairvoie.RegisterService.
func (l *Log) Origin() string { name, _, _ := strings.Cut(l.key, "+"); return name }

// Public implements clairvoie.RegisterService: the log's public files, each
// path checked against tessera's layout (the checkpoint, a tile, an entry
// bundle, full or partial) — never the private journal, the keys or the
// driver's state.
func (l *Log) Public() fs.FS { return publicFS{root: os.DirFS(l.dir)} }

type publicFS struct{ root fs.FS }

func (p publicFS) Open(name string) (fs.File, error) {
	if !PublicPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return p.root.Open(name)
}

// PublicPath says whether name is one of a log's public resources, as
// tessera lays them out (C2SP tlog-tiles): it must parse and format back to
// itself.
func PublicPath(name string) bool {
	if name == layout.CheckpointPath {
		return true
	}
	rest, ok := strings.CutPrefix(name, "tile/")
	if !ok {
		return false
	}
	level, index, found := strings.Cut(rest, "/")
	if !found {
		return false
	}
	idx, p, err := layout.ParseTileIndexPartial(index)
	if err != nil {
		return false
	}
	if level == "entries" {
		return layout.EntriesPath(idx, p) == name
	}
	lv, err := layout.ParseTileLevel(level)
	if err != nil {
		return false
	}
	return layout.TilePath(lv, idx, p) == name
}
