package camerapage_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/camerapage"
)

// The page speaks the public's words: OSM values in the page's language,
// an unknown value shown as it is and marked, decimals as the language
// writes them, the installation's modules and flows that apply.
func TestPageWords(t *testing.T) {
	h := 6.3
	c := &clairvoie.Camera{ID: 7, Synthetic: true, SourceRef: "C7", Status: clairvoie.StatusActive, Surveillance: "public", Zone: "town", Type: "panning",
		Mount: "gargoyle", Height: &h, Operator: "Ville de Test", OperatorType: "public", Provenance: clairvoie.Provenance{Source: "ville"}}
	inst := &clairvoie.Installation{
		Analytics: []clairvoie.Analytic{{Ref: "A", System: "S", Kind: clairvoie.AnalyticShapeColour, Cameras: clairvoie.CameraSet{All: true}, From: clairvoie.NewDate(2019, 6, 1), LegalBasis: "csi-l251-2"}},
		Flows:     []clairvoie.Flow{{Ref: "F", Recipient: "police", Country: "FR", Type: clairvoie.FlowLive, Cameras: clairvoie.CameraSet{Source: "ville"}, From: clairvoie.NewDate(2016, 1, 1)}},
	}
	render := func(lang string) string {
		p := camerapage.Facts(c, clairvoie.NewDate(2026, 1, 1), inst, "")
		p.Lang, p.Other = lang, map[string]string{"fr": "en", "en": "fr"}[lang]
		var b bytes.Buffer
		if err := camerapage.Render(&b, p); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	fr := render("fr")
	for _, want := range []string{"ville (voie publique) — espace public", "orientable (tourelle)", "hauteur 6,3 m", "Ville de Test (public)",
		`<span class="raw" title="telle qu&#39;enregistrée dans la source">gargoyle</span> <span class="raw-mark">(valeur OpenStreetMap non traduite)</span>`,
		"recherche par forme et couleur — depuis le 1er juin 2019 (base : csi-l251-2)", "police (FR) — en direct, convention : aucune convention enregistrée",
		"Direction</dt><dd>non renseignée", "fiche synthétique (reconstruction de démonstration), pas une caméra réelle.", `<span class="sev">information manquante</span>`} {
		if !strings.Contains(fr, want) {
			t.Errorf("French page lacks %q", want)
		}
	}
	for _, raw := range []string{">town<", ">panning<", ">unknown<", ">breach<"} {
		if strings.Contains(fr, raw) {
			t.Errorf("French page shows the raw value %s", raw)
		}
	}
	en := render("en")
	if strings.Contains(en, "fiche synthétique") || !strings.Contains(en, "a synthetic record") {
		t.Error("the English page's banner is not in English")
	}
	for _, want := range []string{"town (public way)", "panning (pan-tilt-zoom)", "height 6.3 m", "shape-and-colour search", "police (FR) — live"} {
		if !strings.Contains(en, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
}
