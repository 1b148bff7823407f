package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/backup"
	"github.com/clairvoie/clairvoie/sqlite"
)

const restoreUsage = `restore ARCHIVE --db FILE [--register DIR] [--force] [--json]
restore ARCHIVE --check

Restores a backup (clairvoie backup). Everything is checked before anything is put in
place: every file against the manifest's SHA-256, the database's integrity, the register
recomputed from its tiles and signed by its key, with at least the entries it held at
the backup. Stop the server first. An existing workspace or register is refused unless
--force, and then kept aside (FILE.before-restore-TIME), never deleted. --check only
verifies the archive.`

// restoreReport is what restore prints.
type restoreReport struct {
	Archive  string          `json:"archive"`
	Checked  bool            `json:"checked"`
	DB       string          `json:"db,omitempty"`
	Register string          `json:"register,omitempty"`
	Kept     []string        `json:"kept_aside,omitempty"`
	Entries  uint64          `json:"register_entries,omitempty"`
	Seconds  float64         `json:"seconds"`
	Manifest backup.Manifest `json:"manifest"`
}

func runRestore(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("restore")
	dbPath := m.dbFlag(fs)
	regDir := fs.String("register", "", "where to put the register (default: register/ beside the database)")
	force := fs.Bool("force", false, "replace an existing workspace or register (kept aside, not deleted)")
	checkOnly := fs.Bool("check", false, "only verify the archive")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := m.parse(fs, restoreUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (!*checkOnly && *dbPath == "" && *regDir == "") {
		return usagef("restore", "give the archive, and --db FILE (or --check)")
	}
	rep, err := restore(ctx, pos[0], *dbPath, *regDir, *force, *checkOnly)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	if *checkOnly {
		fmt.Fprintf(m.Stdout, "clairvoie restore: %s is sound: %d files, checksums match (written %s by clairvoie %s)\n",
			rep.Archive, len(rep.Manifest.Files), rep.Manifest.Created.Format(time.RFC3339), rep.Manifest.Version)
		return nil
	}
	fmt.Fprintf(m.Stdout, "clairvoie restore: %s restored in %.2f s\n", rep.Archive, rep.Seconds)
	if rep.DB != "" {
		fmt.Fprintf(m.Stdout, "  workspace %s (integrity checked)\n", rep.DB)
	}
	if rep.Register != "" {
		fmt.Fprintf(m.Stdout, "  register %s: %d entries, verified from its tiles\n", rep.Register, rep.Entries)
	}
	for _, k := range rep.Kept {
		fmt.Fprintf(m.Stdout, "  kept aside: %s\n", k)
	}
	return nil
}

func restore(ctx context.Context, archive, dbPath, regDir string, force, checkOnly bool) (restoreReport, error) {
	start := time.Now()
	rep := restoreReport{Archive: archive}
	f, err := os.Open(archive)
	if err != nil {
		return rep, err
	}
	defer f.Close()
	if checkOnly {
		rep.Manifest, err = backup.Check(f, 0)
		rep.Checked, rep.Seconds = err == nil, time.Since(start).Seconds()
		return rep, err
	}
	if regDir == "" && dbPath != "" {
		regDir = filepath.Join(filepath.Dir(dbPath), "register")
	}
	// Refuse before reading anything.
	for _, p := range []string{dbPath, regDir} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil && !force {
			return rep, clairvoie.Errorf(clairvoie.ECONFLICT, "%s exists: give --force to replace it (it is then kept aside, not deleted)", p)
		}
	}
	parent := filepath.Dir(dbPath)
	if dbPath == "" {
		parent = filepath.Dir(regDir)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return rep, err
	}
	free, _ := auditlog.FreeBytes(parent)
	stage := filepath.Join(parent, fmt.Sprintf(".clairvoie-restore-%d", os.Getpid()))
	man, err := backup.Extract(f, stage, int64(free))
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(stage)
	rep.Manifest, rep.Checked = man, true
	if man.Database == "" && dbPath != "" {
		return rep, clairvoie.Errorf(clairvoie.EINVALID, "%s holds no workspace (a register alone): give --register DIR without --db", archive)
	}
	if man.Register == "" {
		regDir = ""
	}
	// Check what was extracted as the server would open it.
	if man.Database != "" && dbPath != "" {
		if err := checkRestoredDB(ctx, filepath.Join(stage, filepath.FromSlash(man.Database))); err != nil {
			return rep, err
		}
	}
	if regDir != "" {
		n, err := checkRestoredRegister(ctx, filepath.Join(stage, man.Register), man)
		if err != nil {
			return rep, err
		}
		rep.Entries = n
	}
	// Put in place: what is there is kept aside, then renamed over.
	suffix := ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
	if man.Database != "" && dbPath != "" {
		for _, p := range []string{dbPath, dbPath + "-wal", dbPath + "-shm"} {
			if _, err := os.Stat(p); err == nil {
				if err := os.Rename(p, p+suffix); err != nil {
					return rep, err
				}
				rep.Kept = append(rep.Kept, p+suffix)
			}
		}
		if err := os.Rename(filepath.Join(stage, filepath.FromSlash(man.Database)), dbPath); err != nil {
			return rep, err
		}
		rep.DB = dbPath
	}
	if regDir != "" {
		if _, err := os.Stat(regDir); err == nil {
			if err := os.Rename(regDir, regDir+suffix); err != nil {
				return rep, err
			}
			rep.Kept = append(rep.Kept, regDir+suffix)
		}
		if err := os.Rename(filepath.Join(stage, man.Register), regDir); err != nil {
			return rep, err
		}
		rep.Register = regDir
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

func checkRestoredDB(ctx context.Context, path string) error {
	db, err := sqlite.OpenWith(ctx, path, sqlite.Options{CacheKiB: 16 << 10})
	if err != nil {
		return fmt.Errorf("the archived workspace does not open: %w", err)
	}
	defer db.Close()
	problems, err := db.IntegrityCheck(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return clairvoie.Errorf(clairvoie.EINVALID, "the archived workspace fails SQLite's integrity check: %s", problems[0])
	}
	return nil
}

// checkRestoredRegister opens the register (which finishes what the
// snapshot caught mid-way, as after a crash), then verifies it from its
// public files alone, as an auditor would.
func checkRestoredRegister(ctx context.Context, dir string, man backup.Manifest) (uint64, error) {
	l, err := auditlog.Open(ctx, dir, auditlog.Options{})
	if err != nil {
		return 0, fmt.Errorf("the archived register does not open: %w", err)
	}
	if err := l.Close(ctx); err != nil {
		return 0, err
	}
	key, err := auditlog.VerifierKey(dir)
	if err != nil {
		return 0, err
	}
	rep, err := auditlog.Verify(ctx, auditlog.DirSource(dir), key, nil, nil)
	if err != nil {
		return 0, err
	}
	if !rep.OK {
		return 0, clairvoie.Errorf(clairvoie.EINVALID, "the archived register does not verify: %s", rep.Problems[0])
	}
	if rep.Size < man.RegisterSize {
		return 0, clairvoie.Errorf(clairvoie.EINVALID, "the archived register holds %d entries, fewer than the %d of its manifest", rep.Size, man.RegisterSize)
	}
	if man.RegisterOrigin != "" && rep.Origin != man.RegisterOrigin {
		return 0, clairvoie.Errorf(clairvoie.EINVALID, "the archived register is %q, its manifest says %q", rep.Origin, man.RegisterOrigin)
	}
	return rep.Size, nil
}
