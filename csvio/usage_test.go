package csvio_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
)

func TestReadUsage(t *testing.T) {
	in := "camera;month;requisitions;extractions;decisive;interventions;downtime_hours;vandalism\nMRS-1;2022-03;4;3;1;2;1,5;0\nMRS-2;2022-04-01;0;0;0;0;;\n"
	rows, err := csvio.ReadUsage(strings.NewReader(in), clairvoie.ReadOptions{File: "u.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].CameraRef != "MRS-1" || rows[0].Month != "2022-03" || rows[0].Decisive != 1 || rows[0].DowntimeHours != 1.5 || rows[1].Month != "2022-04" || rows[1].Line != 3 {
		t.Fatalf("got %+v", rows)
	}
}

func TestReadUsageErrors(t *testing.T) {
	h := "camera,month,requisitions,extractions,decisive\n"
	for name, tc := range map[string]struct{ in, want string }{
		"negative":      {h + "A,2022-01,-1,0,0\n", `u.csv:2: field "requisitions": got "-1": expected a count`},
		"decisive":      {h + "A,2022-01,3,1,2\n", `u.csv:2: field "decisive"`},
		"month":         {h + "A,2022-13,1,1,0\n", `u.csv:2: field "month": got "2022-13"`},
		"personal":      {"camera,month,nom_agent\nA,2022-01,Martin\n", `field "nom_agent": refused`},
		"free text":     {"camera,month,commentaire\nA,2022-01,x\n", `refused`},
		"unknown":       {"camera,month,weather\nA,2022-01,sun\n", `field "weather": expected only the columns`},
		"no camera":     {"month,requisitions\n2022-01,1\n", "exactly one of the columns camera"},
		"both":          {"camera,camera_id,month\nA,1,2022-01\n", "exactly one of the columns camera"},
		"no month":      {"camera,requisitions\nA,1\n", "a column month"},
		"empty camera":  {h + ",2022-01,1,1,0\n", `u.csv:2: field "camera"`},
		"bad camera id": {"camera_id,month\nx,2022-01\n", `field "camera_id"`},
	} {
		_, err := csvio.ReadUsage(strings.NewReader(tc.in), clairvoie.ReadOptions{File: "u.csv"})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "Martin") {
			t.Errorf("%s: the error echoes a personal value", name)
		}
	}
}

func FuzzReadUsage(f *testing.F) {
	f.Add([]byte("camera,month,requisitions,extractions,decisive\nA,2022-01,3,2,1\n"))
	f.Add([]byte("camera_id;month;downtime_hours\n4;2021-12;3,5\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := csvio.ReadUsage(bytes.NewReader(b), clairvoie.ReadOptions{File: "fuzz.csv"})
		if err != nil && rows != nil {
			t.Fatalf("an error must come with no rows")
		}
		for _, r := range rows {
			if r.Validate() != nil || r.Month == "" {
				t.Fatalf("an invalid row passed: %+v", r)
			}
		}
	})
}
