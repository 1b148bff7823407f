package witness

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

// Answer is the witness's answer to an add-checkpoint request: the HTTP
// status, its body and content type.
type Answer struct {
	Status      int
	Body        []byte
	ContentType string
}

func refuse(status int, format string, args ...any) Answer {
	return Answer{Status: status, Body: []byte(fmt.Sprintf(format, args...) + "\n"), ContentType: "text/plain; charset=utf-8"}
}

// Request is a parsed add-checkpoint body: the old size, the consistency
// proof from it, the checkpoint (a signed note).
type Request struct {
	Old        uint64
	Proof      [][]byte
	Checkpoint []byte
}

// Bytes is the request as an add-checkpoint body: "old N", the proof's
// hashes in base64, an empty line, the checkpoint.
func (r Request) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("old " + encodeSize(r.Old) + "\n")
	for _, h := range r.Proof {
		b.WriteString(base64.StdEncoding.EncodeToString(h) + "\n")
	}
	b.WriteString("\n")
	b.Write(r.Checkpoint)
	return b.Bytes()
}

// ParseRequest reads an add-checkpoint body (C2SP tlog-witness): "old N",
// up to 63 base64 hashes, an empty line, a checkpoint. Every line ends in
// a newline.
func ParseRequest(body []byte) (Request, error) {
	var r Request
	line, rest, ok := bytes.Cut(body, []byte("\n"))
	if !ok || !bytes.HasPrefix(line, []byte("old ")) {
		return r, errors.New(`the body must begin with "old N\n"`)
	}
	digits := string(line[len("old "):])
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || encodeSize(n) != digits {
		return r, fmt.Errorf("old size %q: a decimal without leading zeroes", digits)
	}
	r.Old = n
	for {
		line, rest, ok = bytes.Cut(rest, []byte("\n"))
		if !ok {
			return r, errors.New("no empty line before the checkpoint")
		}
		if len(line) == 0 {
			break
		}
		if len(r.Proof) == maxProofs {
			return r, fmt.Errorf("more than %d consistency proof lines", maxProofs)
		}
		h, err := base64.StdEncoding.DecodeString(string(line))
		if err != nil || len(h) != rfc6962.DefaultHasher.Size() {
			return r, fmt.Errorf("proof line %d: a base64 SHA-256 hash", len(r.Proof)+1)
		}
		r.Proof = append(r.Proof, h)
	}
	if len(rest) == 0 || rest[len(rest)-1] != '\n' {
		return r, errors.New("the checkpoint must end in a newline")
	}
	r.Checkpoint = rest
	return r, nil
}

// Add handles an add-checkpoint request body. It cosigns the checkpoint
// only if its origin is followed, one of its signatures verifies with the
// log's key, the old size is the size of the latest checkpoint the witness
// cosigned for it, and the proof shows that the new tree extends that one;
// it records the checkpoint durably before answering.
func (w *Witness) Add(body []byte) Answer {
	req, err := ParseRequest(body)
	if err != nil {
		return refuse(http.StatusBadRequest, "%v", err)
	}
	origin, _, _ := bytes.Cut(req.Checkpoint, []byte("\n"))
	w.mu.Lock()
	defer w.mu.Unlock()
	v, ok := w.logs[string(origin)]
	if !ok {
		return refuse(http.StatusNotFound, "this witness does not follow %q", origin)
	}
	n, err := note.Open(req.Checkpoint, note.VerifierList(v))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		if errors.As(err, &unverified) {
			return refuse(http.StatusForbidden, "no signature verifies with the key this witness trusts for %q", origin)
		}
		return refuse(http.StatusBadRequest, "the checkpoint: %v", err)
	}
	var cp log.Checkpoint
	if _, err := cp.Unmarshal([]byte(n.Text)); err != nil || cp.Origin != string(origin) {
		return refuse(http.StatusBadRequest, "the checkpoint: %v", err)
	}
	if req.Old > cp.Size {
		return refuse(http.StatusBadRequest, "old size %d is larger than the checkpoint's %d", req.Old, cp.Size)
	}
	st := w.state[cp.Origin]
	var size uint64
	var root []byte
	if st != nil {
		size, root = st.Size, st.Root
	}
	if req.Old != size {
		return Answer{Status: http.StatusConflict, Body: []byte(encodeSize(size) + "\n"), ContentType: "text/x.tlog.size"}
	}
	switch {
	case req.Old == cp.Size && st != nil:
		if len(req.Proof) != 0 || !bytes.Equal(root, cp.Hash) {
			return refuse(http.StatusConflict, "size %d was cosigned with another root: a fork", cp.Size)
		}
	case req.Old == 0:
		if len(req.Proof) != 0 {
			return refuse(http.StatusBadRequest, "the proof must be empty from size 0")
		}
	default:
		if err := proof.VerifyConsistency(rfc6962.DefaultHasher, req.Old, cp.Size, req.Proof, root, cp.Hash); err != nil {
			return refuse(http.StatusUnprocessableEntity, "the consistency proof from %d to %d does not verify: this checkpoint does not extend the one cosigned", req.Old, cp.Size)
		}
	}
	next := &State{Origin: cp.Origin, Size: cp.Size, Root: cp.Hash, Checkpoint: string(req.Checkpoint)}
	if st == nil || st.Size != next.Size {
		b, err := jsonState(next)
		if err == nil {
			err = writeFile(statePath(w.dir, cp.Origin), b, 0o600)
		}
		if err != nil {
			return refuse(http.StatusServiceUnavailable, "recording the checkpoint failed; nothing was cosigned")
		}
		w.state[cp.Origin] = next
	}
	if w.afterPersist != nil {
		w.afterPersist()
	}
	sig, err := w.sigLine(n.Text)
	if err != nil {
		return refuse(http.StatusInternalServerError, "signing failed")
	}
	return Answer{Status: http.StatusOK, Body: sig, ContentType: "text/plain; charset=utf-8"}
}
