package opendata

import (
	"io"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
)

// The installation's declaration as open data: the systems of the chain,
// the analytics modules, the data flows and the contracts, each a CSV with
// its Table Schema. Nothing personal: suppliers, recipients and contract
// holders are organisations (a holder that is a person is withheld at
// import), every other field a code, a reference, a date or an amount.

var (
	optional = &Constraints{}
	required = &Constraints{Required: true}
)

func enum(values ...string) *Constraints { return &Constraints{Required: true, Enum: values} }

func synthField() Field {
	return Field{Name: "synthetic", Title: "Donnée synthétique", Description: "oui si l'élément est une reconstruction de démonstration.", Type: "boolean",
		TrueValues: yesNo[:1], FalseValues: yesNo[1:], Constraints: required}
}

func kindsOf[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// SystemsSchema describes systems.csv.
func SystemsSchema() Schema {
	return Schema{Name: "videoprotection-systems", Title: "Systèmes de la chaîne de vidéoprotection",
		Description:   "Les systèmes derrière les caméras (gestion vidéo, enregistreurs, serveurs d'analyse, lecteurs de plaques, observatoire) : fournisseur, produit, licence, hébergement et pays où sont les données.",
		MissingValues: []string{""}, PrimaryKey: []string{"source", "ref"},
		Fields: []Field{
			{Name: "source", Title: "Source", Description: "Déclaration d'où vient l'élément.", Type: "string", Constraints: required},
			{Name: "ref", Title: "Référence", Description: "Référence du système dans la déclaration.", Type: "string", Constraints: required},
			{Name: "kind", Title: "Rôle", Description: "vms, recorder, analytics_server, anpr_unit, observatory, other.", Type: "string", Constraints: enum(kindsOf(clairvoie.SystemKinds)...)},
			{Name: "supplier", Title: "Fournisseur", Description: "Organisation qui fournit le système.", Type: "string", Constraints: required},
			{Name: "product", Title: "Produit", Description: "Produit.", Type: "string"},
			{Name: "version", Title: "Version", Description: "Version.", Type: "string"},
			{Name: "licence", Title: "Licence", Description: "free (logiciel libre), proprietary, unknown.", Type: "string", Constraints: enum(clairvoie.Licences...)},
			{Name: "licence_id", Title: "Licence (nom)", Description: "Identifiant SPDX ou nom de la licence.", Type: "string"},
			{Name: "hosting", Title: "Hébergement", Description: "on_premises, supplier, cloud, unknown.", Type: "string", Constraints: enum(clairvoie.Hostings...)},
			{Name: "country", Title: "Pays des données", Description: "Code ISO 3166-1 alpha-2.", Type: "string", Constraints: &Constraints{Required: true, Pattern: "^[A-Z]{2}$"}},
			{Name: "transfer_basis", Title: "Base de transfert", Description: "Hors UE/EEE : la base du transfert (RGPD art. 45 à 49).", Type: "string"},
			{Name: "contract_ref", Title: "Marché", Description: "Identifiant DECP du marché qui le paie.", Type: "string"},
			synthField(),
		}}
}

// AnalyticsSchema describes analytics.csv.
func AnalyticsSchema() Schema {
	return Schema{Name: "videoprotection-analytics", Title: "Traitements automatisés des images",
		Description:   "Les modules d'analyse activés (détection de mouvement, recherche par forme et couleur, suivi, lecture de plaques…), sur quelles caméras, depuis quand, sur quelle base légale. clairvoie n'analyse jamais d'images : c'est la déclaration de la ville.",
		MissingValues: []string{""}, PrimaryKey: []string{"source", "ref"},
		Fields: []Field{
			{Name: "source", Title: "Source", Description: "Déclaration d'où vient l'élément.", Type: "string", Constraints: required},
			{Name: "ref", Title: "Référence", Description: "Référence du module.", Type: "string", Constraints: required},
			{Name: "system", Title: "Système", Description: "Référence du système qui le fait tourner.", Type: "string", Constraints: required},
			{Name: "kind", Title: "Nature", Description: "Nature du traitement.", Type: "string", Constraints: enum(kindsOf(clairvoie.AnalyticKinds)...)},
			{Name: "cameras", Title: "Caméras", Description: "« * » pour toutes, « source:NOM » pour celles d'une source, sinon les références séparées par des espaces.", Type: "string", Constraints: required},
			{Name: "camera_count", Title: "Nombre de caméras", Description: "Caméras installées concernées, à la date de publication.", Type: "integer", Constraints: &Constraints{Required: true, Minimum: f(0)}},
			{Name: "from", Title: "Depuis", Description: "Date d'activation.", Type: "date", Constraints: required},
			{Name: "to", Title: "Jusqu'au", Description: "Date d'arrêt ; vide tant qu'il est activé.", Type: "date", Constraints: optional},
			{Name: "legal_basis", Title: "Base légale", Description: "Code de la base légale invoquée ; vide si aucune.", Type: "string"},
			{Name: "authorisation", Title: "Autorisation", Description: "Référence de l'acte qui l'autorise.", Type: "string"},
			synthField(),
		}}
}

// FlowsSchema describes flows.csv.
func FlowsSchema() Schema {
	return Schema{Name: "videoprotection-flows", Title: "Destinataires des images",
		Description:   "Qui reçoit les images ou un accès (en direct, aux enregistrements, remise d'extraits, télémaintenance), sous quelle convention et sur quelle base.",
		MissingValues: []string{""}, PrimaryKey: []string{"source", "ref"},
		Fields: []Field{
			{Name: "source", Title: "Source", Description: "Déclaration d'où vient l'élément.", Type: "string", Constraints: required},
			{Name: "ref", Title: "Référence", Description: "Référence du flux.", Type: "string", Constraints: required},
			{Name: "recipient", Title: "Destinataire", Description: "Code de l'organisation destinataire.", Type: "string", Constraints: required},
			{Name: "country", Title: "Pays", Description: "Code ISO 3166-1 alpha-2.", Type: "string", Constraints: &Constraints{Required: true, Pattern: "^[A-Z]{2}$"}},
			{Name: "type", Title: "Type", Description: "live, recorded, export, remote_maintenance.", Type: "string", Constraints: enum(kindsOf(clairvoie.FlowTypes)...)},
			{Name: "cameras", Title: "Caméras", Description: "« * », « source:NOM » ou les références.", Type: "string", Constraints: required},
			{Name: "camera_count", Title: "Nombre de caméras", Description: "Caméras installées concernées, à la date de publication.", Type: "integer", Constraints: &Constraints{Required: true, Minimum: f(0)}},
			{Name: "convention", Title: "Convention", Description: "Référence de la convention ; vide si aucune.", Type: "string"},
			{Name: "convention_until", Title: "Fin de la convention", Description: "Date de fin de la convention.", Type: "date", Constraints: optional},
			{Name: "from", Title: "Depuis", Description: "Début du flux.", Type: "date", Constraints: required},
			{Name: "to", Title: "Jusqu'au", Description: "Fin du flux ; vide s'il continue.", Type: "date", Constraints: optional},
			{Name: "legal_basis", Title: "Base légale", Description: "Code de la base légale.", Type: "string"},
			{Name: "transfer_basis", Title: "Base de transfert", Description: "Hors UE/EEE : la base du transfert.", Type: "string"},
			synthField(),
		}}
}

// ContractsSchema describes contracts.csv.
func ContractsSchema() Schema {
	return Schema{Name: "videoprotection-contracts", Title: "Marchés publics de vidéoprotection",
		Description:   "Les marchés de la vidéoprotection, tirés des données essentielles de la commande publique (DECP) : objet, code CPV, montant et titulaires (des organisations).",
		MissingValues: []string{""}, PrimaryKey: []string{"source", "ref"},
		Fields: []Field{
			{Name: "source", Title: "Source", Description: "Fichier DECP d'où vient le marché.", Type: "string", Constraints: required},
			{Name: "ref", Title: "Identifiant", Description: "Identifiant DECP du marché.", Type: "string", Constraints: required},
			{Name: "buyer", Title: "Acheteur", Description: "SIRET de l'acheteur.", Type: "string"},
			{Name: "object", Title: "Objet", Description: "Objet du marché.", Type: "string"},
			{Name: "cpv", Title: "Code CPV", Description: "Code CPV principal.", Type: "string"},
			{Name: "notified", Title: "Notifié le", Description: "Date de notification.", Type: "date", Constraints: optional},
			{Name: "duration_months", Title: "Durée (mois)", Description: "Durée maximale en mois.", Type: "integer", Constraints: &Constraints{Minimum: f(0)}},
			{Name: "amount_eur", Title: "Montant HT (€)", Description: "Montant hors taxes sur toute la durée.", Type: "number", Constraints: &Constraints{Minimum: f(0)}},
			{Name: "yearly_eur", Title: "Par an (€)", Description: "Le montant réparti sur les années du marché.", Type: "number", Constraints: &Constraints{Minimum: f(0)}},
			{Name: "holders", Title: "Titulaires", Description: "Identifiants des titulaires (type:identifiant), séparés par des espaces ; « withheld » pour une personne.", Type: "string"},
			synthField(),
		}}
}

func money(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// writeInstallation writes the four resources and returns them.
func writeInstallation(put Put, in Input) ([]Resource, error) {
	inst := in.Installation
	installed := check.Installed(in.Cameras)
	var systems, analytics, flows, contracts [][]string
	syn := map[string]bool{}
	for _, s := range inst.Systems {
		syn["systems"] = syn["systems"] || s.Synthetic
		systems = append(systems, []string{s.Source, s.Ref, string(s.Kind), s.Supplier, s.Product, s.Version, s.Licence, s.LicenceID, s.Hosting, s.Country,
			s.TransferBasis, s.ContractRef, yesno(s.Synthetic)})
	}
	for _, a := range inst.Analytics {
		syn["analytics"] = syn["analytics"] || a.Synthetic
		analytics = append(analytics, []string{a.Source, a.Ref, a.System, string(a.Kind), a.Cameras.String(), strconv.Itoa(a.Cameras.Count(installed)),
			a.From.String(), a.To.String(), a.LegalBasis, a.Authorisation, yesno(a.Synthetic)})
	}
	for _, fl := range inst.Flows {
		syn["flows"] = syn["flows"] || fl.Synthetic
		flows = append(flows, []string{fl.Source, fl.Ref, fl.Recipient, fl.Country, string(fl.Type), fl.Cameras.String(), strconv.Itoa(fl.Cameras.Count(installed)),
			fl.Convention, fl.ConventionUntil.String(), fl.From.String(), fl.To.String(), fl.LegalBasis, fl.TransferBasis, yesno(fl.Synthetic)})
	}
	for _, c := range inst.Contracts {
		syn["contracts"] = syn["contracts"] || c.Synthetic
		var holders []string
		for _, h := range c.Holders {
			if h.IDType == "withheld" {
				holders = append(holders, "withheld")
				continue
			}
			holders = append(holders, h.IDType+":"+h.ID)
		}
		contracts = append(contracts, []string{c.Source, c.Ref, c.Buyer, c.Object, c.CPV, c.Notified.String(), strconv.Itoa(c.DurationMonths),
			money(c.Amount), money(c.Yearly()), strings.Join(holders, " "), yesno(c.Synthetic)})
	}
	parts := []struct {
		name, title, desc string
		schema            Schema
		rows              [][]string
	}{
		{"systems", "Systèmes de la chaîne", "Les systèmes derrière les caméras, leurs fournisseurs, licences et hébergements.", SystemsSchema(), systems},
		{"analytics", "Traitements automatisés", "Les modules d'analyse des images activés, par caméras, dates et base légale (déclaration de la ville).", AnalyticsSchema(), analytics},
		{"flows", "Destinataires des images", "Qui reçoit les images ou un accès, sous quelle convention.", FlowsSchema(), flows},
		{"contracts", "Marchés de vidéoprotection", "Les marchés publics de la vidéoprotection (DECP) et leur coût annuel.", ContractsSchema(), contracts},
	}
	var out []Resource
	for _, p := range parts {
		p := p
		if err := putJSON(put, "schema-"+p.name+".json", p.schema); err != nil {
			return nil, err
		}
		if err := put(p.name+".csv", func(w io.Writer) error { return writeCSV(w, p.schema, p.rows) }); err != nil {
			return nil, err
		}
		desc := p.desc + " " + strconv.Itoa(len(p.rows)) + " lignes."
		if syn[p.name] {
			desc += " ATTENTION : déclaration SYNTHÉTIQUE (reconstruction de démonstration, fournisseurs fictifs)."
		}
		out = append(out, Resource{Name: p.name, Path: p.name + ".csv", Profile: "tabular-data-resource", Title: p.title, Description: desc,
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8", Licenses: []Licence{LicenceOuverte}, Schema: ptr(p.schema),
			schemaFile: "schema-" + p.name + ".json", Synthetic: syn[p.name]})
	}
	return out, nil
}
