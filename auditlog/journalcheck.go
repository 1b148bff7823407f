package auditlog

import (
	"bufio"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/clairvoie/clairvoie"
	"github.com/transparency-dev/tessera/client"
	"golang.org/x/mod/sumdb/note"
)

// The operator's verification: the private journal against the public log.
// Whoever holds DIR/private can edit the journal — change a camera, delete
// or repeat a line — and each public check would still pass, since the log
// only holds commitments. CheckJournal recomputes every journal entry's
// commitment from the entry and its salt and compares it with the log's
// entry at its index; every entry the checkpoint covers must be claimed by
// exactly one journal line. Counts, checks and the API read only the
// entries that pass (ReadVerified).

// JournalReport is what CheckJournal found.
type JournalReport struct {
	Records  int `json:"records"`  // entries in the journal
	Verified int `json:"verified"` // whose commitment recomputes and is the log's entry at their index
	// Pending were acknowledged after the checkpoint was signed (or are
	// awaiting their index after a crash): the next checkpoint covers them.
	Pending  int      `json:"pending"`
	Problems []string `json:"problems,omitempty"`
	// Recent are the pending entries that have their index: their
	// commitment recomputes, and the next checkpoint will cover them. The
	// register's own readers may list them; counts wait.
	Recent []clairvoie.Receipt `json:"-"`
}

// journalRecord is one entry line of the journal as written, with its line.
type journalRecord struct {
	line int
	rec  record
}

// readJournalLines reads every line of a journal without folding
// repetitions: an entry written twice, or an index line pointing nowhere,
// is a problem to report, not to hide.
func readJournalLines(path string) (recs []journalRecord, indexes map[string][]uint64, problems []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	indexes = map[string][]uint64{}
	r := bufio.NewReaderSize(f, 1<<20)
	for n := 1; ; n++ {
		b, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			if len(b) > 0 {
				problems = append(problems, fmt.Sprintf("journal line %d: torn (never acknowledged; cut at the next opening)", n))
			}
			return recs, indexes, problems, nil
		}
		if err != nil {
			return nil, nil, nil, err
		}
		var l line
		if err := json.Unmarshal(b, &l); err != nil {
			problems = append(problems, fmt.Sprintf("journal line %d: not JSON: the journal was damaged", n))
			continue
		}
		switch {
		case l.Entry != nil && l.Commitment != "":
			recs = append(recs, journalRecord{n, record{Entry: *l.Entry, Salt: l.Salt, Commitment: l.Commitment}})
		case l.Indexed != "" && l.At != nil:
			indexes[l.Indexed] = append(indexes[l.Indexed], *l.At)
		default:
			problems = append(problems, fmt.Sprintf("journal line %d: not a journal line", n))
		}
	}
}

// CheckJournal checks the journal in dir against the log's first size
// entries (leaves[i] is the log's entry i, the commitment it holds). It
// returns the report and the receipts of the entries that verify.
func CheckJournal(dir string, leaves [][]byte) (JournalReport, []clairvoie.Receipt, error) {
	var rep JournalReport
	recs, indexes, problems, err := readJournalLines(journalPath(dir))
	if err != nil {
		return rep, nil, err
	}
	rep.Problems = problems
	problem := func(format string, args ...any) { rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...)) }
	size := uint64(len(leaves))
	claimed := make([]int, size) // the journal line claiming each log entry
	firstLine := map[string]int{}
	var out []clairvoie.Receipt
	for _, jr := range recs {
		rep.Records++
		r := jr.rec
		if prev, dup := firstLine[r.Commitment]; dup {
			problem("journal line %d: the entry of line %d written again", jr.line, prev)
			continue
		}
		firstLine[r.Commitment] = jr.line
		rc := clairvoie.Receipt{Entry: r.Entry, Salt: r.Salt}
		c, err := rc.CommitmentHex()
		if err != nil || c != r.Commitment {
			problem("journal line %d: the entry does not give its commitment (edited after it was logged)", jr.line)
			continue
		}
		idx := indexes[r.Commitment]
		if len(idx) == 0 {
			rep.Pending++ // logged after a crash, at the next opening
			continue
		}
		if len(idx) > 1 && idx[0] != idx[len(idx)-1] {
			problem("journal line %d: indexed twice, at %d and %d", jr.line, idx[0], idx[len(idx)-1])
			continue
		}
		i := idx[0]
		if i >= size {
			rep.Pending++
			rc.Index = i
			rep.Recent = append(rep.Recent, rc)
			continue
		}
		if hex.EncodeToString(leaves[i]) != r.Commitment {
			problem("journal line %d: the log's entry %d holds another commitment (the journal was edited or replaced)", jr.line, i)
			continue
		}
		if claimed[i] != 0 {
			problem("journal line %d: the log's entry %d is claimed by line %d too", jr.line, i, claimed[i])
			continue
		}
		claimed[i] = jr.line
		rc.Index = i
		out = append(out, rc)
		rep.Verified++
	}
	missing, first := 0, uint64(0)
	for i, l := range claimed {
		if l == 0 {
			if missing == 0 {
				first = uint64(i)
			}
			missing++
		}
	}
	if missing > 0 {
		problem("%d of the log's entries have no journal line (the first: %d): lines were deleted, or the journal is not this log's", missing, first)
	}
	return rep, out, nil
}

// ReadVerified reads the register in dir without opening it for writing
// (a server may hold it) and returns the entries that verify: the
// checkpoint's signature by the register's own key, and each entry's
// commitment against the log's entry at its index (CheckJournal). Counts,
// checks and the API use these; the report says what was left out.
func ReadVerified(ctx context.Context, dir string) ([]clairvoie.Receipt, JournalReport, error) {
	key, err := VerifierKey(dir)
	if err != nil {
		return nil, JournalReport{}, err
	}
	leaves, err := readLeaves(ctx, DirSource(dir), key)
	if err != nil {
		return nil, JournalReport{}, err
	}
	rep, rs, err := CheckJournal(dir, leaves)
	return rs, rep, err
}

// readLeaves reads the checkpoint (checking its signature) and the data of
// every entry it covers.
func readLeaves(ctx context.Context, src Source, verifierKey string) ([][]byte, error) {
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "verifier key: %v", err)
	}
	cp, _, _, err := client.FetchCheckpoint(ctx, src.ReadCheckpoint, v, v.Name())
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil // no checkpoint yet: nothing is covered
		}
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	out := make([][]byte, 0, cp.Size)
	err = leaves(ctx, cp.Size, src.ReadEntryBundle, func(_ uint64, data []byte) error {
		out = append(out, append([]byte(nil), data...))
		return nil
	})
	return out, err
}
