// Package backup writes and reads clairvoie's backup archives: a gzipped
// tar whose first member, manifest.json, lists every other member with
// its size and SHA-256. Reading checks everything before anything is
// used: the members are exactly those of the manifest, each a regular
// file under a clean relative path, of the size and checksum it states
// (a truncated, altered or hostile archive is refused, with the member).
//
// The package knows the format only. What goes in (a consistent copy of
// the SQLite workspace, a snapshot of the register) is gathered by the
// command (cmd/clairvoie/backup.go).
package backup

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

// Format names the archive format in the manifest.
const Format = "clairvoie-backup/1"

// ManifestName is the archive's first member.
const ManifestName = "manifest.json"

// Limits of what Read accepts.
const (
	MaxManifestBytes = 16 << 20
	MaxFiles         = 1 << 22
)

// Manifest describes a backup.
type Manifest struct {
	Format  string    `json:"format"`
	Created time.Time `json:"created"`
	// The build that wrote it, and the workspace's schema version.
	Version string `json:"clairvoie_version"`
	Commit  string `json:"clairvoie_commit,omitempty"`
	Schema  int    `json:"schema,omitempty"`
	// Database is the member holding the SQLite workspace ("" when the
	// backup holds only a register).
	Database string `json:"database,omitempty"`
	// Register is the folder holding the register ("" when none), with
	// its origin and the size of its tree at the backup's point.
	Register         string `json:"register,omitempty"`
	RegisterOrigin   string `json:"register_origin,omitempty"`
	RegisterSize     uint64 `json:"register_size,omitempty"`
	RegisterCheckpt  string `json:"register_checkpoint,omitempty"`
	RegisterHeldMsec int64  `json:"register_held_ms,omitempty"`
	// Sensitive says what the archive holds that must stay private.
	Sensitive string `json:"sensitive"`
	Files     []File `json:"files"`
}

// File is one member.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Mode   uint32 `json:"mode"`
}

// Bytes is the total size of the members.
func (m Manifest) Bytes() int64 {
	var n int64
	for _, f := range m.Files {
		n += f.Size
	}
	return n
}

// Write archives every regular file under root (paths relative to it,
// slash-separated) to w, after a manifest m completed with their sizes
// and checksums, which it returns.
func Write(w io.Writer, root string, m Manifest) (Manifest, error) {
	m.Format = Format
	m.Files = nil
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		rel, _ := filepath.Rel(root, p)
		sum, size, err := hashFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		m.Files = append(m.Files, File{Path: filepath.ToSlash(rel), Size: size, SHA256: sum, Mode: uint32(fi.Mode().Perm())})
		return nil
	})
	if err != nil {
		return m, err
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, err
	}
	if err := tw.WriteHeader(&tar.Header{Name: ManifestName, Mode: 0o600, Size: int64(len(mb)), ModTime: m.Created, Typeflag: tar.TypeReg}); err != nil {
		return m, err
	}
	if _, err := tw.Write(mb); err != nil {
		return m, err
	}
	for _, f := range m.Files {
		if err := addFile(tw, filepath.Join(root, filepath.FromSlash(f.Path)), f, m.Created); err != nil {
			return m, err
		}
	}
	if err := tw.Close(); err != nil {
		return m, err
	}
	return m, gz.Close()
}

func addFile(tw *tar.Writer, p string, f File, mtime time.Time) error {
	in, err := os.Open(p)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := tw.WriteHeader(&tar.Header{Name: f.Path, Mode: int64(f.Mode), Size: f.Size, ModTime: mtime, Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(tw, h), in, f.Size); err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		return fmt.Errorf("%s changed while it was archived", f.Path)
	}
	return nil
}

func hashFile(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// Extract reads an archive from r and writes its members under dst (a
// directory that must not exist yet), checking each against the
// manifest. On any error dst is removed: nothing half-extracted is left.
// maxBytes bounds what the manifest may announce (the free space, say).
func Extract(r io.Reader, dst string, maxBytes int64) (m Manifest, err error) {
	if _, err := os.Stat(dst); err == nil {
		return m, fmt.Errorf("%s already exists", dst)
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return m, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dst)
		}
	}()
	return read(r, maxBytes, func(f File, body io.Reader) error {
		p := filepath.Join(dst, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return err
		}
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fs.FileMode(f.Mode)&0o700|0o600)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, body); err != nil {
			out.Close()
			return err
		}
		if err := out.Sync(); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// Check reads a whole archive and checks it against its manifest without
// writing anything.
func Check(r io.Reader, maxBytes int64) (Manifest, error) {
	return read(r, maxBytes, func(f File, body io.Reader) error {
		_, err := io.Copy(io.Discard, body)
		return err
	})
}

// invalid is a refused archive.
func invalid(format string, args ...any) error {
	return clairvoie.Errorf(clairvoie.EINVALID, "backup archive: "+format, args...)
}

func read(r io.Reader, maxBytes int64, put func(File, io.Reader) error) (m Manifest, err error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return m, invalid("not a gzip stream (%v)", err)
	}
	tr := tar.NewReader(gz)
	h, err := tr.Next()
	if err != nil {
		return m, invalid("no manifest (%v)", err)
	}
	if h.Name != ManifestName || h.Typeflag != tar.TypeReg || h.Size > MaxManifestBytes {
		return m, invalid("the first member must be %s, a file of at most %d MiB", ManifestName, MaxManifestBytes>>20)
	}
	dec := json.NewDecoder(io.LimitReader(tr, MaxManifestBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, invalid("%s: %v", ManifestName, err)
	}
	if err := m.validate(maxBytes); err != nil {
		return m, err
	}
	want := map[string]File{}
	for _, f := range m.Files {
		want[f.Path] = f
	}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, invalid("after %d members: %v (truncated?)", len(m.Files)-len(want), err)
		}
		f, ok := want[h.Name]
		switch {
		case !ok:
			return m, invalid("member %q is not in the manifest (or appears twice)", h.Name)
		case h.Typeflag != tar.TypeReg:
			return m, invalid("member %q: only regular files are restored", h.Name)
		case h.Size != f.Size:
			return m, invalid("member %q: %d bytes, the manifest says %d", h.Name, h.Size, f.Size)
		}
		delete(want, h.Name)
		hash := sha256.New()
		if err := put(f, io.TeeReader(archiveReader{io.LimitReader(tr, f.Size)}, hash)); err != nil {
			var re readError
			if errors.As(err, &re) {
				return m, invalid("member %q: %v (truncated or damaged)", h.Name, re.err)
			}
			return m, fmt.Errorf("member %q: %w", h.Name, err)
		}
		if got := hex.EncodeToString(hash.Sum(nil)); got != f.SHA256 {
			return m, invalid("member %q: checksum %s, the manifest says %s (altered or damaged)", h.Name, got[:16], f.SHA256[:min(16, len(f.SHA256))])
		}
	}
	if len(want) > 0 {
		missing := make([]string, 0, len(want))
		for p := range want {
			missing = append(missing, p)
		}
		sort.Strings(missing)
		return m, invalid("%d members of the manifest are missing, first %q (truncated?)", len(missing), missing[0])
	}
	return m, nil
}

// validate checks the manifest itself: the format, clean unique paths,
// sizes and checksums well formed, the total within bounds.
func (m Manifest) validate(maxBytes int64) error {
	if m.Format != Format {
		return invalid("format %q, expected %q", m.Format, Format)
	}
	if len(m.Files) > MaxFiles {
		return invalid("%d members, at most %d", len(m.Files), MaxFiles)
	}
	seen := map[string]bool{}
	var total int64
	for _, f := range m.Files {
		if !fs.ValidPath(f.Path) || f.Path == "." || f.Path == ManifestName || strings.Contains(f.Path, "\\") || path.Clean(f.Path) != f.Path {
			return invalid("member path %q: expected a clean relative path", f.Path)
		}
		if seen[f.Path] {
			return invalid("member %q listed twice", f.Path)
		}
		seen[f.Path] = true
		if _, err := hex.DecodeString(f.SHA256); err != nil || len(f.SHA256) != 64 {
			return invalid("member %q: sha256 must be 64 hex digits", f.Path)
		}
		if f.Size < 0 || total+f.Size < total {
			return invalid("member %q: size %d", f.Path, f.Size)
		}
		total += f.Size
	}
	if maxBytes > 0 && total > maxBytes {
		return invalid("the archive holds %d MiB, more than the %d MiB available", total>>20, maxBytes>>20)
	}
	for _, name := range []string{m.Database} {
		if name != "" && !seen[name] {
			return invalid("the database %q is not among the members", name)
		}
	}
	return nil
}

// archiveReader marks the errors of reading the archive, apart from those
// of writing what it holds (a full disk).
type archiveReader struct{ r io.Reader }

type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }

func (a archiveReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err != nil && err != io.EOF {
		err = readError{err}
	}
	return n, err
}
