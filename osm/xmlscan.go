package osm

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small streaming reader for the subset of XML that
// OpenStreetMap files use: elements with quoted attributes, self-closing
// tags, comments, processing instructions, a DOCTYPE and the five named
// entities plus numeric character references. It reads ten times faster
// than encoding/xml's reflection-based decoding (see BENCHMARKS.md), which
// matters for country-sized extracts. It checks that elements nest and
// reports errors with their line.
type xmlScanner struct {
	r     *bufio.Reader
	line  int
	stack []string

	// The current element, valid after next returns elemStart or elemEnd.
	name  []byte
	attrs []xmlAttr
	buf   []byte
}

type xmlAttr struct {
	name, value []byte
}

type xmlEvent int

const (
	evEOF xmlEvent = iota
	evStart
	evEnd // also sent right after evStart for a self-closing element
)

type xmlSyntaxError struct {
	Line int
	Msg  string
}

func (e *xmlSyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: bufio.NewReaderSize(r, 1<<16), line: 1}
}

func (s *xmlScanner) fail(format string, args ...any) error {
	return &xmlSyntaxError{Line: s.line, Msg: fmt.Sprintf(format, args...)}
}

func (s *xmlScanner) readByte() (byte, error) {
	b, err := s.r.ReadByte()
	if b == '\n' {
		s.line++
	}
	return b, err
}

// next returns the next start or end of an element, skipping text.
func (s *xmlScanner) next(pendingEnd *bool) (xmlEvent, error) {
	if *pendingEnd {
		*pendingEnd = false
		s.stack = s.stack[:len(s.stack)-1]
		return evEnd, nil
	}
	for {
		b, err := s.readByte()
		if err == io.EOF {
			if len(s.stack) > 0 {
				return evEOF, s.fail("unexpected end of file inside <%s>", s.stack[len(s.stack)-1])
			}
			return evEOF, nil
		}
		if err != nil {
			return evEOF, err
		}
		if b != '<' {
			continue // text between elements: OSM has none that matters
		}
		c, err := s.readByte()
		if err != nil {
			return evEOF, s.fail("unexpected end of file after <")
		}
		switch c {
		case '?':
			if err := s.skipUntil("?>"); err != nil {
				return evEOF, err
			}
			continue
		case '!':
			if err := s.skipBang(); err != nil {
				return evEOF, err
			}
			continue
		case '/':
			name, err := s.readName(0)
			if err != nil {
				return evEOF, err
			}
			if err := s.skipSpace(); err != nil {
				return evEOF, err
			}
			if b, err := s.readByte(); err != nil || b != '>' {
				return evEOF, s.fail("expected > to close </%s>", name)
			}
			if len(s.stack) == 0 || s.stack[len(s.stack)-1] != string(name) {
				return evEOF, s.fail("unexpected </%s>", name)
			}
			s.name = append(s.name[:0], name...)
			s.stack = s.stack[:len(s.stack)-1]
			return evEnd, nil
		default:
			name, err := s.readName(c)
			if err != nil {
				return evEOF, err
			}
			s.name = append(s.name[:0], name...)
			selfClosing, err := s.readAttrs()
			if err != nil {
				return evEOF, err
			}
			s.stack = append(s.stack, string(s.name))
			*pendingEnd = selfClosing
			return evStart, nil
		}
	}
}

func isNameByte(b byte) bool {
	return b == ':' || b == '_' || b == '-' || b == '.' || b >= 0x80 ||
		('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || ('0' <= b && b <= '9')
}

// readName reads an element or attribute name; first, if not 0, is its first byte.
func (s *xmlScanner) readName(first byte) ([]byte, error) {
	s.buf = s.buf[:0]
	if first != 0 {
		if !isNameByte(first) {
			return nil, s.fail("expected a name, got %q", first)
		}
		s.buf = append(s.buf, first)
	}
	for {
		b, err := s.readByte()
		if err != nil {
			return nil, s.fail("unexpected end of file in a name")
		}
		if !isNameByte(b) {
			if len(s.buf) == 0 {
				return nil, s.fail("expected a name, got %q", b)
			}
			s.r.UnreadByte()
			if b == '\n' {
				s.line--
			}
			return s.buf, nil
		}
		s.buf = append(s.buf, b)
	}
}

func (s *xmlScanner) skipSpace() error {
	for {
		b, err := s.readByte()
		if err != nil {
			return s.fail("unexpected end of file")
		}
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			s.r.UnreadByte()
			if b == '\n' {
				s.line--
			}
			return nil
		}
	}
}

// readAttrs reads the attributes of a start tag up to > or />.
func (s *xmlScanner) readAttrs() (selfClosing bool, err error) {
	s.attrs = s.attrs[:0]
	for {
		if err := s.skipSpace(); err != nil {
			return false, err
		}
		b, _ := s.readByte()
		switch b {
		case '>':
			return false, nil
		case '/':
			if b, err := s.readByte(); err != nil || b != '>' {
				return false, s.fail("expected /> to close <%s", s.name)
			}
			return true, nil
		}
		name, err := s.readName(b)
		if err != nil {
			return false, err
		}
		a := xmlAttr{name: append([]byte(nil), name...)}
		if err := s.skipSpace(); err != nil {
			return false, err
		}
		if b, _ := s.readByte(); b != '=' {
			return false, s.fail("expected = after attribute %s", a.name)
		}
		if err := s.skipSpace(); err != nil {
			return false, err
		}
		q, _ := s.readByte()
		if q != '"' && q != '\'' {
			return false, s.fail("expected a quoted value for attribute %s", a.name)
		}
		raw, err := s.r.ReadSlice(q)
		if err != nil {
			return false, s.fail("unterminated value for attribute %s", a.name)
		}
		s.line += bytes.Count(raw, []byte{'\n'})
		if bytes.IndexByte(raw, '<') >= 0 {
			return false, s.fail("< in the value of attribute %s", a.name)
		}
		v, err := unescape(raw[:len(raw)-1])
		if err != nil {
			return false, s.fail("attribute %s: %v", a.name, err)
		}
		a.value = v
		s.attrs = append(s.attrs, a)
	}
}

func (s *xmlScanner) skipUntil(end string) error {
	matched := 0
	for {
		b, err := s.readByte()
		if err != nil {
			return s.fail("unexpected end of file, expected %s", end)
		}
		if b == end[matched] {
			matched++
			if matched == len(end) {
				return nil
			}
		} else if b == end[0] {
			matched = 1
		} else {
			matched = 0
		}
	}
}

// skipBang skips a comment, a CDATA section or a DOCTYPE.
func (s *xmlScanner) skipBang() error {
	peek, _ := s.r.Peek(7)
	switch {
	case bytes.HasPrefix(peek, []byte("--")):
		s.r.Discard(2)
		return s.skipUntil("-->")
	case bytes.HasPrefix(peek, []byte("[CDATA[")):
		s.r.Discard(7)
		return s.skipUntil("]]>")
	}
	return s.skipUntil(">")
}

// unescape decodes the five named entities and numeric references.
func unescape(b []byte) ([]byte, error) {
	if bytes.IndexByte(b, '&') < 0 {
		return append([]byte(nil), b...), nil
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '&' {
			out = append(out, b[i])
			continue
		}
		j := bytes.IndexByte(b[i:], ';')
		if j < 0 {
			return nil, fmt.Errorf("unterminated entity")
		}
		ent := string(b[i+1 : i+j])
		switch ent {
		case "amp":
			out = append(out, '&')
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			var n uint64
			var err error
			switch {
			case len(ent) > 2 && (ent[:2] == "#x" || ent[:2] == "#X"):
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			case len(ent) > 1 && ent[0] == '#':
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				return nil, fmt.Errorf("unknown entity &%s;", ent)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return nil, fmt.Errorf("bad character reference &%s;", ent)
			}
			out = utf8.AppendRune(out, rune(n))
		}
		i += j
	}
	return out, nil
}
