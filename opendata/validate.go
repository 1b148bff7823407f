package opendata

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The Frictionless profiles (JSON Schemas) a package is checked against,
// vendored from the npm packages datapackage 1.1.10 and tableschema 1.12.6
// (MIT, profiles/LICENSE.md).
//
//go:embed profiles/*.json
var profiles embed.FS

// Problem is one thing wrong with a package.
type Problem struct {
	File    string `json:"file"`
	Row     int    `json:"row,omitempty"` // 1-based line in a CSV, feature number in a GeoJSON
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	s := p.File
	if p.Row > 0 {
		s += ":" + strconv.Itoa(p.Row)
	}
	if p.Field != "" {
		s += ": " + p.Field
	}
	return s + ": " + p.Message
}

var (
	compiledMu sync.Mutex
	compiled   = map[string]*jsonschema.Schema{}
)

// compile compiles a profile once.
func compile(name string) (*jsonschema.Schema, error) {
	compiledMu.Lock()
	defer compiledMu.Unlock()
	if s, ok := compiled[name]; ok {
		return s, nil
	}
	s, err := compileProfile(name)
	if err != nil {
		return nil, err
	}
	compiled[name] = s
	return s, nil
}

func compileProfile(name string) (*jsonschema.Schema, error) {
	b, err := profiles.ReadFile("profiles/" + name)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(name, doc); err != nil {
		return nil, err
	}
	return c.Compile(name)
}

// Validate checks a published package: its descriptor against the
// Frictionless data-package profile, each resource against its profile,
// each Table Schema against the table-schema profile, every CSV row against
// its Table Schema (types, required, enums, patterns, bounds, unique and
// primary keys), every GeoJSON file against RFC 7946, and a licence on every
// resource. It returns the problems found; an error only when it could not
// check at all.
func Validate(dir string) ([]Problem, error) {
	var probs []Problem
	add := func(file string, row int, field, format string, args ...any) {
		probs = append(probs, Problem{File: file, Row: row, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	raw, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return nil, err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		add("datapackage.json", 0, "", "not JSON: %v", err)
		return probs, nil
	}
	pkgSchema, err := compile("data-package.json")
	if err != nil {
		return nil, err
	}
	if err := pkgSchema.Validate(inst); err != nil {
		add("datapackage.json", 0, "", "does not follow the data-package profile: %v", oneLine(err))
	}
	var pkg struct {
		Resources []json.RawMessage `json:"resources"`
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		add("datapackage.json", 0, "", "%v", err)
		return probs, nil
	}
	tabular, err := compile("tabular-data-resource.json")
	if err != nil {
		return nil, err
	}
	plain, err := compile("data-resource.json")
	if err != nil {
		return nil, err
	}
	tableSchema, err := compile("table-schema.json")
	if err != nil {
		return nil, err
	}
	for i, rr := range pkg.Resources {
		var r struct {
			Name     string          `json:"name"`
			Path     string          `json:"path"`
			Profile  string          `json:"profile"`
			Format   string          `json:"format"`
			Licenses []Licence       `json:"licenses"`
			Schema   json.RawMessage `json:"schema"`
		}
		if err := json.Unmarshal(rr, &r); err != nil {
			add("datapackage.json", 0, fmt.Sprintf("resources[%d]", i), "%v", err)
			continue
		}
		rinst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(rr))
		prof := plain
		if r.Profile == "tabular-data-resource" {
			prof = tabular
		}
		if err := prof.Validate(rinst); err != nil {
			add("datapackage.json", 0, "resource "+r.Name, "does not follow the %s profile: %v", r.Profile, oneLine(err))
		}
		if len(r.Licenses) == 0 {
			add("datapackage.json", 0, "resource "+r.Name, "no licence")
		}
		if strings.Contains(r.Path, "..") || filepath.IsAbs(r.Path) {
			add("datapackage.json", 0, "resource "+r.Name, "path %q leaves the package", r.Path)
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(r.Path))
		switch {
		case r.Profile == "tabular-data-resource":
			sinst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(r.Schema))
			if err := tableSchema.Validate(sinst); err != nil {
				add(r.Path, 0, "schema", "does not follow the table-schema profile: %v", oneLine(err))
			}
			var s Schema
			if err := json.Unmarshal(r.Schema, &s); err != nil {
				add(r.Path, 0, "schema", "%v", err)
				continue
			}
			probs = append(probs, checkCSV(path, r.Path, s)...)
		case r.Format == "geojson":
			probs = append(probs, checkGeoJSON(path, r.Path)...)
		}
	}
	return probs, nil
}

func oneLine(err error) string {
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		s := ve.Error()
		if i := strings.Index(s, "\n"); i > 0 {
			lines := strings.Split(s, "\n")
			if len(lines) > 4 {
				lines = lines[:4]
			}
			return strings.Join(lines, " / ")
		}
		return s
	}
	return err.Error()
}

// checkCSV checks every row of a CSV file against its Table Schema.
func checkCSV(path, name string, s Schema) []Problem {
	var probs []Problem
	add := func(row int, field, format string, args ...any) {
		if len(probs) < 200 {
			probs = append(probs, Problem{File: name, Row: row, Field: field, Message: fmt.Sprintf(format, args...)})
		}
	}
	f, err := os.Open(path)
	if err != nil {
		add(0, "", "%v", err)
		return probs
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		add(1, "", "no header: %v", err)
		return probs
	}
	if len(header) != len(s.Fields) {
		add(1, "", "%d columns, the schema has %d fields", len(header), len(s.Fields))
		return probs
	}
	for i, h := range header {
		if h != s.Fields[i].Name {
			add(1, h, "column %d is %q, the schema's field is %q", i+1, h, s.Fields[i].Name)
		}
	}
	missing := map[string]bool{}
	for _, m := range s.MissingValues {
		missing[m] = true
	}
	patterns := make([]*regexp.Regexp, len(s.Fields))
	for i, fd := range s.Fields {
		if fd.Constraints != nil && fd.Constraints.Pattern != "" {
			re, err := regexp.Compile(fd.Constraints.Pattern)
			if err != nil {
				add(0, fd.Name, "pattern %q: %v", fd.Constraints.Pattern, err)
				continue
			}
			patterns[i] = re
		}
	}
	unique := map[string]map[string]int{}
	pk := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			add(line, "", "%v", err)
			return probs
		}
		for i, fd := range s.Fields {
			v := rec[i]
			c := fd.Constraints
			if missing[v] {
				if c != nil && c.Required {
					add(line, fd.Name, "required, empty")
				}
				continue
			}
			if msg := checkType(fd, v); msg != "" {
				add(line, fd.Name, "%q: %s", v, msg)
				continue
			}
			if c == nil {
				continue
			}
			if len(c.Enum) > 0 && !contains(c.Enum, v) {
				add(line, fd.Name, "%q is not one of %s", v, strings.Join(c.Enum, ", "))
			}
			if patterns[i] != nil && !patterns[i].MatchString(v) {
				add(line, fd.Name, "%q does not match %s", v, c.Pattern)
			}
			if c.Minimum != nil || c.Maximum != nil {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					if (c.Minimum != nil && x < *c.Minimum) || (c.Maximum != nil && x > *c.Maximum) {
						add(line, fd.Name, "%s out of bounds", v)
					}
				}
			}
			if c.Unique {
				if unique[fd.Name] == nil {
					unique[fd.Name] = map[string]int{}
				}
				if first, dup := unique[fd.Name][v]; dup {
					add(line, fd.Name, "%q repeats line %d (unique)", v, first)
				}
				unique[fd.Name][v] = line
			}
		}
		if len(s.PrimaryKey) > 0 {
			var key []string
			for _, k := range s.PrimaryKey {
				for i, fd := range s.Fields {
					if fd.Name == k {
						key = append(key, rec[i])
					}
				}
			}
			k := strings.Join(key, "\x00")
			if first, dup := pk[k]; dup {
				add(line, strings.Join(s.PrimaryKey, ","), "primary key repeats line %d", first)
			}
			pk[k] = line
		}
	}
	return probs
}

func checkType(fd Field, v string) string {
	switch fd.Type {
	case "integer":
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "not an integer"
		}
	case "number":
		if x, err := strconv.ParseFloat(v, 64); err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return "not a number"
		}
	case "date":
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return "not a date YYYY-MM-DD"
		}
	case "boolean":
		t, f := fd.TrueValues, fd.FalseValues
		if len(t) == 0 {
			t, f = []string{"true", "True", "TRUE", "1"}, []string{"false", "False", "FALSE", "0"}
		}
		if !contains(t, v) && !contains(f, v) {
			return "not one of " + strings.Join(append(append([]string{}, t...), f...), ", ")
		}
	}
	return ""
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// checkGeoJSON checks RFC 7946: a FeatureCollection, no crs member,
// longitude/latitude within range, closed rings, exterior rings
// counterclockwise and holes clockwise (the right-hand rule).
func checkGeoJSON(path, name string) []Problem {
	var probs []Problem
	add := func(row int, format string, args ...any) {
		if len(probs) < 200 {
			probs = append(probs, Problem{File: name, Row: row, Message: fmt.Sprintf(format, args...)})
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		add(0, "%v", err)
		return probs
	}
	var fc struct {
		Type     string          `json:"type"`
		CRS      json.RawMessage `json:"crs"`
		Features []struct {
			Type     string `json:"type"`
			Geometry *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		add(0, "not JSON: %v", err)
		return probs
	}
	if fc.Type != "FeatureCollection" {
		add(0, "type %q, expected FeatureCollection", fc.Type)
	}
	if len(fc.CRS) > 0 {
		add(0, "a crs member: RFC 7946 is WGS 84 longitude/latitude only")
	}
	pos := func(row int, p []float64) {
		if len(p) < 2 || len(p) > 3 || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			add(row, "position %v: expected [longitude, latitude] in WGS 84", p)
		}
	}
	ring := func(row int, r [][]float64, outer bool) {
		for _, p := range r {
			if len(p) < 2 || len(p) > 3 {
				pos(row, p) // said once, and the area below would index what is not there
				return
			}
		}
		if len(r) < 4 || r[0][0] != r[len(r)-1][0] || r[0][1] != r[len(r)-1][1] {
			add(row, "a ring must be closed, with at least 4 positions")
			return
		}
		area := 0.0
		for i := 0; i+1 < len(r); i++ {
			pos(row, r[i])
			area += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
		}
		if outer && area < 0 {
			add(row, "exterior ring clockwise: RFC 7946 asks for counterclockwise (right-hand rule)")
		}
		if !outer && area > 0 {
			add(row, "hole counterclockwise: RFC 7946 asks for clockwise (right-hand rule)")
		}
	}
	for i, f := range fc.Features {
		row := i + 1
		if f.Type != "Feature" || f.Geometry == nil {
			add(row, "expected a Feature with a geometry")
			continue
		}
		switch f.Geometry.Type {
		case "Point":
			var p []float64
			if json.Unmarshal(f.Geometry.Coordinates, &p) != nil {
				add(row, "bad Point coordinates")
				continue
			}
			pos(row, p)
		case "Polygon":
			var rings [][][]float64
			if json.Unmarshal(f.Geometry.Coordinates, &rings) != nil {
				add(row, "bad Polygon coordinates")
				continue
			}
			for k, r := range rings {
				ring(row, r, k == 0)
			}
		case "MultiPolygon":
			var polys [][][][]float64
			if json.Unmarshal(f.Geometry.Coordinates, &polys) != nil {
				add(row, "bad MultiPolygon coordinates")
				continue
			}
			for _, rings := range polys {
				for k, r := range rings {
					ring(row, r, k == 0)
				}
			}
		default:
			add(row, "geometry %q not checked", f.Geometry.Type)
		}
	}
	return probs
}
