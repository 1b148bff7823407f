// Package check finds, per camera and in totals, what in the registry
// breaks the rules of the Code de la sécurité intérieure for cameras on the
// public way, or cannot be shown to follow them:
//
//   - retention longer than one month (L252-5) or than the authorisation allows;
//   - an authorisation expired, or within the renewal window before expiry
//     (default four months: the prefect must have the renewal file by then);
//   - no authorised purpose on record (L251-2);
//   - a sign missing, unknown, or not checked for over a year;
//   - a camera not verified on the ground for over N months.
//
// It is pure: cameras and the day in, a report out. Only cameras that are
// installed (active or out of service) on the public way are checked;
// planned, removed and indoor cameras are counted as out of scope.
package check

import (
	"fmt"
	"sort"
	"time"

	"github.com/clairvoie/clairvoie"
)

// Severity says how a finding should be read.
type Severity string

// Severities, from the most serious.
const (
	Breach  Severity = "breach"  // the record shows a rule broken
	Due     Severity = "due"     // a legal deadline is near
	Unknown Severity = "unknown" // the registry lacks a fact needed to show compliance
	Stale   Severity = "stale"   // a check on the ground is too old
)

// Kinds of finding. The codes are stable: they are part of the --json schema.
const (
	RetentionOverLegalMax   = "retention_over_legal_max"
	RetentionOverAuthorised = "retention_over_authorised"
	RetentionUnknown        = "retention_unknown"
	AuthorisationMissing    = "authorisation_missing"
	AuthorisationExpired    = "authorisation_expired"
	AuthorisationExpiring   = "authorisation_expiring"
	PurposeMissing          = "purpose_missing"
	SignageMissing          = "signage_missing"
	SignageUnknown          = "signage_unknown"
	SignageUnchecked        = "signage_unchecked"
	NotVerified             = "not_verified"
	// From the register (RunWithRegister).
	DestructionLate          = "destruction_late"
	DestructionRecordedLate  = "destruction_recorded_late"
	DestructionMissing       = "destruction_missing"
	ExtractionAfterRetention = "extraction_after_retention"
	// From the installation's declaration (installation.go).
	AnalyticsProhibited    = "analytics_prohibited"
	AnalyticsWithoutBasis  = "analytics_without_basis"
	AnalyticsBasisExpired  = "analytics_basis_expired"
	AnalyticsOutsideBasis  = "analytics_outside_basis"
	FlowWithoutConvention  = "flow_without_convention"
	FlowConventionExpired  = "flow_convention_expired"
	TransferOutsideEU      = "transfer_outside_eu"
	TransmissionUndeclared = "transmission_undeclared"
)

// Kinds lists every kind with its severity, in report order.
var Kinds = []struct {
	Kind     string
	Severity Severity
}{
	{RetentionOverLegalMax, Breach}, {RetentionOverAuthorised, Breach}, {AuthorisationExpired, Breach},
	{SignageMissing, Breach}, {DestructionLate, Breach}, {DestructionRecordedLate, Breach}, {DestructionMissing, Breach},
	{ExtractionAfterRetention, Breach},
	{AnalyticsProhibited, Breach}, {AnalyticsBasisExpired, Breach}, {FlowConventionExpired, Breach},
	{TransferOutsideEU, Breach}, {TransmissionUndeclared, Breach},
	{AuthorisationExpiring, Due}, {AuthorisationMissing, Unknown},
	{PurposeMissing, Unknown}, {RetentionUnknown, Unknown}, {SignageUnknown, Unknown},
	{AnalyticsWithoutBasis, Unknown}, {AnalyticsOutsideBasis, Unknown}, {FlowWithoutConvention, Unknown},
	{SignageUnchecked, Stale}, {NotVerified, Stale},
}

// fromRegister are the kinds only a register can show (RunWithRegister).
var fromRegister = map[string]bool{DestructionLate: true, DestructionRecordedLate: true, DestructionMissing: true, ExtractionAfterRetention: true,
	TransmissionUndeclared: true}

// fromInstallation are the kinds only the installation's declaration can
// show (Input.Installation).
var fromInstallation = map[string]bool{AnalyticsProhibited: true, AnalyticsWithoutBasis: true, AnalyticsBasisExpired: true,
	AnalyticsOutsideBasis: true, FlowWithoutConvention: true, FlowConventionExpired: true, TransferOutsideEU: true, TransmissionUndeclared: true}

// Options are the thresholds of the checks.
type Options struct {
	Today                clairvoie.Date `json:"today"`                  // the day the check is made for
	RenewalMonths        int            `json:"renewal_months"`         // warn this many months before expiry
	SignageCheckMonths   int            `json:"signage_check_months"`   // a sign unchecked for longer is stale
	VerifiedWithinMonths int            `json:"verified_within_months"` // a camera unverified for longer is stale
	// Zone is the workspace's time zone: the register's times are put on
	// its days, and the check's day ends at its midnight (nil: the default
	// zone, Europe/Paris).
	Zone *time.Location `json:"-"`
}

// zone is o.Zone or the default zone.
func (o Options) zone() *time.Location {
	if o.Zone != nil {
		return o.Zone
	}
	return clairvoie.Settings{}.Location()
}

// DefaultOptions are the thresholds used unless told otherwise.
var DefaultOptions = Options{RenewalMonths: 4, SignageCheckMonths: 12, VerifiedWithinMonths: 24}

// Finding is one problem with one camera or, for the installation's
// kinds, with one item of its declaration (Item: "analytics/REF",
// "flow/REF", "system/REF", "register/INDEX"; CameraID 0) and the number of
// cameras it concerns.
type Finding struct {
	Item           string   `json:"item,omitempty"`
	Cameras        int      `json:"cameras,omitempty"`
	CameraID       int64    `json:"camera_id"`
	Source         string   `json:"source"`
	SourceRef      string   `json:"source_ref"`
	Arrondissement string   `json:"arrondissement,omitempty"`
	Commune        string   `json:"commune,omitempty"`
	Synthetic      bool     `json:"synthetic"`
	Kind           string   `json:"kind"`
	Severity       Severity `json:"severity"`
	Message        string   `json:"message"`    // English
	MessageFR      string   `json:"message_fr"` // French
}

// Totals sum the findings up.
type Totals struct {
	Cameras          int            `json:"cameras"`      // cameras given
	Checked          int            `json:"checked"`      // in scope
	OutOfScope       int            `json:"out_of_scope"` // planned, removed or indoor
	WithFindings     int            `json:"with_findings"`
	WithBreach       int            `json:"with_breach"`
	Clean            int            `json:"clean"` // checked, no finding
	Findings         int            `json:"findings"`
	ByKind           map[string]int `json:"by_kind"`
	BySeverity       map[string]int `json:"by_severity"`
	ByArrondissement map[string]int `json:"by_arrondissement"` // findings per arrondissement ("" when unknown)
	// Suppressed names the kinds whose count is withheld for secrecy
	// (Report.Withhold): from 1 to k−1.
	Suppressed []string `json:"suppressed,omitempty"`
	// Installation counts the findings about the installation's
	// declaration (systems, analytics, flows, transmissions), not about
	// one camera; they are in Findings and ByKind too.
	Installation int `json:"installation"`
}

// Report is the result of a check.
type Report struct {
	Today    clairvoie.Date `json:"today"`
	Options  Options        `json:"options"`
	Findings []Finding      `json:"findings"`
	Totals   Totals         `json:"totals"`
	Clocks   []Clock        `json:"clocks,omitempty"` // with a register: each camera's retention clock
}

// Run checks the cameras. Zero thresholds in opts take DefaultOptions'.
func Run(cams []*clairvoie.Camera, opts Options) Report {
	return RunInput(Input{Cameras: cams}, opts)
}

// RunWithRegister checks the cameras and, against the register's entries
// (in log order), their retention clocks (see retention.go).
func RunWithRegister(cams []*clairvoie.Camera, register []clairvoie.RegisterEntry, opts Options) Report {
	in := Input{Cameras: cams}
	if register != nil {
		in.Register = make([]clairvoie.Receipt, len(register))
		for i, e := range register {
			in.Register[i] = clairvoie.Receipt{Entry: e, Index: uint64(i)}
		}
	}
	return RunInput(in, opts)
}

// Input is what a check reads.
type Input struct {
	Cameras []*clairvoie.Camera
	// Register is the register's entries in log order, nil when no
	// register is checked.
	Register []clairvoie.Receipt
	// Installation is the installation's declaration, nil when it is not
	// checked (its kinds are then left out of the totals).
	Installation *clairvoie.Installation
}

// RunInput checks what in holds.
func RunInput(in Input, opts Options) Report {
	cams := in.Cameras
	var register []clairvoie.RegisterEntry
	if in.Register != nil {
		register = make([]clairvoie.RegisterEntry, len(in.Register))
		for i, r := range in.Register {
			register[i] = r.Entry
		}
	}
	if opts.RenewalMonths == 0 {
		opts.RenewalMonths = DefaultOptions.RenewalMonths
	}
	if opts.SignageCheckMonths == 0 {
		opts.SignageCheckMonths = DefaultOptions.SignageCheckMonths
	}
	if opts.VerifiedWithinMonths == 0 {
		opts.VerifiedWithinMonths = DefaultOptions.VerifiedWithinMonths
	}
	rep := Report{Today: opts.Today, Options: opts, Findings: []Finding{}, Totals: Totals{
		ByKind: map[string]int{}, BySeverity: map[string]int{}, ByArrondissement: map[string]int{},
	}}
	for _, k := range Kinds {
		if (register == nil && fromRegister[k.Kind]) || (in.Installation == nil && fromInstallation[k.Kind]) {
			continue // not checked: not reported, not even as zero
		}
		rep.Totals.ByKind[k.Kind] = 0
		rep.Totals.BySeverity[string(k.Severity)] = 0
	}
	byCamera := map[string][]clairvoie.RegisterEntry{}
	for _, e := range register {
		for _, ref := range e.Cameras {
			byCamera[ref] = append(byCamera[ref], e)
		}
	}
	for _, c := range cams {
		rep.Totals.Cameras++
		if !inScope(c) {
			rep.Totals.OutOfScope++
			continue
		}
		rep.Totals.Checked++
		fs := camera(c, opts)
		if register != nil {
			rf, clock := retention(c, byCamera[c.SourceRef], opts)
			fs = append(fs, rf...)
			if clock != nil {
				rep.Clocks = append(rep.Clocks, *clock)
			}
		}
		breach := false
		for _, f := range fs {
			rep.Totals.ByKind[f.Kind]++
			rep.Totals.BySeverity[string(f.Severity)]++
			rep.Totals.ByArrondissement[f.Arrondissement]++
			breach = breach || f.Severity == Breach
		}
		rep.Totals.Findings += len(fs)
		if len(fs) > 0 {
			rep.Totals.WithFindings++
		} else {
			rep.Totals.Clean++
		}
		if breach {
			rep.Totals.WithBreach++
		}
		rep.Findings = append(rep.Findings, fs...)
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool { return rep.Findings[i].CameraID < rep.Findings[j].CameraID })
	if in.Installation != nil {
		fs := installation(in.Installation, cams, in.Register, opts)
		for _, f := range fs {
			rep.Totals.ByKind[f.Kind]++
			rep.Totals.BySeverity[string(f.Severity)]++
		}
		rep.Totals.Findings += len(fs)
		rep.Totals.Installation = len(fs)
		rep.Findings = append(rep.Findings, fs...)
	}
	return rep
}

// FromInstallation says whether a kind is about the installation's
// declaration rather than one camera.
func FromInstallation(kind string) bool { return fromInstallation[kind] }

// Installed are the cameras in scope: installed (active or out of service)
// on the public way.
func Installed(cams []*clairvoie.Camera) []*clairvoie.Camera {
	var out []*clairvoie.Camera
	for _, c := range cams {
		if inScope(c) {
			out = append(out, c)
		}
	}
	return out
}

func inScope(c *clairvoie.Camera) bool {
	if c.Surveillance == "indoor" {
		return false
	}
	return c.Status == clairvoie.StatusActive || c.Status == clairvoie.StatusOutOfService || c.Status == ""
}

// camera returns the findings of one camera, in the order of Kinds.
func camera(c *clairvoie.Camera, o Options) []Finding {
	var out []Finding
	add := func(kind string, sev Severity, en, fr string) {
		out = append(out, Finding{CameraID: c.ID, Source: c.Provenance.Source, SourceRef: c.SourceRef,
			Arrondissement: c.Arrondissement, Commune: c.Commune, Synthetic: c.Synthetic,
			Kind: kind, Severity: sev, Message: en, MessageFR: fr})
	}
	a := c.Authorisation
	if c.RetentionDays > clairvoie.LegalMaxRetentionDays {
		add(RetentionOverLegalMax, Breach,
			fmt.Sprintf("footage kept %d days, over the legal maximum of %d (CSI L252-5)", c.RetentionDays, clairvoie.LegalMaxRetentionDays),
			fmt.Sprintf("images conservées %d jours, au-delà du maximum légal de %d (CSI L252-5)", c.RetentionDays, clairvoie.LegalMaxRetentionDays))
	}
	if c.RetentionDays > 0 && a.RetentionDays > 0 && c.RetentionDays > a.RetentionDays {
		add(RetentionOverAuthorised, Breach,
			fmt.Sprintf("footage kept %d days, over the %d days the authorisation allows", c.RetentionDays, a.RetentionDays),
			fmt.Sprintf("images conservées %d jours, au-delà des %d jours autorisés par l'arrêté", c.RetentionDays, a.RetentionDays))
	}
	expired := !a.Expires.IsZero() && !a.Expires.After(o.Today)
	if expired {
		add(AuthorisationExpired, Breach,
			fmt.Sprintf("authorisation %s expired on %s", orUnnamed(a.Ref, "(no reference)"), a.Expires),
			fmt.Sprintf("autorisation %s expirée le %s", orUnnamed(a.Ref, "(sans référence)"), a.Expires))
	}
	if c.Signage.Present != nil && !*c.Signage.Present {
		add(SignageMissing, Breach, "no sign informs the public", "aucun panneau n'informe le public")
	}
	if !expired && !a.Expires.IsZero() && !a.Expires.After(o.Today.AddDate(0, o.RenewalMonths, 0)) {
		add(AuthorisationExpiring, Due,
			fmt.Sprintf("authorisation expires on %s: renewal due within %d months", a.Expires, o.RenewalMonths),
			fmt.Sprintf("l'autorisation expire le %s : renouvellement à demander dans les %d mois", a.Expires, o.RenewalMonths))
	}
	if a.Ref == "" && a.Date.IsZero() && a.Expires.IsZero() {
		add(AuthorisationMissing, Unknown, "no prefect's authorisation on record", "aucune autorisation préfectorale enregistrée")
	}
	if len(c.Purposes) == 0 {
		add(PurposeMissing, Unknown, "no authorised purpose on record (CSI L251-2)", "aucune finalité autorisée enregistrée (CSI L251-2)")
	}
	if c.RetentionDays == 0 {
		add(RetentionUnknown, Unknown, "retention period not on record", "durée de conservation non renseignée")
	}
	if c.Signage.Present == nil {
		add(SignageUnknown, Unknown, "signage not on record", "signalisation non renseignée")
	} else if *c.Signage.Present && (c.Signage.CheckedOn.IsZero() || c.Signage.CheckedOn.Before(o.Today.AddDate(0, -o.SignageCheckMonths, 0))) {
		add(SignageUnchecked, Stale,
			fmt.Sprintf("sign not checked for over %d months (last: %s)", o.SignageCheckMonths, orUnnamed(c.Signage.CheckedOn.String(), "never")),
			fmt.Sprintf("panneau non contrôlé depuis plus de %d mois (dernier contrôle : %s)", o.SignageCheckMonths, orUnnamed(c.Signage.CheckedOn.String(), "jamais")))
	}
	if c.VerifiedOn.IsZero() || c.VerifiedOn.Before(o.Today.AddDate(0, -o.VerifiedWithinMonths, 0)) {
		add(NotVerified, Stale,
			fmt.Sprintf("not verified on the ground for over %d months (last: %s)", o.VerifiedWithinMonths, orUnnamed(c.VerifiedOn.String(), "never")),
			fmt.Sprintf("non vérifiée sur le terrain depuis plus de %d mois (dernière vérification : %s)", o.VerifiedWithinMonths, orUnnamed(c.VerifiedOn.String(), "jamais")))
	}
	return out
}

func orUnnamed(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
