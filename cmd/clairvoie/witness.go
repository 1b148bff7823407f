package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie/witness"
)

const witnessUsage = `witness follow --dir DIR --key LOG_VERIFIER_KEY [--name NAME] [--json]
    witness key --dir DIR [--name NAME]
    witness serve --dir DIR [--addr HOST:PORT]

A witness for transparency logs (C2SP tlog-witness): it follows the logs it is told to trust,
remembers the latest checkpoint it cosigned for each, and cosigns a new one (C2SP
tlog-cosignature/v1) only when a consistency proof shows it extends that one. A register that
would show one history to one auditor and another to the next cannot get both cosigned. The
CNIL, a watchdog group or a neighbouring city can run one for the price of a small server.

follow   trusts a log, by its verifier key (its name is the log's origin); the directory and
         the witness's own key are made when missing (--name: its name in cosignatures).
key      prints the witness's verifier key (cosignature/v1), to give to the logs and the
         auditors; makes the directory and the key when missing.
serve    answers POST /add-checkpoint (and GET / with its key and logs). A checkpoint is
         recorded durably before its cosignature leaves: a crash never makes it cosign a fork.

Flags:
  --dir DIR        the witness's directory (its key, the logs it follows, what it cosigned)
  --key KEY        the log's verifier key (follow)
  --name NAME      the witness's name in its cosignatures, for a new witness (follow, key)
  --addr HOST:PORT where to listen (serve; default 127.0.0.1:8090)
  --json           print JSON (follow)`

func runWitness(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(m.Stdout, "Usage: clairvoie "+witnessUsage)
			return nil
		}
		return usagef("witness", "expected a subcommand: follow, key or serve")
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "follow":
		return runWitnessFollow(m, rest)
	case "key":
		return runWitnessKey(m, rest)
	case "serve":
		return runWitnessServe(ctx, m, rest)
	default:
		return usagef("witness", "unknown subcommand %q: expected follow, key or serve", sub)
	}
}

func runWitnessFollow(m *Main, args []string) error {
	fs := m.newFlags("witness follow")
	dir := fs.String("dir", "", "the witness's directory")
	key := fs.String("key", "", "the log's verifier key")
	name := fs.String("name", "", "the witness's name in its cosignatures (a new witness only)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := m.parse(fs, witnessUsage, args); err != nil {
		return err
	}
	if *dir == "" || *key == "" {
		return usagef("witness follow", "--dir and --key are required")
	}
	vkey, created, err := witness.Init(*dir, *name)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	origin, added, err := witness.Follow(*dir, *key)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"origin": origin, "added": added, "witness_key": vkey, "witness_created": created})
	}
	if created {
		fmt.Fprintf(m.Stdout, "new witness; its verifier key: %s\n", vkey)
	}
	fmt.Fprintf(m.Stdout, "%s %s\n", map[bool]string{true: "now following", false: "already following"}[added], origin)
	return nil
}

func runWitnessKey(m *Main, args []string) error {
	fs := m.newFlags("witness key")
	dir := fs.String("dir", "", "the witness's directory")
	name := fs.String("name", "", "the witness's name in its cosignatures (a new witness only)")
	if _, err := m.parse(fs, witnessUsage, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("witness key", "--dir is required")
	}
	vkey, _, err := witness.Init(*dir, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, vkey)
	return nil
}

func runWitnessServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("witness serve")
	dir := fs.String("dir", "", "the witness's directory")
	addr := fs.String("addr", "127.0.0.1:8090", "address to listen on")
	if _, err := m.parse(fs, witnessUsage, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("witness serve", "--dir is required")
	}
	w, err := witness.Open(*dir)
	if err != nil {
		return err
	}
	if len(w.Logs()) == 0 {
		fmt.Fprintln(m.Stderr, "clairvoie witness: this witness follows no log yet ('clairvoie witness follow --dir DIR --key KEY')")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := w.Server(*addr)
	fmt.Fprintf(m.Stdout, "witness %s listening on http://%s/ (key %s; %d logs)\n", w.Name(), ln.Addr(), w.VerifierKey(), len(w.Logs()))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
