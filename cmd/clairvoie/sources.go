package main

import (
	"context"
	"fmt"

	"github.com/clairvoie/clairvoie"
)

const sourcesUsage = `sources --db FILE [--json]

Lists the sources of a workspace: name, format, licence, number of cameras, last import,
and whether the source is synthetic.`

func runSources(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("sources")
	dbPath := m.dbFlag(fs)
	asJSON := fs.Bool("json", false, "print as JSON")
	pos, err := m.parse(fs, sourcesUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" {
		return usagef("sources", "--db is required")
	}
	if len(pos) > 0 {
		return usagef("sources", "unexpected argument %q", pos[0])
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	srcs, err := ws.cameras.FindSources(ctx)
	if err != nil {
		return err
	}
	if srcs == nil {
		srcs = []clairvoie.Source{}
	}
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"sources": srcs})
	}
	for _, s := range srcs {
		label := ""
		if s.Synthetic {
			label = "  SYNTHETIC / SYNTHÉTIQUE"
		}
		fmt.Fprintf(m.Stdout, "%-22s %-8s %6d cameras  licence %s  imported %s%s\n", s.Name, s.Format, s.Cameras, s.Licence,
			s.ImportedAt.Format("2006-01-02 15:04"), label)
	}
	return nil
}
