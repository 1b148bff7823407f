package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

// The installation's checks hold the city's declaration of its chain
// (systems, analytics modules, data flows) to the law and to the register:
//
//   - analytics_prohibited: face recognition or any biometric
//     identification enabled on the public way, whatever the basis stated
//     (GDPR art. 9; loi n° 2023-380 art. 10 excludes it even from the
//     experiment; AI Act art. 5(1)(h) for real-time remote identification);
//   - analytics_without_basis: a module without a legal basis stated;
//   - analytics_basis_expired: a module still enabled after its legal
//     window closed (an experiment's end, the item's basis_until or the
//     window clairvoie knows for the code);
//   - analytics_outside_basis: a basis clairvoie knows that does not cover
//     this kind of module (the video-protection authorisation is not a
//     basis for shape-and-colour search or tracking);
//   - flow_without_convention: a recipient receiving images or access
//     without a convention on record;
//   - flow_convention_expired: a flow still open after its convention ended;
//   - transfer_outside_eu: a flow's recipient or a system's data outside
//     the EU/EEA without a transfer basis stated (GDPR art. 44–49);
//   - transmission_undeclared: with the register, a transmission of footage
//     to a recipient that no declared flow covers for that camera on that
//     day (recorded or export flows): the control of non-transmission.
//
// An item counts from the day it starts; one that ended is still checked
// for what it did while it ran (a face-recognition trial that stopped is
// still a breach on record).

// installation returns the findings of the declaration.
func installation(inst *clairvoie.Installation, cams []*clairvoie.Camera, register []clairvoie.Receipt, o Options) []Finding {
	var out []Finding
	installed := Installed(cams)
	sourceOf := map[string]string{}
	for _, c := range cams {
		if _, ok := sourceOf[c.SourceRef]; !ok {
			sourceOf[c.SourceRef] = c.Provenance.Source
		}
	}
	count := func(set clairvoie.CameraSet) int { return set.Count(installed) }
	add := func(item, source string, synthetic bool, n int, kind string, sev Severity, en, fr string) {
		out = append(out, Finding{Item: item, Cameras: n, Source: source, Synthetic: synthetic, Kind: kind, Severity: sev, Message: en, MessageFR: fr})
	}
	for _, a := range inst.Analytics {
		if a.From.After(o.Today) {
			continue // not yet enabled
		}
		item, n := "analytics/"+a.Ref, count(a.Cameras)
		enabled := a.To.IsZero() || !a.To.Before(o.Today)
		if a.Kind.Prohibited() {
			state, etat := "enabled since "+a.From.String(), "en service depuis le "+a.From.String()
			if !enabled {
				state, etat = "enabled from "+a.From.String()+" to "+a.To.String(), "en service du "+a.From.String()+" au "+a.To.String()
			}
			add(item, a.Source, a.Synthetic, n, AnalyticsProhibited, Breach,
				fmt.Sprintf("%s on %d cameras, %s: biometric identification of people is prohibited on the public way, whatever the basis stated", a.Kind.Label("en"), n, state),
				fmt.Sprintf("%s sur %d caméras, %s : l'identification biométrique des personnes est interdite sur la voie publique, quelle que soit la base invoquée", a.Kind.Label("fr"), n, etat))
			continue
		}
		if a.LegalBasis == "" {
			add(item, a.Source, a.Synthetic, n, AnalyticsWithoutBasis, Unknown,
				fmt.Sprintf("%s on %d cameras: no legal basis on record", a.Kind.Label("en"), n),
				fmt.Sprintf("%s sur %d caméras : aucune base légale enregistrée", a.Kind.Label("fr"), n))
			continue
		}
		basis, known := clairvoie.FindLegalBasis(a.LegalBasis)
		until := a.BasisUntil
		if until.IsZero() && known {
			until = basis.Until
		}
		// Enabled past the window: still on after it closed, or its
		// period ran beyond it.
		if !until.IsZero() && until.Before(o.Today) && (a.To.IsZero() || a.To.After(until)) {
			add(item, a.Source, a.Synthetic, n, AnalyticsBasisExpired, Breach,
				fmt.Sprintf("%s on %d cameras enabled after its legal basis %s ended on %s", a.Kind.Label("en"), n, a.LegalBasis, until),
				fmt.Sprintf("%s sur %d caméras, en service après la fin de sa base légale %s le %s", a.Kind.Label("fr"), n, a.LegalBasis, until))
		}
		if known && !slices.Contains(basis.Kinds, a.Kind) {
			add(item, a.Source, a.Synthetic, n, AnalyticsOutsideBasis, Unknown,
				fmt.Sprintf("%s on %d cameras: the basis stated (%s) does not cover this kind of module", a.Kind.Label("en"), n, a.LegalBasis),
				fmt.Sprintf("%s sur %d caméras : la base invoquée (%s) ne couvre pas ce type de traitement", a.Kind.Label("fr"), n, a.LegalBasis))
		}
	}
	for _, f := range inst.Flows {
		if f.From.After(o.Today) {
			continue
		}
		item, n := "flow/"+f.Ref, count(f.Cameras)
		open := f.To.IsZero() || !f.To.Before(o.Today)
		switch {
		case f.Convention == "":
			add(item, f.Source, f.Synthetic, n, FlowWithoutConvention, Unknown,
				fmt.Sprintf("%s flow to %s (%d cameras): no convention on record", f.Type.Label("en"), f.Recipient, n),
				fmt.Sprintf("flux %s vers %s (%d caméras) : aucune convention enregistrée", f.Type.Label("fr"), f.Recipient, n))
		case !f.ConventionUntil.IsZero() && f.ConventionUntil.Before(o.Today) && (open || f.To.After(f.ConventionUntil)):
			add(item, f.Source, f.Synthetic, n, FlowConventionExpired, Breach,
				fmt.Sprintf("%s flow to %s (%d cameras) went on after its convention %s ended on %s", f.Type.Label("en"), f.Recipient, n, f.Convention, f.ConventionUntil),
				fmt.Sprintf("flux %s vers %s (%d caméras) maintenu après la fin de la convention %s le %s", f.Type.Label("fr"), f.Recipient, n, f.Convention, f.ConventionUntil))
		}
		if !clairvoie.InEEA(f.Country) && f.TransferBasis == "" {
			add(item, f.Source, f.Synthetic, n, TransferOutsideEU, Breach,
				fmt.Sprintf("%s flow to %s in %s, outside the EU/EEA, without a transfer basis (GDPR art. 44–49)", f.Type.Label("en"), f.Recipient, f.Country),
				fmt.Sprintf("flux %s vers %s en %s, hors UE/EEE, sans base de transfert (RGPD art. 44 à 49)", f.Type.Label("fr"), f.Recipient, f.Country))
		}
	}
	for _, s := range inst.Systems {
		if !clairvoie.InEEA(s.Country) && s.TransferBasis == "" {
			add("system/"+s.Ref, s.Source, s.Synthetic, 0, TransferOutsideEU, Breach,
				fmt.Sprintf("%s %s (%s): data held in %s, outside the EU/EEA, without a transfer basis (GDPR art. 44–49)", s.Kind, s.Product, s.Supplier, s.Country),
				fmt.Sprintf("%s %s (%s) : données hébergées en %s, hors UE/EEE, sans base de transfert (RGPD art. 44 à 49)", s.Kind, s.Product, s.Supplier, s.Country))
		}
	}
	if register != nil {
		out = append(out, undeclared(inst.Flows, register, sourceOf, o.zone())...)
	}
	return out
}

// undeclared finds the register's transmissions that no declared flow
// covers: same recipient, a flow that hands over footage (recorded or
// export), covering every camera of the entry on the day (in the
// workspace's zone) it happened. A camera's source is the first the
// cameras name for its ref.
func undeclared(flows []clairvoie.Flow, register []clairvoie.Receipt, sourceOf map[string]string, zone *time.Location) []Finding {
	var out []Finding
	handOver := map[string][]clairvoie.Flow{} // recipient → its flows that hand footage over
	for _, f := range flows {
		if f.Type == clairvoie.FlowRecorded || f.Type == clairvoie.FlowExport {
			handOver[f.Recipient] = append(handOver[f.Recipient], f)
		}
	}
	for _, r := range register {
		e := r.Entry
		if e.Kind != clairvoie.RegisterTransmission {
			continue
		}
		day := clairvoie.DateOf(e.At.In(zone))
		covers := func(ref string) bool {
			for _, f := range handOver[e.Recipient] {
				if f.Cameras.Has(ref, sourceOf[ref]) && clairvoie.Active(f.From, f.To, day) {
					return true
				}
			}
			return false
		}
		var missing []string
		for _, ref := range e.Cameras {
			if !covers(ref) {
				missing = append(missing, ref)
			}
		}
		if len(e.Cameras) == 0 && !covers("") {
			missing = append(missing, "(none named)")
		}
		if len(missing) == 0 {
			continue
		}
		out = append(out, Finding{Item: "register/" + strconv.FormatUint(r.Index, 10), Cameras: len(missing),
			Kind: TransmissionUndeclared, Severity: Breach,
			Message: fmt.Sprintf("footage sent to %s on %s (register entry %d): no declared flow to %s covers camera %s that day",
				e.Recipient, day, r.Index, e.Recipient, strings.Join(missing, ", ")),
			MessageFR: fmt.Sprintf("images transmises à %s le %s (entrée %d du registre) : aucun flux déclaré vers %s ne couvre la caméra %s ce jour-là",
				e.Recipient, day, r.Index, e.Recipient, strings.Join(missing, ", "))})
	}
	return out
}
