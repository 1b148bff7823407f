package clairvoie

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// Reviewed is a review file: the exact values a clerk accepted knowingly
// after the screen refused them as possibly a person's name ("Jean Jaurès"
// the metro station, "E. Leclerc" the shop). One value per line, UTF-8;
// empty lines and lines starting with "#" are ignored. A contact (e-mail,
// phone, IBAN, NIR, plate) is never accepted, whatever the file says.
//
// An import that used one records it in the source's provenance
// (SourceReview): the file's name and SHA-256, and how many of its values
// were met, so that anyone can tell which refusals a person overrode.
type Reviewed struct {
	File   string
	SHA256 string
	values map[string]bool

	mu   sync.Mutex
	used map[string]bool
}

// ReadReviewed reads a review file.
func ReadReviewed(r io.Reader, file string) (*Reviewed, error) {
	h := sha256.New()
	sc := bufio.NewScanner(io.TeeReader(io.LimitReader(r, 16<<20), h))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	rv := &Reviewed{File: file, values: map[string]bool{}, used: map[string]bool{}}
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSuffix(sc.Text(), "\r")
		if !utf8.ValidString(l) {
			return nil, &ImportError{File: file, Line: n, Expected: "UTF-8 text"}
		}
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		rv.values[strings.TrimSpace(l)] = true
	}
	if err := sc.Err(); err != nil {
		return nil, &ImportError{File: file, Expected: "lines of at most 64 KiB", Err: err}
	}
	rv.SHA256 = hex.EncodeToString(h.Sum(nil))
	return rv, nil
}

// accepts says whether the clerk accepted v, and remembers that it was met.
func (rv *Reviewed) accepts(v string) bool {
	if rv == nil {
		return false
	}
	v = strings.TrimSpace(v)
	if !rv.values[v] {
		return false
	}
	rv.mu.Lock()
	rv.used[v] = true
	rv.mu.Unlock()
	return true
}

// Review is what the source's provenance records of it.
func (rv *Reviewed) Review() *SourceReview {
	if rv == nil {
		return nil
	}
	return &SourceReview{File: rv.File, SHA256: rv.SHA256, Values: len(rv.values)}
}

// Accepted is how many of the file's values were met and accepted so far.
func (rv *Reviewed) Accepted() int {
	if rv == nil {
		return 0
	}
	rv.mu.Lock()
	defer rv.mu.Unlock()
	return len(rv.used)
}

// SourceReview records that a source was imported with a clerk's review
// file: which file (its base name and SHA-256) and how many values it
// accepts.
type SourceReview struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Values int    `json:"values"`
}

// Encode is the review as the stores keep it: JSON, or "" for none.
func (r *SourceReview) Encode() string {
	if r == nil {
		return ""
	}
	b, _ := json.Marshal(r) // a struct of strings and ints always marshals
	return string(b)
}

// DecodeSourceReview reads what Encode wrote.
func DecodeSourceReview(s string) (*SourceReview, error) {
	if s == "" {
		return nil, nil
	}
	var r SourceReview
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	return &r, nil
}
