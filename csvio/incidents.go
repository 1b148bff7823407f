package csvio

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/utm"
)

// IncidentColumns name the columns of an incident file that are read;
// every other column is ignored (nothing of a row is kept but its cell and
// its day, counted).
type IncidentColumns struct {
	Lon, Lat string
	// Time is a date or date-time column, or several joined with "-" in
	// order: "YEAR,MONTH,DAY" reads 2020-1-5 from three columns.
	Time string
	// UTM, when set, says Lon and Lat hold an easting and a northing in
	// metres in that zone (Vancouver's files).
	UTM *utm.Zone
	// Zone is the workspace's time zone: a time with an offset (RFC 3339)
	// is placed on its day and hour there; a time without one is the
	// local time already. Nil: UTC.
	Zone *time.Location
}

// dateOnly are the layouts without a time of day.
var dateOnly = map[string]bool{"2006-1-2": true, "2006-01-02": true, "2006/01/02": true}

// incidentTimeLayouts are tried in order.
var incidentTimeLayouts = []string{time.RFC3339, "2006-1-2", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02", "01/02/2006 03:04:05 PM", "01/02/2006 15:04", "02/01/2006 15:04", "2006/01/02 15:04:05", "2006/01/02"}

// Emit receives each row read: its line, its time (timed: the row gave the
// time of day, not only the date) and its position. An error stops the
// reading and is returned as is (an ImportError naming the line, for a
// position outside the area).
type Emit func(line int, at time.Time, timed bool, lon, lat float64) error

// gunzipped reads r, gunzipping it when it starts as gzip does.
func gunzipped(r io.Reader, file string) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &clairvoie.ImportError{File: file, Expected: "a gzip file", Err: err}
		}
		return bufio.NewReaderSize(zr, 1<<16), nil
	}
	return br, nil
}

// ReadIncidents reads an incident file (CSV, gzipped or not, the separator
// sniffed, decimal commas read) and hands each row's time and position to
// emit; rows without a position are left out and counted. Errors name the
// file, the line, the column and what was expected.
func ReadIncidents(r io.Reader, file string, cols IncidentColumns, emit Emit) (skipped int, err error) {
	br, err := gunzipped(r, file)
	if err != nil {
		return 0, err
	}
	cr := newCSVReader(br)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return 0, &clairvoie.ImportError{File: file, Line: 1, Expected: "a header line"}
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[strings.TrimSpace(h)] = i
	}
	col := func(name string) (int, error) {
		i, ok := idx[name]
		if !ok {
			return 0, &clairvoie.ImportError{File: file, Line: 1, Field: name, Expected: "a column of that name (header: " + strings.Join(head, ", ") + ")"}
		}
		return i, nil
	}
	lonI, err := col(cols.Lon)
	if err != nil {
		return 0, err
	}
	latI, err := col(cols.Lat)
	if err != nil {
		return 0, err
	}
	var timeIs []int
	for _, name := range strings.Split(cols.Time, ",") {
		i, err := col(strings.TrimSpace(name))
		if err != nil {
			return 0, err
		}
		timeIs = append(timeIs, i)
	}
	layout := ""
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return skipped, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return 0, &clairvoie.ImportError{File: file, Line: pe.Line, Expected: "well-formed CSV", Err: pe.Err}
			}
			return 0, err
		}
		line, _ := cr.FieldPos(0)
		num := func(i int, name string, lo, hi float64) (float64, error) {
			v := strings.Replace(strings.TrimSpace(rec[i]), ",", ".", 1)
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f >= lo && f <= hi) {
				unit := "degrees"
				if cols.UTM != nil {
					unit = "metres (UTM)"
				}
				return 0, &clairvoie.ImportError{File: file, Line: line, Field: name, Value: rec[i], Expected: unit + " from " + strconv.Itoa(int(lo)) + " to " + strconv.Itoa(int(hi))}
			}
			return f, nil
		}
		if strings.TrimSpace(rec[lonI]) == "" || strings.TrimSpace(rec[latI]) == "" || strings.EqualFold(strings.TrimSpace(rec[lonI]), "NA") {
			skipped++ // an incident without a position cannot be placed
			continue
		}
		var lon, lat float64
		if cols.UTM != nil {
			x, err := num(lonI, cols.Lon, 0, 1e6)
			if err != nil {
				return 0, err
			}
			y, err := num(latI, cols.Lat, 0, 1e7)
			if err != nil {
				return 0, err
			}
			if x == 0 || y == 0 {
				skipped++ // a withheld position (Vancouver gives 0 for some offences)
				continue
			}
			lon, lat = cols.UTM.ToLonLat(x, y)
		} else {
			if lon, err = num(lonI, cols.Lon, -180, 180); err != nil {
				return 0, err
			}
			if lat, err = num(latI, cols.Lat, -90, 90); err != nil {
				return 0, err
			}
		}
		parts := make([]string, len(timeIs))
		for k, i := range timeIs {
			parts[k] = strings.TrimSpace(rec[i])
		}
		v := strings.Join(parts, "-")
		var at time.Time
		ok := false
		if layout != "" {
			at, err = time.Parse(layout, v)
			ok = err == nil
		}
		for _, l := range incidentTimeLayouts {
			if ok {
				break
			}
			if at, err = time.Parse(l, v); err == nil {
				layout, ok = l, true
			}
		}
		if !ok {
			return 0, &clairvoie.ImportError{File: file, Line: line, Field: cols.Time, Value: v, Expected: "a date and time (" + strings.Join(incidentTimeLayouts[:6], ", ") + "…)"}
		}
		if layout == time.RFC3339 && cols.Zone != nil {
			at = at.In(cols.Zone)
		}
		if err := emit(line, at, !dateOnly[layout], lon, lat); err != nil {
			return 0, err
		}
	}
}
