// Package witness is a transparency-log witness (C2SP tlog-witness). It
// follows the logs it was told to trust, remembers for each the latest
// checkpoint it cosigned, and cosigns a new one (C2SP tlog-cosignature/v1)
// only when a Merkle consistency proof shows that it extends that one. A
// log that shows one history to one auditor and another to the next (a
// split view) cannot get both cosigned by the same witness: whoever checks
// a checkpoint's cosignatures knows that every witness behind them saw one
// history.
//
// Everything lives in one directory:
//
//	witness.key   its signing key (0600; a C2SP signed-note Ed25519 key)
//	witness.vkey  its verifier key (cosignature/v1, what logs and auditors configure)
//	logs          the logs it follows, one verifier key per line
//	state/        per log, the latest checkpoint it cosigned
//
// The state is written durably (a temporary file synced, renamed, the
// directory synced) before any cosignature leaves: a crash between the
// two loses an answer, never the record, so a restarted witness cannot be
// led to cosign a fork of what it already cosigned.
package witness

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	f_note "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
)

const (
	keyFile   = "witness.key"
	vkeyFile  = "witness.vkey"
	logsFile  = "logs"
	stateDir  = "state"
	maxProofs = 63 // C2SP tlog-witness: no more consistency proof lines
)

// Witness is an open witness directory.
type Witness struct {
	dir    string
	signer note.Signer
	vkey   string

	mu    sync.Mutex // one checkpoint at a time: checking and recording must be atomic
	logs  map[string]note.Verifier
	state map[string]*State

	// afterPersist runs between recording a checkpoint and answering with
	// its cosignature (tests: a crash there).
	afterPersist func()
}

// State is what the witness remembers of a log: the latest checkpoint it
// cosigned.
type State struct {
	Origin     string `json:"origin"`
	Size       uint64 `json:"size"`
	Root       []byte `json:"root"`
	Checkpoint string `json:"checkpoint"` // the note as the log signed it
}

// Init makes the witness's directory and key when missing and returns its
// verifier key. name is the witness's name in its cosignatures (a C2SP
// signed-note key name, e.g. "witness.example.org/w1"); an existing
// witness keeps its own.
func Init(dir, name string) (vkey string, created bool, err error) {
	if err := os.MkdirAll(filepath.Join(dir, stateDir), 0o700); err != nil {
		return "", false, err
	}
	if k, err := Key(dir); err == nil {
		return k, false, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", false, err
	}
	if name == "" {
		var b [4]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", false, err
		}
		name = "clairvoie-witness-" + hex.EncodeToString(b[:])
	}
	skey, plain, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return "", false, clairvoie.Errorf(clairvoie.EINVALID, "witness name %q: %v (letters, digits, dots, slashes; no space, no +)", name, err)
	}
	cosig, err := f_note.VKeyToCosignatureV1(plain)
	if err != nil {
		return "", false, err
	}
	if err := writeFile(filepath.Join(dir, keyFile), []byte(skey+"\n"), 0o600); err != nil {
		return "", false, err
	}
	if err := writeFile(filepath.Join(dir, vkeyFile), []byte(cosig+"\n"), 0o644); err != nil {
		return "", false, err
	}
	return cosig, true, nil
}

// Key is the verifier key of the witness in dir (cosignature/v1).
func Key(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, vkeyFile))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// Follow adds a log to those the witness trusts, by its verifier key (a
// C2SP signed-note Ed25519 verifier key, whose name is the log's origin).
// Following a log twice changes nothing; another key for an origin already
// followed is refused.
func Follow(dir, logKey string) (origin string, added bool, err error) {
	v, err := note.NewVerifier(strings.TrimSpace(logKey))
	if err != nil {
		return "", false, clairvoie.Errorf(clairvoie.EINVALID, "log key %q: %v (a C2SP signed-note verifier key: NAME+HASH+BASE64)", logKey, err)
	}
	keys, err := readLogs(dir)
	if err != nil {
		return "", false, err
	}
	for _, k := range keys {
		kv, _ := note.NewVerifier(k)
		if kv.Name() == v.Name() {
			if k == strings.TrimSpace(logKey) {
				return v.Name(), false, nil
			}
			return "", false, clairvoie.Errorf(clairvoie.ECONFLICT, "the witness already follows %q with another key", v.Name())
		}
	}
	keys = append(keys, strings.TrimSpace(logKey))
	return v.Name(), true, writeFile(filepath.Join(dir, logsFile), []byte(strings.Join(keys, "\n")+"\n"), 0o644)
}

func readLogs(dir string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, logsFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var keys []string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if _, err := note.NewVerifier(line); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", filepath.Join(dir, logsFile), i+1, err)
		}
		keys = append(keys, line)
	}
	return keys, nil
}

// Open opens the witness in dir (made by Init) with the logs it follows
// and what it cosigned.
func Open(dir string) (*Witness, error) {
	b, err := os.ReadFile(filepath.Join(dir, keyFile))
	if err != nil {
		return nil, fmt.Errorf("the witness key: %w (run 'clairvoie witness follow' or 'witness key' first)", err)
	}
	signer, err := f_note.NewSignerForCosignatureV1(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, keyFile), err)
	}
	vkey, err := Key(dir)
	if err != nil {
		return nil, err
	}
	w := &Witness{dir: dir, signer: signer, vkey: vkey, logs: map[string]note.Verifier{}, state: map[string]*State{}}
	keys, err := readLogs(dir)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		v, _ := note.NewVerifier(k)
		w.logs[v.Name()] = v
		st, err := readState(dir, v.Name())
		if err != nil {
			return nil, err
		}
		if st != nil {
			w.state[v.Name()] = st
		}
	}
	return w, nil
}

// VerifierKey is the witness's verifier key (cosignature/v1).
func (w *Witness) VerifierKey() string { return w.vkey }

// Name is the witness's name in its cosignatures.
func (w *Witness) Name() string { return w.signer.Name() }

// Logs are the origins the witness follows.
func (w *Witness) Logs() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.logs))
	for o := range w.logs {
		out = append(out, o)
	}
	return out
}

// Latest is the latest checkpoint the witness cosigned for origin (nil
// when none).
func (w *Witness) Latest(origin string) *State {
	w.mu.Lock()
	defer w.mu.Unlock()
	if st := w.state[origin]; st != nil {
		c := *st
		return &c
	}
	return nil
}

func statePath(dir, origin string) string {
	h := sha256.Sum256([]byte(origin))
	return filepath.Join(dir, stateDir, hex.EncodeToString(h[:16])+".json")
}

func readState(dir, origin string) (*State, error) {
	b, err := os.ReadFile(statePath(dir, origin))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil || st.Origin != origin || len(st.Root) != sha256.Size {
		return nil, fmt.Errorf("%s: not the state of %q (%v): refusing to start rather than forget what was cosigned", statePath(dir, origin), origin, err)
	}
	return &st, nil
}

func writeFile(path string, b []byte, perm os.FileMode) error {
	return atomicfile.Write(path, perm, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// encodeSize writes a tree size as the protocol wants it: decimal, no
// leading zero.
func encodeSize(n uint64) string { return strconv.FormatUint(n, 10) }

// sigLine is the cosignature line for text: "— NAME BASE64\n".
func (w *Witness) sigLine(text string) ([]byte, error) {
	signed, err := note.Sign(&note.Note{Text: text}, w.signer)
	if err != nil {
		return nil, err
	}
	i := bytes.LastIndex(signed, []byte("\n— "+w.signer.Name()+" "))
	if i < 0 {
		return nil, errors.New("no signature line in the signed note")
	}
	return signed[i+1:], nil
}
