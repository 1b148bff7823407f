package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/clairvoie/clairvoie"
	"golang.org/x/term"
)

// usageError is a mistake on the command line: exit code 2 and a hint.
type usageError struct {
	cmd, msg string
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// errHelp is returned when --help was asked for: exit 0.
var errHelp = flag.ErrHelp

// silentError is a failure already reported on the output (check --fail-on).
type silentError struct{ code int }

func (e *silentError) Error() string { return "" }

func (m *Main) exit(cmd string, err error) int {
	var ue *usageError
	var se *silentError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errHelp):
		return ExitOK
	case errors.As(err, &se):
		return se.code
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "clairvoie %s: %s\nRun 'clairvoie %s --help' for its usage.\n", cmd, ue.msg, cmd)
		return ExitUsage
	}
	if clairvoie.ErrorCode(err) == clairvoie.EFULL {
		fmt.Fprintf(m.Stderr, "clairvoie %s: %s\n  (%v)\n", cmd, clairvoie.ErrorMessage(err), err)
		return ExitFailure
	}
	fmt.Fprintf(m.Stderr, "clairvoie %s: %s\n", cmd, err)
	return ExitFailure
}

// newFlags returns a flag set that reports errors instead of printing them.
func (m *Main) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags and positional arguments in any order, so that
// "import FILE --json" works like "import --json FILE".
func (m *Main) parse(fs *flag.FlagSet, usage string, args []string) ([]string, error) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, errHelp) {
			m.printUsage(fs, usage)
			return nil, errHelp
		}
		if err != nil {
			return nil, usagef(fs.Name(), "%s", err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func (m *Main) printUsage(fs *flag.FlagSet, usage string) {
	fmt.Fprintf(m.Stdout, "Usage: clairvoie %s\n\nFlags:\n", usage)
	fs.VisitAll(func(f *flag.Flag) {
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			def = " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(m.Stdout, "  --%-16s %s%s\n", f.Name, f.Usage, def)
	})
}

// listFlag is a repeatable flag that also splits on commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// dbFlag adds --db, defaulting to $CLAIRVOIE_DB.
func (m *Main) dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", m.Getenv("CLAIRVOIE_DB"), "workspace database file (or $CLAIRVOIE_DB)")
}
