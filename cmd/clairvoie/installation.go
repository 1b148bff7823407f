package main

import (
	"context"
	"fmt"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/chain"
	"github.com/clairvoie/clairvoie/check"
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
	today, zone, err := ws.day(ctx, today)
	if err != nil {
		return installationReport{}, nil, err
	}
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
	rep := check.RunInput(in, check.Options{Today: today, Zone: zone})
	out = installationReport{Installation: inst, Summary: chain.Summarise(inst, check.Installed(cams), today), Findings: []check.Finding{}, Bases: clairvoie.LegalBases}
	for _, f := range rep.Findings {
		if f.Item != "" {
			out.Findings = append(out.Findings, f)
		}
	}
	return out, cams, nil
}

// todayFlag reads --today; unset, the zero Date, which workspace.day
// makes today in the workspace's zone.
func todayFlag(name, v string) (clairvoie.Date, error) {
	if v == "" {
		return clairvoie.Date{}, nil
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
