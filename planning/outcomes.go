package planning

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/forecast"
	"github.com/paulmach/orb"
)

// OutcomeRead says how to read outcome files into counts.
type OutcomeRead struct {
	Name      string
	Kind      string // accidents, calls, incidents
	Format    string // baac, csv
	Files     []string
	Columns   csvio.IncidentColumns // csv: the lon, lat and time columns
	INSEE     string                // baac: only this commune
	CellM     float64               // the grid's cell size (default 250 m)
	Licence   string
	Synthetic bool
	// Zone is the workspace's time zone, where a time with an offset is
	// placed on its day and hour (nil: UTC).
	Zone *time.Location
	// SkipOutside counts and leaves out the rows outside the workspace's
	// area instead of refusing the import.
	SkipOutside bool
}

// ReadOutcomes reads outcome files (BAAC or CSV, gzipped or not) into
// counts per day on the workspace's grid: cells of CellM metres about the
// middle latitude of the workspace's areas (of the rows, without areas).
// Nothing of a row is kept. A row outside the areas (padded by 500 m) is
// an error naming its file and line unless SkipOutside.
func ReadOutcomes(ctx context.Context, areas clairvoie.AreaService, r OutcomeRead) (clairvoie.OutcomeSource, []clairvoie.OutcomeCount, error) {
	src := clairvoie.OutcomeSource{Name: r.Name, Kind: r.Kind, Format: r.Format, CellM: r.CellM, Licence: r.Licence, Synthetic: r.Synthetic, ImportedAt: time.Now()}
	if src.CellM == 0 {
		src.CellM = 250
	}
	switch {
	case r.Name == "":
		return src, nil, clairvoie.Errorf(clairvoie.EINVALID, "outcomes need a source name")
	case !slices.Contains(clairvoie.OutcomeKinds, r.Kind):
		return src, nil, clairvoie.Errorf(clairvoie.EINVALID, "outcome kind %q: expected accidents, calls or incidents", r.Kind)
	case r.Format != "baac" && r.Format != "csv":
		return src, nil, clairvoie.Errorf(clairvoie.EINVALID, "outcome format %q: expected baac or csv", r.Format)
	case src.CellM < 10 || src.CellM > 10000:
		return src, nil, clairvoie.Errorf(clairvoie.EINVALID, "cell size %v: expected metres, 10 to 10000", src.CellM)
	case len(r.Files) == 0:
		return src, nil, clairvoie.Errorf(clairvoie.EINVALID, "no file to read")
	}
	bound, hasArea, err := workspaceBound(ctx, areas)
	if err != nil {
		return src, nil, err
	}
	var events []forecast.Event
	for _, path := range r.Files {
		f, err := os.Open(path)
		if err != nil {
			return src, nil, err
		}
		emit := func(line int, at time.Time, timed bool, lon, lat float64) error {
			if hasArea && !bound.Contains(orb.Point{lon, lat}) {
				if r.SkipOutside {
					src.Outside++
					return nil
				}
				return &clairvoie.ImportError{File: path, Line: line, Field: "lon/lat", Value: fmt.Sprintf("%.5f, %.5f", lon, lat),
					Expected: fmt.Sprintf("a position within the workspace's area (%.4f, %.4f to %.4f, %.4f; --skip-outside to count and leave such rows out)",
						bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1])}
			}
			events = append(events, forecast.Event{At: at, Timed: timed, Lon: lon, Lat: lat})
			if timed {
				src.Timed++
			}
			return nil
		}
		var unplaced, filtered int
		if r.Format == "baac" {
			unplaced, filtered, err = csvio.ReadBAAC(f, path, r.INSEE, emit)
		} else {
			cols := r.Columns
			cols.Zone = r.Zone
			unplaced, err = csvio.ReadIncidents(f, path, cols, emit)
		}
		f.Close()
		if err != nil {
			return src, nil, err
		}
		src.Unplaced += unplaced
		src.Filtered += filtered
		if src.File != "" {
			src.File += ", "
		}
		src.File += filepath.Base(path)
	}
	if len(events) == 0 {
		return src, nil, clairvoie.Errorf(clairvoie.EINVALID, "%s: no row with a position to count (%d without one, %d of other communes, %d outside the area)",
			src.File, src.Unplaced, src.Filtered, src.Outside)
	}
	if hasArea {
		src.Lat0 = (bound.Min[1] + bound.Max[1]) / 2
	} else {
		for _, e := range events {
			src.Lat0 += e.Lat
		}
		src.Lat0 /= float64(len(events))
	}
	src.Lat0 = math.Round(src.Lat0*1e4) / 1e4
	tally := forecast.Tally(forecast.Grid{CellM: src.CellM, Lat0: src.Lat0}, events)
	counts := make([]clairvoie.OutcomeCount, len(tally))
	for i, c := range tally {
		counts[i] = clairvoie.OutcomeCount{Day: c.Day.Format("2006-01-02"), X: c.X, Y: c.Y, N: c.N, Hours: c.Hours}
		src.Counted += c.N
	}
	src.First, src.Last = counts[0].Day, counts[len(counts)-1].Day
	return src, counts, nil
}

// workspaceBound is the bound of the workspace's areas, padded by 500 m.
func workspaceBound(ctx context.Context, areas clairvoie.AreaService) (orb.Bound, bool, error) {
	var b orb.Bound
	found := false
	if areas == nil {
		return b, false, nil
	}
	for _, k := range []clairvoie.AreaKind{clairvoie.AreaCommune, clairvoie.AreaArrondissement, clairvoie.AreaQuartier} {
		as, err := areas.FindAreas(ctx, k)
		if err != nil {
			return b, false, err
		}
		for _, a := range as {
			if a.Geometry == nil {
				continue
			}
			if !found {
				b, found = a.Geometry.Bound(), true
			} else {
				b = b.Union(a.Geometry.Bound())
			}
		}
	}
	if found {
		dy := 500 / 110540.0
		dx := 500 / (111320 * math.Cos((b.Min[1]+b.Max[1])/2*math.Pi/180))
		b = orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
	}
	return b, found, nil
}
