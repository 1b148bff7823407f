package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// ConduitService implements clairvoie.ConduitService on PostgreSQL.
type ConduitService struct{ db *DB }

var _ clairvoie.ConduitService = (*ConduitService)(nil)

// NewConduitService returns the conduit service of db.
func NewConduitService(db *DB) *ConduitService { return &ConduitService{db: db} }

// ReplaceConduits implements clairvoie.ConduitService.
func (s *ConduitService) ReplaceConduits(ctx context.Context, source string, conduits []clairvoie.Conduit) error {
	if err := clairvoie.CheckConduits(source, conduits); err != nil {
		return err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM conduits WHERE source = $1`, source); err != nil {
		return err
	}
	for _, c := range conduits {
		g, err := geomArg(c.Line)
		if err != nil {
			return err
		}
		cams := c.Cameras
		if cams == nil {
			cams = []string{}
		}
		cj, _ := json.Marshal(cams)
		if _, err := tx.ExecContext(ctx, `INSERT INTO conduits (source, ref, geometry, length_m, city_share, ducts_free, ducts_used, cameras, synthetic)
			VALUES ($1, $2, `+geomIn1("$3")+`, $4, $5, $6, $7, $8, $9)`, source, c.Ref, g, c.LengthM, c.CityShare, c.DuctsFree, c.DuctsUsed, string(cj), c.Synthetic); err != nil {
			return fmt.Errorf("conduit %q: %w", c.Ref, err)
		}
	}
	return tx.Commit()
}

// FindConduits implements clairvoie.ConduitService.
func (s *ConduitService) FindConduits(ctx context.Context) ([]clairvoie.Conduit, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT source, ref, `+geomOut1("geometry")+`, length_m, city_share, ducts_free, ducts_used, cameras::text, synthetic
		FROM conduits ORDER BY source, ref`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []clairvoie.Conduit
	for rows.Next() {
		var c clairvoie.Conduit
		var g []byte
		var cams string
		if err := rows.Scan(&c.Source, &c.Ref, &g, &c.LengthM, &c.CityShare, &c.DuctsFree, &c.DuctsUsed, &cams, &c.Synthetic); err != nil {
			return nil, err
		}
		geom, err := parseGeom(g)
		if err != nil {
			return nil, fmt.Errorf("conduit %s: %w", c.Ref, err)
		}
		ls, ok := geom.(orb.LineString)
		if !ok {
			return nil, fmt.Errorf("conduit %s: stored geometry is not a LineString", c.Ref)
		}
		c.Line = ls
		if err := json.Unmarshal([]byte(cams), &c.Cameras); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
