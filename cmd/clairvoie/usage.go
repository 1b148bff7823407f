package main

import (
	"context"
	"fmt"
	"os"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
)

const usageUsage = `usage import --db FILE [--source NAME] [--json] FILE.csv

Imports a usage ledger: one row per camera and month, aggregated counts only
(docs/usage.md): camera (its reference in --source) or camera_id, month (YYYY-MM),
requisitions, extractions, decisive, interventions, downtime_hours, vandalism.
Any other column is refused. All rows or none; a month already held is replaced.`

func runUsage(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("usage")
	dbPath := m.dbFlag(fs)
	source := fs.String("source", "", "the source whose references the camera column uses")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, usageUsage, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) != 2 || pos[0] != "import":
		return usagef("usage", "expected 'usage import FILE.csv'")
	case *dbPath == "":
		return usagef("usage", "--db is required")
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer f.Close()
	rows, err := csvio.ReadUsage(f, clairvoie.ReadOptions{File: pos[1]})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	refs := map[string]int64{}
	if *source != "" {
		cams, _, err := ws.cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: *source})
		if err != nil {
			return err
		}
		for _, c := range cams {
			refs[c.SourceRef] = c.ID
		}
	}
	months := make([]clairvoie.UsageMonth, len(rows))
	for i, r := range rows {
		if r.CameraRef != "" {
			if *source == "" {
				return failJSON(m.Stdout, *asJSON, usagef("usage", "the file names cameras by reference: give --source"))
			}
			id, ok := refs[r.CameraRef]
			if !ok {
				return failJSON(m.Stdout, *asJSON, &clairvoie.ImportError{File: pos[1], Line: r.Line, Field: "camera", Value: r.CameraRef,
					Expected: fmt.Sprintf("a camera of source %q", *source)})
			}
			r.CameraID = id
		}
		months[i] = r.UsageMonth
	}
	res, err := ws.usage.ImportUsage(ctx, months)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	_, err = fmt.Fprintf(m.Stdout, "%d months imported (%d new, %d replaced)\n", res.Imported, res.Inserted, res.Updated)
	return err
}
