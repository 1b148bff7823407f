// Package clairvoie holds the domain of clairvoie: the registry of a city's
// video-surveillance cameras, the legal facts attached to each one, where each
// record comes from, and the interfaces that stores and services implement.
//
// The package imports nothing of the project but internal/flatjson, a leaf
// (it imports nothing of the project either) that writes the canonical text
// of a camera's tags, which the fingerprint of a record hashes. Readers of
// outside formats (osm, geojsonio, csvio), stores (sqlite, postgres) and pure
// analytics (check, reconcile, areas) meet only through the types declared
// here.
//
// clairvoie never holds personal data: no footage, faces, plates or names of
// citizens. The screen that enforces this on every stored value lives in
// personal*.go (ScreenKey, ScreenText, ScreenField), with its reference data
// in personaldata/ (INSEE's given names, FANTOIR's kinds of street).
//
// A camera's canonical key/value form (see Camera.Tags and CameraFromTags)
// follows OpenStreetMap's surveillance tagging where a key exists and uses the
// "clairvoie:" namespace for the legal facts that OpenStreetMap does not hold.
// Every import and export goes through that one form, which is what makes
// exports round-trip.
package clairvoie
