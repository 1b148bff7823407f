package csvio_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
)

// Three real Marseille rows of the old coding (the Kaggle compilation of
// ONISR's BAAC, with its float-looking com and lat), one of Aix (13001),
// one without a position.
const baacOld = `Num_Acc,an,mois,jour,hrmn,lum,agg,int,atm,col,com,adr,gps,lat,long,dep
201500014069,15,2,3,1430,1,2,1,2.0,7.0,55.0,"11, RUE DE LA BOISERAIE",M,4329835.0,542138,130
201500015712,15,12,14,1150,1,2,1,1.0,2.0,55.0,"00, HENRI MARTINET (ROND",M,4329769.0,547918,130
201400014276,14,3,2,1910,5,1,1,1.0,6.0,55.0,"273, RUE PIERRE DOIZE",M,4327116.0,542576,130
201400014277,14,3,2,910,5,1,1,1.0,6.0,1.0,"AV X",M,4352000.0,544000,130
201000022801,10,1,10,1420,1,2,1,1.0,2.0,55.0,"19, TRA DE LA TREVARESSE",,,,130
`

// The new coding (2019 on), written here in its published form:
// semicolons, quotes, HH:MM, INSEE codes, decimal commas; Accident_Id
// from 2022.
const baacNew = `"Accident_Id";"jour";"mois";"an";"hrmn";"lum";"dep";"com";"agg";"int";"atm";"col";"adr";"lat";"long"
"202200000001";"19";"10";"2022";"08:05";"1";"13";"13055";"2";"1";"1";"3";"BD MICHELET";"43,26980000";"5,39590000"
"202200000002";"20";"10";"2022";"23:40";"5";"13";"13055";"2";"1";"1";"3";"";"43,30000000";"5,40000000"
"202200000003";"21";"10";"2022";"12:00";"1";"75";"75056";"2";"1";"1";"3";"";"48,85";"2,35"
`

func readBAAC(t *testing.T, in, insee string) ([]time.Time, [][2]float64, int, int) {
	t.Helper()
	var ts []time.Time
	var ps [][2]float64
	u, f, err := csvio.ReadBAAC(strings.NewReader(in), "caract.csv", insee, func(_ int, at time.Time, _ bool, lon, lat float64) error {
		ts = append(ts, at)
		ps = append(ps, [2]float64{lon, lat})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ts, ps, u, f
}

func TestReadBAAC(t *testing.T) {
	ts, ps, unplaced, filtered := readBAAC(t, baacOld, "13055")
	if len(ts) != 3 || unplaced != 1 || filtered != 1 {
		t.Fatalf("%d read, %d unplaced, %d filtered", len(ts), unplaced, filtered)
	}
	if !ts[0].Equal(time.Date(2015, 2, 3, 14, 30, 0, 0, time.UTC)) || ps[0] != [2]float64{5.42138, 43.29835} {
		t.Errorf("first: %v %v", ts[0], ps[0])
	}
	if !ts[2].Equal(time.Date(2014, 3, 2, 19, 10, 0, 0, time.UTC)) {
		t.Errorf("third: %v", ts[2])
	}
	// The old coding's Aix row is 13001.
	if _, _, _, f := readBAAC(t, baacOld, "13001"); f != 4 {
		t.Errorf("13001: %d filtered, want 4", f)
	}
	// A row coded by its arrondissement municipal (13207, "207" in the old
	// coding) belongs to Marseille: kept with --insee 13055, not filtered.
	arr := "an,mois,jour,hrmn,dep,com,lat,long\n13,4,9,1600,130,207,4328314,0550554\n13,4,9,1600,13,13216,43.35,5.35\n"
	if ts, _, _, f := readBAAC(t, arr, "13055"); len(ts) != 2 || f != 0 {
		t.Errorf("rows of Marseille's arrondissements: %d kept, %d filtered; want 2, 0", len(ts), f)
	}
	ts, ps, unplaced, filtered = readBAAC(t, baacNew, "13055")
	if len(ts) != 2 || unplaced != 0 || filtered != 1 || ps[0] != [2]float64{5.3959, 43.2698} || !ts[1].Equal(time.Date(2022, 10, 20, 23, 40, 0, 0, time.UTC)) {
		t.Errorf("new coding: %v %v, %d unplaced, %d filtered", ts, ps, unplaced, filtered)
	}
	for code, want := range map[[2]string]string{{"201", "4"}: "2A004", {"972", "209"}: "97209", {"13", "13055"}: "13055", {"750", "56"}: "75056", {"6", "88"}: "06088"} {
		var got string
		in := "an,mois,jour,hrmn,dep,com,lat,long\n16,1,1,1200," + code[0] + "," + code[1] + ",4300000,500000\n"
		if _, f, err := csvio.ReadBAAC(strings.NewReader(in), "x.csv", want, func(int, time.Time, bool, float64, float64) error { got = want; return nil }); err != nil || f != 0 || got != want {
			t.Errorf("dep %s com %s: want %s, filtered %d, %v", code[0], code[1], want, f, err)
		}
	}
}

func TestReadBAACErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"an,mois,jour,hrmn,dep,com,lat\n", `field "long"`},
		{"an,mois,jour,hrmn,dep,com,lat,long\n16,13,1,1200,130,55,4300000,500000\n", `caract.csv:2: field "mois": got "13"`},
		{"an,mois,jour,hrmn,dep,com,lat,long\n16,2,30,1200,130,55,4300000,500000\n", `field "jour": got "30"`},
		{"an,mois,jour,hrmn,dep,com,lat,long\n16,2,3,2460,130,55,4300000,500000\n", `field "hrmn"`},
		{"an,mois,jour,hrmn,dep,com,lat,long\n16,2,3,1200,130,55,4300000,500000\n16,2,3,1200,130,55,abc,500000\n", `caract.csv:3: field "lat": got "abc"`},
		{"an,mois,jour,hrmn,dep,com,lat,long\n16,2,3,1200,130,Marseille,4300000,500000\n", `field "com"`},
	} {
		_, _, err := csvio.ReadBAAC(strings.NewReader(c.in), "caract.csv", "13055", func(int, time.Time, bool, float64, float64) error { return nil })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.in, err, c.want)
		}
	}
}

func FuzzReadBAAC(f *testing.F) {
	f.Add(baacOld)
	f.Add(baacNew)
	f.Add("an,mois,jour,hrmn,dep,com,lat,long\n16,2,3,1200,201,4,-300,0\n")
	f.Fuzz(func(t *testing.T, in string) {
		// Whatever the input, what is handed on is a real day and place.
		csvio.ReadBAAC(strings.NewReader(in), "f.csv", "13055", func(_ int, at time.Time, _ bool, lon, lat float64) error {
			if lat < -90 || lat > 90 || lon < -180 || lon > 180 || at.Year() < 2000 || at.Year() > 2100 {
				t.Fatalf("emitted %v %v %v", at, lon, lat)
			}
			return nil
		})
	})
}

const holidaysCSV = `date,annee,zone,nom_jour_ferie
2016-11-01,2016,Métropole,Toussaint
2016-12-25,2016,Métropole,Jour de Noël
`

const schoolCSV = `date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances
2016-10-31,True,True,True,Vacances de la Toussaint
2017-02-13,True,False,False,Vacances d'hiver
2017-02-20,False,True,False,Vacances d'hiver
`

func TestReadDays(t *testing.T) {
	h, err := csvio.ReadDays(strings.NewReader(holidaysCSV), "feries.csv", "B")
	if err != nil || len(h) != 2 || h[0] != (clairvoie.CalendarDay{Day: "2016-11-01", Holiday: "Toussaint"}) {
		t.Fatalf("%+v %v", h, err)
	}
	s, err := csvio.ReadDays(strings.NewReader(schoolCSV), "vacances.csv", "B")
	if err != nil || len(s) != 2 || s[1].Day != "2017-02-20" || !s[1].SchoolHoliday {
		t.Fatalf("%+v %v", s, err)
	}
	for _, c := range []struct{ in, zone, want string }{
		{"date,nom,adresse\n", "B", `field "nom"`},
		{schoolCSV, "D", `field "vacances_zone_d"`},
		{"date,annee,zone,nom_jour_ferie\n01/11/2016,2016,M,Toussaint\n", "B", `feries.csv:2: field "date"`},
		{"date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances\n2016-10-31,True,peut-être,True,x\n", "B", `field "vacances_zone_b": got "peut-être"`},
	} {
		_, err := csvio.ReadDays(strings.NewReader(c.in), "feries.csv", c.zone)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.in, err, c.want)
		}
	}
}

func FuzzReadDays(f *testing.F) {
	f.Add(holidaysCSV)
	f.Add(schoolCSV)
	f.Fuzz(func(t *testing.T, in string) {
		days, err := csvio.ReadDays(strings.NewReader(in), "f.csv", "B")
		if err == nil {
			for _, d := range days {
				if _, err := time.Parse("2006-01-02", d.Day); err != nil {
					t.Fatalf("day %q accepted", d.Day)
				}
			}
		}
	})
}
