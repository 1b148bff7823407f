// Package camerapage renders a camera's public page: the "second layer" a
// street sign can point to (2024 circular) — what the camera films, who runs
// it, its purposes, how long footage is kept, its authorisation, the
// public's rights and how to exercise them, where the record comes from,
// its compliance findings. The server serves it at /cameras/{id}; the
// open-data package carries a static copy of every page.
package camerapage

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/chain"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/internal/locale"
)

//go:embed camera.html
var pageHTML string

// CSS and JS are the page's style sheet and its one script (the print
// button: no inline script, the Content-Security-Policy forbids it).
//
//go:embed page.css
var CSS []byte

//go:embed page.js
var JS []byte

// Purpose is an authorised purpose as the page shows it.
type Purpose struct {
	Number int    `json:"number"`
	Code   string `json:"code"`
	FR     string `json:"fr"`
	EN     string `json:"en"`
}

// Page is what the page shows, and where its links go.
type Page struct {
	Lang, Other  string // "fr" or "en", and the other one
	URL          string // the page's public address, printed under the QR code
	OtherURL     string // the page in the other language
	HomeURL      string // the app, or "" for none
	CSSURL       string
	JSURL        string
	QRURL        string
	C            *clairvoie.Camera
	Purposes     []Purpose
	Findings     []check.Finding
	Today        clairvoie.Date
	QuartierName string
	// MapURL opens the app's map centred on the camera ("" for none);
	// Locator is the page's own small map.
	MapURL  string
	Locator Locator
	// Contacts are the controller's and the DPO's contact pages (a
	// service's page, never a person), shown beside the CNIL's.
	Contacts Contacts
	// Applies is what the installation's declaration says applies to the
	// camera today: the analytics modules enabled on it, the flows that
	// carry its images. Nil when the server has no declaration.
	Applies *chain.Applies
}

// Contacts are the controller's and the DPO's contact pages.
type Contacts struct {
	Controller string `json:"controller,omitempty"`
	DPO        string `json:"dpo,omitempty"`
}

// CheckContacts accepts only web addresses (http or https): a contact
// page of the service, never a person's name, address or telephone.
func CheckContacts(c Contacts) error {
	for name, v := range map[string]string{"controller": c.Controller, "dpo": c.DPO} {
		if v == "" {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return clairvoie.Errorf(clairvoie.EINVALID, "%s contact: expected the web address of the service's contact page (https://…)", name)
		}
		// A service's page, not a person's: no e-mail, name or phone in the
		// path or the query (the value is not echoed).
		text, _ := url.PathUnescape(u.Path + " " + u.RawQuery)
		text = strings.NewReplacer("/", " ", "=", " ", "&", " ", "?", " ").Replace(text)
		if why := clairvoie.ScreenValue(text); why != "" {
			return clairvoie.Errorf(clairvoie.EINVALID, "%s contact: %s; give the service's contact page, not a person's", name, why)
		}
	}
	return nil
}

// Facts fills a page's facts about c as of today — its purposes, its
// findings, and what the installation's declaration
// (nil when there is none) says applies to it — so that the served page
// and the published one say the same. The caller sets the language and
// the addresses.
func Facts(c *clairvoie.Camera, today clairvoie.Date, inst *clairvoie.Installation, quartierName string) Page {
	p := Page{C: c, Today: today, Purposes: PurposesOf(c), QuartierName: quartierName,
		Findings: check.Run([]*clairvoie.Camera{c}, check.Options{Today: today}).Findings}
	if inst != nil {
		a := chain.ForCamera(inst, c, today)
		p.Applies = &a
	}
	return p
}

// PurposesOf labels a camera's purposes.
func PurposesOf(c *clairvoie.Camera) []Purpose {
	out := make([]Purpose, 0, len(c.Purposes))
	for _, p := range c.Purposes {
		out = append(out, Purpose{int(p), p.Code(), p.Label("fr"), p.Label("en")})
	}
	return out
}

var (
	pagesOnce sync.Once
	pages     map[string]*template.Template
)

// parse parses the page once per language; the template is embedded, so a
// parse error is a build error caught by the tests.
func parse() {
	pages = map[string]*template.Template{}
	for lang, text := range pageText {
		text := text
		lang := lang
		pages[lang] = template.Must(template.New("camera").Funcs(template.FuncMap{
			"t": func(k string) string { return text[k] },
			"finding": func(f check.Finding) string {
				if lang == "en" {
					return f.Message
				}
				return f.MessageFR
			},
			"analytic": func(k clairvoie.AnalyticKind) string { return k.Label(lang) },
			"locator":  func(p Page) template.HTML { return p.svg() },
			// word shows an OSM value in the public's words; a value the
			// vocabulary does not know is shown as it is, marked.
			"word": func(key string, value any) template.HTML {
				v := fmt.Sprint(value)
				l, known := clairvoie.Label(key, v, lang)
				if known {
					return template.HTML(template.HTMLEscapeString(l))
				}
				return template.HTML(`<span class="raw" title="` + template.HTMLEscapeString(text["rawtitle"]) + `">` +
					template.HTMLEscapeString(v) + `</span> <span class="raw-mark">(` + template.HTMLEscapeString(text["raw"]) + `)</span>`)
			},
			"flowtype": func(t clairvoie.FlowType) string { return t.Label(lang) },
			"purpose": func(p Purpose) string {
				if lang == "en" {
					return p.EN
				}
				return p.FR
			},
			"num": func(f *float64) string { return locale.Dec(locale.Lang(lang), *f, -1) }, // 6,3 m
			"licence": func(code string) struct{ Name, URL string } {
				n, u := clairvoie.LicenceLabel(code, lang)
				return struct{ Name, URL string }{n, u}
			},
			"day": func(t time.Time) string { return locale.Date(locale.Lang(lang), t) },
			"date": func(d clairvoie.Date) string {
				if d.IsZero() {
					return text["unknown"]
				}
				return locale.Date(locale.Lang(lang), d.Time())
			},
		}).Parse(pageHTML))
	}
}

// Render writes the page in p.Lang.
func Render(w io.Writer, p Page) error {
	pagesOnce.Do(parse)
	t, ok := pages[p.Lang]
	if !ok {
		t = pages["fr"]
	}
	return t.Execute(w, p)
}
