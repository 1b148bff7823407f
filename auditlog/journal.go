package auditlog

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/clairvoie/clairvoie"
)

// journal is the private side of the register: every entry with its salt,
// appended to DIR/private/journal.jsonl and synced to disk before its
// commitment goes to the public log, then the index the log gave it. A
// crash can leave a torn last line, which was never acknowledged: opening
// the journal cuts it off. An entry without an index after a crash is
// found in the log or appended again (see Log.recover).
type journal struct {
	path string
	f    *os.File

	mu      sync.Mutex
	records []*record      // in journal order (pointers: the slice grows by a million)
	byHash  map[string]int // commitment (hex) → position in records

	reqs  chan *journalReq
	done  chan struct{}
	syncs atomic.Int64 // syncs made, and
	holds atomic.Int64 // times a sync waited for others: for the tests
}

// record is one entry of the register as the journal keeps it.
type record struct {
	Entry      clairvoie.RegisterEntry `json:"entry"`
	Salt       string                  `json:"salt"`
	Commitment string                  `json:"commitment"`
	Index      *uint64                 `json:"index,omitempty"`
}

// line is one line of the journal: a new record (entry, salt,
// commitment), or the index of one (indexed, at).
type line struct {
	Entry      *clairvoie.RegisterEntry `json:"entry,omitempty"`
	Salt       string                   `json:"salt,omitempty"`
	Commitment string                   `json:"commitment,omitempty"`
	Indexed    string                   `json:"indexed,omitempty"` // the commitment an index line is about
	At         *uint64                  `json:"at,omitempty"`
}

type journalReq struct {
	lines [][]byte
	sync  bool
	err   chan error
}

func openJournal(path string) (*journal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	// One writer at a time: a second would interleave its lines. Another
	// 'log append' finishes in moments; a server holding it does not.
	for waited := time.Duration(0); ; waited += 50 * time.Millisecond {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if waited > 10*time.Second {
			f.Close()
			return nil, fmt.Errorf("%s: the register is open in another process (%v)", path, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	j := &journal{path: path, f: f, byHash: map[string]int{}, reqs: make(chan *journalReq, 1024), done: make(chan struct{})}
	if err := j.load(); err != nil {
		f.Close()
		return nil, err
	}
	go j.writer()
	return j, nil
}

// load reads the journal, cutting off a torn last line.
func (j *journal) load() error {
	good, err := j.parse(j.f)
	if err != nil {
		return err
	}
	if err := j.f.Truncate(good); err != nil {
		return err
	}
	_, err = j.f.Seek(good, io.SeekStart)
	return err
}

// parse reads journal lines into j and returns the length of the whole
// lines read: a torn last line is left out.
func (j *journal) parse(f io.Reader) (int64, error) {
	r := bufio.NewReaderSize(f, 1<<20)
	var good int64
	for n := 1; ; n++ {
		b, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			// A line without its newline was being written when the process
			// died; it was never acknowledged.
			break
		}
		if err != nil {
			return 0, err
		}
		var l line
		if err := json.Unmarshal(b, &l); err != nil {
			return 0, fmt.Errorf("%s:%d: %w (the journal is damaged: restore it from a backup)", j.path, n, err)
		}
		switch {
		case l.Entry != nil && l.Commitment != "":
			if _, dup := j.byHash[l.Commitment]; !dup {
				j.byHash[l.Commitment] = len(j.records)
				j.records = append(j.records, &record{Entry: *l.Entry, Salt: l.Salt, Commitment: l.Commitment})
			}
		case l.Indexed != "" && l.At != nil:
			if i, ok := j.byHash[l.Indexed]; ok {
				j.records[i].Index = l.At
			}
		default:
			return 0, fmt.Errorf("%s:%d: not a journal line", j.path, n)
		}
		good += int64(len(b))
	}
	return good, nil
}

// ReadReceipts reads the register in dir without opening it for writing
// (a server can read while 'clairvoie log append' writes): the entries
// with an index, in journal order.
func ReadReceipts(dir string) ([]clairvoie.Receipt, error) {
	path := journalPath(dir)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	j := &journal{path: path, byHash: map[string]int{}}
	if _, err := j.parse(f); err != nil {
		return nil, err
	}
	out := make([]clairvoie.Receipt, 0, len(j.records))
	for _, r := range j.records {
		if r.Index != nil {
			out = append(out, clairvoie.Receipt{Entry: r.Entry, Salt: r.Salt, Index: *r.Index})
		}
	}
	return out, nil
}

// writer appends what it is asked to, many requests per write and per
// sync: the group commit that makes thousands of durable appends a second.
// When busy (the last sync covered more than one request), it syncs at
// most once per commitDelay: a request that comes sooner after the last
// sync waits for the rest of the delay, gathering others, so that one sync
// covers hundreds of entries and the disk's syncs are left to the log.
// Idle, or with a single writer, a request is written and synced at once.
// (bench/register.sh, 1,024 writers: about 400 journal syncs a second
// without it, 40 with it, and a fifth more appends; see BENCHMARKS.md.)
func (j *journal) writer() {
	defer close(j.done)
	var buf bytes.Buffer
	var last time.Time // the last sync
	busy := false      // it covered more than one request
	for req := range j.reqs {
		batch, open := j.gather([]*journalReq{req}, nil)
		if wait := commitDelay - time.Since(last); open && busy && wait > 0 && req.sync && len(batch) < maxBatch {
			j.holds.Add(1)
			t := time.NewTimer(wait)
			batch, _ = j.gather(batch, t.C)
			t.Stop()
		}
		buf.Reset()
		sync := false
		for _, r := range batch {
			for _, l := range r.lines {
				buf.Write(l)
				buf.WriteByte('\n')
			}
			sync = sync || r.sync
		}
		err := j.append(buf.Bytes(), sync)
		if sync {
			last, busy = time.Now(), len(batch) > 1
			j.syncs.Add(1)
		}
		for _, r := range batch {
			r.err <- err
		}
	}
}

const (
	maxBatch    = 4096
	commitDelay = 20 * time.Millisecond
)

// gather adds waiting requests to batch, up to maxBatch: those already
// queued when until is nil, or those arriving before until fires. It
// returns false once the queue is closed.
func (j *journal) gather(batch []*journalReq, until <-chan time.Time) ([]*journalReq, bool) {
	for len(batch) < maxBatch {
		if until == nil {
			select {
			case r, ok := <-j.reqs:
				if !ok {
					return batch, false
				}
				batch = append(batch, r)
			default:
				return batch, true
			}
			continue
		}
		select {
		case r, ok := <-j.reqs:
			if !ok {
				return batch, false
			}
			batch = append(batch, r)
		case <-until:
			return batch, true
		}
	}
	return batch, true
}

// append writes b at the end of the journal. A failed write (a full disk
// takes part of it) is cut off again, so that the journal never holds half a
// line before the next one; the error goes back to the callers, whose
// entries were not acknowledged.
func (j *journal) append(b []byte, sync bool) error {
	pos, err := j.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	_, err = j.f.Write(b)
	if err == nil && sync {
		err = j.f.Sync()
	}
	if err != nil {
		if terr := j.f.Truncate(pos); terr == nil {
			_, _ = j.f.Seek(pos, io.SeekStart)
		}
	}
	return err
}

func (j *journal) write(lines [][]byte, sync bool) error {
	req := &journalReq{lines: lines, sync: sync, err: make(chan error, 1)}
	j.reqs <- req
	return <-req.err
}

// add makes records durable, before their commitments are logged.
func (j *journal) add(recs []record) error {
	lines := make([][]byte, len(recs))
	for i := range recs {
		b, err := json.Marshal(line{Entry: &recs[i].Entry, Salt: recs[i].Salt, Commitment: recs[i].Commitment})
		if err != nil {
			return err
		}
		lines[i] = b
	}
	if err := j.write(lines, true); err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, r := range recs {
		if _, dup := j.byHash[r.Commitment]; !dup {
			j.byHash[r.Commitment] = len(j.records)
			r := r
			j.records = append(j.records, &r)
		}
	}
	return nil
}

// indexed records the indices the log gave. They need no sync of their
// own: lost in a crash, they are found again in the log on opening.
func (j *journal) indexed(commitments []string, indices []uint64) error {
	lines := make([][]byte, len(commitments))
	for i, c := range commitments {
		b, err := json.Marshal(line{Indexed: c, At: &indices[i]})
		if err != nil {
			return err
		}
		lines[i] = b
	}
	if err := j.write(lines, false); err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	for i, c := range commitments {
		if k, ok := j.byHash[c]; ok {
			idx := indices[i]
			j.records[k].Index = &idx
		}
	}
	return nil
}

// snapshot returns a copy of the records.
func (j *journal) snapshot() []record {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]record, len(j.records))
	for i, r := range j.records {
		out[i] = *r
	}
	return out
}

func (j *journal) close() error {
	close(j.reqs)
	<-j.done
	if err := j.f.Sync(); err != nil {
		j.f.Close()
		return err
	}
	return j.f.Close()
}

func newRecord(e clairvoie.RegisterEntry, salt []byte) record {
	e.Normalize()
	c := e.Commitment(salt)
	return record{Entry: e, Salt: hex.EncodeToString(salt), Commitment: hex.EncodeToString(c[:])}
}
