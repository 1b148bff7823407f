// Package opendata publishes what clairvoie knows that may be public as a
// Frictionless data package (https://specs.frictionlessdata.io): the
// registry under a Table Schema proposed as a national schema for
// vidéoprotection cameras (in the style of schema.data.gouv.fr), the usage
// ledger with statistical secrecy, the compliance findings, a DCAT-AP
// catalogue that data.gouv.fr can harvest, and a static page per camera.
// Validate checks a package the way a city should before publishing it.
package opendata

// Field is a Table Schema field.
type Field struct {
	Name        string       `json:"name"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Example     string       `json:"example,omitempty"`
	Constraints *Constraints `json:"constraints,omitempty"`
	TrueValues  []string     `json:"trueValues,omitempty"`
	FalseValues []string     `json:"falseValues,omitempty"`
}

// Constraints are a field's Table Schema constraints.
type Constraints struct {
	Required bool     `json:"required,omitempty"`
	Unique   bool     `json:"unique,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
	Minimum  *float64 `json:"minimum,omitempty"`
	Maximum  *float64 `json:"maximum,omitempty"`
}

// Schema is a Table Schema.
type Schema struct {
	Name        string `json:"name,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Version     string `json:"version,omitempty"`
	// Homepage and Path name the schema's published repository and its
	// schema.json (schema/videoprotection-cameras), for the camera schema.
	Homepage      string   `json:"homepage,omitempty"`
	Path          string   `json:"path,omitempty"`
	Fields        []Field  `json:"fields"`
	PrimaryKey    []string `json:"primaryKey,omitempty"`
	MissingValues []string `json:"missingValues"`
}

func f(v float64) *float64 { return &v }

var yesNo = []string{"oui", "non"}

// CameraSchema is the proposed national schema for vidéoprotection cameras.
func CameraSchema() Schema {
	req := &Constraints{Required: true}
	return Schema{
		Name:          "videoprotection-cameras",
		Title:         "Caméras de vidéoprotection",
		Description:   "Registre des caméras de vidéoprotection d'une collectivité : emplacement, nature, exploitant, coût et cadre légal (Code de la sécurité intérieure, L251-1 à L255-1). Schéma proposé par clairvoie, dans le style de schema.data.gouv.fr. Aucune donnée personnelle.",
		Version:       schemaRelease.Version,
		Homepage:      SchemaHome,
		Path:          SchemaRaw + "schema.json",
		PrimaryKey:    []string{"id"},
		MissingValues: []string{""},
		Fields: []Field{
			{Name: "id", Title: "Identifiant", Description: "Identifiant de la caméra dans le registre publié.", Type: "integer", Constraints: &Constraints{Required: true, Unique: true, Minimum: f(1)}},
			{Name: "source", Title: "Source", Description: "Liste d'où vient la fiche (registre de la ville, OpenStreetMap…).", Type: "string", Constraints: req},
			{Name: "source_ref", Title: "Référence dans la source", Description: "Identifiant de la caméra dans sa source (numéro de la liste, nœud OpenStreetMap).", Type: "string", Constraints: req},
			{Name: "lon", Title: "Longitude", Description: "Longitude WGS 84 en degrés décimaux.", Type: "number", Constraints: &Constraints{Required: true, Minimum: f(-180), Maximum: f(180)}},
			{Name: "lat", Title: "Latitude", Description: "Latitude WGS 84 en degrés décimaux.", Type: "number", Constraints: &Constraints{Required: true, Minimum: f(-90), Maximum: f(90)}},
			{Name: "status", Title: "État", Description: "en projet (planned), en service (active), hors service (out_of_service), retirée (removed).", Type: "string", Constraints: &Constraints{Required: true, Enum: []string{"planned", "active", "out_of_service", "removed"}}},
			{Name: "type", Title: "Type de caméra", Description: "Fixe, mobile (panoramique) ou dôme (OpenStreetMap camera:type).", Type: "string", Constraints: &Constraints{Enum: []string{"fixed", "panning", "dome"}}},
			{Name: "mount", Title: "Support", Description: "Mur, mât, plafond, candélabre (OpenStreetMap camera:mount).", Type: "string"},
			{Name: "zone", Title: "Zone filmée", Description: "Nature de l'espace filmé (OpenStreetMap surveillance:zone : town, traffic, parking…).", Type: "string"},
			{Name: "surveillance", Title: "Espace", Description: "public, outdoor ou indoor (OpenStreetMap surveillance).", Type: "string"},
			{Name: "direction", Title: "Direction", Description: "Direction en degrés depuis le nord, ou champ « a-b » (OpenStreetMap camera:direction).", Type: "string", Constraints: &Constraints{Pattern: `^[0-9]+(\.[0-9]+)?(-[0-9]+(\.[0-9]+)?)?$`}},
			{Name: "height", Title: "Hauteur", Description: "Hauteur en mètres.", Type: "number", Constraints: &Constraints{Minimum: f(0), Maximum: f(500)}},
			{Name: "operator", Title: "Exploitant", Description: "Organisme qui exploite la caméra (responsable du traitement).", Type: "string"},
			{Name: "operator_type", Title: "Nature de l'exploitant", Description: "public ou private.", Type: "string", Constraints: &Constraints{Enum: []string{"public", "private"}}},
			{Name: "place", Title: "Lieu", Description: "Le lieu filmé (carrefour, place), jamais une personne.", Type: "string"},
			{Name: "postcode", Title: "Code postal", Type: "string", Description: "Code postal du lieu.", Constraints: &Constraints{Pattern: `^[0-9]{5}$`}},
			{Name: "commune", Title: "Commune", Description: "Code INSEE de la commune.", Type: "string", Constraints: &Constraints{Pattern: `^[0-9][0-9AB][0-9]{3}$`}},
			{Name: "arrondissement", Title: "Arrondissement", Description: "Code INSEE de l'arrondissement municipal (Paris, Lyon, Marseille).", Type: "string", Constraints: &Constraints{Pattern: `^[0-9][0-9AB][0-9]{3}$`}},
			{Name: "quartier", Title: "Quartier", Description: "Quartier (nom).", Type: "string"},
			{Name: "commissioned_on", Title: "Mise en service", Description: "Date de mise en service.", Type: "date"},
			{Name: "removed_on", Title: "Retrait", Description: "Date de retrait.", Type: "date"},
			{Name: "programme", Title: "Programme", Description: "Programme ou tranche de déploiement.", Type: "string"},
			{Name: "install_cost", Title: "Coût d'installation", Description: "Coût d'installation en euros.", Type: "number", Constraints: &Constraints{Minimum: f(0)}},
			{Name: "install_year", Title: "Année d'installation", Type: "integer", Description: "Année de l'installation.", Constraints: &Constraints{Minimum: f(1950), Maximum: f(2200)}},
			{Name: "maintenance_cost", Title: "Coût de maintenance annuel", Description: "Coût de maintenance en euros par an.", Type: "number", Constraints: &Constraints{Minimum: f(0)}},
			{Name: "contract_ref", Title: "Marché", Description: "Référence du marché de maintenance.", Type: "string"},
			{Name: "contract_end", Title: "Fin du marché", Description: "Date de fin du marché.", Type: "date"},
			{Name: "authorisation_ref", Title: "Arrêté préfectoral", Description: "Référence de l'arrêté d'autorisation (CSI L252-1).", Type: "string"},
			{Name: "authorisation_date", Title: "Date de l'arrêté", Description: "Date de l'autorisation.", Type: "date"},
			{Name: "authorisation_expiry", Title: "Fin de l'autorisation", Description: "Date de fin de validité (5 ans, renouvelable).", Type: "date"},
			{Name: "authorised_retention_days", Title: "Conservation autorisée", Description: "Durée de conservation maximale fixée par l'arrêté, en jours.", Type: "integer", Constraints: &Constraints{Minimum: f(1), Maximum: f(3650)}},
			{Name: "purposes", Title: "Finalités", Description: "Finalités autorisées, numéros de la liste de l'article L251-2 (1 à 11) séparés par « ; ».", Type: "string", Constraints: &Constraints{Pattern: `^(1[01]|[1-9])(;(1[01]|[1-9]))*$`}},
			{Name: "retention_days", Title: "Durée de conservation", Description: "Durée de conservation des images, en jours (au plus 30 : CSI L252-5).", Type: "integer", Constraints: &Constraints{Minimum: f(1), Maximum: f(3650)}},
			{Name: "signage", Title: "Panneau", Description: "Un panneau informe le public.", Type: "boolean", TrueValues: yesNo[:1], FalseValues: yesNo[1:]},
			{Name: "signage_checked_on", Title: "Contrôle du panneau", Description: "Date du dernier contrôle du panneau.", Type: "date"},
			{Name: "verified_on", Title: "Vérification sur le terrain", Description: "Date de la dernière vérification sur le terrain.", Type: "date"},
			{Name: "synthetic", Title: "Donnée synthétique", Description: "oui si la fiche a été générée (démonstration), non si elle décrit une caméra réelle.", Type: "boolean", TrueValues: yesNo[:1], FalseValues: yesNo[1:], Constraints: req},
			{Name: "page", Title: "Page d'information", Description: "Adresse de la page d'information de la caméra (« second niveau » du panneau).", Type: "string"},
		},
	}
}

// UsageSchema describes usage_monthly.csv.
func UsageSchema() Schema {
	count := func(name, title, desc string) Field {
		return Field{Name: name, Title: title, Description: desc + " Vide si la valeur est masquée (secret statistique : voir « suppressed »).", Type: "integer", Constraints: &Constraints{Minimum: f(0)}}
	}
	return Schema{
		Name: "videoprotection-usage-monthly", Title: "Usage mensuel des caméras",
		Description:   "Comptes mensuels agrégés, par caméra quand ses comptes sont nuls ou au moins égaux au seuil de secret, sinon par arrondissement ; total de la ville par mois. Aucune valeur publiée n'est comprise entre 1 et le seuil − 1.",
		MissingValues: []string{""},
		Fields: []Field{
			{Name: "level", Title: "Niveau", Description: "camera, arrondissement (agrégat des caméras aux comptes trop faibles) ou city (total de la ville).", Type: "string", Constraints: &Constraints{Required: true, Enum: []string{"camera", "arrondissement", "city"}}},
			{Name: "camera_id", Title: "Caméra", Description: "Identifiant de la caméra (niveau camera).", Type: "integer", Constraints: &Constraints{Minimum: f(1)}},
			{Name: "arrondissement", Title: "Arrondissement", Description: "Code INSEE (niveau arrondissement ; vide s'il est inconnu).", Type: "string"},
			{Name: "month", Title: "Mois", Description: "Mois (AAAA-MM).", Type: "string", Constraints: &Constraints{Required: true, Pattern: `^[12][0-9]{3}-(0[1-9]|1[0-2])$`}},
			{Name: "cameras", Title: "Caméras", Description: "Nombre de caméras comptées dans la ligne.", Type: "integer", Constraints: &Constraints{Required: true, Minimum: f(1)}},
			count("requisitions", "Réquisitions", "Réquisitions judiciaires d'images."),
			count("extractions", "Extractions", "Extractions remises."),
			count("decisive", "Extractions décisives", "Extractions décisives dans une procédure."),
			count("interventions", "Interventions", "Interventions en direct déclenchées."),
			count("vandalism", "Dégradations", "Actes de vandalisme."),
			{Name: "downtime_hours", Title: "Heures d'indisponibilité", Description: "Heures hors service.", Type: "number", Constraints: &Constraints{Minimum: f(0)}},
			{Name: "suppressed", Title: "Valeurs masquées", Description: "Colonnes masquées par le secret statistique, séparées par « ; ».", Type: "string"},
			{Name: "synthetic", Title: "Donnée synthétique", Description: "oui si la ligne compte des données générées.", Type: "boolean", TrueValues: yesNo[:1], FalseValues: yesNo[1:], Constraints: &Constraints{Required: true}},
		},
	}
}

// ChecksSchema describes checks.csv.
func ChecksSchema() Schema {
	return Schema{
		Name: "videoprotection-checks", Title: "Contrôle de conformité",
		Description:   "Ce qui manque ou enfreint les règles, par caméra, à la date du contrôle (clairvoie check).",
		MissingValues: []string{""},
		Fields: []Field{
			{Name: "camera_id", Title: "Caméra", Description: "Identifiant de la caméra.", Type: "integer", Constraints: &Constraints{Required: true, Minimum: f(1)}},
			{Name: "kind", Title: "Constat", Description: "Code stable du constat.", Type: "string", Constraints: &Constraints{Required: true}},
			{Name: "severity", Title: "Gravité", Description: "breach (manquement), due (échéance), unknown (information manquante), stale (contrôle ancien).", Type: "string", Constraints: &Constraints{Required: true, Enum: []string{"breach", "due", "unknown", "stale"}}},
			{Name: "message", Title: "Message", Description: "Le constat en français.", Type: "string"},
			{Name: "checked_on", Title: "Date du contrôle", Description: "Date du contrôle.", Type: "date", Constraints: &Constraints{Required: true}},
			{Name: "synthetic", Title: "Donnée synthétique", Description: "oui si la caméra est une fiche générée.", Type: "boolean", TrueValues: yesNo[:1], FalseValues: yesNo[1:], Constraints: &Constraints{Required: true}},
		},
	}
}

// RegisterSchema describes register_monthly.csv: counts of the register's
// entries (viewings, extractions, transmissions, destructions) per month.
func RegisterSchema() Schema {
	return Schema{
		Name: "videoprotection-register-monthly", Title: "Registre des visionnages, extractions, transmissions et destructions",
		Description:   "Nombre d'inscriptions au registre par mois et par nature, avec secret statistique.",
		MissingValues: []string{""},
		Fields: []Field{
			{Name: "month", Title: "Mois", Description: "Mois (AAAA-MM).", Type: "string", Constraints: &Constraints{Required: true, Pattern: `^[12][0-9]{3}-(0[1-9]|1[0-2])$`}},
			{Name: "kind", Title: "Nature", Description: "viewing, extraction, transmission, destruction, configuration.", Type: "string", Constraints: &Constraints{Required: true, Enum: []string{"viewing", "extraction", "transmission", "destruction", "configuration"}}},
			{Name: "count", Title: "Nombre", Description: "Vide si masqué (secret statistique).", Type: "integer", Constraints: &Constraints{Minimum: f(0)}},
		},
	}
}
