package clairvoie

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on what one record may hold. An input over them is refused, never
// cut: a value that long is a mistake (or an attack), not a name.
const (
	MaxKeyBytes      = 200  // a column, property or tag name
	MaxValueBytes    = 1000 // one value
	MaxFieldsPerItem = 500  // columns of a CSV line, properties or tags of a feature
)

// TextProblem says what is wrong with a text meant to be stored — not
// UTF-8, a control character, a character that reorders what a reader sees
// — or returns "" when there is nothing wrong. max bounds its length in
// bytes (0: no bound).
func TextProblem(s string, max int) string {
	if max > 0 && len(s) > max {
		return "at most " + strconv.Itoa(max) + " bytes (got " + strconv.Itoa(len(s)) + ")"
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return "text without control characters (found U+" + hex4(rune(c)) + " at byte " + strconv.Itoa(i) + ")"
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return "UTF-8 text (byte " + strconv.Itoa(i) + " is not UTF-8: is the file in Windows-1252 or Latin-1? convert it, or import it with --encoding windows-1252)"
		case r >= 0x80 && r <= 0x9f:
			return "text without control characters (found U+" + hex4(r) + ")"
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
			return "text without bidirectional controls (found U+" + hex4(r) + ", which reorders what a reader sees)"
		case r == 0xfeff && i > 0:
			return "text without a byte-order mark inside it"
		}
		i += n
	}
	return ""
}

func hex4(r rune) string {
	s := strconv.FormatInt(int64(r), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// ValueProblem is TextProblem for one stored value (bounded to
// MaxValueBytes), and refuses a value a spreadsheet would run as a formula
// (CSV injection): one that starts with =, +, -, @, a tab or a carriage
// return, unless it is a number ("-3.5") or that sign alone.
func ValueProblem(v string) string {
	if p := TextProblem(v, MaxValueBytes); p != "" {
		return p
	}
	if FormulaLike(v) {
		return "a value that does not start with =, +, - or @ unless it is a number (a spreadsheet would run it as a formula)"
	}
	return ""
}

// FormulaLike says whether a spreadsheet could read s as a formula: it
// starts with =, +, -, @, a tab or a carriage return (or their full-width
// forms), after any other leading space (values are stored trimmed, and a
// spreadsheet may trim them too), and is neither a plain number nor that
// sign alone.
func FormulaLike(s string) bool {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return r != '\t' && r != '\r' && unicode.IsSpace(r) })
	if s == "" {
		return false
	}
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
	default:
		return false
	}
	if n == len(s) && r != '=' && r != '＝' {
		return false // "-" for "nothing", "+" alone
	}
	return !plainNumber(s)
}

// plainNumber says whether s is a decimal number, comma or point.
func plainNumber(s string) bool {
	s = strings.Replace(s, ",", ".", 1)
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return false
	}
	return !strings.ContainsAny(strings.ToLower(s), "infxp_")
}

// ParseFinite reads a plain decimal number (a point or one decimal comma),
// refusing NaN, infinities, hexadecimal and anything else ParseFloat would
// take that a person does not write.
func ParseFinite(s string) (float64, bool) {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	if s == "" || strings.ContainsAny(strings.ToLower(s), "infxp_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f {
		return 0, false
	}
	return f, true
}
