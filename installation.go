package clairvoie

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The installation laid flat: what the chain behind the cameras can do
// with the images (the systems and their analytics modules) and who
// receives them (the data flows), with the contracts that pay for it.
// clairvoie never analyses video: these records say what the installed
// systems can do, as the city declares it, so that the public debate can be
// had on facts and the checks can hold the declaration to the law and to
// the register. Nothing here is personal: suppliers and recipients are
// organisations, every other field a code, a reference, a date or a number.

// SystemKind is the role of a system in the chain.
type SystemKind string

// The kinds of systems.
const (
	SystemVMS         SystemKind = "vms"              // the video-management system
	SystemRecorder    SystemKind = "recorder"         // network video recorders, storage
	SystemAnalytics   SystemKind = "analytics_server" // servers running analytics modules
	SystemANPR        SystemKind = "anpr_unit"        // number-plate readers
	SystemObservatory SystemKind = "observatory"      // the observatory's software
	SystemOther       SystemKind = "other"
)

// SystemKinds lists the kinds.
var SystemKinds = []SystemKind{SystemVMS, SystemRecorder, SystemAnalytics, SystemANPR, SystemObservatory, SystemOther}

// The licences of a system's software, and where it runs.
var (
	Licences = []string{"free", "proprietary", "unknown"}
	Hostings = []string{"on_premises", "supplier", "cloud", "unknown"}
)

// System is one system of the chain behind the cameras.
type System struct {
	Ref      string     `json:"ref"`
	Kind     SystemKind `json:"kind"`
	Supplier string     `json:"supplier"` // an organisation
	Product  string     `json:"product"`
	Version  string     `json:"version,omitempty"`
	// Licence is free, proprietary or unknown; LicenceID names it when
	// known (an SPDX identifier or the product's licence).
	Licence   string `json:"licence"`
	LicenceID string `json:"licence_id,omitempty"`
	Hosting   string `json:"hosting"`
	// Country is where the data lies (ISO 3166-1 alpha-2).
	Country string `json:"country"`
	// TransferBasis is the legal basis of a transfer when Country is
	// outside the EU/EEA (a code: gdpr-45-adequacy, gdpr-46-scc…).
	TransferBasis string `json:"transfer_basis,omitempty"`
	ContractRef   string `json:"contract_ref,omitempty"` // the contract that pays for it (DECP id)
	Source        string `json:"source"`
	Synthetic     bool   `json:"synthetic"`
}

// AnalyticKind is what an analytics module does.
type AnalyticKind string

// The kinds of analytics modules a system may run.
const (
	AnalyticMotion      AnalyticKind = "motion_detection"
	AnalyticShapeColour AnalyticKind = "shape_colour_search"
	AnalyticTracking    AnalyticKind = "tracking"
	AnalyticANPR        AnalyticKind = "anpr"
	AnalyticAudio       AnalyticKind = "audio_detection"
	AnalyticCrowd       AnalyticKind = "crowd_counting"
	AnalyticAbandoned   AnalyticKind = "abandoned_object"
	AnalyticFace        AnalyticKind = "face_recognition"
	AnalyticBiometric   AnalyticKind = "biometric_identification"
	AnalyticOther       AnalyticKind = "other"
)

// AnalyticKinds lists the kinds.
var AnalyticKinds = []AnalyticKind{AnalyticMotion, AnalyticShapeColour, AnalyticTracking, AnalyticANPR, AnalyticAudio,
	AnalyticCrowd, AnalyticAbandoned, AnalyticFace, AnalyticBiometric, AnalyticOther}

// analyticLabels name the kinds, French then English.
var analyticLabels = map[AnalyticKind][2]string{
	AnalyticMotion:      {"détection de mouvement", "motion detection"},
	AnalyticShapeColour: {"recherche par forme et couleur", "shape-and-colour search"},
	AnalyticTracking:    {"suivi d'une personne ou d'un véhicule entre caméras", "tracking a person or a vehicle across cameras"},
	AnalyticANPR:        {"lecture automatique des plaques (LAPI)", "automatic number-plate reading (ANPR)"},
	AnalyticAudio:       {"détection sonore", "audio detection"},
	AnalyticCrowd:       {"comptage de foule", "crowd counting"},
	AnalyticAbandoned:   {"détection d'objets abandonnés", "abandoned-object detection"},
	AnalyticFace:        {"reconnaissance faciale", "face recognition"},
	AnalyticBiometric:   {"identification biométrique", "biometric identification"},
	AnalyticOther:       {"autre traitement automatisé", "other automated processing"},
}

// Label names the kind in lang ("fr" or "en"); an unknown kind is its code.
func (k AnalyticKind) Label(lang string) string { return label(analyticLabels[k], lang, string(k)) }

func label(l [2]string, lang, code string) string {
	switch {
	case l[0] == "":
		return code
	case lang == "en":
		return l[1]
	}
	return l[0]
}

// Prohibited says whether a kind identifies people by their body: face
// recognition and any biometric identification, which no basis allows on
// the public way.
func (k AnalyticKind) Prohibited() bool { return k == AnalyticFace || k == AnalyticBiometric }

// Analytic is one analytics module enabled on some cameras for a time.
type Analytic struct {
	Ref     string       `json:"ref"`
	System  string       `json:"system"` // the system's ref
	Kind    AnalyticKind `json:"kind"`
	Cameras CameraSet    `json:"cameras"`
	From    Date         `json:"from"`
	To      Date         `json:"to"` // zero while enabled
	// LegalBasis is a code (LegalBases knows some); Authorisation the
	// reference of the act that allows it (a prefect's order, a decree).
	LegalBasis    string `json:"legal_basis"`
	Authorisation string `json:"authorisation,omitempty"`
	// BasisUntil, when set, ends the legal window (an experiment); else
	// LegalBases' window for a known code applies.
	BasisUntil Date   `json:"basis_until"`
	Source     string `json:"source"`
	Synthetic  bool   `json:"synthetic"`
}

// FlowType is how a recipient receives images or access.
type FlowType string

// The types of flows.
const (
	FlowLive              FlowType = "live"               // a live feed
	FlowRecorded          FlowType = "recorded"           // access to recorded footage
	FlowExport            FlowType = "export"             // clips handed over
	FlowRemoteMaintenance FlowType = "remote_maintenance" // the supplier's remote access
)

// FlowTypes lists the types.
var FlowTypes = []FlowType{FlowLive, FlowRecorded, FlowExport, FlowRemoteMaintenance}

var flowLabels = map[FlowType][2]string{
	FlowLive: {"en direct", "live"}, FlowRecorded: {"accès aux enregistrements", "access to recordings"},
	FlowExport: {"remise d'extraits", "clips handed over"}, FlowRemoteMaintenance: {"télémaintenance", "remote maintenance"},
}

// Label names the type in lang ("fr" or "en"); an unknown type is its code.
func (t FlowType) Label(lang string) string { return label(flowLabels[t], lang, string(t)) }

// Flow is one recipient of images or access, under a convention.
type Flow struct {
	Ref       string    `json:"ref"`
	Recipient string    `json:"recipient"` // an organisation code, as in the register
	Country   string    `json:"country"`   // ISO 3166-1 alpha-2
	Type      FlowType  `json:"type"`
	Cameras   CameraSet `json:"cameras"`
	// Convention is the reference of the agreement that frames the flow;
	// ConventionUntil its end, when it has one.
	Convention      string `json:"convention,omitempty"`
	ConventionUntil Date   `json:"convention_until"`
	From            Date   `json:"from"`
	To              Date   `json:"to"` // zero while open
	LegalBasis      string `json:"legal_basis,omitempty"`
	TransferBasis   string `json:"transfer_basis,omitempty"` // outside the EU/EEA
	Source          string `json:"source"`
	Synthetic       bool   `json:"synthetic"`
}

// CameraSet is the cameras something applies to: references in their
// source, every camera of one source ("source:NAME"), or all of them ("*").
type CameraSet struct {
	All    bool     `json:"all,omitempty"`
	Source string   `json:"source,omitempty"`
	Refs   []string `json:"refs,omitempty"`
}

// ParseCameraSet reads "*", "source:NAME" or space-separated references.
func ParseCameraSet(s string) CameraSet {
	s = strings.TrimSpace(s)
	if s == "*" {
		return CameraSet{All: true}
	}
	if name, ok := strings.CutPrefix(s, "source:"); ok {
		return CameraSet{Source: strings.TrimSpace(name)}
	}
	return CameraSet{Refs: strings.Fields(s)}
}

// Has says whether the set holds the camera ref of source (source may be
// "" when unknown: a source set then does not hold it).
func (c CameraSet) Has(ref, source string) bool {
	return c.All || (c.Source != "" && c.Source == source) || slices.Contains(c.Refs, ref)
}

// Count is the number of cameras the set holds among cams (installed or
// not: the caller chooses them).
func (c CameraSet) Count(cams []*Camera) int {
	switch {
	case c.All:
		return len(cams)
	case c.Source != "":
		n := 0
		for _, cam := range cams {
			if cam.Provenance.Source == c.Source {
				n++
			}
		}
		return n
	}
	return len(c.Refs)
}

// String writes the set as ParseCameraSet reads it.
func (c CameraSet) String() string {
	switch {
	case c.All:
		return "*"
	case c.Source != "":
		return "source:" + c.Source
	}
	return strings.Join(c.Refs, " ")
}

// Active says whether a period [from, to] (to zero: open) covers day.
func Active(from, to, day Date) bool {
	return (from.IsZero() || !day.Before(from)) && (to.IsZero() || !day.After(to))
}

// Contract is a public contract about the installation, from the public
// procurement open data (DECP). Its holders are organisations; a holder
// whose name looks like a person's (a sole trader) is refused.
type Contract struct {
	Ref            string           `json:"ref"` // the DECP id (unique for the buyer)
	Buyer          string           `json:"buyer"`
	Object         string           `json:"object"`
	CPV            string           `json:"cpv"`
	Procedure      string           `json:"procedure,omitempty"`
	Notified       Date             `json:"notified"`
	DurationMonths int              `json:"duration_months"`
	Amount         float64          `json:"amount_eur"` // excluding VAT, over the whole duration
	Holders        []ContractHolder `json:"holders"`
	Source         string           `json:"source"`
	Synthetic      bool             `json:"synthetic"`
}

// ContractHolder is an organisation that holds a contract.
type ContractHolder struct {
	ID     string `json:"id"`      // SIRET, TVA…
	IDType string `json:"id_type"` // SIRET, TVA, TAHITI, RIDET, FRWF, IREP, HORS-UE
	Name   string `json:"name,omitempty"`
}

// Yearly is the contract's amount spread over its years (the whole
// amount when its duration is unknown or under a year).
func (c Contract) Yearly() float64 {
	if c.DurationMonths <= 12 {
		return c.Amount
	}
	return c.Amount * 12 / float64(c.DurationMonths)
}

// Installation is everything the workspace knows of the chain.
type Installation struct {
	Systems   []System   `json:"systems"`
	Analytics []Analytic `json:"analytics"`
	Flows     []Flow     `json:"flows"`
	Contracts []Contract `json:"contracts"`
}

// InstallationPart names what an installation import replaces.
type InstallationPart string

// The parts, each replaced whole per source.
const (
	PartSystems   InstallationPart = "systems"
	PartAnalytics InstallationPart = "analytics"
	PartFlows     InstallationPart = "flows"
	PartContracts InstallationPart = "contracts"
)

// InstallationParts lists the parts.
var InstallationParts = []InstallationPart{PartSystems, PartAnalytics, PartFlows, PartContracts}

// BySource splits the installation by the source of its items.
func (in *Installation) BySource() map[string]*Installation {
	out := map[string]*Installation{}
	at := func(source string) *Installation {
		if out[source] == nil {
			out[source] = &Installation{}
		}
		return out[source]
	}
	for _, v := range in.Systems {
		at(v.Source).Systems = append(at(v.Source).Systems, v)
	}
	for _, v := range in.Analytics {
		at(v.Source).Analytics = append(at(v.Source).Analytics, v)
	}
	for _, v := range in.Flows {
		at(v.Source).Flows = append(at(v.Source).Flows, v)
	}
	for _, v := range in.Contracts {
		at(v.Source).Contracts = append(at(v.Source).Contracts, v)
	}
	return out
}

// InstallationService keeps the installation's declaration.
type InstallationService interface {
	// ReplaceInstallation replaces, in one transaction, the items of one
	// part that came from source by those of in (only that part of in is
	// read); EINVALID when one is unusable (CheckInstallation).
	ReplaceInstallation(ctx context.Context, source string, part InstallationPart, in *Installation) error
	// FindInstallation returns every item, by part, source and reference.
	FindInstallation(ctx context.Context) (*Installation, error)
}

var (
	countryRe = regexp.MustCompile(`^[A-Z]{2}$`)
	cpvRe     = regexp.MustCompile(`^[0-9]{8}(-[0-9])?$`)
)

// EEA lists the countries of the European Economic Area (the EU's 27,
// Iceland, Liechtenstein, Norway), where the GDPR applies and data flows
// freely (GDPR art. 44 on, EEA Agreement annex XI).
var EEA = []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
	"MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"}

// InEEA says whether an ISO alpha-2 country is in the EEA.
func InEEA(country string) bool { return slices.Contains(EEA, country) }

// CheckInstallation checks one part of a source's declaration before it
// is written: every item's fields in their form, references unique. The
// error names the item and the field.
func CheckInstallation(source string, part InstallationPart, in *Installation) error {
	if strings.TrimSpace(source) == "" {
		return Errorf(EINVALID, "the installation's %s need a source name", part)
	}
	if why := TextProblem(source, MaxValueBytes); why != "" {
		return Errorf(EINVALID, "source name: expected %s", why)
	}
	seen := map[string]bool{}
	dup := func(ref string) error {
		if seen[ref] {
			return Errorf(EINVALID, "%s: %q appears twice", part, ref)
		}
		seen[ref] = true
		return nil
	}
	switch part {
	case PartSystems:
		for i := range in.Systems {
			if err := in.Systems[i].Validate(); err != nil {
				return err
			}
			if err := dup(in.Systems[i].Ref); err != nil {
				return err
			}
		}
	case PartAnalytics:
		for i := range in.Analytics {
			if err := in.Analytics[i].Validate(); err != nil {
				return err
			}
			if err := dup(in.Analytics[i].Ref); err != nil {
				return err
			}
		}
	case PartFlows:
		for i := range in.Flows {
			if err := in.Flows[i].Validate(); err != nil {
				return err
			}
			if err := dup(in.Flows[i].Ref); err != nil {
				return err
			}
		}
	case PartContracts:
		for i := range in.Contracts {
			if err := in.Contracts[i].Validate(); err != nil {
				return err
			}
			if err := dup(in.Contracts[i].Ref); err != nil {
				return err
			}
		}
	default:
		return Errorf(EINVALID, "installation part %q: expected systems, analytics, flows or contracts", part)
	}
	return nil
}

// fieldError is the error of an item's field: an ImportError whose File
// names the item, which an importer replaces by its file and line.
func fieldError(what, ref, field, expected string) error {
	return &ImportError{File: what + " " + strconv.Quote(ref), Field: field, Expected: expected}
}

// screenCodes checks codes: the form of a code, never personal data.
func screenCodes(what, ref string, fields [][2]string) error {
	for _, f := range fields {
		if f[1] == "" {
			continue
		}
		if !codeRe.MatchString(f[1]) {
			return fieldError(what, ref, f[0], "a code (letters, digits and . _ : / -, no spaces, at most 64)")
		}
		if why := ScreenValue(f[1]); why != "" {
			return fieldError(what, ref, f[0], "a code, never personal data (this one looks like "+why+")")
		}
	}
	return nil
}

// screenTexts checks the names of organisations and products: text, at
// most 120 characters, nothing that looks like a person.
func screenTexts(what, ref string, fields [][2]string) error {
	for _, f := range fields {
		if p := ValueProblem(f[1]); p != "" {
			return fieldError(what, ref, f[0], p)
		}
		if len([]rune(f[1])) > 120 {
			return fieldError(what, ref, f[0], "at most 120 characters")
		}
		if finding, bad := ScreenText(f[1], false); bad {
			return fieldError(what, ref, f[0], "an organisation or a product, never a person ("+finding.Reason+")")
		}
	}
	return nil
}

func checkCameraSet(what, ref string, c CameraSet) error {
	if c.Source != "" {
		if p := TextProblem(c.Source, MaxValueBytes); p != "" {
			return fieldError(what, ref, "cameras", "source:NAME with a source name ("+p+")")
		}
		return nil
	}
	if !c.All && len(c.Refs) == 0 {
		return fieldError(what, ref, "cameras", `camera references separated by spaces, "source:NAME" for a source's, or "*" for all`)
	}
	for _, r := range c.Refs {
		if r == "*" {
			return fieldError(what, ref, "cameras", `"*" alone, or camera references`)
		}
		if p := ValueProblem(r); p != "" || len(r) > 200 {
			return fieldError(what, ref, "cameras", "camera references (each at most 200 bytes, "+p+")")
		}
		if why := ScreenValue(r); why != "" {
			return fieldError(what, ref, "cameras", "camera references, never personal data (one looks like "+why+")")
		}
	}
	return nil
}

func checkCountry(what, ref, field, c string) error {
	if !countryRe.MatchString(c) {
		return fieldError(what, ref, field, "an ISO 3166-1 alpha-2 country code in capitals (FR, DE, US…)")
	}
	return nil
}

func checkPeriod(what, ref string, from, to Date) error {
	if from.IsZero() {
		return fieldError(what, ref, "from", "the day it began (YYYY-MM-DD)")
	}
	if !to.IsZero() && to.Before(from) {
		return fieldError(what, ref, "to", "a day on or after from, or empty while it lasts")
	}
	return nil
}

// Validate checks a system.
func (s *System) Validate() error {
	const what = "system"
	if s.Ref == "" {
		return fieldError(what, s.Ref, "ref", "a reference")
	}
	if err := screenCodes(what, s.Ref, [][2]string{{"ref", s.Ref}, {"transfer_basis", s.TransferBasis}, {"contract_ref", s.ContractRef}}); err != nil {
		return err
	}
	if err := screenTexts(what, s.Ref, [][2]string{{"supplier", s.Supplier}, {"product", s.Product}, {"version", s.Version}, {"licence_id", s.LicenceID}}); err != nil {
		return err
	}
	switch {
	case !slices.Contains(SystemKinds, s.Kind):
		return fieldError(what, s.Ref, "kind", "vms, recorder, analytics_server, anpr_unit, observatory or other")
	case s.Supplier == "":
		return fieldError(what, s.Ref, "supplier", "the supplier (an organisation)")
	case !slices.Contains(Licences, s.Licence):
		return fieldError(what, s.Ref, "licence", "free, proprietary or unknown")
	case !slices.Contains(Hostings, s.Hosting):
		return fieldError(what, s.Ref, "hosting", "on_premises, supplier, cloud or unknown")
	}
	return checkCountry(what, s.Ref, "country", s.Country)
}

// Validate checks an analytics module.
func (a *Analytic) Validate() error {
	const what = "analytics"
	if a.Ref == "" {
		return fieldError(what, a.Ref, "ref", "a reference")
	}
	if err := screenCodes(what, a.Ref, [][2]string{{"ref", a.Ref}, {"system", a.System}, {"legal_basis", a.LegalBasis}, {"authorisation", a.Authorisation}}); err != nil {
		return err
	}
	switch {
	case a.System == "":
		return fieldError(what, a.Ref, "system", "the reference of the system that runs it")
	case !slices.Contains(AnalyticKinds, a.Kind):
		return fieldError(what, a.Ref, "kind", "motion_detection, shape_colour_search, tracking, anpr, audio_detection, crowd_counting, abandoned_object, face_recognition, biometric_identification or other")
	}
	if err := checkCameraSet(what, a.Ref, a.Cameras); err != nil {
		return err
	}
	return checkPeriod(what, a.Ref, a.From, a.To)
}

// Validate checks a flow.
func (f *Flow) Validate() error {
	const what = "flow"
	if f.Ref == "" {
		return fieldError(what, f.Ref, "ref", "a reference")
	}
	if err := screenCodes(what, f.Ref, [][2]string{{"ref", f.Ref}, {"recipient", f.Recipient}, {"convention", f.Convention},
		{"legal_basis", f.LegalBasis}, {"transfer_basis", f.TransferBasis}}); err != nil {
		return err
	}
	switch {
	case f.Recipient == "":
		return fieldError(what, f.Ref, "recipient", "the receiving organisation's code, as in the register")
	case !slices.Contains(FlowTypes, f.Type):
		return fieldError(what, f.Ref, "type", "live, recorded, export or remote_maintenance")
	}
	if err := checkCountry(what, f.Ref, "country", f.Country); err != nil {
		return err
	}
	if err := checkCameraSet(what, f.Ref, f.Cameras); err != nil {
		return err
	}
	return checkPeriod(what, f.Ref, f.From, f.To)
}

// Validate checks a contract.
func (c *Contract) Validate() error {
	const what = "contract"
	if c.Ref == "" {
		return fieldError(what, c.Ref, "id", "the contract's id")
	}
	if err := screenCodes(what, c.Ref, [][2]string{{"id", c.Ref}, {"buyer", c.Buyer}}); err != nil {
		return err
	}
	if err := screenTexts(what, c.Ref, [][2]string{{"object", c.Object}, {"procedure", c.Procedure}}); err != nil {
		return err
	}
	if len([]rune(c.Object)) > 1000 {
		return fieldError(what, c.Ref, "object", "at most 1,000 characters")
	}
	switch {
	case c.CPV != "" && !cpvRe.MatchString(c.CPV):
		return fieldError(what, c.Ref, "codeCPV", "a CPV code, 8 digits and an optional check digit (32323500-8)")
	case c.DurationMonths < 0 || c.DurationMonths > 1200:
		return fieldError(what, c.Ref, "dureeMois", "a number of months from 0 to 1,200")
	case !(c.Amount >= 0) || c.Amount > 1e12:
		return fieldError(what, c.Ref, "montant", "an amount in euros, 0 or more")
	}
	for _, h := range c.Holders {
		if err := screenCodes(what, c.Ref, [][2]string{{"titulaires.id", h.ID}, {"titulaires.typeIdentifiant", h.IDType}}); err != nil {
			return err
		}
		if err := screenTexts(what, c.Ref, [][2]string{{"titulaires.denominationSociale", h.Name}}); err != nil {
			return err
		}
	}
	return nil
}

// InstallationItem is one item of a part, as a store keeps it: its
// reference and its JSON.
type InstallationItem struct {
	Ref       string
	Doc       []byte
	Synthetic bool
}

// Items encodes one part of in for a store, each item stamped with source.
func (in *Installation) Items(source string, part InstallationPart) ([]InstallationItem, error) {
	var out []InstallationItem
	add := func(ref string, synthetic bool, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out = append(out, InstallationItem{Ref: ref, Doc: b, Synthetic: synthetic})
		return nil
	}
	var err error
	switch part {
	case PartSystems:
		for _, s := range in.Systems {
			s.Source = source
			err = errors.Join(err, add(s.Ref, s.Synthetic, s))
		}
	case PartAnalytics:
		for _, a := range in.Analytics {
			a.Source = source
			err = errors.Join(err, add(a.Ref, a.Synthetic, a))
		}
	case PartFlows:
		for _, f := range in.Flows {
			f.Source = source
			err = errors.Join(err, add(f.Ref, f.Synthetic, f))
		}
	case PartContracts:
		for _, c := range in.Contracts {
			c.Source = source
			err = errors.Join(err, add(c.Ref, c.Synthetic, c))
		}
	}
	return out, err
}

// AddItem decodes an item a store kept and appends it to its part.
func (in *Installation) AddItem(part InstallationPart, doc []byte) error {
	var err error
	switch part {
	case PartSystems:
		var v System
		if err = json.Unmarshal(doc, &v); err == nil {
			in.Systems = append(in.Systems, v)
		}
	case PartAnalytics:
		var v Analytic
		if err = json.Unmarshal(doc, &v); err == nil {
			in.Analytics = append(in.Analytics, v)
		}
	case PartFlows:
		var v Flow
		if err = json.Unmarshal(doc, &v); err == nil {
			in.Flows = append(in.Flows, v)
		}
	case PartContracts:
		var v Contract
		if err = json.Unmarshal(doc, &v); err == nil {
			in.Contracts = append(in.Contracts, v)
		}
	default:
		err = Errorf(EINTERNAL, "installation part %q", part)
	}
	return err
}

// NewInstallation is an empty installation whose lists are not nil.
func NewInstallation() *Installation {
	return &Installation{Systems: []System{}, Analytics: []Analytic{}, Flows: []Flow{}, Contracts: []Contract{}}
}
