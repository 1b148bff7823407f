// Package utm converts Universal Transverse Mercator coordinates (WGS 84)
// to longitude and latitude and back, with Snyder's series (USGS
// Professional Paper 1395, pp. 61–64): exact to well under a metre within
// a zone, which is all a 250 m grid needs. Some incident files (Vancouver's)
// give positions in UTM only.
package utm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// WGS 84 and UTM constants.
const (
	a  = 6378137.0
	f  = 1 / 298.257223563
	k0 = 0.9996
)

var (
	e2  = f * (2 - f)
	ep2 = e2 / (1 - e2)
)

// Zone is a UTM zone: its number (1–60) and hemisphere.
type Zone struct {
	Number int
	North  bool
}

// ParseZone reads "10N", "31n" or "23S".
func ParseZone(s string) (Zone, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 2 || (s[len(s)-1] != 'N' && s[len(s)-1] != 'S') {
		return Zone{}, fmt.Errorf("UTM zone %q: expected a number from 1 to 60 and N or S (10N)", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 1 || n > 60 {
		return Zone{}, fmt.Errorf("UTM zone %q: expected a number from 1 to 60 and N or S (10N)", s)
	}
	return Zone{Number: n, North: s[len(s)-1] == 'N'}, nil
}

func (z Zone) centralMeridian() float64 { return float64(z.Number-1)*6 - 180 + 3 }

// meridianArc is the distance along the meridian from the equator to phi.
func meridianArc(phi float64) float64 {
	return a * ((1-e2/4-3*e2*e2/64-5*e2*e2*e2/256)*phi -
		(3*e2/8+3*e2*e2/32+45*e2*e2*e2/1024)*math.Sin(2*phi) +
		(15*e2*e2/256+45*e2*e2*e2/1024)*math.Sin(4*phi) -
		(35*e2*e2*e2/3072)*math.Sin(6*phi))
}

// ToLonLat converts an easting and a northing (metres) in zone z.
func (z Zone) ToLonLat(easting, northing float64) (lon, lat float64) {
	x := easting - 500000
	y := northing
	if !z.North {
		y -= 10000000
	}
	m := y / k0
	mu := m / (a * (1 - e2/4 - 3*e2*e2/64 - 5*e2*e2*e2/256))
	e1 := (1 - math.Sqrt(1-e2)) / (1 + math.Sqrt(1-e2))
	phi1 := mu + (3*e1/2-27*e1*e1*e1/32)*math.Sin(2*mu) + (21*e1*e1/16-55*e1*e1*e1*e1/32)*math.Sin(4*mu) +
		(151*e1*e1*e1/96)*math.Sin(6*mu) + (1097*e1*e1*e1*e1/512)*math.Sin(8*mu)
	s, c, t := math.Sin(phi1), math.Cos(phi1), math.Tan(phi1)
	c1 := ep2 * c * c
	t1 := t * t
	n1 := a / math.Sqrt(1-e2*s*s)
	r1 := a * (1 - e2) / math.Pow(1-e2*s*s, 1.5)
	d := x / (n1 * k0)
	lat = phi1 - (n1*t/r1)*(d*d/2-(5+3*t1+10*c1-4*c1*c1-9*ep2)*d*d*d*d/24+
		(61+90*t1+298*c1+45*t1*t1-252*ep2-3*c1*c1)*d*d*d*d*d*d/720)
	lon = (d - (1+2*t1+c1)*d*d*d/6 + (5-2*c1+28*t1-3*c1*c1+8*ep2+24*t1*t1)*d*d*d*d*d/120) / c
	return z.centralMeridian() + lon*180/math.Pi, lat * 180 / math.Pi
}

// FromLonLat converts a longitude and latitude to an easting and a
// northing in zone z.
func (z Zone) FromLonLat(lon, lat float64) (easting, northing float64) {
	phi := lat * math.Pi / 180
	lam := (lon - z.centralMeridian()) * math.Pi / 180
	s, c, t := math.Sin(phi), math.Cos(phi), math.Tan(phi)
	n := a / math.Sqrt(1-e2*s*s)
	tt := t * t
	cc := ep2 * c * c
	aa := c * lam
	m := meridianArc(phi)
	easting = 500000 + k0*n*(aa+(1-tt+cc)*aa*aa*aa/6+(5-18*tt+tt*tt+72*cc-58*ep2)*aa*aa*aa*aa*aa/120)
	northing = k0 * (m + n*t*(aa*aa/2+(5-tt+9*cc+4*cc*cc)*aa*aa*aa*aa/24+(61-58*tt+tt*tt+600*cc-330*ep2)*aa*aa*aa*aa*aa*aa/720))
	if !z.North {
		northing += 10000000
	}
	return easting, northing
}
