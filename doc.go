// Package clairvoie holds the domain of clairvoie: the registry of a city's
// video-surveillance cameras, the legal facts attached to each one, where each
// record comes from, and the interfaces that stores and services implement.
//
// The package imports nothing of the project. Readers of outside formats
// (osm, geojsonio, csvio), stores (sqlite) and pure analytics (check,
// reconcile, areas) meet only through the types declared here.
//
// clairvoie never holds personal data: no footage, faces, plates or names of
// citizens. The screening rules that enforce this on every import live in
// personal.go; see ScreenKey and ScreenValue.
//
// A camera's canonical key/value form (see Camera.Tags and CameraFromTags)
// follows OpenStreetMap's surveillance tagging where a key exists and uses the
// "clairvoie:" namespace for the legal facts that OpenStreetMap does not hold.
// Every import and export goes through that one form, which is what makes
// exports round-trip.
package clairvoie
