package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/chain"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/decp"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	"github.com/clairvoie/clairvoie/ropa"
)

const installationUsage = `systems import --db FILE --source NAME SYSTEMS.csv [--json]
    analytics import --db FILE --source NAME ANALYTICS.csv [--json]
    flows import --db FILE --source NAME FLOWS.csv [--json]
    contracts import --db FILE --source NAME [--buyer SIRET] DECP.json [--json]
    installation --db FILE [--register DIR] [--today YYYY-MM-DD] [--json]

The installation laid flat: what the chain behind the cameras can do with the images and who
receives them, as the city declares it (clairvoie never analyses video). Each import replaces the
source's items of that part, all or nothing; an error names the line and the column.
  systems:   ref, kind (vms, recorder, analytics_server, anpr_unit, observatory, other), supplier,
             product, version, licence (free, proprietary, unknown), licence_id, hosting
             (on_premises, supplier, cloud, unknown), country (ISO alpha-2), transfer_basis,
             contract_ref, synthetic
  analytics: ref, system, kind (motion_detection, shape_colour_search, tracking, anpr,
             audio_detection, crowd_counting, abandoned_object, face_recognition,
             biometric_identification, other), cameras ("*" or refs separated by spaces), from,
             to (empty while enabled), legal_basis, authorisation, basis_until, synthetic
  flows:     ref, recipient (an organisation code, as in the register), country, type (live,
             recorded, export, remote_maintenance), cameras, convention, convention_until, from,
             to, legal_basis, transfer_basis, synthetic
  contracts: the public procurement open data (DECP JSON); the contracts about video protection
             are kept (CPV codes and object, docs/installation.md), --buyer keeps one buyer's.
installation prints the summary (capabilities, recipients, costs, the plain statement) and the
findings of the declaration ('clairvoie check' counts them too).`

func runSystems(ctx context.Context, m *Main, args []string) error {
	return runInstallationImport(ctx, m, "systems", clairvoie.PartSystems, args)
}

func runAnalytics(ctx context.Context, m *Main, args []string) error {
	return runInstallationImport(ctx, m, "analytics", clairvoie.PartAnalytics, args)
}

func runFlows(ctx context.Context, m *Main, args []string) error {
	return runInstallationImport(ctx, m, "flows", clairvoie.PartFlows, args)
}

func runContracts(ctx context.Context, m *Main, args []string) error {
	return runInstallationImport(ctx, m, "contracts", clairvoie.PartContracts, args)
}

// runInstallationImport imports one part of the declaration from a file.
func runInstallationImport(ctx context.Context, m *Main, name string, part clairvoie.InstallationPart, args []string) error {
	fs := m.newFlags(name)
	dbPath := fs.String("db", "", "the workspace")
	source := fs.String("source", "", "the source name (its items are replaced whole)")
	buyer := fs.String("buyer", "", "contracts: keep only this buyer's (SIRET)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, installationUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "import" || *dbPath == "" || *source == "" {
		return usagef(name, "expected '%s import --db FILE --source NAME FILE'", name)
	}
	if *buyer != "" && part != clairvoie.PartContracts {
		return usagef(name, "--buyer is for contracts")
	}
	start := time.Now()
	f, err := os.Open(pos[1])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	in := &clairvoie.Installation{}
	out := map[string]any{"source": *source, "part": part}
	var n int
	switch part {
	case clairvoie.PartSystems:
		in.Systems, err = csvio.ReadSystems(f, pos[1])
		n = len(in.Systems)
	case clairvoie.PartAnalytics:
		in.Analytics, err = csvio.ReadAnalytics(f, pos[1])
		n = len(in.Analytics)
	case clairvoie.PartFlows:
		in.Flows, err = csvio.ReadFlows(f, pos[1])
		n = len(in.Flows)
	case clairvoie.PartContracts:
		var res decp.Result
		res, err = decp.Read(f, pos[1], *buyer)
		in.Contracts, n = res.Contracts, len(res.Contracts)
		out["skipped"], out["withheld"], out["why"] = res.Skipped, res.Withheld, res.Why
	}
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	ws, err := createWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	if err := ws.installation.ReplaceInstallation(ctx, *source, part, in); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	out["imported"], out["seconds"] = n, time.Since(start).Seconds()
	if *asJSON {
		return writeJSON(m.Stdout, out)
	}
	fmt.Fprintf(m.Stdout, "%d %s imported as %s", n, part, *source)
	if part == clairvoie.PartContracts {
		fmt.Fprintf(m.Stdout, " (%d contracts about something else skipped, %d holders kept without name: a person's)", out["skipped"], out["withheld"])
	}
	fmt.Fprintln(m.Stdout)
	return nil
}

// installationReport is what 'clairvoie installation --json' prints.
type installationReport struct {
	Installation *clairvoie.Installation `json:"installation"`
	Summary      chain.Summary           `json:"summary"`
	Findings     []check.Finding         `json:"findings"`
	Bases        []clairvoie.LegalBasis  `json:"legal_bases"`
}

// loadInstallation reads the declaration, the installed cameras and, with
// a register, its entries; and checks them as of today.
func (m *Main) loadInstallation(ctx context.Context, ws *workspace, registerDir string, today clairvoie.Date) (installationReport, []*clairvoie.Camera, error) {
	var out installationReport
	inst, err := ws.installation.FindInstallation(ctx)
	if err != nil {
		return out, nil, err
	}
	cams, _, err := ws.cameras.FindCameras(ctx, clairvoie.CameraFilter{})
	if err != nil {
		return out, nil, err
	}
	in := check.Input{Cameras: cams, Installation: inst}
	if registerDir != "" {
		rs, err := m.readRegister(ctx, registerDir)
		if err != nil {
			return out, nil, err
		}
		in.Register = append([]clairvoie.Receipt{}, rs...)
	}
	rep := check.RunInput(in, check.Options{Today: today})
	out = installationReport{Installation: inst, Summary: chain.Summarise(inst, check.Installed(cams), today), Findings: []check.Finding{}, Bases: clairvoie.LegalBases}
	for _, f := range rep.Findings {
		if f.Item != "" {
			out.Findings = append(out.Findings, f)
		}
	}
	return out, cams, nil
}

func todayFlag(name, v string) (clairvoie.Date, error) {
	if v == "" {
		return clairvoie.DateOf(time.Now()), nil
	}
	d, err := clairvoie.ParseDate(v)
	if err != nil {
		return d, usagef(name, "--today %q: %s", v, err)
	}
	return d, nil
}

func runInstallation(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("installation")
	dbPath := fs.String("db", "", "the workspace")
	registerDir := fs.String("register", "", "the register's directory: also check its transmissions against the flows")
	todayS := fs.String("today", "", "as of this day (default: today)")
	asJSON := fs.Bool("json", false, "print the declaration, the summary and the findings as JSON")
	if _, err := m.parse(fs, installationUsage, args); err != nil {
		return err
	}
	if *dbPath == "" {
		return usagef("installation", "--db is required")
	}
	today, err := todayFlag("installation", *todayS)
	if err != nil {
		return err
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	rep, _, err := m.loadInstallation(ctx, ws, *registerDir, today)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	s := rep.Summary
	fmt.Fprintf(m.Stdout, "L'installation au %s, selon la déclaration de la ville / the installation as of %s, as the city declares it\n", s.Today, s.Today)
	if s.Synthetic {
		fmt.Fprintln(m.Stdout, "DONNÉES SYNTHÉTIQUES / SYNTHETIC DATA: part of this declaration is a reconstruction, not the city's own.")
	}
	for i := range s.StatementFR {
		fmt.Fprintf(m.Stdout, "  %s\n  %s\n", s.StatementFR[i], s.StatementEN[i])
	}
	fmt.Fprintf(m.Stdout, "\n%d systems (%d proprietary, %d free), %d analytics modules, %d flows, %d contracts: %.0f € a year now, %.0f € of it for proprietary systems\n",
		s.Systems, s.Proprietary, s.Free, len(rep.Installation.Analytics), len(rep.Installation.Flows), s.Costs.Contracts, s.Costs.Yearly, s.Costs.YearlyProprietary)
	fmt.Fprintf(m.Stdout, "\n%d findings\n", len(rep.Findings))
	for _, f := range rep.Findings {
		fmt.Fprintf(m.Stdout, "  %-8s %-26s %-22s %s\n", f.Severity, f.Kind, f.Item, f.Message)
	}
	return nil
}

const ropaUsage = `ropa --db FILE [--register DIR] [--controller NAME] [--format md|html] [--out FILE] [--json]
    dpia --db FILE [--register DIR] [--controller NAME] [--format md|pia] [--out FILE]

ropa writes the record of processing activities (GDPR art. 30) of the video-protection processing
from the workspace: controller, purposes, data subjects, data categories, recipients and transfers
(from the declared flows), retention (from the cameras), security measures (the register, roles,
tokens); every fact says where it comes from, what clairvoie cannot know is marked to complete.
dpia writes the skeleton of the impact assessment (GDPR art. 35) in the order of the CNIL's
method, every fact clairvoie knows filled in, the check's findings as risks already realised;
--format pia writes it as a file the CNIL's open-source PIA tool imports (its own export format).`

// buildRecord gathers the facts of the record.
func (m *Main) buildRecord(ctx context.Context, name string, args []string) (ropa.Record, check.Report, string, bool, string, error) {
	fs := m.newFlags(name)
	dbPath := fs.String("db", "", "the workspace")
	registerDir := fs.String("register", "", "the register's directory")
	controller := fs.String("controller", "", "the controller (default: the operator most cameras name)")
	format := fs.String("format", "md", "ropa: md or html; dpia: md or pia")
	out := fs.String("out", "", "the file to write (default: standard output)")
	todayS := fs.String("today", "", "as of this day (default: today)")
	asJSON := fs.Bool("json", false, "print the record as JSON")
	var rec ropa.Record
	var rep check.Report
	if _, err := m.parse(fs, ropaUsage, args); err != nil {
		return rec, rep, "", false, "", err
	}
	formats := map[string]bool{"md": true, "html": name == "ropa", "pia": name == "dpia"}
	if *dbPath == "" || !formats[*format] {
		return rec, rep, "", false, "", usagef(name, "--db is required; --format md or %s", map[string]string{"ropa": "html", "dpia": "pia"}[name])
	}
	if p := clairvoie.ValueProblem(*controller); p != "" || clairvoie.ScreenValue(*controller) != "" {
		return rec, rep, "", false, "", usagef(name, "--controller: an organisation's name, never a person's")
	}
	today, err := todayFlag(name, *todayS)
	if err != nil {
		return rec, rep, "", false, "", err
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return rec, rep, "", *asJSON, "", err
	}
	defer ws.Close()
	inst, err := ws.installation.FindInstallation(ctx)
	if err != nil {
		return rec, rep, "", *asJSON, "", err
	}
	cams, _, err := ws.cameras.FindCameras(ctx, clairvoie.CameraFilter{})
	if err != nil {
		return rec, rep, "", *asJSON, "", err
	}
	tokens, err := ws.access.Tokens(ctx)
	if err != nil {
		return rec, rep, "", *asJSON, "", err
	}
	in := ropa.Input{Today: today, Cameras: cams, Installation: inst, Controller: *controller, Tokens: tokens}
	cin := check.Input{Cameras: cams, Installation: inst}
	if *registerDir != "" {
		rs, err := m.readRegister(ctx, *registerDir)
		if err != nil {
			return rec, rep, "", *asJSON, "", err
		}
		in.RegisterOrigin, in.RegisterKinds = auditlog.Origin(*registerDir), map[clairvoie.RegisterKind]int{}
		for _, r := range rs {
			in.RegisterKinds[r.Entry.Kind]++
		}
		cin.Register = append([]clairvoie.Receipt{}, rs...)
	}
	return ropa.Build(in), check.RunInput(cin, check.Options{Today: today}), *out, *asJSON, *format, nil
}

// writeOut writes with write to path, or to standard output.
func (m *Main) writeOut(path string, write func(io.Writer) error) error {
	if path == "" {
		return write(m.Stdout)
	}
	return atomicfile.Write(path, 0o644, write)
}

func runROPA(ctx context.Context, m *Main, args []string) error {
	rec, _, out, asJSON, format, err := m.buildRecord(ctx, "ropa", args)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	if asJSON {
		return writeJSON(m.Stdout, rec)
	}
	if format == "html" {
		return m.writeOut(out, func(w io.Writer) error { return ropa.HTML(w, rec) })
	}
	return m.writeOut(out, func(w io.Writer) error { return ropa.Markdown(w, rec) })
}

func runDPIA(ctx context.Context, m *Main, args []string) error {
	rec, rep, out, asJSON, format, err := m.buildRecord(ctx, "dpia", args)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	if format == "pia" {
		return m.writeOut(out, func(w io.Writer) error { return ropa.PIA(w, rec, rep) })
	}
	return m.writeOut(out, func(w io.Writer) error { return ropa.DPIA(w, rec, rep) })
}
