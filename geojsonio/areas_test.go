package geojsonio_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/paulmach/orb"
)

const twoCommunes = `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"code_insee":"13055","nom":"Marseille","population":873076,"maire":"x"},
  "geometry":{"type":"Polygon","coordinates":[[[5.2,43.2],[5.5,43.2],[5.5,43.4],[5.2,43.4],[5.2,43.2]]]}},
 {"type":"Feature","properties":{"code_insee":13001,"nom":"Aix-en-Provence"},
  "geometry":{"type":"MultiPolygon","coordinates":[[[[5.3,43.5],[5.5,43.5],[5.5,43.6],[5.3,43.5]]]]}}]}`

func TestReadAreas(t *testing.T) {
	as, err := geojsonio.ReadAreas(strings.NewReader(twoCommunes), "c.geojson", clairvoie.AreaCommune, geojsonio.AreaFields{})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0].Code != "13055" || as[0].Name != "Marseille" || as[0].Population != 873076 || as[0].Kind != clairvoie.AreaCommune {
		t.Fatalf("first area: %+v", as[0])
	}
	if as[1].Code != "13001" || as[1].Population != 0 {
		t.Fatalf("a numeric code: %+v", as[1])
	}
	if _, ok := as[1].Geometry.(orb.MultiPolygon); !ok {
		t.Fatalf("geometry %T", as[1].Geometry)
	}
	// Named fields.
	in := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"q":"Q1","label":"Le Panier","arr":"13202","hab":1200},
	  "geometry":{"type":"Polygon","coordinates":[[[5.36,43.29],[5.37,43.29],[5.37,43.30],[5.36,43.29]]]}}]}`
	as, err = geojsonio.ReadAreas(strings.NewReader(in), "q.geojson", clairvoie.AreaQuartier, geojsonio.AreaFields{Code: "q", Name: "label", Parent: "arr", Population: "hab"})
	if err != nil || as[0].Code != "Q1" || as[0].Name != "Le Panier" || as[0].Parent != "13202" || as[0].Population != 1200 {
		t.Fatalf("named fields: %+v, %v", as, err)
	}
}

func TestReadAreasErrors(t *testing.T) {
	poly := `{"type":"Polygon","coordinates":[[[5.2,43.2],[5.5,43.2],[5.5,43.4],[5.2,43.2]]]}`
	feat := func(props, geom string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}]}`
	}
	for _, tc := range []struct{ in, feature, field, want string }{
		{`[]`, "", "", "FeatureCollection"},
		{`{"type":"FeatureCollection","features":[]}`, "", "features", "at least one area"},
		{feat(`{"code":"1"}`, `{"type":"Point","coordinates":[5,43]}`), "1", "geometry", "Polygon or a MultiPolygon"},
		{feat(`{"code":"1"}`, `{"type":"Polygon","coordinates":[[[5,43],[6,43],[6,44],[5,44]]]}`), "1", "geometry", "closed rings"},
		{feat(`{"code":"1"}`, `{"type":"Polygon","coordinates":[[[5,43],[6,43],[5,43]]]}`), "1", "geometry", "4 positions"},
		{feat(`{"code":"1"}`, `{"type":"Polygon","coordinates":[[[500,43],[6,43],[6,44],[500,43]]]}`), "1", "geometry", "WGS 84"},
		{feat(`{"nom":"x"}`, poly), "1", "code", "a code of 1 to 32"},
		{feat(`{"code":["a"]}`, poly), "1", "code", "a code of 1 to 32"},
		{feat(`{"code":"1","population":-3}`, poly), "1", "population", "whole number"},
		{feat(`{"code":"1","population":2.5}`, poly), "1", "population", "whole number"},
		{`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"7"},"geometry":` + poly + `},
		  {"type":"Feature","properties":{"code":"7"},"geometry":` + poly + `}]}`, "2", "code", "feature 1 has it"},
	} {
		_, err := geojsonio.ReadAreas(strings.NewReader(tc.in), "a.geojson", clairvoie.AreaCommune, geojsonio.AreaFields{})
		var ie *clairvoie.ImportError
		if !errors.As(err, &ie) || ie.Feature != tc.feature || ie.Field != tc.field || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.60s: got %v (%+v), want feature %q field %q saying %q", tc.in, err, ie, tc.feature, tc.field, tc.want)
		}
	}
}

func FuzzReadAreas(f *testing.F) {
	f.Add([]byte(twoCommunes))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"properties":{"code":1},"geometry":{"type":"MultiPolygon","coordinates":[]}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		as, err := geojsonio.ReadAreas(strings.NewReader(string(b)), "fuzz.geojson", clairvoie.AreaCommune, geojsonio.AreaFields{})
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, a := range as {
			if a.Code == "" || seen[a.Code] || a.Geometry == nil || a.Population < 0 {
				t.Fatalf("an area the reader should have refused: %+v", a)
			}
			seen[a.Code] = true
		}
	})
}
