package opendata

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// Catalog is the package as a DCAT-AP catalogue in JSON-LD, which
// data.gouv.fr (and any DCAT harvester) can read.
func Catalog(pkg *Package, in Input) map[string]any {
	base := in.BaseURL
	var dists []map[string]any
	for _, r := range pkg.Resources {
		lic := r.Licenses[0]
		licURL := lic.Path
		if licURL == "" {
			licURL = lic.Title
		}
		d := map[string]any{
			"@type": "dcat:Distribution", "dct:title": r.Title, "dct:description": r.Description,
			"dcat:downloadURL": map[string]string{"@id": base + r.Path}, "dcat:accessURL": map[string]string{"@id": base + r.Path},
			"dcat:mediaType": r.Mediatype, "dct:format": strings.ToUpper(r.Format), "dct:license": map[string]string{"@id": licURL},
		}
		if r.schemaFile != "" {
			d["dct:conformsTo"] = map[string]string{"@id": base + r.schemaFile}
		}
		dists = append(dists, d)
	}
	return map[string]any{
		"@context": map[string]string{
			"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
			"xsd": "http://www.w3.org/2001/XMLSchema#",
		},
		"@id": base + "catalog.jsonld", "@type": "dcat:Catalog",
		"dct:title":     "Données ouvertes de la vidéoprotection — " + in.Publisher,
		"dct:publisher": map[string]any{"@type": "foaf:Organization", "foaf:name": in.Publisher},
		"dct:language":  "fr",
		"dcat:dataset": []map[string]any{{
			"@id": base + "datapackage.json", "@type": "dcat:Dataset",
			"dct:title": pkg.Title, "dct:description": pkg.Description, "dct:identifier": pkg.Name,
			"dct:issued":    map[string]string{"@value": in.Today.String(), "@type": "xsd:date"},
			"dct:modified":  map[string]string{"@value": in.Today.String(), "@type": "xsd:date"},
			"dct:publisher": map[string]any{"@type": "foaf:Organization", "foaf:name": in.Publisher},
			"dcat:keyword":  pkg.Keywords, "dct:language": "fr", "dcat:distribution": dists,
			"dct:license": map[string]string{"@id": LicenceOuverte.Path},
		}},
	}
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
