package osm_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie/osm"
	"github.com/paulmach/orb"
)

func TestReadPlaces(t *testing.T) {
	for _, file := range []string{"testdata/places.osm", "testdata/places.osm.pbf"} {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			places, warns, err := osm.ReadPlaces(context.Background(), f, file, strings.HasSuffix(file, ".pbf"), osm.PublicAmenities)
			if err != nil {
				t.Fatal(err)
			}
			// The school is mapped twice (node 6 inside way 100): kept once, as
			// the node; the café is not public; way 102
			// leaves the extract; the townhall way sits at its nodes' mean.
			want := []osm.Place{
				{Ref: "node/1", Name: "Bibliothèque A", Amenity: "library", Location: orb.Point{5.4, 43.3}},
				{Ref: "node/6", Name: "École B", Amenity: "school", Location: orb.Point{5.402, 43.302}},
				{Ref: "way/101", Name: "townhall way/101", Amenity: "townhall", Location: orb.Point{5.411, 43.311}},
			}
			if len(places) != len(want) {
				t.Fatalf("got %d places %+v, want %d", len(places), places, len(want))
			}
			for i, w := range want {
				p := places[i]
				if p.Ref != w.Ref || p.Name != w.Name || p.Amenity != w.Amenity || !near(p.Location, w.Location) {
					t.Errorf("place %d = %+v, want %+v", i, p, w)
				}
			}
			var cut bool
			for _, w := range warns {
				cut = cut || (w.Feature == "way/102" && w.Value == "node/999")
			}
			if !cut {
				t.Errorf("no warning for way/102 cut by the extract: %+v", warns)
			}
		})
	}
}

func near(a, b orb.Point) bool {
	return abs(a[0]-b[0]) < 1e-9 && abs(a[1]-b[1]) < 1e-9
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestReadStreets(t *testing.T) {
	for _, file := range []string{"testdata/places.osm", "testdata/places.osm.pbf"} {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			lines, err := osm.ReadStreets(context.Background(), f, file, strings.HasSuffix(file, ".pbf"), osm.HighwayStreets)
			if err != nil {
				t.Fatal(err)
			}
			// way 200 whole; way 201 cut at the missing node 998, leaving 3–4
			// (2 alone is no line); the footway is not a street.
			if len(lines) != 2 || len(lines[0]) != 3 || len(lines[1]) != 2 {
				t.Fatalf("got %v", lines)
			}
			if !near(lines[1][0], orb.Point{5.403, 43.301}) {
				t.Errorf("second piece starts at %v, want node 3", lines[1][0])
			}
		})
	}
}

func TestReadPlacesBadInput(t *testing.T) {
	for _, in := range []string{
		`<osm><node id="1" lat="43.3" lon="5.4"/><way id="2"><nd ref="x"/><tag k="amenity" v="school"/></way></osm>`,
		`<osm><node id="1" lat="43.3" lon="5.4"/><node id="3" lat="93.3" lon="5.4"/><way id="2"><nd ref="1"/><nd ref="3"/><tag k="amenity" v="school"/></way></osm>`,
		`<osm><node id="1" lat="NaN" lon="5.4"/><way id="2"><nd ref="1"/><tag k="amenity" v="school"/></way></osm>`,
	} {
		_, _, err := osm.ReadPlaces(context.Background(), strings.NewReader(in), "bad.osm", false, osm.PublicAmenities)
		if err == nil || !strings.Contains(err.Error(), "bad.osm") || !strings.Contains(err.Error(), "way/2") {
			t.Errorf("%s: err = %v, want the file and the way", in, err)
		}
	}
}

func FuzzReadPlaces(f *testing.F) {
	seed, err := os.ReadFile("testdata/places.osm")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`<osm><node id="1" lat="1" lon="2"/><way id="2"><nd ref="1"/><nd ref="1"/><tag k="amenity" v="school"/></way></osm>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		places, _, err := osm.ReadPlaces(context.Background(), strings.NewReader(string(b)), "fuzz.osm", false, osm.PublicAmenities)
		if err != nil {
			return
		}
		for _, p := range places {
			if p.Name == "" || p.Ref == "" || !(p.Location[0] >= -180 && p.Location[0] <= 180 && p.Location[1] >= -90 && p.Location[1] <= 90) {
				t.Fatalf("place without a name, a ref or a valid location: %+v", p)
			}
		}
		lines, err := osm.ReadStreets(context.Background(), strings.NewReader(string(b)), "fuzz.osm", false, osm.HighwayStreets)
		if err != nil {
			return
		}
		for _, l := range lines {
			for _, q := range l {
				if !(q[0] >= -180 && q[0] <= 180 && q[1] >= -90 && q[1] <= 90) {
					t.Fatalf("street point out of range: %v", q)
				}
			}
		}
	})
}
