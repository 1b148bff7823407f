package ropa

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/clairvoie/clairvoie/check"
)

// Markdown writes the record in French.
func Markdown(w io.Writer, r Record) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Registre des activités de traitement — %s\n\n", r.Name)
	fmt.Fprintf(&b, "Établi par clairvoie le %s à partir de l'espace de travail (RGPD art. 30). Chaque fait indique sa source ; ce que clairvoie ne peut pas savoir est marqué « à compléter ».\n\n", r.Today)
	if r.Synthetic {
		b.WriteString("> **Données synthétiques** : une partie du registre ou de la déclaration est une reconstitution, pas la réalité.\n\n")
	}
	fmt.Fprintf(&b, "## Responsable de traitement\n\n%s — _%s_\n\n", r.Controller.Label, r.Controller.From)
	items := func(title string, list []Item) {
		fmt.Fprintf(&b, "## %s\n\n", title)
		if len(list) == 0 {
			b.WriteString("_à compléter_\n\n")
			return
		}
		for _, it := range list {
			fmt.Fprintf(&b, "- %s", it.Label)
			if it.Count > 0 {
				fmt.Fprintf(&b, " (%d)", it.Count)
			}
			if it.Detail != "" {
				fmt.Fprintf(&b, " — %s", it.Detail)
			}
			fmt.Fprintf(&b, " — _%s_\n", it.From)
		}
		b.WriteString("\n")
	}
	items("Finalités", r.Purposes)
	items("Personnes concernées", r.DataSubjects)
	items("Catégories de données", r.DataCategories)
	b.WriteString("## Destinataires (flux déclarés)\n\n")
	if len(r.Recipients) == 0 {
		b.WriteString("_aucun flux déclaré — à compléter_\n\n")
	} else {
		b.WriteString("| Destinataire | Pays | Type | Caméras | Convention | Base légale | Depuis | Flux |\n|---|---|---|---|---|---|---|---|\n")
		for _, x := range r.Recipients {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", x.Code, x.Country, x.Type, x.Cameras, or(x.Convention, "**aucune**"), or(x.LegalBasis, "—"), x.Since, x.Flow)
		}
		b.WriteString("\n")
	}
	b.WriteString("## Transferts hors UE/EEE\n\n")
	if len(r.Transfers) == 0 {
		b.WriteString("Aucun transfert hors de l'Union européenne ou de l'Espace économique européen n'est déclaré.\n\n")
	} else {
		for _, t := range r.Transfers {
			fmt.Fprintf(&b, "- %s vers %s — base : %s\n", t.What, t.Country, or(t.Basis, "**aucune déclarée**"))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "## Durée de conservation\n\n%s.", r.Retention.Statement)
	if r.Retention.Unknown > 0 {
		fmt.Fprintf(&b, " %d caméras installées sans durée renseignée.", r.Retention.Unknown)
	}
	b.WriteString("\n\n")
	items("Mesures de sécurité", r.SecurityMeasures)
	items("Systèmes de la chaîne", r.Systems)
	b.WriteString("## À compléter\n\n")
	for _, t := range r.ToComplete {
		fmt.Fprintf(&b, "- %s\n", t)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

var page = template.Must(template.New("ropa").Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Registre des activités de traitement — {{.Name}}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}.from{color:#444;font-style:italic}.note{background:#fff3cd;padding:.5rem}</style>
</head><body><main>
<h1>Registre des activités de traitement — {{.Name}}</h1>
<p>Établi par clairvoie le {{.Today}} (RGPD art. 30). Chaque fait indique sa source.</p>
{{if .Synthetic}}<p class="note" role="note"><strong>Données synthétiques</strong> : une partie est une reconstitution.</p>{{end}}
<h2>Responsable de traitement</h2><p>{{.Controller.Label}} <span class="from">— {{.Controller.From}}</span></p>
{{define "items"}}<ul>{{range .}}<li>{{.Label}}{{if .Count}} ({{.Count}}){{end}}{{if .Detail}} — {{.Detail}}{{end}} <span class="from">— {{.From}}</span></li>{{else}}<li>à compléter</li>{{end}}</ul>{{end}}
<h2>Finalités</h2>{{template "items" .Purposes}}
<h2>Personnes concernées</h2>{{template "items" .DataSubjects}}
<h2>Catégories de données</h2>{{template "items" .DataCategories}}
<h2>Destinataires (flux déclarés)</h2>
<table><thead><tr><th scope="col">Destinataire</th><th scope="col">Pays</th><th scope="col">Type</th><th scope="col">Caméras</th><th scope="col">Convention</th><th scope="col">Base légale</th><th scope="col">Depuis</th></tr></thead><tbody>
{{range .Recipients}}<tr><td>{{.Code}}</td><td>{{.Country}}</td><td>{{.Type}}</td><td>{{.Cameras}}</td><td>{{if .Convention}}{{.Convention}}{{else}}<strong>aucune</strong>{{end}}</td><td>{{.LegalBasis}}</td><td>{{.Since}}</td></tr>{{else}}<tr><td colspan="7">aucun flux déclaré</td></tr>{{end}}
</tbody></table>
<h2>Transferts hors UE/EEE</h2><ul>{{range .Transfers}}<li>{{.What}} vers {{.Country}} — base : {{if .Basis}}{{.Basis}}{{else}}<strong>aucune déclarée</strong>{{end}}</li>{{else}}<li>aucun</li>{{end}}</ul>
<h2>Durée de conservation</h2><p>{{.Retention.Statement}}.</p>
<h2>Mesures de sécurité</h2>{{template "items" .SecurityMeasures}}
<h2>Systèmes de la chaîne</h2>{{template "items" .Systems}}
<h2>À compléter</h2><ul>{{range .ToComplete}}<li>{{.}}</li>{{end}}</ul>
</main></body></html>
`))

// HTML writes the record as a standalone French page.
func HTML(w io.Writer, r Record) error { return page.Execute(w, r) }

// DPIA writes the skeleton of the impact assessment in the order of the
// CNIL's method (context, fundamental principles, risks, validation),
// every fact clairvoie knows filled in and the rest marked to complete;
// findings are the workspace's check, whose breaches it lists as risks
// already realised.
func DPIA(w io.Writer, r Record, rep check.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Analyse d'impact relative à la protection des données — %s\n\n", r.Name)
	fmt.Fprintf(&b, "Squelette établi par clairvoie le %s (RGPD art. 35), dans l'ordre de la méthode de la CNIL. Les faits viennent de l'espace de travail ; « À compléter » marque ce qu'il revient au responsable et au DPO d'écrire.\n\n", r.Today)
	if r.Synthetic {
		b.WriteString("> **Données synthétiques** : une partie des faits est une reconstitution.\n\n")
	}
	b.WriteString("## 1. Contexte\n\n### Vue d'ensemble\n\n")
	fmt.Fprintf(&b, "- Traitement : %s ; responsable : %s.\n- Caméras installées sur la voie publique : %d.\n", r.Name, r.Controller.Label, r.Cameras)
	for _, s := range r.Systems {
		fmt.Fprintf(&b, "- Système : %s — %s.\n", s.Label, s.Detail)
	}
	b.WriteString("\n### Données, processus et supports\n\n")
	for _, c := range r.DataCategories {
		fmt.Fprintf(&b, "- %s", c.Label)
		if c.Count > 0 {
			fmt.Fprintf(&b, " — %d caméras", c.Count)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "- Conservation : %s.\n\n", r.Retention.Statement)
	b.WriteString("## 2. Principes fondamentaux\n\n### Proportionnalité et nécessité\n\n")
	for _, p := range r.Purposes {
		fmt.Fprintf(&b, "- Finalité : %s (%d caméras).\n", p.Label, p.Count)
	}
	b.WriteString("- Nécessité de chaque caméra au regard de son usage : voir `clairvoie plan` (utilité mesurée par les comptes d'usage).\n- Minimisation : À compléter.\n\n")
	b.WriteString("### Destinataires et transferts\n\n")
	for _, x := range r.Recipients {
		fmt.Fprintf(&b, "- %s (%s, %s) : convention %s, base %s.\n", x.Code, x.Country, x.Type, or(x.Convention, "**aucune**"), or(x.LegalBasis, "non déclarée"))
	}
	if len(r.Transfers) == 0 {
		b.WriteString("- Aucun transfert hors UE/EEE déclaré.\n")
	}
	b.WriteString("\n### Mesures protectrices des droits\n\n- Information des personnes : panneaux (voir `clairvoie check`, constats de signalisation) et pages publiques des caméras.\n- Droit d'accès et d'effacement : À compléter (procédure, délai).\n\n")
	b.WriteString("## 3. Risques\n\n")
	for _, risk := range []string{"Accès illégitime à des données", "Modification non désirée de données", "Disparition de données"} {
		fmt.Fprintf(&b, "### %s\n\n- Sources de risque, menaces, impacts : À compléter.\n- Gravité et vraisemblance : À compléter.\n", risk)
		if risk == "Accès illégitime à des données" {
			for _, m := range r.SecurityMeasures {
				fmt.Fprintf(&b, "- Mesure existante : %s.\n", m.Label)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("### Constats déjà établis par clairvoie\n\n")
	kinds := make([]string, 0, len(rep.Totals.ByKind))
	for k, n := range rep.Totals.ByKind {
		if n > 0 {
			kinds = append(kinds, k)
		}
	}
	slices.Sort(kinds)
	if len(kinds) == 0 {
		b.WriteString("Aucun constat.\n")
	}
	for _, k := range kinds {
		fmt.Fprintf(&b, "- `%s` : %d\n", k, rep.Totals.ByKind[k])
	}
	b.WriteString("\n## 4. Validation\n\n- Avis du DPO : À compléter.\n- Avis des personnes concernées ou de leurs représentants : À compléter.\n- Décision du responsable de traitement : À compléter.\n")
	_, err := io.WriteString(w, b.String())
	return err
}
