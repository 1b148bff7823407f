// Package web holds clairvoie's web app: static files that need no build
// step (HTML, CSS, JavaScript modules, and a vendored copy of MapLibre GL JS
// in its CSP build), embedded in the binary; a development mode serves the
// files from disk instead. The camera pages are package camerapage.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
)

//go:embed static
var embedded embed.FS

// MapLibreVersion is the vendored MapLibre GL JS; its files are served
// under a versioned path, cached for a year.
const MapLibreVersion = "5.24.1"

// Assets serves the app's files and parses its templates.
type Assets struct {
	static  fs.FS
	dev     bool
	etags   map[string]string
	gzipped map[string][]byte // precompressed static files
}

// New returns the embedded assets, or, when dir is not empty, the files of
// dir (the web/ folder of a checkout) read anew on every request.
func New(dir string) (*Assets, error) {
	var root fs.FS = embedded
	if dir != "" {
		root = os.DirFS(dir)
	}
	static, err := fs.Sub(root, "static")
	if err != nil {
		return nil, err
	}
	a := &Assets{static: static, dev: dir != "", etags: map[string]string{}, gzipped: map[string][]byte{}}
	if !a.dev {
		err := fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(static, p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			a.etags[p] = `"` + hex.EncodeToString(sum[:8]) + `"`
			if ext := path.Ext(p); ext == ".js" || ext == ".css" || ext == ".html" || ext == ".json" || ext == ".svg" {
				var z bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
				zw.Write(b)
				zw.Close()
				a.gzipped[p] = z.Bytes()
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Static serves /static/…: vendored libraries cached for a year (their path
// carries their version), the app's own files revalidated with an ETag.
func (a *Assets) Static() http.Handler {
	files := http.FileServerFS(a.static)
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean(r.URL.Path)
		switch {
		case a.dev:
			w.Header().Set("Cache-Control", "no-store")
		case strings.HasPrefix(p, "vendor/"):
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		default:
			w.Header().Set("Cache-Control", "no-cache")
			if tag, ok := a.etags[p]; ok {
				w.Header().Set("ETag", tag)
			}
		}
		if strings.HasSuffix(r.URL.Path, "/") || p == "." {
			http.NotFound(w, r)
			return
		}
		if z, ok := a.gzipped[p]; ok && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			if r.Header.Get("If-None-Match") == a.etags[p] {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(p)))
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", strconv.Itoa(len(z)))
			w.Write(z)
			return
		}
		files.ServeHTTP(w, r)
	}))
}

// Index serves the app's page.
func (a *Assets) Index(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(a.static, "index.html")
	if err != nil {
		http.Error(w, "index.html missing", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if a.dev {
		w.Header().Set("Cache-Control", "no-store")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", a.etags["index.html"])
		if r.Header.Get("If-None-Match") == a.etags["index.html"] {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Write(b)
}
