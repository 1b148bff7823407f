package csvio

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// The usage ledger's CSV schema (docs/usage.md): one row per camera and
// month, aggregated counts only. Any other column is refused: a ledger has
// no place for a free-text or personal field.
var usageColumns = map[string]bool{
	"camera": true, "camera_id": true, "month": true, "requisitions": true, "extractions": true,
	"decisive": true, "interventions": true, "downtime_hours": true, "vandalism": true,
}

// UsageRow is a row of a usage file: the camera as its source reference
// ("camera") or clairvoie id ("camera_id"), and the month's counts.
type UsageRow struct {
	Line      int
	CameraRef string
	clairvoie.UsageMonth
}

// ReadUsage reads a usage ledger. Errors name the file, line and column.
func ReadUsage(r io.Reader, opts clairvoie.ReadOptions) ([]UsageRow, error) {
	fail := func(line int, field, value, expected string, err error) ([]UsageRow, error) {
		return nil, &clairvoie.ImportError{File: opts.File, Line: line, Field: field, Value: value, Expected: expected, Err: err}
	}
	t, err := openStrict(r, opts.File, usageColumns,
		"a header line: camera or camera_id, month, and counts",
		"only the columns camera or camera_id, month, requisitions, extractions, decisive, interventions, downtime_hours, vandalism")
	if err != nil {
		return nil, err
	}
	col := t.col
	_, byRef := col["camera"]
	_, byID := col["camera_id"]
	if byRef == byID {
		return fail(1, "camera", "", "exactly one of the columns camera (the camera's reference in its source) or camera_id", nil)
	}
	if _, ok := col["month"]; !ok {
		return fail(1, "month", "", "a column month (YYYY-MM)", nil)
	}
	var out []UsageRow
	for {
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		u := UsageRow{Line: line}
		get := func(name string) string { return t.get(rec, name) }
		if byRef {
			u.CameraRef = get("camera")
			if u.CameraRef == "" {
				return fail(line, "camera", "", "the camera's reference in its source", nil)
			}
		} else {
			id, err := strconv.ParseInt(get("camera_id"), 10, 64)
			if err != nil || id <= 0 {
				return fail(line, "camera_id", get("camera_id"), "a clairvoie camera id", nil)
			}
			u.CameraID = id
		}
		m, err := clairvoie.ParseMonth(get("month"))
		if err != nil {
			return fail(line, "month", get("month"), "a month YYYY-MM", nil)
		}
		u.Month = m
		for _, c := range []struct {
			name string
			dst  *int
		}{{"requisitions", &u.Requisitions}, {"extractions", &u.Extractions}, {"decisive", &u.Decisive},
			{"interventions", &u.Interventions}, {"vandalism", &u.Vandalism}} {
			v := get(c.name)
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return fail(line, c.name, v, "a count: a whole number ≥ 0", nil)
			}
			*c.dst = n
		}
		if v := get("downtime_hours"); v != "" {
			f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
			if err != nil || f < 0 || f > 744 || math.IsNaN(f) {
				return fail(line, "downtime_hours", v, "hours from 0 to 744", nil)
			}
			u.DowntimeHours = f
		}
		if err := u.Validate(); err != nil {
			return fail(line, "decisive", "", "", err)
		}
		out = append(out, u)
	}
	return out, nil
}
