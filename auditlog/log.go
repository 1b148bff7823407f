// Package auditlog keeps the register of every viewing, extraction,
// transmission and destruction of footage, and of every configuration
// change, as a tamper-evident transparency log.
//
// Each entry stays private, with a random salt, in a journal under
// DIR/private; the public log holds only its salted commitment
// (clairvoie.RegisterEntry.Commitment). The log is a tile-based Merkle tree
// written by transparency-dev/tessera on POSIX storage, in the C2SP
// tlog-tiles layout (DIR/checkpoint, DIR/tile/…), its checkpoints C2SP
// signed notes (Ed25519). Anyone can check the checkpoint's signature,
// recompute the tree from the tiles and check that a checkpoint kept
// earlier is a prefix of today's (Verify); whoever holds an entry and its
// salt (a receipt) can check it was logged. Counts per month and kind are
// published with small counts suppressed (Counts).
//
// An entry is acknowledged only once it is durable twice: in the journal
// (synced) and in the log (tessera resolves an index only once the entry is
// sequenced and integrated on disk). A crash in between leaves an entry in
// the journal without an index: opening the log finds its commitment in the
// log, or appends it again.
package auditlog

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/tessera"
	"github.com/transparency-dev/tessera/api"
	"github.com/transparency-dev/tessera/api/layout"
	"github.com/transparency-dev/tessera/storage/posix"
	"golang.org/x/mod/sumdb/note"
)

// Options configure a log.
type Options struct {
	// Origin names a new log (its checkpoints' first line), e.g.
	// "marseille.fr/clairvoie/register"; an existing log keeps its own.
	Origin string
	// CheckpointInterval is how often a new checkpoint is published
	// (default 1 s).
	CheckpointInterval time.Duration
	// BatchMaxAge is how long an entry may wait for others to be sequenced
	// with (default 10 ms): longer batches, fewer syncs, more latency.
	BatchMaxAge time.Duration
	// MaxLag is how long after the fact an entry may be appended live
	// (default clairvoie.DefaultMaxLag); older ones go through Import.
	MaxLag time.Duration
	// Now is the clock that stamps each entry's Recorded time (default
	// time.Now); tests replace it.
	Now func() time.Time
	// WitnessTimeout is how long a checkpoint waits for the witnesses'
	// cosignatures before the next try (default 5 s).
	WitnessTimeout time.Duration
}

// Log is an open register.
type Log struct {
	dir      string
	j        *journal
	add      tessera.AddFn
	shutdown func(context.Context) error
	reader   tessera.LogReader
	verifier note.Verifier
	cancel   context.CancelFunc
	maxLag   time.Duration
	now      func() time.Time

	// unlogged are records the journal holds whose commitments the log
	// refused (a full disk): the next Append logs them first.
	mu       sync.Mutex
	unlogged []record

	key     string       // the verifier key
	entries entriesCache // the verified entries (service.go)
	policy  Policy       // the witnesses (witness.go)
}

// Open opens the register in dir, making it if it is new (o.Origin is then
// required), and finishes what a crash left undone.
func Open(ctx context.Context, dir string, o Options) (*Log, error) {
	if o.CheckpointInterval == 0 {
		o.CheckpointInterval = time.Second
	}
	if o.BatchMaxAge == 0 {
		o.BatchMaxAge = 10 * time.Millisecond
	}
	if o.MaxLag == 0 {
		o.MaxLag = clairvoie.DefaultMaxLag
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.WitnessTimeout == 0 {
		o.WitnessTimeout = tessera.DefaultWitnessTimeout
	}
	if err := os.MkdirAll(filepath.Join(dir, "private"), 0o700); err != nil {
		return nil, err
	}
	signer, verifier, err := loadOrCreateKeys(dir, o.Origin)
	if err != nil {
		return nil, err
	}
	key, err := VerifierKey(dir)
	if err != nil {
		return nil, err
	}
	j, err := openJournal(journalPath(dir))
	if err != nil {
		return nil, err
	}
	driver, err := posix.New(ctx, posix.Config{Path: dir})
	if err != nil {
		j.close()
		return nil, err
	}
	policy, err := ReadPolicy(dir)
	if err != nil {
		j.close()
		return nil, err
	}
	opts := tessera.NewAppendOptions().
		WithCheckpointSigner(signer).
		WithCheckpointInterval(o.CheckpointInterval).
		WithBatching(tessera.DefaultBatchMaxSize, o.BatchMaxAge).
		WithPushback(1<<16).
		WithAntispam(tessera.DefaultAntispamInMemorySize, nil)
	if len(policy.Witnesses) > 0 {
		group, err := policy.group()
		if err != nil {
			j.close()
			return nil, fmt.Errorf("the witness policy: %w", err)
		}
		// Not fail-open: a checkpoint the quorum has not cosigned is not
		// published (the last cosigned one stays served).
		opts = opts.WithWitnesses(group, &tessera.WitnessOptions{Timeout: o.WitnessTimeout}).WithShutdownTimeout(o.WitnessTimeout + 3*o.CheckpointInterval)
	}
	// The appender's background work lives as long as the log, not as the
	// caller's context.
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	a, shutdown, reader, err := tessera.NewAppender(bg, driver, opts)
	if err != nil {
		cancel()
		j.close()
		return nil, err
	}
	l := &Log{dir: dir, j: j, add: a.Add, shutdown: shutdown, reader: reader, verifier: verifier, cancel: cancel,
		maxLag: o.MaxLag, now: o.Now, key: key, policy: policy}
	if err := l.recover(ctx); err != nil {
		l.Close(ctx)
		return nil, fmt.Errorf("recovering the register: %w", err)
	}
	// With witnesses, the checkpoint waits for their quorum (tessera tries
	// at every interval, and closing waits for it a while): the entries are
	// durable meanwhile, and the served checkpoint is the last cosigned.
	if len(policy.Witnesses) > 0 {
		return l, nil
	}
	if err := l.awaitCheckpoint(ctx, 3*o.CheckpointInterval+2*time.Second); err != nil {
		l.Close(ctx)
		return nil, fmt.Errorf("publishing the checkpoint a crash left behind: %w", err)
	}
	return l, nil
}

// ErrAwaitingWitnesses is what Close says when the witnesses' quorum did
// not cosign a checkpoint covering every entry before the register closed:
// the entries are durable and acknowledged; the checkpoint that covers
// them is published once the quorum answers (the next time the register
// is open).
var ErrAwaitingWitnesses = errors.New("the entries are durable, but the witnesses' quorum has not cosigned a checkpoint covering them yet: the last cosigned checkpoint stays served until it does")

// Policy is the register's witness policy (empty without witnesses).
func (l *Log) Policy() Policy { return l.policy }

// Cosignatures implements clairvoie.RegisterService.
func (l *Log) Cosignatures(ctx context.Context) ([]clairvoie.Cosignature, error) {
	if len(l.policy.Witnesses) == 0 {
		return nil, nil
	}
	cp, err := l.Checkpoint(ctx)
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(l.policy.Witnesses))
	for i, w := range l.policy.Witnesses {
		keys[i] = w.Key
	}
	return Cosigners(cp, keys), nil
}

// awaitCheckpoint returns once the published checkpoint covers every
// entry the log has integrated. After a crash (kill -9 between an
// acknowledgement and the next checkpoint), the checkpoint lags the
// acknowledged entries: opening the register publishes before anything
// else, so that no acknowledged entry waits for a checkpoint longer than
// until the register is next opened — by the server at start-up or by any
// 'clairvoie log' command. While a process holds the register, an
// acknowledged entry waits at most CheckpointInterval (1 s by default).
func (l *Log) awaitCheckpoint(ctx context.Context, within time.Duration) error {
	size, err := l.reader.IntegratedSize(ctx)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(within)
	if size == 0 {
		return nil // nothing integrated: nothing to cover
	}
	for {
		b, rerr := os.ReadFile(filepath.Join(l.dir, layout.CheckpointPath))
		switch {
		case rerr == nil:
			if cp, _, _, err := log.ParseCheckpoint(b, l.verifier.Name(), l.verifier); err == nil && cp.Size >= size {
				return nil
			}
		case !os.IsNotExist(rerr):
			return rerr
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the checkpoint does not cover the %d entries integrated after %v", size, within)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Verifier is the log's verifier key.
func (l *Log) Verifier() note.Verifier { return l.verifier }

// Append validates the entries (all or none), stamps each with the time
// the register received it (Recorded; what the writer said is ignored),
// refuses one that says it happened later than that or more than MaxLag
// before, makes them durable in the journal, logs their commitments and
// returns their receipts once the log holds them durably.
func (l *Log) Append(ctx context.Context, entries []clairvoie.RegisterEntry) ([]clairvoie.Receipt, error) {
	now := l.now()
	stamped := make([]clairvoie.RegisterEntry, len(entries))
	for i, e := range entries {
		e.Recorded, e.Imported = now, false
		stamped[i] = e
	}
	return l.commit(ctx, stamped)
}

// AppendRecorded appends entries that carry the time they were recorded,
// to a synthetic register only (its origin says "synthetic"): the demo
// simulates a register kept live for months, each entry recorded when it
// happened. A real register's entries are stamped by Append or Import.
func (l *Log) AppendRecorded(ctx context.Context, entries []clairvoie.RegisterEntry) ([]clairvoie.Receipt, error) {
	if !Synthetic(l.verifier.Name()) {
		return nil, clairvoie.Errorf(clairvoie.EFORBIDDEN, "register %s: only a synthetic register takes entries with their own recording time", l.verifier.Name())
	}
	return l.commit(ctx, entries)
}

// commit validates stamped entries (all or none), makes them durable in
// the journal, logs their commitments and returns their receipts.
func (l *Log) commit(ctx context.Context, entries []clairvoie.RegisterEntry) ([]clairvoie.Receipt, error) {
	recs := make([]record, len(entries))
	for i, e := range entries {
		err := e.Validate()
		if err == nil {
			err = e.ValidateTime(l.maxLag)
		}
		if err != nil {
			if len(entries) > 1 {
				return nil, fmt.Errorf("entry %d: %w", i+1, err)
			}
			return nil, err
		}
		salt := make([]byte, 32)
		if _, err := rand.Read(salt); err != nil {
			return nil, err
		}
		recs[i] = newRecord(e, salt)
	}
	if len(recs) == 0 {
		return []clairvoie.Receipt{}, nil
	}
	if err := l.j.add(recs); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	// Entries held back by an earlier failure go first, in their order.
	l.mu.Lock()
	held := l.unlogged
	l.unlogged = nil
	l.mu.Unlock()
	if len(held) > 0 {
		if _, err := l.log(ctx, held); err != nil {
			l.hold(append(held, recs...))
			return nil, l.heldError(err)
		}
	}
	indices, err := l.log(ctx, recs)
	if err != nil {
		l.hold(recs)
		return nil, l.heldError(err)
	}
	out := make([]clairvoie.Receipt, len(recs))
	for i, r := range recs {
		out[i] = clairvoie.Receipt{Entry: r.Entry, Salt: r.Salt, Index: indices[i]}
	}
	return out, nil
}

// hold keeps records that are in the journal but not in the log, for the
// next Append (or the next opening, which finds them without an index).
func (l *Log) hold(recs []record) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unlogged = append(l.unlogged, recs...)
}

// heldError says what became of entries whose commitments the log refused:
// they are durable in the private journal and will be logged, so they must
// not be recorded again.
func (l *Log) heldError(err error) error {
	const kept = "the entry is safe in the register's private journal but not yet in the public log; it will be logged as soon as the log can write again — do not record it again"
	if clairvoie.StorageFull(err) {
		return clairvoie.Errorf(clairvoie.EFULL, "storage full: %s (free space on the register's disk)", kept)
	}
	return fmt.Errorf("%s: %w", kept, err)
}

// log appends the records' commitments and waits for their indices.
func (l *Log) log(ctx context.Context, recs []record) ([]uint64, error) {
	futures := make([]tessera.IndexFuture, len(recs))
	hashes := make([]string, len(recs))
	for i, r := range recs {
		c, err := hex.DecodeString(r.Commitment)
		if err != nil {
			return nil, err
		}
		futures[i] = l.add(ctx, tessera.NewEntry(c))
		hashes[i] = r.Commitment
	}
	indices := make([]uint64, len(recs))
	for i, f := range futures {
		idx, err := f()
		if err != nil {
			return nil, fmt.Errorf("log: %w", err)
		}
		indices[i] = idx.Index
	}
	if err := l.j.indexed(hashes, indices); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return indices, nil
}

// recover gives an index to every journal record without one: the index
// of its commitment in the log if the crash came after it was logged, or a
// new one.
func (l *Log) recover(ctx context.Context) error {
	var pending []record
	for _, r := range l.j.snapshot() {
		if r.Index == nil {
			pending = append(pending, r)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	want := map[string]bool{}
	for _, r := range pending {
		want[r.Commitment] = true
	}
	size, err := l.reader.IntegratedSize(ctx)
	if err != nil {
		return err
	}
	var hashes []string
	var found []uint64
	err = leaves(ctx, size, l.reader.ReadEntryBundle, func(i uint64, data []byte) error {
		if h := hex.EncodeToString(data); want[h] {
			hashes, found = append(hashes, h), append(found, i)
			delete(want, h)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(hashes) > 0 {
		if err := l.j.indexed(hashes, found); err != nil {
			return err
		}
	}
	var again []record
	for _, r := range pending {
		if want[r.Commitment] {
			again = append(again, r)
		}
	}
	if len(again) > 0 {
		_, err = l.log(ctx, again)
	}
	return err
}

// leaves calls fn with every entry of the first size entries of a log.
func leaves(ctx context.Context, size uint64, read func(context.Context, uint64, uint8) ([]byte, error), fn func(uint64, []byte) error) error {
	for ri := range layout.Range(0, size, size) {
		raw, err := read(ctx, ri.Index, ri.Partial)
		if err != nil {
			return fmt.Errorf("entry bundle %d: %w", ri.Index, err)
		}
		var b api.EntryBundle
		if err := b.UnmarshalText(raw); err != nil {
			return fmt.Errorf("entry bundle %d: %w", ri.Index, err)
		}
		for k := ri.First; k < ri.First+ri.N; k++ {
			if int(k) >= len(b.Entries) {
				return fmt.Errorf("entry bundle %d: %d entries, expected more than %d", ri.Index, len(b.Entries), k)
			}
			if err := fn(ri.Index*layout.EntryBundleWidth+uint64(k), b.Entries[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Receipts returns every entry of the register with its salt and index.
func (l *Log) Receipts() []clairvoie.Receipt {
	recs := l.j.snapshot()
	out := make([]clairvoie.Receipt, 0, len(recs))
	for _, r := range recs {
		if r.Index != nil {
			out = append(out, clairvoie.Receipt{Entry: r.Entry, Salt: r.Salt, Index: *r.Index})
		}
	}
	return out
}

// Close publishes a checkpoint that covers every acknowledged entry, then
// closes the journal.
func (l *Log) Close(ctx context.Context) error {
	err := l.shutdown(ctx)
	if err != nil && len(l.policy.Witnesses) > 0 && errors.Is(err, context.DeadlineExceeded) {
		err = ErrAwaitingWitnesses
	}
	l.cancel()
	if jerr := l.j.close(); err == nil {
		err = jerr
	}
	return err
}
