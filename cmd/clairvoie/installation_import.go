package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/decp"
)

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
