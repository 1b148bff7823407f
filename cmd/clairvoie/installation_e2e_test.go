package main_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The installation end to end with the built binary: a city declares its
// systems, analytics, flows and contracts; the check finds what the
// declaration and the register show; ropa writes the record from it; bad
// files are refused with their line and column and change nothing.
func TestInstallationEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ville.db")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	feature := func(id string, lon float64, days string) string {
		return `{"type":"Feature","id":"` + id + `","geometry":{"type":"Point","coordinates":[` + strconv.FormatFloat(lon, 'f', -1, 64) + `,43.29]},` +
			`"properties":{"man_made":"surveillance","operator":"Ville de Test","clairvoie:retention_days":"` + days + `","clairvoie:purposes":"1"}}`
	}
	cams := write("cams.geojson", `{"type":"FeatureCollection","features":[`+feature("A", 5.37, "15")+","+feature("B", 5.38, "30")+`]}`)
	mustRun(t, "import", "--db", db, "--source", "ville", "--licence", "etalab-2.0", cams)

	systems := write("systems.csv", "ref,kind,supplier,product,licence,hosting,country\nVMS,vms,Éditeur A,Vision,proprietary,on_premises,FR\nBK,recorder,Nuage B,Store,proprietary,cloud,US\n")
	analytics := write("analytics.csv", "ref,system,kind,cameras,from,to,legal_basis\nFACE,VMS,face_recognition,A,2025-01-01,,csi-l251-2\nSHAPE,VMS,shape_colour_search,*,2024-01-01,,csi-l251-2\n")
	flows := write("flows.csv", "ref,recipient,country,type,cameras,convention,from,to,legal_basis\nTJ,tribunal,FR,export,*,CONV-1,2024-01-01,,cpp-77-1-1\nSEC,securite-privee,FR,recorded,B,,2024-01-01,,\n")
	contracts := write("decp.json", `{"marches": [{"id": "2024VP1", "acheteur": {"id": "21000000000016"}, "objet": "Caméras de vidéoprotection", "codeCPV": "35125300", "dureeMois": 24, "dateNotification": "2024-01-01", "montant": 200000, "titulaires": []},
	 {"id": "2024JAR", "acheteur": {"id": "21000000000016"}, "objet": "Jardins", "codeCPV": "77313000", "montant": 1}]}`)
	var imp struct {
		Imported, Skipped int
		Part              string
	}
	for part, file := range map[string]string{"systems": systems, "analytics": analytics, "flows": flows} {
		decode(t, mustRun(t, part, "import", "--db", db, "--source", "declaration", file, "--json").stdout, &imp)
		if imp.Imported != 2 || imp.Part != part {
			t.Fatalf("%s import: %+v", part, imp)
		}
	}
	decode(t, mustRun(t, "contracts", "import", "--db", db, "--source", "decp", contracts, "--json").stdout, &imp)
	if imp.Imported != 1 || imp.Skipped != 1 {
		t.Fatalf("contracts import: %+v", imp)
	}

	// A register with a transmission to a recipient no flow declares.
	reg := filepath.Join(dir, "register")
	ago := func(h int) string {
		return time.Now().UTC().Add(-time.Duration(h) * time.Hour).Truncate(time.Second).Format(time.RFC3339)
	}
	entry := func(recipient, support string) string {
		return `{"kind":"transmission","at":"` + ago(2) + `","agent":"sup-1","role":"supervisor","cameras":["A"],"from":"` + ago(50) + `","to":"` + ago(49) +
			`","recipient":"` + recipient + `","legal_basis":"cpp-77-1-1","support":"` + support + `"}` + "\n"
	}
	entries := write("entries.jsonl", entry("presse", "USB-1")+entry("tribunal", "USB-2"))
	mustRun(t, "log", "append", "--dir", reg, "--origin", "test.invalid/register", "--file", entries)
	today := time.Now().Format("2006-01-02")

	var rep struct {
		Totals struct {
			ByKind       map[string]int `json:"by_kind"`
			Installation int
		}
		Findings []struct{ Kind, Item string }
	}
	r := run(t, "check", "--db", db, "--register", reg, "--today", today, "--json")
	decode(t, r.stdout, &rep)
	want := map[string]int{"analytics_prohibited": 1, "analytics_outside_basis": 1, "flow_without_convention": 1, "transfer_outside_eu": 1,
		"transmission_undeclared": 1, "analytics_without_basis": 0, "analytics_basis_expired": 0, "flow_convention_expired": 0}
	for k, n := range want {
		if got, ok := rep.Totals.ByKind[k]; !ok || got != n {
			t.Errorf("check: by_kind[%s] = %d (present %v), want %d", k, got, ok, n)
		}
	}
	if rep.Totals.Installation != 5 {
		t.Errorf("check: %d installation findings, want 5", rep.Totals.Installation)
	}

	var rec struct {
		Controller     struct{ Label string }
		Purposes       []struct{ Label string }
		DataSubjects   []any                    `json:"data_subjects"`
		DataCategories []struct{ Label string } `json:"data_categories"`
		Recipients     []struct{ Code, Convention string }
		Transfers      []struct{ What, Country, Basis string }
		Retention      struct {
			MaxDays int `json:"max_days"`
		}
		Security []any `json:"security_measures"`
	}
	decode(t, mustRun(t, "ropa", "--db", db, "--register", reg, "--today", today, "--json").stdout, &rec)
	if rec.Controller.Label != "Ville de Test" || len(rec.Purposes) != 1 || len(rec.DataSubjects) == 0 || len(rec.Recipients) != 2 ||
		rec.Recipients[0].Code != "securite-privee" || rec.Recipients[0].Convention != "" || len(rec.Transfers) != 1 ||
		rec.Transfers[0].What != "system/BK" || rec.Retention.MaxDays != 30 || len(rec.Security) < 2 {
		t.Errorf("ropa: %+v", rec)
	}
	biometric := false
	for _, c := range rec.DataCategories {
		biometric = biometric || strings.Contains(c.Label, "biométriques")
	}
	if !biometric {
		t.Errorf("ropa: the face recognition module is not among the data categories: %+v", rec.DataCategories)
	}
	md := mustRun(t, "ropa", "--db", db, "--today", today).stdout
	if !strings.Contains(md, "## Destinataires (flux déclarés)") || !strings.Contains(md, "| securite-privee | FR | recorded | 1 | **aucune** |") {
		t.Errorf("ropa markdown:\n%s", md)
	}
	html := filepath.Join(dir, "ropa.html")
	mustRun(t, "ropa", "--db", db, "--format", "html", "--out", html)
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), "<h2>Destinataires (flux déclarés)</h2>") {
		t.Errorf("ropa html: %s", b)
	}
	dpia := mustRun(t, "dpia", "--db", db, "--register", reg, "--today", today).stdout
	if !strings.Contains(dpia, "## 3. Risques") || !strings.Contains(dpia, "`analytics_prohibited` : 1") {
		t.Errorf("dpia:\n%s", dpia)
	}
	var pia struct {
		PIA     struct{ Name string }
		Answers []struct {
			ReferenceTo int `json:"reference_to"`
		}
	}
	decode(t, mustRun(t, "dpia", "--db", db, "--format", "pia", "--today", today).stdout, &pia)
	if pia.PIA.Name == "" || len(pia.Answers) != 10 {
		t.Errorf("dpia --format pia: %+v", pia)
	}
	if r := run(t, "ropa", "--db", db, "--format", "pia"); r.code != 2 {
		t.Errorf("ropa --format pia: exit %d, want 2 (usage)", r.code)
	}
	var inst struct {
		Summary struct {
			StatementFR []string `json:"statement_fr"`
		}
		Findings []struct{ Kind, Item string }
	}
	decode(t, mustRun(t, "installation", "--db", db, "--today", today, "--json").stdout, &inst)
	if !strings.Contains(strings.Join(inst.Summary.StatementFR, "\n"), "Reconnaissance faciale : en service sur 1 caméras") {
		t.Errorf("statement: %q", inst.Summary.StatementFR)
	}

	// Bad files: the line and the column, and nothing changes.
	for _, c := range []struct{ part, body, want string }{
		{"analytics", "ref,system,kind,cameras,from,to,legal_basis\nX,VMS,telepathy,*,2024-01-01,,\n", `analytics.csv:2: field "kind"`},
		{"analytics", "ref,system,kind,cameras,from,to,legal_basis\nX,VMS,tracking,*,01/02/2024,,\n", `analytics.csv:2: field "from"`},
		{"flows", "ref,recipient,country,type,cameras,convention,from,to,legal_basis\nX,Jean Dupont,FR,live,*,C,2024-01-01,,\n", `flows.csv:2: field "recipient"`},
		{"flows", "ref,recipient,country,type,cameras,convention,from,to,legal_basis,agent_email\n", `flows.csv:1: field "agent_email"`},
		{"flows", "ref,recipient,country,type,cameras,convention,from,to\n", `flows.csv:1: field "legal_basis"`},
		{"systems", "ref,kind,supplier,product,licence,hosting,country\nS,vms,Éditeur,P,proprietary,cloud,France\n", `systems.csv:2: field "country"`},
	} {
		p := write(c.part+".csv", c.body)
		r := run(t, c.part, "import", "--db", db, "--source", "declaration", p)
		if r.code != 1 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, %q; want %q", c.part, r.code, r.stderr, c.want)
		}
		if strings.Contains(r.stderr, "Dupont") {
			t.Errorf("the error echoes a person's name: %q", r.stderr)
		}
	}
	decode(t, mustRun(t, "installation", "--db", db, "--today", today, "--json").stdout, &inst)
	if len(inst.Findings) != 4 {
		t.Errorf("after refused imports: %d findings, want the 4 of before", len(inst.Findings))
	}
}
