package decp_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/decp"
)

func read(t *testing.T, path, buyer string) decp.Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := decp.Read(f, path, buyer)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestRead(t *testing.T) {
	res := read(t, "testdata/ville.json", "")
	var refs []string
	for _, c := range res.Contracts {
		refs = append(refs, c.Ref)
	}
	if got := strings.Join(refs, " "); got != "2019VP001 2021MAINT07 2022CSU003 2023VP009" {
		t.Fatalf("kept %q", got)
	}
	if res.Skipped != 1 || res.Withheld != 1 {
		t.Errorf("skipped %d, withheld %d; want 1 and 1", res.Skipped, res.Withheld)
	}
	m := res.Contracts[1]
	if m.Amount != 360000 || m.DurationMonths != 36 || m.Yearly() != 120000 || len(m.Holders) != 1 || m.Holders[0].ID != "44455566600012" {
		t.Errorf("maintenance contract read as %+v", m)
	}
	csu := res.Contracts[2]
	if csu.Holders[0].Name != "" || csu.Holders[0].ID != "" || csu.Holders[0].IDType != "withheld" {
		t.Errorf("a sole trader's name and number were kept: %+v", csu.Holders[0])
	}
	if res.Why["2022CSU003"] != "objet : centre de supervision urbain" || res.Why["2019VP001"] != "cpv 32323500" {
		t.Errorf("why: %v", res.Why)
	}
	if got := read(t, "testdata/ville.json", "21130055300016"); len(got.Contracts) != 3 {
		t.Errorf("buyer filter kept %d contracts, want 3", len(got.Contracts))
	}
	one := read(t, "testdata/marche-2024.json", "")
	if len(one.Contracts) != 1 || one.Contracts[0].Holders[0].IDType != "TVA" || one.Contracts[0].Notified.String() != "2024-03-01" {
		t.Errorf("2024 form read as %+v", one.Contracts)
	}
}

func TestReadRefuses(t *testing.T) {
	for name, doc := range map[string]string{
		"not json":   `{"marches": [`,
		"no marches": `{"contrats": []}`,
		"bad date":   `{"marches": [{"id": "A", "objet": "caméras", "dateNotification": "14/03/2019"}]}`,
		"bad amount": `{"marches": [{"id": "A", "objet": "caméras", "montant": "beaucoup"}]}`,
		"negative":   `{"marches": [{"id": "A", "objet": "caméras", "montant": -5}]}`,
		"formula":    `{"marches": [{"id": "A", "objet": "=HYPERLINK(\"x\") caméras"}]}`,
		"phone":      `{"marches": [{"id": "A", "objet": "caméras, contact 06 12 34 56 78"}]}`,
		"no id":      `{"marches": [{"objet": "caméras"}]}`,
		"cpv":        `{"marches": [{"id": "A", "objet": "caméras", "codeCPV": "32323500-88"}]}`,
	} {
		_, err := decp.Read(strings.NewReader(doc), "x.json", "")
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if clairvoie.ErrorCode(err) != clairvoie.EINVALID || !strings.HasPrefix(err.Error(), "x.json") {
			t.Errorf("%s: %v (code %s)", name, err, clairvoie.ErrorCode(err))
		}
		if strings.Contains(err.Error(), "06 12") {
			t.Errorf("%s: the error echoes a personal value: %v", name, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, p := range []string{"testdata/ville.json", "testdata/marche-2024.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := decp.Read(bytes.NewReader(b), "fuzz.json", "")
		if err != nil {
			if len(res.Contracts) > 0 {
				t.Fatal("an error came with contracts")
			}
			return
		}
		for i := range res.Contracts {
			if err := res.Contracts[i].Validate(); err != nil {
				t.Fatalf("kept an invalid contract: %v", err)
			}
		}
	})
}
