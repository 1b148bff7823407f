package clairvoie

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie/internal/flatjson"
)

// What every store checks before it writes, whatever its engine: the same
// rules and the same messages for SQLite and PostgreSQL.

// CheckImportCamera checks the n-th record of an import (1-based) and sets
// the domain's default status (active) when it has none.
func CheckImportCamera(c *Camera, n int) error {
	switch c.Status {
	case "":
		c.Status = StatusActive // the domain's default, as CameraFromTags
	case StatusPlanned, StatusActive, StatusOutOfService, StatusRemoved:
	default:
		return Errorf(EINVALID, "record %d: unknown status %q", n, c.Status)
	}
	if c.SourceRef == "" {
		return Errorf(EINVALID, "record %d has no source reference", n)
	}
	lon, lat := c.Location.Lon(), c.Location.Lat()
	if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return Errorf(EINVALID, "record %q: position (%g, %g) is outside WGS 84 longitude/latitude", c.SourceRef, lon, lat)
	}
	return nil
}

// RepeatedRefError is the error for a record repeating a source reference
// (first: the earlier record's number, 0 when it was held before).
func RepeatedRefError(n int, ref string, first int) error {
	hint := ""
	if first > 0 {
		hint = fmt.Sprintf(" of record %d", first)
	}
	return Errorf(EINVALID, "record %d repeats the source reference %q%s", n, ref, hint)
}

// CameraFingerprint is a camera's canonical tags (JSON, keys sorted) and
// the hash of those and its position: a re-import compares hashes to tell
// unchanged records from updated ones.
func CameraFingerprint(c *Camera) (tags []byte, hash string) {
	tags = flatjson.Encode(c.Tags())
	sum := sha256.New()
	sum.Write(tags)
	fmt.Fprintf(sum, "|%s|%s", strconv.FormatFloat(c.Location.Lon(), 'g', -1, 64), strconv.FormatFloat(c.Location.Lat(), 'g', -1, 64))
	return tags, hex.EncodeToString(sum.Sum(nil))
}

// CheckUsage checks a ledger before it is written: valid months and
// counts, one record per camera and month.
func CheckUsage(rows []UsageMonth) error {
	type key struct {
		id int64
		m  Month
	}
	seen := make(map[key]int, len(rows))
	for i := range rows {
		u := &rows[i]
		if _, err := ParseMonth(string(u.Month)); err != nil {
			return Errorf(EINVALID, "record %d: month %q: %v", i+1, u.Month, err)
		}
		if err := u.Validate(); err != nil {
			return Errorf(EINVALID, "record %d (camera %d, %s): %v", i+1, u.CameraID, u.Month, err)
		}
		k := key{u.CameraID, u.Month}
		if j, dup := seen[k]; dup {
			return Errorf(EINVALID, "records %d and %d are both camera %d in %s", j+1, i+1, u.CameraID, u.Month)
		}
		seen[k] = i
	}
	return nil
}

// CheckConduits checks a source's conduits before they replace the old.
func CheckConduits(source string, conduits []Conduit) error {
	if source == "" {
		return Errorf(EINVALID, "conduits need a source name")
	}
	seen := map[string]bool{}
	for i, c := range conduits {
		switch {
		case c.Ref == "":
			return Errorf(EINVALID, "conduit %d has no reference", i+1)
		case seen[c.Ref]:
			return Errorf(EINVALID, "conduit %q appears twice", c.Ref)
		case len(c.Line) < 2:
			return Errorf(EINVALID, "conduit %q: a line needs two points", c.Ref)
		case c.CityShare < 0 || c.CityShare > 1 || c.DuctsFree < 0 || c.DuctsUsed < 0 || c.LengthM < 0:
			return Errorf(EINVALID, "conduit %q: share 0–1, duct counts and length ≥ 0", c.Ref)
		}
		seen[c.Ref] = true
	}
	return nil
}

// CheckEvents checks a source's events before they replace the old.
func CheckEvents(source string, events []Event) error {
	if err := CheckSourceName(source); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := range events {
		if err := events[i].Validate(); err != nil {
			return err
		}
		if seen[events[i].Ref] {
			return Errorf(EINVALID, "event %q appears twice", events[i].Ref)
		}
		seen[events[i].Ref] = true
	}
	return nil
}

// CheckOutcomes checks an outcome source and its counts.
func CheckOutcomes(src OutcomeSource, counts []OutcomeCount) error {
	switch {
	case src.Name == "":
		return Errorf(EINVALID, "outcomes need a source name")
	case !slices.Contains(OutcomeKinds, src.Kind):
		return Errorf(EINVALID, "outcome source %q: kind %q: expected accidents, calls or incidents", src.Name, src.Kind)
	case !(src.CellM > 0):
		return Errorf(EINVALID, "outcome source %q: cell size %v: expected metres > 0", src.Name, src.CellM)
	}
	for _, c := range counts {
		if _, err := time.Parse("2006-01-02", c.Day); err != nil || c.N <= 0 {
			return Errorf(EINVALID, "outcome source %q: count %+v: expected a YYYY-MM-DD day and a count > 0", src.Name, c)
		}
		timed := 0
		for _, n := range c.Hours {
			if n < 0 {
				return Errorf(EINVALID, "outcome source %q: day %s: hours %s: expected counts of 0 or more", src.Name, c.Day, c.Hours)
			}
			timed += int(n)
		}
		if timed > c.N {
			return Errorf(EINVALID, "outcome source %q: day %s: %d outcomes by hour for %d in the day: expected at most the day's", src.Name, c.Day, timed, c.N)
		}
	}
	return nil
}

// CheckDays checks the marked days.
func CheckDays(days []CalendarDay) error {
	for _, d := range days {
		if _, err := time.Parse("2006-01-02", d.Day); err != nil {
			return Errorf(EINVALID, "calendar day %q: expected YYYY-MM-DD", d.Day)
		}
		if len([]rune(d.Holiday)) > 80 {
			return Errorf(EINVALID, "calendar day %s: holiday name: expected at most 80 characters", d.Day)
		}
	}
	return nil
}

// CheckSourceName checks the name of a calendar or a feed: it is shown on
// the pages that list its events, so it is short and never personal.
func CheckSourceName(name string) error {
	if name == "" || len([]rune(name)) > 64 {
		return Say(EINVALID, "un nom de source de 1 à 64 caractères est attendu", "expected a source name of 1 to 64 characters")
	}
	if why := ScreenValue(name); why != "" {
		return Say(EINVALID, "nom de source refusé : il ressemble à %s (jamais de donnée personnelle)", "source name refused: it looks like %s (never personal data)", why)
	}
	return nil
}

// CheckSource checks the source of an import.
func CheckSource(src Source) error {
	if strings.TrimSpace(src.Name) == "" {
		return Errorf(EINVALID, "a source needs a name")
	}
	if src.Licence == "" {
		return Errorf(EINVALID, "source %q: a licence is required (e.g. ODbL-1.0, etalab-2.0, or \"unknown\")", src.Name)
	}
	return nil
}

// ImportAction is what an import does with one record.
type ImportAction int

// The actions: a new record, a held one whose fingerprint changed, a held
// one unchanged.
const (
	ImportInsert ImportAction = iota
	ImportUpdate
	ImportUnchanged
)

// ImportTracker is the bookkeeping of an import that every store shares:
// which records of the source are held (by reference, with their id and
// fingerprint), what each new record is, the references repeated, and at
// the end the held records the import did not contain.
type ImportTracker struct {
	held map[string]*trackedRecord
	seen map[string]int // reference → record number, for new records
}

type trackedRecord struct {
	id   int64
	hash string
	seen bool
}

// NewImportTracker starts an import over nothing held.
func NewImportTracker() *ImportTracker {
	return &ImportTracker{held: map[string]*trackedRecord{}, seen: map[string]int{}}
}

// Hold says the source holds the record ref with this id and fingerprint.
func (t *ImportTracker) Hold(ref string, id int64, hash string) {
	t.held[ref] = &trackedRecord{id: id, hash: hash}
}

// Classify says what to do with the n-th record (1-based), and the held
// id for an update; a reference repeated in the import is an error.
func (t *ImportTracker) Classify(n int, ref, hash string) (ImportAction, int64, error) {
	h, ok := t.held[ref]
	if first, dup := t.seen[ref]; dup || (ok && h.seen) {
		return 0, 0, RepeatedRefError(n, ref, first)
	}
	switch {
	case ok && h.hash == hash:
		h.seen = true
		return ImportUnchanged, h.id, nil
	case ok:
		h.seen = true
		return ImportUpdate, h.id, nil
	}
	t.seen[ref] = n
	return ImportInsert, 0, nil
}

// Absent lists the ids of the held records the import did not contain.
func (t *ImportTracker) Absent() []int64 {
	var out []int64
	for _, h := range t.held {
		if !h.seen {
			out = append(out, h.id)
		}
	}
	slices.Sort(out)
	return out
}

// UsedCameraError refuses to prune a camera that has usage months.
func UsedCameraError(id int64, months int) error {
	return Errorf(EINVALID, "camera %d is absent from the new file but has %d months of usage: it cannot be pruned (import without --prune, or keep it in the file with status removed)", id, months)
}

// CopyStamp checks the n-th record of a copy (ImportOptions.Copy): it must
// carry its id; its import time is kept, now when it has none.
func CopyStamp(c *Camera, n int, now time.Time) (time.Time, error) {
	if c.ID <= 0 {
		return now, Errorf(EINVALID, "record %d (%q): a copy needs each camera's id", n, c.SourceRef)
	}
	if c.Provenance.ImportedAt.IsZero() {
		return now, nil
	}
	return c.Provenance.ImportedAt, nil
}
