package httpapi

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// Pages a person reaches by following a sign, a link or a typo answer in
// HTML, in the page's language (French unless ?lang=en), never in JSON:
// an unknown or malformed camera address, and any unknown path. Paths
// under /api/ keep answering JSON.

var missingPage = template.Must(template.New("missing").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — clairvoie</title><link rel="stylesheet" href="/static/page.css"></head>
<body class="camera-page"><main><h1>{{.Title}}</h1><p>{{.Text}}</p>
<p><a href="/{{if eq .Lang "en"}}?lang=en{{end}}">{{.Home}}</a> · <a href="{{.Other}}" lang="{{.OtherLang}}">{{.OtherLabel}}</a></p></main></body></html>
`))

var missingText = map[string]map[string]string{
	"fr": {"camera": "Caméra introuvable", "cameratext": "Aucune caméra ne porte ce numéro dans ce registre. Vérifiez l'adresse imprimée sur le panneau, ou cherchez la caméra sur la carte.",
		"bad": "Adresse de caméra incorrecte", "badtext": "Le numéro d'une caméra est un nombre entier positif (par exemple /cameras/12).",
		"page": "Page introuvable", "pagetext": "Cette adresse ne correspond à aucune page de clairvoie.", "home": "Aller à la carte", "other": "English"},
	"en": {"camera": "Camera not found", "cameratext": "No camera has this number in this registry. Check the address printed on the sign, or look for the camera on the map.",
		"bad": "Wrong camera address", "badtext": "A camera's number is a positive whole number (for example /cameras/12).",
		"page": "Page not found", "pagetext": "This address matches no page of clairvoie.", "home": "Go to the map", "other": "Français"},
}

// missing writes an HTML page saying what is missing, with status.
func (s *Server) missing(w http.ResponseWriter, r *http.Request, status int, what string) {
	lang := pageLang(r)
	text := missingText[lang]
	other, otherLang := "?lang=en", "en"
	if lang == "en" {
		other, otherLang = "?lang=fr", "fr"
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	missingPage.Execute(w, map[string]string{"Lang": lang, "Title": text[what], "Text": text[what+"text"], "Home": text["home"],
		"Other": r.URL.Path + other, "OtherLang": otherLang, "OtherLabel": text["other"]})
}

// handleNotFound answers any path no route serves: JSON under /api/, an
// HTML page elsewhere.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "aucun point d'accès de l'API à %s", "no API endpoint at %s", r.URL.Path))
		return
	}
	s.missing(w, r, http.StatusNotFound, "page")
}
