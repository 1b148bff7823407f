package main

import (
	"bufio"
	"context"
	"io"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	"github.com/clairvoie/clairvoie/osm"
)

const exportUsage = `export --db FILE --format geojson|csv|osm [--source NAME] [--status S,…] [--arrondissement CODE] [--out FILE]

Writes the cameras (all, or those selected) to stdout or --out. Every record carries its
provenance (clairvoie:source, clairvoie:source_ref, clairvoie:licence) and, when generated,
clairvoie:synthetic=yes. Importing an export gives the same records back.`

func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("export")
	dbPath := m.dbFlag(fs)
	format := fs.String("format", "geojson", "geojson, csv or osm")
	out := fs.String("out", "", "write to this file instead of stdout")
	f := filterFlags(fs)
	pos, err := m.parse(fs, exportUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" {
		return usagef("export", "--db is required")
	}
	if len(pos) > 0 {
		return usagef("export", "unexpected argument %q", pos[0])
	}
	write := map[string]func(io.Writer, []*clairvoie.Camera) error{
		"geojson": geojsonio.Write, "csv": csvio.Write, "osm": osm.WriteXML,
	}[*format]
	if write == nil {
		return usagef("export", "unknown format %q: geojson, csv or osm", *format)
	}
	filter, err := f.filter()
	if err != nil {
		return usagef("export", "%s", err)
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer ws.Close()
	cams, _, err := ws.cameras.FindCameras(ctx, filter)
	if err != nil {
		return err
	}
	if *out == "" {
		bw := bufio.NewWriter(m.Stdout)
		if err := write(bw, cams); err != nil {
			return err
		}
		return bw.Flush()
	}
	return atomicfile.Write(*out, 0o600, func(w io.Writer) error { return write(w, cams) })
}
