package check_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func d(s string) clairvoie.Date {
	v, err := clairvoie.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// compliant is a camera that passes every check on 2026-11-29.
func compliant(id int64) *clairvoie.Camera {
	return &clairvoie.Camera{
		ID: id, SourceRef: "c", Status: clairvoie.StatusActive, Arrondissement: "13201",
		Authorisation: clairvoie.Authorisation{Ref: "AP-1", Date: d("2023-01-10"), Expires: d("2028-01-10"), RetentionDays: 15},
		Purposes:      []clairvoie.Purpose{clairvoie.PurposeAssaultTheftDrugs},
		RetentionDays: 10,
		Signage:       clairvoie.Signage{Present: yes(), CheckedOn: d("2026-06-01")},
		VerifiedOn:    d("2026-01-01"),
	}
}

func registry() []*clairvoie.Camera {
	var cams []*clairvoie.Camera
	add := func(change func(c *clairvoie.Camera)) {
		c := compliant(int64(len(cams) + 1))
		change(c)
		cams = append(cams, c)
	}
	add(func(c *clairvoie.Camera) {})                                                           // 1: clean
	add(func(c *clairvoie.Camera) { c.RetentionDays = 31 })                                     // 2: over the month (and over the order)
	add(func(c *clairvoie.Camera) { c.RetentionDays = 20 })                                     // 3: over the order only
	add(func(c *clairvoie.Camera) { c.Authorisation.Expires = d("2026-11-29") })                // 4: expires today: expired
	add(func(c *clairvoie.Camera) { c.Authorisation.Expires = d("2027-03-29") })                // 5: within 4 months: due
	add(func(c *clairvoie.Camera) { c.Authorisation.Expires = d("2027-03-30") })                // 6: just outside: clean
	add(func(c *clairvoie.Camera) { c.Authorisation = clairvoie.Authorisation{} })              // 7: no order on record
	add(func(c *clairvoie.Camera) { c.Purposes = nil })                                         // 8: no purpose
	add(func(c *clairvoie.Camera) { c.RetentionDays = 0 })                                      // 9: retention unknown
	add(func(c *clairvoie.Camera) { c.Signage = clairvoie.Signage{Present: no()} })             // 10: no sign
	add(func(c *clairvoie.Camera) { c.Signage = clairvoie.Signage{} })                          // 11: sign unknown
	add(func(c *clairvoie.Camera) { c.Signage.CheckedOn = d("2025-11-28") })                    // 12: sign checked 12 months + 1 day ago
	add(func(c *clairvoie.Camera) { c.VerifiedOn = clairvoie.Date{} })                          // 13: never verified
	add(func(c *clairvoie.Camera) { c.VerifiedOn = d("2024-11-28") })                           // 14: verified 24 months + 1 day ago
	add(func(c *clairvoie.Camera) { c.Status = clairvoie.StatusRemoved; c.RetentionDays = 99 }) // 15: out of scope
	add(func(c *clairvoie.Camera) { c.Surveillance = "indoor"; c.Purposes = nil })              // 16: out of scope
	add(func(c *clairvoie.Camera) {
		c.Status = clairvoie.StatusOutOfService
		c.Arrondissement = "13216"
		c.RetentionDays = 45
	}) // 17
	return cams
}

func TestGolden(t *testing.T) {
	rep := check.Run(registry(), check.Options{Today: d("2026-11-29")})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		t.Fatal(err)
	}
	golden := "testdata/report.golden.json"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./check -update once)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("report differs from %s; got:\n%s", golden, buf.String())
	}
}

// The golden file is checked by eye once; these assertions say what it must hold.
func TestFindingsPerCamera(t *testing.T) {
	rep := check.Run(registry(), check.Options{Today: d("2026-11-29")})
	got := map[int64][]string{}
	for _, f := range rep.Findings {
		got[f.CameraID] = append(got[f.CameraID], f.Kind)
	}
	want := map[int64][]string{
		2:  {check.RetentionOverLegalMax, check.RetentionOverAuthorised},
		3:  {check.RetentionOverAuthorised},
		4:  {check.AuthorisationExpired},
		5:  {check.AuthorisationExpiring},
		7:  {check.AuthorisationMissing},
		8:  {check.PurposeMissing},
		9:  {check.RetentionUnknown},
		10: {check.SignageMissing},
		11: {check.SignageUnknown},
		12: {check.SignageUnchecked},
		13: {check.NotVerified},
		14: {check.NotVerified},
		17: {check.RetentionOverLegalMax, check.RetentionOverAuthorised},
	}
	for id := int64(1); id <= 17; id++ {
		if g, w := got[id], want[id]; len(g) != len(w) || (len(g) > 0 && !equal(g, w)) {
			t.Errorf("camera %d: got %v, want %v", id, g, w)
		}
	}
	tot := rep.Totals
	if tot.Cameras != 17 || tot.Checked != 15 || tot.OutOfScope != 2 || tot.Clean != 2 || tot.WithBreach != 5 || tot.WithFindings != 13 {
		t.Errorf("totals: got %+v", tot)
	}
	if tot.ByArrondissement["13216"] != 2 {
		t.Errorf("by arrondissement: got %v", tot.ByArrondissement)
	}
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
