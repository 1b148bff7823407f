package csvio

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clairvoie/clairvoie"
)

//go:embed mappings/*.json
var builtin embed.FS

// Mapping says how the columns of a city's CSV file become a camera's
// canonical keys. It is a JSON file; see docs/import.md.
type Mapping struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Delimiter is one character; "" guesses among , ; tab and |.
	Delimiter string `json:"delimiter,omitempty"`
	// ID names the column that identifies a record in its source; without
	// it the record's line number is used (re-imports then match by order).
	ID string `json:"id,omitempty"`
	// Lon and Lat name the coordinate columns (WGS 84 degrees).
	Lon string `json:"lon"`
	Lat string `json:"lat"`
	// Columns maps a column to one or more targets.
	Columns map[string]Targets `json:"columns"`
	// Constants are tags set on every record (the operator of the list…).
	Constants map[string]string `json:"constants,omitempty"`
	// Ignore lists columns read and discarded on purpose.
	Ignore []string `json:"ignore,omitempty"`
	// Licence and Attribution are the source's defaults.
	Licence     string `json:"licence,omitempty"`
	Attribution string `json:"attribution,omitempty"`
}

// Target is where a column's value goes, with an optional conversion.
type Target struct {
	Key string `json:"key"`
	// DateFormat reads a date in one of the given formats, tried in order:
	// dd/mm/yy, dd/mm/yyyy, yyyy-mm-dd, mm/dd/yyyy, yyyy, or excel_serial
	// (a spreadsheet's day number, as found in lists that went through one).
	DateFormat Formats `json:"date_format,omitempty"`
	// NullValues are values that mean "unknown" ("inconnue", "#N/A").
	NullValues []string `json:"null_values,omitempty"`
	// Values replaces whole values before conversion ("Début 2019" → "2019").
	Values map[string]string `json:"values,omitempty"`
	// Transform names a conversion: postcode_to_insee turns a postcode of
	// Paris, Marseille or Lyon into the INSEE code of its arrondissement.
	Transform string `json:"transform,omitempty"`
}

// Formats is one date format or several; in JSON a string or a list.
type Formats []string

// UnmarshalJSON accepts "fmt" or ["fmt", …].
func (f *Formats) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*f = Formats{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*f = many
	return nil
}

// Targets is one target or several; in JSON a string, an object or a list.
type Targets []Target

// UnmarshalJSON accepts "key", {"key": …} or a list of either.
func (t *Targets) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
		for _, r := range raw {
			one, err := target(r)
			if err != nil {
				return err
			}
			*t = append(*t, one)
		}
		return nil
	}
	one, err := target(b)
	if err != nil {
		return err
	}
	*t = Targets{one}
	return nil
}

func target(b []byte) (Target, error) {
	var s string
	if json.Unmarshal(b, &s) == nil {
		return Target{Key: s}, nil
	}
	var tg Target
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tg); err != nil {
		return Target{}, err
	}
	return tg, nil
}

var dateLayouts = map[string]string{
	"dd/mm/yy": "02/01/06", "dd/mm/yyyy": "02/01/2006", "yyyy-mm-dd": "2006-01-02", "mm/dd/yyyy": "01/02/2006",
	"yyyy": "2006", "excel_serial": "",
}

const dateFormatNames = "dd/mm/yy, dd/mm/yyyy, yyyy-mm-dd, mm/dd/yyyy, yyyy, excel_serial"

// parseDate tries the formats in order.
func parseDate(formats []string, v string) (time.Time, bool) {
	for _, f := range formats {
		if f == "excel_serial" {
			// Day 1 is 1900-01-01 with Lotus's phantom 29 February 1900,
			// hence the 1899-12-30 epoch; only plausible days are accepted.
			n, err := strconv.Atoi(v)
			if err == nil && n >= 18264 && n <= 73051 { // 1950-01-01 … 2099-12-31
				return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n), true
			}
			continue
		}
		if t, err := time.Parse(dateLayouts[f], v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var transforms = map[string]func(string) (string, bool){
	"postcode_to_insee": postcodeToINSEE,
}

// postcodeToINSEE maps the postcode of an arrondissement of Paris (75001–
// 75020, 75116), Marseille (13001–13016) or Lyon (69001–69009) to the INSEE
// code of that arrondissement municipal.
func postcodeToINSEE(pc string) (string, bool) {
	pc = strings.TrimSpace(pc)
	if len(pc) != 5 {
		return "", false
	}
	var n int
	if _, err := fmt.Sscanf(pc[2:], "%03d", &n); err != nil {
		return "", false
	}
	switch pc[:2] {
	case "75":
		if pc == "75116" {
			return "75116", true
		}
		if n >= 1 && n <= 20 {
			return fmt.Sprintf("751%02d", n), true
		}
	case "13":
		if n >= 1 && n <= 16 {
			return fmt.Sprintf("132%02d", n), true
		}
	case "69":
		if n >= 1 && n <= 9 {
			return fmt.Sprintf("6938%d", n), true
		}
	}
	return "", false
}

// validate checks a mapping on its own, before any file is read. Its
// errors are ImportErrors naming the mapping's file and the field.
func (m *Mapping) validate(file string) error {
	bad := func(field, value, expected string) error {
		return &clairvoie.ImportError{File: file, Field: field, Value: value, Expected: expected}
	}
	if m.Delimiter != "" && utf8.RuneCountInString(m.Delimiter) != 1 {
		return bad("delimiter", m.Delimiter, "one character (, ; | or a tab), or nothing to guess it")
	}
	if m.Lon == "" || m.Lat == "" {
		return bad("lon/lat", "", `"lon" and "lat" naming the coordinate columns`)
	}
	cols := make([]string, 0, len(m.Columns))
	for c := range m.Columns {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	for _, c := range cols {
		for _, t := range m.Columns[c] {
			field := "columns." + c
			if t.Key == "" {
				return bad(field, "", "a target with a key: a target needs a key")
			}
			for _, f := range t.DateFormat {
				if _, ok := dateLayouts[f]; !ok {
					return bad(field+".date_format", f, "a known date_format: "+dateFormatNames+" (unknown date_format)")
				}
			}
			if t.Transform != "" {
				if _, ok := transforms[t.Transform]; !ok {
					return bad(field+".transform", t.Transform, "a known transform: postcode_to_insee (unknown transform)")
				}
			}
		}
	}
	return nil
}

// convert applies a target's conversion to a value.
func (t Target) convert(v string) (string, string, bool) {
	if r, ok := t.Values[v]; ok {
		v = r
	}
	for _, n := range t.NullValues {
		if v == n {
			return "", "", true
		}
	}
	if v == "" {
		return "", "", true
	}
	if len(t.DateFormat) > 0 {
		d, ok := parseDate(t.DateFormat, v)
		if !ok {
			return "", "a date (" + strings.Join(t.DateFormat, " or ") + ")", false
		}
		return d.Format("2006-01-02"), "", true
	}
	if t.Transform != "" {
		out, ok := transforms[t.Transform](v)
		if !ok {
			return "", "a postcode of an arrondissement of Paris, Marseille or Lyon", false
		}
		return out, "", true
	}
	return v, "", true
}

// LoadMapping reads a mapping from a file, or a mapping shipped with
// clairvoie when name is one of BuiltinMappings and no such file exists.
func LoadMapping(name string) (*Mapping, error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		b, err = builtin.ReadFile(path.Join("mappings", name+".json"))
		if err != nil {
			return nil, &clairvoie.ImportError{File: name, Expected: "a mapping file, or a built-in mapping (" + strings.Join(BuiltinMappings(), ", ") + "): no such file"}
		}
	} else if err != nil {
		return nil, &clairvoie.ImportError{File: name, Expected: "a readable mapping file", Err: err}
	}
	return parseMapping(b, name)
}

// ParseMapping reads and checks a mapping.
func ParseMapping(b []byte) (*Mapping, error) { return parseMapping(b, "mapping") }

func parseMapping(b []byte, file string) (*Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, jsonError(file, b, dec, err, "a CSV mapping (docs/import.md): name, lon, lat, columns, and optionally delimiter, id, constants, ignore, licence, attribution")
	}
	if err := m.validate(file); err != nil {
		return nil, err
	}
	return &m, nil
}

// jsonError turns a JSON decoding error into an ImportError naming the
// line and, for an unknown field, the field.
func jsonError(file string, b []byte, dec *json.Decoder, err error, expected string) error {
	ie := &clairvoie.ImportError{File: file, Expected: expected}
	offset := dec.InputOffset()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
		ie.Expected = "well-formed JSON: " + se.Error()
	case errors.As(err, &te):
		offset = te.Offset
		ie.Field = te.Field
		ie.Expected = "a " + te.Type.String() + " for this field, not a JSON " + te.Value
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		ie.Field = strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		ie.Expected = "a known field (unknown field; " + expected + ")"
	default:
		ie.Err = err
	}
	if offset > int64(len(b)) {
		offset = int64(len(b))
	}
	ie.Line = 1 + bytes.Count(b[:offset], []byte("\n"))
	return ie
}

// BuiltinMappings lists the names of the mappings shipped with clairvoie.
func BuiltinMappings() []string {
	entries, _ := builtin.ReadDir("mappings")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	return names
}
