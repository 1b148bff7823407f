package clairvoie

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// ParseStatus reads a status name.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses() {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown status %q: planned, active, out_of_service or removed", s)
}

// ParseBBox reads "min_lon,min_lat,max_lon,max_lat".
func ParseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, fmt.Errorf("bbox %q: expected min_lon,min_lat,max_lon,max_lat", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, ok := ParseFinite(p)
		if !ok || strings.Contains(p, ",") {
			return orb.Bound{}, fmt.Errorf("bbox %q: %q is not a number", s, p)
		}
		v[i] = f
	}
	if v[0] > v[2] || v[1] > v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 {
		return orb.Bound{}, fmt.Errorf("bbox %q: expected min_lon ≤ max_lon and min_lat ≤ max_lat within WGS 84", s)
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}
