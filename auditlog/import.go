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
	"time"

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

// importKey is what makes two imported entries the same: all but the time
// they were recorded.
func importKey(e clairvoie.RegisterEntry) string {
	e.Recorded = time.Time{}
	return string(e.Canonical())
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

// Import appends entries from an outside export (the video-management
// system's audit log) once. Each is marked Imported and stamped with the
// time it is recorded, however long after the fact: the checks then count
// a destruction recorded after its deadline as a finding, whatever it says.
// An entry identical to one already imported (the same fields, the n-th of
// its kind in the export) is already there: importing the same export again
// adds nothing. It returns the receipts of the entries added and how many
// were already there.
func (l *Log) Import(ctx context.Context, entries []clairvoie.RegisterEntry) ([]clairvoie.Receipt, int, error) {
	now := l.now()
	for i := range entries {
		entries[i].Recorded, entries[i].Imported = now, true
		err := entries[i].Validate()
		if err == nil {
			err = entries[i].ValidateTime(l.maxLag)
		}
		if err != nil {
			return nil, 0, fmt.Errorf("entry %d: %w", i+1, err)
		}
	}
	// What was imported before, by content: the entry without the time of
	// its recording.
	held := map[string]int{}
	for _, r := range l.j.snapshot() {
		if r.Entry.Imported {
			held[importKey(r.Entry)]++
		}
	}
	seen := map[string]int{}
	var fresh []clairvoie.RegisterEntry
	already := 0
	for _, e := range entries {
		k := importKey(e)
		seen[k]++
		if seen[k] <= held[k] {
			already++
			continue
		}
		fresh = append(fresh, e)
	}
	rs, err := l.commit(ctx, fresh)
	if err != nil {
		return nil, 0, err
	}
	return rs, already, nil
}
