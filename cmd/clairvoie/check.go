package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
)

const checkUsage = `check --db FILE [--json] [--today YYYY-MM-DD] [--verified-within MONTHS] [--renewal-months N]
      [--signage-months N] [--register DIR] [--fail-on breach|due|unknown|stale] [selection flags]

Lists, per camera and in totals, what breaks the rules (breach), what is due soon (due),
what the registry cannot show (unknown) and what was not checked recently (stale).
With --register (the register's directory, 'clairvoie log'), also each camera's retention clock:
destructions late or missing, footage extracted after its deadline (cameras are matched by the
source_ref the register names) and transmissions to recipients no declared flow covers. The
installation's declaration ('clairvoie systems|analytics|flows import') is checked too: prohibited
or unfounded analytics, flows without or past their convention, transfers outside the EU/EEA
(docs/installation.md). The --json schema is stable: {"today", "options", "findings": [...],
"totals": {...}, "clocks": [...] with --register}.`

func runCheck(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("check")
	dbPath := m.dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	today := fs.String("today", "", "check as of this day (default: today)")
	verified := fs.Int("verified-within", check.DefaultOptions.VerifiedWithinMonths, "months after which a camera not verified on the ground is stale")
	renewal := fs.Int("renewal-months", check.DefaultOptions.RenewalMonths, "months before expiry when renewal is due")
	signage := fs.Int("signage-months", check.DefaultOptions.SignageCheckMonths, "months after which an unchecked sign is stale")
	failOn := fs.String("fail-on", "", "exit 1 when a finding of this severity or worse exists")
	registerDir := fs.String("register", "", "the register's directory: check retention clocks against it")
	f := filterFlags(fs)
	pos, err := m.parse(fs, checkUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" {
		return usagef("check", "--db is required")
	}
	if len(pos) > 0 {
		return usagef("check", "unexpected argument %q", pos[0])
	}
	opts := check.Options{RenewalMonths: *renewal, SignageCheckMonths: *signage, VerifiedWithinMonths: *verified}
	if *today != "" {
		d, err := clairvoie.ParseDate(*today)
		if err != nil {
			return usagef("check", "--today %q: %s", *today, err)
		}
		opts.Today = d
	}
	if *verified <= 0 || *renewal <= 0 || *signage <= 0 {
		return usagef("check", "month thresholds must be positive")
	}
	rank := map[string]int{"": 0, "stale": 1, "unknown": 2, "due": 3, "breach": 4}
	if _, ok := rank[*failOn]; !ok {
		return usagef("check", "--fail-on %q: breach, due, unknown or stale", *failOn)
	}
	filter, err := f.filter()
	if err != nil {
		return usagef("check", "%s", err)
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	if opts.Today, opts.Zone, err = ws.day(ctx, opts.Today); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	cams, _, err := ws.cameras.FindCameras(ctx, filter)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	in := check.Input{Cameras: cams}
	if *registerDir != "" {
		rs, err := m.readRegister(ctx, *registerDir)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		in.Register = append([]clairvoie.Receipt{}, rs...)
	}
	if in.Installation, err = ws.installation.FindInstallation(ctx); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	rep := check.RunInput(in, opts)
	if *asJSON {
		if err := writeJSON(m.Stdout, rep); err != nil {
			return err
		}
	} else {
		m.printCheck(rep)
	}
	if *failOn != "" {
		for sev, n := range rep.Totals.BySeverity {
			if n > 0 && rank[sev] >= rank[*failOn] {
				return &silentError{code: ExitFailure}
			}
		}
	}
	return nil
}

func (m *Main) printCheck(rep check.Report) {
	t := rep.Totals
	fmt.Fprintf(m.Stdout, "Contrôle au %s / check as of %s\n", rep.Today, rep.Today)
	fmt.Fprintf(m.Stdout, "%d cameras, %d in scope (%d planned, removed or indoor), %d with findings, %d with a breach, %d clean\n\n",
		t.Cameras, t.Checked, t.OutOfScope, t.WithFindings, t.WithBreach, t.Clean)
	fmt.Fprintf(m.Stdout, "%-28s %-8s %8s\n", "finding", "severity", "findings")
	for _, k := range check.Kinds {
		if n, checked := t.ByKind[k.Kind]; checked {
			fmt.Fprintf(m.Stdout, "%-28s %-8s %8d\n", k.Kind, k.Severity, n)
		}
	}
	if t.Installation > 0 {
		fmt.Fprintf(m.Stdout, "(%d findings about the installation's declaration: 'clairvoie installation --db' lists them)\n", t.Installation)
	}
	if len(t.ByArrondissement) > 1 {
		fmt.Fprintf(m.Stdout, "\n%-16s %8s\n", "arrondissement", "findings")
		codes := make([]string, 0, len(t.ByArrondissement))
		for c := range t.ByArrondissement {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			name := c
			if name == "" {
				name = "(unknown)"
			}
			fmt.Fprintf(m.Stdout, "%-16s %8d\n", name, t.ByArrondissement[c])
		}
	}
	fmt.Fprintln(m.Stdout, "\nDetails per camera: --json.")
}
