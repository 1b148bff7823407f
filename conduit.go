package clairvoie

import (
	"context"

	"github.com/paulmach/orb"
)

// Conduit is a duct line (fourreau) that carries camera cables, and may
// carry fibre once its ducts are free.
type Conduit struct {
	Source    string         `json:"source,omitempty"` // set by the store when read
	Ref       string         `json:"ref"`              // its id in its source
	Line      orb.LineString `json:"-"`                // WGS 84
	LengthM   float64        `json:"length_m"`
	CityShare float64        `json:"city_share"` // share of the ducts the city owns, 0 to 1
	DuctsFree int            `json:"ducts_free"`
	DuctsUsed int            `json:"ducts_used"`
	Cameras   []string       `json:"cameras"` // source references of the cameras it serves
	Synthetic bool           `json:"synthetic"`
}

// ConduitService holds the conduit network.
type ConduitService interface {
	// ReplaceConduits replaces every conduit of a source, in one
	// transaction. EINVALID when a conduit is unusable.
	ReplaceConduits(ctx context.Context, source string, conduits []Conduit) error
	// FindConduits returns every conduit, by source and reference.
	FindConduits(ctx context.Context) ([]Conduit, error)
}
