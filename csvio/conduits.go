package csvio

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// The conduit edge list's columns (docs/fibre.md): one row per duct line,
// from one end to the other. Any other column is refused, as in the usage
// ledger: a network inventory has no place for a free-text field.
var conduitColumns = map[string]bool{
	"ref": true, "from_lon": true, "from_lat": true, "to_lon": true, "to_lat": true,
	"length_m": true, "city_share": true, "ducts_free": true, "ducts_used": true,
	"cameras": true, "synthetic": true,
}

// ReadConduits reads a conduit network given as a CSV of edges: ref,
// from_lon, from_lat, to_lon, to_lat (WGS 84), and optionally length_m
// (default: the straight length), city_share (0–1, default 0.5),
// ducts_free, ducts_used, cameras (";"-separated references), synthetic
// (true/false, oui/non, 1/0). The separator is sniffed (",", ";" or tab),
// decimals may use a comma. It reads everything or nothing; errors name
// the file, line and column.
func ReadConduits(r io.Reader, file string) ([]clairvoie.Conduit, error) {
	fail := func(line int, field, value, expected string, err error) ([]clairvoie.Conduit, error) {
		return nil, &clairvoie.ImportError{File: file, Line: line, Field: field, Value: value, Expected: expected, Err: err}
	}
	t, err := openStrict(r, file, conduitColumns,
		"a header line: ref, from_lon, from_lat, to_lon, to_lat",
		"only the columns ref, from_lon, from_lat, to_lon, to_lat, length_m, city_share, ducts_free, ducts_used, cameras, synthetic")
	if err != nil {
		return nil, err
	}
	col := t.col
	for _, need := range []string{"ref", "from_lon", "from_lat", "to_lon", "to_lat"} {
		if _, ok := col[need]; !ok {
			return fail(1, need, "", "a column "+need, nil)
		}
	}
	var out []clairvoie.Conduit
	seen := map[string]int{}
	for {
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		get := func(name string) string { return t.get(rec, name) }
		number := func(name string, min, max float64, required bool) (float64, bool) {
			v := get(name)
			if v == "" {
				return 0, !required
			}
			x, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
			if err != nil || math.IsNaN(x) || x < min || x > max {
				return 0, false
			}
			return x, true
		}
		c := clairvoie.Conduit{Ref: get("ref"), CityShare: 0.5}
		if c.Ref == "" {
			return fail(line, "ref", "", "the conduit's reference", nil)
		}
		if first, dup := seen[c.Ref]; dup {
			return fail(line, "ref", c.Ref, "a reference not already used on line "+strconv.Itoa(first), nil)
		}
		seen[c.Ref] = line
		var ends [4]float64
		for i, name := range []string{"from_lon", "from_lat", "to_lon", "to_lat"} {
			lim := 180.0
			if strings.HasSuffix(name, "lat") {
				lim = 90
			}
			x, ok := number(name, -lim, lim, true)
			if !ok {
				return fail(line, name, get(name), "a coordinate in WGS 84 degrees, from -"+strconv.Itoa(int(lim))+" to "+strconv.Itoa(int(lim)), nil)
			}
			ends[i] = x
		}
		c.Line = orb.LineString{{ends[0], ends[1]}, {ends[2], ends[3]}}
		for _, f := range []struct {
			name     string
			min, max float64
			dst      *float64
		}{{"city_share", 0, 1, &c.CityShare}, {"length_m", 0, 1e7, &c.LengthM}} {
			if get(f.name) == "" {
				continue
			}
			x, ok := number(f.name, f.min, f.max, false)
			if !ok {
				return fail(line, f.name, get(f.name), "a number from "+strconv.FormatFloat(f.min, 'f', -1, 64)+" to "+strconv.FormatFloat(f.max, 'f', -1, 64), nil)
			}
			*f.dst = x
		}
		for _, f := range []struct {
			name string
			dst  *int
		}{{"ducts_free", &c.DuctsFree}, {"ducts_used", &c.DuctsUsed}} {
			if v := get(f.name); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 || n > 1000 {
					return fail(line, f.name, v, "a number of ducts, a whole number from 0 to 1000", nil)
				}
				*f.dst = n
			}
		}
		for _, s := range strings.Split(get("cameras"), ";") {
			if s = strings.TrimSpace(s); s != "" {
				c.Cameras = append(c.Cameras, s)
			}
		}
		switch v := strings.ToLower(get("synthetic")); v {
		case "", "false", "non", "no", "0":
		case "true", "oui", "yes", "1":
			c.Synthetic = true
		default:
			return fail(line, "synthetic", get("synthetic"), "true or false (oui/non, 1/0)", nil)
		}
		if c.LengthM == 0 {
			c.LengthM = geo.LengthHaversine(c.Line)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return fail(2, "", "", "at least one conduit", nil)
	}
	return out, nil
}
