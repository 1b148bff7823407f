package csvio

import (
	"encoding/csv"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/areas"
)

// ReadBAAC reads the "caractéristiques" file of the French road-accident
// records (BAAC, ONISR, data.gouv.fr) in either coding and hands each
// accident's local date-time and position to emit:
//
//   - the old coding (2005–2018): an on two digits (or four), hrmn as HMM or
//     HHMM, dep on three characters ("130", "201" for 2A), com the commune's
//     three last digits, lat and long integers in 1e-5 degrees (0 or empty:
//     no position), comma-separated, Latin-1;
//   - the new coding (2019 on): an on four digits, hrmn as HH:MM, dep and com
//     as INSEE codes ("13", "13055"), lat and long decimals with a comma,
//     semicolon-separated, quoted; Num_Acc became Accident_Id in 2022.
//
// Only an, mois, jour, hrmn, dep, com, lat and long are read; every other
// column (the address among them) is ignored and nothing of a row is kept.
// When insee is not empty, rows of other communes are left out and counted
// (filtered); rows without a position are counted (unplaced). Errors name
// the file, the line, the column, the value and what was expected.
func ReadBAAC(r io.Reader, file, insee string, emit Emit) (unplaced, filtered int, err error) {
	br, err := gunzipped(r, file)
	if err != nil {
		return 0, 0, err
	}
	cr := newCSVReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return 0, 0, &clairvoie.ImportError{File: file, Line: 1, Expected: "a BAAC header line"}
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.Trim(strings.TrimSpace(h), `"`))] = i
	}
	for _, need := range []string{"an", "mois", "jour", "hrmn", "dep", "com", "lat", "long"} {
		if _, ok := col[need]; !ok {
			return 0, 0, &clairvoie.ImportError{File: file, Line: 1, Field: need,
				Expected: "the BAAC caractéristiques columns an, mois, jour, hrmn, dep, com, lat, long (header: " + strings.Join(head, ", ") + ")"}
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return unplaced, filtered, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return 0, 0, &clairvoie.ImportError{File: file, Line: pe.Line, Expected: "well-formed CSV", Err: pe.Err}
			}
			return 0, 0, err
		}
		line, _ := cr.FieldPos(0)
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		bad := func(name, expected string) error {
			return &clairvoie.ImportError{File: file, Line: line, Field: name, Value: get(name), Expected: expected}
		}
		code, ok := baacINSEE(get("dep"), get("com"))
		if !ok {
			return 0, 0, bad("com", "a commune: dep and com as INSEE codes (13, 13055) or in the old coding (130, 55)")
		}
		// An arrondissement municipal (Marseille's 13201–13216, coded
		// 130/201… in the old coding) is part of its commune.
		if insee != "" && code != insee && areas.CommuneOf(code) != insee {
			filtered++
			continue
		}
		at, field, expected := baacTime(get("an"), get("mois"), get("jour"), get("hrmn"))
		if field != "" {
			return 0, 0, bad(field, expected)
		}
		lat, lon, placed, field := baacPosition(get("lat"), get("long"))
		if field != "" {
			return 0, 0, bad(field, "degrees (43,2874 or 43.2874), or the old coding's 1e-5 degrees (4328740)")
		}
		if !placed {
			unplaced++
			continue
		}
		if err := emit(line, at, true, lon, lat); err != nil {
			return 0, 0, err
		}
	}
}

// baacINSEE is the commune's INSEE code in either coding.
func baacINSEE(dep, com string) (string, bool) {
	com = strings.TrimSuffix(com, ".0") // a spreadsheet's float
	if len(com) == 5 {
		return com, true // new coding: com is the INSEE code
	}
	n, err := strconv.Atoi(com)
	if err != nil || n < 0 || n > 999 {
		return "", false
	}
	c3 := strconv.Itoa(1000 + n)[1:]
	switch {
	case dep == "201":
		return "2A" + c3, true
	case dep == "202":
		return "2B" + c3, true
	case len(dep) == 3 && strings.HasPrefix(dep, "97"):
		return dep + c3[1:], true
	case len(dep) == 3 && dep[2] == '0':
		return dep[:2] + c3, true
	case len(dep) == 2 || len(dep) == 1:
		return strconv.Itoa(100 + atoi(dep))[1:] + c3, true
	}
	return "", false
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// baacTime is the accident's local date and time; a failure names the
// field and what was expected.
func baacTime(an, mois, jour, hrmn string) (t time.Time, field, expected string) {
	y, err := strconv.Atoi(an)
	switch {
	case err != nil:
		return t, "an", "a year (2016, or 16 in the old coding)"
	case y < 100:
		y += 2000
	}
	if y < 2000 || y > 2100 {
		return t, "an", "a year from 2000"
	}
	m, err := strconv.Atoi(mois)
	if err != nil || m < 1 || m > 12 {
		return t, "mois", "a month from 1 to 12"
	}
	d, err := strconv.Atoi(jour)
	if err != nil || d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return t, "jour", "a day of that month"
	}
	h, mm := 0, 0
	if i := strings.IndexByte(hrmn, ':'); i >= 0 {
		h, err = strconv.Atoi(hrmn[:i])
		if err == nil {
			mm, err = strconv.Atoi(hrmn[i+1:])
		}
	} else {
		var v int
		v, err = strconv.Atoi(hrmn)
		h, mm = v/100, v%100
	}
	if err != nil || h < 0 || h > 23 || mm < 0 || mm > 59 {
		return t, "hrmn", "a time as HH:MM, or HHMM in the old coding"
	}
	return time.Date(y, time.Month(m), d, h, mm, 0, 0, time.UTC), "", ""
}

// baacPosition reads lat and long: decimals (new coding) or integers in
// 1e-5 degrees (old); zero or empty is no position.
func baacPosition(latS, lonS string) (lat, lon float64, placed bool, field string) {
	if latS == "" || lonS == "" || latS == "-" || lonS == "-" {
		return 0, 0, false, ""
	}
	parse := func(s string) (float64, bool) {
		v, ok := parseCoord(s)
		if !strings.Contains(s, ",") && (!strings.Contains(s, ".") || strings.HasSuffix(s, ".0")) {
			v /= 1e5 // the old coding: 4328740, or 4328740.0 from a spreadsheet
		}
		return v, ok
	}
	lat, ok := parse(latS)
	if !ok || lat < -90 || lat > 90 {
		return 0, 0, false, "lat"
	}
	lon, ok = parse(lonS)
	if !ok || lon < -180 || lon > 180 {
		return 0, 0, false, "long"
	}
	if math.Abs(lat) < 1 && math.Abs(lon) < 1 {
		return 0, 0, false, "" // 0, or a stray digit: no French territory lies near (0, 0)
	}
	return lat, lon, true, ""
}
