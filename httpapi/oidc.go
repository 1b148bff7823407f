package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDC signs staff in through the city's identity provider, with OpenID
// Connect's authorisation-code flow (PKCE, state and nonce). The provider's
// subject is never kept: it becomes a pseudonymous id (Pseudonym, a keyed
// hash); the role comes from a claim of the ID token, mapped by Roles. A
// user whose claim maps to no role is refused (and the refusal recorded).
type OIDC struct {
	Issuer, ClientID, ClientSecret string
	// RedirectURL is this server's callback, …/auth/oidc/callback.
	RedirectURL string
	// RoleClaim names the claim that carries the role or the groups (a
	// string or a list of strings); Roles maps its values to roles.
	RoleClaim string
	Roles     map[string]string
	// Pseudonym turns the issuer and subject into a pseudonymous id.
	Pseudonym func(issuer, subject string) string

	verifier *oidc.IDTokenVerifier
	conf     oauth2.Config
}

// oidcCookie carries the flow's state, nonce and PKCE verifier between the
// login redirect and the callback (HttpOnly; Lax, since the callback comes
// from the provider's site; ten minutes).
const oidcCookie = "cv_oidc"

// Init reads the provider's discovery document.
func (o *OIDC) Init(ctx context.Context) error {
	p, err := oidc.NewProvider(ctx, o.Issuer)
	if err != nil {
		return fmt.Errorf("OpenID Connect provider %s: %w", o.Issuer, err)
	}
	o.verifier = p.Verifier(&oidc.Config{ClientID: o.ClientID})
	o.conf = oauth2.Config{ClientID: o.ClientID, ClientSecret: o.ClientSecret, Endpoint: p.Endpoint(), RedirectURL: o.RedirectURL,
		Scopes: []string{oidc.ScopeOpenID}}
	return nil
}

func randomString() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// handleOIDCLogin serves GET /auth/oidc/login: to the provider.
func (s *Server) handleOIDCLogin(w http.ResponseWriter, r *http.Request) {
	state, nonce, verifier := randomString(), randomString(), oauth2.GenerateVerifier()
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: state + "." + nonce + "." + verifier, Path: "/auth/oidc/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || strings.HasPrefix(s.PublicURL, "https://"), MaxAge: 600})
	http.Redirect(w, r, s.OIDC.conf.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

// handleOIDCCallback serves GET /auth/oidc/callback: the code exchanged,
// the ID token verified (signature, issuer, audience, expiry, nonce), the
// role mapped, a session opened.
func (s *Server) handleOIDCCallback(w http.ResponseWriter, r *http.Request) {
	o := s.OIDC
	fail := func(err error) {
		s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessLoginFailed, Detail: "oidc"})
		s.Error(w, r, err)
	}
	c, err := r.Cookie(oidcCookie)
	parts := strings.Split(func() string {
		if err != nil {
			return ""
		}
		return c.Value
	}(), ".")
	if len(parts) != 3 || r.URL.Query().Get("state") != parts[0] {
		fail(clairvoie.Say(clairvoie.EINVALID, "connexion : l'état ne correspond pas (recommencez depuis /auth/oidc/login)", "sign-in: the state does not match (start again from /auth/oidc/login)"))
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: "/auth/oidc/", HttpOnly: true, MaxAge: -1})
	if e := r.URL.Query().Get("error"); e != "" {
		fail(clairvoie.Say(clairvoie.EUNAUTHORIZED, "connexion refusée par le fournisseur d'identité : %s", "sign-in refused by the provider: %s", e))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
	defer cancel()
	tok, err := o.conf.Exchange(ctx, r.URL.Query().Get("code"), oauth2.VerifierOption(parts[2]))
	if err != nil {
		fail(clairvoie.Say(clairvoie.EUNAUTHORIZED, "connexion : le fournisseur a refusé le code", "sign-in: the provider refused the code"))
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := o.verifier.Verify(ctx, raw)
	if err != nil || idt.Nonce != parts[1] {
		fail(clairvoie.Say(clairvoie.EUNAUTHORIZED, "connexion : le jeton d'identité ne se vérifie pas", "sign-in: the ID token does not verify"))
		return
	}
	var claims map[string]json.RawMessage
	if err := idt.Claims(&claims); err != nil {
		fail(clairvoie.Say(clairvoie.EUNAUTHORIZED, "connexion : attributs illisibles", "sign-in: unreadable claims"))
		return
	}
	role := mapRole(claims[o.RoleClaim], o.Roles)
	p := clairvoie.Principal{ID: o.Pseudonym(idt.Issuer, idt.Subject), Role: role}
	// The system role is the video-management system's token, never a person's.
	if role == "" || role == clairvoie.RoleSystem || p.Validate() != nil {
		s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessDenied, Principal: p.ID, Detail: "oidc: no role"})
		s.Error(w, r, clairvoie.Say(clairvoie.EFORBIDDEN, "connecté, mais l'attribut %q ne donne aucun rôle dans clairvoie", "signed in, but the %q claim gives no clairvoie role", o.RoleClaim))
		return
	}
	secret, err := s.Access.OpenSession(r.Context(), p, SessionTTL)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.record(r, clairvoie.AccessEvent{Kind: clairvoie.AccessLogin, Principal: p.ID, Detail: "oidc"})
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil || strings.HasPrefix(s.PublicURL, "https://"), MaxAge: int(SessionTTL.Seconds())})
	http.Redirect(w, r, "/#register", http.StatusFound)
}

// mapRole maps a claim (a string or a list of strings) to a role: of the
// roles its values give, the last in agent, supervisor, dpo, admin.
func mapRole(raw json.RawMessage, roles map[string]string) string {
	var values []string
	var one string
	if json.Unmarshal(raw, &one) == nil {
		values = []string{one}
	} else {
		_ = json.Unmarshal(raw, &values)
	}
	rank := map[string]int{}
	for i, r := range clairvoie.AccessRoles {
		rank[r] = i + 1
	}
	best := ""
	for _, v := range values {
		if r, ok := roles[v]; ok && rank[r] > rank[best] {
			best = r
		}
	}
	return best
}
