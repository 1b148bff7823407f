package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
)

func testAccess(t *testing.T, st Stores) {
	a := st.Access
	agent := clairvoie.Principal{ID: "ag-7f3a", Role: clairvoie.RoleAgent}
	secret, tok, err := a.IssueToken(ctx, agent, "poste-2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "cvt_") || len(secret) < 40 || tok.ID == 0 {
		t.Fatalf("token %q %+v", secret, tok)
	}
	for _, bad := range []clairvoie.Principal{{ID: "Jean Dupont", Role: "agent"}, {ID: "ag-1", Role: "mayor"}, {ID: "jean@ville.fr", Role: "agent"}} {
		if _, _, err := a.IssueToken(ctx, bad, ""); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
			t.Errorf("%+v: err = %v, want invalid", bad, err)
		}
	}
	p, err := a.Authenticate(ctx, secret)
	if err != nil || p.ID != agent.ID || p.Role != agent.Role || p.TokenID != tok.ID {
		t.Fatalf("authenticate: %+v, %v; want %+v with token %d", p, err, agent, tok.ID)
	}
	for _, wrong := range []string{"", "cvt_nope", secret + "x", "cvs_" + secret[4:]} {
		if _, err := a.Authenticate(ctx, wrong); clairvoie.ErrorCode(err) != clairvoie.EUNAUTHORIZED {
			t.Errorf("%q: err = %v, want unauthorized", wrong, err)
		}
	}
	toks, err := a.Tokens(ctx)
	if err != nil || len(toks) != 1 || toks[0].LastUsed == nil || toks[0].Label != "poste-2" {
		t.Fatalf("tokens %+v, %v", toks, err)
	}
	// Only the hash is stored: no listed field holds the secret.
	if strings.Contains(toks[0].Label+toks[0].Principal.ID, secret[4:12]) {
		t.Error("the secret shows in the listing")
	}
	// A session works until closed, expired, or the token it was opened
	// with revoked — even when the principal holds another live token
	// (issue 14: the session followed the principal's newest token).
	sess, err := a.OpenSession(ctx, p, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if sp, err := a.Authenticate(ctx, sess); err != nil || sp != p {
		t.Fatalf("session: %+v, %v; want %+v", sp, err, p)
	}
	newer, newerTok, err := a.IssueToken(ctx, agent, "poste-3")
	if err != nil {
		t.Fatal(err)
	}
	pn, _ := a.Authenticate(ctx, newer)
	sessNewer, _ := a.OpenSession(ctx, pn, time.Hour)
	expired, _ := a.OpenSession(ctx, agent, -time.Second)
	if _, err := a.Authenticate(ctx, expired); clairvoie.ErrorCode(err) != clairvoie.EUNAUTHORIZED {
		t.Errorf("expired session: %v", err)
	}
	closed, _ := a.OpenSession(ctx, agent, time.Hour)
	if err := a.CloseSession(ctx, closed); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, closed); clairvoie.ErrorCode(err) != clairvoie.EUNAUTHORIZED {
		t.Errorf("closed session: %v", err)
	}
	if err := a.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, secret); clairvoie.ErrorCode(err) != clairvoie.EUNAUTHORIZED {
		t.Errorf("revoked token: %v", err)
	}
	if _, err := a.Authenticate(ctx, sess); clairvoie.ErrorCode(err) != clairvoie.EUNAUTHORIZED {
		t.Errorf("session of a revoked token (the principal holds another live one): %v", err)
	}
	if sp, err := a.Authenticate(ctx, sessNewer); err != nil || sp.TokenID != newerTok.ID {
		t.Errorf("the session of the other token must live on: %+v, %v", sp, err)
	}
	if err := a.RevokeToken(ctx, tok.ID); clairvoie.ErrorCode(err) != clairvoie.ENOTFOUND {
		t.Errorf("revoking twice: %v", err)
	}
	// The trail, newest first.
	for _, k := range []string{clairvoie.AccessLoginFailed, clairvoie.AccessLogin} {
		if err := a.Record(ctx, clairvoie.AccessEvent{Kind: k, Principal: "ag-7f3a"}); err != nil {
			t.Fatal(err)
		}
	}
	ev, err := a.Events(ctx, 10)
	if err != nil || len(ev) != 2 || ev[0].Kind != clairvoie.AccessLogin || ev[0].At.IsZero() {
		t.Errorf("events %+v, %v", ev, err)
	}
	// The retention: an old event goes, a recent one stays.
	old := time.Now().Add(-400 * 24 * time.Hour)
	if err := a.Record(ctx, clairvoie.AccessEvent{Kind: clairvoie.AccessLogin, Principal: "ag-old", At: old}); err != nil {
		t.Fatal(err)
	}
	if n, err := a.PruneEvents(ctx, time.Now().Add(-365*24*time.Hour)); n != 1 || err != nil {
		t.Errorf("PruneEvents = %d, %v; want the one old event", n, err)
	}
	if ev, _ := a.Events(ctx, 10); len(ev) != 2 {
		t.Errorf("after pruning, %d events; want the 2 recent ones", len(ev))
	}
}
