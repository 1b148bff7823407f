package httpapi

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/opendata"
)

// openDataCache is the workspace's data package, built in memory on first
// request and rebuilt when older than openDataTTL (the camera pages are not
// in it: the server serves them at /cameras/{id}).
type openDataCache struct {
	mu    sync.Mutex
	built time.Time
	files map[string][]byte
}

const openDataTTL = 10 * time.Minute

func (s *Server) openData(r *http.Request) (map[string][]byte, error) {
	c := &s.opendata
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files != nil && time.Since(c.built) < openDataTTL {
		return c.files, nil
	}
	base := s.publicURL("/opendata/")
	in, err := opendata.Gather(r.Context(), s.Cameras, s.Usage, s.Areas, s.Publisher, base, opendata.DefaultK, clairvoie.Today(s.Now(), s.zone(r.Context())))
	if err != nil {
		return nil, err
	}
	if s.Register != nil {
		if in.Register, err = s.registerCounts(r.Context()); err != nil {
			return nil, err
		}
		in.RegisterSynthetic = clairvoie.SyntheticOrigin(s.Register.Origin())
	}
	in.Contacts = s.Contacts
	// The page column links to the pages this server serves.
	in.PageURL = func(id int64) string { return s.publicURL("/cameras/" + strconv.FormatInt(id, 10)) }
	if s.Installation != nil {
		if in.Installation, err = s.Installation.FindInstallation(r.Context()); err != nil {
			return nil, err
		}
	}
	files := map[string][]byte{}
	_, err = opendata.Build(in, func(name string, write func(io.Writer) error) error {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		files[name] = buf.Bytes()
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.files, c.built = files, time.Now()
	return files, nil
}

// handleOpenData serves GET /opendata/{file}: the data package
// (datapackage.json, cameras.csv, usage_monthly.csv, the schemas…).
func (s *Server) handleOpenData(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.PathValue("file")), "/")
	if name == "" || name == "." {
		name = "datapackage.json"
	}
	files, err := s.openData(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	b, ok := files[name]
	if !ok {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "aucun fichier %q dans le paquet de données", "no file %q in the data package", name))
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".csv":
		ct = "text/csv; charset=utf-8"
	case ".geojson":
		ct = "application/geo+json"
	case ".jsonld":
		ct = "application/ld+json"
	case ".md":
		ct = "text/markdown; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=600")
	w.Write(b)
}

// handleCatalog serves GET /catalog.jsonld: the DCAT-AP catalogue.
func (s *Server) handleCatalog(w http.ResponseWriter, r *http.Request) {
	r.SetPathValue("file", "catalog.jsonld")
	s.handleOpenData(w, r)
}
