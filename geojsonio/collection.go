package geojsonio

import (
	"encoding/json"
	"errors"
	"io"
)

// rawCollection is a FeatureCollection as the readers of boundaries,
// conduits, sites and streets first decode it: each geometry left raw for
// the reader to check its type and coordinates.
type rawCollection struct {
	Type     string       `json:"type"`
	Features []rawFeature `json:"features"`
}

type rawFeature struct {
	ID         json.RawMessage `json:"id"`
	Geometry   *rawGeometry    `json:"geometry"`
	Properties map[string]any  `json:"properties"`
}

type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
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
