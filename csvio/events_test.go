package csvio_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/csvio"
	"github.com/paulmach/orb"
)

func TestReadEvents(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	in := "ref,kind,name,start,end,lon,lat,route,area,attendance,organiser,rrule,synthetic\n" +
		"m1,match,OM – Lens,2024-04-28 21:00,2024-04-28 23:00,5.3959,43.2698,,,50000,club,,false\n" +
		"d1,demonstration,Marche,2024-05-01 10:00,2024-05-01 13:00,,,5.37 43.29; 5.38 43.28,,4000,union,,true\n" +
		"k1,market,Prado,2024-01-01 08:00,2024-01-01 13:00,,,,5.38 43.28; 5.39 43.28; 5.39 43.27; 5.38 43.28,,public,FREQ=WEEKLY;BYDAY=MO,false\n"
	evs, err := csvio.ReadEvents(strings.NewReader(in), "e.csv", paris)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 || evs[0].Start.In(paris).Hour() != 21 || evs[0].Attendance != 50000 || !evs[1].Synthetic {
		t.Fatalf("%+v", evs)
	}
	if _, ok := evs[1].Place.(orb.LineString); !ok {
		t.Errorf("route: %T", evs[1].Place)
	}
	if _, ok := evs[2].Place.(orb.Polygon); !ok || evs[2].RRule == "" {
		t.Errorf("area: %T %q", evs[2].Place, evs[2].RRule)
	}
	head := "ref,kind,name,start,end,lon,lat\n"
	for _, tc := range []struct{ in, want string }{
		{head + "e,riot,x,2024-01-01 10:00,2024-01-01 11:00,5.4,43.3\n", `e.csv:2`},
		{head + "e,match,x,2024-01-01 10h,2024-01-01 11:00,5.4,43.3\n", `field "start"`},
		{head + "e,match,x,2024-01-01 12:00,2024-01-01 11:00,5.4,43.3\n", "start/end"},
		{head + "e,match,x,2024-01-01 10:00,2024-01-01 11:00,5.4,143.3\n", `field "lon/lat"`},
		{"ref,kind,name,start,end,lon,lat,organisateur_nom\n", "organisateur_nom"},
	} {
		_, err := csvio.ReadEvents(strings.NewReader(tc.in), "e.csv", paris)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzReadEvents(f *testing.F) {
	f.Add([]byte("ref,kind,name,start,end,lon,lat\nm1,match,x,2024-04-28 21:00,2024-04-28 23:00,5.3959,43.2698\n"))
	f.Add([]byte("ref,kind,name,start,end,route\nd1,demonstration,x,2024-05-01 10:00,2024-05-01 13:00,5.37 43.29; 5.38 43.28\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		evs, err := csvio.ReadEvents(strings.NewReader(string(b)), "fuzz.csv", time.UTC)
		if err != nil {
			return
		}
		for _, e := range evs {
			if err := e.Validate(); err != nil {
				t.Fatalf("an invalid event came through: %v", err)
			}
		}
	})
}
