package clairvoie

import (
	"errors"
	"math"
	"strings"
)

// compass maps the sixteen compass points, in English and French, to bearings.
var compass = map[string]float64{
	"N": 0, "NNE": 22.5, "NE": 45, "ENE": 67.5, "E": 90, "ESE": 112.5, "SE": 135, "SSE": 157.5,
	"S": 180, "SSW": 202.5, "SW": 225, "WSW": 247.5, "W": 270, "WNW": 292.5, "NW": 315, "NNW": 337.5,
	// French: O for ouest.
	"SSO": 202.5, "SO": 225, "OSO": 247.5, "O": 270, "ONO": 292.5, "NO": 315, "NNO": 337.5,
}

var errDirection = errors.New("not a direction")

// ParseDirection reads OpenStreetMap's camera:direction: a bearing in
// degrees ("90", "90.5", "-10" which is 350), a compass point ("NE", "SSO"),
// or a range "a-b" whose ends are either (the field of view from a clockwise
// to b). Bearings are normalised to [0, 360) and rounded to 0.01°.
func ParseDirection(s string) (Direction, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, ";,") {
		return Direction{}, errDirection
	}
	// A range: a dash that is not a leading minus sign.
	if i := strings.Index(s[1:], "-"); i >= 0 {
		from, err := parseBearing(s[:i+1])
		if err != nil {
			return Direction{}, err
		}
		to, err := parseBearing(s[i+2:])
		if err != nil {
			return Direction{}, err
		}
		width := math.Mod(to-from+360, 360)
		if width == 0 {
			width = 360
		}
		// Ends have two decimals, so the centre of a range needs three to
		// give the same ends back (0.01-1 is centred on 0.505).
		centre := math.Round(norm360(from+width/2)*1000) / 1000
		if centre == 360 {
			centre = 0
		}
		return Direction{Degrees: centre, FOV: math.Round(width*100) / 100}, nil
	}
	b, err := parseBearing(s)
	if err != nil {
		return Direction{}, err
	}
	return Direction{Degrees: b}, nil
}

func parseBearing(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "°"))
	if b, ok := compass[strings.ToUpper(s)]; ok {
		return b, nil
	}
	f, ok := parseNumber(s)
	if !ok {
		return 0, errDirection
	}
	return round2(norm360(f)), nil
}

// String writes the direction back in OpenStreetMap's form: a bearing, or a
// range "a-b" when the field of view is known.
func (d Direction) String() string {
	if d.FOV <= 0 {
		return formatNumber(d.Degrees)
	}
	if d.FOV >= 360 {
		from := formatNumber(round2(norm360(d.Degrees - 180)))
		return from + "-" + from // a full turn: both ends meet opposite the centre
	}
	from := round2(norm360(d.Degrees - d.FOV/2))
	to := round2(norm360(d.Degrees + d.FOV/2))
	return formatNumber(from) + "-" + formatNumber(to)
}

func norm360(f float64) float64 {
	f = math.Mod(f, 360)
	if f < 0 {
		f += 360
	}
	return f
}

func round2(f float64) float64 {
	r := math.Round(f*100) / 100
	if r == 360 {
		return 0
	}
	return r
}
