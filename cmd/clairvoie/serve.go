package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/clairvoie/clairvoie/demo"
	"github.com/clairvoie/clairvoie/httpapi"
)

const serveUsage = `serve --db FILE [--addr HOST:PORT]

Serves the workspace: the JSON API under /api/ and the public pages. Stops cleanly on
the first Ctrl-C or SIGTERM (open requests finish), at once on the second.`

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("serve")
	dbPath := m.dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	pos, err := m.parse(fs, serveUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" {
		return usagef("serve", "--db is required")
	}
	if len(pos) > 0 {
		return usagef("serve", "unexpected argument %q", pos[0])
	}
	return m.serve(ctx, *dbPath, *addr)
}

func (m *Main) serve(ctx context.Context, dbPath, addr string) error {
	ws, err := openWorkspace(ctx, dbPath)
	if err != nil {
		return err
	}
	defer ws.Close()
	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	srv := &httpapi.Server{Cameras: ws.cameras, Areas: ws.areas, Logger: logger}
	if err := srv.Listen(addr); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "clairvoie: serving %s on http://%s/\n", dbPath, srv.Addr())
	logger.Info("serving", "db", dbPath, "addr", srv.Addr())
	return srv.Serve(ctx)
}

const demoUsage = `demo [--dir DIR] [--no-serve] [--addr HOST:PORT] [--json]

Builds the demo workspace in DIR (default: the user's cache directory) and serves it.
Marseille's registry is a SYNTHETIC reconstruction calibrated on public figures, labelled
as such everywhere; Paris's is the real official list of 2019. The database is DIR/clairvoie.db.`

func runDemo(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("demo")
	dir := fs.String("dir", demo.DefaultDir(), "workspace directory")
	noServe := fs.Bool("no-serve", false, "build the workspace and exit")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on")
	asJSON := fs.Bool("json", false, "print the build summary as JSON")
	pos, err := m.parse(fs, demoUsage, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("demo", "unexpected argument %q", pos[0])
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
	return m.serve(ctx, sum.DB, *addr)
}
