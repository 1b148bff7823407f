package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/backup"
	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/sqlite"
)

const backupUsage = `backup --db FILE [--register DIR] --out ARCHIVE [--force] [--json]
backup --register DIR --out ARCHIVE   (the register alone: beside a PostgreSQL workspace)

Takes a consistent copy of the workspace while the server keeps serving and writing:
the SQLite database with VACUUM INTO (one read transaction), the register (journal,
tiles, entry bundles, checkpoint, keys) as of one point, holding the log's own locks
for the time of the copy. Writes a gzipped tar whose manifest lists every file with
its SHA-256. The archive holds the register's private journal and signing key: keep
it as private as the server's disk (it is written 0600).
A PostgreSQL workspace is backed up with pg_dump (docs/operations.md); give
--register alone for its register.`

// backupReport is what backup prints.
type backupReport struct {
	Archive  string          `json:"archive"`
	Bytes    int64           `json:"bytes"`
	Seconds  float64         `json:"seconds"`
	Manifest backup.Manifest `json:"manifest"`
}

func runBackup(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("backup")
	dbPath := m.dbFlag(fs)
	regDir := fs.String("register", "", "the register's directory (default: register/ beside the database, if there is one)")
	out := fs.String("out", "", "the archive to write (e.g. clairvoie-2026-12-05.tar.gz)")
	force := fs.Bool("force", false, "replace ARCHIVE if it exists")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := m.parse(fs, backupUsage, args)
	if err != nil {
		return err
	}
	if *out == "" || (*dbPath == "" && *regDir == "") || len(pos) > 0 {
		return usagef("backup", "give --out ARCHIVE and --db FILE (and/or --register DIR)")
	}
	if postgres.IsURL(*dbPath) {
		return failJSON(m.Stdout, *asJSON, clairvoie.Errorf(clairvoie.EINVALID,
			"a PostgreSQL workspace is backed up with pg_dump --format=custom (docs/operations.md); give --register DIR alone to back up its register"))
	}
	if *regDir == "" && *dbPath != "" {
		*regDir = registerBeside(*dbPath)
	}
	rep, err := writeBackup(ctx, *dbPath, *regDir, *out, *force)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	fmt.Fprintf(m.Stdout, "clairvoie backup: %s, %d files, %.1f MiB (%.1f MiB before compression) in %.2f s\n",
		rep.Archive, len(rep.Manifest.Files), float64(rep.Bytes)/(1<<20), float64(rep.Manifest.Bytes())/(1<<20), rep.Seconds)
	if rep.Manifest.Database != "" {
		fmt.Fprintf(m.Stdout, "  workspace: schema %d\n", rep.Manifest.Schema)
	}
	if rep.Manifest.Register != "" {
		fmt.Fprintf(m.Stdout, "  register %s: %d entries in the tree (appends waited %d ms for the copy)\n",
			rep.Manifest.RegisterOrigin, rep.Manifest.RegisterSize, rep.Manifest.RegisterHeldMsec)
	}
	fmt.Fprintln(m.Stdout, "  it holds the register's private journal and key: keep it private")
	return nil
}

func writeBackup(ctx context.Context, dbPath, regDir, out string, force bool) (backupReport, error) {
	start := time.Now()
	rep := backupReport{Archive: out}
	if _, err := os.Stat(out); err == nil && !force {
		return rep, clairvoie.Errorf(clairvoie.ECONFLICT, "%s exists: give --force to replace it", out)
	}
	stage, err := os.MkdirTemp(filepath.Dir(out), ".clairvoie-backup-*")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(stage)
	b := currentBuild()
	man := backup.Manifest{Created: time.Now().UTC().Truncate(time.Second), Version: b.Version, Commit: b.Commit,
		Sensitive: "the register's private journal (every entry with its salt) and its signing key"}
	if dbPath != "" {
		if _, err := os.Stat(dbPath); err != nil {
			return rep, fmt.Errorf("workspace %s: %w", dbPath, err)
		}
		// A small cache, and VACUUM's sorts on disk (beside the archive's
		// temporary folder): a backup must not take the memory the
		// server needs.
		os.Setenv("SQLITE_TMPDIR", stage) // this process's own: a backup is one command
		db, err := sqlite.OpenWith(ctx, dbPath, sqlite.Options{CacheKiB: 16 << 10, TempFiles: true})
		if err != nil {
			return rep, err
		}
		man.Schema, _, _ = db.Schema(ctx)
		if err := os.MkdirAll(filepath.Join(stage, "workspace"), 0o700); err != nil {
			db.Close()
			return rep, err
		}
		man.Database = "workspace/clairvoie.db"
		err = db.Backup(ctx, filepath.Join(stage, "workspace", "clairvoie.db"))
		db.Close()
		if err != nil {
			return rep, err
		}
	}
	if regDir != "" {
		held, err := auditlog.Snapshot(ctx, regDir, filepath.Join(stage, "register"))
		if err != nil {
			return rep, err
		}
		man.Register, man.RegisterHeldMsec = "register", held.Milliseconds()
		man.RegisterOrigin = auditlog.Origin(filepath.Join(stage, "register"))
		if cp, err := os.ReadFile(filepath.Join(stage, "register", "checkpoint")); err == nil {
			man.RegisterCheckpt = string(cp)
			man.RegisterSize = checkpointSize(cp)
		}
		// The tree as integrated (every acknowledged entry), which the
		// checkpoint may trail by up to its interval.
		if n, err := auditlog.IntegratedSize(filepath.Join(stage, "register")); err == nil && n > man.RegisterSize {
			man.RegisterSize = n
		}
	}
	tmp := out + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return rep, err
	}
	defer os.Remove(tmp)
	if rep.Manifest, err = backup.Write(f, stage, man); err != nil {
		f.Close()
		return rep, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return rep, err
	}
	fi, _ := f.Stat()
	if err := f.Close(); err != nil {
		return rep, err
	}
	if err := os.Rename(tmp, out); err != nil {
		return rep, err
	}
	rep.Bytes, rep.Seconds = fi.Size(), time.Since(start).Seconds()
	return rep, nil
}

// checkpointSize reads the tree size, a checkpoint's second line.
func checkpointSize(cp []byte) uint64 {
	lines := bytes.SplitN(cp, []byte("\n"), 3)
	if len(lines) < 2 {
		return 0
	}
	n, _ := strconv.ParseUint(string(lines[1]), 10, 64)
	return n
}
