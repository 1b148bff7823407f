package clairvoie_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
)

func TestRegisterEntryValidate(t *testing.T) {
	t0 := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	from, to := t0.Add(-13*time.Hour), t0.Add(-12*time.Hour)
	good := func() clairvoie.RegisterEntry {
		return clairvoie.RegisterEntry{Kind: clairvoie.RegisterExtraction, At: t0, Agent: "ag-51c0", Role: clairvoie.RoleAgent,
			Cameras: []string{"C12"}, From: &from, To: &to, Requisition: "PV-2026-0412", Service: "police-nationale"}
	}
	if e := good(); e.Validate() != nil {
		t.Fatalf("a good extraction refused: %v", e.Validate())
	}
	for _, tc := range []struct {
		name, field string
		edit        func(*clairvoie.RegisterEntry)
	}{
		{"unknown kind", "kind", func(e *clairvoie.RegisterEntry) { e.Kind = "deletion" }},
		{"no date", "at", func(e *clairvoie.RegisterEntry) { e.At = time.Time{} }},
		{"a name as agent", "agent", func(e *clairvoie.RegisterEntry) { e.Agent = "Jean Dupont" }},
		{"an e-mail as agent", "agent", func(e *clairvoie.RegisterEntry) { e.Agent = "jean.dupont@ville.fr" }},
		{"unknown role", "role", func(e *clairvoie.RegisterEntry) { e.Role = "mayor" }},
		{"no requisition", "requisition", func(e *clairvoie.RegisterEntry) { e.Requisition = "" }},
		{"a person as service", "service", func(e *clairvoie.RegisterEntry) { e.Service = "Capitaine Martin" }},
		{"a phone as support", "support", func(e *clairvoie.RegisterEntry) { e.Support = "0612345678" }},
		{"bad hash", "clip_sha256", func(e *clairvoie.RegisterEntry) { e.ClipSHA256 = "abc" }},
		{"no camera", "cameras", func(e *clairvoie.RegisterEntry) { e.Cameras = nil }},
		{"period backwards", "from/to", func(e *clairvoie.RegisterEntry) { e.From, e.To = &to, &from }},
		{"half a period", "from/to", func(e *clairvoie.RegisterEntry) { e.To = nil }},
		{"a field of another kind", "recipient", func(e *clairvoie.RegisterEntry) { e.Recipient = "justice" }},
		{"live extraction", "live", func(e *clairvoie.RegisterEntry) { e.Live = true }},
		{"destruction without mode", "mode", func(e *clairvoie.RegisterEntry) {
			e.Kind, e.Requisition, e.Service = clairvoie.RegisterDestruction, "", ""
		}},
		{"transmission without basis", "legal_basis", func(e *clairvoie.RegisterEntry) {
			e.Kind, e.Service, e.Recipient = clairvoie.RegisterTransmission, "", "justice"
		}},
		{"live viewing with a period", "from/to", func(e *clairvoie.RegisterEntry) {
			e.Kind, e.Live, e.Requisition, e.Service = clairvoie.RegisterViewing, true, "", ""
		}},
		{"config without change", "change", func(e *clairvoie.RegisterEntry) {
			e.Kind, e.Requisition, e.Service, e.From, e.To = clairvoie.RegisterConfig, "", "", nil, nil
		}},
	} {
		e := good()
		tc.edit(&e)
		err := e.Validate()
		if err == nil || !strings.Contains(err.Error(), `"`+tc.field+`"`) {
			t.Errorf("%s: err = %v, want one about %q", tc.name, err, tc.field)
		}
	}
}

// The commitment depends on the salt and on every field, and not on how
// the times were written.
func TestRegisterCommitment(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	a := clairvoie.RegisterEntry{Kind: clairvoie.RegisterViewing, At: time.Date(2026, 11, 3, 11, 0, 0, 500, paris), Agent: "ag-1", Role: "agent", Cameras: []string{"C1"}, Live: true}
	b := a
	b.At = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	salt := make([]byte, 32)
	if a.Commitment(salt) != b.Commitment(salt) {
		t.Error("the same instant written two ways gives two commitments")
	}
	c := b
	c.Cameras = []string{"C2"}
	other := make([]byte, 32)
	other[0] = 1
	if c.Commitment(salt) == b.Commitment(salt) || b.Commitment(other) == b.Commitment(salt) {
		t.Error("the commitment ignores a field or the salt")
	}
}

func TestPointsTextForm(t *testing.T) {
	pts, err := clairvoie.ParsePoints("5.37 43.29; 5,38 43,28")
	if err != nil || len(pts) != 2 || pts[1][0] != 5.38 {
		t.Fatalf("%v %v", pts, err)
	}
	back, err := clairvoie.ParsePoints(clairvoie.FormatPoints(pts))
	if err != nil || back[0] != pts[0] || back[1] != pts[1] {
		t.Errorf("round trip: %v %v", back, err)
	}
	for _, bad := range []string{"", "5.37", "5.37 43.29 1", "5.37 93.29", "x y"} {
		if _, err := clairvoie.ParsePoints(bad); err == nil {
			t.Errorf("%q read", bad)
		}
	}
}
