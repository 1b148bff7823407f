package geojsonio_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/geojsonio"
)

func TestRead(t *testing.T) {
	f, err := os.Open("testdata/overpass.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := geojsonio.Read(f, clairvoie.ReadOptions{File: "overpass.geojson"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cameras) != 3 {
		t.Fatalf("got %d cameras, want 3", len(res.Cameras))
	}
	a, b, c := res.Cameras[0], res.Cameras[1], res.Cameras[2]
	if a.SourceRef != "node/6459866647" || a.Direction == nil || a.Direction.Degrees != 240 || a.Extra["source"] != "survey 2019" {
		t.Errorf("first: ref %q direction %v extra %v", a.SourceRef, a.Direction, a.Extra)
	}
	if b.SourceRef != "node/6471920429" || *b.Height != 6 || !reflect.DeepEqual(b.Purposes, []clairvoie.Purpose{3, 4}) || !*b.Signage.Present {
		t.Errorf("second: ref %q (from @id) height %v purposes %v signage %v", b.SourceRef, b.Height, b.Purposes, b.Signage.Present)
	}
	if c.SourceRef != "42" || c.Type != clairvoie.CameraDome || len(c.Extra) != 0 {
		t.Errorf("third: ref %q type %q extra %v (a numeric id; a null property is skipped)", c.SourceRef, c.Type, c.Extra)
	}
}

func TestReadErrors(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"not json":    {`{"type":`, "a GeoJSON FeatureCollection"},
		"not a FC":    {`{"type":"Feature"}`, `field "type": got "Feature": expected FeatureCollection`},
		"line":        {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{}}]}`, `feature 1: field "geometry": got "LineString": expected a Point`},
		"no geometry": {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}`, `expected a Point`},
		"bad coords":  {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5]},"properties":{}}]}`, `"coordinates"`},
		"lat 95":      {`{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[5,95]},"properties":{}}]}`, `feature 1 (a): field "latitude"`},
		"object prop": {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]},"properties":{"x":{"y":1}}}]}`, `field "x": expected a string, number, boolean`},
		"crs":         {`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2154"}},"features":[]}`, `field "crs"`},
		"personal":    {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]},"properties":{}},{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]},"properties":{"Prénom":"Léa"}}]}`, `feature 2: field "Prénom": refused`},
		"plate value": {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]},"properties":{"vu":"AB-123-CD"}}]}`, `looks like a licence plate`},
		"bad type":    {`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]},"properties":{"camera:type":"x"}}]}`, `fixed, panning or dome`},
	} {
		res, err := geojsonio.Read(strings.NewReader(tc.in), clairvoie.ReadOptions{File: "in.geojson"})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "in.geojson") {
			t.Errorf("%s: got %v, want an error starting with the file and containing %q", name, err, tc.want)
		}
		if len(res.Cameras) != 0 {
			t.Errorf("%s: got %d cameras with an error, want none", name, len(res.Cameras))
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	f, err := os.Open("testdata/overpass.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := geojsonio.Read(f, clairvoie.ReadOptions{File: "overpass.geojson"})
	if err != nil {
		t.Fatal(err)
	}
	var cams []*clairvoie.Camera
	for i := range res.Cameras {
		res.Cameras[i].ID = int64(i + 10)
		cams = append(cams, &res.Cameras[i])
	}
	var buf bytes.Buffer
	if err := geojsonio.Write(&buf, cams); err != nil {
		t.Fatal(err)
	}
	back, err := geojsonio.Read(&buf, clairvoie.ReadOptions{File: "export.geojson"})
	if err != nil {
		t.Fatalf("reading our own export: %v", err)
	}
	for i, c := range back.Cameras {
		if c.SourceRef != cams[i].SourceRef || c.Location != cams[i].Location || !reflect.DeepEqual(c.Tags(), cams[i].Tags()) {
			t.Errorf("camera %d: got %q %v %v, want %q %v %v", i, c.SourceRef, c.Location, c.Tags(), cams[i].SourceRef, cams[i].Location, cams[i].Tags())
		}
	}
}

func FuzzRead(f *testing.F) {
	b, err := os.ReadFile("testdata/overpass.geojson")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,43]},"properties":{"camera:direction":"N-S"}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := geojsonio.Read(bytes.NewReader(b), clairvoie.ReadOptions{File: "fuzz.geojson"})
		if err != nil && len(res.Cameras) > 0 {
			t.Fatalf("an error must come with no cameras")
		}
		if err != nil {
			return
		}
		cams := make([]*clairvoie.Camera, len(res.Cameras))
		for i := range res.Cameras {
			cams[i] = &res.Cameras[i]
		}
		var buf bytes.Buffer
		if err := geojsonio.Write(&buf, cams); err != nil {
			t.Fatalf("write what was read: %v", err)
		}
		back, err := geojsonio.Read(&buf, clairvoie.ReadOptions{File: "again.geojson"})
		if err != nil || len(back.Cameras) != len(cams) {
			t.Fatalf("re-read of an export: %d cameras, %v; want %d", len(back.Cameras), err, len(cams))
		}
	})
}
