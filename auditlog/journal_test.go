package auditlog

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
)

// Many writers at once share syncs: while busy, the journal syncs at most
// once per commitDelay, so 256 writers appending 10 entries each (2,560
// synced requests) need about a dozen syncs, not a hundred. A single writer
// is never held back: each of its appends is synced as it comes.
func TestJournalGroupCommit(t *testing.T) {
	rec := func(w, i int) []record {
		e := clairvoie.RegisterEntry{Kind: clairvoie.RegisterViewing, At: time.Now().Add(-time.Minute), Cameras: []string{fmt.Sprintf("C-%d-%d", w, i)}}
		return []record{newRecord(e, []byte(fmt.Sprintf("salt-%d-%d", w, i)))}
	}
	t.Run("many writers", func(t *testing.T) {
		j, err := openJournal(filepath.Join(t.TempDir(), "journal.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		defer j.close()
		const writers, each = 256, 10
		var wg sync.WaitGroup
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					// Between two appends, a writer waits on the log and
					// on its client: arrivals spread out, as in a server.
					time.Sleep(time.Duration(rand.IntN(4000)) * time.Microsecond)
					if err := j.add(rec(w, i)); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		// Without the delay: 100 to 160 syncs here (as many as the disk
		// allows while arrivals trickle in); with it, about one per round.
		if n := j.syncs.Load(); n > writers*each/64 {
			t.Errorf("%d writers × %d appends: %d syncs, want at most %d", writers, each, n, writers*each/64)
		}
		if got := len(j.snapshot()); got != writers*each {
			t.Errorf("journal holds %d records, want %d", got, writers*each)
		}
	})
	t.Run("one writer", func(t *testing.T) {
		j, err := openJournal(filepath.Join(t.TempDir(), "journal.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		defer j.close()
		for i := 0; i < 20; i++ {
			if err := j.add(rec(0, i)); err != nil {
				t.Fatal(err)
			}
		}
		if n, h := j.syncs.Load(), j.holds.Load(); n != 20 || h != 0 {
			t.Errorf("one writer, 20 appends: %d syncs, %d held back; want 20 syncs, none held back", n, h)
		}
	})
}
