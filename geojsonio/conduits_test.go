package geojsonio_test

import (
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/paulmach/orb"
)

func TestReadConduits(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"F1","geometry":{"type":"LineString","coordinates":[[5.37,43.29],[5.38,43.29]]},"properties":{"ducts_used":1,"ducts_free":1,"cameras":["C1","C2"],"city_share":1}},
	 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[5.38,43.29],[5.38,43.30]]},"properties":{"ref":"F2","cameras":"C3;C4","length_m":1200}}]}`
	cs, err := geojsonio.ReadConduits(strings.NewReader(in), "c.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Ref != "F1" || cs[0].DuctsFree != 1 || len(cs[0].Cameras) != 2 || cs[0].CityShare != 1 || cs[0].LengthM < 790 || cs[0].LengthM > 820 {
		t.Errorf("first: %+v", cs[0])
	}
	if cs[1].Ref != "F2" || cs[1].CityShare != 0.5 || cs[1].LengthM != 1200 || len(cs[1].Cameras) != 2 {
		t.Errorf("second: %+v", cs[1])
	}
	for name, tc := range map[string]struct{ in, want string }{
		"point":    {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]},"properties":{}}]}`, `feature 1: field "geometry"`},
		"share":    {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[5,43],[5.1,43]]},"properties":{"city_share":3}}]}`, `field "city_share"`},
		"personal": {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[5,43],[5.1,43]]},"properties":{"technicien_nom":"X"}}]}`, "refused"},
		"not fc":   {`[]`, "FeatureCollection"},
	} {
		if _, err := geojsonio.ReadConduits(strings.NewReader(tc.in), "c.geojson"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
	}
}

func TestReadSites(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[5.40,43.31]},"properties":{"role":"root","name":"centre"}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[5.37,43.29]},"properties":{"name":"Bibliothèque"}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[5.38,43.30]},"properties":{}}]}`
	sites, names, root, err := geojsonio.ReadSites(strings.NewReader(in), "s.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 2 || names[0] != "Bibliothèque" || names[1] != "" || root == nil || root[0] != 5.40 {
		t.Fatalf("got %v %q root %v", sites, names, root)
	}
	pt := func(lon, lat, props string) string {
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":[` + lon + `,` + lat + `]},"properties":{` + props + `}}`
	}
	for name, tc := range map[string]struct{ in, want string }{
		"not json":  {"{", "expected a GeoJSON FeatureCollection"},
		"not fc":    {`{"type":"Feature"}`, "expected a GeoJSON FeatureCollection"},
		"latitude":  {`{"type":"FeatureCollection","features":[` + pt("5", "91", "") + `]}`, `feature 1: field "coordinates"`},
		"line":      {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[5,43],[5,44]]}}]}`, `field "geometry": expected a Point`},
		"two roots": {`{"type":"FeatureCollection","features":[` + pt("5", "43", `"role":"root"`) + `,` + pt("5", "44", `"role":"root"`) + `]}`, `feature 2: field "role"`},
		"longitude": {`{"type":"FeatureCollection","features":[` + pt("5", "43", "") + `,` + pt("-181", "43", "") + `]}`, `feature 2: field "coordinates"`},
	} {
		s, _, r, err := geojsonio.ReadSites(strings.NewReader(tc.in), "s.geojson")
		if err == nil || !strings.Contains(err.Error(), tc.want) || s != nil || r != nil {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
	}
}

func FuzzReadSites(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5.4,43.3]},"properties":{"role":"root"}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sites, names, root, err := geojsonio.ReadSites(strings.NewReader(string(b)), "fuzz.geojson")
		if err != nil {
			if sites != nil || root != nil {
				t.Fatal("an error must come with no sites")
			}
			return
		}
		if len(sites) != len(names) {
			t.Fatalf("%d sites, %d names", len(sites), len(names))
		}
		for _, p := range append(sites, func() []orb.Point {
			if root != nil {
				return []orb.Point{*root}
			}
			return nil
		}()...) {
			if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
				t.Fatalf("site out of range: %v", p)
			}
		}
	})
}

func TestReadStreets(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","properties":{"highway":"residential","name":"Rue A"},"geometry":{"type":"LineString","coordinates":[[5.40,43.30],[5.41,43.30]]}},
	 {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[5.41,43.30],[5.41,43.31]],[[5.42,43.30],[5.42,43.31],[5.43,43.31]]]}}]}`
	lines, err := geojsonio.ReadStreets(strings.NewReader(in), "streets.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || len(lines[2]) != 3 || lines[1][1] != (orb.Point{5.41, 43.31}) {
		t.Fatalf("got %v", lines)
	}
	for _, tc := range []struct{ in, want string }{
		{`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]}}]}`, "feature 1"},
		{`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[5,43]]}}]}`, "two points or more"},
		{`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[5,43],[500,43]]}}]}`, "WGS 84"},
		{`[]`, "FeatureCollection"},
	} {
		_, err := geojsonio.ReadStreets(strings.NewReader(tc.in), "s.geojson")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "s.geojson") {
			t.Errorf("%s: err = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzReadStreets(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[5.4,43.3],[5.41,43.3]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[5.4,43.3],[5.41,43.3]]]}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		lines, err := geojsonio.ReadStreets(strings.NewReader(string(b)), "fuzz.geojson")
		if err != nil {
			return
		}
		for _, l := range lines {
			if len(l) < 2 {
				t.Fatalf("a line of %d points", len(l))
			}
			for _, p := range l {
				if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
					t.Fatalf("point out of range: %v", p)
				}
			}
		}
	})
}
