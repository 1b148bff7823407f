package httpapi

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
	qrcode "github.com/skip2/go-qrcode"
)

// cameraPage is what the camera page (the sign's "second layer", 2024
// circular) shows.
type cameraPage struct {
	Lang, Other  string // "fr" or "en", and the other one
	URL          string // the page's public address, printed under the QR code
	C            *clairvoie.Camera
	Purposes     []purposeView
	Findings     []check.Finding
	Notice       string
	Today        clairvoie.Date
	QuartierName string
}

var pageText = map[string]map[string]string{
	"fr": {
		"title": "Caméra", "what": "Ce qu'elle filme", "zone": "Zone", "direction": "Direction", "fov": "champ",
		"unknown": "non renseigné", "place": "Lieu", "type": "Type", "mount": "Support", "height": "Hauteur",
		"who": "Qui l'exploite", "operator": "Exploitant", "controller": "Responsable du traitement",
		"optype": "Nature", "public": "public", "private": "privé",
		"law": "Cadre légal", "purposes": "Finalités autorisées (CSI L251-2)", "nopurpose": "aucune finalité enregistrée",
		"retention": "Durée de conservation des images", "days": "jours", "auth": "Autorisation préfectorale",
		"authdate": "du", "expires": "valable jusqu'au", "authret": "conservation autorisée",
		"status": "État", "commissioned": "Mise en service", "verified": "Dernière vérification sur le terrain",
		"signage": "Panneau d'information", "yes": "présent", "no": "absent", "checked": "contrôlé le",
		"rights": "Vos droits", "rightstext": "Vous pouvez demander à accéder aux images où vous figurez, ou vérifier leur destruction dans le délai de conservation (CSI L253-5), auprès du responsable du traitement. En cas de difficulté, vous pouvez saisir la CNIL : www.cnil.fr/fr/plaintes — 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07 — 01 53 73 22 22.",
		"findings": "Contrôle de conformité", "nofinding": "Aucun manquement relevé au",
		"provenance": "Origine de cette fiche", "source": "Source", "sourceref": "Référence dans la source",
		"licence": "Licence", "imported": "Importée le", "print": "Imprimer", "back": "Carte",
		"synthetic": "Données synthétiques", "qr": "Adresse de cette page",
		"planned": "en projet", "active": "en service", "out_of_service": "hors service", "removed": "retirée",
	},
	"en": {
		"title": "Camera", "what": "What it films", "zone": "Zone", "direction": "Direction", "fov": "field",
		"unknown": "not stated", "place": "Place", "type": "Type", "mount": "Mount", "height": "Height",
		"who": "Who runs it", "operator": "Operator", "controller": "Data controller",
		"optype": "Kind", "public": "public", "private": "private",
		"law": "Legal framework", "purposes": "Authorised purposes (CSI L251-2)", "nopurpose": "no purpose on record",
		"retention": "Footage retention period", "days": "days", "auth": "Prefect's authorisation",
		"authdate": "of", "expires": "valid until", "authret": "authorised retention",
		"status": "Status", "commissioned": "Commissioned", "verified": "Last verified on the ground",
		"signage": "Information sign", "yes": "present", "no": "missing", "checked": "checked on",
		"rights": "Your rights", "rightstext": "You may ask the data controller for access to footage in which you appear, or check that it was destroyed within the retention period (CSI L253-5). If that fails, you may complain to the CNIL: www.cnil.fr/fr/plaintes — 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France — +33 1 53 73 22 22.",
		"findings": "Compliance check", "nofinding": "No finding as of",
		"provenance": "Where this record comes from", "source": "Source", "sourceref": "Reference in the source",
		"licence": "Licence", "imported": "Imported on", "print": "Print", "back": "Map",
		"synthetic": "Synthetic data", "qr": "Address of this page",
		"planned": "planned", "active": "in service", "out_of_service": "out of service", "removed": "removed",
	},
}

func pageLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "fr" {
		return l
	}
	return "fr" // French first, whatever the browser says: the sign is French
}

// publicURL is the page's address as printed on the sign: PublicURL when
// configured, else the request's own scheme and host.
func (s *Server) publicURL(r *http.Request, path string) string {
	if s.PublicURL != "" {
		return strings.TrimSuffix(s.PublicURL, "/") + path
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

func (s *Server) cameraFromPath(w http.ResponseWriter, r *http.Request) (*clairvoie.Camera, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.Error(w, r, clairvoie.Errorf(clairvoie.EINVALID, "camera id %q: a positive whole number", r.PathValue("id")))
		return nil, false
	}
	c, err := s.Cameras.FindCameraByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return nil, false
	}
	return c, true
}

// handleCameraPage serves GET /cameras/{id}: the camera's public page.
func (s *Server) handleCameraPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.cameraFromPath(w, r)
	if !ok {
		return
	}
	lang := pageLang(r)
	other := "en"
	if lang == "en" {
		other = "fr"
	}
	today := clairvoie.DateOf(s.Now())
	p := cameraPage{Lang: lang, Other: other, URL: s.publicURL(r, "/cameras/"+strconv.FormatInt(c.ID, 10)), C: c, Today: today,
		Findings: check.Run([]*clairvoie.Camera{c}, check.Options{Today: today}).Findings}
	for _, pu := range c.Purposes {
		p.Purposes = append(p.Purposes, purposeView{int(pu), pu.Code(), pu.Label("fr"), pu.Label("en")})
	}
	if c.Synthetic {
		p.Notice = SyntheticNotice
	}
	if _, names, err := s.loadAreas(r); err == nil {
		p.QuartierName = names[c.Quartier]
	}
	text := pageText[lang]
	tmpl, err := s.Assets.Template("camera.html", template.FuncMap{
		"t": func(k string) string { return text[k] },
		"finding": func(f check.Finding) string {
			if lang == "en" {
				return f.Message
			}
			return f.MessageFR
		},
		"purpose": func(p purposeView) string {
			if lang == "en" {
				return p.EN
			}
			return p.FR
		},
		"num": func(f *float64) string { return strconv.FormatFloat(*f, 'f', -1, 64) },
		"date": func(d clairvoie.Date) string {
			if d.IsZero() {
				return text["unknown"]
			}
			if lang == "fr" {
				return d.Time().Format("02/01/2006")
			}
			return d.String()
		},
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(buf.Bytes())
}

// handleCameraQR serves GET /cameras/{id}/qr.png: a QR code of the page's
// public address, to print on the sign.
func (s *Server) handleCameraQR(w http.ResponseWriter, r *http.Request) {
	c, ok := s.cameraFromPath(w, r)
	if !ok {
		return
	}
	png, err := qrcode.Encode(s.publicURL(r, "/cameras/"+strconv.FormatInt(c.ID, 10)), qrcode.Medium, 256)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(png)
}
