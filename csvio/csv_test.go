package csvio_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
)

func TestParisList(t *testing.T) {
	m, err := csvio.LoadMapping("paris-2019")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../demo/data/paris-2019/data.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := csvio.Read(f, m, clairvoie.ReadOptions{File: "data.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cameras) != 707 {
		t.Fatalf("got %d cameras, want the 707 rows of the list", len(res.Cameras))
	}
	first := res.Cameras[0]
	if first.SourceRef != "1051" || first.CommissionedOn.String() != "2016-07-08" || first.Arrondissement != "75101" ||
		first.Postcode != "75001" || first.Place != "Rue Saint-Denis, rue de Rivoli" || first.Operator != "Préfecture de Police" ||
		first.Location.Lon() != 2.34750188 {
		t.Errorf("first row: got %+v", first)
	}
	dated, unknown := 0, 0
	for _, c := range res.Cameras {
		if c.CommissionedOn.IsZero() {
			unknown++
		} else {
			dated++
			if y := c.CommissionedOn.Time().Year(); y < 2008 || y > 2019 {
				t.Errorf("camera %s: commissioned %s, outside the plan's years", c.SourceRef, c.CommissionedOn)
			}
		}
	}
	if unknown != 10 {
		t.Errorf("got %d cameras without a date, want 10 (9 \"inconnue\" and one \"#N/A\")", unknown)
	}
}

func TestReadWithMapping(t *testing.T) {
	m, err := csvio.LoadMapping("testdata/city.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/city.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := csvio.Read(f, m, clairvoie.ReadOptions{File: "city.csv"})
	if err != nil {
		t.Fatal(err)
	}
	a := res.Cameras[0]
	if a.SourceRef != "A1" || a.Location.Lon() != 5.3698 || a.RetentionDays != 10 || !reflect.DeepEqual(a.Purposes, []clairvoie.Purpose{1, 5}) ||
		a.CommissionedOn.String() != "2016-03-15" || a.Operator != "Ville" || a.Authorisation.Ref != "AP-2021-01" {
		t.Errorf("A1: got %+v", a)
	}
	if res.Cameras[1].RetentionDays != 0 {
		t.Errorf("an empty cell must stay unknown")
	}
}

func TestReadErrors(t *testing.T) {
	mapping, err := csvio.LoadMapping("testdata/city.json")
	if err != nil {
		t.Fatal(err)
	}
	header := "id;lon;lat;Type;Mise en service;Conservation (jours);Finalités;Arrêté\n"
	for name, tc := range map[string]struct {
		in   string
		m    *csvio.Mapping
		want string
	}{
		"bad date":        {header + "A1;5;43;dome;2016-03-15;10;1;x\n", mapping, `city.csv:2: field "Mise en service": got "2016-03-15": expected a date (dd/mm/yyyy)`},
		"bad longitude":   {header + "A1;5;43;dome;;;;\nA2;east;43;;;;;\n", mapping, `city.csv:3: field "lon": got "east": expected a longitude`},
		"bad retention":   {header + "A1;5;43;dome;;ten;;\n", mapping, `city.csv:2: field "clairvoie:retention_days": got "ten"`},
		"missing column":  {"id;lon;lat\nA1;5;43\n", mapping, `city.csv:1: field "Arrêté": expected a column named "Arrêté"`},
		"no id":           {header + ";5;43;;;;;\n", mapping, `city.csv:2: field "id"`},
		"short row":       {header + "A1;5;43\n", mapping, "city.csv:2"},
		"quote":           {header + "A1;5;43;\"dome;;;;\n", mapping, "city.csv:2"},
		"personal column": {"id,lon,lat,Nom de l'agent\n1,5,43,Martin\n", nil, `city.csv:2: field "Nom de l'agent": refused`},
		"email value":     {"id,lon,lat,info\n1,5,43,a.b@c.fr\n", nil, `looks like an e-mail address`},
		"no coordinates":  {"id,x,y\n1,5,43\n", nil, "columns lon and lat"},
		"duplicate col":   {"id,lon,lat,lat\n1,5,43,43\n", nil, "unique"},
		"empty":           {"", nil, "a header line"},
	} {
		res, err := csvio.Read(strings.NewReader(tc.in), tc.m, clairvoie.ReadOptions{File: "city.csv"})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", name, err, tc.want)
		}
		if len(res.Cameras) != 0 {
			t.Errorf("%s: got cameras with an error", name)
		}
		if err != nil && (strings.Contains(err.Error(), "Martin") || strings.Contains(err.Error(), "a.b@c.fr")) {
			t.Errorf("%s: the error echoes a personal value: %v", name, err)
		}
	}
}

func TestMappingErrors(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"unknown field":  {`{"lon":"x","lat":"y","columns":{},"colums":{}}`, "unknown field"},
		"no lon":         {`{"lat":"y","columns":{}}`, `"lon" and "lat"`},
		"bad date fmt":   {`{"lon":"x","lat":"y","columns":{"d":{"key":"start_date","date_format":"dd.mm.yy"}}}`, "unknown date_format"},
		"bad transform":  {`{"lon":"x","lat":"y","columns":{"d":{"key":"k","transform":"rot13"}}}`, "unknown transform"},
		"empty target":   {`{"lon":"x","lat":"y","columns":{"d":""}}`, "needs a key"},
		"long delimiter": {`{"lon":"x","lat":"y","delimiter":";;","columns":{}}`, "one character"},
	} {
		if _, err := csvio.ParseMapping([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", name, err, tc.want)
		}
	}
	if _, err := csvio.LoadMapping("no-such-mapping"); err == nil || !strings.Contains(err.Error(), "paris-2019") {
		t.Errorf("unknown mapping: got %v, want the list of built-in mappings", err)
	}
}

// A mapping's mistakes are the user's, not internal errors: the message
// names the file, the line or field, and what was expected.
func TestMappingErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ in, field, want string }{
		"bad JSON":       {"{\n\"lon\": \"x\",\n\"lat\": }", "", ":3"},
		"unknown field":  {`{"lon":"x","lat":"y","columns":{},"colums":{}}`, "colums", "known field"},
		"wrong type":     {`{"lon":"x","lat":"y","columns":{"a":"k"},"ignore":"z"}`, "ignore", "[]string"},
		"long delimiter": {`{"lon":"x","lat":"y","delimiter":";;","columns":{}}`, "delimiter", "one character"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
		if err := os.WriteFile(path, []byte(tc.in), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := csvio.LoadMapping(path)
		if code := clairvoie.ErrorCode(err); code != clairvoie.EINVALID {
			t.Errorf("%s: code %q, want %q (%v)", name, code, clairvoie.EINVALID, err)
			continue
		}
		msg := clairvoie.ErrorMessage(err)
		if !strings.Contains(msg, path) || (tc.field != "" && !strings.Contains(msg, tc.field)) || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: %q, want the file, the field %q and %q", name, msg, tc.field, tc.want)
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	m, _ := csvio.LoadMapping("paris-2019")
	f, err := os.Open("../demo/data/paris-2019/data.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := csvio.Read(f, m, clairvoie.ReadOptions{File: "data.csv"})
	if err != nil {
		t.Fatal(err)
	}
	cams := make([]*clairvoie.Camera, len(res.Cameras))
	for i := range res.Cameras {
		res.Cameras[i].ID = int64(i + 1)
		cams[i] = &res.Cameras[i]
	}
	var buf bytes.Buffer
	if err := csvio.Write(&buf, cams); err != nil {
		t.Fatal(err)
	}
	back, err := csvio.Read(&buf, nil, clairvoie.ReadOptions{File: "export.csv"})
	if err != nil {
		t.Fatalf("reading our own export without a mapping: %v", err)
	}
	if len(back.Cameras) != len(cams) {
		t.Fatalf("got %d cameras back, want %d", len(back.Cameras), len(cams))
	}
	for i, c := range back.Cameras {
		if c.SourceRef != cams[i].SourceRef || c.Location != cams[i].Location || !reflect.DeepEqual(c.Tags(), cams[i].Tags()) {
			t.Fatalf("row %d: got %q %v %v, want %q %v %v", i, c.SourceRef, c.Location, c.Tags(), cams[i].SourceRef, cams[i].Location, cams[i].Tags())
		}
	}
}

func FuzzRead(f *testing.F) {
	b, err := os.ReadFile("testdata/city.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, true)
	f.Add([]byte("id,lon,lat,camera:direction\n1,5,43,N\n2,5.1,43.1,80-100\n"), false)
	m, err := csvio.LoadMapping("testdata/city.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte, withMapping bool) {
		mp := m
		if !withMapping {
			mp = nil
		}
		res, err := csvio.Read(bytes.NewReader(b), mp, clairvoie.ReadOptions{File: "fuzz.csv"})
		if err != nil && len(res.Cameras) > 0 {
			t.Fatalf("an error must come with no cameras")
		}
		for _, c := range res.Cameras {
			if c.SourceRef == "" {
				t.Fatalf("a camera without a source reference")
			}
		}
	})
}
