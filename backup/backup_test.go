package backup_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/backup"
)

func sample(t testing.TB) []byte {
	t.Helper()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "workspace"), 0o700)
	os.MkdirAll(filepath.Join(root, "register", "tile"), 0o700)
	os.WriteFile(filepath.Join(root, "workspace", "clairvoie.db"), []byte("SQLite format 3\x00…"), 0o600)
	os.WriteFile(filepath.Join(root, "register", "checkpoint"), []byte("x\n1\nroot\n"), 0o644)
	var buf bytes.Buffer
	m, err := backup.Write(&buf, root, backup.Manifest{Created: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), Version: "test", Database: "workspace/clairvoie.db"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || m.Files[0].Path != "register/checkpoint" || len(m.Files[0].SHA256) != 64 {
		t.Fatalf("manifest %+v", m)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	b := sample(t)
	dst := filepath.Join(t.TempDir(), "out")
	m, err := backup.Extract(bytes.NewReader(b), dst, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dst, "register", "checkpoint"))
	if err != nil || string(got) != "x\n1\nroot\n" || m.Bytes() == 0 {
		t.Fatalf("extracted %q, %v", got, err)
	}
	if _, err := backup.Extract(bytes.NewReader(b), dst, 0); err == nil {
		t.Fatal("Extract into an existing directory must fail")
	}
}

// archive builds a hand-made archive: a manifest and members as given.
func archive(t testing.TB, manifest string, members map[string]string, typ byte) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: backup.ManifestName, Size: int64(len(manifest)), Mode: 0o600, Typeflag: tar.TypeReg})
	tw.Write([]byte(manifest))
	for name, body := range members {
		tw.WriteHeader(&tar.Header{Name: name, Size: int64(len(body)), Mode: 0o600, Typeflag: typ, Linkname: "/etc/passwd"})
		tw.Write([]byte(body))
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

const sum = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" // sha256("hello")

func TestHostileArchives(t *testing.T) {
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"path escape":      {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"../evil","size":5,"sha256":"`+sum+`"}]}`, map[string]string{"../evil": "hello"}, tar.TypeReg), "clean relative path"},
		"absolute":         {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"/etc/x","size":5,"sha256":"`+sum+`"}]}`, map[string]string{"/etc/x": "hello"}, tar.TypeReg), "clean relative path"},
		"symlink":          {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"a","size":0,"sha256":"`+sum+`"}]}`, map[string]string{"a": ""}, tar.TypeSymlink), "regular files"},
		"not in manifest":  {archive(t, `{"format":"clairvoie-backup/1","files":[]}`, map[string]string{"a": "hello"}, tar.TypeReg), "not in the manifest"},
		"altered":          {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"a","size":5,"sha256":"`+sum+`"}]}`, map[string]string{"a": "jello"}, tar.TypeReg), "checksum"},
		"missing":          {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"a","size":5,"sha256":"`+sum+`"}]}`, nil, tar.TypeReg), "missing"},
		"wrong size":       {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"a","size":4,"sha256":"`+sum+`"}]}`, map[string]string{"a": "hello"}, tar.TypeReg), "bytes"},
		"unknown format":   {archive(t, `{"format":"zip/9","files":[]}`, nil, tar.TypeReg), "format"},
		"unknown field":    {archive(t, `{"format":"clairvoie-backup/1","files":[],"evil":1}`, nil, tar.TypeReg), "unknown field"},
		"too large":        {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"a","size":999999999999,"sha256":"`+sum+`"}]}`, nil, tar.TypeReg), "more than"},
		"duplicate":        {archive(t, `{"format":"clairvoie-backup/1","files":[{"path":"a","size":5,"sha256":"`+sum+`"},{"path":"a","size":5,"sha256":"`+sum+`"}]}`, nil, tar.TypeReg), "twice"},
		"not gzip":         {[]byte("PK\x03\x04 a zip"), "gzip"},
		"database missing": {archive(t, `{"format":"clairvoie-backup/1","database":"ws.db","files":[]}`, nil, tar.TypeReg), "not among"},
	} {
		dst := filepath.Join(t.TempDir(), "out")
		_, err := backup.Extract(bytes.NewReader(c.b), dst, 1<<30)
		if err == nil || !strings.Contains(err.Error(), c.want) || clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("%s: %v; want an EINVALID error naming %q", name, err, c.want)
		}
		if _, err := os.Stat(dst); err == nil {
			t.Errorf("%s: a refused archive left %s behind", name, dst)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add(sample(f))
	f.Add(archive(f, `{"format":"clairvoie-backup/1","files":[{"path":"a","size":5,"sha256":"`+sum+`"}]}`, map[string]string{"a": "hello"}, tar.TypeReg))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := backup.Check(bytes.NewReader(b), 1<<20)
		if err == nil && m.Format != backup.Format {
			t.Fatalf("accepted an archive of format %q", m.Format)
		}
		if err != nil && clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Fatalf("a bad archive must be EINVALID: %v", err)
		}
	})
}
