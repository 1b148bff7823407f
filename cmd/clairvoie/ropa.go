package main

import (
	"context"
	"io"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/check"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	"github.com/clairvoie/clairvoie/ropa"
)

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
	today, zone, err := ws.day(ctx, today)
	if err != nil {
		return rec, rep, "", *asJSON, "", err
	}
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
	return ropa.Build(in), check.RunInput(cin, check.Options{Today: today, Zone: zone}), *out, *asJSON, *format, nil
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
