package opendata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// The camera schema as schema.data.gouv.fr expects a schema repository:
// schema.json (the Table Schema with its metadata), README.md, CHANGELOG.md,
// a valid and an invalid example. The files live in
// schema/videoprotection-cameras/, written from CameraSchema by
// `go test ./opendata -run SchemaRepository -update`, so that the folder a
// city submits is always the schema the package publishes.

// SchemaHome is where the repository folder is published.
const SchemaHome = "https://github.com/clairvoie/clairvoie/tree/main/schema/videoprotection-cameras"

// SchemaRaw is the raw address of the folder's files.
const SchemaRaw = "https://github.com/clairvoie/clairvoie/raw/main/schema/videoprotection-cameras/"

// schemaRelease is the version the folder describes and its dates.
var schemaRelease = struct{ Version, Created, Modified string }{"0.1.0", "2026-11-29", "2026-12-05"}

type schemaResource struct {
	Title string `json:"title"`
	Name  string `json:"name"`
	Path  string `json:"path"`
}

type schemaContributor struct {
	Title        string `json:"title"`
	Organisation string `json:"organisation"`
	Role         string `json:"role"`
}

// publishedSchema is a Table Schema with the metadata schema.data.gouv.fr
// reads (its contributors are organisations: no person, no e-mail).
type publishedSchema struct {
	Schema        string              `json:"$schema"`
	Name          string              `json:"name"`
	Title         string              `json:"title"`
	Description   string              `json:"description"`
	Keywords      []string            `json:"keywords"`
	CountryCode   string              `json:"countryCode"`
	Homepage      string              `json:"homepage"`
	Path          string              `json:"path"`
	Licenses      []Licence           `json:"licenses"`
	Resources     []schemaResource    `json:"resources"`
	Created       string              `json:"created"`
	LastModified  string              `json:"lastModified"`
	Version       string              `json:"version"`
	Contributors  []schemaContributor `json:"contributors"`
	Fields        []Field             `json:"fields"`
	PrimaryKey    []string            `json:"primaryKey,omitempty"`
	MissingValues []string            `json:"missingValues"`
}

// SchemaRepository returns the files of the schema's repository folder.
func SchemaRepository() (map[string][]byte, error) {
	s := CameraSchema()
	ps := publishedSchema{Schema: "https://specs.frictionlessdata.io/schemas/table-schema.json", Name: s.Name, Title: s.Title,
		Description: s.Description, Keywords: []string{"vidéoprotection", "caméras", "CSI L251-2", "transparence"}, CountryCode: "FR",
		Homepage: SchemaHome, Path: SchemaRaw + "schema.json", Licenses: []Licence{LicenceOuverte},
		Resources: []schemaResource{
			{Title: "Fichier valide (CSV)", Name: "exemple-valide", Path: SchemaRaw + "exemple-valide.csv"},
			{Title: "Fichier invalide (CSV)", Name: "exemple-invalide", Path: SchemaRaw + "exemple-invalide.csv"},
		},
		Created: schemaRelease.Created, LastModified: schemaRelease.Modified, Version: schemaRelease.Version,
		Contributors: []schemaContributor{{Title: "clairvoie", Organisation: "clairvoie (logiciel libre)", Role: "author"}},
		Fields:       s.Fields, PrimaryKey: s.PrimaryKey, MissingValues: s.MissingValues}
	js, err := json.MarshalIndent(ps, "", "  ")
	if err != nil {
		return nil, err
	}
	header := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		header[i] = f.Name
	}
	row := func(values map[string]string) string {
		cells := make([]string, len(s.Fields))
		for i, f := range s.Fields {
			cells[i] = values[f.Name]
		}
		return strings.Join(cells, ",")
	}
	base := map[string]string{"source": "ville-exemple", "status": "active", "type": "fixed", "mount": "pole", "zone": "town",
		"surveillance": "public", "operator": "Ville d'Exemple", "operator_type": "public", "commune": "13055", "commissioned_on": "2019-05-02",
		"authorisation_ref": "AP-13-2024-07-VP", "authorisation_date": "2024-03-01", "authorisation_expiry": "2029-03-01",
		"authorised_retention_days": "15", "purposes": "1;5", "retention_days": "15", "signage": "oui", "synthetic": "non"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	valid := []string{strings.Join(header, ","),
		row(with("id", "1", "source_ref", "VP-001", "lon", "5.3698", "lat", "43.2965", "place", "Place du Général de Gaulle", "height", "6.5", "direction", "90")),
		row(with("id", "2", "source_ref", "VP-002", "lon", "5.3810", "lat", "43.2990", "type", "dome", "mount", "wall", "status", "out_of_service")),
		row(with("id", "3", "source_ref", "VP-003", "lon", "5.3750", "lat", "43.2920", "status", "planned", "commissioned_on", "", "signage", "")),
	}
	invalid := []string{strings.Join(header, ","),
		row(with("id", "1", "source_ref", "VP-001", "lon", "5.3698", "lat", "43.2965", "status", "en service")), // not a code of the list
		row(with("id", "1", "source_ref", "VP-002", "lon", "185", "lat", "43.2990")),                            // id repeated, longitude out of range
		row(with("id", "3", "source_ref", "", "lon", "5.3750", "lat", "43.2920", "commissioned_on", "02/05/2019", "purposes", "12")),
	}
	var readme bytes.Buffer
	fmt.Fprintf(&readme, "# %s\n\n%s\n\nVersion %s du %s. Licence : %s. Schéma au format [Table Schema](https://specs.frictionlessdata.io/table-schema/), proposé pour [schema.data.gouv.fr](https://schema.data.gouv.fr) ; écrit par clairvoie depuis `opendata/schema.go` (`go test ./opendata -run SchemaRepository -update`).\n\n",
		s.Title, s.Description, schemaRelease.Version, schemaRelease.Modified, LicenceOuverte.Title)
	readme.WriteString("## Contexte\n\nUne ville qui exploite des caméras de vidéoprotection sur la voie publique (Code de la sécurité intérieure, L251-1 et suivants) publie leur registre : où elles sont, qui les exploite, sous quelle autorisation, pour quelles finalités, combien de temps les images sont gardées. Aucune donnée personnelle : l'exploitant est un organisme, le lieu est un lieu.\n\n")
	readme.WriteString("## Champs\n\n| nom | titre | type | obligatoire | description |\n| --- | --- | --- | --- | --- |\n")
	for _, f := range s.Fields {
		req := ""
		if f.Constraints != nil && f.Constraints.Required {
			req = "oui"
		}
		desc := f.Description
		if f.Constraints != nil && len(f.Constraints.Enum) > 0 {
			desc += " Valeurs : `" + strings.Join(f.Constraints.Enum, "`, `") + "`."
		}
		fmt.Fprintf(&readme, "| `%s` | %s | %s | %s | %s |\n", f.Name, f.Title, f.Type, req, strings.ReplaceAll(desc, "|", "/"))
	}
	readme.WriteString("\n## Valider un fichier\n\n`exemple-valide.csv` est conforme ; `exemple-invalide.csv` ne l'est pas (un état hors de la liste, un identifiant répété, une longitude hors limites, une date au mauvais format, une finalité inconnue, une référence manquante). Avec clairvoie : `clairvoie validate DOSSIER` sur un paquet publié ; avec les outils de data.gouv.fr : [Validata](https://validata.fr).\n")
	changelog := "# Changements\n\n## " + schemaRelease.Version + " (" + schemaRelease.Modified + ")\n\nPremière version proposée : le registre des caméras tel que clairvoie le publie (`cameras.csv`).\n"
	return map[string][]byte{
		"schema.json":          append(js, '\n'),
		"README.md":            readme.Bytes(),
		"CHANGELOG.md":         []byte(changelog),
		"exemple-valide.csv":   []byte(strings.Join(valid, "\n") + "\n"),
		"exemple-invalide.csv": []byte(strings.Join(invalid, "\n") + "\n"),
	}, nil
}
