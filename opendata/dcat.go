package opendata

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// DCATAPVersion is the version of DCAT-AP the catalogue follows; the tests
// validate it against that version's SHACL shapes (SEMICeu/DCAT-AP).
const DCATAPVersion = "2.1.1"

// Controlled vocabularies of the EU Publications Office the catalogue names.
const (
	euAuthority    = "http://publications.europa.eu/resource/authority/"
	themeJustice   = euAuthority + "data-theme/JUST" // justice, legal system and public safety
	themeGov       = euAuthority + "data-theme/GOVE" // government and public sector
	themeScheme    = euAuthority + "data-theme"
	langFrench     = euAuthority + "language/FRA"
	langEnglish    = euAuthority + "language/ENG"
	monthly        = euAuthority + "frequency/MONTHLY"
	publicAccess   = euAuthority + "access-right/PUBLIC"
	stable         = euAuthority + "planned-availability/STABLE"
	localAuthority = "http://purl.org/adms/publishertype/LocalAuthority"
	ianaMediaType  = "https://www.iana.org/assignments/media-types/"
)

// fileTypes maps a resource's format to the EU file-type vocabulary.
var fileTypes = map[string]string{"csv": "CSV", "json": "JSON", "geojson": "GEOJSON", "jsonld": "JSON_LD", "md": "MARKDOWN", "html": "HTML"}

// FileInfo is what the catalogue says of a file of the package: its size
// and its SHA-1 (the checksum algorithm DCAT-AP 2.1.1 requires).
type FileInfo struct {
	Bytes int64
	SHA1  string
}

// Catalog is the package as a DCAT-AP 2.1.1 catalogue in JSON-LD, which
// data.gouv.fr (udata) and any DCAT harvester read. Every subject is an
// absolute IRI under base (in.BaseURL, or the local one Publish gives when
// there is none); licences, languages, themes, formats and media types are
// IRIs of their vocabularies; a licence known only as text is dct:rights.
// files holds the size and checksum of each file already written.
func Catalog(pkg *Package, in Input, base string, files map[string]FileInfo) map[string]any {
	id := func(iri string) map[string]string { return map[string]string{"@id": iri} }
	date := map[string]string{"@value": in.Today.String(), "@type": "xsd:date"}
	fr := func(s string) map[string]string { return map[string]string{"@value": s, "@language": "fr"} }
	en := func(s string) map[string]string { return map[string]string{"@value": s, "@language": "en"} }
	publisher := in.Publisher
	if publisher == "" {
		publisher = "clairvoie"
	}
	agent := map[string]any{"@id": base + "#publisher", "@type": []string{"foaf:Agent", "foaf:Organization"},
		"foaf:name": publisher, "dct:type": id(localAuthority)}

	var dists []map[string]any
	for _, r := range pkg.Resources {
		d := map[string]any{
			"@id": base + "datapackage.json#" + r.Name, "@type": "dcat:Distribution",
			"dct:title": fr(r.Title), "dct:description": fr(r.Description),
			"dcat:accessURL": id(base + r.Path), "dcat:downloadURL": id(base + r.Path),
			"dcat:mediaType":      map[string]any{"@id": ianaMediaType + r.Mediatype, "@type": "dct:MediaType"},
			"dcatap:availability": id(stable), "dct:issued": date, "dct:modified": date,
		}
		if ft, ok := fileTypes[strings.ToLower(r.Format)]; ok {
			d["dct:format"] = map[string]any{"@id": euAuthority + "file-type/" + ft, "@type": "dct:MediaTypeOrExtent"}
		}
		licence(d, r.Licenses[0])
		if r.schemaFile != "" {
			d["dct:conformsTo"] = map[string]any{"@id": base + r.schemaFile, "@type": "dct:Standard"}
		}
		if f, ok := files[r.Path]; ok {
			d["dcat:byteSize"] = map[string]any{"@value": fmt.Sprint(f.Bytes), "@type": "xsd:decimal"}
			d["spdx:checksum"] = map[string]any{"@type": "spdx:Checksum", "spdx:algorithm": id("spdx:checksumAlgorithm_sha1"),
				"spdx:checksumValue": map[string]string{"@value": f.SHA1, "@type": "xsd:hexBinary"}}
		}
		dists = append(dists, d)
	}

	dataset := map[string]any{
		"@id": base + "datapackage.json", "@type": "dcat:Dataset",
		"dct:title": []any{fr(pkg.Title), en("Video protection — " + publisher)},
		"dct:description": []any{fr(pkg.Description), en("The registry of the video-protection cameras, their monthly use (statistical secrecy: no count from 1 to " +
			fmt.Sprint(in.K-1) + " is published), the check of their compliance and the register of accesses, published with clairvoie. No personal data.")},
		"dct:identifier": base + "datapackage.json",
		"dct:issued":     date, "dct:modified": date,
		"dct:publisher": agent,
		"dcat:contactPoint": map[string]any{"@id": base + "#contact", "@type": "vcard:Organization",
			"vcard:fn": "Service de la vidéoprotection — " + publisher, "vcard:hasURL": id(base)},
		"dcat:keyword":           append(slices.Clone(pkg.Keywords), "video protection", "CCTV"),
		"dcat:theme":             []any{id(themeJustice), id(themeGov)},
		"dct:language":           []any{map[string]any{"@id": langFrench, "@type": "dct:LinguisticSystem"}},
		"dct:accrualPeriodicity": map[string]any{"@id": monthly, "@type": "dct:Frequency"},
		"dct:accessRights":       map[string]any{"@id": publicAccess, "@type": "dct:RightsStatement"},
		"dcat:landingPage":       map[string]any{"@id": base, "@type": "foaf:Document"},
		"dct:conformsTo":         map[string]any{"@id": base + "schema-cameras.json", "@type": "dct:Standard"},
		"dcat:distribution":      dists,
	}
	if sp := spatial(in, base); sp != nil {
		dataset["dct:spatial"] = sp
	}
	if t := temporal(in, base); t != nil {
		dataset["dct:temporal"] = t
	}
	catalog := map[string]any{
		"@context": map[string]string{
			"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
			"xsd": "http://www.w3.org/2001/XMLSchema#", "vcard": "http://www.w3.org/2006/vcard/ns#", "spdx": "http://spdx.org/rdf/terms#",
			"dcatap": "http://data.europa.eu/r5r/", "locn": "http://www.w3.org/ns/locn#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
			"owl": "http://www.w3.org/2002/07/owl#", "gsp": "http://www.opengis.net/ont/geosparql#",
		},
		"@id": base + "catalog.jsonld", "@type": "dcat:Catalog",
		"dct:title":       []any{fr("Données ouvertes de la vidéoprotection — " + publisher), en("Open data of video protection — " + publisher)},
		"dct:description": []any{fr("Le registre des caméras de vidéoprotection, leur usage et leur conformité, publiés avec clairvoie."), en("The registry of the video-protection cameras, their use and their compliance, published with clairvoie.")},
		"dct:publisher":   agent,
		"dct:language":    []any{map[string]any{"@id": langFrench, "@type": "dct:LinguisticSystem"}, map[string]any{"@id": langEnglish, "@type": "dct:LinguisticSystem"}},
		"dct:license":     map[string]any{"@id": LicenceOuverte.Path, "@type": "dct:LicenseDocument", "dct:type": id(euAuthority + "licence/ETALAB_2_0")},
		"foaf:homepage":   map[string]any{"@id": base, "@type": "foaf:Document"},
		"dct:issued":      date, "dct:modified": date,
		"dcat:themeTaxonomy": map[string]any{"@id": themeScheme, "@type": "skos:ConceptScheme", "dct:title": en("Data theme")},
		"dct:conformsTo":     id("http://data.europa.eu/r5r/"),
		"owl:versionInfo":    "DCAT-AP " + DCATAPVersion,
		"dcat:dataset":       []any{dataset},
	}
	catalog["@context"].(map[string]string)["skos"] = "http://www.w3.org/2004/02/skos/core#"
	if sp := spatial(in, base); sp != nil {
		catalog["dct:spatial"] = sp
	}
	return catalog
}

// licence names a distribution's licence: an IRI for a known one (typed
// dct:LicenseDocument), the text as dct:rights for one known only by
// its words (a harvester must not take words for an IRI).
func licence(d map[string]any, l Licence) {
	if l.Path != "" && (strings.HasPrefix(l.Path, "https://") || strings.HasPrefix(l.Path, "http://")) {
		d["dct:license"] = map[string]any{"@id": l.Path, "@type": "dct:LicenseDocument"}
		return
	}
	d["dct:rights"] = map[string]any{"@type": "dct:RightsStatement", "rdfs:label": l.Title}
}

// spatial is the communes the cameras are in, as INSEE IRIs, and the
// box around the cameras, as a location with a WKT polygon.
func spatial(in Input, base string) []any {
	var out []any
	communes := map[string]bool{}
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range in.Cameras {
		if c.Commune != "" {
			communes[c.Commune] = true
		}
		minLon, maxLon = math.Min(minLon, c.Location[0]), math.Max(maxLon, c.Location[0])
		minLat, maxLat = math.Min(minLat, c.Location[1]), math.Max(maxLat, c.Location[1])
	}
	for _, code := range slices.Sorted(maps.Keys(communes)) {
		out = append(out, map[string]string{"@id": "http://id.insee.fr/geo/commune/" + code})
	}
	if !math.IsInf(minLon, 1) {
		wkt := fmt.Sprintf("POLYGON((%.5f %.5f,%.5f %.5f,%.5f %.5f,%.5f %.5f,%.5f %.5f))",
			minLon, minLat, maxLon, minLat, maxLon, maxLat, minLon, maxLat, minLon, minLat)
		out = append(out, map[string]any{"@id": base + "#extent", "@type": "dct:Location",
			"dcat:bbox":     map[string]string{"@value": wkt, "@type": "gsp:wktLiteral"},
			"dcat:centroid": map[string]string{"@value": fmt.Sprintf("POINT(%.5f %.5f)", (minLon+maxLon)/2, (minLat+maxLat)/2), "@type": "gsp:wktLiteral"}})
	}
	return out
}

// temporal is the period the package covers: from the first camera's
// commissioning (or the first month of usage) to the release.
func temporal(in Input, base string) map[string]any {
	var first clairvoie.Date
	for _, c := range in.Cameras {
		if !c.CommissionedOn.IsZero() && (first.IsZero() || c.CommissionedOn.Before(first)) {
			first = c.CommissionedOn
		}
	}
	for _, u := range in.Usage {
		d := clairvoie.DateOf(u.Month.Time())
		if first.IsZero() || d.Before(first) {
			first = d
		}
	}
	if first.IsZero() {
		return nil
	}
	return map[string]any{"@id": base + "#period", "@type": "dct:PeriodOfTime",
		"dcat:startDate": map[string]string{"@value": first.String(), "@type": "xsd:date"},
		"dcat:endDate":   map[string]string{"@value": in.Today.String(), "@type": "xsd:date"}}
}

func writeReadme(w io.Writer, pkg *Package, in Input) error {

	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\nPublié le %s par %s avec clairvoie. Schémas : `schema-*.json` (Table Schema). Catalogue DCAT-AP : `catalog.jsonld`.\n\n", pkg.Title, pkg.Description, in.Today, in.Publisher)
	b.WriteString("| fichier | contenu | licence |\n| --- | --- | --- |\n")
	for _, r := range pkg.Resources {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Path, strings.ReplaceAll(r.Description, "|", "/"), r.Licenses[0].Title)
	}
	fmt.Fprintf(&b, "\nSecret statistique : aucun compte publié n'est compris entre 1 et %d ; les cases masquées sont vides et nommées dans la colonne `suppressed` ; un masquage secondaire empêche de les retrouver par différence avec le total de la ville.\n", in.K-1)
	for _, r := range pkg.Resources {
		if r.Name == "cameras_osm" {
			b.WriteString("\nLes données issues d'OpenStreetMap (© les contributeurs d'OpenStreetMap) sont sous ODbL et publiées à part (`cameras_osm.*`).\n")
		}
	}
	b.WriteString("\nLes fiches marquées `synthetic = oui` sont générées (démonstration) : ce ne sont pas des caméras réelles.\n")
	b.WriteString("\n## Valeurs OpenStreetMap\n\nLes colonnes `zone`, `type`, `mount`… gardent les valeurs d'OpenStreetMap ; les pages les disent ainsi (français, anglais). Une valeur absente de ces tables est montrée telle quelle, marquée.\n")
	for _, v := range clairvoie.Vocabularies {
		fmt.Fprintf(&b, "\n### `%s` ([source](%s))\n\n| valeur | français | English |\n| --- | --- | --- |\n", v.Key, v.Source)
		for _, value := range slices.Sorted(maps.Keys(v.Values)) {
			l := v.Values[value]
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", value, l[0], l[1])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
