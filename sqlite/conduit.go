package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// ConduitService implements clairvoie.ConduitService on SQLite.
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
	if _, err := tx.ExecContext(ctx, `DELETE FROM conduits WHERE source = ?`, source); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO conduits (source, ref, geometry, length_m, city_share, ducts_free, ducts_used, cameras, synthetic)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, c := range conduits {
		g, err := geojson.NewGeometry(c.Line).MarshalJSON()
		if err != nil {
			return err
		}
		cams := c.Cameras
		if cams == nil {
			cams = []string{}
		}
		cj, _ := json.Marshal(cams)
		if _, err := st.ExecContext(ctx, source, c.Ref, string(g), c.LengthM, c.CityShare, c.DuctsFree, c.DuctsUsed, string(cj), boolInt(c.Synthetic)); err != nil {
			return fmt.Errorf("conduit %q: %w", c.Ref, err)
		}
	}
	return tx.Commit()
}

// FindConduits implements clairvoie.ConduitService.
func (s *ConduitService) FindConduits(ctx context.Context) ([]clairvoie.Conduit, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT source, ref, geometry, length_m, city_share, ducts_free, ducts_used, cameras, synthetic
		FROM conduits ORDER BY source, ref`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []clairvoie.Conduit
	for rows.Next() {
		var c clairvoie.Conduit
		var g, cams string
		var syn int
		if err := rows.Scan(&c.Source, &c.Ref, &g, &c.LengthM, &c.CityShare, &c.DuctsFree, &c.DuctsUsed, &cams, &syn); err != nil {
			return nil, err
		}
		geom, err := geojson.UnmarshalGeometry([]byte(g))
		if err != nil {
			return nil, fmt.Errorf("conduit %s: %w", c.Ref, err)
		}
		ls, ok := geom.Geometry().(orb.LineString)
		if !ok {
			return nil, fmt.Errorf("conduit %s: stored geometry is not a LineString", c.Ref)
		}
		c.Line = ls
		if err := json.Unmarshal([]byte(cams), &c.Cameras); err != nil {
			return nil, err
		}
		c.Synthetic = syn == 1
		out = append(out, c)
	}
	return out, rows.Err()
}
