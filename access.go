package clairvoie

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Principal is who makes a request: a pseudonymous id and a role. The
// public is the principal with no id and RolePublic.
type Principal struct {
	ID   string `json:"id,omitempty"`
	Role string `json:"role"`
	// TokenID is the token the principal authenticated with (a session
	// keeps the token it was opened with): revoking it ends the session.
	// 0 for the public and for sessions opened without a token (OpenID
	// Connect). Never shown.
	TokenID int64 `json:"-"`
}

// RolePublic is the role of an unauthenticated request: public data only.
const RolePublic = "public"

// Public is the unauthenticated principal.
var Public = Principal{Role: RolePublic}

// AccessRoles are the roles a token can carry, from the least to the most
// trusted: an agent records viewings and extractions; a supervisor and the
// DPO read the whole register and record every kind; an admin manages
// access and records configuration changes; the system role is the
// video-management system's own (automatic destructions).
var AccessRoles = []string{RoleAgent, RoleSupervisor, RoleDPO, RoleAdmin, RoleSystem}

var principalRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)

// Validate checks a principal that is to receive a token.
func (p Principal) Validate() error {
	if why := ScreenValue(p.ID); why != "" {
		return Errorf(EINVALID, "id: refused, it looks like %s; expected a pseudonymous id (never a name nor a contact)", why)
	}
	if !principalRe.MatchString(p.ID) {
		return Errorf(EINVALID, "id %q: expected a pseudonymous id (lower-case letters, digits, . _ -; 2 to 40 characters; never a name)", p.ID)
	}
	if !slices.Contains(AccessRoles, p.Role) {
		return Errorf(EINVALID, "role %q: expected agent, supervisor, dpo, admin or system", p.Role)
	}
	return nil
}

// Can tells whether p may record an entry of this kind.
func (p Principal) Can(kind RegisterKind) bool {
	switch p.Role {
	case RoleAgent:
		return kind == RegisterViewing || kind == RegisterExtraction
	case RoleSupervisor, RoleDPO:
		return kind != RegisterConfig
	case RoleAdmin:
		return kind == RegisterConfig
	case RoleSystem:
		return kind == RegisterDestruction || kind == RegisterConfig
	}
	return false
}

// ReadsRegister tells whether p may read the whole register.
func (p Principal) ReadsRegister() bool {
	return p.Role == RoleSupervisor || p.Role == RoleDPO || p.Role == RoleAdmin
}

// ManagesAccess tells whether p may issue and revoke tokens.
func (p Principal) ManagesAccess() bool { return p.Role == RoleAdmin }

// Token is an API token as stored: its secret is shown once, when issued,
// and only its hash is kept.
type Token struct {
	ID        int64      `json:"id"`
	Principal Principal  `json:"principal"`
	Label     string     `json:"label,omitempty"`
	Created   time.Time  `json:"created"`
	LastUsed  *time.Time `json:"last_used,omitempty"`
	Revoked   *time.Time `json:"revoked,omitempty"`
}

// AccessEvent is a line of the access trail: a login (or a failed one), a
// token issued or revoked, a session closed. No IP address, no user agent:
// only the time, what happened, and the principal when known.
type AccessEvent struct {
	At        time.Time `json:"at"`
	Kind      string    `json:"kind"`
	Principal string    `json:"principal,omitempty"` // pseudonymous id
	Detail    string    `json:"detail,omitempty"`    // a code: the token's id, the endpoint
}

// Access event kinds.
const (
	AccessLogin        = "login"
	AccessLoginFailed  = "login_failed"
	AccessLogout       = "logout"
	AccessTokenIssued  = "token_issued"
	AccessTokenRevoked = "token_revoked"
	AccessDenied       = "denied"
	AccessWrite        = "write"
)

// AccessService keeps tokens, sessions and the access trail.
type AccessService interface {
	// IssueToken makes a token for p and returns its secret, shown once.
	IssueToken(ctx context.Context, p Principal, label string) (secret string, t Token, err error)
	// Authenticate returns the principal of a token or session secret;
	// EUNAUTHORIZED when it is unknown, revoked or expired.
	Authenticate(ctx context.Context, secret string) (Principal, error)
	RevokeToken(ctx context.Context, id int64) error
	Tokens(ctx context.Context) ([]Token, error)
	// OpenSession makes a session for p, valid for ttl and tied to the token
	// p authenticated with (p.TokenID), which ends it when revoked;
	// CloseSession ends it.
	OpenSession(ctx context.Context, p Principal, ttl time.Duration) (secret string, err error)
	CloseSession(ctx context.Context, secret string) error
	// Record appends to the access trail; Events reads it, newest first.
	Record(ctx context.Context, e AccessEvent) error
	Events(ctx context.Context, limit int) ([]AccessEvent, error)
	// PruneEvents deletes the trail's events older than before (the
	// retention configured for it) and says how many.
	PruneEvents(ctx context.Context, before time.Time) (int64, error)
}

// Secret prefixes: a token's, a session's.
const (
	TokenPrefix   = "cvt_"
	SessionPrefix = "cvs_"
)

// NewSecret returns a new secret (the prefix and 32 random bytes) and the
// hash a store keeps of it; the secret itself is shown once, never kept.
func NewSecret(prefix string) (string, []byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	s := prefix + base64.RawURLEncoding.EncodeToString(b)
	return s, HashSecret(s), nil
}

// HashSecret is SHA-256: the secrets are 256 random bits, so a slow
// password hash would add nothing.
func HashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// CheckTokenLabel checks a token's label: a short code without spaces,
// never a name.
func CheckTokenLabel(label string) error {
	if why := ScreenValue(label); why != "" {
		return Errorf(EINVALID, "label: refused, it looks like %s; expected a short code without spaces (never a name)", why)
	}
	if label != "" && (len(label) > 40 || strings.ContainsAny(label, " \t\n")) {
		return Errorf(EINVALID, "label %q: expected a short code without spaces (never a name)", label)
	}
	return nil
}
