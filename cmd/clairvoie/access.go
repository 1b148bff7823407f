package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/clairvoie/clairvoie"
)

const accessUsage = `access token add --db FILE --id ID --role agent|supervisor|dpo|admin|system [--label CODE] [--json]
    access token list --db FILE [--json]
    access token revoke --db FILE --id N
    access events --db FILE [--json]

Who may write to the register and read it through the API (serve): API tokens, each for a
pseudonymous id (never a name) and a role. 'token add' prints the token once; only its hash
is kept. An agent records viewings and extractions; a supervisor and the DPO read the whole
register and record every kind but configuration; an admin manages tokens and records
configuration changes; the system role is the video-management system's (destructions).
'events' lists the access trail: logins, failed ones, tokens issued and revoked, refusals.`

func runAccess(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("access")
	dbPath := m.dbFlag(fs)
	id := fs.String("id", "", "the principal's pseudonymous id (add) or the token's number (revoke)")
	role := fs.String("role", "", "agent, supervisor, dpo, admin or system")
	label := fs.String("label", "", "a short code naming the token (a workstation, a system)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := m.parse(fs, accessUsage, args)
	if err != nil {
		return err
	}
	if *dbPath == "" {
		return usagef("access", "--db is required")
	}
	cmd := ""
	if len(pos) > 0 {
		cmd = pos[0]
	}
	if len(pos) > 1 {
		cmd += " " + pos[1]
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	switch cmd {
	case "token add":
		secret, tok, err := ws.access.IssueToken(ctx, clairvoie.Principal{ID: *id, Role: *role}, *label)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		_ = ws.access.Record(ctx, clairvoie.AccessEvent{Kind: clairvoie.AccessTokenIssued, Principal: "cli", Detail: "token/" + strconv.FormatInt(tok.ID, 10)})
		if *asJSON {
			return writeJSON(m.Stdout, map[string]any{"secret": secret, "token": tok})
		}
		fmt.Fprintf(m.Stdout, "token %d for %s (%s):\n%s\nIt is shown once; only its hash is kept.\n", tok.ID, tok.Principal.ID, tok.Principal.Role, secret)
		return nil
	case "token list":
		toks, err := ws.access.Tokens(ctx)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		if *asJSON {
			return writeJSON(m.Stdout, map[string]any{"tokens": toks})
		}
		for _, t := range toks {
			state := "live"
			if t.Revoked != nil {
				state = "revoked " + t.Revoked.Format("2006-01-02")
			}
			fmt.Fprintf(m.Stdout, "%4d  %-20s %-10s %-12s %s\n", t.ID, t.Principal.ID, t.Principal.Role, t.Label, state)
		}
		return nil
	case "token revoke":
		n, err := strconv.ParseInt(*id, 10, 64)
		if err != nil {
			return usagef("access", "--id %q: the token's number (access token list)", *id)
		}
		if err := ws.access.RevokeToken(ctx, n); err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		_ = ws.access.Record(ctx, clairvoie.AccessEvent{Kind: clairvoie.AccessTokenRevoked, Principal: "cli", Detail: "token/" + *id})
		if *asJSON {
			return writeJSON(m.Stdout, map[string]any{"revoked": n})
		}
		fmt.Fprintf(m.Stdout, "token %d revoked\n", n)
		return nil
	case "events":
		ev, err := ws.access.Events(ctx, 1000)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		if *asJSON {
			return writeJSON(m.Stdout, map[string]any{"events": ev})
		}
		for _, e := range ev {
			fmt.Fprintf(m.Stdout, "%s  %-14s %-16s %s\n", e.At.Format("2006-01-02 15:04:05"), e.Kind, e.Principal, e.Detail)
		}
		return nil
	}
	return usagef("access", "expected 'token add', 'token list', 'token revoke' or 'events'")
}
