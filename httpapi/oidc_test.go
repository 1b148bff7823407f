package httpapi_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/sqlite"
)

// fakeIdP is a minimal OpenID Connect provider for the test: discovery,
// JWKS, an authorize endpoint that signs the user straight in, and a token
// endpoint that checks PKCE and returns an RS256 ID token.
type fakeIdP struct {
	*httptest.Server
	key    *rsa.PrivateKey
	mu     sync.Mutex
	codes  map[string][3]string // code → nonce, challenge, subject
	groups map[string][]string  // subject → groups
	user   string               // who signs in next
}

func newFakeIdP(t *testing.T) *fakeIdP {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &fakeIdP{key: key, codes: map[string][3]string{}, groups: map[string][]string{}}
	b64 := base64.RawURLEncoding.EncodeToString
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": p.URL, "authorization_endpoint": p.URL + "/authorize", "token_endpoint": p.URL + "/token",
			"jwks_uri": p.URL + "/jwks", "id_token_signing_alg_values_supported": []string{"RS256"}, "response_types_supported": []string{"code"},
			"subject_types_supported": []string{"public"}})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig",
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes())}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		code := "code-" + b64([]byte(q.Get("state")))[:8]
		p.mu.Lock()
		p.codes[code] = [3]string{q.Get("nonce"), q.Get("code_challenge"), p.user}
		p.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code="+code+"&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		p.mu.Lock()
		c, ok := p.codes[r.Form.Get("code")]
		delete(p.codes, r.Form.Get("code"))
		p.mu.Unlock()
		sum := sha256.Sum256([]byte(r.Form.Get("code_verifier")))
		if !ok || b64(sum[:]) != c[1] {
			http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
			return
		}
		head := b64([]byte(`{"alg":"RS256","kid":"k1","typ":"JWT"}`))
		claims, _ := json.Marshal(map[string]any{"iss": p.URL, "sub": c[2], "aud": "clairvoie", "exp": time.Now().Add(time.Hour).Unix(),
			"iat": time.Now().Unix(), "nonce": c[0], "groups": p.groups[c[2]]})
		signed := head + "." + b64(claims)
		h := sha256.Sum256([]byte(signed))
		sig, _ := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, h[:])
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 3600, "id_token": signed + "." + b64(sig)})
	})
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	return p
}

func TestOIDCSignIn(t *testing.T) {
	ctx := context.Background()
	idp := newFakeIdP(t)
	idp.groups["alice-sub"] = []string{"staff", "cctv-operators"}
	idp.groups["bob-sub"] = []string{"staff"}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), Areas: sqlite.NewAreaService(db), Usage: sqlite.NewUsageService(db),
		Access: sqlite.NewAccessService(db)}
	ts := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(ts.Close)
	srv.OIDC = &httpapi.OIDC{Issuer: idp.URL, ClientID: "clairvoie", ClientSecret: "s", RedirectURL: ts.URL + "/auth/oidc/callback",
		RoleClaim: "groups", Roles: map[string]string{"cctv-operators": "agent", "dpo-office": "dpo"},
		Pseudonym: func(iss, sub string) string { return "oidc-" + strings.TrimSuffix(sub, "-sub") }}
	if err := srv.OIDC.Init(ctx); err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()

	signIn := func(user string) (*http.Client, *http.Response) {
		idp.user = user
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		res, err := c.Get(ts.URL + "/auth/oidc/login")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return c, res
	}
	c, res := signIn("alice-sub")
	if res.Request.URL.Host != strings.TrimPrefix(ts.URL, "http://") || res.Request.URL.Path != "/" {
		t.Errorf("landed on %s, want the app", res.Request.URL)
	}
	res, err = c.Get(ts.URL + "/api/me")
	if err != nil {
		t.Fatal(err)
	}
	var me struct{ ID, Role string }
	json.NewDecoder(res.Body).Decode(&me)
	res.Body.Close()
	if me.ID != "oidc-alice" || me.Role != "agent" {
		t.Fatalf("signed in as %+v", me)
	}
	// Bob's groups give no role: refused, recorded.
	_, res = signIn("bob-sub")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("no role: %d", res.StatusCode)
	}
	// A callback without the flow's state cookie, or with another state.
	res, _ = http.Get(ts.URL + "/auth/oidc/callback?code=x&state=y")
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("forged callback: %d", res.StatusCode)
	}
	ev, _ := srv.Access.Events(ctx, 10)
	var kinds []string
	for _, e := range ev {
		kinds = append(kinds, e.Kind+":"+e.Principal)
	}
	if !strings.Contains(strings.Join(kinds, " "), "login:oidc-alice") || !strings.Contains(strings.Join(kinds, " "), "denied:oidc-bob") {
		t.Errorf("trail %v", kinds)
	}
}
