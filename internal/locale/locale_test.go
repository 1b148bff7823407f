package locale

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	n := func(s string) string { return strings.ReplaceAll(s, "\u202f", " ") }
	for _, tc := range []struct{ got, want string }{
		{n(Int(FR, 1968)), "1 968"}, {Int(EN, 1968), "1,968"}, {Int(FR, 999), "999"}, {n(Int(FR, -1234567)), "-1 234 567"},
		{Int(EN, 0), "0"}, {n(Dec(FR, 5400000.25, 2)), "5 400 000,25"}, {Dec(EN, 0.1449, 2), "0.14"}, {Dec(FR, 7.6, 1), "7,6"},
		{Dec(FR, -0.0001, 2), "0,00"}, {Dec(EN, math.NaN(), 1), "—"}, {Dec(FR, 12, 0), "12"},
		{n(Pct(FR, 0.9512, 0)), "95 %"}, {Pct(EN, 0.222, 1), "22.2%"}, {n(Pct(FR, 0.222, 1)), "22,2 %"},
		{Date(FR, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)), "1er mars 2024"}, {Date(FR, time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC)), "15 août 2026"},
		{Date(EN, time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)), "10 March 2024"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
