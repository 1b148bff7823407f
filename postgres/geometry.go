package postgres

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// Geometries travel as WKB, exact to the last bit of each coordinate:
// written with ST_GeomFromWKB, read with ST_AsBinary.
func geomArg(g orb.Geometry) ([]byte, error) { return wkb.Marshal(g) }

func geomIn1(placeholder string) string {
	return fmt.Sprintf(`ST_SetSRID(ST_GeomFromWKB(%s), 4326)`, placeholder)
}

func geomOut1(column string) string { return fmt.Sprintf(`ST_AsBinary(%s)`, column) }

func parseGeom(b []byte) (orb.Geometry, error) { return wkb.Unmarshal(b) }
