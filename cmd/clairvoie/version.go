package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/sqlite"
)

// Version is set at build time with -ldflags "-X main.Version=…"
// (scripts/package.sh does); a plain build says "dev".
var Version = "dev"

// Commit is the source's commit, set with -X main.Commit=… when the build
// has no VCS stamp (GOFLAGS=-buildvcs=false).
var Commit = ""

// buildInfo is what 'clairvoie version' prints: enough for an admin to
// say which build runs and which workspaces it can open.
type buildInfo struct {
	Version  string `json:"version"`
	Commit   string `json:"commit"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
	// The newest schema of each store: a workspace with a newer one was
	// written by a newer clairvoie and is refused.
	SQLiteSchema   int `json:"sqlite_schema"`
	PostgresSchema int `json:"postgres_schema"`
}

func currentBuild() buildInfo {
	b := buildInfo{Version: Version, Commit: Commit, Go: runtime.Version(),
		SQLiteSchema: sqlite.SchemaVersion, PostgresSchema: postgres.SchemaVersion}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = s.Value
				}
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	return b
}

func runVersion(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("version")
	asJSON := fs.Bool("json", false, "print as JSON")
	if _, err := m.parse(fs, "version [--json]", args); err != nil {
		return err
	}
	b := currentBuild()
	if *asJSON {
		return writeJSON(m.Stdout, b)
	}
	commit := b.Commit
	if b.Modified {
		commit += " (modified)"
	}
	_, err := fmt.Fprintf(m.Stdout, "clairvoie %s\ncommit %s\nschema sqlite %d, postgres %d\n%s\n",
		b.Version, commit, b.SQLiteSchema, b.PostgresSchema, b.Go)
	return err
}
