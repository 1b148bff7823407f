package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
)

// AccessService implements clairvoie.AccessService on SQLite.
type AccessService struct {
	db *DB
	// used remembers when each token's last_used_at was last written: once
	// a minute is enough, and a write per request would serialise every
	// authenticated request on SQLite's one writer.
	mu   sync.Mutex
	used map[int64]time.Time
	// known caches recent answers of Authenticate for authCacheTTL: a
	// prepared query per request is a sixth of an append's cost. Revoking
	// or closing through this service clears it at once; a revocation made
	// by another process takes effect within authCacheTTL.
	known map[string]knownSecret
}

type knownSecret struct {
	p       clairvoie.Principal
	expires time.Time
}

// authCacheTTL bounds how long a revocation made elsewhere can go unseen.
const authCacheTTL = 2 * time.Second

var _ clairvoie.AccessService = (*AccessService)(nil)

// NewAccessService returns the access service of db.
func NewAccessService(db *DB) *AccessService {
	return &AccessService{db: db, used: map[int64]time.Time{}, known: map[string]knownSecret{}}
}

func (s *AccessService) now() time.Time { return s.db.Now().UTC().Truncate(time.Second) }

func fmtTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseNullTime(v sql.NullString) *time.Time {
	if !v.Valid {
		return nil
	}
	t, err := time.Parse(time.RFC3339, v.String)
	if err != nil {
		return nil
	}
	return &t
}

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
	res, err := s.db.db.ExecContext(ctx, `INSERT INTO access_tokens (secret_hash, principal, role, label, created_at) VALUES (?, ?, ?, ?, ?)`,
		hash, p.ID, p.Role, label, fmtTime(t.Created))
	if err != nil {
		return "", clairvoie.Token{}, err
	}
	t.ID, _ = res.LastInsertId()
	return secret, t, nil
}

// Authenticate implements clairvoie.AccessService.
func (s *AccessService) Authenticate(ctx context.Context, secret string) (clairvoie.Principal, error) {
	now := time.Now()
	s.mu.Lock()
	k, ok := s.known[secret]
	s.mu.Unlock()
	if ok && now.Before(k.expires) {
		return k.p, nil
	}
	p, err := s.authenticate(ctx, secret)
	if err == nil {
		s.mu.Lock()
		if len(s.known) > 10000 {
			s.known = map[string]knownSecret{}
		}
		s.known[secret] = knownSecret{p, now.Add(authCacheTTL)}
		s.mu.Unlock()
	}
	return p, err
}

func (s *AccessService) forget() {
	s.mu.Lock()
	s.known = map[string]knownSecret{}
	s.mu.Unlock()
}

func (s *AccessService) authenticate(ctx context.Context, secret string) (clairvoie.Principal, error) {
	unauthorized := clairvoie.Errorf(clairvoie.EUNAUTHORIZED, "unknown, revoked or expired credentials")
	hash := clairvoie.HashSecret(secret)
	var p clairvoie.Principal
	switch {
	case strings.HasPrefix(secret, clairvoie.TokenPrefix):
		var id int64
		var revoked sql.NullString
		err := s.db.db.QueryRowContext(ctx, `SELECT id, principal, role, revoked_at FROM access_tokens WHERE secret_hash = ?`, hash).Scan(&id, &p.ID, &p.Role, &revoked)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked.Valid) {
			return clairvoie.Public, unauthorized
		}
		if err != nil {
			return clairvoie.Public, err
		}
		now := s.now()
		s.mu.Lock()
		stale := now.Sub(s.used[id]) >= time.Minute
		if stale {
			s.used[id] = now
		}
		s.mu.Unlock()
		if stale {
			if _, err := s.db.db.ExecContext(ctx, `UPDATE access_tokens SET last_used_at = ? WHERE id = ?`, fmtTime(now), id); err != nil {
				return clairvoie.Public, err
			}
		}
		p.TokenID = id
		return p, nil
	case strings.HasPrefix(secret, clairvoie.SessionPrefix):
		var expires string
		var tokenID sql.NullInt64
		err := s.db.db.QueryRowContext(ctx, `SELECT principal, role, expires_at, token_id FROM access_sessions WHERE secret_hash = ?`, hash).Scan(&p.ID, &p.Role, &expires, &tokenID)
		if errors.Is(err, sql.ErrNoRows) {
			return clairvoie.Public, unauthorized
		}
		if err != nil {
			return clairvoie.Public, err
		}
		if t, err := time.Parse(time.RFC3339, expires); err != nil || !s.now().Before(t) {
			return clairvoie.Public, unauthorized
		}
		// A session dies with the token it was opened with.
		if tokenID.Valid {
			var revoked sql.NullString
			if err := s.db.db.QueryRowContext(ctx, `SELECT revoked_at FROM access_tokens WHERE id = ?`, tokenID.Int64).Scan(&revoked); err != nil || revoked.Valid {
				return clairvoie.Public, unauthorized
			}
			p.TokenID = tokenID.Int64
		}
		return p, nil
	}
	return clairvoie.Public, unauthorized
}

// RevokeToken implements clairvoie.AccessService.
func (s *AccessService) RevokeToken(ctx context.Context, id int64) error {
	defer s.forget()
	res, err := s.db.db.ExecContext(ctx, `UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, fmtTime(s.now()), id)
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
		var created string
		var used, revoked sql.NullString
		if err := rows.Scan(&t.ID, &t.Principal.ID, &t.Principal.Role, &t.Label, &created, &used, &revoked); err != nil {
			return nil, err
		}
		t.Created, _ = time.Parse(time.RFC3339, created)
		t.LastUsed, t.Revoked = parseNullTime(used), parseNullTime(revoked)
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
	tokenID := sql.NullInt64{Int64: p.TokenID, Valid: p.TokenID != 0}
	now := s.now()
	if _, err := s.db.db.ExecContext(ctx, `DELETE FROM access_sessions WHERE expires_at <= ?`, fmtTime(now)); err != nil {
		return "", err
	}
	_, err = s.db.db.ExecContext(ctx, `INSERT INTO access_sessions (secret_hash, principal, role, token_id, expires_at) VALUES (?, ?, ?, ?, ?)`,
		hash, p.ID, p.Role, tokenID, fmtTime(now.Add(ttl)))
	return secret, err
}

// CloseSession implements clairvoie.AccessService.
func (s *AccessService) CloseSession(ctx context.Context, secret string) error {
	defer s.forget()
	_, err := s.db.db.ExecContext(ctx, `DELETE FROM access_sessions WHERE secret_hash = ?`, clairvoie.HashSecret(secret))
	return err
}

// Record implements clairvoie.AccessService.
func (s *AccessService) Record(ctx context.Context, e clairvoie.AccessEvent) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO access_events (at, kind, principal, detail) VALUES (?, ?, ?, ?)`, fmtTime(e.At), e.Kind, e.Principal, e.Detail)
	return err
}

// Events implements clairvoie.AccessService.
func (s *AccessService) Events(ctx context.Context, limit int) ([]clairvoie.AccessEvent, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT at, kind, principal, detail FROM access_events ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []clairvoie.AccessEvent{}
	for rows.Next() {
		var e clairvoie.AccessEvent
		var at string
		if err := rows.Scan(&at, &e.Kind, &e.Principal, &e.Detail); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// PruneEvents implements clairvoie.AccessService.
func (s *AccessService) PruneEvents(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.db.ExecContext(ctx, `DELETE FROM access_events WHERE at < ?`, fmtTime(before))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
