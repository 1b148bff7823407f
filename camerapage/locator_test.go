package camerapage_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/camerapage"
	"github.com/paulmach/orb"
)

// The page a street sign leads to: a small map of the camera in its
// quartier (with its field of view), a link to the app's map centred on
// it, and the controller's and DPO's contact pages beside the CNIL's.
func TestLocatorAndContacts(t *testing.T) {
	c := &clairvoie.Camera{ID: 3, SourceRef: "C3", Status: clairvoie.StatusActive, Location: orb.Point{5.37, 43.29},
		Direction: &clairvoie.Direction{Degrees: 90, FOV: 60}}
	p := camerapage.Facts(c, clairvoie.NewDate(2026, 1, 1), nil, "Thiers")
	p.Lang, p.Other = "fr", "en"
	p.Locator.Area = orb.Polygon{{{5.36, 43.28}, {5.38, 43.28}, {5.38, 43.30}, {5.36, 43.30}, {5.36, 43.28}}}
	p.MapURL = "/#map?c=5.37000,43.29000&z=17.00"
	p.Contacts = camerapage.Contacts{Controller: "https://ville.example/contact", DPO: "https://ville.example/dpo"}
	var b bytes.Buffer
	if err := camerapage.Render(&b, p); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{`<svg class="locator"`, `<circle class="camera" cx="160.0" cy="110.0"`, `<path class="fov"`,
		`href="/#map?c=5.37000,43.29000&amp;z=17.00">Voir sur la carte`, `Responsable du traitement : <a href="https://ville.example/contact"`,
		`Délégué à la protection des données : <a href="https://ville.example/dpo"`, "https://www.cnil.fr/fr/plaintes"} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Without an area and a link, no empty section.
	p.Locator.Area, p.MapURL = nil, ""
	b.Reset()
	camerapage.Render(&b, p)
	if strings.Contains(b.String(), `id="where"`) {
		t.Error("an empty 'where' section")
	}
}

func TestContactsAreWebAddresses(t *testing.T) {
	for _, bad := range []string{"mailto:jean.dupont@ville.fr", "jean.dupont@ville.fr", "Jean Dupont", "04 91 00 00 00",
		"https://user:secret@ville.fr/contact", "javascript:alert(1)", "ftp://ville.fr",
		"https://ville.fr/contact?to=jean.dupont@ville.fr", "https://ville.fr/contact/jean.dupont%40ville.fr", "https://ville.fr/appeler/0491000000"} {
		err := camerapage.CheckContacts(camerapage.Contacts{DPO: bad})
		if err == nil || clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("contact %q accepted", bad)
		} else if strings.Contains(err.Error(), "dupont") || strings.Contains(err.Error(), "0491") {
			t.Errorf("the error echoes the value: %v", err)
		}
	}
	if err := camerapage.CheckContacts(camerapage.Contacts{Controller: "https://ville.example/contact", DPO: "https://ville.example/dpo"}); err != nil {
		t.Error(err)
	}
}
