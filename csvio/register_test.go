package csvio_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
)

func pseudo(login string) string {
	return "ag-" + strings.Repeat("0", 10) + string(rune('a'+len(login)%26)) + "x"
}

func TestReadRegisterExport(t *testing.T) {
	m, err := csvio.LoadRegisterMapping("vms-example")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/vms-export.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	logins := map[string]bool{}
	rows, err := csvio.ReadRegister(f, "vms-export.csv", m, func(login string) string { logins[login] = true; return pseudo(login) })
	if err != nil {
		t.Fatal(err)
	}
	// The login is skipped; the rest in time order (the handover came first
	// in the file).
	var kinds []string
	for _, r := range rows {
		kinds = append(kinds, string(r.Entry.Kind))
	}
	if strings.Join(kinds, ",") != "viewing,viewing,extraction,transmission,destruction" {
		t.Fatalf("kinds %v", kinds)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	ex := rows[2].Entry
	if !ex.At.Equal(time.Date(2026, 11, 3, 10, 0, 0, 0, paris)) || len(ex.Cameras) != 2 || ex.Service != "police-nationale" || ex.Role != "agent" || rows[2].Line != 6 {
		t.Errorf("extraction %+v (line %d)", ex, rows[2].Line)
	}
	if !rows[0].Entry.Live || rows[4].Entry.Role != "system" || rows[4].Entry.Mode != "automatic" {
		t.Errorf("rows %+v", rows)
	}
	// Logins (one an e-mail) are pseudonymised; nothing of the dropped
	// reason column reaches an entry.
	for _, r := range rows {
		b := string(r.Entry.Canonical())
		for _, s := range []string{"jdupont", "mmartin", "chef.poste", "pull rouge", "Rixe", "WS-0"} {
			if strings.Contains(b, s) {
				t.Errorf("entry keeps %q: %s", s, b)
			}
		}
	}
	if !logins["mmartin@ville.fr"] {
		t.Error("the agent column did not go through the pseudonymiser")
	}
}

func TestReadRegisterBadInput(t *testing.T) {
	m, err := csvio.LoadRegisterMapping("vms-example")
	if err != nil {
		t.Fatal(err)
	}
	head := "Time,Event,User,Camera\n"
	for _, tc := range []struct{ in, want string }{
		{"Time,Event,User,Camera,Nom du témoin\n", "Nom du témoin"},
		{"Time,Event,User,Camera,Plaque\n", "Plaque"},
		{"Time,Event,User,Camera,Notes\n", `"Notes"`},
		{head + "2026-11-03 08:00:00,Zoom,u1,C1\n", `:2: field "Event": got "Zoom"`},
		{head + "03/11/26 08h00,Live view,u1,C1\n", `:2: field "Time"`},
		{head + "2026-11-03 08:00:00,Playback,u1,C1\n", "from/to"},
		{head + "2026-11-03 08:00:00,Live view,,C1\n", `field "User"`},
		{head + "2026-11-03 08:00:00,Live view,u1,Jean Dupont\n", "cameras"},
	} {
		_, err := csvio.ReadRegister(strings.NewReader(tc.in), "x.csv", m, pseudo)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.in, err, tc.want)
		}
	}
	var pe *clairvoie.PersonalDataError
	_, err = csvio.ReadRegister(strings.NewReader("Time,Event,User,Camera,Plaque\n"), "x.csv", m, pseudo)
	if !errors.As(err, &pe) {
		t.Errorf("a plate column is refused as personal data: %v", err)
	}
}

func FuzzReadRegister(f *testing.F) {
	seed, _ := os.ReadFile("testdata/vms-export.csv")
	f.Add(seed)
	f.Add([]byte("Time,Event,User,Camera\n2026-11-03 08:00:00,Live view,u1,C1\n"))
	m, err := csvio.LoadRegisterMapping("vms-example")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := csvio.ReadRegister(strings.NewReader(string(b)), "fuzz.csv", m, pseudo)
		if err != nil {
			return
		}
		for _, r := range rows {
			if err := r.Entry.Validate(); err != nil {
				t.Fatalf("line %d: an invalid entry came through: %v", r.Line, err)
			}
		}
	})
}
