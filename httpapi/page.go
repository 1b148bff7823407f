package httpapi

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/camerapage"
	"github.com/paulmach/orb"
	qrcode "github.com/skip2/go-qrcode"
)

func pageLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "fr" {
		return l
	}
	return "fr" // French first, whatever the browser says: the sign is French
}

// publicURL is the address of path as printed on a sign, in the open data
// and in the answers that are cached: the configured PublicURL, else the
// address the server listens on. Never the request's Host header: a client
// chooses it, and a cached page or QR code would then carry its choice to
// every visitor.
func (s *Server) publicURL(path string) string {
	if s.PublicURL != "" {
		return strings.TrimSuffix(s.PublicURL, "/") + path
	}
	if s.listenURL != "" {
		return s.listenURL + path
	}
	return "http://localhost" + path
}

func (s *Server) cameraFromPath(w http.ResponseWriter, r *http.Request) (*clairvoie.Camera, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "numéro de caméra %q : un entier positif", "camera id %q: a positive whole number", r.PathValue("id")))
		return nil, false
	}
	c, err := s.Cameras.FindCameraByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return nil, false
	}
	return c, true
}

// handleCameraPage serves GET /cameras/{id}: the camera's public page; an
// unknown or malformed number gets a page too, in the page's language.
func (s *Server) handleCameraPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.missing(w, r, http.StatusBadRequest, "bad")
		return
	}
	c, err := s.Cameras.FindCameraByID(r.Context(), id)
	if clairvoie.ErrorCode(err) == clairvoie.ENOTFOUND {
		s.missing(w, r, http.StatusNotFound, "camera")
		return
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	lang := pageLang(r)
	other := "en"
	if lang == "en" {
		other = "fr"
	}
	ids := strconv.FormatInt(c.ID, 10)
	var inst *clairvoie.Installation
	if s.Installation != nil {
		if inst, err = s.Installation.FindInstallation(r.Context()); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	quartier := ""
	var outline orb.Geometry
	if list, names, err := s.loadAreas(r); err == nil {
		quartier = names[c.Quartier]
		for _, a := range list {
			if a.Kind == clairvoie.AreaQuartier && a.Code == c.Quartier {
				outline = a.Geometry
			}
		}
	}
	p := camerapage.Facts(c, clairvoie.Today(s.Now(), s.zone(r.Context())), inst, quartier)
	p.Locator.Area, p.Contacts = outline, s.Contacts
	// The app's map, centred on the camera, in the page's language.
	p.MapURL = fmt.Sprintf("/#map?%sc=%.5f,%.5f&z=17.00", map[string]string{"fr": "", "en": "lang=en&"}[lang], c.Location[0], c.Location[1])
	p.Lang, p.Other, p.URL, p.OtherURL = lang, other, s.publicURL("/cameras/"+ids), "?lang="+other
	p.HomeURL = "/#map" + map[string]string{"fr": "", "en": "?lang=en"}[lang]
	p.CSSURL, p.JSURL, p.QRURL = "/static/page.css", "/static/page.js", "/cameras/"+ids+"/qr.png"
	var buf bytes.Buffer
	if err := camerapage.Render(&buf, p); err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(buf.Bytes())
}

// handlePageAsset serves the camera page's style sheet and script.
func handlePageAsset(body []byte, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(body)
	}
}

// handleCameraQR serves GET /cameras/{id}/qr.png: a QR code of the page's
// public address, to print on the sign.
func (s *Server) handleCameraQR(w http.ResponseWriter, r *http.Request) {
	c, ok := s.cameraFromPath(w, r)
	if !ok {
		return
	}
	png, err := qrcode.Encode(s.publicURL("/cameras/"+strconv.FormatInt(c.ID, 10)), qrcode.Medium, 256)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(png)
}
