package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/flatjson"
	"github.com/paulmach/orb"
)

// CameraService implements clairvoie.CameraService on SQLite.
type CameraService struct{ db *DB }

var _ clairvoie.CameraService = (*CameraService)(nil)

// NewCameraService returns the camera service of db.
func NewCameraService(db *DB) *CameraService { return &CameraService{db: db} }

// ImportCameras implements clairvoie.CameraService.
func (s *CameraService) ImportCameras(ctx context.Context, src clairvoie.Source, cams clairvoie.CameraSeq, opts clairvoie.ImportOptions) (clairvoie.ImportResult, error) {
	res := clairvoie.ImportResult{Source: src.Name}
	if err := clairvoie.CheckSource(src); err != nil {
		return res, err
	}
	now := s.db.Now().UTC()
	srcStamp := now
	if opts.Copy && !src.ImportedAt.IsZero() {
		srcStamp = src.ImportedAt
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("begin import: %w", err)
	}
	defer tx.Rollback()

	var sourceID int64
	err = tx.QueryRowContext(ctx, `
		INSERT INTO sources (name, format, licence, attribution, synthetic, file, imported_at, review)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET format = excluded.format, licence = excluded.licence,
			attribution = excluded.attribution, synthetic = excluded.synthetic, file = excluded.file,
			imported_at = excluded.imported_at, review = excluded.review
		RETURNING id`,
		src.Name, src.Format, src.Licence, src.Attribution, boolInt(src.Synthetic), src.File, formatTime(srcStamp),
		src.Review.Encode()).Scan(&sourceID)
	if err != nil {
		return res, fmt.Errorf("write source: %w", err)
	}

	track := clairvoie.NewImportTracker()
	q, err := tx.QueryContext(ctx, `SELECT id, source_ref, hash FROM cameras WHERE source_id = ?`, sourceID)
	if err != nil {
		return res, fmt.Errorf("read held cameras: %w", err)
	}
	for q.Next() {
		var id int64
		var ref, hash string
		if err := q.Scan(&id, &ref, &hash); err != nil {
			q.Close()
			return res, err
		}
		track.Hold(ref, id, hash)
	}
	if err := q.Close(); err != nil {
		return res, err
	}
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM cameras`).Scan(&maxID); err != nil {
		return res, err
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE cameras SET lon = ?, lat = ?, status = ?, operator = ?,
		operator_type = ?, zone = ?, commune = ?, arrondissement = ?, quartier = ?, synthetic = ?, tags = ?,
		hash = ?, imported_at = ? WHERE id = ?`)
	if err != nil {
		return res, err
	}
	defer upd.Close()
	ins := &batchInserter{tx: tx, sourceID: sourceID, stamp: formatTime(now), withID: opts.Copy}
	defer ins.close()

	n, allSynthetic := 0, true
	for c, err := range cams {
		if err != nil {
			return res, err
		}
		n++
		if err := clairvoie.CheckImportCamera(&c, n); err != nil {
			return res, err
		}
		if src.Synthetic {
			c.Synthetic = true
		}
		allSynthetic = allSynthetic && c.Synthetic
		r, err := newCameraRow(&c)
		if err != nil {
			return res, err
		}
		r.stamp = ins.stamp
		if opts.Copy {
			stamp, err := clairvoie.CopyStamp(&c, n, now)
			if err != nil {
				return res, err
			}
			r.id, r.stamp = c.ID, formatTime(stamp)
		}
		action, heldID, err := track.Classify(n, c.SourceRef, r.hash)
		if err != nil {
			return res, err
		}
		switch action {
		case clairvoie.ImportUnchanged:
			res.Unchanged++
		case clairvoie.ImportUpdate:
			if _, err := upd.ExecContext(ctx, r.lon, r.lat, r.status, r.operator, r.operatorType, r.zone, r.commune,
				r.arrondissement, r.quartier, r.synthetic, r.tags, r.hash, r.stamp, heldID); err != nil {
				return res, fmt.Errorf("update camera %q: %w", c.SourceRef, err)
			}
			res.Updated++
		default:
			if err := ins.add(ctx, c.SourceRef, r); err != nil {
				return res, err
			}
			res.Inserted++
		}
	}
	if err := ins.flush(ctx); err != nil {
		return res, err
	}
	// New cameras got ids above every id held before (INTEGER PRIMARY KEY
	// takes max(id)+1): index their positions in one statement. A copy
	// brings its own ids: index those not indexed yet.
	newer := `id > ?`
	if opts.Copy {
		newer = `id NOT IN (SELECT id FROM camera_rtree) AND ? >= 0`
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO camera_rtree (id, min_lon, max_lon, min_lat, max_lat)
		SELECT id, lon, lon, lat, lat FROM cameras WHERE `+newer, maxID); err != nil {
		return res, fmt.Errorf("index positions: %w", err)
	}
	// A source all of whose records are generated is a synthetic source.
	if n > 0 && allSynthetic && !src.Synthetic {
		if _, err := tx.ExecContext(ctx, `UPDATE sources SET synthetic = 1 WHERE id = ?`, sourceID); err != nil {
			return res, err
		}
	}
	res.Imported = res.Inserted + res.Updated + res.Unchanged
	for _, id := range track.Absent() {
		if !opts.Prune {
			res.Stale++
			continue
		}
		var used int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM usage_monthly WHERE camera_id = ?`, id).Scan(&used); err != nil {
			return res, err
		}
		if used > 0 {
			return res, clairvoie.UsedCameraError(id, used)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM cameras WHERE id = ?`, id); err != nil {
			return res, fmt.Errorf("prune camera %d: %w", id, err)
		}
		res.Pruned++
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("commit import: %w", err)
	}
	return res, nil
}

// insertBatch is how many rows one INSERT statement writes: multi-row
// inserts spread the cost of a statement over many rows.
const insertBatch = 64

const insertColumns = 15

// batchInserter writes new cameras insertBatch rows at a time.
type batchInserter struct {
	tx       *sql.Tx
	sourceID int64
	stamp    string
	withID   bool // a copy: each row brings its id
	full     *sql.Stmt
	args     []any
	refs     []string
}

func insertSQL(n int, withID bool) string {
	cols, id := insertColumns, ""
	if withID {
		cols, id = insertColumns+1, "id, "
	}
	row := "(" + placeholders(cols) + ")"
	return `INSERT INTO cameras (` + id + `source_id, source_ref, lon, lat, status, operator, operator_type, zone, commune,
		arrondissement, quartier, synthetic, tags, hash, imported_at) VALUES ` + strings.TrimSuffix(strings.Repeat(row+",", n), ",")
}

func (b *batchInserter) add(ctx context.Context, ref string, r cameraRow) error {
	if b.withID {
		b.args = append(b.args, r.id)
	}
	b.args = append(b.args, b.sourceID, ref, r.lon, r.lat, r.status, r.operator, r.operatorType, r.zone, r.commune,
		r.arrondissement, r.quartier, r.synthetic, r.tags, r.hash, r.stamp)
	b.refs = append(b.refs, ref)
	if len(b.refs) < insertBatch {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(ctx, insertSQL(insertBatch, b.withID))
		if err != nil {
			return err
		}
		b.full = st
	}
	if _, err := b.full.ExecContext(ctx, b.args...); err != nil {
		return fmt.Errorf("insert cameras %q…%q: %w", b.refs[0], b.refs[len(b.refs)-1], err)
	}
	b.args, b.refs = b.args[:0], b.refs[:0]
	return nil
}

func (b *batchInserter) flush(ctx context.Context) error {
	if len(b.refs) == 0 {
		return nil
	}
	if _, err := b.tx.ExecContext(ctx, insertSQL(len(b.refs), b.withID), b.args...); err != nil {
		return fmt.Errorf("insert cameras %q…%q: %w", b.refs[0], b.refs[len(b.refs)-1], err)
	}
	b.args, b.refs = b.args[:0], b.refs[:0]
	return nil
}

func (b *batchInserter) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// cameraRow is a camera as the cameras table holds it.
type cameraRow struct {
	lon, lat                             float64
	status, operator, operatorType, zone string
	commune, arrondissement, quartier    string
	synthetic                            int
	tags, hash                           string
	id                                   int64  // a copy's
	stamp                                string // the import time
}

func newCameraRow(c *clairvoie.Camera) (cameraRow, error) {
	tags, hash := clairvoie.CameraFingerprint(c)
	return cameraRow{
		lon: c.Location.Lon(), lat: c.Location.Lat(),
		status: string(c.Status), operator: c.Operator, operatorType: string(c.OperatorType), zone: c.Zone,
		commune: c.Commune, arrondissement: c.Arrondissement, quartier: c.Quartier,
		synthetic: boolInt(c.Synthetic), tags: string(tags), hash: hash,
	}, nil
}

const cameraColumns = `c.id, c.source_ref, c.lon, c.lat, c.tags, c.imported_at, s.name, s.licence`

// FindCameras implements clairvoie.CameraService.
func (s *CameraService) FindCameras(ctx context.Context, f clairvoie.CameraFilter) ([]*clairvoie.Camera, int, error) {
	from := `FROM cameras c JOIN sources s ON s.id = c.source_id`
	var where []string
	var args []any
	if f.BBox != nil {
		from += ` JOIN camera_rtree r ON r.id = c.id`
		b := *f.BBox
		// The R*Tree stores 32-bit bounds rounded outwards: filter exactly too.
		where = append(where, `r.min_lon <= ? AND r.max_lon >= ? AND r.min_lat <= ? AND r.max_lat >= ?`,
			`c.lon BETWEEN ? AND ? AND c.lat BETWEEN ? AND ?`)
		args = append(args, b.Max.Lon(), b.Min.Lon(), b.Max.Lat(), b.Min.Lat(),
			b.Min.Lon(), b.Max.Lon(), b.Min.Lat(), b.Max.Lat())
	}
	if len(f.IDs) > 0 {
		where = append(where, `c.id IN (`+placeholders(len(f.IDs))+`)`)
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if len(f.Status) > 0 {
		where = append(where, `c.status IN (`+placeholders(len(f.Status))+`)`)
		for _, st := range f.Status {
			args = append(args, string(st))
		}
	}
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+` = ?`)
			args = append(args, v)
		}
	}
	eq(`s.name`, f.Source)
	eq(`c.operator`, f.Operator)
	eq(`c.operator_type`, string(f.OperatorType))
	eq(`c.zone`, f.Zone)
	eq(`c.commune`, f.Commune)
	eq(`c.arrondissement`, f.Arrondissement)
	eq(`c.quartier`, f.Quartier)
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}

	paged := f.Limit > 0 || f.Offset > 0
	var total int
	if paged {
		if err := s.db.db.QueryRowContext(ctx, `SELECT count(*) `+from+cond, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("count cameras: %w", err)
		}
	}
	query := `SELECT ` + cameraColumns + ` ` + from + cond + ` ORDER BY c.id`
	if paged {
		limit := f.Limit
		if limit <= 0 {
			limit = -1
		}
		query += ` LIMIT ? OFFSET ?`
		args = append(args, limit, f.Offset)
	}
	rows, err := s.db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find cameras: %w", err)
	}
	defer rows.Close()
	var out []*clairvoie.Camera
	for rows.Next() {
		c, err := scanCamera(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("find cameras: %w", err)
	}
	if !paged {
		total = len(out)
	}
	return out, total, nil
}

// FindCameraByID implements clairvoie.CameraService.
func (s *CameraService) FindCameraByID(ctx context.Context, id int64) (*clairvoie.Camera, error) {
	row := s.db.db.QueryRowContext(ctx, `SELECT `+cameraColumns+` FROM cameras c JOIN sources s ON s.id = c.source_id WHERE c.id = ?`, id)
	c, err := scanCamera(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, clairvoie.Errorf(clairvoie.ENOTFOUND, "no camera with id %d", id)
	}
	return c, err
}

type scanner interface{ Scan(dest ...any) error }

func scanCamera(r scanner) (*clairvoie.Camera, error) {
	var (
		id                        int64
		ref, tagsJSON, stamp      string
		lon, lat                  float64
		sourceName, sourceLicence string
	)
	if err := r.Scan(&id, &ref, &lon, &lat, &tagsJSON, &stamp, &sourceName, &sourceLicence); err != nil {
		return nil, err
	}
	tags, err := flatjson.Decode([]byte(tagsJSON))
	if err != nil {
		return nil, fmt.Errorf("camera %d: stored tags: %w", id, err)
	}
	c, _ := clairvoie.CameraFromTags(tags) // values it could not read were stored verbatim and come back in Extra
	c.ID = id
	c.SourceRef = ref
	c.Location = orb.Point{lon, lat}
	c.Provenance = clairvoie.Provenance{Source: sourceName, SourceRef: ref, Licence: sourceLicence, ImportedAt: parseTime(stamp)}
	return &c, nil
}

// FindSources implements clairvoie.CameraService.
func (s *CameraService) FindSources(ctx context.Context) ([]clairvoie.Source, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT s.name, s.format, s.licence, s.attribution, s.synthetic, s.file,
		s.imported_at, (SELECT count(*) FROM cameras c WHERE c.source_id = s.id), s.review FROM sources s ORDER BY s.name`)
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	defer rows.Close()
	var out []clairvoie.Source
	for rows.Next() {
		var src clairvoie.Source
		var synthetic int
		var stamp, review string
		if err := rows.Scan(&src.Name, &src.Format, &src.Licence, &src.Attribution, &synthetic, &src.File, &stamp, &src.Cameras, &review); err != nil {
			return nil, err
		}
		if src.Review, err = clairvoie.DecodeSourceReview(review); err != nil {
			return nil, fmt.Errorf("source %s: %w", src.Name, err)
		}
		src.Synthetic = synthetic == 1
		src.ImportedAt = parseTime(stamp)
		out = append(out, src)
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// RegistryVersion implements clairvoie.CameraService: a counter moved by
// triggers on cameras and sources (migration 0007).
func (s *CameraService) RegistryVersion(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.db.QueryRowContext(ctx, `SELECT n FROM registry_version WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("registry version: %w", err)
	}
	return n, nil
}
