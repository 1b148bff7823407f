// Package flatjson writes and reads flat JSON objects of strings — the
// canonical text of a camera's tags — without encoding/json's reflection,
// which dominated the cost of storing and serving cameras (BENCHMARKS.md).
// Its output is what encoding/json writes for valid UTF-8 (keys sorted,
// HTML characters not escaped); it reads any JSON object of strings.
package flatjson

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"unicode/utf8"
)

// Encode writes m as a JSON object with sorted keys.
func Encode(m map[string]string) []byte {
	keys := make([]string, 0, len(m))
	size := 2
	for k, v := range m {
		keys = append(keys, k)
		size += len(k) + len(v) + 6
	}
	sort.Strings(keys)
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendString(b, k)
		b = append(b, ':')
		b = AppendString(b, m[k])
	}
	return append(b, '}')
}

// AppendString appends s as a JSON string. Invalid UTF-8 is replaced by
// U+FFFD.
func AppendString(b []byte, s string) []byte {
	s = strings.ToValidUTF8(s, "\uFFFD")
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			const hex = "0123456789abcdef"
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

var errSyntax = errors.New("flatjson: not a JSON object of strings")

// Decode reads a JSON object whose values are all strings.
func Decode(b []byte) (map[string]string, error) {
	d := decoder{b: b}
	d.space()
	if !d.eat('{') {
		return nil, errSyntax
	}
	m := make(map[string]string, 16)
	d.space()
	if d.eat('}') {
		return m, d.end()
	}
	for {
		d.space()
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.space()
		if !d.eat(':') {
			return nil, errSyntax
		}
		d.space()
		v, err := d.str()
		if err != nil {
			return nil, err
		}
		m[k] = v
		d.space()
		if d.eat('}') {
			return m, d.end()
		}
		if !d.eat(',') {
			return nil, errSyntax
		}
	}
}

type decoder struct {
	b []byte
	i int
}

func (d *decoder) space() {
	for d.i < len(d.b) && (d.b[d.i] == ' ' || d.b[d.i] == '\n' || d.b[d.i] == '\t' || d.b[d.i] == '\r') {
		d.i++
	}
}

func (d *decoder) eat(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *decoder) end() error {
	d.space()
	if d.i != len(d.b) {
		return errSyntax
	}
	return nil
}

func (d *decoder) str() (string, error) {
	if !d.eat('"') {
		return "", errSyntax
	}
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		if c == '"' {
			s := string(d.b[start:d.i])
			d.i++
			return s, nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break // the slow path handles escapes and checks UTF-8
		}
		d.i++
	}
	// Slow path: find the closing quote, let encoding/json decode the string.
	j := d.i
	for j < len(d.b) {
		if d.b[j] == '\\' {
			j += 2
			continue
		}
		if d.b[j] == '"' {
			var s string
			if err := json.Unmarshal(d.b[start-1:j+1], &s); err != nil {
				return "", errSyntax
			}
			d.i = j + 1
			return s, nil
		}
		j++
	}
	return "", errSyntax
}
