package ropa_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/ropa"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func day(s string) clairvoie.Date {
	d, err := clairvoie.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func input() ropa.Input {
	cam := func(id int64, ref, op string, days int, st clairvoie.Status, p ...clairvoie.Purpose) *clairvoie.Camera {
		return &clairvoie.Camera{ID: id, SourceRef: ref, Operator: op, RetentionDays: days, Status: st, Purposes: p, Provenance: clairvoie.Provenance{Source: "ville"}}
	}
	revoked := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	return ropa.Input{
		Today: day("2026-01-01"),
		Cameras: []*clairvoie.Camera{
			cam(1, "a", "Ville de Test", 15, clairvoie.StatusActive, clairvoie.PurposePublicBuildings),
			cam(2, "b", "Ville de Test", 30, clairvoie.StatusActive, clairvoie.PurposePublicBuildings, clairvoie.PurposeIllegalDumping),
			cam(3, "c", "Métropole", 0, clairvoie.StatusActive),
			cam(4, "d", "Ville de Test", 90, clairvoie.StatusRemoved),
		},
		Installation: &clairvoie.Installation{
			Systems: []clairvoie.System{{Ref: "VMS", Kind: clairvoie.SystemVMS, Supplier: "Éditeur A", Product: "Vision", Licence: "proprietary", Hosting: "cloud", Country: "US", TransferBasis: "gdpr-45-adequacy"}},
			Analytics: []clairvoie.Analytic{
				{Ref: "LAPI", System: "VMS", Kind: clairvoie.AnalyticANPR, Cameras: clairvoie.CameraSet{Refs: []string{"a"}}, From: day("2024-01-01"), LegalBasis: "x"},
			},
			Flows: []clairvoie.Flow{
				{Ref: "F1", Recipient: "police", Country: "FR", Type: clairvoie.FlowLive, Cameras: clairvoie.CameraSet{All: true}, Convention: "C1", From: day("2016-01-01"), LegalBasis: "csi-l252-2"},
				{Ref: "F2", Recipient: "ended", Country: "FR", Type: clairvoie.FlowLive, Cameras: clairvoie.CameraSet{All: true}, From: day("2016-01-01"), To: day("2017-01-01")},
			},
		},
		RegisterOrigin: "test.invalid/register",
		RegisterKinds:  map[clairvoie.RegisterKind]int{clairvoie.RegisterViewing: 10, clairvoie.RegisterTransmission: 2},
		Tokens: []clairvoie.Token{{ID: 1, Principal: clairvoie.Principal{ID: "ag-1", Role: "agent"}}, {ID: 2, Principal: clairvoie.Principal{ID: "dpo-1", Role: "dpo"}},
			{ID: 3, Principal: clairvoie.Principal{ID: "ag-2", Role: "agent"}, Revoked: &revoked}},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	if *update {
		os.WriteFile("testdata/"+name, got, 0o644)
	}
	want, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatalf("%v (go test ./ropa -update once)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n%s", name, got)
	}
}

func TestRecordGolden(t *testing.T) {
	r := ropa.Build(input())
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "record.golden.json", append(b, '\n'))
	var md bytes.Buffer
	if err := ropa.Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "record.golden.md", md.Bytes())
	// What the golden holds, said plainly.
	if r.Controller.Label != "Ville de Test" || r.Cameras != 3 || r.Retention.MaxDays != 30 || r.Retention.Unknown != 1 {
		t.Errorf("controller %+v, %d cameras, retention %+v", r.Controller, r.Cameras, r.Retention)
	}
	if len(r.Recipients) != 1 || r.Recipients[0].Code != "police" || r.Recipients[0].Cameras != "toutes (3)" {
		t.Errorf("recipients (the ended flow is not one): %+v", r.Recipients)
	}
	if len(r.Transfers) != 1 || r.Transfers[0].Basis != "gdpr-45-adequacy" {
		t.Errorf("transfers: %+v", r.Transfers)
	}
	if !strings.Contains(r.SecurityMeasures[1].Detail, "agent : 1, dpo : 1 ; révoqués : 1") {
		t.Errorf("tokens: %+v", r.SecurityMeasures[1])
	}
	if !strings.Contains(r.DataCategories[1].Label, "immatriculation") {
		t.Errorf("ANPR is not among the data categories: %+v", r.DataCategories)
	}
}

func TestDPIA(t *testing.T) {
	in := input()
	r := ropa.Build(in)
	rep := check.RunInput(check.Input{Cameras: in.Cameras, Installation: in.Installation}, check.Options{Today: in.Today})
	var b bytes.Buffer
	if err := ropa.DPIA(&b, r, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## 1. Contexte", "## 2. Principes fondamentaux", "## 3. Risques", "## 4. Validation",
		"- police (FR, live) : convention C1, base csi-l252-2.", "Mesure existante : Registre des accès"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("dpia lacks %q:\n%s", want, b.String())
		}
	}
}

// TestPIA: the file has the shape the CNIL's PIA tool imports (its own
// export: pia, answers, measures, evaluations, comments), answers the
// questions of its architecture by number, names people by role only, and
// escapes the facts it quotes (the tool renders answers as HTML).
func TestPIA(t *testing.T) {
	in := input()
	in.Cameras[0].Operator = `Ville <script>alert(1)</script>`
	in.Cameras[1].Operator = in.Cameras[0].Operator
	r := ropa.Build(in)
	rep := check.RunInput(check.Input{Cameras: in.Cameras, Installation: in.Installation}, check.Options{Today: in.Today})
	var b bytes.Buffer
	if err := ropa.PIA(&b, r, rep); err != nil {
		t.Fatal(err)
	}
	var f struct {
		PIA struct {
			Name          string
			Status        *int
			AuthorName    string `json:"author_name"`
			EvaluatorName string `json:"evaluator_name"`
			ValidatorName string `json:"validator_name"`
		}
		Answers []struct {
			ReferenceTo int `json:"reference_to"`
			Data        struct {
				Text string
				List []string
			}
		}
		Measures    []struct{ Title, Content string }
		Evaluations []any
		Comments    []any
	}
	dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	json.Unmarshal(b.Bytes(), &raw)
	for _, k := range []string{"pia", "answers", "measures", "evaluations", "comments"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q member", k)
		}
	}
	if f.PIA.Name == "" || f.PIA.Status == nil || f.Evaluations == nil || f.Comments == nil {
		t.Errorf("head %+v", f.PIA)
	}
	for _, who := range []string{f.PIA.AuthorName, f.PIA.EvaluatorName, f.PIA.ValidatorName} {
		if !strings.HasSuffix(who, "(rôle)") {
			t.Errorf("a person named in the PIA: %q", who)
		}
	}
	var refs []int
	for _, a := range f.Answers {
		refs = append(refs, a.ReferenceTo)
		if a.Data.List == nil {
			t.Errorf("answer %d: list must be an array", a.ReferenceTo)
		}
	}
	if fmt.Sprint(refs) != fmt.Sprint(ropa.PIAQuestions) {
		t.Errorf("questions answered %v", refs)
	}
	if len(f.Measures) < 3 || !strings.Contains(f.Measures[len(f.Measures)-1].Content, "<li>flow_without_convention : 1</li>") {
		t.Errorf("measures %+v", f.Measures)
	}
	if strings.Contains(b.String(), "<script>") || !strings.Contains(b.String(), "&lt;script&gt;") {
		t.Errorf("a fact quoted unescaped in the PIA's HTML")
	}
}
