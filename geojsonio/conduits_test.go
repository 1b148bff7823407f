package geojsonio_test

import (
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie/geojsonio"
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
