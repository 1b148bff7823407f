package csvio_test

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/internal/utm"
)

func TestReadIncidents(t *testing.T) {
	in := "id;when;lat;lon\n1;2019-01-01T19:50:00Z;41,79;-87,62\n2;2019-01-02 08:00;41.75;-87.66\n3;2019-01-03;;\n"
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(in))
	zw.Close()
	for name, data := range map[string][]byte{"plain": []byte(in), "gzip": buf.Bytes()} {
		var got []time.Time
		skipped, err := csvio.ReadIncidents(bytes.NewReader(data), "x.csv", csvio.IncidentColumns{Lon: "lon", Lat: "lat", Time: "when"}, func(_ int, at time.Time, _ bool, lon, lat float64) error {
			got = append(got, at)
			if lon > -87 || lat < 41 {
				t.Errorf("%s: position %v %v", name, lon, lat)
			}
			return nil
		})
		if err != nil || len(got) != 2 || skipped != 1 || got[1].Hour() != 8 {
			t.Errorf("%s: %v, %d skipped, %v", name, got, skipped, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"when,lat,lon\n2019-01-01,41.7,-87.6\n2019-13-45,41.7,-87.6\n", `x.csv:3: field "when": got "2019-13-45"`},
		{"when,lat,lon\n2019-01-01,141.7,-87.6\n", `x.csv:2: field "lat"`},
		{"when,latitude,lon\n2019-01-01,41.7,-87.6\n", `field "lat"`},
		{"when,lat,lon\n2019-01-01,\"41.7,-87.6\n", "x.csv"},
	} {
		_, err := csvio.ReadIncidents(strings.NewReader(tc.in), "x.csv", csvio.IncidentColumns{Lon: "lon", Lat: "lat", Time: "when"}, func(int, time.Time, bool, float64, float64) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzReadIncidents(f *testing.F) {
	f.Add([]byte("when,lat,lon\n2019-01-01T19:50:00Z,41.79,-87.62\n"))
	f.Add([]byte("when;lat;lon\n01/02/2006 15:04;41,79;-87,62\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		csvio.ReadIncidents(bytes.NewReader(b), "fuzz.csv", csvio.IncidentColumns{Lon: "lon", Lat: "lat", Time: "when"}, func(_ int, at time.Time, _ bool, lon, lat float64) error {
			if !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) {
				t.Fatalf("position out of range: %v %v", lon, lat)
			}
			return nil
		})
	})
}

func TestReadIncidentsUTMAndSplitDate(t *testing.T) {
	in := "TYPE,YEAR,MONTH,DAY,HOUR,X,Y\nTheft,2020,1,5,3,490320.299,5458606.9208\nTheft,2020,12,31,0,0,0\n"
	z, _ := utm.ParseZone("10N")
	var got []time.Time
	var pos [][2]float64
	cols := csvio.IncidentColumns{Lon: "X", Lat: "Y", Time: "YEAR,MONTH,DAY", UTM: &z}
	skipped, err := csvio.ReadIncidents(strings.NewReader(in), "van.csv", cols, func(_ int, at time.Time, _ bool, lon, lat float64) error {
		got = append(got, at)
		pos = append(pos, [2]float64{lon, lat})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = csvio.ReadIncidents(strings.NewReader(in+"Theft,2020,2,30,0,490320,5458606\n"), "van.csv", cols, func(int, time.Time, bool, float64, float64) error { return nil })
	if err == nil || !strings.Contains(err.Error(), `van.csv:4: field "YEAR,MONTH,DAY": got "2020-2-30"`) {
		t.Errorf("30 February: %v", err)
	}
	if len(got) != 1 || skipped != 1 || !got[0].Equal(time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC)) ||
		pos[0][0] > -123.13 || pos[0][0] < -123.14 || pos[0][1] < 49.28 || pos[0][1] > 49.29 {
		t.Errorf("%v %v, %d skipped", got, pos, skipped)
	}
}
