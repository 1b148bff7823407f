package httpapi

import (
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

func TestCommunesOf(t *testing.T) {
	cam := func(id int64, src, commune, arr string, lon, lat float64) *clairvoie.Camera {
		c := &clairvoie.Camera{ID: id, Commune: commune, Arrondissement: arr, Location: orb.Point{lon, lat}}
		c.Provenance.Source = src
		return c
	}
	cams := []*clairvoie.Camera{
		cam(1, "ville", "13055", "13201", 5.37, 43.29), cam(2, "ville", "13055", "13216", 5.35, 43.36), cam(3, "osm", "13055", "13201", 5.38, 43.30),
		cam(4, "paris", "", "75118", 2.35, 48.89), // the commune from its arrondissement municipal
		cam(5, "paris", "75056", "75101", 2.34, 48.86),
		cam(6, "x", "", "", 4.8, 45.7), // placed nowhere
	}
	cams[2].Synthetic = true
	areas := []clairvoie.Area{{Kind: clairvoie.AreaCommune, Code: "13055", Name: "Marseille"}, {Kind: clairvoie.AreaArrondissement, Code: "13201", Name: "Marseille 1er Arrondissement"}}
	srcs := []clairvoie.Source{{Name: "ville", Format: "csv"}, {Name: "osm", Format: "osm"}, {Name: "paris", Format: "csv"}}
	got := communesOf(cams, areas, srcs, map[int64]int{1: 12, 3: 30})
	if len(got) != 3 || got[0].Code != "13055" || got[1].Code != "75056" || got[2].Code != "" {
		t.Fatalf("communes by size, the unplaced last: %+v", got)
	}
	m := got[0]
	if m.Name != "Marseille" || m.Cameras != 3 || m.Synthetic != 1 || !m.Boundary || m.PlanSource != "osm" ||
		len(m.Sources) != 2 || m.Sources[0].Name != "ville" || m.Sources[0].UsageMonths != 12 || m.Sources[1].Format != "osm" {
		t.Errorf("Marseille: %+v", m)
	}
	if len(m.Arrondissements) != 2 || m.Arrondissements[0].Name != "Marseille 1er Arrondissement" || m.Arrondissements[1].Name != "Marseille 16e" {
		t.Errorf("arrondissements named from the areas, else from their code: %+v", m.Arrondissements)
	}
	if m.BBox != [4]float64{5.35, 43.29, 5.38, 43.36} {
		t.Errorf("bbox %v", m.BBox)
	}
	p := got[1]
	if p.Name != "Paris" || p.Cameras != 2 || p.Boundary || p.PlanSource != "" || p.Arrondissements[0].Name != "Paris 1er" || p.Arrondissements[1].Name != "Paris 18e" {
		t.Errorf("Paris: %+v", p)
	}
}
