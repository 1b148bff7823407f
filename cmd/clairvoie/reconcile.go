package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/atomicfile"
	"github.com/clairvoie/clairvoie/internal/csvsafe"
	"github.com/clairvoie/clairvoie/reconcile"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

const reconcileUsage = `reconcile --db FILE --a NAME --b NAME [--within METRES] [--json | --format json|csv|geojson] [--out FILE]

Matches the cameras of source A with those of source B, one to one, nearest pairs first,
within --within metres (default 25). Reports matched pairs and the attributes on which
they differ, the cameras only in A and only in B.`

func runReconcile(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("reconcile")
	dbPath := m.dbFlag(fs)
	a := fs.String("a", "", "first source (e.g. the city's official list)")
	b := fs.String("b", "", "second source (e.g. OpenStreetMap)")
	within := fs.Float64("within", reconcile.DefaultWithin, "matching radius in metres")
	asJSON := fs.Bool("json", false, "print the report as JSON (same as --format json)")
	format := fs.String("format", "", "json, csv or geojson (default: a summary)")
	out := fs.String("out", "", "write to this file instead of stdout")
	pos, err := m.parse(fs, reconcileUsage, args)
	if err != nil {
		return err
	}
	switch {
	case *dbPath == "":
		return usagef("reconcile", "--db is required")
	case *a == "" || *b == "":
		return usagef("reconcile", "--a and --b name the two sources to match")
	case *within <= 0:
		return usagef("reconcile", "--within must be a positive distance in metres")
	case len(pos) > 0:
		return usagef("reconcile", "unexpected argument %q", pos[0])
	}
	if *asJSON {
		*format = "json"
	}
	writers := map[string]func(io.Writer, reconcile.Result) error{
		"json": func(w io.Writer, r reconcile.Result) error {
			return writeJSON(w, reconcileJSON{A: *a, B: *b, Result: r})
		},
		"csv": writeReconcileCSV, "geojson": writeReconcileGeoJSON, "": m.writeReconcileSummary(*a, *b),
	}
	write, ok := writers[*format]
	if !ok {
		return usagef("reconcile", "unknown format %q: json, csv or geojson", *format)
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *format == "json", err)
	}
	defer ws.Close()
	var lists [2][]*clairvoie.Camera
	for i, name := range []string{*a, *b} {
		cams, _, err := ws.cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: name})
		if err != nil {
			return err
		}
		if len(cams) == 0 {
			return failJSON(m.Stdout, *format == "json", clairvoie.Errorf(clairvoie.ENOTFOUND, "source %q holds no camera (see 'clairvoie sources')", name))
		}
		lists[i] = cams
	}
	res := reconcile.Match(lists[0], lists[1], reconcile.Options{Within: *within})
	if *out != "" {
		return atomicfile.Write(*out, 0o600, func(w io.Writer) error { return write(w, res) })
	}
	return write(m.Stdout, res)
}

type reconcileJSON struct {
	A string `json:"a"`
	B string `json:"b"`
	reconcile.Result
}

func (m *Main) writeReconcileSummary(a, b string) func(io.Writer, reconcile.Result) error {
	return func(w io.Writer, r reconcile.Result) error {
		fmt.Fprintf(w, "%s ↔ %s within %g m\n", a, b, r.Within)
		fmt.Fprintf(w, "matched:        %6d (median %.1f m, 90%% within %.1f m; %d pairs differ on some attribute)\n",
			r.Matched, r.Distance.Median, r.Distance.P90, r.Differ)
		fmt.Fprintf(w, "only in %-7s %6d\n", a+":", r.OnlyA)
		fmt.Fprintf(w, "only in %-7s %6d\n", b+":", r.OnlyB)
		_, err := fmt.Fprintln(w, "Details: --json, --format csv or --format geojson.")
		return err
	}
}

func writeReconcileCSV(w io.Writer, r reconcile.Result) error {
	cw := csvsafe.NewWriter(w)
	cw.Write([]string{"match", "a_id", "a_source_ref", "a_lon", "a_lat", "b_id", "b_source_ref", "b_lon", "b_lat", "distance_m", "differences"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	side := func(ref *reconcile.Ref) []string {
		if ref == nil {
			return []string{"", "", "", ""}
		}
		return []string{strconv.FormatInt(ref.ID, 10), ref.SourceRef, f(ref.Location.Lon()), f(ref.Location.Lat())}
	}
	row := func(kind string, a, b *reconcile.Ref, dist string, diffs string) {
		rec := append([]string{kind}, side(a)...)
		rec = append(rec, side(b)...)
		cw.Write(append(rec, dist, diffs))
	}
	for _, p := range r.Pairs {
		var ds []string
		for _, d := range p.Differences {
			ds = append(ds, d.Key+": "+d.A+" ≠ "+d.B)
		}
		row("matched", &p.A, &p.B, f(p.Distance), strings.Join(ds, "; "))
	}
	for i := range r.OnlyInA {
		row("only_a", &r.OnlyInA[i], nil, "", "")
	}
	for i := range r.OnlyInB {
		row("only_b", nil, &r.OnlyInB[i], "", "")
	}
	cw.Flush()
	return cw.Error()
}

func writeReconcileGeoJSON(w io.Writer, r reconcile.Result) error {
	fc := geojson.NewFeatureCollection()
	point := func(ref reconcile.Ref, match, side string, other int64) {
		f := geojson.NewFeature(ref.Location)
		f.Properties["match"] = match
		f.Properties["side"] = side
		f.Properties["camera_id"] = ref.ID
		f.Properties["source_ref"] = ref.SourceRef
		if other != 0 {
			f.Properties["matched_with"] = other
		}
		fc.Append(f)
	}
	for _, p := range r.Pairs {
		line := geojson.NewFeature(orb.LineString{p.A.Location, p.B.Location})
		line.Properties["match"] = "pair"
		line.Properties["distance_m"] = p.Distance
		line.Properties["differences"] = len(p.Differences)
		fc.Append(line)
		point(p.A, "matched", "a", p.B.ID)
		point(p.B, "matched", "b", p.A.ID)
	}
	for _, ref := range r.OnlyInA {
		point(ref, "only_a", "a", 0)
	}
	for _, ref := range r.OnlyInB {
		point(ref, "only_b", "b", 0)
	}
	b, err := fc.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
