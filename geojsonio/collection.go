package geojsonio

import (
	"encoding/json"
	"errors"
	"io"
)

// rawCollection is a FeatureCollection as the readers of boundaries,
// conduits, sites and streets first decode it: each geometry left raw (the
// camera reader's own feature and geometry types) for the reader to check
// its type and coordinates.
type rawCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
}

var errNotCollection = errors.New(`"type" is not "FeatureCollection"`)

// decodeCollection reads a FeatureCollection, or says why it is not one.
func decodeCollection(r io.Reader) (*rawCollection, error) {
	var fc rawCollection
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return nil, err
	}
	if fc.Type != "FeatureCollection" {
		return nil, errNotCollection
	}
	return &fc, nil
}
