package auditlog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/clairvoie/clairvoie"
)

// MinFree is the free space below which the register says it is not
// writable (/readyz, doctor): tiles, bundles and the journal grow by a few
// hundred bytes an entry, and a disk that fills mid-append holds entries
// back.
const MinFree = 64 << 20

// Writable says whether the register can take an entry now: its
// directories writable, room on the disk, nothing held back from an
// earlier full disk.
func (l *Log) Writable() error {
	if err := syscall.Access(filepath.Join(l.dir, "private"), 2 /* W_OK */); err != nil {
		return clairvoie.Errorf(clairvoie.EINTERNAL, "the register's private directory is not writable (%v)", err)
	}
	if free, err := FreeBytes(l.dir); err == nil && free < MinFree {
		return clairvoie.Errorf(clairvoie.EFULL, "%d MiB free on the register's disk (at least %d wanted)", free>>20, MinFree>>20)
	}
	l.mu.Lock()
	held := len(l.unlogged)
	l.mu.Unlock()
	if held > 0 {
		return clairvoie.Errorf(clairvoie.EFULL, "%d entries wait in the journal for the log to write again", held)
	}
	return nil
}

// FreeBytes is the space left to an unprivileged user on dir's disk.
func FreeBytes(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return st.Bavail * uint64(st.Bsize), nil
}

// Snapshot copies the register in dir to dst (a new directory) as of one
// consistent point, while a server may keep appending to it: it holds
// tessera's locks on the tree's state, the published checkpoint and the
// garbage collection of partial tiles for the time of the copy, so that
// the tree state, the tiles, the entry bundles and the checkpoint agree.
// The journal is copied as it is then: every acknowledged entry is in it
// (it is synced before an entry goes to the log); a last line being
// written is cut off when the copy is opened, and an entry journaled but
// not yet logged is logged then — as after a crash at that instant.
//
// The locks are POSIX record locks, held per process: Snapshot must run in
// another process than the one appending (clairvoie backup does).
// Appends wait for the copy (tens of milliseconds for the demo).
func Snapshot(ctx context.Context, dir, dst string) (held time.Duration, err error) {
	if !Exists(dir) {
		return 0, clairvoie.Errorf(clairvoie.EINVALID, "%s: no register there", dir)
	}
	if _, err := os.Stat(dst); err == nil {
		return 0, clairvoie.Errorf(clairvoie.ECONFLICT, "%s already exists", dst)
	}
	var unlocks []func()
	defer func() {
		for i := len(unlocks) - 1; i >= 0; i-- {
			unlocks[i]()
		}
	}()
	// The order tessera takes them in, one at a time: no cycle.
	for _, name := range []string{"treeState.lock", "publish.lock", "gcState.lock"} {
		unlock, err := lockState(ctx, filepath.Join(dir, ".state", name))
		if err != nil {
			return 0, fmt.Errorf("locking the register (%s): %w", name, err)
		}
		unlocks = append(unlocks, unlock)
	}
	start := time.Now()
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, dirMode(rel))
		case strings.HasSuffix(d.Name(), ".lock"):
			return nil // locks are made again when needed
		case !d.Type().IsRegular():
			return fmt.Errorf("%s: not a regular file, not copied", rel)
		}
		return copyFile(p, target)
	})
	return time.Since(start), err
}

// dirMode keeps the private directory private.
func dirMode(rel string) os.FileMode {
	if rel == "private" || strings.HasPrefix(rel, "private"+string(filepath.Separator)) {
		return 0o700
	}
	return 0o755
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fi.Mode().Perm())
	if err != nil {
		return err
	}
	// Up to the size seen now: a journal being appended to is copied up
	// to this point.
	if _, err := io.CopyN(out, in, fi.Size()); err != nil && !errors.Is(err, io.EOF) {
		out.Close()
		return err
	}
	return out.Close()
}

// lockState takes one of tessera's POSIX record locks (F_SETLKW, as
// tessera's storage/posix does), waiting while the appender holds it.
func lockState(ctx context.Context, path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: io.SeekStart}
	for {
		err := syscall.FcntlFlock(f.Fd(), syscall.F_SETLKW, &lk)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if err != syscall.EINTR || ctx.Err() != nil {
			f.Close()
			return nil, err
		}
	}
}

// IntegratedSize is the size of the tree as integrated (tessera's
// .state/treeState): every acknowledged entry, which the published
// checkpoint may trail by up to its interval.
func IntegratedSize(dir string) (uint64, error) {
	b, err := os.ReadFile(filepath.Join(dir, ".state", "treeState"))
	if err != nil {
		return 0, err
	}
	var st struct {
		Size uint64 `json:"size"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return 0, err
	}
	return st.Size, nil
}
