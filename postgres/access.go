package postgres

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

// AccessService implements clairvoie.AccessService on PostgreSQL. Unlike
// SQLite's, it keeps no cache: each request asks the database (concurrent
// readers and writers are what PostgreSQL is for), so a revocation made by
// any server takes effect at once; a token's last use is written at most
// once a minute, by the statement itself.
type AccessService struct{ db *DB }

var _ clairvoie.AccessService = (*AccessService)(nil)

// NewAccessService returns the access service of db.
func NewAccessService(db *DB) *AccessService { return &AccessService{db: db} }

func (s *AccessService) now() time.Time { return s.db.Now().UTC().Truncate(time.Second) }

// IssueToken implements clairvoie.AccessService.
func (s *AccessService) IssueToken(ctx context.Context, p clairvoie.Principal, label string) (string, clairvoie.Token, error) {
	if err := p.Validate(); err != nil {
		return "", clairvoie.Token{}, err
	}
	if err := clairvoie.CheckTokenLabel(label); err != nil {
		return "", clairvoie.Token{}, err
	}
	secret, hash, err := clairvoie.NewSecret(clairvoie.TokenPrefix)
	if err != nil {
		return "", clairvoie.Token{}, err
	}
	t := clairvoie.Token{Principal: p, Label: label, Created: s.now()}
	err = s.db.db.QueryRowContext(ctx, `INSERT INTO access_tokens (secret_hash, principal, role, label, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		hash, p.ID, p.Role, label, t.Created).Scan(&t.ID)
	if err != nil {
		return "", clairvoie.Token{}, err
	}
	return secret, t, nil
}

// Authenticate implements clairvoie.AccessService.
func (s *AccessService) Authenticate(ctx context.Context, secret string) (clairvoie.Principal, error) {
	unauthorized := clairvoie.Errorf(clairvoie.EUNAUTHORIZED, "unknown, revoked or expired credentials")
	hash := clairvoie.HashSecret(secret)
	var p clairvoie.Principal
	now := s.now()
	switch {
	case strings.HasPrefix(secret, clairvoie.TokenPrefix):
		var id int64
		err := s.db.db.QueryRowContext(ctx, `SELECT id, principal, role FROM access_tokens WHERE secret_hash = $1 AND revoked_at IS NULL`, hash).Scan(&id, &p.ID, &p.Role)
		if errors.Is(err, sql.ErrNoRows) {
			return clairvoie.Public, unauthorized
		}
		if err != nil {
			return clairvoie.Public, err
		}
		if _, err := s.db.db.ExecContext(ctx, `UPDATE access_tokens SET last_used_at = $1
			WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $1::timestamptz - interval '1 minute')`, now, id); err != nil {
			return clairvoie.Public, err
		}
		p.TokenID = id
		return p, nil
	case strings.HasPrefix(secret, clairvoie.SessionPrefix):
		// A session dies with its expiry and with the token it was opened with.
		var tokenID sql.NullInt64
		err := s.db.db.QueryRowContext(ctx, `SELECT s.principal, s.role, s.token_id FROM access_sessions s
			LEFT JOIN access_tokens t ON t.id = s.token_id
			WHERE s.secret_hash = $1 AND s.expires_at > $2 AND (s.token_id IS NULL OR (t.id IS NOT NULL AND t.revoked_at IS NULL))`, hash, now).Scan(&p.ID, &p.Role, &tokenID)
		p.TokenID = tokenID.Int64
		if errors.Is(err, sql.ErrNoRows) {
			return clairvoie.Public, unauthorized
		}
		if err != nil {
			return clairvoie.Public, err
		}
		return p, nil
	}
	return clairvoie.Public, unauthorized
}

// RevokeToken implements clairvoie.AccessService.
func (s *AccessService) RevokeToken(ctx context.Context, id int64) error {
	res, err := s.db.db.ExecContext(ctx, `UPDATE access_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, s.now(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return clairvoie.Errorf(clairvoie.ENOTFOUND, "no live token %d", id)
	}
	return nil
}

// Tokens implements clairvoie.AccessService.
func (s *AccessService) Tokens(ctx context.Context) ([]clairvoie.Token, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT id, principal, role, label, created_at, last_used_at, revoked_at FROM access_tokens ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.Token{}
	for rows.Next() {
		var t clairvoie.Token
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.Principal.ID, &t.Principal.Role, &t.Label, &t.Created, &used, &revoked); err != nil {
			return nil, err
		}
		t.Created = t.Created.UTC()
		if used.Valid {
			u := used.Time.UTC()
			t.LastUsed = &u
		}
		if revoked.Valid {
			r := revoked.Time.UTC()
			t.Revoked = &r
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// OpenSession implements clairvoie.AccessService. The session is tied to
// the token p signed in with, so that revoking that token ends it.
func (s *AccessService) OpenSession(ctx context.Context, p clairvoie.Principal, ttl time.Duration) (string, error) {
	secret, hash, err := clairvoie.NewSecret(clairvoie.SessionPrefix)
	if err != nil {
		return "", err
	}
	now := s.now()
	if _, err := s.db.db.ExecContext(ctx, `DELETE FROM access_sessions WHERE expires_at <= $1`, now); err != nil {
		return "", err
	}
	_, err = s.db.db.ExecContext(ctx, `INSERT INTO access_sessions (secret_hash, principal, role, token_id, expires_at)
		VALUES ($1, $2, $3, $4, $5)`, hash, p.ID, p.Role, sql.NullInt64{Int64: p.TokenID, Valid: p.TokenID != 0}, now.Add(ttl))
	return secret, err
}

// CloseSession implements clairvoie.AccessService.
func (s *AccessService) CloseSession(ctx context.Context, secret string) error {
	_, err := s.db.db.ExecContext(ctx, `DELETE FROM access_sessions WHERE secret_hash = $1`, clairvoie.HashSecret(secret))
	return err
}

// Record implements clairvoie.AccessService.
func (s *AccessService) Record(ctx context.Context, e clairvoie.AccessEvent) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO access_events (at, kind, principal, detail) VALUES ($1, $2, $3, $4)`, e.At, e.Kind, e.Principal, e.Detail)
	return err
}

// Events implements clairvoie.AccessService.
func (s *AccessService) Events(ctx context.Context, limit int) ([]clairvoie.AccessEvent, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT at, kind, principal, detail FROM access_events ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.AccessEvent{}
	for rows.Next() {
		var e clairvoie.AccessEvent
		if err := rows.Scan(&e.At, &e.Kind, &e.Principal, &e.Detail); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// PruneEvents implements clairvoie.AccessService.
func (s *AccessService) PruneEvents(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.db.ExecContext(ctx, `DELETE FROM access_events WHERE at < $1`, before)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
