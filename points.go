package clairvoie

import (
	"errors"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// ParsePoints reads the text form of a route or an area in the calendar's
// files: "lon lat; lon lat; …", WGS 84 degrees (a decimal comma is read).
func ParsePoints(s string) ([]orb.Point, error) {
	var out []orb.Point
	for _, part := range strings.Split(s, ";") {
		f := strings.Fields(strings.ReplaceAll(part, ",", "."))
		if len(f) != 2 {
			return nil, errors.New(`expected "lon lat; lon lat; …"`)
		}
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil || !(x >= -180 && x <= 180 && y >= -90 && y <= 90) {
			return nil, errors.New("expected longitudes and latitudes in WGS 84 degrees")
		}
		out = append(out, orb.Point{x, y})
	}
	return out, nil
}

// FormatPoints writes points in the form ParsePoints reads.
func FormatPoints(pts []orb.Point) string {
	parts := make([]string, len(pts))
	for i, p := range pts {
		parts[i] = strconv.FormatFloat(p[0], 'f', -1, 64) + " " + strconv.FormatFloat(p[1], 'f', -1, 64)
	}
	return strings.Join(parts, "; ")
}
