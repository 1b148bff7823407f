package postgres

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

// CameraService implements clairvoie.CameraService on PostgreSQL; the
// bounding-box filter runs on the PostGIS point and its GiST index.
type CameraService struct{ db *DB }

var _ clairvoie.CameraService = (*CameraService)(nil)

// NewCameraService returns the camera service of db.
func NewCameraService(db *DB) *CameraService { return &CameraService{db: db} }

// ImportCameras implements clairvoie.CameraService: one transaction;
// records inserted, updated (their fingerprint changed), unchanged, and
// those absent reported stale or pruned.
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
	if err := tx.QueryRowContext(ctx, `INSERT INTO sources (name, format, licence, attribution, synthetic, file, imported_at, review)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (name) DO UPDATE SET format = excluded.format, licence = excluded.licence, attribution = excluded.attribution,
			synthetic = excluded.synthetic, file = excluded.file, imported_at = excluded.imported_at, review = excluded.review
		RETURNING id`, src.Name, src.Format, src.Licence, src.Attribution, src.Synthetic, src.File, srcStamp, src.Review.Encode()).Scan(&sourceID); err != nil {
		return res, fmt.Errorf("write source: %w", err)
	}
	track := clairvoie.NewImportTracker()
	q, err := tx.QueryContext(ctx, `SELECT id, source_ref, hash FROM cameras WHERE source_id = $1`, sourceID)
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
	var batch []any
	width, idColumn := cameraWriteColumns, ""
	if opts.Copy {
		width, idColumn = cameraWriteColumns+1, "id, "
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		rows := make([]string, len(batch)/width)
		for i := range rows {
			rows[i] = "(" + args(i*width+1, width) + ")"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO cameras (`+idColumn+`source_id, source_ref, lon, lat, status, operator, operator_type, zone, commune,
			arrondissement, quartier, synthetic, tags, hash, imported_at) VALUES `+strings.Join(rows, ", "), batch...); err != nil {
			return fmt.Errorf("insert cameras: %w", err)
		}
		batch = batch[:0]
		return nil
	}
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
		tags, hash := clairvoie.CameraFingerprint(&c)
		action, _, err := track.Classify(n, c.SourceRef, hash)
		if err != nil {
			return res, err
		}
		stamp := now
		if opts.Copy {
			if stamp, err = clairvoie.CopyStamp(&c, n, now); err != nil {
				return res, err
			}
		}
		row := []any{sourceID, c.SourceRef, c.Location.Lon(), c.Location.Lat(), string(c.Status), c.Operator, string(c.OperatorType), c.Zone,
			c.Commune, c.Arrondissement, c.Quartier, c.Synthetic, string(tags), hash, stamp}
		switch action {
		case clairvoie.ImportUnchanged:
			res.Unchanged++
		case clairvoie.ImportUpdate:
			if _, err := tx.ExecContext(ctx, `UPDATE cameras SET lon = $3, lat = $4, status = $5, operator = $6, operator_type = $7, zone = $8,
				commune = $9, arrondissement = $10, quartier = $11, synthetic = $12, tags = $13, hash = $14, imported_at = $15
				WHERE source_id = $1 AND source_ref = $2`, row...); err != nil {
				return res, fmt.Errorf("update camera %q: %w", c.SourceRef, err)
			}
			res.Updated++
		default:
			if opts.Copy {
				batch = append(batch, c.ID)
			}
			batch = append(batch, row...)
			if len(batch) >= 500*width {
				if err := flush(); err != nil {
					return res, err
				}
			}
			res.Inserted++
		}
	}
	if err := flush(); err != nil {
		return res, err
	}
	if opts.Copy { // ids given: the next ones come after the largest
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('cameras', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM cameras), false)`); err != nil {
			return res, err
		}
	}
	if n > 0 && allSynthetic && !src.Synthetic {
		if _, err := tx.ExecContext(ctx, `UPDATE sources SET synthetic = true WHERE id = $1`, sourceID); err != nil {
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
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM usage_monthly WHERE camera_id = $1`, id).Scan(&used); err != nil {
			return res, err
		}
		if used > 0 {
			return res, clairvoie.UsedCameraError(id, used)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM cameras WHERE id = $1`, id); err != nil {
			return res, fmt.Errorf("prune camera %d: %w", id, err)
		}
		res.Pruned++
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("commit import: %w", err)
	}
	return res, nil
}

const cameraWriteColumns = 15

const cameraColumns = `c.id, c.source_ref, c.lon, c.lat, c.tags, c.imported_at, s.name, s.licence`

// FindCameras implements clairvoie.CameraService.
func (s *CameraService) FindCameras(ctx context.Context, f clairvoie.CameraFilter) ([]*clairvoie.Camera, int, error) {
	from := `FROM cameras c JOIN sources s ON s.id = c.source_id`
	var where []string
	var vals []any
	add := func(cond string, v ...any) {
		for i := range v {
			cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(vals)+i+1), 1)
		}
		where = append(where, cond)
		vals = append(vals, v...)
	}
	if f.BBox != nil {
		b := *f.BBox
		add(`c.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)`, b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat())
	}
	if len(f.IDs) > 0 {
		add(`c.id = ANY(?)`, f.IDs)
	}
	if len(f.Status) > 0 {
		st := make([]string, len(f.Status))
		for i, v := range f.Status {
			st[i] = string(v)
		}
		add(`c.status = ANY(?)`, st)
	}
	for col, v := range map[string]string{`s.name`: f.Source, `c.operator`: f.Operator, `c.operator_type`: string(f.OperatorType), `c.zone`: f.Zone,
		`c.commune`: f.Commune, `c.arrondissement`: f.Arrondissement, `c.quartier`: f.Quartier} {
		if v != "" {
			add(col+` = ?`, v)
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	paged := f.Limit > 0 || f.Offset > 0
	var total int
	if paged {
		if err := s.db.db.QueryRowContext(ctx, `SELECT count(*) `+from+cond, vals...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("count cameras: %w", err)
		}
	}
	query := `SELECT ` + cameraColumns + ` ` + from + cond + ` ORDER BY c.id`
	if paged {
		if f.Limit > 0 {
			query += fmt.Sprintf(` LIMIT %d`, f.Limit)
		}
		query += fmt.Sprintf(` OFFSET %d`, max(f.Offset, 0))
	}
	rows, err := s.db.db.QueryContext(ctx, query, vals...)
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
	c, err := scanCamera(s.db.db.QueryRowContext(ctx, `SELECT `+cameraColumns+` FROM cameras c JOIN sources s ON s.id = c.source_id WHERE c.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, clairvoie.Errorf(clairvoie.ENOTFOUND, "no camera with id %d", id)
	}
	return c, err
}

func scanCamera(r interface{ Scan(...any) error }) (*clairvoie.Camera, error) {
	var c clairvoie.Camera
	var lon, lat float64
	var tagsJSON, sourceName, sourceLicence string
	var id int64
	var ref string
	var stamp = c.Provenance.ImportedAt
	if err := r.Scan(&id, &ref, &lon, &lat, &tagsJSON, &stamp, &sourceName, &sourceLicence); err != nil {
		return nil, err
	}
	tags, err := flatjson.Decode([]byte(tagsJSON))
	if err != nil {
		return nil, fmt.Errorf("camera %d: stored tags: %w", id, err)
	}
	c, _ = clairvoie.CameraFromTags(tags) // values it could not read were stored verbatim and come back in Extra
	c.ID, c.SourceRef, c.Location = id, ref, orb.Point{lon, lat}
	c.Provenance = clairvoie.Provenance{Source: sourceName, SourceRef: ref, Licence: sourceLicence, ImportedAt: stamp.UTC()}
	return &c, nil
}

// FindSources implements clairvoie.CameraService.
func (s *CameraService) FindSources(ctx context.Context) ([]clairvoie.Source, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT s.name, s.format, s.licence, s.attribution, s.synthetic, s.file, s.imported_at,
		(SELECT count(*) FROM cameras c WHERE c.source_id = s.id), s.review FROM sources s ORDER BY s.name`)
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	defer rows.Close()
	var out []clairvoie.Source
	for rows.Next() {
		var src clairvoie.Source
		var review string
		if err := rows.Scan(&src.Name, &src.Format, &src.Licence, &src.Attribution, &src.Synthetic, &src.File, &src.ImportedAt, &src.Cameras, &review); err != nil {
			return nil, err
		}
		if src.Review, err = clairvoie.DecodeSourceReview(review); err != nil {
			return nil, fmt.Errorf("source %s: %w", src.Name, err)
		}
		src.ImportedAt = src.ImportedAt.UTC()
		out = append(out, src)
	}
	return out, rows.Err()
}

// RegistryVersion implements clairvoie.CameraService: a counter moved by
// triggers on cameras and sources (migration 0002).
func (s *CameraService) RegistryVersion(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.db.QueryRowContext(ctx, `SELECT n FROM registry_version WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("registry version: %w", err)
	}
	return n, nil
}
