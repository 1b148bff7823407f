package main

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/fibre"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/clairvoie/clairvoie/osm"
	"github.com/paulmach/orb"
)

// targetFlags say where fibre goes; fibre and serve share them.
type targetFlags struct {
	sites, streets, root, amenity *string
}

func newTargetFlags(f *flag.FlagSet) targetFlags {
	return targetFlags{
		sites: f.String("sites", "", "sites to connect: GeoJSON points (one with role \"root\"), or OpenStreetMap .osm/.osm.pbf "+
			"read for amenity=* (default: sites.geojson beside the database)"),
		streets: f.String("streets", "", "street graph new trenches follow: GeoJSON lines or OpenStreetMap .osm/.osm.pbf highway=* ways "+
			"(default: streets.geojson beside the database if there is one; without, trenches are straight lines × detour)"),
		root:    f.String("root", "", "LON,LAT where the fibre starts (required with OpenStreetMap sites; overrides a GeoJSON root)"),
		amenity: f.String("amenity", strings.Join(osm.PublicAmenities, ","), "amenity=* values read as sites from OpenStreetMap"),
	}
}

func isOSM(path string) (osmFile, pbf bool) {
	switch {
	case strings.HasSuffix(path, ".osm.pbf"), strings.HasSuffix(path, ".pbf"):
		return true, true
	case strings.HasSuffix(path, ".osm"):
		return true, false
	}
	return false, false
}

// load reads the sites and the streets. With optional (serve), a missing
// default sites file is no error: the server then has no fibre plan.
func (tf targetFlags) load(ctx context.Context, dbPath string, optional bool) (*fibre.Targets, []clairvoie.ImportWarning, error) {
	sitesPath, defaulted := *tf.sites, false
	if sitesPath == "" {
		sitesPath, defaulted = filepath.Join(filepath.Dir(dbPath), "sites.geojson"), true
	}
	f, err := os.Open(sitesPath)
	if err != nil {
		if optional && defaulted && errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil
		}
		return nil, nil, clairvoie.Errorf(clairvoie.EINVALID, "sites: %v (give --sites)", err)
	}
	defer f.Close()
	t := &fibre.Targets{}
	var root *orb.Point
	var warns []clairvoie.ImportWarning
	if isOSMFile, pbf := isOSM(sitesPath); isOSMFile {
		places, w, err := osm.ReadPlaces(ctx, f, sitesPath, pbf, osm.ParseList(*tf.amenity))
		if err != nil {
			return nil, nil, err
		}
		warns = w
		for _, p := range places {
			t.Sites = append(t.Sites, fibre.Site{Name: p.Name, Location: p.Location})
		}
	} else {
		pts, names, r, err := geojsonio.ReadSites(f, sitesPath)
		if err != nil {
			return nil, nil, err
		}
		root = r
		for i := range pts {
			t.Sites = append(t.Sites, fibre.Site{Name: names[i], Location: pts[i]})
		}
	}
	if *tf.root != "" {
		p, err := parseLonLat(*tf.root)
		if err != nil {
			return nil, nil, err
		}
		root = &p
	}
	if root == nil {
		return nil, nil, clairvoie.Errorf(clairvoie.EINVALID, "%s: no root (where the fibre starts): give --root LON,LAT or a GeoJSON feature with role \"root\"", sitesPath)
	}
	if len(t.Sites) == 0 {
		return nil, nil, clairvoie.Errorf(clairvoie.EINVALID, "%s: no site to connect", sitesPath)
	}
	t.Root = *root
	t.Streets, err = tf.loadStreets(ctx, dbPath)
	return t, warns, err
}

func (tf targetFlags) loadStreets(ctx context.Context, dbPath string) ([]orb.LineString, error) {
	path := *tf.streets
	if path == "" {
		path = filepath.Join(filepath.Dir(dbPath), "streets.geojson")
		if _, err := os.Stat(path); err != nil {
			return nil, nil
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "streets: %v", err)
	}
	defer f.Close()
	if isOSMFile, pbf := isOSM(path); isOSMFile {
		return osm.ReadStreets(ctx, f, path, pbf, osm.HighwayStreets)
	}
	return geojsonio.ReadStreets(f, path)
}

// parseLonLat reads "LON,LAT" in WGS 84 degrees.
func parseLonLat(s string) (orb.Point, error) {
	lon, lat, ok := strings.Cut(s, ",")
	x, err1 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	if !ok || err1 != nil || err2 != nil || x < -180 || x > 180 || y < -90 || y > 90 {
		return orb.Point{}, clairvoie.Errorf(clairvoie.EINVALID, "--root %q: expected LON,LAT in degrees, e.g. 5.3698,43.2965", s)
	}
	return orb.Point{x, y}, nil
}
