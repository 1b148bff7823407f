package postgres

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Geometries travel as GeoJSON text: written with ST_GeomFromGeoJSON, read
// with ST_AsGeoJSON at 15 decimals (under a nanometre).
const (
	geomIn  = `ST_SetSRID(ST_GeomFromGeoJSON(%s), 4326)`
	geomOut = `ST_AsGeoJSON(%s, 15)`
)

func geomArg(g orb.Geometry) (string, error) {
	b, err := geojson.NewGeometry(g).MarshalJSON()
	return string(b), err
}

func geomIn1(placeholder string) string { return fmt.Sprintf(geomIn, placeholder) }

func geomOut1(column string) string { return fmt.Sprintf(geomOut, column) }

func parseGeom(s string) (orb.Geometry, error) {
	g, err := geojson.UnmarshalGeometry([]byte(s))
	if err != nil {
		return nil, err
	}
	return g.Geometry(), nil
}
