package main_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
)

func TestLogAppendVerify(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	// Without --origin, a new log is named after the machine, and says so;
	// the defaults: now, a live viewing, by "cli" as an agent.
	other := filepath.Join(t.TempDir(), "other")
	if r := run(t, "log", "append", "--dir", other, "--kind", "viewing", "--camera", "C12", "--json"); r.code != 0 || !strings.Contains(r.stderr, "/clairvoie/register") ||
		!strings.Contains(r.stdout, `"index": 0`) || !strings.Contains(r.stdout, `"live": true`) || !strings.Contains(r.stdout, `"agent": "cli"`) {
		t.Fatalf("new log without --origin: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	var rc struct {
		Index uint64
		Salt  string
		Entry struct {
			Kind, Agent string
			Cameras     []string
		}
	}
	decode(t, mustRun(t, "log", "append", "--dir", dir, "--origin", "test.example/register", "--kind", "viewing", "--at", ago(50*time.Minute),
		"--agent", "ag-7f3a", "--role", "agent", "--camera", "C12", "--live", "--json").stdout, &rc)
	if rc.Index != 0 || len(rc.Salt) != 64 || rc.Entry.Kind != "viewing" {
		t.Fatalf("receipt %+v", rc)
	}
	decode(t, mustRun(t, "log", "append", "--dir", dir, "--kind", "extraction", "--at", ago(40*time.Minute), "--agent", "ag-51c0", "--role", "agent",
		"--camera", "C12", "--camera", "C13", "--from", ago(3*time.Hour), "--to", ago(150*time.Minute), "--requisition", "PV-2026-0412", "--service", "police-nationale", "--json").stdout, &rc)
	if rc.Index != 1 || len(rc.Entry.Cameras) != 2 {
		t.Fatalf("second receipt %+v (two cameras, --camera repeated)", rc)
	}
	// A person's name, and a bad file: refused, with the field or the line.
	if r := run(t, "log", "append", "--dir", dir, "--kind", "transmission", "--at", ago(30*time.Minute), "--agent", "sup-1", "--role", "supervisor",
		"--camera", "C12", "--from", ago(3*time.Hour), "--to", ago(150*time.Minute), "--recipient", "Maître Durand", "--legal-basis", "cpp-60-1"); r.code != 1 || !strings.Contains(r.stderr, `"recipient"`) {
		t.Errorf("a name as recipient: exit %d, %q", r.code, r.stderr)
	}
	bad := filepath.Join(t.TempDir(), "entries.jsonl")
	writeFile(t, bad, `{"kind":"viewing","at":"`+ago(time.Hour)+`","agent":"a1","role":"agent","cameras":["C1"],"live":true}`+"\n"+`{"kind":"viewing","at":"`+ago(time.Hour)+`","agent":"a1","role":"agent","cameras":["C1"],"live":true,"comment":"x"}`+"\n")
	if r := run(t, "log", "append", "--dir", dir, "--file", bad); r.code != 1 || !strings.Contains(r.stderr, "entries.jsonl:2") {
		t.Errorf("unknown field: exit %d, %q", r.code, r.stderr)
	}

	key := strings.TrimSpace(mustRun(t, "log", "key", "--dir", dir).stdout)
	if !strings.HasPrefix(key, "test.example/register+") {
		t.Errorf("key %q", key)
	}
	var rep struct {
		OK   bool
		Size uint64
	}
	decode(t, mustRun(t, "log", "verify", "--dir", dir, "--json").stdout, &rep)
	if !rep.OK || rep.Size != 2 {
		t.Fatalf("verify: %+v", rep)
	}
	kept := filepath.Join(t.TempDir(), "checkpoint")
	cp, _ := os.ReadFile(filepath.Join(dir, "checkpoint"))
	writeFile(t, kept, string(cp))
	receipt := filepath.Join(t.TempDir(), "receipt.json")
	writeFile(t, receipt, mustRun(t, "log", "receipt", "--dir", dir, "--index", "1").stdout)
	mustRun(t, "log", "verify", "--dir", dir, "--since", kept, "--receipt", receipt)

	// An altered tile: verify exits 1 and says which.
	tile := filepath.Join(dir, "tile", "0", "000.p", "2")
	orig, err := os.ReadFile(tile)
	if err != nil {
		t.Fatal(err)
	}
	altered := []byte(string(orig))
	altered[0] ^= 0xff
	writeFile(t, tile, string(altered))
	if r := run(t, "log", "verify", "--dir", dir, "--json"); r.code != 1 || !strings.Contains(r.stdout, "tile 0/0") {
		t.Errorf("altered tile: exit %d, %q", r.code, r.stdout)
	}
	writeFile(t, tile, string(orig))
	mustRun(t, "log", "verify", "--dir", dir, "--key", key)

	// An edited private journal: the operator's verification catches it,
	// and the counts leave the entry out.
	jpath := filepath.Join(dir, "private", "journal.jsonl")
	journal, _ := os.ReadFile(jpath)
	writeFile(t, jpath, strings.Replace(string(journal), `"C13"`, `"C99"`, 1))
	if r := run(t, "log", "verify", "--dir", dir); r.code != 1 || !strings.Contains(r.stdout, "journal") {
		t.Errorf("edited journal: exit %d, %q", r.code, r.stdout)
	}
	writeFile(t, jpath, string(journal))
	mustRun(t, "log", "verify", "--dir", dir)

	var counts struct {
		Months []struct {
			Month      string
			Suppressed []string
		}
	}
	decode(t, mustRun(t, "log", "counts", "--dir", dir, "--json").stdout, &counts)
	for _, m := range counts.Months {
		if len(m.Suppressed) != 5 {
			t.Errorf("two entries in a month (or one in each of two) are secret: %+v", counts)
		}
	}
	if !strings.Contains(mustRun(t, "log", "counts", "--dir", dir).stdout, "month") || strings.Contains(mustRun(t, "log", "counts", "--dir", dir).stdout, "SYNTHETIC") {
		t.Error("a real register's counts are labelled synthetic")
	}
}

// ago is a time d before now, as the register's entries state it: the
// register refuses times that have not come or that are more than a day
// old (imports aside).
func ago(d time.Duration) string { return time.Now().Add(-d).UTC().Format(time.RFC3339) }

// kill -9 during a burst of appends: every entry acknowledged before the
// kill is in the log after a restart, and the log verifies.
func TestLogSurvivesKill(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "load")
	acks := filepath.Join(t.TempDir(), "acks")
	cmd := exec.Command(binary, "log", "load", "--dir", dir, "--n", "1000000", "--writers", "256", "--acks", acks)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		b, _ := os.ReadFile(acks)
		if strings.Count(string(b), "\n") >= 3000 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no 3,000 acknowledgements in 60 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	b, err := os.ReadFile(acks)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	acked := map[uint64]bool{}
	for _, l := range lines[:len(lines)-1] { // the last one may be cut
		i, err := strconv.ParseUint(l, 10, 64)
		if err != nil {
			t.Fatalf("ack line %q", l)
		}
		acked[i] = true
	}
	ctx := context.Background()
	l, err := auditlog.Open(ctx, dir, auditlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Opening publishes what the crash left unpublished: the checkpoint
	// covers every acknowledged entry before anything else happens.
	key0, _ := auditlog.VerifierKey(dir)
	rep0, err := auditlog.Verify(ctx, auditlog.DirSource(dir), key0, nil, nil)
	var maxAcked uint64
	for i := range acked {
		maxAcked = max(maxAcked, i)
	}
	if err != nil || rep0.Size <= maxAcked {
		t.Errorf("after opening: checkpoint of %d entries, %v; want it to cover entry %d", rep0.Size, err, maxAcked)
	}
	var rs []clairvoie.Receipt
	have := map[uint64]bool{}
	for _, r := range l.Receipts() {
		have[r.Index] = true
		if acked[r.Index] {
			rs = append(rs, r)
		}
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range acked {
		if !have[i] {
			t.Fatalf("entry %d was acknowledged, and is lost", i)
		}
	}
	key, err := auditlog.VerifierKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := auditlog.Verify(ctx, auditlog.DirSource(dir), key, nil, rs)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK || len(rep.Inclusions) != len(acked) || rep.Size < uint64(len(acked)) {
		j, _ := json.Marshal(rep.Problems)
		t.Fatalf("after the kill: size %d, %d acknowledged, problems %s", rep.Size, len(acked), j)
	}
	t.Logf("killed after %d acknowledgements; the log holds %d entries and verifies", len(acked), rep.Size)
}

func TestLogImportExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	export := "../../csvio/testdata/vms-export.csv"
	var res struct {
		Added, Already int
		Receipts       []struct{ Entry struct{ Agent, Kind string } }
	}
	decode(t, mustRun(t, "log", "import", "--dir", dir, "--origin", "test.example/register", "--mapping", "vms-example", export, "--json").stdout, &res)
	if res.Added != 5 || res.Already != 0 {
		t.Fatalf("first import: %+v", res)
	}
	agents := map[string]bool{}
	for _, r := range res.Receipts {
		agents[r.Entry.Agent] = true
		if !strings.HasPrefix(r.Entry.Agent, "ag-") || len(r.Entry.Agent) != 15 {
			t.Errorf("agent %q is not a pseudonym", r.Entry.Agent)
		}
	}
	if len(agents) != 4 {
		t.Errorf("4 logins give 4 pseudonyms, got %v", agents)
	}
	// The same export again adds nothing; the register verifies.
	decode(t, mustRun(t, "log", "import", "--dir", dir, "--mapping", "vms-example", export, "--json").stdout, &res)
	if res.Added != 0 || res.Already != 5 {
		t.Errorf("second import: %+v", res)
	}
	var rep struct {
		OK   bool
		Size int
	}
	decode(t, mustRun(t, "log", "verify", "--dir", dir, "--json").stdout, &rep)
	if !rep.OK || rep.Size != 5 {
		t.Errorf("verify: %+v", rep)
	}
	journal, _ := os.ReadFile(filepath.Join(dir, "private", "journal.jsonl"))
	for _, s := range []string{"jdupont", "mmartin", "pull rouge"} {
		if strings.Contains(string(journal), s) {
			t.Errorf("the private journal keeps %q", s)
		}
	}
	// A column of personal data: refused, nothing added.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	writeFile(t, bad, "Time,Event,User,Camera,Plaque\n2026-11-03 08:00:00,Live view,u1,C1,AB-123-CD\n")
	if r := run(t, "log", "import", "--dir", dir, "--mapping", "vms-example", bad); r.code != 1 || !strings.Contains(r.stderr, "Plaque") {
		t.Errorf("personal column: exit %d, %q", r.code, r.stderr)
	}
	decode(t, mustRun(t, "log", "verify", "--dir", dir, "--json").stdout, &rep)
	if rep.Size != 5 {
		t.Errorf("a refused import changed the log: %d entries", rep.Size)
	}
	// The export's times are read in the zone asked for (or the workspace's):
	// the same wall clock is another instant in Nouméa.
	first := func(args ...string) time.Time {
		d := filepath.Join(t.TempDir(), "register")
		var r struct {
			Receipts []struct{ Entry struct{ At time.Time } }
		}
		decode(t, mustRun(t, append([]string{"log", "import", "--dir", d, "--origin", "test.example/z", "--mapping", "vms-example", "--json", export}, args...)...).stdout, &r)
		return r.Receipts[0].Entry.At
	}
	ws := filepath.Join(t.TempDir(), "ws.db")
	mustRun(t, "workspace", "--db", ws, "--timezone", "Pacific/Noumea")
	paris, noumea, viaDB := first(), first("--timezone", "Pacific/Noumea"), first("--db", ws)
	if d := paris.Sub(noumea); d != 10*time.Hour || !viaDB.Equal(noumea) { // November: Paris UTC+1, Nouméa UTC+11
		t.Errorf("Paris %v, Nouméa %v (%v apart), via the workspace %v", paris, noumea, d, viaDB)
	}
	if r := run(t, "log", "import", "--dir", dir, "--mapping", "vms-example", "--timezone", "Mars/Base", export); r.code != 1 || !strings.Contains(r.stderr, "IANA") {
		t.Errorf("a made-up zone: exit %d, %q", r.code, r.stderr)
	}
}

// The backtest's stable contract: per method, "method", "hit_rate" and
// "pai" keyed by "1", "5", "10", "20", "brier" and "bss".
func TestBacktestContract(t *testing.T) {
	var res []map[string]any
	decode(t, mustRun(t, "backtest", "--incidents", "../../bench/data/incidents/san_francisco_robbery.csv", "--lon", "longitude", "--lat", "latitude",
		"--time", "date_time", "--from", "2019-03-01", "--json").stdout, &res)
	if len(res) != 5 { // three baselines, the analogue method, the self-exciting model
		t.Fatalf("%d methods", len(res))
	}
	for _, r := range res {
		for _, key := range []string{"hit_rate", "pai"} {
			m, ok := r[key].(map[string]any)
			if !ok || len(m) != 4 || m["1"] == nil || m["5"] == nil || m["10"] == nil || m["20"] == nil {
				t.Errorf("%v: %s = %v", r["method"], key, r[key])
			}
		}
		if _, ok := r["brier"].(float64); !ok {
			t.Errorf("%v: brier %v", r["method"], r["brier"])
		}
		if _, ok := r["bss"].(float64); !ok {
			t.Errorf("%v: bss %v", r["method"], r["bss"])
		}
	}
	if r := run(t, "backtest", "--incidents", "../../bench/data/incidents/san_francisco_robbery.csv", "--lon", "lon", "--lat", "latitude", "--time", "date_time"); r.code != 1 || !strings.Contains(r.stderr, `field "lon"`) {
		t.Errorf("unknown column: exit %d, %q", r.code, r.stderr)
	}
}

func TestForecastAndModelCard(t *testing.T) {
	sf := "../../bench/data/incidents/san_francisco_robbery.csv"
	var f struct {
		Method     string
		Meaningful bool
		WhyNot     []string `json:"why_not"`
		Cells      []struct{ Lon, Lat, Expected float64 }
		Analogues  []string `json:"analogue_days"`
	}
	decode(t, mustRun(t, "forecast", "--incidents", sf, "--lon", "longitude", "--lat", "latitude", "--time", "date_time", "--date", "2020-01-01", "--top", "5", "--json").stdout, &f)
	if len(f.Cells) != 5 || len(f.Analogues) != 30 || f.Cells[0].Expected < f.Cells[4].Expected {
		t.Fatalf("forecast %+v", f)
	}
	// Not meaningful ⇔ reasons given, and then a baseline ranks the cells.
	if f.Meaningful == (len(f.WhyNot) > 0) || (!f.Meaningful && f.Method == "analogue_days") {
		t.Errorf("meaningful %v, method %s, why not %v", f.Meaningful, f.Method, f.WhyNot)
	}
	for _, c := range f.Cells {
		if c.Lat < 37.6 || c.Lat > 37.9 || c.Lon < -122.6 || c.Lon > -122.3 {
			t.Errorf("cell outside San Francisco: %+v", c)
		}
	}
	card := filepath.Join(t.TempDir(), "card.md")
	mustRun(t, "backtest", "--incidents", sf, "--lon", "longitude", "--lat", "latitude", "--time", "date_time", "--from", "2019-03-01", "--model-card", card)
	b, err := os.ReadFile(card)
	if err != nil || !strings.Contains(string(b), "# Model card") || !strings.Contains(string(b), "Verdict") {
		t.Errorf("model card: %v\n%s", err, b)
	}
	if r := run(t, "forecast", "--incidents", sf, "--lon", "longitude", "--lat", "latitude", "--time", "date_time", "--date", "2025-01-01"); r.code != 1 || !strings.Contains(r.stderr, "date 2025-01-01: expected a day from") {
		t.Errorf("a date far after the data: exit %d, %q", r.code, r.stderr)
	}
}

// The demo's calendar: the planted clashes are found, with their reasons,
// and an iCalendar export reads back to the same conflicts.
func TestConflictsAndICS(t *testing.T) {
	dir := t.TempDir()
	var sum struct{ DB string }
	decode(t, mustRun(t, "demo", "--dir", dir, "--no-serve", "--json").stdout, &sum)
	events := filepath.Join(dir, "events.csv")
	var res struct {
		Events    int
		Conflicts []struct {
			A, B     struct{ Ref, Kind string }
			ReasonEN string `json:"reason_en"`
		}
	}
	decode(t, mustRun(t, "conflicts", "--events", events, "--from", "2023-08-01", "--to", "2024-07-31", "--json").stdout, &res)
	if res.Events != 539 || len(res.Conflicts) != 3 {
		t.Fatalf("conflicts: %+v", res)
	}
	if res.Conflicts[0].A.Ref != "syn-manif-2023-10-14" || res.Conflicts[0].B.Ref != "marche-prado" || res.Conflicts[0].ReasonEN != "a march passes a market" {
		t.Errorf("first conflict: %+v", res.Conflicts[0])
	}
	ics := filepath.Join(dir, "events.ics")
	mustRun(t, "events", "export", "--events", events, "--out", ics)
	var again struct {
		Conflicts []struct {
			ReasonEN string `json:"reason_en"`
		}
	}
	decode(t, mustRun(t, "conflicts", "--events", ics, "--from", "2023-08-01", "--to", "2024-07-31", "--json").stdout, &again)
	if len(again.Conflicts) != 3 {
		t.Errorf("from the iCalendar export: %d conflicts", len(again.Conflicts))
	}
	// The demo stored the same calendar in its workspace; a bad file
	// imported under another source changes nothing.
	decode(t, mustRun(t, "conflicts", "--db", sum.DB, "--from", "2023-08-01", "--to", "2024-07-31", "--json").stdout, &again)
	if len(again.Conflicts) != 3 {
		t.Errorf("from the workspace: %d conflicts", len(again.Conflicts))
	}
	var imp struct{ Imported int }
	decode(t, mustRun(t, "events", "import", "--db", sum.DB, "--source", "ics", ics, "--json").stdout, &imp)
	if imp.Imported != 539 {
		t.Errorf("imported %d", imp.Imported)
	}
	// A rule table of one's own: only what it says.
	rules := filepath.Join(dir, "rules.json")
	writeFile(t, rules, `[{"a":"road_works","b":"match","within_m":300,"margin":"1h","reason_fr":"travaux tout près d'un match","reason_en":"works right by a match"}]`)
	decode(t, mustRun(t, "conflicts", "--events", events, "--rules", rules, "--from", "2023-08-01", "--to", "2024-07-31", "--json").stdout, &res)
	if len(res.Conflicts) != 0 {
		t.Errorf("works 400 m and more away within 300 m: %+v", res.Conflicts)
	}
	bad := filepath.Join(dir, "bad.csv")
	writeFile(t, bad, "ref,kind,name,start,end,lon,lat\ne1,riot,x,2024-01-01 10:00,2024-01-01 11:00,5.4,43.3\n")
	if r := run(t, "conflicts", "--events", bad, "--from", "2024-01-01", "--to", "2024-01-02"); r.code != 1 || !strings.Contains(r.stderr, "bad.csv:2") || !strings.Contains(r.stderr, `"kind"`) {
		t.Errorf("an unknown kind: exit %d, %q", r.code, r.stderr)
	}
}

// The contract of issue 14: appending a backdated destruction after its
// deadline never lowers the count of breaches — refused live (its stated
// time is more than a day before it is recorded), and, imported in bulk from
// the video-management system, a finding of its own that covers nothing.
func TestBackdatedDestructionNeverLowersBreaches(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	reg := filepath.Join(dir, "register")
	writeFile(t, filepath.Join(dir, "cams.csv"), "id,lon,lat,clairvoie:status,clairvoie:retention_days,clairvoie:authorised_retention_days\nC7,5.37,43.29,active,10,10\n")
	mustRun(t, "import", "--db", db, "--source", "city", filepath.Join(dir, "cams.csv"))
	// Twenty days of history, imported from the VMS: viewings, no purge.
	day := func(d int) string { return time.Now().AddDate(0, 0, -d).Format("2006-01-02 15:04:05") }
	history := "Time,Event,User,Camera\n"
	for d := 20; d >= 1; d-- {
		history += day(d) + ",Live view,u1,C7\n"
	}
	writeFile(t, filepath.Join(dir, "history.csv"), history)
	mustRun(t, "log", "import", "--dir", reg, "--origin", "test.example/register", "--mapping", "vms-example", filepath.Join(dir, "history.csv"))
	breaches := func() (int, map[string]int) {
		var rep struct {
			Totals struct {
				BySeverity map[string]int `json:"by_severity"`
				ByKind     map[string]int `json:"by_kind"`
			}
		}
		decode(t, mustRun(t, "check", "--db", db, "--register", reg, "--json").stdout, &rep)
		return rep.Totals.BySeverity["breach"], rep.Totals.ByKind
	}
	before, kinds := breaches()
	if kinds["destruction_missing"] != 1 {
		t.Fatalf("before: %v, want the missing destruction", kinds)
	}
	// Live: the whole history said destroyed twelve days ago, in time.
	from, to, at := ago(20*24*time.Hour), ago(24*time.Hour), ago(12*24*time.Hour)
	entries := filepath.Join(dir, "entries.jsonl")
	writeFile(t, entries, `{"kind":"destruction","at":"`+at+`","agent":"vms","role":"system","cameras":["C7"],"from":"`+from+`","to":"`+to+`","mode":"manual"}`+"\n")
	if r := run(t, "log", "append", "--dir", reg, "--file", entries); r.code != 1 || !strings.Contains(r.stderr, "log import") {
		t.Errorf("a destruction stated twelve days before it is recorded: exit %d, %q; want it refused, pointing to log import", r.code, r.stderr)
	}
	if after, _ := breaches(); after < before {
		t.Errorf("live: %d breaches before, %d after", before, after)
	}
	// Imported: accepted, marked, and a finding.
	writeFile(t, filepath.Join(dir, "late.csv"), "Time,Event,User,Role,Camera,Video start,Video end,Deletion\n"+
		day(12)+",Recording deleted,vms,System,C7,"+day(20)+","+day(1)+",manual\n")
	mustRun(t, "log", "import", "--dir", reg, "--mapping", "vms-example", filepath.Join(dir, "late.csv"))
	after, kinds := breaches()
	if after < before || kinds["destruction_recorded_late"] != 1 || kinds["destruction_missing"] != 1 {
		t.Errorf("imported: %d breaches before, %d after, %v", before, after, kinds)
	}
}
