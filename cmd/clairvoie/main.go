// Command clairvoie keeps a city's video-surveillance registry: it imports
// cameras from OpenStreetMap, GeoJSON and CSV, checks them against the law,
// reconciles lists, exports them and serves them as a JSON API. Run
// "clairvoie help" for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the time zone database inside the binary: it runs on images without /usr/share/zoneinfo

	"k8s.io/klog/v2"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		cancel() // the first signal drains
		<-sigs
		fmt.Fprintln(os.Stderr, "clairvoie: second signal, exiting now")
		os.Exit(1)
	}()
	// tessera logs through klog; the CLI speaks for itself, and serve
	// passes on its warnings and errors in its own log (serve.go).
	klog.LogToStderr(false)
	klog.SetOutput(io.Discard)
	m := NewMain()
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Main is the program, its streams and its environment, kept apart from
// os so that tests can run it in process.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// StderrIsTerminal turns the progress bar on.
	StderrIsTerminal bool
}

// NewMain returns a Main wired to the process.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		StderrIsTerminal: isTerminal(os.Stderr)}
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "build the demo workspace (Marseille, synthetic; Paris 2019, real) and serve it", runDemo},
		{"import", "import cameras from an .osm, .osm.pbf, GeoJSON or CSV file", runImport},
		{"export", "export cameras as GeoJSON, CSV or OSM XML", runExport},
		{"check", "list what breaks the rules: retention, authorisation, purposes, signage, verification", runCheck},
		{"reconcile", "match two sources (official list, OpenStreetMap) camera by camera", runReconcile},
		{"sources", "list the sources of a workspace", runSources},
		{"workspace", "show or set the workspace's settings: its time zone (IANA name, Europe/Paris by default)", runWorkspace},
		{"areas", "import the boundaries (communes, arrondissements, quartiers) cameras are placed in", runAreas},
		{"publish", "publish the open data: a Frictionless package with statistical secrecy", runPublish},
		{"validate", "check a data package before publishing it", runValidate},
		{"serve", "serve the web app and the JSON API of a workspace", runServe},
		{"migrate-store", "copy a workspace to another store (SQLite to PostgreSQL + PostGIS) without loss", runMigrate},
		{"usage", "import the usage ledger (monthly counts per camera)", runUsage},
		{"plan", "plan the reduction year by year and place the mediators it funds", runPlan},
		{"conduits", "import the conduit network (ducts that carry camera cables)", runConduits},
		{"fibre", "route fibre through the ducts the plan frees, year by year", runFibre},
		{"locate", "solve a location problem (p-median) from an OR-Library file", runLocate},
		{"backtest", "measure one-day-ahead incident forecasts against naive baselines (PAI, hit rate, Brier)", runBacktest},
		{"forecast", "where incidents are expected on a day, with the skill behind it (where to send mediators)", runForecast},
		{"conflicts", "the clashes between events (matches, marches, markets, works) by a rule table, with reasons", runConflicts},
		{"events", "import a calendar into a workspace, or export one as iCalendar", runEvents},
		{"outcomes", "import outcome counts (BAAC road accidents, emergency calls) on a grid, by day", runOutcomes},
		{"days", "import the public and school holidays (the forecast's similar days)", runDays},
		{"steiner", "solve a Steiner tree problem from a SteinLib file", runSteiner},
		{"log", "the register of viewings, extractions, transmissions, destructions: a verifiable log", runLog},
		{"witness", "a witness for transparency logs: cosigns a register's checkpoints, never a fork (C2SP tlog-witness)", runWitness},
		{"systems", "import the systems of the chain (video management, recorders, analytics, ANPR): supplier, licence, hosting", runSystems},
		{"analytics", "import the analytics modules enabled on which cameras, since when, on which legal basis", runAnalytics},
		{"flows", "import who receives images or access, under which convention", runFlows},
		{"contracts", "import the contracts about video protection from the public procurement open data (DECP)", runContracts},
		{"installation", "the installation laid flat: what it can do, who receives images, what it costs, and its findings", runInstallation},
		{"ropa", "write the record of processing activities (GDPR art. 30) from the workspace", runROPA},
		{"dpia", "write the skeleton of the impact assessment (GDPR art. 35) with the facts filled in", runDPIA},
		{"access", "API tokens for the register (pseudonymous id and role), and the access trail", runAccess},
		{"backup", "a consistent backup of the workspace and the register while the server runs", runBackup},
		{"restore", "restore a backup, every file and the register verified first", runRestore},
		{"doctor", "check a workspace as an admin would: integrity, migrations, disk, register, permissions", runDoctor},
		{"version", "print the version, the commit and the schema version", runVersion},
	}
}

// Run runs the command line and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		m.printHelp(m.Stderr)
		return ExitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "--version", "-version":
		return m.Run(ctx, append([]string{"version"}, rest...))
	case "help", "-h", "--help":
		if len(rest) > 0 {
			return m.Run(ctx, []string{rest[0], "--help"})
		}
		m.printHelp(m.Stdout)
		return ExitOK
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		stop := m.startProfiles()
		err := m.runSafely(ctx, c, rest)
		stop()
		return m.exit(name, err)
	}
	fmt.Fprintf(m.Stderr, "clairvoie: unknown command %q\nRun 'clairvoie help' for the list of commands.\n", name)
	return ExitUsage
}

// runSafely runs a command; a panic in it (a bug: no input should cause
// one) becomes an internal error with a short message, exit code 1, and
// no stack of module paths on the user's terminal. CLAIRVOIE_DEBUG=1 keeps
// the stack.
func (m *Main) runSafely(ctx context.Context, c command, args []string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if m.Getenv != nil && m.Getenv("CLAIRVOIE_DEBUG") == "1" {
				panic(v)
			}
			err = fmt.Errorf("internal error in %q (a bug in clairvoie; nothing was written that a failed command would not leave): %v", c.name, v)
		}
	}()
	return c.run(ctx, m, args)
}

func (m *Main) printHelp(w io.Writer) {
	fmt.Fprint(w, `clairvoie — le registre de la vidéoprotection d'une ville, ouvert et vérifiable
clairvoie — a city's video-surveillance registry, open and verifiable

Usage: clairvoie <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Every command takes --help. Commands whose output is data take --json.
Exit codes: 0 success, 1 failure, 2 wrong usage.
`)
}
