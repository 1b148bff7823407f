package httpapi

import (
	"encoding/json"
	"errors"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

// sessionCookie holds a web session's secret (HttpOnly, SameSite=Strict).
const sessionCookie = "cv_session"

// SessionTTL is how long a web session lasts.
const SessionTTL = 8 * time.Hour

// who returns the principal of a request: a bearer token, or a session
// cookie, or the public. Credentials given and refused are an error (401),
// never silently the public. A bearer must be a token and a cookie a
// session: a raw token is never a session. A client whose bearer tokens
// fail is rate-limited like a failed login, and each failure is recorded in
// the access trail.
func (s *Server) who(r *http.Request) (clairvoie.Principal, error) {
	if s.Access == nil {
		return clairvoie.Public, nil
	}
	if h := r.Header.Get("Authorization"); h != "" {
		ip := clientIP(r)
		if !s.loginLimit.Has(ip, time.Now()) {
			return clairvoie.Public, clairvoie.Say(clairvoie.ETOOMANY, "trop d'identifiants refusés : attendez une minute", "too many failed credentials; wait a minute")
		}
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return clairvoie.Public, clairvoie.Say(clairvoie.EUNAUTHORIZED, "Authorization : « Bearer JETON » attendu", "Authorization: expected \"Bearer TOKEN\"")
		}
		tok = strings.TrimSpace(tok)
		var p clairvoie.Principal
		var err error = clairvoie.Say(clairvoie.EUNAUTHORIZED, "jeton inconnu ou révoqué", "unknown or revoked token")
		if strings.HasPrefix(tok, clairvoie.TokenPrefix) {
			p, err = s.Access.Authenticate(r.Context(), tok)
		}
		if clairvoie.ErrorCode(err) == clairvoie.EUNAUTHORIZED {
			s.loginLimit.Allow(ip, time.Now())
			s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessLoginFailed, Detail: "bearer " + r.Method + " " + r.URL.Path})
		}
		return p, err
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if !strings.HasPrefix(c.Value, clairvoie.SessionPrefix) {
			return clairvoie.Public, clairvoie.Say(clairvoie.EUNAUTHORIZED, "la session a pris fin : reconnectez-vous", "the session cookie holds no session: sign in again")
		}
		return s.Access.Authenticate(r.Context(), c.Value)
	}
	return clairvoie.Public, nil
}

// authorize returns the request's principal if allowed says yes; it
// answers 401 or 403 itself otherwise, and records a refusal.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, what string, allowed func(clairvoie.Principal) bool) (clairvoie.Principal, bool) {
	p, err := s.who(r)
	if err != nil {
		s.Error(w, r, err)
		return p, false
	}
	if p.Role == clairvoie.RolePublic {
		s.Error(w, r, clairvoie.Say(clairvoie.EUNAUTHORIZED, "il faut un jeton (Authorization: Bearer …) ou une session pour : %s", "%s needs a token (Authorization: Bearer …) or a session", what))
		return p, false
	}
	if !allowed(p) {
		s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessDenied, Principal: p.ID, Detail: r.Method + " " + r.URL.Path})
		s.Error(w, r, clairvoie.Say(clairvoie.EFORBIDDEN, "le rôle %s ne peut pas : %s", "the role %s may not %s", p.Role, what))
		return p, false
	}
	return p, true
}

func (s *Server) record(r *http.Request, e clairvoie.AccessEvent) {
	if err := s.Access.Record(r.Context(), e); err != nil {
		s.Logger.Error("access trail", "err", err)
	}
}

// clientIP is the request's address, for rate limits only (never stored).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// readJSON decodes a JSON body of at most 1 MiB, refusing unknown fields;
// a body of another type is refused (a cross-site form cannot send JSON
// without the browser asking first).
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "un corps JSON est attendu (Content-Type: application/json)", "expected a JSON body (Content-Type: application/json)"))
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"error": map[string]string{"code": "too_large", "message": "the body is over 1 MiB"}})
			return false
		}
		s.Error(w, r, clairvoie.Errorf(clairvoie.EINVALID, "malformed JSON body: %v", err))
		return false
	}
	if dec.More() {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "corps JSON mal formé : une seule valeur attendue", "malformed JSON body: one value expected"))
		return false
	}
	return true
}

// handleLogin serves POST /api/login {"token": "…"}: a web session for the
// token's principal, in an HttpOnly cookie. Failures are recorded and
// rate-limited by address.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if !s.loginLimit.Allow(clientIP(r), time.Now()) {
		s.Error(w, r, clairvoie.Say(clairvoie.ETOOMANY, "trop de tentatives de connexion : attendez une minute", "too many login attempts; wait a minute"))
		return
	}
	var body struct {
		Token string `json:"token"`
	}
	if !s.readJSON(w, r, &body) {
		return
	}
	p, err := s.Access.Authenticate(r.Context(), body.Token)
	if err != nil || !strings.HasPrefix(body.Token, "cvt_") {
		s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessLoginFailed})
		s.Error(w, r, clairvoie.Say(clairvoie.EUNAUTHORIZED, "jeton inconnu ou révoqué", "unknown or revoked token"))
		return
	}
	secret, err := s.Access.OpenSession(r.Context(), p, SessionTTL)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessLogin, Principal: p.ID})
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil || strings.HasPrefix(s.PublicURL, "https://"), MaxAge: int(SessionTTL.Seconds())})
	writeJSON(w, http.StatusOK, p)
}

// handleLogout serves POST /api/logout.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if p, err := s.Access.Authenticate(r.Context(), c.Value); err == nil {
			s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessLogout, Principal: p.ID})
		}
		_ = s.Access.CloseSession(r.Context(), c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	w.WriteHeader(http.StatusNoContent)
}

// handleMe serves GET /api/me: who the request is.
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	p, err := s.who(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// handleAppend serves POST /api/register/entries: an entry (or
// {"entries": […]}) recorded by the request's principal, whose id and role
// it carries whatever the body says. Each kind needs its role (see
// clairvoie.Principal.Can).
func (s *Server) handleAppend(w http.ResponseWriter, r *http.Request) {
	if s.Register == nil {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur ne tient pas de registre (serve --register DIR)", "this server keeps no register (serve --register DIR)"))
		return
	}
	p, ok := s.authorize(w, r, "record register entries", func(p clairvoie.Principal) bool { return p.Role != clairvoie.RolePublic })
	if !ok {
		return
	}
	if !s.writeLimit.Allow(p.ID, time.Now()) {
		s.Error(w, r, clairvoie.Say(clairvoie.ETOOMANY, "trop d'écritures : ralentissez", "too many writes; slow down"))
		return
	}
	var body struct {
		clairvoie.RegisterEntry
		Entries []clairvoie.RegisterEntry `json:"entries"`
	}
	if !s.readJSON(w, r, &body) {
		return
	}
	entries := body.Entries
	if entries == nil {
		entries = []clairvoie.RegisterEntry{body.RegisterEntry}
	}
	for i := range entries {
		if !p.Can(entries[i].Kind) {
			s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessDenied, Principal: p.ID, Detail: "append " + string(entries[i].Kind)})
			s.Error(w, r, clairvoie.Say(clairvoie.EFORBIDDEN, "le rôle %s ne peut pas inscrire une entrée %s", "the role %s may not record a %s", p.Role, entries[i].Kind))
			return
		}
		entries[i].Agent, entries[i].Role = p.ID, p.Role
	}
	// Waiting for the log to integrate the entries is not work: the slot
	// goes back, so that a thousand writers queue on the log, not on the
	// server's slots (issue 14).
	releaseSlot(r)
	rs, err := s.appendRegister(r.Context(), entries)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"receipts": rs})
}

// handleEntries serves GET /api/register/entries?limit=N&kind=K: the
// register itself, newest first, for supervisors, the DPO and admins.
func (s *Server) handleEntries(w http.ResponseWriter, r *http.Request) {
	if s.Register == nil {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur ne tient pas de registre (serve --register DIR)", "this server keeps no register (serve --register DIR)"))
		return
	}
	if _, ok := s.authorize(w, r, "read the register", clairvoie.Principal.ReadsRegister); !ok {
		return
	}
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "limit %q : de 1 à 10 000", "limit %q: 1 to 10000", v))
			return
		}
		limit = n
	}
	kind := r.URL.Query().Get("kind")
	rs, err := s.registerReceipts(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := []clairvoie.Receipt{}
	for i := len(rs) - 1; i >= 0 && len(out) < limit; i-- {
		if kind == "" || string(rs[i].Entry.Kind) == kind {
			out = append(out, rs[i])
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": out, "total": len(rs)})
}

// handleTokens serves GET and POST /api/access/tokens (admins): the
// tokens (never their secrets), or a new one, whose secret is in the
// answer once.
func (s *Server) handleTokens(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorize(w, r, "manage access", clairvoie.Principal.ManagesAccess)
	if !ok {
		return
	}
	if r.Method == http.MethodGet {
		toks, err := s.Access.Tokens(r.Context())
		if err != nil {
			s.Error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"tokens": toks})
		return
	}
	var body struct {
		ID    string `json:"id"`
		Role  string `json:"role"`
		Label string `json:"label"`
	}
	if !s.readJSON(w, r, &body) {
		return
	}
	secret, tok, err := s.Access.IssueToken(r.Context(), clairvoie.Principal{ID: body.ID, Role: body.Role}, body.Label)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessTokenIssued, Principal: p.ID, Detail: "token/" + strconv.FormatInt(tok.ID, 10)})
	writeJSON(w, http.StatusCreated, map[string]any{"secret": secret, "token": tok})
}

// handleRevoke serves DELETE /api/access/tokens/{id} (admins).
func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorize(w, r, "manage access", clairvoie.Principal.ManagesAccess)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "numéro de jeton %q : un nombre", "token id %q: a number", r.PathValue("id")))
		return
	}
	if err := s.Access.RevokeToken(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessTokenRevoked, Principal: p.ID, Detail: "token/" + strconv.FormatInt(id, 10)})
	w.WriteHeader(http.StatusNoContent)
}

// handleAccessEvents serves GET /api/access/events (admins and the DPO):
// the access trail, newest first.
func (s *Server) handleAccessEvents(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.authorize(w, r, "read the access trail", func(p clairvoie.Principal) bool {
		return p.Role == clairvoie.RoleAdmin || p.Role == clairvoie.RoleDPO
	}); !ok {
		return
	}
	ev, err := s.Access.Events(r.Context(), 500)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": ev})
}
