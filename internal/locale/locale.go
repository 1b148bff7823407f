// Package locale writes numbers and dates as French and English readers
// expect them, one formatter per language: 1 968 and 1,968; 0,14 and 0.14;
// 95 % and 95%; 10 mars 2024 and 10 March 2024. The server's sentences go
// through it; the web app has its twin in web/static/i18n.js (Intl).
package locale

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Lang is a language of the interface.
type Lang string

// The interface's languages, French first.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// nnbsp is the narrow no-break space French puts between groups of digits
// and before % (and that keeps "95 %" on one line).
const nnbsp = "\u202f"

// Int writes a whole number with its thousands grouped.
func Int(l Lang, n int) string {
	return group(l, strconv.Itoa(n))
}

// Dec writes v with digits decimals (-1: as few as say v exactly),
// thousands grouped.
func Dec(l Lang, v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(v, 'f', digits, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "-0" && strings.Trim(frac, "0") == "" {
		whole = "0"
	}
	out := group(l, whole)
	if frac == "" {
		return out
	}
	if l == FR {
		return out + "," + frac
	}
	return out + "." + frac
}

// Pct writes a share (0.95) as a percentage with digits decimals.
func Pct(l Lang, share float64, digits int) string {
	if l == FR {
		return Dec(l, 100*share, digits) + nnbsp + "%"
	}
	return Dec(l, 100*share, digits) + "%"
}

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Date writes a day: "1er mars 2024", "10 March 2024".
func Date(l Lang, t time.Time) string {
	if l == FR {
		d := strconv.Itoa(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return d + " " + monthsFR[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("2 January 2006")
}

// group inserts the thousands separator into a string of digits, with an
// optional leading minus.
func group(l Lang, s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if l == FR {
		sep = nnbsp
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
