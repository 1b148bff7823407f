package opendata

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/camerapage"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/internal/csvsafe"
	"github.com/paulmach/orb"
	qrcode "github.com/skip2/go-qrcode"
)

// Input is what a package is made from.
type Input struct {
	Publisher string // the city, e.g. "Ville de Marseille"
	BaseURL   string // where the package will be served, ending in "/" (for links and the catalogue); "" for relative links
	// LocalBase is the catalogue's base when there is no BaseURL: the
	// package's folder as a file:// IRI (Publish sets it), for local use
	// only — a harvester needs BaseURL.
	LocalBase string
	Today     clairvoie.Date // the release date
	K         int            // statistical secrecy threshold (DefaultK)
	Sources   []clairvoie.Source
	Cameras   []*clairvoie.Camera
	Usage     []clairvoie.UsageMonth
	Findings  []check.Finding
	Quartiers map[string]string // quartier code → name
	// QuartierAreas are the quartiers' outlines, for the camera pages'
	// small maps; Contacts the controller's and DPO's contact pages.
	QuartierAreas map[string]orb.Geometry
	Contacts      camerapage.Contacts
	Pages         bool // write a static page per camera
	// PageURL, when set, is each camera's page address for the page
	// column (the server's /cameras/{id}); otherwise the page the package
	// carries (cameras/{id}.html under BaseURL), or none when it carries
	// no pages: a link is published only where a page answers.
	PageURL func(id int64) string
	// Register holds the register's monthly counts, already under
	// statistical secrecy (clairvoie.RegisterCounts); nil when no register is kept.
	Register          []RegisterMonth
	RegisterSynthetic bool
	// Installation is the declaration of the chain (systems, analytics,
	// flows, contracts); nil leaves those resources out.
	Installation *clairvoie.Installation
}

// RegisterMonth is one month of the register's published counts, by kind;
// a suppressed kind is absent from Counts and listed in Suppressed.
type RegisterMonth = clairvoie.RegisterMonth

// Licence is a data package licence.
type Licence struct {
	Name  string `json:"name"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title"`
}

// The two open licences French public bodies may use.
var (
	LicenceOuverte = Licence{"etalab-2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", "Licence Ouverte / Open Licence 2.0"}
	ODbL           = Licence{"ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "Open Data Commons Open Database License 1.0"}
)

// licenceOf maps a source's licence to a package licence.
func licenceOf(src clairvoie.Source) Licence {
	switch src.Licence {
	case "etalab-2.0", "Licence-Ouverte-2.0", "LO-2.0":
		return LicenceOuverte
	case "ODbL-1.0", "ODbL":
		return ODbL
	}
	return Licence{Name: "other", Title: src.Licence}
}

// Resource is a data package resource.
type Resource struct {
	Name        string    `json:"name"`
	Path        string    `json:"path"`
	Profile     string    `json:"profile"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Format      string    `json:"format"`
	Mediatype   string    `json:"mediatype"`
	Encoding    string    `json:"encoding,omitempty"`
	Licenses    []Licence `json:"licenses"`
	Sources     []Source  `json:"sources,omitempty"`
	Schema      *Schema   `json:"schema,omitempty"` // inline, as tabular-data-resource requires
	Synthetic   bool      `json:"synthetic"`
	schemaFile  string    // the same schema as a file of the package, for the catalogue
}

// Source is a data package source (an attribution).
type Source struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Package is datapackage.json.
type Package struct {
	Profile      string        `json:"profile"`
	Name         string        `json:"name"`
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	Homepage     string        `json:"homepage,omitempty"`
	Created      string        `json:"created"`
	Version      string        `json:"version"`
	Keywords     []string      `json:"keywords"`
	Licenses     []Licence     `json:"licenses"`
	Contributors []Contributor `json:"contributors"`
	Resources    []Resource    `json:"resources"`
}

// Contributor is the publisher.
type Contributor struct {
	Title string `json:"title"`
	Role  string `json:"role"`
}

// Put writes one file of the package.
type Put func(name string, write func(io.Writer) error) error

// Build writes the whole package through put, and returns its descriptor.
func Build(in Input, put Put) (*Package, error) {
	if in.K < 2 {
		in.K = DefaultK
	}
	// The catalogue states each file's size and SHA-1: note them as they
	// are written.
	files := map[string]FileInfo{}
	put = recordFiles(put, files)
	pkg := &Package{Profile: "data-package", Name: "videoprotection", Version: in.Today.String(),
		Title:       "Vidéoprotection — " + in.Publisher,
		Description: "Le registre des caméras de vidéoprotection, leur usage mensuel (secret statistique : aucun compte publié entre 1 et " + strconv.Itoa(in.K-1) + "), le contrôle de leur conformité et le registre des accès, publiés par clairvoie. Aucune donnée personnelle.",
		Homepage:    in.BaseURL, Created: in.Today.Time().Format(time.RFC3339),
		Keywords:     []string{"vidéoprotection", "caméras", "transparence", "CSI L251-2"},
		Licenses:     []Licence{LicenceOuverte},
		Contributors: []Contributor{{Title: in.Publisher, Role: "publisher"}}}
	synthetic := map[int64]bool{}
	arrOf := map[int64]string{}
	for _, c := range in.Cameras {
		synthetic[c.ID] = c.Synthetic
		arrOf[c.ID] = c.Arrondissement
	}

	// Schemas.
	for name, s := range map[string]Schema{"schema-cameras.json": CameraSchema(), "schema-usage.json": UsageSchema(),
		"schema-checks.json": ChecksSchema(), "schema-register.json": RegisterSchema()} {
		if err := putJSON(put, name, s); err != nil {
			return nil, err
		}
	}

	// Cameras, one resource pair per licence: the city's registry under the
	// Licence Ouverte, what comes from OpenStreetMap under the ODbL, apart.
	groups := map[string][]*clairvoie.Camera{}
	srcOf := map[string]clairvoie.Source{}
	for _, s := range in.Sources {
		srcOf[s.Name] = s
	}
	groupOf := func(src clairvoie.Source) string {
		switch licenceOf(src).Name {
		case LicenceOuverte.Name:
			return "cameras"
		case ODbL.Name:
			return "cameras_osm"
		}
		return "cameras_" + slug(src.Name)
	}
	groups["cameras"] = nil // always present
	for _, c := range in.Cameras {
		g := groupOf(srcOf[c.Provenance.Source])
		groups[g] = append(groups[g], c)
	}
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		cams := groups[g]
		lic, srcs, syn := LicenceOuverte, []Source{}, false
		seen := map[string]bool{}
		for _, c := range cams {
			s := srcOf[c.Provenance.Source]
			syn = syn || c.Synthetic
			if !seen[s.Name] {
				seen[s.Name] = true
				lic = licenceOf(s)
				title := s.Name
				if s.Attribution != "" {
					title += " — " + s.Attribution
				}
				srcs = append(srcs, Source{Title: title})
			}
		}
		desc := "Caméras de vidéoprotection (" + strconv.Itoa(len(cams)) + ")."
		if g == "cameras_osm" {
			desc += " Issues d'OpenStreetMap : © les contributeurs d'OpenStreetMap, sous ODbL — publiées à part du registre de la ville."
		}
		if syn {
			desc += " ATTENTION : contient des fiches synthétiques (reconstruction de démonstration, colonne synthetic = oui), pas des caméras réelles."
		}
		rows := cameraRows(cams, in)
		camSchema := CameraSchema()
		if err := put(g+".csv", func(w io.Writer) error { return writeCSV(w, CameraSchema(), rows) }); err != nil {
			return nil, err
		}
		if err := put(g+".geojson", func(w io.Writer) error { return writeGeoJSON(w, cams, rows) }); err != nil {
			return nil, err
		}
		pkg.Resources = append(pkg.Resources,
			Resource{Name: g, Path: g + ".csv", Profile: "tabular-data-resource", Title: "Caméras (CSV)", Description: desc, Format: "csv",
				Mediatype: "text/csv", Encoding: "utf-8", Licenses: []Licence{lic}, Sources: srcs, Schema: &camSchema, schemaFile: "schema-cameras.json", Synthetic: syn},
			Resource{Name: g + "-geojson", Path: g + ".geojson", Profile: "data-resource", Title: "Caméras (GeoJSON)", Description: desc, Format: "geojson",
				Mediatype: "application/geo+json", Encoding: "utf-8", Licenses: []Licence{lic}, Sources: srcs, Synthetic: syn})
	}

	// Usage, with statistical secrecy.
	usageSyn := false
	for _, u := range in.Usage {
		if synthetic[u.CameraID] {
			usageSyn = true
			break
		}
	}
	if err := put("usage_monthly.csv", func(w io.Writer) error { return writeUsageCSV(w, in.Usage, arrOf, synthetic, in.K) }); err != nil {
		return nil, err
	}
	udesc := "Usage mensuel des caméras : réquisitions, extractions, extractions décisives, interventions, dégradations. Secret statistique : aucun compte publié entre 1 et " + strconv.Itoa(in.K-1) + " ; masquage secondaire pour qu'aucune valeur masquée ne se déduise des totaux."
	if usageSyn {
		udesc += " ATTENTION : registre d'usage synthétique (démonstration)."
	}
	pkg.Resources = append(pkg.Resources, Resource{Name: "usage_monthly", Path: "usage_monthly.csv", Profile: "tabular-data-resource",
		Title: "Usage mensuel", Description: udesc, Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
		Licenses: []Licence{LicenceOuverte}, Schema: ptr(UsageSchema()), schemaFile: "schema-usage.json", Synthetic: usageSyn})

	// Checks.
	if err := put("checks.csv", func(w io.Writer) error { return writeCSV(w, ChecksSchema(), checkRows(in)) }); err != nil {
		return nil, err
	}
	pkg.Resources = append(pkg.Resources, Resource{Name: "checks", Path: "checks.csv", Profile: "tabular-data-resource",
		Title: "Contrôle de conformité", Description: "Constats du contrôle de conformité au " + in.Today.String() + ".", Format: "csv",
		Mediatype: "text/csv", Encoding: "utf-8", Licenses: []Licence{LicenceOuverte}, Schema: ptr(ChecksSchema()), schemaFile: "schema-checks.json"})

	// The register of accesses: its monthly counts, with their secrecy.
	if err := put("register_monthly.csv", func(w io.Writer) error { return writeCSV(w, RegisterSchema(), registerRows(in.Register)) }); err != nil {
		return nil, err
	}
	regDesc := "Vide : cet espace de travail ne tient pas de registre (clairvoie log)."
	if in.Register != nil {
		regDesc = fmt.Sprintf("Inscriptions au registre par mois et par nature ; aucun compte de 1 à %d n'est publié, ni ce qui permettrait de le retrouver (case vide). Chaque inscription est engagée dans un journal de transparence vérifiable (/log/).", in.K-1)
		if in.RegisterSynthetic {
			regDesc += " Registre SYNTHÉTIQUE (démonstration)."
		}
	}
	pkg.Resources = append(pkg.Resources, Resource{Name: "register_monthly", Path: "register_monthly.csv", Profile: "tabular-data-resource",
		Title: "Registre des accès (comptes mensuels)", Description: regDesc,
		Format: "csv", Mediatype: "text/csv", Encoding: "utf-8", Licenses: []Licence{LicenceOuverte}, Schema: ptr(RegisterSchema()), schemaFile: "schema-register.json"})

	if in.Installation != nil {
		rs, err := writeInstallation(put, in)
		if err != nil {
			return nil, err
		}
		pkg.Resources = append(pkg.Resources, rs...)
	}

	if err := putJSON(put, "datapackage.json", pkg); err != nil {
		return nil, err
	}
	base := in.BaseURL
	if base == "" {
		base = in.LocalBase
	}
	if base == "" {
		base = "file:///"
	}
	if err := putJSON(put, "catalog.jsonld", Catalog(pkg, in, base, files)); err != nil {
		return nil, err
	}
	if err := put("README.md", func(w io.Writer) error { return writeReadme(w, pkg, in) }); err != nil {
		return nil, err
	}
	if in.Pages {
		if err := writePages(put, in); err != nil {
			return nil, err
		}
	}
	return pkg, nil
}

// Publish builds the package in a new directory beside dir and swaps it in,
// so that a crash leaves the previous package or the new one, never half.
func Publish(dir string, in Input) (*Package, error) {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, ".publish-*")
	if err != nil {
		return nil, err
	}
	if in.BaseURL == "" && in.LocalBase == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		in.LocalBase = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}).String()
	}
	defer os.RemoveAll(tmp)
	pkg, err := Build(in, func(name string, write func(io.Writer) error) error {
		path := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", name, err)
		}
		return f.Close()
	})
	if err != nil {
		return nil, err
	}
	old := dir + ".old"
	os.RemoveAll(old)
	if _, err := os.Stat(dir); err == nil {
		if err := os.Rename(dir, old); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		return nil, err
	}
	return pkg, os.RemoveAll(old)
}

func putJSON(put Put, name string, v any) error {
	return put(name, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	})
}

func ptr[T any](v T) *T { return &v }

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteRune('-')
		}
	}
	return b.String()
}

func yesno(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

func numStr(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func intStr(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// cameraRows are the cameras as the schema's fields, in order.
// pageURL is the address of a camera's page, or "" when none is published.
func pageURL(in Input, id int64) string {
	switch {
	case in.PageURL != nil:
		return in.PageURL(id)
	case in.Pages:
		return in.BaseURL + "cameras/" + strconv.FormatInt(id, 10) + ".html"
	}
	return ""
}

func cameraRows(cams []*clairvoie.Camera, in Input) [][]string {
	rows := make([][]string, 0, len(cams))
	for _, c := range cams {
		dir := ""
		if c.Direction != nil {
			dir = c.Direction.String()
		}
		purposes := make([]string, len(c.Purposes))
		for i, p := range c.Purposes {
			purposes[i] = strconv.Itoa(int(p))
		}
		signage := ""
		if c.Signage.Present != nil {
			signage = yesno(*c.Signage.Present)
		}
		rows = append(rows, []string{
			strconv.FormatInt(c.ID, 10), c.Provenance.Source, c.SourceRef,
			strconv.FormatFloat(c.Location.Lon(), 'f', -1, 64), strconv.FormatFloat(c.Location.Lat(), 'f', -1, 64),
			string(c.Status), string(c.Type), string(c.Mount), c.Zone, c.Surveillance, dir, numStr(c.Height), c.Operator,
			string(c.OperatorType), c.Place, c.Postcode, c.Commune, c.Arrondissement, in.Quartiers[c.Quartier],
			c.CommissionedOn.String(), c.RemovedOn.String(), c.Programme, numStr(c.InstallCost), intStr(c.InstallYear),
			numStr(c.MaintenanceCost), c.ContractRef, c.ContractEnd.String(), c.Authorisation.Ref,
			c.Authorisation.Date.String(), c.Authorisation.Expires.String(), intStr(c.Authorisation.RetentionDays),
			strings.Join(purposes, ";"), intStr(c.RetentionDays), signage, c.Signage.CheckedOn.String(), c.VerifiedOn.String(),
			yesno(c.Synthetic), pageURL(in, c.ID),
		})
	}
	return rows
}

// writeUsageCSV writes usage_monthly.csv a row at a time: at national scale
// the table has millions of rows, which must not all be held as strings.
func writeUsageCSV(w io.Writer, usage []clairvoie.UsageMonth, arrOf map[int64]string, synthetic map[int64]bool, k int) error {
	cw := csvsafe.NewWriter(w)
	header := make([]string, 0, 12)
	for _, f := range UsageSchema().Fields {
		header = append(header, f.Name)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	err := SuppressUsage(usage, arrOf, synthetic, k, func(r UsageRow) error {
		id := ""
		if r.CameraID > 0 {
			id = strconv.FormatInt(r.CameraID, 10)
		}
		rec = append(rec[:0], r.Level, id, r.Arrondissement, string(r.Month), strconv.Itoa(r.Cameras))
		var hidden []string
		for ci, name := range counts {
			if r.Suppressed[ci] {
				rec = append(rec, "")
				hidden = append(hidden, name)
			} else {
				rec = append(rec, strconv.Itoa(r.Values[ci]))
			}
		}
		rec = append(rec, strconv.FormatFloat(r.DowntimeHours, 'f', -1, 64), strings.Join(hidden, ";"), yesno(r.Synthetic))
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func checkRows(in Input) [][]string {
	syn := map[int64]bool{}
	for _, c := range in.Cameras {
		syn[c.ID] = c.Synthetic
	}
	out := make([][]string, 0, len(in.Findings))
	for _, f := range in.Findings {
		out = append(out, []string{strconv.FormatInt(f.CameraID, 10), f.Kind, string(f.Severity), f.MessageFR, in.Today.String(), yesno(syn[f.CameraID])})
	}
	return out
}

func writeCSV(w io.Writer, s Schema, rows [][]string) error {
	cw := csvsafe.NewWriter(w)
	header := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		header[i] = f.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// writeGeoJSON writes the cameras as RFC 7946 points with the schema's fields.
func writeGeoJSON(w io.Writer, cams []*clairvoie.Camera, rows [][]string) error {
	fields := CameraSchema().Fields
	type feature struct {
		Type       string            `json:"type"`
		ID         int64             `json:"id"`
		Geometry   map[string]any    `json:"geometry"`
		Properties map[string]string `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: make([]feature, 0, len(cams))}
	for i, c := range cams {
		props := map[string]string{}
		for j, f := range fields {
			if rows[i][j] != "" {
				props[f.Name] = rows[i][j]
			}
		}
		fc.Features = append(fc.Features, feature{Type: "Feature", ID: c.ID,
			Geometry: map[string]any{"type": "Point", "coordinates": []float64{c.Location.Lon(), c.Location.Lat()}}, Properties: props})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(fc)
}

// writePages writes a static page per camera, its QR code, and the assets.
func writePages(put Put, in Input) error {
	if err := put("cameras/page.css", func(w io.Writer) error { _, err := w.Write(camerapage.CSS); return err }); err != nil {
		return err
	}
	if err := put("cameras/page.js", func(w io.Writer) error { _, err := w.Write(camerapage.JS); return err }); err != nil {
		return err
	}
	for _, c := range in.Cameras {
		id := strconv.FormatInt(c.ID, 10)
		facts := camerapage.Facts(c, in.Today, in.Installation, in.Quartiers[c.Quartier])
		facts.Locator.Area, facts.Contacts = in.QuartierAreas[c.Quartier], in.Contacts
		for _, lang := range []string{"fr", "en"} {
			other, name, otherName := "en", id+".html", id+".en.html"
			if lang == "en" {
				other, name, otherName = "fr", id+".en.html", id+".html"
			}
			p := facts
			p.Lang, p.Other, p.URL, p.OtherURL = lang, other, in.BaseURL+"cameras/"+id+".html", otherName
			p.CSSURL, p.JSURL, p.QRURL = "page.css", "page.js", "qr/"+id+".png"
			if err := put("cameras/"+name, func(w io.Writer) error { return camerapage.Render(w, p) }); err != nil {
				return err
			}
		}
		png, err := qrcode.Encode(in.BaseURL+"cameras/"+id+".html", qrcode.Medium, 256)
		if err != nil {
			return err
		}
		if err := put("cameras/qr/"+id+".png", func(w io.Writer) error { _, err := io.Copy(w, bytes.NewReader(png)); return err }); err != nil {
			return err
		}
	}
	return nil
}

// registerRows are register_monthly.csv's rows: one per month and kind, the
// count empty when suppressed.
func registerRows(months []RegisterMonth) [][]string {
	var rows [][]string
	for _, m := range months {
		for _, kind := range []string{"viewing", "extraction", "transmission", "destruction", "config"} {
			name := kind
			if kind == "config" {
				name = "configuration"
			}
			v := ""
			if n, ok := m.Counts[kind]; ok {
				v = strconv.Itoa(n)
			}
			rows = append(rows, []string{m.Month, name, v})
		}
	}
	return rows
}

// recordFiles wraps put to note the size and SHA-1 of each file written.
// SHA-1 because DCAT-AP 2.1.1's shapes require spdx:checksumAlgorithm_sha1:
// a checksum against damage in transit, not a security claim (the
// register's files are what is signed).
func recordFiles(put Put, files map[string]FileInfo) Put {
	return func(name string, write func(io.Writer) error) error {
		return put(name, func(w io.Writer) error {
			h := sha1.New()
			cw := &countWriter{w: io.MultiWriter(w, h)}
			if err := write(cw); err != nil {
				return err
			}
			files[name] = FileInfo{Bytes: cw.n, SHA1: hex.EncodeToString(h.Sum(nil))}
			return nil
		})
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
