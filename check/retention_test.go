package check_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
)

func TestRetentionClocks(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	cam := &clairvoie.Camera{ID: 7, SourceRef: "C7", Status: clairvoie.StatusActive, RetentionDays: 15}
	other := &clairvoie.Camera{ID: 8, SourceRef: "C8", Status: clairvoie.StatusActive, RetentionDays: 15}
	reg := []clairvoie.RegisterEntry{{Kind: clairvoie.RegisterViewing, At: day(10, 1), Cameras: []string{"C7"}, Live: true}}
	// Daily purges of each day's footage, 15 days and 2 hours later, from
	// 1 October to 10 November; none for 20 October; 5 October's three
	// days late.
	for d := day(10, 1); d.Before(day(11, 11)); d = d.AddDate(0, 0, 1) {
		if d.Equal(day(10, 20)) {
			continue
		}
		from, to := d, d.AddDate(0, 0, 1)
		at := d.AddDate(0, 0, 15).Add(2 * time.Hour)
		if d.Equal(day(10, 5)) {
			at = d.AddDate(0, 0, 18)
		}
		reg = append(reg, clairvoie.RegisterEntry{Kind: clairvoie.RegisterDestruction, At: at, Cameras: []string{"C7"}, From: &from, To: &to, Mode: "automatic"})
	}
	// Footage of 10 October extracted on 1 November: 22 days old.
	from, to := day(10, 10).Add(21*time.Hour), day(10, 10).Add(22*time.Hour)
	reg = append(reg, clairvoie.RegisterEntry{Kind: clairvoie.RegisterExtraction, At: day(11, 1), Cameras: []string{"C7"}, From: &from, To: &to})

	rep := check.RunWithRegister([]*clairvoie.Camera{cam, other}, reg, check.Options{Today: clairvoie.DateOf(day(11, 29)), Zone: time.UTC})
	got := map[string]string{}
	for _, f := range rep.Findings {
		if f.CameraID == 8 && strings.HasPrefix(f.Kind, "destruction") {
			t.Errorf("camera 8, never named by the register, was checked against it: %+v", f)
		}
		if f.CameraID == 7 {
			got[f.Kind] = f.Message
		}
	}
	// Due by the end of 29 November minus 16 days: 14 November. Destroyed
	// in time up to 11 November, but not 5 October (three days late: a
	// late destruction covers nothing) nor 20 October: 5 days missing.
	if !strings.HasPrefix(got[check.DestructionMissing], "5.0 days") || !strings.Contains(got[check.DestructionMissing], "from 2026-10-05") {
		t.Errorf("missing: %q", got[check.DestructionMissing])
	}
	if !strings.HasPrefix(got[check.DestructionLate], "1 destructions") || !strings.Contains(got[check.DestructionLate], "3.0 days late") {
		t.Errorf("late: %q", got[check.DestructionLate])
	}
	if !strings.HasPrefix(got[check.ExtractionAfterRetention], "1 extractions") {
		t.Errorf("extraction: %q", got[check.ExtractionAfterRetention])
	}
	if len(rep.Clocks) != 1 || !rep.Clocks[0].HeldFrom.Equal(day(11, 11)) || !rep.Clocks[0].Deadline.Equal(day(11, 26)) ||
		!rep.Clocks[0].RequisitionsUntil.Equal(day(12, 15)) || !rep.Clocks[0].Since.Equal(day(10, 1)) {
		t.Errorf("clock %+v", rep.Clocks)
	}
	if rep.Totals.ByKind[check.DestructionMissing] != 1 || rep.Totals.BySeverity["breach"] < 3 {
		t.Errorf("totals %+v", rep.Totals)
	}
	// A register that destroys everything on time leaves no finding.
	var clean []clairvoie.RegisterEntry
	for d := day(10, 1); d.Before(day(11, 14)); d = d.AddDate(0, 0, 1) {
		from, to := d, d.AddDate(0, 0, 1)
		clean = append(clean, clairvoie.RegisterEntry{Kind: clairvoie.RegisterDestruction, At: d.AddDate(0, 0, 15).Add(time.Hour), Cameras: []string{"C7"}, From: &from, To: &to})
	}
	rep = check.RunWithRegister([]*clairvoie.Camera{cam}, clean, check.Options{Today: clairvoie.DateOf(day(11, 29)), Zone: time.UTC})
	// The check's day ends at midnight in the workspace's zone: Nouméa's
	// comes 11 hours before UTC's, Cayenne's 3 hours after.
	for zone, offset := range map[string]time.Duration{"Pacific/Noumea": -11 * time.Hour, "America/Cayenne": 3 * time.Hour, "UTC": 0} {
		loc, _ := time.LoadLocation(zone)
		r := check.RunWithRegister([]*clairvoie.Camera{cam}, clean, check.Options{Today: clairvoie.DateOf(day(11, 29)), Zone: loc})
		if len(r.Clocks) != 1 || !r.Clocks[0].RequisitionsUntil.Equal(day(12, 15).Add(offset)) {
			t.Errorf("%s: clock %+v", zone, r.Clocks)
		}
	}
	for _, f := range rep.Findings {
		if f.Severity == check.Breach {
			t.Errorf("clean register: %+v", f)
		}
	}
}

// A destruction backdated before its deadline, recorded after it, is a
// finding of its own and covers nothing: adding it never lowers the count
// of breaches (issue 14: 1,788 missing destructions fell to 74 on the demo).
func TestBackdatedDestructionIsNoAbsolution(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	cam := &clairvoie.Camera{ID: 7, SourceRef: "C7", Status: clairvoie.StatusActive, RetentionDays: 10}
	opts := check.Options{Today: clairvoie.DateOf(day(11, 29))}
	ptr := func(t time.Time) *time.Time { return &t }
	base := []clairvoie.RegisterEntry{
		{Kind: clairvoie.RegisterViewing, At: day(10, 1), Recorded: day(10, 1), Cameras: []string{"C7"}, Live: true},
		// An honest late destruction of 2 October's footage: a breach already.
		{Kind: clairvoie.RegisterDestruction, At: day(10, 20), Recorded: day(10, 20), Cameras: []string{"C7"}, From: ptr(day(10, 2)), To: ptr(day(10, 3)), Mode: "manual"},
	}
	before := check.RunWithRegister([]*clairvoie.Camera{cam}, base, opts)
	// Everything since 1 October, said to be destroyed on 11 October (in
	// time), recorded on 29 November.
	backdated := append(append([]clairvoie.RegisterEntry{}, base...), clairvoie.RegisterEntry{Kind: clairvoie.RegisterDestruction,
		At: day(10, 11), Recorded: day(11, 29), Imported: true, Cameras: []string{"C7"}, From: ptr(day(10, 1)), To: ptr(day(11, 18)), Mode: "manual"})
	after := check.RunWithRegister([]*clairvoie.Camera{cam}, backdated, opts)
	if b, a := before.Totals.BySeverity["breach"], after.Totals.BySeverity["breach"]; a < b {
		t.Errorf("breaches: %d before, %d after the backdated destruction", b, a)
	}
	if after.Totals.ByKind[check.DestructionRecordedLate] != 1 || after.Totals.ByKind[check.DestructionMissing] != 1 {
		t.Errorf("after: %v; want the missing destruction kept and a recorded-late one added", after.Totals.ByKind)
	}
}
