package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/sqlite"
)

const doctorUsage = `doctor --db FILE [--register DIR] [--config FILE] [--json]

Checks a workspace as an admin would, changing nothing: the database opens and passes
SQLite's integrity check (or PostgreSQL answers, with PostGIS), its migrations are
those of this build, the disk has room for its growth and a backup, the register
verifies from its tiles and its checkpoint is fresh, the private journal and the keys
are readable by their owner only, the time zone data loads, the configuration parses.
Each finding says what to do. Exit 1 when anything fails, 0 otherwise (warnings too).`

// Finding statuses.
const (
	doctorOK   = "ok"
	doctorWarn = "warn"
	doctorFail = "fail"
)

// doctorCheck is one finding.
type doctorCheck struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

type doctorReport struct {
	Healthy bool          `json:"healthy"`
	Checks  []doctorCheck `json:"checks"`
}

func (r *doctorReport) add(name, status, fix, format string, args ...any) {
	r.Checks = append(r.Checks, doctorCheck{Name: name, Status: status, Detail: fmt.Sprintf(format, args...), Fix: fix})
}

func runDoctor(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("doctor")
	dbPath := m.dbFlag(fs)
	regDir := fs.String("register", "", "the register's directory (default: register/ beside the database, if there is one)")
	config := m.configFlag(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := m.parse(fs, doctorUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || len(pos) > 0 {
		return usagef("doctor", "--db is required")
	}
	if *regDir == "" {
		*regDir = registerBeside(*dbPath)
	}
	rep := doctor(ctx, m, *dbPath, *regDir, *config)
	if *asJSON {
		if err := writeJSON(m.Stdout, rep); err != nil {
			return err
		}
	} else {
		for _, c := range rep.Checks {
			fmt.Fprintf(m.Stdout, "%-4s  %-12s %s\n", c.Status, c.Name, c.Detail)
			if c.Fix != "" && c.Status != doctorOK {
				fmt.Fprintf(m.Stdout, "      %-12s → %s\n", "", c.Fix)
			}
		}
	}
	if !rep.Healthy {
		return &silentError{code: ExitFailure}
	}
	return nil
}

func doctor(ctx context.Context, m *Main, dbPath, regDir, config string) doctorReport {
	var rep doctorReport
	b := currentBuild()
	rep.add("build", doctorOK, "", "clairvoie %s (commit %s), %s", b.Version, b.Commit, b.Go)
	if config != "" {
		fs, _, _, _, so := m.serveFlagSet()
		err := m.applyConfig(fs, config)
		if err == nil {
			err = so.ops.check()
		}
		if err != nil {
			rep.add("config", doctorFail, "correct the file: 'clairvoie serve --config FILE --print-config' shows what it gives", "%v", err)
		} else {
			rep.add("config", doctorOK, "", "%s parses, every key known", config)
		}
	}
	var size int64
	if postgres.IsURL(dbPath) {
		doctorPostgres(ctx, &rep, dbPath)
	} else {
		size = doctorSQLite(ctx, &rep, dbPath)
	}
	if regDir != "" {
		size += doctorRegister(ctx, &rep, regDir)
	}
	if !postgres.IsURL(dbPath) {
		doctorDisk(&rep, filepath.Dir(dbPath), size)
	}
	doctorZones(&rep)
	doctorSettings(ctx, &rep, dbPath)
	rep.Healthy = true
	for _, c := range rep.Checks {
		if c.Status == doctorFail {
			rep.Healthy = false
		}
	}
	return rep
}

func doctorSQLite(ctx context.Context, rep *doctorReport, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		rep.add("database", doctorFail, "check --db, or restore the latest backup (clairvoie restore)", "%v", err)
		return 0
	}
	size := fi.Size()
	if wal, err := os.Stat(path + "-wal"); err == nil {
		size += wal.Size()
	}
	if fi.Mode().Perm()&0o002 != 0 {
		rep.add("permissions", doctorFail, "chmod o-w "+path, "%s is writable by anyone", path)
	}
	db, err := sqlite.OpenWith(ctx, path, sqlite.Options{ReadOnly: true, CacheKiB: 16 << 10})
	if err != nil {
		rep.add("database", doctorFail, "restore the latest backup (clairvoie restore ARCHIVE --db FILE --force)", "%s does not open: %v", path, err)
		return size
	}
	defer db.Close()
	problems, err := db.IntegrityCheck(ctx)
	switch {
	case err != nil:
		rep.add("integrity", doctorFail, "restore the latest backup (clairvoie restore ARCHIVE --db FILE --force)", "the integrity check could not run: %v", err)
	case len(problems) > 0:
		rep.add("integrity", doctorFail, "restore the latest backup (clairvoie restore ARCHIVE --db FILE --force); keep the damaged file for analysis", "%d problems, first: %s", len(problems), problems[0])
	default:
		rep.add("integrity", doctorOK, "", "SQLite integrity and foreign keys: ok (%.1f MiB)", float64(size)/(1<<20))
	}
	v, n, err := db.Schema(ctx)
	switch {
	case err != nil:
		rep.add("migrations", doctorFail, "this is not a clairvoie workspace, or it is damaged", "%v", err)
	case v > sqlite.SchemaVersion:
		rep.add("migrations", doctorFail, "install the clairvoie that wrote it (or later); never open it with this one", "schema %d, newer than this build's %d", v, sqlite.SchemaVersion)
	case v < sqlite.SchemaVersion:
		rep.add("migrations", doctorWarn, "back up, then start the server (or any command): the migrations apply on opening", "schema %d of %d: %d migrations to apply", v, sqlite.SchemaVersion, sqlite.SchemaVersion-v)
	default:
		rep.add("migrations", doctorOK, "", "schema %d, the %d migrations of this build applied", v, n)
	}
	return size
}

func doctorPostgres(ctx context.Context, rep *doctorReport, dsn string) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	in, err := postgres.Inspect(cctx, dsn)
	if err != nil {
		rep.add("database", doctorFail, "check the server, the URL and the role's rights (pg_isready)", "%s: %v", postgres.Redact(dsn), err)
		return
	}
	rep.add("database", doctorOK, "", "PostgreSQL %s answers", in.Server)
	if in.PostGIS == "" {
		rep.add("postgis", doctorFail, "CREATE EXTENSION postgis; (Debian: postgresql-15-postgis-3)", "PostGIS is not installed in this database")
	} else {
		rep.add("postgis", doctorOK, "", "PostGIS %s", in.PostGIS)
	}
	switch {
	case in.Schema > postgres.SchemaVersion:
		rep.add("migrations", doctorFail, "install the clairvoie that wrote it (or later)", "schema %d, newer than this build's %d", in.Schema, postgres.SchemaVersion)
	case in.Schema < postgres.SchemaVersion:
		rep.add("migrations", doctorWarn, "back up (pg_dump), then start the server: the migrations apply on opening", "schema %d of %d", in.Schema, postgres.SchemaVersion)
	default:
		rep.add("migrations", doctorOK, "", "schema %d, the %d migrations of this build applied", in.Schema, in.Applied)
	}
}

// doctorRegister verifies the register from its public files, compares
// the journal with it, checks the checkpoint's freshness and the private
// files' permissions. It returns the register's size on disk.
func doctorRegister(ctx context.Context, rep *doctorReport, dir string) int64 {
	if !auditlog.Exists(dir) {
		rep.add("register", doctorFail, "check --register, or restore the latest backup", "%s: no register there", dir)
		return 0
	}
	var size int64
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	key, err := auditlog.VerifierKey(dir)
	if err != nil {
		rep.add("register", doctorFail, "restore the register's backup: its key is part of it", "the verifier key: %v", err)
		return size
	}
	vr, err := auditlog.Verify(ctx, auditlog.DirSource(dir), key, nil, nil)
	switch {
	case err != nil:
		rep.add("register", doctorFail, "restore the latest backup", "%v", err)
	case !vr.OK:
		rep.add("register", doctorFail, "keep the directory as evidence, restore the latest backup, and say so publicly: the register is the city's word", "%d problems, first: %s", len(vr.Problems), vr.Problems[0])
	default:
		rep.add("register", doctorOK, "", "%s: %d entries, the tree recomputed from the tiles, the checkpoint signed", vr.Origin, vr.Size)
	}
	_, jr, err := auditlog.ReadVerified(ctx, dir)
	switch {
	case err != nil:
		rep.add("journal", doctorFail, "restore the latest backup", "the private journal: %v", err)
	case len(jr.Problems) > 0:
		rep.add("journal", doctorFail, "keep the directory as evidence; compare with the latest backup", "%d of %d lines do not match the log, first: %s", len(jr.Problems), jr.Records, jr.Problems[0])
	default:
		rep.add("journal", doctorOK, "", "%d entries, each matching the log (%d awaiting the next checkpoint)", jr.Records, jr.Pending)
	}
	// Freshness: entries integrated that no checkpoint covers, for long.
	if cp, err := os.Stat(filepath.Join(dir, "checkpoint")); err == nil {
		integrated, _ := auditlog.IntegratedSize(dir)
		age := time.Since(cp.ModTime()).Round(time.Second)
		switch {
		case integrated > vr.Size && age > time.Minute:
			rep.add("checkpoint", doctorFail, "start the server or run 'clairvoie log verify --dir DIR': opening the register publishes it", "%d entries integrated but the checkpoint (%s old) covers %d", integrated, age, vr.Size)
		default:
			rep.add("checkpoint", doctorOK, "", "covers every integrated entry (written %s ago)", age)
		}
	}
	// The private side: the journal (entries and salts) and the signing key.
	bad := 0
	filepath.WalkDir(filepath.Join(dir, "private"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		fi, err := d.Info()
		if err == nil && fi.Mode().Perm()&0o077 != 0 {
			bad++
			rep.add("permissions", doctorFail, fmt.Sprintf("chmod go-rwx %s", p), "%s is %v: others than its owner can read the register's private side", p, fi.Mode().Perm())
		}
		return nil
	})
	if bad == 0 {
		rep.add("permissions", doctorOK, "", "the private journal and the keys are readable by their owner only")
	}
	return size
}

// doctorDisk wants room for a backup and a compaction: twice the
// workspace, and a floor.
func doctorDisk(rep *doctorReport, dir string, size int64) {
	free, err := auditlog.FreeBytes(dir)
	if err != nil {
		rep.add("disk", doctorWarn, "", "free space unknown: %v", err)
		return
	}
	need := uint64(2*size) + auditlog.MinFree
	switch {
	case free < need:
		rep.add("disk", doctorFail, "free space, or move the workspace to a larger disk: a full disk holds register entries back", "%.0f MiB free, %.0f MiB wanted (twice the workspace's %.0f MiB, for a backup, and a margin)",
			float64(free)/(1<<20), float64(need)/(1<<20), float64(size)/(1<<20))
	case free < 5*need:
		rep.add("disk", doctorWarn, "plan more space", "%.0f MiB free, less than five times what a backup needs", float64(free)/(1<<20))
	default:
		rep.add("disk", doctorOK, "", "%.1f GiB free for a %.1f MiB workspace", float64(free)/(1<<30), float64(size)/(1<<20))
	}
}

// doctorSettings reads the workspace's time zone and its calendar feeds:
// a zone this machine cannot load, or a feed that no longer refreshes.
func doctorSettings(ctx context.Context, rep *doctorReport, dbPath string) {
	ws, err := openWorkspace(ctx, dbPath)
	if err != nil {
		return // the database check said why
	}
	defer ws.Close()
	set, err := ws.settings.Settings(ctx)
	if err != nil {
		rep.add("zone", doctorFail, "run 'clairvoie workspace --db FILE --timezone ZONE'", "%v", err)
		return
	}
	if _, err := clairvoie.LoadZone(set.TimeZone); err != nil {
		rep.add("zone", doctorFail, "set a zone this machine knows: 'clairvoie workspace --db FILE --timezone ZONE'", "%v", err)
	} else {
		rep.add("zone", doctorOK, "", "%s (UTC%s now): every day and hour is computed in it", set.TimeZone, time.Now().In(set.Location()).Format("-07:00"))
	}
	feeds, err := ws.feeds.FindFeeds(ctx)
	if err != nil || len(feeds) == 0 {
		return
	}
	var stale []string
	for _, f := range feeds {
		if f.LastSuccess.IsZero() || time.Since(f.LastSuccess) > 2*f.Every {
			stale = append(stale, f.Source)
		}
	}
	if len(stale) > 0 {
		rep.add("feeds", doctorWarn, "'clairvoie events feeds' says why; is 'clairvoie serve' running?", "%d of %d feeds not refreshed for twice their interval: %s", len(stale), len(feeds), strings.Join(stale, ", "))
	} else {
		rep.add("feeds", doctorOK, "", "%d feeds refreshed on schedule", len(feeds))
	}
}

// doctorZones loads France's time zones: from the system, or from the copy
// inside the binary (time/tzdata) on a minimal image.
func doctorZones(rep *doctorReport) {
	src := "the binary's own copy (time/tzdata)"
	if _, err := os.Stat("/usr/share/zoneinfo/Europe/Paris"); err == nil {
		src = "/usr/share/zoneinfo"
	}
	for _, z := range []string{"Europe/Paris", "America/Martinique", "America/Cayenne", "Indian/Reunion", "Indian/Mayotte", "Pacific/Noumea"} {
		if _, err := time.LoadLocation(z); err != nil {
			rep.add("timezones", doctorFail, "rebuild clairvoie: it embeds time/tzdata", "%s: %v", z, err)
			return
		}
	}
	rep.add("timezones", doctorOK, "", "Europe/Paris and the overseas zones load, from %s", src)
}
