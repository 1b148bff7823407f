package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/sqlite"
	"github.com/clairvoie/clairvoie/witness"
)

// accessServer is a server with a register and one token per role.
func accessServer(t *testing.T) (*httptest.Server, map[string]string, *sqlite.AccessService) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	dir := filepath.Join(t.TempDir(), "register")
	l, err := auditlog.Open(ctx, dir, auditlog.Options{Origin: "test.example/register", CheckpointInterval: 100 * time.Millisecond,
		Now: func() time.Time { return time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close(ctx) })
	access := sqlite.NewAccessService(db)
	tokens := map[string]string{}
	for _, role := range clairvoie.AccessRoles {
		secret, _, err := access.IssueToken(ctx, clairvoie.Principal{ID: "p-" + role, Role: role}, "")
		if err != nil {
			t.Fatal(err)
		}
		tokens[role] = secret
	}
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), Areas: sqlite.NewAreaService(db), Usage: sqlite.NewUsageService(db),
		Access: access, Register: l}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, tokens, access
}

func call(t *testing.T, c *http.Client, ts *httptest.Server, method, path, token, body string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, ts.URL+path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func entryJSON(kind string) string {
	switch kind {
	case "viewing":
		return `{"kind":"viewing","at":"2026-11-03T10:00:00Z","cameras":["C1"],"live":true}`
	case "extraction":
		return `{"kind":"extraction","at":"2026-11-03T10:00:00Z","cameras":["C1"],"from":"2026-11-02T21:00:00Z","to":"2026-11-02T22:00:00Z","requisition":"PV-1","service":"police-nationale"}`
	case "transmission":
		return `{"kind":"transmission","at":"2026-11-03T10:00:00Z","cameras":["C1"],"from":"2026-11-02T21:00:00Z","to":"2026-11-02T22:00:00Z","recipient":"justice","legal_basis":"cpp-60-1"}`
	case "destruction":
		return `{"kind":"destruction","at":"2026-11-03T10:00:00Z","cameras":["C1"],"from":"2026-11-02T00:00:00Z","to":"2026-11-03T00:00:00Z","mode":"automatic"}`
	}
	return `{"kind":"config","at":"2026-11-03T10:00:00Z","cameras":["C1"],"change":"retention_changed","value":"15"}`
}

// Each role can do what it should, and nothing more.
func TestRolesMatrix(t *testing.T) {
	ts, tokens, _ := accessServer(t)
	c := ts.Client()
	kinds := []string{"viewing", "extraction", "transmission", "destruction", "config"}
	may := map[string][]string{ // role → kinds it may record
		"agent": {"viewing", "extraction"}, "supervisor": {"viewing", "extraction", "transmission", "destruction"},
		"dpo": {"viewing", "extraction", "transmission", "destruction"}, "admin": {"config"}, "system": {"destruction", "config"},
	}
	for _, role := range append([]string{"public"}, clairvoie.AccessRoles...) {
		tok := tokens[role]
		for _, k := range kinds {
			want := http.StatusForbidden
			if role == "public" {
				want = http.StatusUnauthorized
			}
			for _, ok := range may[role] {
				if ok == k {
					want = http.StatusCreated
				}
			}
			if got, body := call(t, c, ts, "POST", "/api/register/entries", tok, entryJSON(k)); got != want {
				t.Errorf("%s records a %s: %d, want %d (%s)", role, k, got, want, body)
			}
		}
		reads := role == "supervisor" || role == "dpo" || role == "admin"
		manages := role == "admin"
		trail := role == "admin" || role == "dpo"
		for _, tc := range []struct {
			method, path, body string
			allowed            bool
			okStatus           int
		}{
			{"GET", "/api/register/entries", "", reads, 200},
			{"GET", "/api/access/tokens", "", manages, 200},
			{"POST", "/api/access/tokens", `{"id":"ag-new-` + role + `","role":"agent"}`, manages, 201},
			{"GET", "/api/access/events", "", trail, 200},
			{"GET", "/api/register", "", true, 200},
			{"GET", "/log/checkpoint", "", true, 200},
		} {
			want := tc.okStatus
			if !tc.allowed {
				want = http.StatusForbidden
				if role == "public" {
					want = http.StatusUnauthorized
				}
			}
			if got, body := call(t, c, ts, tc.method, tc.path, tok, tc.body); got != want {
				t.Errorf("%s %s %s: %d, want %d (%s)", role, tc.method, tc.path, got, want, body)
			}
		}
	}
	// An agent writes as itself: the body cannot name someone else.
	_, body := call(t, c, ts, "POST", "/api/register/entries", tokens["agent"], `{"kind":"viewing","at":"2026-11-03T10:00:00Z","agent":"someone-else","role":"admin","cameras":["C1"],"live":true}`)
	if !strings.Contains(body, `"agent":"p-agent"`) || !strings.Contains(body, `"role":"agent"`) {
		t.Errorf("the entry does not carry its author: %s", body)
	}
	// The full register: supervisors see entries; the public sees counts only.
	_, body = call(t, c, ts, "GET", "/api/register/entries?limit=3", tokens["supervisor"], "")
	var got struct {
		Entries []clairvoie.Receipt
		Total   int
	}
	json.Unmarshal([]byte(body), &got)
	if len(got.Entries) != 3 || got.Total < 12 || got.Entries[0].Salt == "" {
		t.Errorf("register for a supervisor: %s", body)
	}
	if _, body := call(t, c, ts, "GET", "/api/register", "", ""); strings.Contains(body, "p-agent") || strings.Contains(body, "salt") {
		t.Errorf("the public register info leaks entries: %s", body)
	}
	// The appends are counted and timed in the metrics; the register's
	// checkpoint age is there; the register is ready.
	_, metrics := call(t, c, ts, "GET", "/metrics", "", "")
	appended := regexp.MustCompile(`(?m)^clairvoie_register_appends_total (\d+)$`).FindStringSubmatch(metrics)
	if appended == nil || appended[1] != strconv.Itoa(got.Total) || !strings.Contains(metrics, "clairvoie_register_append_duration_seconds_count") ||
		!strings.Contains(metrics, "clairvoie_register_checkpoint_age_seconds ") {
		t.Errorf("metrics after %d appends: %v", got.Total, appended)
	}
	if code, body := call(t, c, ts, "GET", "/readyz", "", ""); code != 200 || !strings.Contains(body, `"register":"ok"`) {
		t.Errorf("/readyz with a register: %d %s", code, body)
	}
	// The refusals are in the trail, seen by the DPO.
	_, body = call(t, c, ts, "GET", "/api/access/events", tokens["dpo"], "")
	if !strings.Contains(body, `"kind":"denied"`) || !strings.Contains(body, `"kind":"token_issued"`) {
		t.Errorf("trail: %.300s", body)
	}
}

func TestLoginSessionsAndLimits(t *testing.T) {
	ts, tokens, access := accessServer(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	// A bad token: 401, recorded; a bad header: 401, never the public.
	if got, _ := call(t, c, ts, "POST", "/api/login", "", `{"token":"cvt_wrong"}`); got != http.StatusUnauthorized {
		t.Errorf("bad token: %d", got)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/me", nil)
	req.Header.Set("Authorization", "Basic eDp5")
	if res, _ := c.Do(req); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a Basic header: %d", res.StatusCode)
	}
	// Log in: the cookie is HttpOnly and SameSite=Strict; the session acts as the agent.
	req, _ = http.NewRequest("POST", ts.URL+"/api/login", strings.NewReader(fmt.Sprintf(`{"token":%q}`, tokens["agent"])))
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("login: %v %v", res, err)
	}
	sc := res.Header.Get("Set-Cookie")
	if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Strict") {
		t.Errorf("cookie %q", sc)
	}
	if got, body := call(t, c, ts, "POST", "/api/register/entries", "", entryJSON("viewing")); got != 201 {
		t.Errorf("write with the session: %d %s", got, body)
	}
	// A form post (not JSON) is refused even with the cookie: no cross-site writes.
	req, _ = http.NewRequest("POST", ts.URL+"/api/register/entries", strings.NewReader("kind=viewing"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res, _ := c.Do(req); res.StatusCode != http.StatusBadRequest {
		t.Errorf("form post: %d", res.StatusCode)
	}
	// Oversized and malformed bodies.
	big := `{"kind":"viewing","cameras":["` + strings.Repeat("C", 2<<20) + `"]}`
	if got, _ := call(t, c, ts, "POST", "/api/register/entries", tokens["agent"], big); got != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB body: %d", got)
	}
	if got, body := call(t, c, ts, "POST", "/api/register/entries", tokens["agent"], `{"kind":`); got != 400 || !strings.Contains(body, "malformed JSON") {
		t.Errorf("malformed: %d %s", got, body)
	}
	// Logout ends the session.
	if got, _ := call(t, c, ts, "POST", "/api/logout", "", ""); got != http.StatusNoContent {
		t.Errorf("logout: %d", got)
	}
	if got, _ := call(t, c, ts, "POST", "/api/register/entries", "", entryJSON("viewing")); got != http.StatusUnauthorized {
		t.Errorf("after logout: %d", got)
	}
	// Ten attempts a minute per address, then 429.
	codes := map[int]int{}
	for i := 0; i < 12; i++ {
		got, _ := call(t, c, ts, "POST", "/api/login", "", `{"token":"cvt_wrong"}`)
		codes[got]++
	}
	if codes[http.StatusTooManyRequests] == 0 {
		t.Errorf("no rate limit on logins: %v", codes)
	}
	ev, _ := access.Events(context.Background(), 100)
	failed := 0
	for _, e := range ev {
		if e.Kind == clairvoie.AccessLoginFailed {
			failed++
		}
	}
	if failed < 9 {
		t.Errorf("%d failed logins recorded", failed)
	}
}

// BenchmarkAppendHTTP: authenticated appends through the API, many writers.
func BenchmarkAppendHTTP(b *testing.B) {
	t := &testing.T{}
	ts, tokens, _ := accessServer(t)
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	b.SetParallelism(128)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("POST", ts.URL+"/api/register/entries", strings.NewReader(entryJSON("viewing")))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tokens["agent"])
			res, err := c.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 201 {
				b.Fatalf("status %d", res.StatusCode)
			}
		}
	})
}

// login signs in with a token and returns a client holding the session.
func login(t *testing.T, ts *httptest.Server, token string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if code, body := call(t, c, ts, http.MethodPost, "/api/login", "", `{"token":"`+token+`"}`); code != http.StatusOK {
		t.Fatalf("login: %d %s", code, body)
	}
	return c
}

// Revoking the token a session was opened with ends the session, even when
// the principal holds a newer live token (issue 14).
func TestRevokingTheLoginTokenEndsTheSession(t *testing.T) {
	ts, tokens, access := accessServer(t)
	ctx := context.Background()
	first, firstTok, err := access.IssueToken(ctx, clairvoie.Principal{ID: "ag-42", Role: clairvoie.RoleAgent}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := access.IssueToken(ctx, clairvoie.Principal{ID: "ag-42", Role: clairvoie.RoleAgent}, "poste-2"); err != nil {
		t.Fatal(err)
	}
	c := login(t, ts, first) // with the older of the two tokens
	if code, body := call(t, c, ts, http.MethodGet, "/api/me", "", ""); code != http.StatusOK || !strings.Contains(body, "ag-42") {
		t.Fatalf("me before: %d %s", code, body)
	}
	if code, body := call(t, http.DefaultClient, ts, http.MethodDelete, fmt.Sprintf("/api/access/tokens/%d", firstTok.ID), tokens[clairvoie.RoleAdmin], ""); code != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", code, body)
	}
	if code, body := call(t, c, ts, http.MethodGet, "/api/me", "", ""); code != http.StatusUnauthorized {
		t.Errorf("me after revoking the login token: %d %s, want 401", code, body)
	}
}

// A raw token in the session cookie is not a session.
func TestRawTokenIsNotASession(t *testing.T) {
	ts, tokens, _ := accessServer(t)
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/me", nil)
	req.AddCookie(&http.Cookie{Name: "cv_session", Value: tokens[clairvoie.RoleAdmin]})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a token as the session cookie: %d, want 401", res.StatusCode)
	}
	// Nor is a session a bearer token.
	c := login(t, ts, tokens[clairvoie.RoleAgent])
	u, _ := url.Parse(ts.URL)
	var sess string
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "cv_session" {
			sess = ck.Value
		}
	}
	if code, _ := call(t, http.DefaultClient, ts, http.MethodGet, "/api/me", sess, ""); code != http.StatusUnauthorized {
		t.Errorf("a session as a bearer token: %d, want 401", code)
	}
}

// Failed bearer tokens are recorded in the access trail and rate-limited by
// address, like failed logins.
func TestFailedBearerTokensAreLimitedAndRecorded(t *testing.T) {
	ts, tokens, access := accessServer(t)
	codes := map[int]int{}
	for i := 0; i < 15; i++ {
		code, _ := call(t, http.DefaultClient, ts, http.MethodGet, "/api/register/entries", fmt.Sprintf("cvt_guess%02d", i), "")
		codes[code]++
	}
	if codes[http.StatusUnauthorized] != 10 || codes[http.StatusTooManyRequests] != 5 {
		t.Errorf("15 guesses: %v, want 10 × 401 then 429", codes)
	}
	ev, err := access.Events(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, e := range ev {
		if e.Kind == clairvoie.AccessLoginFailed && strings.HasPrefix(e.Detail, "bearer") {
			failed++
		}
	}
	if failed != 10 {
		t.Errorf("%d failed bearer tokens in the access trail, want 10", failed)
	}
	// The limit is on failures from that address: while it lasts even a
	// good token waits (the address is guessing).
	if code, _ := call(t, http.DefaultClient, ts, http.MethodGet, "/api/me", tokens[clairvoie.RoleDPO], ""); code != http.StatusTooManyRequests {
		t.Errorf("a good token from a blocked address: %d, want 429", code)
	}
}

// With a witness, /api/register says who cosigned the checkpoint and when,
// the verify command names the witness's key, and the metrics count the
// cosignatures.
func TestRegisterWitnessed(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	dir, wdir := filepath.Join(tmp, "register"), filepath.Join(tmp, "witness")
	l, err := auditlog.Open(ctx, dir, auditlog.Options{Origin: "test.example/register", CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	l.Close(ctx)
	wkey, _, err := witness.Init(wdir, "witness.test/w1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := witness.Follow(wdir, l.VerifierKey()); err != nil {
		t.Fatal(err)
	}
	w, err := witness.Open(wdir)
	if err != nil {
		t.Fatal(err)
	}
	ws := httptest.NewServer(w.Handler())
	defer ws.Close()
	if _, err := auditlog.AddWitness(dir, ws.URL, wkey, 0); err != nil {
		t.Fatal(err)
	}
	if l, err = auditlog.Open(ctx, dir, auditlog.Options{CheckpointInterval: 100 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	if _, err := l.Append(ctx, []clairvoie.RegisterEntry{{Kind: clairvoie.RegisterViewing, At: time.Now().Add(-time.Minute), Agent: "ag-1", Role: "agent", Cameras: []string{"C1"}, Live: true}}); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(tmp, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv := &httpapi.Server{Cameras: sqlite.NewCameraService(db), Areas: sqlite.NewAreaService(db), Register: l}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	var info httpapi.RegisterInfo
	for deadline := time.Now().Add(10 * time.Second); ; {
		res, err := http.Get(ts.URL + "/api/register")
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(res.Body).Decode(&info)
		res.Body.Close()
		if len(info.Cosignatures) > 0 && strings.HasPrefix(info.Checkpoint, "test.example/register\n1\n") || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(info.Cosignatures) != 1 || info.Cosignatures[0].Witness != "witness.test/w1" || time.Since(info.Cosignatures[0].Time) > time.Minute ||
		!strings.Contains(info.Verify, "--witness "+wkey) || info.CheckpointAge < 0 || info.CheckpointAge > 60 {
		t.Fatalf("register info: %+v", info)
	}
}
