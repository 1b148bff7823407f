package csvio_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie/csvio"
)

func TestReadConduits(t *testing.T) {
	in := "\uFEFFref;from_lon;from_lat;to_lon;to_lat;city_share;ducts_free;ducts_used;cameras;synthetic\n" +
		"F1;5,3700;43,2960;5,3710;43,2960;1;2;1;\"MRS-1; MRS-2\";oui\n" +
		"F2;5.3710;43.2960;5.3710;43.2970;;;;;\n"
	cs, err := csvio.ReadConduits(strings.NewReader(in), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("got %d conduits", len(cs))
	}
	a, b := cs[0], cs[1]
	if a.Ref != "F1" || a.CityShare != 1 || a.DuctsFree != 2 || a.DuctsUsed != 1 || !a.Synthetic || len(a.Cameras) != 2 || a.Cameras[1] != "MRS-2" {
		t.Fatalf("first conduit: %+v", a)
	}
	// 0.001° of longitude at 43.296° N is 111.195 km × cos(43.296°) / 1000 ≈ 81.0 m.
	if want := 6371008.8 * (0.001 * math.Pi / 180) * math.Cos(43.296*math.Pi/180); math.Abs(a.LengthM-want) > 0.5 {
		t.Fatalf("length %.2f m, want %.2f m", a.LengthM, want)
	}
	if b.CityShare != 0.5 || b.Synthetic || b.Cameras != nil || math.Abs(b.LengthM-111.2) > 0.5 {
		t.Fatalf("second conduit's defaults: %+v", b)
	}
}

func TestReadConduitsErrors(t *testing.T) {
	h := "ref,from_lon,from_lat,to_lon,to_lat,length_m,city_share,ducts_free\n"
	for name, tc := range map[string]struct{ in, want string }{
		"latitude":   {h + "A,5,43,5,93,,,\n", `c.csv:2: field "to_lat": got "93": expected a coordinate`},
		"share":      {h + "A,5,43,5,43.1,,1.5,\n", `c.csv:2: field "city_share": got "1.5"`},
		"ducts":      {h + "A,5,43,5,43.1,,,2.5\n", `field "ducts_free": got "2.5": expected a number of ducts`},
		"length":     {h + "A,5,43,5,43.1,-3,,\n", `field "length_m"`},
		"duplicate":  {h + "A,5,43,5,43.1,,,\nA,5,43,5,43.2,,,\n", `c.csv:3: field "ref": got "A": expected a reference not already used on line 2`},
		"no ref":     {h + ",5,43,5,43.1,,,\n", `c.csv:2: field "ref"`},
		"missing":    {"ref,from_lon,from_lat,to_lon\nA,5,43,5\n", `field "to_lat": expected a column to_lat`},
		"personal":   {"ref,from_lon,from_lat,to_lon,to_lat,nom_agent\nA,5,43,5,43.1,Martin\n", `field "nom_agent": refused`},
		"unknown":    {"ref,from_lon,from_lat,to_lon,to_lat,colour\nA,5,43,5,43.1,red\n", `expected only the columns`},
		"synthetic":  {"ref,from_lon,from_lat,to_lon,to_lat,synthetic\nA,5,43,5,43.1,maybe\n", `field "synthetic": got "maybe"`},
		"empty":      {h, "expected at least one conduit"},
		"quote":      {h + "\"A,5,43\n", "expected well-formed CSV"},
		"no header":  {"", "expected a header line"},
		"dup column": {"ref,ref,from_lon,from_lat,to_lon,to_lat\n", `field "ref": expected column names to be unique`},
	} {
		cs, err := csvio.ReadConduits(strings.NewReader(tc.in), "c.csv")
		if err == nil || !strings.Contains(err.Error(), tc.want) || cs != nil {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "Martin") {
			t.Errorf("%s: the error echoes a personal value", name)
		}
	}
}

func FuzzReadConduits(f *testing.F) {
	f.Add([]byte("ref,from_lon,from_lat,to_lon,to_lat\nA,5.37,43.29,5.38,43.29\n"))
	f.Add([]byte("ref;from_lon;from_lat;to_lon;to_lat;length_m;cameras;synthetic\nB;5,1;43;5,2;43;120,5;X;Y;non\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		cs, err := csvio.ReadConduits(bytes.NewReader(b), "fuzz.csv")
		if err != nil && cs != nil {
			t.Fatalf("an error must come with no conduits")
		}
		for _, c := range cs {
			if c.Ref == "" || len(c.Line) != 2 || c.CityShare < 0 || c.CityShare > 1 || c.LengthM < 0 || math.IsNaN(c.LengthM) || c.DuctsFree < 0 || c.DuctsUsed < 0 {
				t.Fatalf("an invalid conduit passed: %+v", c)
			}
		}
	})
}
