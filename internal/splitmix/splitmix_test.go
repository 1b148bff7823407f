package splitmix

import "testing"

// The first outputs for seed 1234567 published with Vigna's reference
// splitmix64.c; a change to the constants or shifts breaks this test.
func TestReferenceSequence(t *testing.T) {
	r := Rand{S: 1234567}
	want := []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423}
	for i, w := range want {
		if got := r.Next(); got != w {
			t.Fatalf("output %d = %d, want %d", i, got, w)
		}
	}
}

func TestFloatAndIntnRanges(t *testing.T) {
	r := Rand{S: 42}
	for i := 0; i < 10000; i++ {
		if f := r.Float(); f < 0 || f >= 1 {
			t.Fatalf("Float() = %v, outside [0,1)", f)
		}
		if n := r.Intn(7); n < 0 || n >= 7 {
			t.Fatalf("Intn(7) = %d", n)
		}
	}
}
