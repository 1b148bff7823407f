package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
)

// RegisterOrigin names the demo's register. "synthetic" is in the name, so
// that every checkpoint of the log says it.
const RegisterOrigin = "demo.clairvoie.invalid/marseille/synthetic-register"

// RegisterFrom is the first day the demo's register covers (to AsOf).
var RegisterFrom = time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)

// SyntheticRegister generates the register of the demo's Marseille from
// RegisterFrom to AsOf, consistent with the synthetic usage ledger: each
// extraction the ledger counts is an extraction entry (after a viewing of
// the recorded footage, followed by its transmission to the requesting
// side), each live intervention a live viewing, and every night the
// recording system purges the footage that reached its camera's retention
// (one entry per retention setting, listing the cameras). Two anomalies are
// planted for the check to find, and said here: the 10 September purge of
// the 15-day cameras ran three days late, and the 20 September purge of the
// 10-day cameras never ran. Agents are pseudonymous ids (syn-ag-NN); no
// entry describes a real event.
func SyntheticRegister(cams []clairvoie.Camera, usage []clairvoie.UsageMonth) []clairvoie.RegisterEntry {
	r := rand.New(rand.NewPCG(Seed, 0x7265676973746572))
	end := AsOf.Time()
	active := func(c *clairvoie.Camera, t time.Time) bool {
		d := clairvoie.DateOf(t)
		return !c.CommissionedOn.IsZero() && !c.CommissionedOn.After(d) && (c.RemovedOn.IsZero() || c.RemovedOn.After(d))
	}
	byID := map[int64]*clairvoie.Camera{}
	retentions := map[int][]*clairvoie.Camera{}
	for i := range cams {
		c := &cams[i]
		byID[c.ID] = c
		if c.RetentionDays > 0 && c.Surveillance != "indoor" {
			retentions[c.RetentionDays] = append(retentions[c.RetentionDays], c)
		}
	}
	var out []clairvoie.RegisterEntry
	agent := func() string { return fmt.Sprintf("syn-ag-%02d", 1+r.IntN(40)) }
	ptr := func(t time.Time) *time.Time { return &t }
	services := []string{"police-nationale", "police-nationale", "police-nationale", "police-municipale", "gendarmerie", "douanes"}
	n := 0
	for _, u := range usage {
		t := u.Month.Time()
		if t.Before(RegisterFrom) || !t.Before(end) {
			continue
		}
		c := byID[u.CameraID]
		if c == nil || c.RetentionDays <= 0 {
			continue
		}
		keep := min(c.RetentionDays, clairvoie.LegalMaxRetentionDays)
		days := t.AddDate(0, 1, 0).Sub(t)
		for i := 0; i < u.Extractions; i++ {
			n++
			at := t.Add(time.Duration(r.Int64N(int64(days)))).Truncate(time.Minute)
			// The footage asked for is from within the retention period.
			from := at.Add(-time.Duration(1+r.IntN(keep-1))*24*time.Hour - time.Duration(r.IntN(24))*time.Hour).Truncate(time.Hour)
			to := from.Add(time.Duration(1+r.IntN(3)) * time.Hour)
			req := fmt.Sprintf("SYN-REQ-%s-%04d", u.Month, n)
			hash := fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
			a := agent()
			out = append(out,
				clairvoie.RegisterEntry{Kind: clairvoie.RegisterViewing, At: at.Add(-2 * time.Hour), Agent: a, Role: clairvoie.RoleAgent,
					Cameras: []string{c.SourceRef}, From: ptr(from), To: ptr(to)},
				clairvoie.RegisterEntry{Kind: clairvoie.RegisterExtraction, At: at, Agent: a, Role: clairvoie.RoleAgent, Cameras: []string{c.SourceRef},
					From: ptr(from), To: ptr(to), Requisition: req, Service: services[r.IntN(len(services))],
					Support: fmt.Sprintf("SYN-USB-%04d", n), ClipSHA256: hash},
				clairvoie.RegisterEntry{Kind: clairvoie.RegisterTransmission, At: at.Add(time.Duration(20+r.IntN(28)) * time.Hour).Truncate(time.Minute),
					Agent: fmt.Sprintf("syn-sup-%d", 1+r.IntN(4)), Role: clairvoie.RoleSupervisor, Cameras: []string{c.SourceRef},
					From: ptr(from), To: ptr(to), Recipient: "tribunal-judiciaire:marseille", LegalBasis: "cpp-77-1-1", Requisition: req,
					Support: fmt.Sprintf("SYN-USB-%04d", n)})
		}
		for i := 0; i < u.Interventions; i++ {
			at := t.Add(time.Duration(r.Int64N(int64(days)))).Truncate(time.Minute)
			out = append(out, clairvoie.RegisterEntry{Kind: clairvoie.RegisterViewing, At: at, Agent: agent(), Role: clairvoie.RoleAgent,
				Cameras: []string{c.SourceRef}, Live: true})
		}
	}
	// The nightly purges, at 01:00, of the day that reached the retention.
	var settings []int
	for days := range retentions {
		settings = append(settings, days)
	}
	sort.Ints(settings)
	for _, days := range settings {
		for d := RegisterFrom; d.Before(end); d = d.AddDate(0, 0, 1) {
			at := d.AddDate(0, 0, days).Add(time.Hour)
			if days == 10 && d.Equal(time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC)) {
				continue // planted: this purge never ran
			}
			if days == 15 && d.Equal(time.Date(2026, 9, 10, 0, 0, 0, 0, time.UTC)) {
				at = at.AddDate(0, 0, 3) // planted: three days late
			}
			if !at.Before(end) {
				break
			}
			var refs []string
			for _, c := range retentions[days] {
				if active(c, d) {
					refs = append(refs, c.SourceRef)
				}
			}
			if len(refs) == 0 {
				continue
			}
			slices.Sort(refs)
			out = append(out, clairvoie.RegisterEntry{Kind: clairvoie.RegisterDestruction, At: at, Agent: "syn-vms", Role: clairvoie.RoleSystem,
				Cameras: refs, From: ptr(d), To: ptr(d.AddDate(0, 0, 1)), Mode: "automatic"})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	for len(out) > 0 && !out[len(out)-1].At.Before(end) {
		out = out[:len(out)-1] // the register stops at AsOf
	}
	return out
}

// RegisterDir is the demo register's directory, beside the database.
const RegisterDir = "register"

// writeRegister makes DIR/register afresh: the synthetic register as a
// transparency log.
func writeRegister(ctx context.Context, dir string, cams []clairvoie.Camera, usage []clairvoie.UsageMonth) (int, error) {
	path := filepath.Join(dir, RegisterDir)
	if err := os.RemoveAll(path); err != nil {
		return 0, err
	}
	l, err := auditlog.Open(ctx, path, auditlog.Options{Origin: RegisterOrigin, CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		return 0, err
	}
	// A simulated register kept live since RegisterFrom: each entry was
	// recorded a few minutes after it happened (the nightly purges by the
	// recording system at once).
	entries := SyntheticRegister(cams, usage)
	for i := range entries {
		entries[i].Recorded = entries[i].At.Add(time.Duration(i%7) * time.Minute)
	}
	rs, err := l.AppendRecorded(ctx, entries)
	if cerr := l.Close(ctx); err == nil {
		err = cerr
	}
	return len(rs), err
}
