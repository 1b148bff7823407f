package demo

import (
	"embed"
	"encoding/json"
	"fmt"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Data is what the demo ships: real boundaries and populations, the real
// Paris 2019 list. See data/PROVENANCE.md.
//
//go:embed data/marseille/*.geojson data/marseille/*.json data/paris-2019/data.csv data/facilities/libraries_marseille.geojson data/PROVENANCE.md data/calendar/*.csv data/accidents/*.csv data/osm-2011/derived_paris_osm_2011.geojson
var Data embed.FS

// MarseilleCode is the INSEE code of the commune of Marseille.
const MarseilleCode = "13055"

// quartier is a quartier with what the generator needs.
type quartier struct {
	area     clairvoie.Area
	centroid orb.Point
}

// MarseilleAreas returns the commune, its 16 arrondissements (with INSEE
// populations) and its 111 quartiers.
func MarseilleAreas() (commune clairvoie.Area, arrs, quarts []clairvoie.Area, err error) {
	var communes []struct {
		Code       string `json:"code"`
		Nom        string `json:"nom"`
		Population int    `json:"population"`
	}
	b, err := Data.ReadFile("data/marseille/communes_dep13.json")
	if err != nil {
		return commune, nil, nil, err
	}
	if err := json.Unmarshal(b, &communes); err != nil {
		return commune, nil, nil, fmt.Errorf("communes_dep13.json: %w", err)
	}
	pop := map[string]int{}
	names := map[string]string{}
	for _, c := range communes {
		pop[c.Code] = c.Population
		names[c.Code] = c.Nom
	}

	afc, err := readFC("data/marseille/arrondissements.geojson")
	if err != nil {
		return commune, nil, nil, err
	}
	var all orb.MultiPolygon
	for _, f := range afc.Features {
		code, _ := f.Properties["code_insee"].(string)
		arrs = append(arrs, clairvoie.Area{Kind: clairvoie.AreaArrondissement, Code: code, Name: names[code],
			Parent: MarseilleCode, Population: pop[code], Geometry: f.Geometry})
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			all = append(all, g)
		case orb.MultiPolygon:
			all = append(all, g...)
		}
	}
	commune = clairvoie.Area{Kind: clairvoie.AreaCommune, Code: MarseilleCode, Name: "Marseille", Population: pop[MarseilleCode], Geometry: all}

	qs, err := marseilleQuartiers()
	if err != nil {
		return commune, nil, nil, err
	}
	for _, q := range qs {
		quarts = append(quarts, q.area)
	}
	return commune, arrs, quarts, nil
}

func marseilleQuartiers() ([]quartier, error) {
	qfc, err := readFC("data/marseille/quartiers.geojson")
	if err != nil {
		return nil, err
	}
	var out []quartier
	for i, f := range qfc.Features {
		name, _ := f.Properties["nom_qua"].(string)
		parent, _ := f.Properties["depco"].(string)
		pt, _ := f.Properties["geo_point_2d"].(map[string]any)
		lon, _ := pt["lon"].(float64)
		lat, _ := pt["lat"].(float64)
		// The quartiers have no official code in the file: the arrondissement
		// code and the quartier's rank in the file make a stable one.
		code := fmt.Sprintf("%s-%03d", parent, i+1)
		out = append(out, quartier{
			area:     clairvoie.Area{Kind: clairvoie.AreaQuartier, Code: code, Name: name, Parent: parent, Geometry: f.Geometry},
			centroid: orb.Point{lon, lat},
		})
	}
	return out, nil
}

func readFC(name string) (*geojson.FeatureCollection, error) {
	b, err := Data.ReadFile(name)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return fc, nil
}
