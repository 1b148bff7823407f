package csvio_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
)

func TestReadInstallation(t *testing.T) {
	open := func(name string) *os.File {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	sys, err := csvio.ReadSystems(open("systems.csv"), "systems.csv")
	if err != nil || len(sys) != 6 || sys[4].Country != "US" || sys[5].Licence != "free" || !sys[0].Synthetic {
		t.Fatalf("systems: %v %+v", err, sys)
	}
	an, err := csvio.ReadAnalytics(open("analytics.csv"), "analytics.csv")
	if err != nil || len(an) != 5 || an[0].Cameras.Source != "marseille-synthetique" || len(an[2].Cameras.Refs) != 3 ||
		an[3].To.String() != "2025-03-31" || an[4].LegalBasis != "" {
		t.Fatalf("analytics: %v %+v", err, an)
	}
	fl, err := csvio.ReadFlows(open("flows.csv"), "flows.csv")
	if err != nil || len(fl) != 5 || fl[2].ConventionUntil.String() != "2025-06-30" || fl[3].Convention != "" || fl[0].Type != clairvoie.FlowExport {
		t.Fatalf("flows: %v %+v", err, fl)
	}
}

func TestReadInstallationRefuses(t *testing.T) {
	const head = "ref,system,kind,cameras,from,to,legal_basis\n"
	for name, c := range map[string]struct{ body, want string }{
		"kind":        {head + "A,S,x-ray,*,2024-01-01,,\n", `a.csv:2: field "kind"`},
		"no cameras":  {head + "A,S,tracking,,2024-01-01,,\n", `a.csv:2: field "cameras"`},
		"star mixed":  {head + "A,S,tracking,C1 *,2024-01-01,,\n", `a.csv:2: field "cameras"`},
		"to < from":   {head + "A,S,tracking,*,2024-01-01,2023-01-01,\n", `a.csv:2: field "to"`},
		"date":        {head + "A,S,tracking,*,2024-1-1,,\n", `a.csv:2: field "from"`},
		"basis space": {head + "A,S,tracking,*,2024-01-01,,loi de 2023\n", `a.csv:2: field "legal_basis"`},
		"dup":         {head + "A,S,tracking,*,2024-01-01,,\nA,S,anpr,*,2024-01-01,,\n", `"A" appears twice`},
		"formula":     {head + "A,S,tracking,=cmd|' /C calc'!A0,2024-01-01,,\n", `a.csv:2: field "cameras"`},
		"plate":       {head + "A,S,anpr,AB-123-CD,2024-01-01,,\n", `licence plate`},
		"personal":    {"ref,system,kind,cameras,from,to,legal_basis,agent_name\n", `a.csv:1: field "agent_name"`},
		"missing":     {"ref,system,kind,cameras,from,to\n", `a.csv:1: field "legal_basis"`},
	} {
		_, err := csvio.ReadAnalytics(strings.NewReader(c.body), "a.csv")
		if err == nil {
			// A repeated reference is the store's check (CheckInstallation).
			err = clairvoie.CheckInstallation("s", clairvoie.PartAnalytics, &clairvoie.Installation{Analytics: mustAnalytics(t, c.body)})
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want %q", name, err, c.want)
		}
	}
}

func mustAnalytics(t *testing.T, body string) []clairvoie.Analytic {
	t.Helper()
	a, err := csvio.ReadAnalytics(strings.NewReader(body), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// FuzzReadInstallation: whatever the bytes, the three readers return an
// error or items that pass their own check.
func FuzzReadInstallation(f *testing.F) {
	for _, n := range []string{"systems.csv", "analytics.csv", "flows.csv"} {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if s, err := csvio.ReadSystems(bytes.NewReader(b), "f.csv"); err == nil {
			for i := range s {
				if err := s[i].Validate(); err != nil {
					t.Fatal(err)
				}
			}
		}
		if a, err := csvio.ReadAnalytics(bytes.NewReader(b), "f.csv"); err == nil {
			for i := range a {
				if err := a[i].Validate(); err != nil {
					t.Fatal(err)
				}
			}
		}
		if fl, err := csvio.ReadFlows(bytes.NewReader(b), "f.csv"); err == nil {
			for i := range fl {
				if err := fl[i].Validate(); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
