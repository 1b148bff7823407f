// Package ropa writes, from what the workspace knows, the record of
// processing activities (GDPR art. 30) for the video-protection
// processing, and the skeleton of its impact assessment (GDPR art. 35;
// the CNIL lists video protection among the processing that need one):
// controller, purposes, data subjects, data categories, recipients (from
// the declared flows), transfers, retention (from the cameras), security
// measures (the register, roles, tokens). It is pure: facts in, a record
// out; every fact says where it comes from, and what clairvoie cannot know
// is marked to complete.
package ropa

import (
	"sort"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/chain"
	"github.com/clairvoie/clairvoie/check"
)

// Input is what the record is built from.
type Input struct {
	Today        clairvoie.Date
	Cameras      []*clairvoie.Camera
	Installation *clairvoie.Installation
	// Controller names the controller; "" takes the operator most cameras
	// name.
	Controller string
	// Register, when known: its origin and its entries by kind.
	RegisterOrigin string
	RegisterKinds  map[clairvoie.RegisterKind]int
	// Tokens are the API tokens (by role; revoked ones are counted apart).
	Tokens []clairvoie.Token
}

// Item is one line of the record, with where it comes from.
type Item struct {
	Label  string `json:"label"`
	Detail string `json:"detail,omitempty"`
	Count  int    `json:"count,omitempty"`
	From   string `json:"from"` // what in the workspace says it
}

// Recipient is one recipient of the record (a declared flow).
type Recipient struct {
	Code       string `json:"code"`
	Country    string `json:"country"`
	Type       string `json:"type"`
	Cameras    string `json:"cameras"`
	Convention string `json:"convention"`
	LegalBasis string `json:"legal_basis"`
	Since      string `json:"since"`
	Until      string `json:"until,omitempty"`
	Flow       string `json:"flow"`
}

// Transfer is a flow or a system outside the EU/EEA.
type Transfer struct {
	What    string `json:"what"` // flow/REF or system/REF
	Country string `json:"country"`
	Basis   string `json:"basis"` // "" when none is stated (a finding)
}

// Retention sums the cameras' retention periods.
type Retention struct {
	MaxDays   int         `json:"max_days"`
	ByDays    map[int]int `json:"by_days"` // days → cameras
	Unknown   int         `json:"unknown"` // cameras without a retention on record
	LegalMax  int         `json:"legal_max_days"`
	Statement string      `json:"statement"`
}

// Record is the record of processing activities for video protection.
type Record struct {
	Name             string         `json:"name"`
	Today            clairvoie.Date `json:"today"`
	Controller       Item           `json:"controller"`
	Purposes         []Item         `json:"purposes"`
	DataSubjects     []Item         `json:"data_subjects"`
	DataCategories   []Item         `json:"data_categories"`
	Recipients       []Recipient    `json:"recipients"`
	Transfers        []Transfer     `json:"transfers"`
	Retention        Retention      `json:"retention"`
	SecurityMeasures []Item         `json:"security_measures"`
	Systems          []Item         `json:"systems"`
	Cameras          int            `json:"cameras"` // installed on the public way
	Synthetic        bool           `json:"synthetic"`
	ToComplete       []string       `json:"to_complete"` // what clairvoie cannot know
}

// Build writes the record.
func Build(in Input) Record {
	inst := in.Installation
	if inst == nil {
		inst = clairvoie.NewInstallation()
	}
	r := Record{Name: "Vidéoprotection de la voie publique", Today: in.Today, Purposes: []Item{}, DataSubjects: []Item{}, DataCategories: []Item{},
		Recipients: []Recipient{}, Transfers: []Transfer{}, SecurityMeasures: []Item{}, Systems: []Item{},
		Retention: Retention{ByDays: map[int]int{}, LegalMax: clairvoie.LegalMaxRetentionDays}, ToComplete: []string{}}
	operators := map[string]int{}
	purposes := map[clairvoie.Purpose]int{}
	for _, c := range in.Cameras {
		r.Synthetic = r.Synthetic || c.Synthetic
	}
	installed := check.Installed(in.Cameras)
	for _, c := range installed {
		if c.Operator != "" {
			operators[c.Operator]++
		}
		for _, p := range c.Purposes {
			purposes[p]++
		}
		if c.RetentionDays > 0 {
			r.Retention.ByDays[c.RetentionDays]++
			r.Retention.MaxDays = max(r.Retention.MaxDays, c.RetentionDays)
		} else {
			r.Retention.Unknown++
		}
	}
	r.Cameras = len(installed)

	// Controller: stated, or the operator most installed cameras name.
	switch {
	case in.Controller != "":
		r.Controller = Item{Label: in.Controller, From: "--controller"}
	case len(operators) > 0:
		best, n := "", 0
		for op, k := range operators {
			if k > n || (k == n && op < best) {
				best, n = op, k
			}
		}
		r.Controller = Item{Label: best, Count: n, From: "registre : opérateur de " + strconv.Itoa(n) + " caméras installées sur " + strconv.Itoa(len(installed))}
	default:
		r.Controller = Item{Label: "à compléter", From: "aucun opérateur dans le registre"}
		r.ToComplete = append(r.ToComplete, "le responsable de traitement (--controller)")
	}

	for _, p := range clairvoie.Purposes() {
		if n := purposes[p]; n > 0 {
			r.Purposes = append(r.Purposes, Item{Label: p.Label("fr"), Detail: p.Code(), Count: n, From: "registre : finalités des caméras (CSI L251-2)"})
		}
	}
	if len(r.Purposes) == 0 {
		r.ToComplete = append(r.ToComplete, "les finalités (aucune caméra n'en porte)")
	}

	r.DataSubjects = []Item{
		{Label: "Personnes circulant sur la voie publique et dans les lieux ouverts au public filmés", From: "nature du traitement (CSI L251-2)"},
		{Label: "Conducteurs et passagers des véhicules filmés", From: "nature du traitement"},
	}
	r.DataCategories = []Item{{Label: "Images des personnes et des véhicules (vidéo), horodatées et localisées par caméra", Count: len(installed), From: "registre : caméras installées"}}
	s := chain.Summarise(inst, installed, in.Today)
	for _, c := range s.Capabilities {
		if !c.Enabled {
			continue
		}
		detail := "activé depuis le " + c.Since.String()
		switch c.Kind {
		case clairvoie.AnalyticANPR:
			r.DataCategories = append(r.DataCategories, Item{Label: "Numéros d'immatriculation lus automatiquement", Detail: detail, Count: c.Cameras, From: "déclaration : modules " + join(c.Modules)})
		case clairvoie.AnalyticFace, clairvoie.AnalyticBiometric:
			r.DataCategories = append(r.DataCategories, Item{Label: "Données biométriques (" + c.LabelFR + ") — interdit sur la voie publique", Detail: detail, Count: c.Cameras, From: "déclaration : modules " + join(c.Modules)})
		case clairvoie.AnalyticAudio:
			r.DataCategories = append(r.DataCategories, Item{Label: "Sons captés (détection sonore)", Detail: detail, Count: c.Cameras, From: "déclaration : modules " + join(c.Modules)})
		default:
			r.DataCategories = append(r.DataCategories, Item{Label: "Métadonnées issues de : " + c.LabelFR, Detail: detail, Count: c.Cameras, From: "déclaration : modules " + join(c.Modules)})
		}
	}

	for _, f := range inst.Flows {
		if f.From.After(in.Today) || !clairvoie.Active(f.From, f.To, in.Today) {
			continue
		}
		r.Recipients = append(r.Recipients, Recipient{Code: f.Recipient, Country: f.Country, Type: string(f.Type), Cameras: cameraCount(f.Cameras, installed),
			Convention: f.Convention, LegalBasis: f.LegalBasis, Since: f.From.String(), Until: f.ConventionUntil.String(), Flow: f.Ref})
		if !clairvoie.InEEA(f.Country) {
			r.Transfers = append(r.Transfers, Transfer{What: "flow/" + f.Ref, Country: f.Country, Basis: f.TransferBasis})
		}
	}
	for _, sys := range inst.Systems {
		r.Systems = append(r.Systems, Item{Label: sys.Product + " (" + sys.Supplier + ")", Detail: string(sys.Kind) + ", licence " + sys.Licence + ", " + sys.Hosting + ", " + sys.Country,
			From: "déclaration : système " + sys.Ref})
		if !clairvoie.InEEA(sys.Country) {
			r.Transfers = append(r.Transfers, Transfer{What: "system/" + sys.Ref, Country: sys.Country, Basis: sys.TransferBasis})
		}
	}
	if len(inst.Flows) == 0 {
		r.ToComplete = append(r.ToComplete, "les destinataires (aucun flux déclaré : 'clairvoie flows import')")
	}

	switch {
	case len(r.Retention.ByDays) == 0:
		r.Retention.Statement = "durée de conservation non renseignée"
		r.ToComplete = append(r.ToComplete, "la durée de conservation (aucune caméra ne la porte)")
	default:
		r.Retention.Statement = "images conservées au plus " + strconv.Itoa(r.Retention.MaxDays) + " jours (maximum légal : " + strconv.Itoa(clairvoie.LegalMaxRetentionDays) + " jours, CSI L252-5)"
	}

	if in.RegisterKinds != nil {
		total := 0
		for _, n := range in.RegisterKinds {
			total += n
		}
		r.SecurityMeasures = append(r.SecurityMeasures, Item{Label: "Registre des accès aux images (visionnages, extractions, transmissions, destructions) en journal de transparence signé et vérifiable",
			Detail: "origine " + in.RegisterOrigin, Count: total, From: "registre clairvoie"})
	} else {
		r.ToComplete = append(r.ToComplete, "le registre des accès aux images (--register)")
	}
	roles := map[string]int{}
	revoked := 0
	for _, t := range in.Tokens {
		if t.Revoked != nil {
			revoked++
			continue
		}
		roles[t.Principal.Role]++
	}
	if len(in.Tokens) > 0 {
		var names []string
		for role := range roles {
			names = append(names, role)
		}
		sort.Strings(names)
		detail := ""
		for i, role := range names {
			if i > 0 {
				detail += ", "
			}
			detail += role + " : " + strconv.Itoa(roles[role])
		}
		r.SecurityMeasures = append(r.SecurityMeasures, Item{Label: "Accès par jeton nominatif pseudonyme et rôle (agent, superviseur, DPO, administrateur)",
			Detail: detail + " ; révoqués : " + strconv.Itoa(revoked), Count: len(in.Tokens) - revoked, From: "jetons d'accès clairvoie"})
	}
	r.SecurityMeasures = append(r.SecurityMeasures, Item{Label: "Contrôle automatique de la conformité (durée de conservation, autorisations, signalisation, destinations)", From: "clairvoie check"})
	r.ToComplete = append(r.ToComplete, "les mesures de sécurité physiques et informatiques du centre de supervision")
	return r
}

func cameraCount(set clairvoie.CameraSet, installed []*clairvoie.Camera) string {
	switch {
	case set.All:
		return "toutes (" + strconv.Itoa(set.Count(installed)) + ")"
	case set.Source != "":
		return "celles de " + set.Source + " (" + strconv.Itoa(set.Count(installed)) + ")"
	}
	return strconv.Itoa(len(set.Refs))
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ", "
		}
		out += v
	}
	return out
}
