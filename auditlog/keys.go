package auditlog

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	"golang.org/x/mod/sumdb/note"
)

// The key files: the signer key is secret and stays in DIR/private; the
// verifier key is public (C2SP signed-note verifier string, Ed25519) and
// is what an auditor needs, with the checkpoint and the tiles.
const (
	signerFile   = "private/log.key"
	verifierFile = "log.vkey"
)

// loadOrCreateKeys reads the log's keys, or, for a new log, makes them for
// origin (the log's name, e.g. "marseille.fr/clairvoie/register").
func loadOrCreateKeys(dir, origin string) (note.Signer, note.Verifier, error) {
	skey, err := os.ReadFile(filepath.Join(dir, signerFile))
	if errors.Is(err, os.ErrNotExist) {
		if origin == "" {
			return nil, nil, fmt.Errorf("%s: a new log needs a name (--origin, e.g. marseille.fr/clairvoie/register)", dir)
		}
		if strings.ContainsAny(origin, " +\n") {
			return nil, nil, clairvoie.Errorf(clairvoie.EINVALID, "--origin: expected a name without spaces or '+' (e.g. marseille.fr/clairvoie/register)")
		}
		// The origin is the first line of every published checkpoint: never
		// a person's name or contact (the value is not echoed).
		if why := clairvoie.ScreenValue(origin); why != "" {
			return nil, nil, clairvoie.Errorf(clairvoie.EINVALID, "--origin: %s; name the register after the service (e.g. marseille.fr/clairvoie/register)", why)
		}
		s, v, err := note.GenerateKey(rand.Reader, origin)
		if err != nil {
			return nil, nil, err
		}
		if err := writeFileSync(filepath.Join(dir, signerFile), []byte(s+"\n"), 0o600); err != nil {
			return nil, nil, err
		}
		if err := writeFileSync(filepath.Join(dir, verifierFile), []byte(v+"\n"), 0o644); err != nil {
			return nil, nil, err
		}
		skey = []byte(s)
	} else if err != nil {
		return nil, nil, err
	}
	signer, err := note.NewSigner(strings.TrimSpace(string(skey)))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", signerFile, err)
	}
	if origin != "" && origin != signer.Name() {
		return nil, nil, fmt.Errorf("%s is the log %q, not %q", dir, signer.Name(), origin)
	}
	vkey, err := os.ReadFile(filepath.Join(dir, verifierFile))
	if err != nil {
		return nil, nil, err
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", verifierFile, err)
	}
	return signer, verifier, nil
}

// VerifierKey returns the log's verifier key, as printed by 'clairvoie log key'.
func VerifierKey(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, verifierFile))
	if err != nil {
		return "", err
	}
	v := strings.TrimSpace(string(b))
	if _, err := note.NewVerifier(v); err != nil {
		return "", fmt.Errorf("%s: %w", verifierFile, err)
	}
	return v, nil
}

// writeFileSync writes a small file durably (internal/atomicfile).
func writeFileSync(path string, b []byte, perm os.FileMode) error {
	return atomicfile.Write(path, perm, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// Exists tells whether dir holds a register (its verifier key).
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, verifierFile))
	return err == nil
}

// Origin is the name of the register in dir ("" if none).
func Origin(dir string) string {
	k, err := VerifierKey(dir)
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(k, "+")
	return name
}

// Synthetic tells whether a register is a generated one: its name says so
// (every checkpoint carries it), as the demo's does.
func Synthetic(origin string) bool { return clairvoie.SyntheticOrigin(origin) }
