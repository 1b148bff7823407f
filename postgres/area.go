package postgres

import (
	"context"
	"fmt"

	"github.com/clairvoie/clairvoie"
)

// AreaService implements clairvoie.AreaService on PostgreSQL.
type AreaService struct{ db *DB }

var _ clairvoie.AreaService = (*AreaService)(nil)

// NewAreaService returns the area service of db.
func NewAreaService(db *DB) *AreaService { return &AreaService{db: db} }

// ReplaceAreas implements clairvoie.AreaService.
func (s *AreaService) ReplaceAreas(ctx context.Context, kind clairvoie.AreaKind, areas []clairvoie.Area) error {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM areas WHERE kind = $1`, string(kind)); err != nil {
		return fmt.Errorf("replace areas: %w", err)
	}
	for _, a := range areas {
		if a.Kind != kind {
			return clairvoie.Errorf(clairvoie.EINVALID, "area %s is a %s, not a %s", a.Code, a.Kind, kind)
		}
		if a.Code == "" || a.Geometry == nil {
			return clairvoie.Errorf(clairvoie.EINVALID, "area %q needs a code and a geometry", a.Name)
		}
		g, err := geomArg(a.Geometry)
		if err != nil {
			return fmt.Errorf("area %s: %w", a.Code, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO areas (kind, code, name, parent, population, geometry) VALUES ($1, $2, $3, $4, $5, `+geomIn1("$6")+`)`,
			string(a.Kind), a.Code, a.Name, a.Parent, a.Population, g); err != nil {
			return fmt.Errorf("area %s: %w", a.Code, err)
		}
	}
	return tx.Commit()
}

// FindAreas implements clairvoie.AreaService.
func (s *AreaService) FindAreas(ctx context.Context, kind clairvoie.AreaKind) ([]clairvoie.Area, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT kind, code, name, parent, population, `+geomOut1("geometry")+` FROM areas
		WHERE $1 = '' OR kind = $1 ORDER BY kind, code`, string(kind))
	if err != nil {
		return nil, fmt.Errorf("find areas: %w", err)
	}
	defer rows.Close()
	var out []clairvoie.Area
	for rows.Next() {
		var a clairvoie.Area
		var k string
		var g []byte
		if err := rows.Scan(&k, &a.Code, &a.Name, &a.Parent, &a.Population, &g); err != nil {
			return nil, err
		}
		a.Kind = clairvoie.AreaKind(k)
		if a.Geometry, err = parseGeom(g); err != nil {
			return nil, fmt.Errorf("area %s: stored geometry: %w", a.Code, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
