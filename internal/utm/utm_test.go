package utm

import (
	"math"
	"testing"
)

func TestRoundTripAndAnchors(t *testing.T) {
	z10, _ := ParseZone("10N")
	// The central meridian at the equator is (500000, 0).
	if e, n := z10.FromLonLat(-123, 0); math.Abs(e-500000) > 1e-6 || math.Abs(n) > 1e-6 {
		t.Errorf("origin: %v %v", e, n)
	}
	// On the central meridian the northing is k0 times the meridian arc;
	// WGS 84's arc from the equator to 45° N is 4,984,944.378 m.
	if e, n := z10.FromLonLat(-123, 45); math.Abs(e-500000) > 1e-6 || math.Abs(n-0.9996*4984944.378) > 0.01 {
		t.Errorf("45° N: %v %v, want 500000 %v", e, n, 0.9996*4984944.378)
	}
	// Snyder's worked example (p. 269), on Clarke 1866: 73.5° W, 40.5° N
	// in zone 18 is x = 127,106.5 m from the central meridian; WGS 84 moves
	// it by metres (and the northing by about 200 m).
	z18, _ := ParseZone("18n")
	if e, n := z18.FromLonLat(-73.5, 40.5); math.Abs(e-627106.5) > 10 || math.Abs(n-4484124.4) > 300 {
		t.Errorf("Snyder's example: %v %v", e, n)
	}
	for _, p := range [][3]float64{{10, -123.1336, 49.2826}, {10, -125.9, 48.1}, {31, 2.35, 48.85}, {31, 5.39, 43.27}, {23, -46.63, -23.55}} {
		z := Zone{Number: int(p[0]), North: p[2] > 0}
		e, n := z.FromLonLat(p[1], p[2])
		lon, lat := z.ToLonLat(e, n)
		if math.Abs(lon-p[1]) > 1e-7 || math.Abs(lat-p[2]) > 1e-7 {
			t.Errorf("%v: round trip gives %v %v", p, lon, lat)
		}
	}
	// Vancouver's West End: the first row of the 2020 thefts.
	lon, lat := z10.ToLonLat(490320.299, 5458606.9208)
	if math.Abs(lon+123.1336) > 0.01 || math.Abs(lat-49.2826) > 0.01 {
		t.Errorf("Burnaby St: %v %v", lon, lat)
	}
	for _, bad := range []string{"", "N", "0N", "61S", "10X", "dixN"} {
		if _, err := ParseZone(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
