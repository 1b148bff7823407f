package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/csvio"
)

const logUsage = `log append --dir DIR [--origin NAME] --kind viewing|extraction|transmission|destruction|config
           --at TIME --agent ID --role ROLE --camera REF[,REF…] [--from TIME --to TIME] [--live]
           [--requisition REF] [--service CODE] [--support REF] [--clip-sha256 HEX]
           [--recipient CODE] [--legal-basis CODE] [--mode automatic|manual] [--change C] [--value V] [--json]
    log append --dir DIR --file ENTRIES.jsonl [--json]
    log import --dir DIR --mapping NAME|FILE.json [--timezone ZONE | --db FILE] EXPORT.csv [--json]
    log verify (--dir DIR | --url URL --key VERIFIER) [--since CHECKPOINT] [--receipt FILE]…
           [--witness KEY… [--quorum K]] [--json]
    log witness --dir DIR --url URL --key WITNESS_KEY [--quorum K] [--json]
    log monitor --url URL --key VERIFIER --state FILE [--witness-url URL]… [--every DURATION] [--once] [--json]
    log key --dir DIR
    log receipt --dir DIR --index N
    log counts --dir DIR [--k 5] [--json]
    log load --dir DIR --n N [--writers W] [--acks FILE] [--json]

The register of every viewing, extraction, transmission and destruction of footage, and of
configuration changes, kept as a transparency log (C2SP tlog-tiles, signed checkpoints). Each
entry stays private with its salt in DIR/private; the log in DIR holds only salted commitments,
which anyone can verify. Agents appear by a pseudonymous id and a role; services and recipients
by an organisation code (letters, digits, . _ : / -), never a person's name.

append    records entries (one from the flags, or one JSON object per line of --file, all or
          none) and prints each receipt (index, salt, entry) once the log holds it durably.
verify    checks the checkpoint's signature, recomputes the tree from every tile and entry
          bundle, checks that a checkpoint kept earlier (--since) is a prefix of today's, and that
          each receipt is in the log; with --witness, that the checkpoint holds the cosignatures
          of K of those witnesses (all by default): entries after it are not yet witnessed;
          exits 1 when anything fails.
witness   adds a witness to the register's policy (K of N must cosign; all by default): every
          new checkpoint is sent to them with a consistency proof and published once cosigned.
monitor   follows a public register: at each poll, checks the new checkpoint's signature and
          that it extends the one kept in --state (a consistency proof), sends it to the
          witnesses (--witness-url), and exits 3 with both checkpoints as evidence on a fork.
import    reads an audit-log export of the video-management system (CSV) through a column
          mapping (the shipped example: vms-example), pseudonymises the agents' logins with a
          keyed hash, refuses personal columns, and appends the entries in time order, once:
          importing the same export again adds nothing.
key       prints the verifier key (a C2SP signed-note verifier string).
receipt   prints the receipt of entry N, for whoever must check the register (it holds the entry).
counts    entries per month and kind, with statistical secrecy (no count from 1 to k-1).
load      a load generator for benchmarks: appends N synthetic entries from W writers into a
          log of its own (a new DIR, or one made by load) and prints the durable appends per
          second; with --acks, writes each acknowledged index to FILE as it comes.

Flags (each subcommand's own: 'clairvoie log SUBCOMMAND --help'):
  --dir DIR            the register's directory
  --origin NAME        the name of a new register (append, import)
  --file FILE          entries to append, one JSON object per line (append)
  --mapping NAME|FILE  the export's column mapping (import)
  --url URL            a log served over HTTP(S) (verify, monitor); a witness's address (witness)
  --key KEY            the key you trust (verify, monitor); a witness's verifier key (witness)
  --since FILE         a checkpoint kept earlier (verify)
  --receipt FILE       a receipt to check (verify; repeatable)
  --witness KEY        a witness whose cosignature the checkpoint must hold (verify; repeatable)
  --quorum K           how many of the witnesses (verify, witness)
  --state FILE         the last checkpoint seen (monitor)
  --witness-url URL    a witness to gossip each checkpoint to (monitor; repeatable)
  --every DURATION     time between polls (monitor; default 1m)
  --once               poll once and exit (monitor)
  --index N            the entry whose receipt to print (receipt)
  --k N                statistical secrecy threshold (counts)
  --json               print JSON`

func runLog(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(m.Stdout, "Usage: clairvoie "+logUsage)
			return nil
		}
		return usagef("log", "expected a subcommand: append, import, verify, witness, monitor, key, receipt, counts or load")
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "append":
		return runLogAppend(ctx, m, rest)
	case "verify":
		return runLogVerify(ctx, m, rest)
	case "import":
		return runLogImport(ctx, m, rest)
	case "key":
		return runLogKey(m, rest)
	case "receipt":
		return runLogReceipt(ctx, m, rest)
	case "counts":
		return runLogCounts(ctx, m, rest)
	case "load":
		return runLogLoad(ctx, m, rest)
	case "witness":
		return runLogWitness(m, rest)
	case "monitor":
		return runLogMonitor(ctx, m, rest)
	}
	return usagef("log", "unknown subcommand %q: expected append, import, verify, witness, monitor, key, receipt, counts or load", sub)
}

// timeFlag is a flag holding an RFC 3339 time (or a date).
type timeFlag struct{ t *time.Time }

func (f timeFlag) String() string {
	if f.t == nil || f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f timeFlag) Set(s string) error {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			*f.t = t
			return nil
		}
	}
	return fmt.Errorf("expected a date and time, e.g. 2026-11-03T10:00:00+01:00")
}

func runLogAppend(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("log append")
	dir := fs.String("dir", "", "the register's directory")
	origin := fs.String("origin", "", "the name of a new register, e.g. marseille.fr/clairvoie/register (default: HOSTNAME/clairvoie/register)")
	file := fs.String("file", "", "entries to append, one JSON object per line")
	var e clairvoie.RegisterEntry
	var from, to time.Time
	kind := fs.String("kind", "", "viewing, extraction, transmission, destruction or config")
	fs.Var(timeFlag{&e.At}, "at", "when it happened (RFC 3339; default: now)")
	fs.StringVar(&e.Agent, "agent", "cli", "pseudonymous id of who did it")
	fs.StringVar(&e.Role, "role", clairvoie.RoleAgent, "agent, supervisor, dpo, admin or system")
	var cameras listFlag
	fs.Var(&cameras, "camera", "a camera concerned (its ref; comma-separated or repeated)")
	fs.Var(timeFlag{&from}, "from", "start of the recording period concerned")
	fs.Var(timeFlag{&to}, "to", "end of the recording period concerned")
	fs.BoolVar(&e.Live, "live", false, "a viewing of live footage")
	fs.StringVar(&e.Requisition, "requisition", "", "the requisition's reference")
	fs.StringVar(&e.Service, "service", "", "the requesting service (organisation code)")
	fs.StringVar(&e.Support, "support", "", "the support's reference")
	fs.StringVar(&e.ClipSHA256, "clip-sha256", "", "SHA-256 of the extracted clip (hex)")
	fs.StringVar(&e.Recipient, "recipient", "", "the receiving organisation (code)")
	fs.StringVar(&e.LegalBasis, "legal-basis", "", "the legal basis of a transmission (code)")
	fs.StringVar(&e.Mode, "mode", "", "destruction: automatic or manual")
	fs.StringVar(&e.Change, "change", "", "config: camera_added, camera_moved, camera_removed, retention_changed, purpose_changed")
	fs.StringVar(&e.Value, "value", "", "config: the new value")
	asJSON := fs.Bool("json", false, "print the receipts as JSON")
	pos, err := m.parse(fs, logUsage, args)
	if err != nil {
		return err
	}
	if *dir == "" || len(pos) > 0 {
		return usagef("log append", "--dir is required, and no argument")
	}
	var entries []clairvoie.RegisterEntry
	if *file != "" {
		if *kind != "" {
			return usagef("log append", "give either --file or the entry's flags")
		}
		if entries, err = readEntries(*file); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	} else {
		e.Kind = clairvoie.RegisterKind(*kind)
		if e.At.IsZero() {
			e.At = time.Now()
		}
		// A viewing without a recording period is of live footage; a
		// destruction typed at a terminal is a manual one.
		if e.Kind == clairvoie.RegisterViewing && from.IsZero() && to.IsZero() {
			e.Live = true
		}
		if e.Kind == clairvoie.RegisterDestruction && e.Mode == "" {
			e.Mode = "manual"
		}
		e.Cameras = cameras
		if !from.IsZero() {
			e.From = &from
		}
		if !to.IsZero() {
			e.To = &to
		}
		entries = []clairvoie.RegisterEntry{e}
	}
	*origin = m.originFor(*dir, *origin)
	l, err := auditlog.Open(ctx, *dir, auditlog.Options{Origin: *origin, CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	rs, err := l.Append(ctx, entries)
	if cerr := l.Close(ctx); errors.Is(cerr, auditlog.ErrAwaitingWitnesses) {
		fmt.Fprintf(m.Stderr, "clairvoie log append: warning: %v\n", cerr)
	} else if err == nil {
		err = cerr
	}
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		if len(rs) == 1 {
			return writeJSON(m.Stdout, rs[0])
		}
		return writeJSON(m.Stdout, map[string]any{"receipts": rs})
	}
	for _, r := range rs {
		fmt.Fprintf(m.Stdout, "entry %d: %s on %s by %s (%s)\n", r.Index, r.Entry.Kind, r.Entry.At.Format(time.RFC3339), r.Entry.Agent, r.Entry.Role)
	}
	fmt.Fprintf(m.Stdout, "Keep the receipts (clairvoie log receipt --dir %s --index N): with them anyone can check an entry was logged.\n", *dir)
	return nil
}

// readEntries reads one JSON entry per line; errors name the line.
func readEntries(path string) ([]clairvoie.RegisterEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []clairvoie.RegisterEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		var e clairvoie.RegisterEntry
		if err := dec.Decode(&e); err != nil {
			return nil, &clairvoie.ImportError{File: path, Line: n, Expected: "a register entry as one JSON object (fields: see 'clairvoie log --help')", Err: err}
		}
		if err := e.Validate(); err != nil {
			return nil, &clairvoie.ImportError{File: path, Line: n, Err: err}
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "%s: no entry", path)
	}
	return out, nil
}

func runLogVerify(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("log verify")
	dir := fs.String("dir", "", "the log's directory")
	base := fs.String("url", "", "the log's base URL (where /checkpoint and /tile/ are served)")
	key := fs.String("key", "", "the verifier key (default with --dir: DIR/log.vkey)")
	since := fs.String("since", "", "a checkpoint kept earlier: today's log must extend it")
	var receiptFiles multiFlag
	fs.Var(&receiptFiles, "receipt", "a receipt (from 'log receipt') whose entry must be in the log; repeatable")
	var witnesses multiFlag
	fs.Var(&witnesses, "witness", "a witness's verifier key whose cosignature the checkpoint must hold; repeatable")
	quorum := fs.Int("quorum", 0, "how many of the --witness keys must have cosigned (default: all)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := m.parse(fs, logUsage, args)
	if err != nil {
		return err
	}
	if (*dir == "") == (*base == "") || len(pos) > 0 {
		return usagef("log verify", "give --dir DIR or --url URL")
	}
	var src auditlog.Source
	if *dir != "" {
		src = auditlog.DirSource(*dir)
		if *key == "" {
			if *key, err = auditlog.VerifierKey(*dir); err != nil {
				return failJSON(m.Stdout, *asJSON, fmt.Errorf("verifier key: %w (give --key)", err))
			}
		}
	} else {
		if *key == "" {
			return usagef("log verify", "--url needs --key: the verifier key you trust, obtained apart from the log")
		}
		if src, err = auditlog.URLSource(*base); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	}
	var old []byte
	if *since != "" {
		if old, err = os.ReadFile(*since); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	}
	var rs []clairvoie.Receipt
	for _, p := range receiptFiles {
		b, err := os.ReadFile(p)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		var r clairvoie.Receipt
		if err := json.Unmarshal(b, &r); err != nil {
			return failJSON(m.Stdout, *asJSON, &clairvoie.ImportError{File: p, Expected: "a receipt (clairvoie log receipt)", Err: err})
		}
		rs = append(rs, r)
	}
	if *quorum < 0 || *quorum > len(witnesses) || (*quorum > 0 && len(witnesses) == 0) {
		return usagef("log verify", "--quorum K: between 1 and the number of --witness keys")
	}
	rep, err := auditlog.Verify(ctx, src, *key, old, rs)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if len(witnesses) > 0 {
		if err := auditlog.CheckWitnesses(&rep, witnesses, *quorum); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
	}
	// The operator's own check: the private journal against the log.
	var journal *auditlog.JournalReport
	if *dir != "" && auditlog.Exists(*dir) {
		_, jr, err := auditlog.ReadVerified(ctx, *dir)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		journal = &jr
		for _, p := range jr.Problems {
			rep.Problems = append(rep.Problems, "journal: "+p)
		}
		rep.OK = rep.OK && len(jr.Problems) == 0
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, struct {
			auditlog.Report
			Journal *auditlog.JournalReport `json:"journal,omitempty"`
		}{rep, journal}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(m.Stdout, "log %s: %d entries, root %s\n", rep.Origin, rep.Size, rep.Root)
		if journal != nil {
			fmt.Fprintf(m.Stdout, "private journal: %d entries, %d verified against the log, %d acknowledged after the checkpoint\n", journal.Records, journal.Verified, journal.Pending)
		}
		fmt.Fprintf(m.Stdout, "signature: %s; tree recomputed from %d tiles: %s\n", okWord(rep.Signature), rep.Tiles, okWord(rep.Tree))
		if rep.Since != nil {
			fmt.Fprintf(m.Stdout, "extends the checkpoint kept earlier (%d entries): %s\n", rep.Since.Size, okWord(rep.Since.Consistent))
		}
		if w := rep.Witnessed; w != nil {
			fmt.Fprintf(m.Stdout, "cosigned by %d of the %d witnesses (%d needed): %s\n", len(w.Cosignatures), w.Of, w.Quorum, okWord(w.OK))
			for _, c := range w.Cosignatures {
				fmt.Fprintf(m.Stdout, "  %s at %s\n", c.Witness, c.Time.Format(time.RFC3339))
			}
		}
		for _, in := range rep.Inclusions {
			fmt.Fprintf(m.Stdout, "entry %d: %s\n", in.Index, map[bool]string{true: "in the log", false: "NOT in the log"}[in.Included])
		}
		for _, p := range rep.Problems {
			fmt.Fprintf(m.Stdout, "problem: %s\n", p)
		}
	}
	if !rep.OK {
		return errors.New("the log does not verify")
	}
	return nil
}

func okWord(b bool) string {
	if b {
		return "ok"
	}
	return "FAILED"
}

// multiFlag collects a repeatable flag of file paths: unlike listFlag, it
// does not split on commas, which a path may hold.
type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ",") }
func (f *multiFlag) Set(s string) error { *f = append(*f, s); return nil }

func runLogKey(m *Main, args []string) error {
	fs := m.newFlags("log key")
	dir := fs.String("dir", "", "the log's directory")
	if _, err := m.parse(fs, logUsage, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("log key", "--dir is required")
	}
	k, err := auditlog.VerifierKey(*dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, k)
	return nil
}

// readRegister reads an existing register's entries without opening it
// for writing (a server may hold it): those that verify against the log
// (auditlog.ReadVerified). What did not verify is said on stderr.
func (m *Main) readRegister(ctx context.Context, dir string) ([]clairvoie.Receipt, error) {
	if !auditlog.Exists(dir) {
		return nil, clairvoie.Errorf(clairvoie.ENOTFOUND, "%s: no register here ('clairvoie log append --origin NAME' makes one)", dir)
	}
	rs, rep, err := auditlog.ReadVerified(ctx, dir)
	if err != nil {
		return nil, err
	}
	for i, p := range rep.Problems {
		if i == 5 {
			fmt.Fprintf(m.Stderr, "clairvoie: register %s: … and %d more problems ('clairvoie log verify --dir' lists them)\n", dir, len(rep.Problems)-5)
			break
		}
		fmt.Fprintf(m.Stderr, "clairvoie: register %s: left out: %s\n", dir, p)
	}
	return rs, nil
}

func runLogReceipt(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("log receipt")
	dir := fs.String("dir", "", "the register's directory")
	index := fs.Int64("index", -1, "the entry's index")
	if _, err := m.parse(fs, logUsage, args); err != nil {
		return err
	}
	if *dir == "" || *index < 0 {
		return usagef("log receipt", "--dir and --index are required")
	}
	rs, err := m.readRegister(ctx, *dir)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.Index == uint64(*index) {
			return writeJSON(m.Stdout, r)
		}
	}
	return clairvoie.Errorf(clairvoie.ENOTFOUND, "no entry %d in %s", *index, *dir)
}

func runLogCounts(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("log counts")
	dir := fs.String("dir", "", "the register's directory")
	k := fs.Int("k", 5, "statistical secrecy: no count from 1 to k-1 is shown")
	asJSON := fs.Bool("json", false, "print the counts as JSON")
	if _, err := m.parse(fs, logUsage, args); err != nil {
		return err
	}
	if *dir == "" || *k < 2 {
		return usagef("log counts", "--dir is required, --k is 2 or more")
	}
	rs, err := m.readRegister(ctx, *dir)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	counts := clairvoie.RegisterCounts(rs, *k)
	synthetic := auditlog.Synthetic(auditlog.Origin(*dir))
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"k": *k, "months": counts, "synthetic": synthetic})
	}
	if synthetic {
		fmt.Fprintln(m.Stdout, "SYNTHETIC REGISTER / REGISTRE SYNTHÉTIQUE (demonstration: no entry describes a real event)")
	}
	fmt.Fprintf(m.Stdout, "%-8s", "month")
	for _, kind := range clairvoie.RegisterKinds {
		fmt.Fprintf(m.Stdout, " %13s", kind)
	}
	fmt.Fprintln(m.Stdout)
	for _, mc := range counts {
		fmt.Fprintf(m.Stdout, "%-8s", mc.Month)
		for _, kind := range clairvoie.RegisterKinds {
			if n, ok := mc.Counts[string(kind)]; ok {
				fmt.Fprintf(m.Stdout, " %13d", n)
			} else {
				fmt.Fprintf(m.Stdout, " %13s", "(secret)")
			}
		}
		fmt.Fprintln(m.Stdout)
	}
	return nil
}

func runLogImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("log import")
	dir := fs.String("dir", "", "the register's directory")
	origin := fs.String("origin", "", "the name of a new register")
	mapping := fs.String("mapping", "", "the export's column mapping: a shipped name (vms-example) or a JSON file")
	tz := fs.String("timezone", "", "the zone of the export's times without an offset (default: the workspace's with --db, else the mapping's, else Europe/Paris)")
	dbPath := fs.String("db", "", "the workspace whose time zone the export's times are in")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, logUsage, args)
	if err != nil {
		return err
	}
	if *dir == "" || *mapping == "" || len(pos) != 1 {
		return usagef("log import", "expected 'log import --dir DIR --mapping NAME EXPORT.csv'")
	}
	mp, err := csvio.LoadRegisterMapping(*mapping)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *tz == "" && *dbPath != "" {
		ws, err := openWorkspace(ctx, *dbPath)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		set, err := ws.settings.Settings(ctx)
		ws.Close()
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		*tz = set.TimeZone
	}
	if *tz != "" {
		if _, err := clairvoie.LoadZone(*tz); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		mp.TimeZone = *tz
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	*origin = m.originFor(*dir, *origin)
	l, err := auditlog.Open(ctx, *dir, auditlog.Options{Origin: *origin, CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	added, already, err := func() ([]clairvoie.Receipt, int, error) {
		pseudo, err := l.Pseudonymizer()
		if err != nil {
			return nil, 0, err
		}
		rows, err := csvio.ReadRegister(f, pos[0], mp, pseudo)
		if err != nil {
			return nil, 0, err
		}
		entries := make([]clairvoie.RegisterEntry, len(rows))
		for i, r := range rows {
			entries[i] = r.Entry
		}
		return l.Import(ctx, entries)
	}()
	if cerr := l.Close(ctx); errors.Is(cerr, auditlog.ErrAwaitingWitnesses) {
		fmt.Fprintf(m.Stderr, "clairvoie log import: warning: %v\n", cerr)
	} else if err == nil {
		err = cerr
	}
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		if added == nil {
			added = []clairvoie.Receipt{}
		}
		return writeJSON(m.Stdout, map[string]any{"added": len(added), "already": already, "receipts": added})
	}
	fmt.Fprintf(m.Stdout, "%d entries added, %d already in the register\n", len(added), already)
	return nil
}

// originFor is the name to give a register in dir: the one asked for, or,
// for a new register without one, the machine's (the C2SP origin of its
// checkpoints, which a city should rather choose: its domain), said on
// stderr.
func (m *Main) originFor(dir, origin string) string {
	if origin != "" || auditlog.Exists(dir) {
		return origin
	}
	h, err := os.Hostname()
	if err != nil || h == "" || strings.ContainsAny(h, " +") {
		h = "localhost"
	}
	origin = strings.ToLower(h) + "/clairvoie/register"
	fmt.Fprintf(m.Stderr, "clairvoie: a new register named %s (--origin to choose the name)\n", origin)
	return origin
}
