package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/areas"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/clairvoie/clairvoie/osm"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/text/encoding/charmap"
)

const importUsage = `import --db FILE --source NAME [--format osm|pbf|geojson|csv] [--mapping FILE|NAME]
       [--licence ID] [--attribution TEXT] [--synthetic] [--drop KEY,…] [--accept FILE]
       [--encoding utf-8|windows-1252] [--strict|--lenient] [--prune] [--json] PATH

Imports the cameras of PATH as source NAME, in one transaction: all of them or none.
Re-importing a source updates its records instead of duplicating them.
Columns, properties or tags that look personal are refused, and so is every value that holds a contact
(e-mail, phone, IBAN, social security number, plate) or a person's name; --drop leaves a column out
knowingly. A name that is really a public one ("Jean Jaurès", the metro station) is accepted only if
its exact value is a line of the review file given with --accept, which the source's provenance records.
Text must be UTF-8; --encoding windows-1252 converts a file from a spreadsheet knowingly.
OpenStreetMap files are read leniently (values not understood are kept and reported as warnings),
other formats strictly (the first value not understood is an error); --strict/--lenient override.
Built-in CSV mappings: ` + "paris-2019"

// importOptions are the flags of import, shared with the demo builder.
type importOptions struct {
	db, source, format, mapping, licence, attribution string
	accept, encoding                                  string
	synthetic, strict, lenient, prune, asJSON         bool
	drop                                              listFlag
}

func runImport(ctx context.Context, m *Main, args []string) error {
	var o importOptions
	fs := m.newFlags("import")
	db := m.dbFlag(fs)
	fs.StringVar(&o.source, "source", "", "name of the source in the workspace (required)")
	fs.StringVar(&o.format, "format", "", "osm, pbf, geojson or csv (default: from the file name)")
	fs.StringVar(&o.mapping, "mapping", "", "CSV column mapping: a JSON file or a built-in name")
	fs.StringVar(&o.licence, "licence", "", "licence of the source (default: ODbL-1.0 for OpenStreetMap, the mapping's, else \"unknown\")")
	fs.StringVar(&o.attribution, "attribution", "", "attribution required by the licence")
	fs.BoolVar(&o.synthetic, "synthetic", false, "label every record of the source as synthetic")
	fs.Var(&o.drop, "drop", "keys to leave out before screening (repeatable, comma-separated)")
	fs.StringVar(&o.accept, "accept", "", "review file: exact values (one a line) accepted although they look like a person's name")
	fs.StringVar(&o.encoding, "encoding", "utf-8", "the file's text encoding: utf-8, or windows-1252 (converted, and said so)")
	fs.BoolVar(&o.strict, "strict", false, "refuse the file at the first value not understood")
	fs.BoolVar(&o.lenient, "lenient", false, "keep values not understood verbatim and report them as warnings")
	fs.BoolVar(&o.prune, "prune", false, "remove the source's records absent from this file")
	fs.BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	pos, err := m.parse(fs, importUsage, args)
	if err != nil {
		return err
	}
	o.db = *db
	switch {
	case o.db == "":
		return usagef("import", "--db is required")
	case o.source == "":
		return usagef("import", "--source is required (a name for this list, e.g. osm or ville)")
	case len(pos) != 1:
		return usagef("import", "give exactly one file to import, got %d", len(pos))
	case o.strict && o.lenient:
		return usagef("import", "--strict and --lenient exclude each other")
	}
	// An import allocates a lot and briefly; collecting garbage less often
	// saves a fifth of its time for a few more megabytes (BENCHMARKS.md).
	debug.SetGCPercent(400)
	res, err := m.importFile(ctx, o, pos[0])
	if err != nil {
		return failJSON(m.Stdout, o.asJSON, err)
	}
	if o.asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "%s: %d cameras imported (%d new, %d updated, %d unchanged)", res.Source, res.Imported, res.Inserted, res.Updated, res.Unchanged)
	if res.Reviewed > 0 {
		fmt.Fprintf(m.Stdout, ", %d values accepted by the review file %s", res.Reviewed, o.accept)
	}
	if o.encoding != "" && o.encoding != "utf-8" {
		fmt.Fprintf(m.Stdout, ", read as %s and converted to UTF-8", o.encoding)
	}
	if res.Stale > 0 {
		fmt.Fprintf(m.Stdout, ", %d held but absent from this file (kept; --prune removes them)", res.Stale)
	}
	if res.Pruned > 0 {
		fmt.Fprintf(m.Stdout, ", %d removed", res.Pruned)
	}
	fmt.Fprintln(m.Stdout)
	for i, w := range res.Warnings {
		if i == 20 {
			fmt.Fprintf(m.Stdout, "… and %d more warnings (--json lists them all)\n", len(res.Warnings)-20)
			break
		}
		fmt.Fprintf(m.Stdout, "warning: %s: field %q: kept %q as found, expected %s\n", w.Feature, w.Field, w.Value, w.Expected)
	}
	return nil
}

// detectFormat guesses the format from the file name.
func detectFormat(path string) string {
	p := strings.ToLower(path)
	switch {
	case strings.HasSuffix(p, ".pbf"):
		return "pbf"
	case strings.HasSuffix(p, ".osm"), strings.HasSuffix(p, ".xml"):
		return "osm"
	case strings.HasSuffix(p, ".geojson"), strings.HasSuffix(p, ".json"):
		return "geojson"
	case strings.HasSuffix(p, ".csv"), strings.HasSuffix(p, ".tsv"), strings.HasSuffix(p, ".txt"):
		return "csv"
	}
	return ""
}

// importFile reads a file and writes its cameras to the workspace.
func (m *Main) importFile(ctx context.Context, o importOptions, path string) (clairvoie.ImportResult, error) {
	format := o.format
	if format == "" {
		format = detectFormat(path)
	}
	if format == "osm" && strings.HasSuffix(strings.ToLower(path), ".pbf") {
		format = "pbf"
	}
	var mapping *csvio.Mapping
	switch format {
	case "osm", "pbf", "geojson":
		if o.mapping != "" {
			return clairvoie.ImportResult{}, usagef("import", "--mapping applies to CSV files only")
		}
	case "csv":
		if o.mapping != "" {
			mp, err := csvio.LoadMapping(o.mapping)
			if err != nil {
				return clairvoie.ImportResult{}, err
			}
			mapping = mp
		}
	case "":
		return clairvoie.ImportResult{}, usagef("import", "cannot tell the format of %s: give --format osm, pbf, geojson or csv", path)
	default:
		return clairvoie.ImportResult{}, usagef("import", "unknown format %q: osm, pbf, geojson or csv", format)
	}

	for _, f := range [][2]string{{"source", o.source}, {"licence", o.licence}, {"attribution", o.attribution}} {
		if p := clairvoie.ValueProblem(f[1]); p != "" {
			return clairvoie.ImportResult{}, usagef("import", "--%s: expected %s", f[0], p)
		}
		if why := clairvoie.ScreenValue(f[1]); why != "" {
			return clairvoie.ImportResult{}, usagef("import", "--%s: refused, it looks like %s (never personal data)", f[0], why)
		}
	}
	var reviewed *clairvoie.Reviewed
	if o.accept != "" {
		rf, err := os.Open(o.accept)
		if err != nil {
			return clairvoie.ImportResult{}, err
		}
		reviewed, err = clairvoie.ReadReviewed(rf, filepath.Base(o.accept))
		rf.Close()
		if err != nil {
			return clairvoie.ImportResult{}, err
		}
	}
	src := clairvoie.Source{Name: o.source, Format: format, Licence: o.licence, Attribution: o.attribution,
		Synthetic: o.synthetic, File: filepath.Base(path), Review: reviewed.Review()}
	if src.Licence == "" {
		switch {
		case format == "osm" || format == "pbf":
			src.Licence = "ODbL-1.0"
			if src.Attribution == "" {
				src.Attribution = "© OpenStreetMap contributors"
			}
		case mapping != nil && mapping.Licence != "":
			src.Licence = mapping.Licence
		default:
			src.Licence = "unknown"
		}
	}
	if src.Attribution == "" && mapping != nil {
		src.Attribution = mapping.Attribution
	}

	f, err := os.Open(path)
	if err != nil {
		return clairvoie.ImportResult{}, err
	}
	defer f.Close()
	var r io.Reader = f
	if m.StderrIsTerminal && !o.asJSON {
		if st, err := f.Stat(); err == nil {
			bar := progressbar.DefaultBytes(st.Size(), "reading "+filepath.Base(path))
			defer bar.Finish()
			r = io.TeeReader(f, bar)
		}
	}
	switch strings.ToLower(o.encoding) {
	case "", "utf-8", "utf8":
	case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1", "iso-8859-15":
		if format == "pbf" {
			return clairvoie.ImportResult{}, usagef("import", "--encoding: a .osm.pbf file is always UTF-8")
		}
		r = charmap.Windows1252.NewDecoder().Reader(r)
	default:
		return clairvoie.ImportResult{}, usagef("import", "--encoding %q: utf-8 or windows-1252", o.encoding)
	}
	ropts := clairvoie.ReadOptions{File: path, Drop: o.drop, Lenient: format == "osm" || format == "pbf", Reviewed: reviewed}
	if o.strict {
		ropts.Lenient = false
	}
	if o.lenient {
		ropts.Lenient = true
	}
	res, err := m.writeCameras(ctx, o.db, src, func(ctx context.Context, warns *[]clairvoie.ImportWarning) clairvoie.CameraSeq {
		return readCameras(ctx, format, r, mapping, ropts, warns)
	}, clairvoie.ImportOptions{Prune: o.prune})
	res.Reviewed = reviewed.Accepted()
	return res, err
}

// readCameras streams the cameras of a file. OpenStreetMap files are read
// in a goroutine of their own, so that reading and writing overlap; the
// other formats (a city's list: thousands of rows) are read first.
func readCameras(ctx context.Context, format string, r io.Reader, mapping *csvio.Mapping, ropts clairvoie.ReadOptions, warns *[]clairvoie.ImportWarning) clairvoie.CameraSeq {
	switch format {
	case "osm":
		return streamScan(ctx, warns, func(ctx context.Context, emit func(clairvoie.Camera) error) (osm.Result, error) {
			return osm.ScanXML(ctx, r, ropts, emit)
		})
	case "pbf":
		return streamScan(ctx, warns, func(ctx context.Context, emit func(clairvoie.Camera) error) (osm.Result, error) {
			return osm.ScanPBF(ctx, r, ropts, emit)
		})
	}
	var cams []clairvoie.Camera
	var err error
	if format == "geojson" {
		var res geojsonio.Result
		res, err = geojsonio.Read(r, ropts)
		cams, *warns = res.Cameras, res.Warnings
	} else {
		var res csvio.Result
		res, err = csvio.Read(r, mapping, ropts)
		cams, *warns = res.Cameras, res.Warnings
	}
	if err != nil {
		return func(yield func(clairvoie.Camera, error) bool) { yield(clairvoie.Camera{}, err) }
	}
	return clairvoie.CamerasOf(cams)
}

// streamScan runs scan in a goroutine and streams what it emits.
func streamScan(ctx context.Context, warns *[]clairvoie.ImportWarning, scan func(context.Context, func(clairvoie.Camera) error) (osm.Result, error)) clairvoie.CameraSeq {
	return func(yield func(clairvoie.Camera, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		ch := make(chan clairvoie.Camera, 1024)
		var res osm.Result
		var scanErr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer close(ch)
			res, scanErr = scan(ctx, func(c clairvoie.Camera) error {
				select {
				case ch <- c:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
		}()
		for c := range ch {
			if !yield(c, nil) {
				cancel()
				for range ch {
				}
				<-done
				return
			}
		}
		<-done
		if scanErr != nil {
			yield(clairvoie.Camera{}, scanErr)
			return
		}
		*warns = res.Warnings
	}
}

// writeCameras places the cameras in the workspace's areas and writes them.
func (m *Main) writeCameras(ctx context.Context, path string, src clairvoie.Source, read func(context.Context, *[]clairvoie.ImportWarning) clairvoie.CameraSeq, opts clairvoie.ImportOptions) (clairvoie.ImportResult, error) {
	ws, err := createWorkspace(ctx, path)
	if err != nil {
		return clairvoie.ImportResult{}, err
	}
	defer ws.Close()
	known, err := ws.areas.FindAreas(ctx, "")
	if err != nil {
		return clairvoie.ImportResult{}, err
	}
	ix := areas.NewIndex(known)
	var warns []clairvoie.ImportWarning
	cams := read(ctx, &warns)
	placed := func(yield func(clairvoie.Camera, error) bool) {
		for c, err := range cams {
			if err == nil && !ix.Empty() {
				ix.Place(&c)
			}
			if !yield(c, err) {
				return
			}
		}
	}
	res, err := ws.cameras.ImportCameras(ctx, src, placed, opts)
	if err != nil {
		return res, err
	}
	res.Warnings = warns
	if res.Warnings == nil {
		res.Warnings = []clairvoie.ImportWarning{}
	}
	return res, ws.Close()
}
