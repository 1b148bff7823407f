package ropa

import (
	"encoding/json"
	"html"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie/check"
)

// The CNIL's open-source PIA tool (github.com/LINCnil/pia) imports a file
// {"pia": {...}, "answers": [...], "measures": [...], "evaluations": [...],
// "comments": [...]} — the shape of its own export (PiaService.exportData,
// read from its public repository; its example file,
// src/assets/files/2018-02-21-pia-example.json, shows the question
// numbers). PIA writes the facts clairvoie knows into the answers of the
// questions they belong to (111 overview, 112 responsibilities, 121 data,
// 123 supports, 211 purposes, 212 lawfulness, 215 retention, 221
// information, 226 processors, 227 transfers) and the security measures as
// measures; the rest is the DPO's to write in the tool. The people the
// tool names (author, evaluator, validator) are given by role, never by
// name.

type piaFile struct {
	PIA         piaHead      `json:"pia"`
	Answers     []piaAnswer  `json:"answers"`
	Measures    []piaMeasure `json:"measures"`
	Evaluations []any        `json:"evaluations"`
	Comments    []any        `json:"comments"`
}

type piaHead struct {
	Name                           string `json:"name"`
	Category                       string `json:"category"`
	Status                         int    `json:"status"`
	AuthorName                     string `json:"author_name"`
	EvaluatorName                  string `json:"evaluator_name"`
	ValidatorName                  string `json:"validator_name"`
	CreatedAt                      string `json:"created_at"`
	UpdatedAt                      string `json:"updated_at"`
	DPOsNames                      string `json:"dpos_names"`
	PeopleNames                    string `json:"people_names"`
	ConcernedPeopleSearchedOpinion bool   `json:"concerned_people_searched_opinion"`
}

type piaAnswer struct {
	ReferenceTo int           `json:"reference_to"`
	Data        piaAnswerData `json:"data"`
	CreatedAt   string        `json:"created_at"`
}

type piaAnswerData struct {
	Text  string   `json:"text"`
	Gauge int      `json:"gauge"`
	List  []string `json:"list"`
}

type piaMeasure struct {
	ID          int    `json:"id"`
	Title       string `json:"title"`
	Content     string `json:"content"`
	Placeholder string `json:"placeholder"`
	CreatedAt   string `json:"created_at"`
}

// PIAQuestions are the questions PIA answers, by number.
var PIAQuestions = []int{111, 112, 121, 123, 211, 212, 215, 221, 226, 227}

// PIA writes the record and the check as a file the CNIL's PIA tool
// imports. The text is HTML (the tool's answers are), every value escaped.
func PIA(w io.Writer, r Record, rep check.Report) error {
	now := r.Today.Time().Add(12 * time.Hour).Format(time.RFC3339)
	list := func(items []Item) string {
		var b strings.Builder
		b.WriteString("<ul>")
		for _, it := range items {
			b.WriteString("<li>" + html.EscapeString(it.Label))
			if it.Detail != "" {
				b.WriteString(" — " + html.EscapeString(it.Detail))
			}
			b.WriteString(" <em>(" + html.EscapeString(it.From) + ")</em></li>")
		}
		b.WriteString("</ul>")
		return b.String()
	}
	p := func(s string) string { return "<p>" + html.EscapeString(s) + "</p>" }
	note := p("Établi par clairvoie le " + r.Today.String() + " à partir de l'espace de travail ; à relire et compléter.")
	if r.Synthetic {
		note += p("DONNÉES SYNTHÉTIQUES : une partie des faits est une reconstitution.")
	}
	var recipients, transfers strings.Builder
	recipients.WriteString("<ul>")
	for _, x := range r.Recipients {
		recipients.WriteString("<li>" + html.EscapeString(x.Code+" ("+x.Country+", "+x.Type+") — convention "+or(x.Convention, "aucune")+", base "+or(x.LegalBasis, "non déclarée")) + "</li>")
	}
	recipients.WriteString("</ul>")
	for _, t := range r.Transfers {
		transfers.WriteString(p(t.What + " vers " + t.Country + " — base : " + or(t.Basis, "aucune déclarée")))
	}
	if len(r.Transfers) == 0 {
		transfers.WriteString(p("Aucun transfert hors de l'Union européenne ou de l'Espace économique européen n'est déclaré."))
	}
	var basisText strings.Builder
	basisText.WriteString(p("Vidéoprotection de la voie publique autorisée par le préfet (Code de la sécurité intérieure, L251-2 et L252-1) ; mission d'intérêt public (RGPD art. 6(1)(e))."))
	answers := map[int]string{
		111: note + p(r.Name+" : "+strconv.Itoa(r.Cameras)+" caméras installées sur la voie publique."),
		112: p("Responsable de traitement : "+r.Controller.Label+" ("+r.Controller.From+").") + recipients.String(),
		121: list(r.DataCategories) + p("Personnes concernées :") + list(r.DataSubjects),
		123: list(r.Systems),
		211: list(r.Purposes),
		212: basisText.String(),
		215: p(r.Retention.Statement + "."),
		221: p("Panneaux d'information sur la voie publique et page publique de chaque caméra (clairvoie) ; voir les constats de signalisation."),
		226: recipients.String(),
		227: transfers.String(),
	}
	f := piaFile{PIA: piaHead{Name: r.Name, Status: 0, AuthorName: "Responsable de traitement (rôle)", EvaluatorName: "Délégué à la protection des données (rôle)",
		ValidatorName: "Responsable de traitement (rôle)", CreatedAt: now, UpdatedAt: now, DPOsNames: "", PeopleNames: ""},
		Answers: []piaAnswer{}, Measures: []piaMeasure{}, Evaluations: []any{}, Comments: []any{}}
	for _, q := range PIAQuestions {
		f.Answers = append(f.Answers, piaAnswer{ReferenceTo: q, Data: piaAnswerData{Text: answers[q], List: []string{}}, CreatedAt: now})
	}
	for i, m := range r.SecurityMeasures {
		content := html.EscapeString(m.Label)
		if m.Detail != "" {
			content += " — " + html.EscapeString(m.Detail)
		}
		f.Measures = append(f.Measures, piaMeasure{ID: i + 1, Title: m.Label, Content: content + " <em>(" + html.EscapeString(m.From) + ")</em>", CreatedAt: now})
	}
	var found []string
	for _, k := range check.Kinds {
		if n := rep.Totals.ByKind[k.Kind]; n > 0 {
			found = append(found, k.Kind+" : "+strconv.Itoa(n))
		}
	}
	if len(found) > 0 {
		f.Measures = append(f.Measures, piaMeasure{ID: len(f.Measures) + 1, Title: "Constats du contrôle clairvoie à traiter",
			Content: "<ul><li>" + html.EscapeString(strings.Join(found, "\n")) + "</li></ul>", CreatedAt: now})
		f.Measures[len(f.Measures)-1].Content = strings.ReplaceAll(f.Measures[len(f.Measures)-1].Content, "\n", "</li><li>")
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
}
