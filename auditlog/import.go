package auditlog

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/clairvoie/clairvoie"
)

// secretFile holds the register's own secret: the key of the keyed hashes
// that pseudonymise agents and derive imported entries' salts. It never
// leaves DIR/private.
const secretFile = "private/secret.key"

func (l *Log) secret() ([]byte, error) {
	path := filepath.Join(l.dir, secretFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		b = make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		if err := writeFileSync(path, []byte(hex.EncodeToString(b)+"\n"), 0o600); err != nil {
			return nil, err
		}
		return b, nil
	}
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(string(bytes.TrimSpace(b)))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("%s: expected 64 hex characters", secretFile)
	}
	return key, nil
}

func keyed(key []byte, parts ...string) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return m.Sum(nil)
}

// Pseudonymizer returns the function that turns an agent's login (often a
// name) into a pseudonymous id: "ag-" and 12 hex digits of a keyed hash
// under the register's secret. The same login always gives the same id in
// this register, and nobody without the secret can go back.
func (l *Log) Pseudonymizer() (func(string) string, error) {
	key, err := l.secret()
	if err != nil {
		return nil, err
	}
	return func(login string) string {
		return "ag-" + hex.EncodeToString(keyed(key, "agent", login))[:12]
	}, nil
}

// Import appends entries from an outside export once: each entry's salt
// is a keyed hash of the entry (and of its rank among identical entries of
// the batch) under the register's secret, so importing the same export
// again finds the same commitments and adds nothing. It returns the
// receipts of the entries added and how many were already there.
func (l *Log) Import(ctx context.Context, entries []clairvoie.RegisterEntry) ([]clairvoie.Receipt, int, error) {
	key, err := l.secret()
	if err != nil {
		return nil, 0, err
	}
	for i, e := range entries {
		if err := e.Validate(); err != nil {
			return nil, 0, fmt.Errorf("entry %d: %w", i+1, err)
		}
	}
	seen := map[string]int{}
	existing := map[string]bool{}
	for _, r := range l.j.snapshot() {
		existing[r.Commitment] = true
	}
	var fresh []record
	already := 0
	for _, e := range entries {
		canon := string(e.Canonical())
		seen[canon]++
		rec := newRecord(e, keyed(key, "salt", canon, strconv.Itoa(seen[canon])))
		if existing[rec.Commitment] {
			already++
			continue
		}
		existing[rec.Commitment] = true
		fresh = append(fresh, rec)
	}
	if len(fresh) == 0 {
		return nil, already, nil
	}
	if err := l.j.add(fresh); err != nil {
		return nil, 0, fmt.Errorf("journal: %w", err)
	}
	indices, err := l.log(ctx, fresh)
	if err != nil {
		return nil, 0, err
	}
	out := make([]clairvoie.Receipt, len(fresh))
	for i, r := range fresh {
		out[i] = clairvoie.Receipt{Entry: r.Entry, Salt: r.Salt, Index: indices[i]}
	}
	return out, already, nil
}
