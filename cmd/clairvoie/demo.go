package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/clairvoie/clairvoie/demo"
)

const demoUsage = `demo [--dir DIR] [--no-serve] [--addr HOST:PORT] [--json] [serve flags]

Builds the demo workspace in DIR (default: the user's cache directory) and serves it.
Marseille's registry is a SYNTHETIC reconstruction calibrated on public figures, labelled
as such everywhere; Paris's is the real official list of 2019. The database is DIR/clairvoie.db.`

func runDemo(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("demo")
	dir := fs.String("dir", demo.DefaultDir(), "workspace directory")
	noServe := fs.Bool("no-serve", false, "build the workspace and exit")
	so := serveFlags(fs)
	asJSON := fs.Bool("json", false, "print the build summary as JSON")
	pos, err := m.parse(fs, demoUsage, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("demo", "unexpected argument %q", pos[0])
	}
	// A demo runs in a terminal: readable logs, no line per request,
	// unless asked.
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if !given["log-format"] {
		*so.ops.logFormat = "text"
	}
	if !given["access-log"] {
		*so.ops.accessLog = false
	}
	sum, err := demo.Build(ctx, *dir)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, sum); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(m.Stdout, "clairvoie demo: workspace %s\n", sum.DB)
		for _, r := range sum.Imports {
			fmt.Fprintf(m.Stdout, "  %-22s %5d cameras\n", r.Source, r.Imported)
		}
		fmt.Fprintf(m.Stdout, "  %d areas (Marseille: commune, 16 arrondissements, 111 quartiers)\n%s\n", sum.Areas, sum.Notice)
	}
	if *noServe {
		return nil
	}
	return m.serve(ctx, sum.DB, so)
}
