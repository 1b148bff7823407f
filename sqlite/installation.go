package sqlite

import (
	"context"

	"github.com/clairvoie/clairvoie"
)

// InstallationService implements clairvoie.InstallationService on SQLite.
type InstallationService struct{ db *DB }

var _ clairvoie.InstallationService = (*InstallationService)(nil)

// NewInstallationService returns the installation service of db.
func NewInstallationService(db *DB) *InstallationService { return &InstallationService{db: db} }

// ReplaceInstallation implements clairvoie.InstallationService.
func (s *InstallationService) ReplaceInstallation(ctx context.Context, source string, part clairvoie.InstallationPart, in *clairvoie.Installation) error {
	if err := clairvoie.CheckInstallation(source, part, in); err != nil {
		return err
	}
	items, err := in.Items(source, part)
	if err != nil {
		return err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM installation WHERE part = ? AND source = ?`, string(part), source); err != nil {
		return err
	}
	for _, it := range items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO installation (part, source, ref, doc, synthetic) VALUES (?, ?, ?, ?, ?)`,
			string(part), source, it.Ref, string(it.Doc), boolInt(it.Synthetic)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// FindInstallation implements clairvoie.InstallationService.
func (s *InstallationService) FindInstallation(ctx context.Context) (*clairvoie.Installation, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT part, doc FROM installation ORDER BY part, source, ref`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := clairvoie.NewInstallation()
	for rows.Next() {
		var part, doc string
		if err := rows.Scan(&part, &doc); err != nil {
			return nil, err
		}
		if err := out.AddItem(clairvoie.InstallationPart(part), []byte(doc)); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}
