package main

import (
	"context"
	"fmt"
	"os"
	"sort"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/geojsonio"
)

const areasUsage = `areas import --db FILE --kind commune|arrondissement|quartier [--code P] [--name P]
             [--parent P] [--population P] [--json] FILE.geojson
areas list --db FILE [--kind K] [--json]

import replaces every area of one kind with the boundaries of a GeoJSON file
(Polygons or MultiPolygons in WGS 84; the code, name, enclosing area and
population read from the properties named, by default code/code_insee/insee,
nom/name, parent, population). All or nothing; the workspace is created if missing. Import the areas before the
cameras: an import places each camera in the areas that contain it.
list prints the areas held, by kind.`

func runAreas(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("areas")
	dbPath := m.dbFlag(fs)
	kind := fs.String("kind", "", "commune, arrondissement or quartier")
	var fields geojsonio.AreaFields
	fs.StringVar(&fields.Code, "code", "", "the property holding the code (default: code, code_insee, insee, INSEE_COM)")
	fs.StringVar(&fields.Name, "name", "", "the property holding the name (default: nom, name, NOM)")
	fs.StringVar(&fields.Parent, "parent", "", "the property holding the enclosing area's code (default: parent)")
	fs.StringVar(&fields.Population, "population", "", "the property holding the population (default: population)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, areasUsage, args)
	if err != nil {
		return err
	}
	k := clairvoie.AreaKind(*kind)
	switch {
	case len(pos) == 0 || (pos[0] != "import" && pos[0] != "list"):
		return usagef("areas", "expected 'areas import FILE.geojson' or 'areas list'")
	case *dbPath == "":
		return usagef("areas", "--db is required")
	case k != "" && k != clairvoie.AreaCommune && k != clairvoie.AreaArrondissement && k != clairvoie.AreaQuartier:
		return usagef("areas", "--kind: expected commune, arrondissement or quartier, not %q", *kind)
	case pos[0] == "import" && (len(pos) != 2 || k == ""):
		return usagef("areas", "expected 'areas import --kind K FILE.geojson'")
	case pos[0] == "list" && len(pos) != 1:
		return usagef("areas", "'areas list' takes no file")
	}
	if pos[0] == "list" {
		return listAreas(ctx, m, *dbPath, k, *asJSON)
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	as, err := geojsonio.ReadAreas(f, pos[1], k, fields)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	ws, err := createWorkspace(ctx, *dbPath) // boundaries come first
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	if err := ws.areas.ReplaceAreas(ctx, k, as); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	res := areaCount{Kind: k, Areas: len(as)}
	for _, a := range as {
		res.Population += a.Population
	}
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	_, err = fmt.Fprintf(m.Stdout, "%d areas of kind %s imported (population %d)\n", res.Areas, k, res.Population)
	return err
}

// areaCount is what areas import and list print: areas of a kind.
type areaCount struct {
	Kind       clairvoie.AreaKind `json:"kind"`
	Areas      int                `json:"areas"`
	Population int                `json:"population"`
}

func listAreas(ctx context.Context, m *Main, dbPath string, kind clairvoie.AreaKind, asJSON bool) error {
	ws, err := openWorkspace(ctx, dbPath)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	defer ws.Close()
	as, err := ws.areas.FindAreas(ctx, kind)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	by := map[clairvoie.AreaKind]*areaCount{}
	out := []*areaCount{}
	for _, a := range as {
		c := by[a.Kind]
		if c == nil {
			c = &areaCount{Kind: a.Kind}
			by[a.Kind] = c
			out = append(out, c)
		}
		c.Areas++
		c.Population += a.Population
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	if asJSON {
		return writeJSON(m.Stdout, out)
	}
	for _, c := range out {
		if _, err := fmt.Fprintf(m.Stdout, "%-15s %6d areas, population %d\n", c.Kind, c.Areas, c.Population); err != nil {
			return err
		}
	}
	return nil
}
