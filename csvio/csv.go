// Package csvio reads cameras from a city's CSV list through a column
// mapping, and writes the registry as CSV.
//
// Without a mapping, column names are taken as canonical keys (this is how
// clairvoie's own CSV export reads back), the coordinates are found in
// lon/longitude/lng and lat/latitude columns, and the record id in
// clairvoie:source_ref, id or ref. With a mapping (see Mapping), columns are
// renamed, dates converted and constants added. Mappings for known lists
// ship with clairvoie (BuiltinMappings): the Paris 2019 list is
// "paris-2019".
package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/csvsafe"
	"github.com/paulmach/orb"
)

// Result is what Read returns.
type Result struct {
	Cameras  []clairvoie.Camera
	Warnings []clairvoie.ImportWarning
}

// Read reads cameras from CSV. m may be nil (column names are keys).
func Read(r io.Reader, m *Mapping, opts clairvoie.ReadOptions) (Result, error) {
	fail := func(line int, field, value, expected string, err error) (Result, error) {
		return Result{}, &clairvoie.ImportError{File: opts.File, Line: line, Field: field, Value: value, Expected: expected, Err: err}
	}
	br := bufio.NewReader(&lineLimit{r: r})
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	delim := ','
	if m != nil && m.Delimiter != "" {
		delim, _ = utf8.DecodeRuneInString(m.Delimiter)
	} else {
		delim = sniff(br)
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fail(1, "", "", "a header line", nil)
		}
		return fail(1, "", "", "a CSV header", err)
	}
	if len(header) > clairvoie.MaxFieldsPerItem {
		return fail(1, "", "", "at most "+strconv.Itoa(clairvoie.MaxFieldsPerItem)+" columns", nil)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		if _, dup := col[h]; dup {
			return fail(1, h, "", "column names to be unique", nil)
		}
		col[h] = i
	}

	var lonCol, latCol, idCol string
	if m != nil {
		lonCol, latCol, idCol = m.Lon, m.Lat, m.ID
		need := []string{m.Lon, m.Lat}
		if m.ID != "" {
			need = append(need, m.ID)
		}
		for c := range m.Columns {
			need = append(need, c)
		}
		sort.Strings(need)
		for _, c := range need {
			if _, ok := col[c]; !ok {
				return fail(1, c, "", "a column named "+strconv.Quote(c)+" (the mapping "+m.Name+" names it)", nil)
			}
		}
	} else {
		lonCol = first(col, "lon", "longitude", "lng")
		latCol = first(col, "lat", "latitude")
		idCol = first(col, clairvoie.KeySourceRef, "id", "ref")
		if lonCol == "" || latCol == "" {
			return fail(1, "lon/lat", "", "columns lon and lat (or a mapping file: --mapping)", nil)
		}
	}
	ignored := map[string]bool{lonCol: true, latCol: true}
	if m != nil {
		for _, c := range m.Ignore {
			ignored[c] = true
		}
	}

	var res Result
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if errors.Is(pe.Err, errLineTooLong) {
					return fail(pe.Line, "", "", "lines of at most 1 MiB", pe.Err)
				}
				return fail(pe.Line, "", "", "well-formed CSV with "+strconv.Itoa(len(header))+" fields", pe.Err)
			}
			return fail(0, "", "", "well-formed CSV", err)
		}
		line, _ := cr.FieldPos(0)
		lon, ok := parseCoord(rec[col[lonCol]])
		if !ok {
			return fail(line, lonCol, rec[col[lonCol]], "a longitude in decimal degrees", nil)
		}
		lat, ok := parseCoord(rec[col[latCol]])
		if !ok {
			return fail(line, latCol, rec[col[latCol]], "a latitude in decimal degrees", nil)
		}
		tags := map[string]string{}
		if m != nil {
			for k, v := range m.Constants {
				tags[k] = v
			}
		}
		for i, v := range rec {
			name := header[i]
			v = strings.TrimSpace(v)
			if ignored[name] || v == "" {
				continue
			}
			if m == nil {
				tags[name] = v
				continue
			}
			targets, mapped := m.Columns[name]
			if !mapped {
				if name != m.ID {
					tags[name] = v // unknown columns are kept, once screened
				}
				continue
			}
			for _, t := range targets {
				out, expected, ok := t.convert(v)
				if !ok {
					return fail(line, name, v, expected, nil)
				}
				if out != "" {
					tags[t.Key] = out
				}
			}
		}
		ref := strconv.Itoa(line)
		if idCol != "" {
			ref = strings.TrimSpace(rec[col[idCol]])
			if ref == "" {
				return fail(line, idCol, "", "an identifier (the mapping's id column)", nil)
			}
		}
		c, warns, err := opts.DecodeRecord(clairvoie.RecordAt{Line: line}, ref, orb.Point{lon, lat}, tags)
		if err != nil {
			return Result{}, err
		}
		res.Cameras = append(res.Cameras, c)
		res.Warnings = append(res.Warnings, warns...)
	}
	return res, nil
}

func first(col map[string]int, names ...string) string {
	for _, n := range names {
		if _, ok := col[n]; ok {
			return n
		}
	}
	return ""
}

func parseCoord(s string) (float64, bool) {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// sniff guesses the delimiter from the first line: the most frequent of
// , ; tab and |.
func sniff(br *bufio.Reader) rune {
	peek, _ := br.Peek(4096)
	if i := bytes.IndexByte(peek, '\n'); i >= 0 {
		peek = peek[:i]
	}
	best, bestN := ',', 0
	for _, d := range []rune{',', ';', '\t', '|'} {
		if n := strings.Count(string(peek), string(d)); n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

// ExportHeader is the first columns of clairvoie's CSV export, before the
// canonical keys and the extra tags.
var ExportHeader = []string{clairvoie.KeyID, clairvoie.KeySource, clairvoie.KeySourceRef, clairvoie.KeyLicence, clairvoie.KeyImportedAt, "lon", "lat"}

// Write writes cameras as CSV (comma-separated, UTF-8, one header line):
// provenance, coordinates, every canonical key, then every extra tag found,
// sorted. Reading it back without a mapping gives the same records.
func Write(w io.Writer, cams []*clairvoie.Camera) error {
	header := append([]string{}, ExportHeader...)
	header = append(header, clairvoie.CanonicalKeys()...)
	known := map[string]bool{}
	for _, h := range header {
		known[h] = true
	}
	extraSet := map[string]bool{}
	for _, c := range cams {
		for k := range c.Extra {
			if !known[k] {
				extraSet[k] = true
			}
		}
	}
	extras := make([]string, 0, len(extraSet))
	for k := range extraSet {
		extras = append(extras, k)
	}
	sort.Strings(extras)
	header = append(header, extras...)

	cw := csvsafe.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for _, c := range cams {
		tags := c.ExportTags()
		tags["lon"] = strconv.FormatFloat(c.Location.Lon(), 'f', -1, 64)
		tags["lat"] = strconv.FormatFloat(c.Location.Lat(), 'f', -1, 64)
		for i, h := range header {
			row[i] = tags[h]
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
