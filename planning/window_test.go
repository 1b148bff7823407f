package planning_test

import (
	"testing"

	"github.com/clairvoie/clairvoie/planning"
)

func TestParseHourRange(t *testing.T) {
	for in, want := range map[string][2]int{"18-24": {18, 24}, "18:00-24:00": {18, 24}, "22-2": {22, 26}, "8h-13h": {8, 13}, "0-24": {0, 24}, "18–24": {18, 24}} {
		if a, b, err := planning.ParseHourRange(in); err != nil || a != want[0] || b != want[1] {
			t.Errorf("%q: %d-%d, %v", in, a, b, err)
		}
	}
	for _, bad := range []string{"", "18", "24-2", "18-18", "-1-4", "18-25", "soir", "18:30-20"} {
		if _, _, err := planning.ParseHourRange(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Whatever it reads is a window of 1 to 24 hours starting within the day.
func FuzzParseHourRange(f *testing.F) {
	f.Add("18-24")
	f.Add("22-2")
	f.Fuzz(func(t *testing.T, s string) {
		a, b, err := planning.ParseHourRange(s)
		if err != nil {
			return
		}
		if a < 0 || a > 23 || b <= a || b-a > 24 || b > 47 {
			t.Fatalf("%q: %d-%d", s, a, b)
		}
	})
}
