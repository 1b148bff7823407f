package check

import (
	"slices"
	"sort"
)

// What the public may read of the register's findings. A destruction made
// late or missing is about the installation's routine purges, and is
// shown camera by camera. An extraction after the retention deadline says
// that a camera's footage was extracted on a requisition — the register's
// published counts never tell that about one camera, nor any monthly count
// from 1 to k−1 — so the public sees only how many there are, when that
// number is 0 or at least k.

// Secret lists the kinds the public sees only as a count, under secrecy.
var Secret = []string{ExtractionAfterRetention}

// Withhold returns the report as the public may read it: the findings of
// the secret kinds taken out of the lists and the per-camera totals, their
// count kept in ByKind only when it is 0 or at least k (else the kind is
// named in Totals.Suppressed), and the other totals recomputed without
// them. Clocks, which tell when footage was held, are left out.
func (r Report) Withhold(k int) Report {
	out := r
	out.Clocks = nil
	out.Findings = make([]Finding, 0, len(r.Findings))
	out.Totals.ByKind = map[string]int{}
	out.Totals.BySeverity = map[string]int{}
	out.Totals.ByArrondissement = map[string]int{}
	out.Totals.Suppressed = nil
	for kind, n := range r.Totals.ByKind {
		out.Totals.ByKind[kind] = 0
		if slices.Contains(Secret, kind) {
			if n == 0 || n >= k {
				out.Totals.ByKind[kind] = n
			} else {
				delete(out.Totals.ByKind, kind)
				out.Totals.Suppressed = append(out.Totals.Suppressed, kind)
			}
		}
	}
	for sev := range r.Totals.BySeverity {
		out.Totals.BySeverity[sev] = 0
	}
	sort.Strings(out.Totals.Suppressed)
	withFindings, withBreach := map[int64]bool{}, map[int64]bool{}
	out.Totals.Findings, out.Totals.Installation = 0, 0
	for _, f := range r.Findings {
		if slices.Contains(Secret, f.Kind) {
			continue
		}
		out.Findings = append(out.Findings, f)
		out.Totals.Findings++
		out.Totals.ByKind[f.Kind]++
		out.Totals.BySeverity[string(f.Severity)]++
		if f.Item != "" {
			out.Totals.Installation++
			continue
		}
		out.Totals.ByArrondissement[f.Arrondissement]++
		withFindings[f.CameraID] = true
		if f.Severity == Breach {
			withBreach[f.CameraID] = true
		}
	}
	out.Totals.WithFindings, out.Totals.WithBreach = len(withFindings), len(withBreach)
	out.Totals.Clean = out.Totals.Checked - out.Totals.WithFindings
	return out
}
