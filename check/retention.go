package check

import (
	"fmt"
	"sort"
	"time"

	"github.com/clairvoie/clairvoie"
)

// Retention clocks. Footage recorded at t must be destroyed by t + the
// camera's retention (at most 30 days, CSI L252-5), and a requisition of it
// must be served (the extraction made) before then. From the register:
//
//   - a destruction of the period [from, to] is timely when both the time
//     it states (At, a claim) and the time the register received it
//     (Recorded, a fact) are at most from + retention + Grace (the oldest
//     footage of the batch is the one overdue). Otherwise it is late — made
//     late (At), or said to be made in time but recorded after the deadline
//     (recorded late: nothing proves it was made then);
//   - footage recorded since the register first names the camera, whose
//     deadline (+ Grace) has passed, and which no timely destruction covers,
//     has a missing destruction: a late record is a finding of its own, never
//     an absolution, so appending a backdated destruction never lowers the
//     count of breaches;
//   - an extraction of footage whose deadline (+ Grace) had passed is
//     footage kept too long.
//
// Entries logged before clairvoie kept the time of recording have none;
// their stated time stands for it. A camera the register never names is not
// checked against it.

// Grace is the slack allowed to a destruction: purges run once a day.
const Grace = 24 * time.Hour

// Clock is one camera's retention clock, as of the check's day.
type Clock struct {
	CameraID      int64     `json:"camera_id"`
	SourceRef     string    `json:"source_ref"`
	RetentionDays int       `json:"retention_days"`
	Since         time.Time `json:"register_since"` // the register's first entry about the camera
	// HeldFrom is the start of the oldest footage not destroyed on record;
	// its deadline is HeldFrom + retention.
	HeldFrom time.Time `json:"held_from"`
	Deadline time.Time `json:"deadline"`
	// RequisitionsUntil: footage recorded at the end of the check's day can
	// be requisitioned until then.
	RequisitionsUntil time.Time `json:"requisitions_until"`
}

type span struct{ from, to time.Time }

// retention checks one camera's register entries.
func retention(c *clairvoie.Camera, entries []clairvoie.RegisterEntry, o Options) ([]Finding, *Clock) {
	if len(entries) == 0 || c.RetentionDays <= 0 {
		return nil, nil
	}
	var out []Finding
	add := func(kind, en, fr string) {
		out = append(out, Finding{CameraID: c.ID, Source: c.Provenance.Source, SourceRef: c.SourceRef,
			Arrondissement: c.Arrondissement, Commune: c.Commune, Synthetic: c.Synthetic,
			Kind: kind, Severity: Breach, Message: en, MessageFR: fr})
	}
	keep := time.Duration(min(c.RetentionDays, clairvoie.LegalMaxRetentionDays)) * 24 * time.Hour
	// The end of the check's day, midnight in the workspace's zone: what
	// is due by then is overdue.
	y, m, d := o.Today.Time().Date()
	now := time.Date(y, m, d+1, 0, 0, 0, 0, o.zone())
	since := entries[0].At
	var destroyed []span
	var late, lateWorst time.Duration
	var lateCount, recordedLate, extracted int
	var recordedWorst time.Duration
	for _, e := range entries {
		if e.At.Before(since) {
			since = e.At
		}
		if e.From == nil {
			continue
		}
		if e.From.Before(since) {
			since = *e.From
		}
		due := e.From.Add(keep)
		switch e.Kind {
		case clairvoie.RegisterDestruction:
			recorded := e.Recorded
			if recorded.IsZero() {
				recorded = e.At
			}
			switch d, r := e.At.Sub(due), recorded.Sub(due); {
			case d > Grace:
				lateCount++
				late += d
				lateWorst = max(lateWorst, d)
			case r > Grace:
				recordedLate++
				recordedWorst = max(recordedWorst, r)
			default:
				destroyed = append(destroyed, span{*e.From, *e.To})
			}
		case clairvoie.RegisterExtraction:
			if e.At.Sub(due) > Grace {
				extracted++
			}
		}
	}
	if lateCount > 0 {
		add(DestructionLate,
			fmt.Sprintf("%d destructions made after the %d-day deadline (worst: %.1f days late)", lateCount, c.RetentionDays, lateWorst.Hours()/24),
			fmt.Sprintf("%d destructions faites après le délai de %d jours (au pire %.1f jours de retard)", lateCount, c.RetentionDays, lateWorst.Hours()/24))
	}
	if recordedLate > 0 {
		add(DestructionRecordedLate,
			fmt.Sprintf("%d destructions said to be made in time but recorded after the %d-day deadline (at worst %.1f days after it): nothing shows they were made in time", recordedLate, c.RetentionDays, recordedWorst.Hours()/24),
			fmt.Sprintf("%d destructions déclarées dans le délai de %d jours mais enregistrées après (au pire %.1f jours après) : rien ne montre qu'elles ont été faites à temps", recordedLate, c.RetentionDays, recordedWorst.Hours()/24))
	}
	if extracted > 0 {
		add(ExtractionAfterRetention,
			fmt.Sprintf("%d extractions of footage past its %d-day deadline: it should have been destroyed", extracted, c.RetentionDays),
			fmt.Sprintf("%d extractions d'images au-delà de leur délai de %d jours : elles auraient dû être détruites", extracted, c.RetentionDays))
	}
	// Footage from since to now − keep − Grace must all be destroyed.
	sort.Slice(destroyed, func(i, j int) bool { return destroyed[i].from.Before(destroyed[j].from) })
	mustBeGone := now.Add(-keep - Grace)
	heldFrom := since
	var missing time.Duration
	var first time.Time
	for _, s := range destroyed {
		if s.from.After(heldFrom) {
			gapEnd := s.from
			if gapEnd.After(mustBeGone) {
				gapEnd = mustBeGone
			}
			if gapEnd.After(heldFrom) {
				if first.IsZero() {
					first = heldFrom
				}
				missing += gapEnd.Sub(heldFrom)
			}
			if s.from.After(mustBeGone) {
				break
			}
		}
		if s.to.After(heldFrom) {
			heldFrom = s.to
		}
	}
	if mustBeGone.After(heldFrom) {
		if first.IsZero() {
			first = heldFrom
		}
		missing += mustBeGone.Sub(heldFrom)
	}
	if missing > time.Hour {
		days := missing.Hours() / 24
		add(DestructionMissing,
			fmt.Sprintf("%.1f days of footage past the %d-day deadline with no destruction recorded in time (from %s)", days, c.RetentionDays, first.Format("2006-01-02")),
			fmt.Sprintf("%.1f jours d'images au-delà du délai de %d jours sans destruction enregistrée à temps (depuis le %s)", days, c.RetentionDays, first.Format("2006-01-02")))
	}
	return out, &Clock{CameraID: c.ID, SourceRef: c.SourceRef, RetentionDays: c.RetentionDays, Since: since,
		HeldFrom: heldFrom, Deadline: heldFrom.Add(keep), RequisitionsUntil: now.Add(keep)}
}
