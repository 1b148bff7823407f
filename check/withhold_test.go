package check_test

import (
	"testing"

	"github.com/clairvoie/clairvoie/check"
)

func TestWithhold(t *testing.T) {
	f := func(id int64, arr, kind string, sev check.Severity) check.Finding {
		return check.Finding{CameraID: id, Arrondissement: arr, Kind: kind, Severity: sev}
	}
	rep := check.Report{Findings: []check.Finding{
		f(1, "13201", check.DestructionMissing, check.Breach),
		f(1, "13201", check.ExtractionAfterRetention, check.Breach),
		f(2, "13202", check.ExtractionAfterRetention, check.Breach),
		f(3, "13202", check.NotVerified, check.Stale),
	}, Totals: check.Totals{Checked: 5, ByKind: map[string]int{check.DestructionMissing: 1, check.ExtractionAfterRetention: 2, check.NotVerified: 1},
		BySeverity: map[string]int{"breach": 3, "stale": 1}}}
	rep.Totals.ByKind[check.DestructionLate] = 0
	got := rep.Withhold(5)
	if len(got.Findings) != 2 || got.Totals.Findings != 2 {
		t.Fatalf("findings %+v", got.Findings)
	}
	if _, shown := got.Totals.ByKind[check.ExtractionAfterRetention]; shown || len(got.Totals.Suppressed) != 1 {
		t.Errorf("2 extractions after the deadline shown: %+v", got.Totals)
	}
	if got.Totals.WithBreach != 1 || got.Totals.WithFindings != 2 || got.Totals.Clean != 3 || got.Totals.BySeverity["breach"] != 1 ||
		got.Totals.ByArrondissement["13202"] != 1 || got.Totals.ByKind[check.DestructionLate] != 0 {
		t.Errorf("totals %+v", got.Totals)
	}
	// At k or more, the count is shown; the cameras still are not.
	got = rep.Withhold(2)
	if got.Totals.ByKind[check.ExtractionAfterRetention] != 2 || len(got.Findings) != 2 {
		t.Errorf("k=2: %+v", got.Totals.ByKind)
	}
}
