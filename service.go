package clairvoie

import (
	"context"
	"iter"
	"time"

	"github.com/paulmach/orb"
)

// Source is one origin of camera records in a workspace: the city's official
// list, an OpenStreetMap extract, the synthetic demo registry.
type Source struct {
	Name        string    `json:"name"`   // unique in the workspace, chosen by the importer
	Format      string    `json:"format"` // osm, geojson, csv
	Licence     string    `json:"licence"`
	Attribution string    `json:"attribution,omitempty"`
	Synthetic   bool      `json:"synthetic"` // every record of the source was generated
	File        string    `json:"file,omitempty"`
	ImportedAt  time.Time `json:"imported_at"`
	Cameras     int       `json:"cameras"` // records held from this source
	// Review, when set, says that the import accepted values the
	// personal-data screen refused, from a clerk's review file.
	Review *SourceReview `json:"review,omitempty"`
}

// ImportOptions tune how ImportCameras treats the records already held from
// the same source.
type ImportOptions struct {
	// Prune removes the source's records that the new import does not
	// contain; otherwise they are kept and counted as Stale.
	Prune bool
	// Copy is for copying a workspace to another store: new records keep
	// the ID they carry (a camera's public page and QR code stay valid)
	// and their import time, and the source keeps its own import time.
	// A record without an ID is an error.
	Copy bool
}

// ImportResult says what an import did. Imported = Inserted + Updated + Unchanged.
type ImportResult struct {
	Source    string `json:"source"`
	Imported  int    `json:"imported"`
	Inserted  int    `json:"inserted"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Stale     int    `json:"stale"`  // held from the source, absent from this import, kept
	Pruned    int    `json:"pruned"` // held from the source, absent from this import, removed
	// Reviewed counts the values the personal-data screen refused and a
	// clerk's review file accepted (the source's Review names the file).
	Reviewed int             `json:"reviewed,omitempty"`
	Warnings []ImportWarning `json:"warnings"`
}

// CameraFilter selects cameras. Empty fields do not filter.
type CameraFilter struct {
	IDs            []int64
	Source         string
	BBox           *orb.Bound
	Status         []Status
	Operator       string
	OperatorType   OperatorType
	Zone           string
	Commune        string
	Arrondissement string
	Quartier       string
	Limit          int // 0: no limit
	Offset         int
}

// CameraSeq is a stream of cameras to import. A stream that yields an error
// ends there, and the import that reads it writes nothing.
type CameraSeq = iter.Seq2[Camera, error]

// CamerasOf streams a slice of cameras.
func CamerasOf(cams []Camera) CameraSeq {
	return func(yield func(Camera, error) bool) {
		for _, c := range cams {
			if !yield(c, nil) {
				return
			}
		}
	}
}

// CameraService holds the registry.
type CameraService interface {
	// ImportCameras writes the cameras of one source in one transaction:
	// all of them or, on any error (of the stream too), none. The stream is
	// read as it comes, so that reading a large file and writing it overlap.
	// A record whose SourceRef is already held from the source is updated,
	// never duplicated. Returns EINVALID when a record is unusable (no
	// SourceRef, two records with the same SourceRef, a position outside
	// WGS 84) and the stream's own error when it yields one.
	ImportCameras(ctx context.Context, src Source, cams CameraSeq, opts ImportOptions) (ImportResult, error)

	// FindCameras returns the cameras matching the filter, ordered by id,
	// and the number matching without Limit and Offset.
	FindCameras(ctx context.Context, f CameraFilter) ([]*Camera, int, error)

	// FindCameraByID returns one camera, or ENOTFOUND.
	FindCameraByID(ctx context.Context, id int64) (*Camera, error)

	// FindSources lists the sources of the workspace by name.
	FindSources(ctx context.Context) ([]Source, error)

	// RegistryVersion returns a number that changes whenever a camera or a
	// source is written, by any process: what an answer cache keys on.
	RegistryVersion(ctx context.Context) (int64, error)
}

// Area is an administrative area used to place cameras: a commune, an
// arrondissement municipal, a quartier.
type Area struct {
	Kind       AreaKind     `json:"kind"`
	Code       string       `json:"code"` // INSEE code, or the city's own code for quartiers
	Name       string       `json:"name"`
	Parent     string       `json:"parent,omitempty"` // code of the enclosing area
	Population int          `json:"population,omitempty"`
	Geometry   orb.Geometry `json:"-"` // Polygon or MultiPolygon, WGS 84
}

// AreaKind is the level of an area.
type AreaKind string

// Area kinds, from the largest.
const (
	AreaCommune        AreaKind = "commune"
	AreaArrondissement AreaKind = "arrondissement"
	AreaQuartier       AreaKind = "quartier"
)

// AreaService holds the boundaries of a workspace.
type AreaService interface {
	// ReplaceAreas replaces every area of the given kind, in one transaction.
	ReplaceAreas(ctx context.Context, kind AreaKind, areas []Area) error
	// FindAreas returns the areas of a kind ("" for all), by code.
	FindAreas(ctx context.Context, kind AreaKind) ([]Area, error)
}
