package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// strictTable is a CSV file with a fixed set of columns (the usage ledger,
// the conduit edges): a byte-order mark skipped, the separator sniffed,
// and a header refused when a column is unknown, personal-looking or
// repeated. col maps a lower-cased column name to its index. Every cell is
// checked as text (UTF-8, no control characters, bounded) and, unless
// raw is set, screened for personal data.
type strictTable struct {
	file string
	cr   *csv.Reader
	col  map[string]int
	// raw skips the personal-data screen of cells, for the register's
	// exports: their agent column holds logins, which are pseudonymised,
	// and every entry is screened once built (RegisterEntry.Validate).
	raw   bool
	order []string
}

// openStrict reads the header. header says what a header line holds,
// columns which columns are allowed, both as an ImportError's Expected.
func openStrict(r io.Reader, file string, allowed map[string]bool, header, columns string) (*strictTable, error) {
	fail := func(field, expected string, err error) (*strictTable, error) {
		return nil, &clairvoie.ImportError{File: file, Line: 1, Field: field, Expected: expected, Err: err}
	}
	t := &strictTable{file: file, cr: newCSVReader(bufio.NewReader(&lineLimit{r: r})), col: map[string]int{}}
	names, err := t.cr.Read()
	if err != nil {
		return fail("", header, nil)
	}
	if len(names) > clairvoie.MaxFieldsPerItem {
		return fail("", "at most "+strconv.Itoa(clairvoie.MaxFieldsPerItem)+" columns", nil)
	}
	for i, h := range names {
		if p := clairvoie.TextProblem(h, clairvoie.MaxKeyBytes); p != "" {
			return fail("(column "+strconv.Itoa(i+1)+")", p, nil)
		}
		h = strings.TrimSpace(strings.ToLower(h))
		if !allowed[h] {
			if why := clairvoie.ScreenKey(h); why != "" {
				return fail(names[i], "", &clairvoie.PersonalDataError{Key: names[i], Reason: why})
			}
			return fail(names[i], columns, nil)
		}
		if _, dup := t.col[h]; dup {
			return fail(h, "column names to be unique", nil)
		}
		t.col[h] = i
	}
	return t, nil
}

// newCSVReader reads CSV from br: a byte-order mark skipped, the separator
// sniffed from the first line.
func newCSVReader(br *bufio.Reader) *csv.Reader {
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniff(br)
	return cr
}

// next returns the next record and its line, io.EOF at the end, or an
// ImportError naming the line of a malformed record.
func (t *strictTable) next() ([]string, int, error) {
	rec, err := t.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.Line, &clairvoie.ImportError{File: t.file, Line: pe.Line, Expected: "well-formed CSV", Err: pe.Err}
		}
		return nil, 0, &clairvoie.ImportError{File: t.file, Expected: "well-formed CSV", Err: err}
	}
	line, _ := t.cr.FieldPos(0)
	names := t.names()
	for i, v := range rec {
		name := "column " + strconv.Itoa(i+1)
		if i < len(names) {
			name = names[i]
		}
		if p := clairvoie.ValueProblem(v); p != "" {
			return nil, line, &clairvoie.ImportError{File: t.file, Line: line, Field: name, Expected: p}
		}
		if !t.raw {
			if pe := clairvoie.ScreenField(name, v, nil); pe != nil {
				return nil, line, &clairvoie.ImportError{File: t.file, Line: line, Field: name, Err: pe}
			}
		}
	}
	return rec, line, nil
}

// names are the table's columns in file order.
func (t *strictTable) names() []string {
	if t.order == nil {
		t.order = make([]string, len(t.col))
		for name, i := range t.col {
			t.order[i] = name
		}
	}
	return t.order
}

// get is a record's trimmed value in a column, "" when the column is absent.
func (t *strictTable) get(rec []string, name string) string {
	if i, ok := t.col[name]; ok {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// MaxLineBytes bounds one line of a CSV file: a file without a newline
// in its first megabyte is refused, not held in memory whole.
const MaxLineBytes = 1 << 20

// errLineTooLong is what lineLimit reads when a line is over MaxLineBytes.
var errLineTooLong = errors.New("a line of more than 1 MiB (is it really a CSV file?)")

// lineLimit reads from r, failing once a line runs over MaxLineBytes.
type lineLimit struct {
	r   io.Reader
	run int
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			l.run = 0
			continue
		}
		l.run++
		if l.run > MaxLineBytes {
			return i, errLineTooLong
		}
	}
	return n, err
}
