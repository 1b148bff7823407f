package auditlog

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
			return nil, nil, fmt.Errorf("origin %q: expected a name without spaces or '+'", origin)
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

// writeFileSync writes a new file durably: to a temporary name, synced,
// renamed, and the directory synced.
func writeFileSync(path string, b []byte, perm os.FileMode) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
