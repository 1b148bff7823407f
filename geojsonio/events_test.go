package geojsonio_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/geojsonio"
)

var reunion, _ = time.LoadLocation("Indian/Reunion")

const worksAndMarket = `{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"T-17","geometry":{"type":"LineString","coordinates":[[55.448,-20.879],[55.452,-20.881]]},
  "properties":{"nature":"Travaux","libelle":"Réfection de la rue de Paris","date_debut":"2026-06-15","date_fin":"2026-06-16"}},
 {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[55.45,-20.88],[55.451,-20.88],[55.451,-20.881],[55.45,-20.88]]]]},
  "properties":{"type":"marché","nom":"Marché forain","date_debut":"2026-06-13T06:00:00+04:00","date_fin":"2026-06-13 12:00","affluence":800}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[55.46,-20.88]},
  "properties":{"name":"Fermeture de voie","start":"2026-06-20T02:00:00Z","end":"2026-06-20T04:00:00Z"}}]}`

func TestReadEvents(t *testing.T) {
	evs, err := geojsonio.ReadEvents(strings.NewReader(worksAndMarket), "voirie.geojson", reunion, clairvoie.EventRoadWorks)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 {
		t.Fatalf("%d events", len(evs))
	}
	w, m, p := evs[0], evs[1], evs[2]
	// A date alone is the whole day in the workspace's zone; an end date includes its day.
	if w.Ref != "T-17" || w.Kind != clairvoie.EventRoadWorks || !w.Start.Equal(time.Date(2026, 6, 15, 0, 0, 0, 0, reunion)) || !w.End.Equal(time.Date(2026, 6, 17, 0, 0, 0, 0, reunion)) {
		t.Errorf("works %+v", w)
	}
	if m.Kind != clairvoie.EventMarket || m.Attendance != 800 || m.Ref != "feature-2" || m.Start.Hour() != 6 || m.End.Hour() != 12 || m.Start.Location() != reunion {
		t.Errorf("market %+v", m)
	}
	// The kind of the file for a feature without one; a UTC time on the zone's clock.
	if p.Kind != clairvoie.EventRoadWorks || p.Start.Hour() != 6 || p.Start.Location() != reunion {
		t.Errorf("point %+v", p)
	}
	for _, tc := range []struct{ in, want string }{
		{strings.Replace(worksAndMarket, `"date_fin":"2026-06-16"`, `"date_fin":"bientôt"`, 1), `field "date_fin"`},
		{strings.Replace(worksAndMarket, `"nature":"Travaux"`, `"nature":"Travaux","telephone_contact":"x"`, 1), `telephone_contact`},
		{strings.Replace(worksAndMarket, `"affluence":800`, `"affluence":-3`, 1), `affluence`},
		{strings.Replace(worksAndMarket, `"LineString"`, `"GeometryCollection"`, 1), `geometry`},
		{strings.Replace(worksAndMarket, `"date_fin":"2026-06-16"`, `"date_fin":"2026-06-14"`, 1), `start before the end`},
		{`{"type":"Feature"}`, `FeatureCollection`},
	} {
		if _, err := geojsonio.ReadEvents(strings.NewReader(tc.in), "voirie.geojson", reunion, clairvoie.EventRoadWorks); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("want %q: %v", tc.want, err)
		}
	}
	if _, err := geojsonio.ReadEvents(strings.NewReader(worksAndMarket), "voirie.geojson", reunion, ""); err == nil || !strings.Contains(err.Error(), "--kind") {
		t.Errorf("no kind: %v", err)
	}
}

func FuzzReadEvents(f *testing.F) {
	f.Add([]byte(worksAndMarket))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"geometry":{"type":"MultiPolygon","coordinates":[]},"properties":{"start":"2026-01-01","end":"2026-01-02"}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		evs, err := geojsonio.ReadEvents(strings.NewReader(string(b)), "fuzz.geojson", reunion, clairvoie.EventOther)
		if err != nil {
			return
		}
		for i := range evs {
			if err := evs[i].Validate(); err != nil {
				t.Fatalf("an event the reader should have refused: %v", err)
			}
		}
	})
}
