package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/camerapage"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/postgres"
	"github.com/clairvoie/clairvoie/web"
	"k8s.io/klog/v2"
)

const serveUsage = `serve --db FILE [--config FILE] [--addr HOST:PORT] [--public-url URL] [--tiles URL]
      [--register DIR] [--tls-cert FILE --tls-key FILE] [--trusted-proxies CIDR,…] [more flags]
serve --config FILE --print-config

Serves the workspace: the web app at /, the camera pages at /cameras/{id}, the JSON API
under /api/, the metrics at /metrics (Prometheus; to metrics_allow only), /healthz and
/readyz. The map is drawn offline from the workspace's boundaries; --tiles adds a
raster tile layer ({z}/{x}/{y} template) for those who have a tile server. Stops cleanly
on the first Ctrl-C or SIGTERM (open requests finish), at once on the second.

Every flag is also a key of the configuration file (TOML, public_url = "…") and an
environment variable (CLAIRVOIE_PUBLIC_URL): the command line wins, then the
environment, then the file. --print-config prints the effective settings as a file.
docs/operations.md explains each.`

// serveOptions are the flags shared by serve and demo.
type serveOptions struct {
	addr, publicURL, tiles, tilesAttribution, webDir, publisher, register *string
	controllerURL, dpoURL                                                 *string
	oidcIssuer, oidcClient, oidcSecretFile, oidcRoleClaim, oidcRoles      *string
	targets                                                               targetFlags
	ops                                                                   opsOptions
}

func serveFlags(fs *flag.FlagSet) serveOptions {
	return serveOptions{
		addr:             fs.String("addr", "127.0.0.1:8080", "address to listen on"),
		publicURL:        fs.String("public-url", "", "public address printed on camera pages and QR codes (default: the request's host)"),
		tiles:            fs.String("tiles", "", "raster tile URL template drawn under the map (default: none, fully offline)"),
		tilesAttribution: fs.String("tiles-attribution", "", "attribution of the tiles"),
		webDir:           fs.String("web-dir", "", "serve the web app from this folder (development) instead of the embedded copy"),
		publisher:        fs.String("publisher", "", "the publishing body named in the open data"),
		targets:          newTargetFlags(fs),
		oidcIssuer:       fs.String("oidc-issuer", "", "sign staff in through this OpenID Connect provider (needs --public-url and a register)"),
		oidcClient:       fs.String("oidc-client-id", "", "the client id registered with the provider"),
		oidcSecretFile:   fs.String("oidc-client-secret-file", "", "a file holding the client secret"),
		oidcRoleClaim:    fs.String("oidc-role-claim", "groups", "the ID token claim carrying the role or the groups"),
		oidcRoles:        fs.String("oidc-roles", "", "claim values to roles: VALUE=ROLE,VALUE=ROLE (roles: agent, supervisor, dpo, admin)"),
		register:         fs.String("register", "", "the register's directory, published under /log/ (default: register/ beside the database if there is one)"),
		ops:              opsFlags(fs),
		controllerURL:    fs.String("controller-url", "", "the data controller's contact page (https://…; a service, never a person), on the camera pages"),
		dpoURL:           fs.String("dpo-url", "", "the data protection officer's contact page (https://…), on the camera pages"),
	}
}

// serveFlagSet is serve's flags: its configuration file, the workspace,
// the server's settings.
func (m *Main) serveFlagSet() (fs *flag.FlagSet, config *string, printConfig *bool, dbPath *string, so serveOptions) {
	fs = m.newFlags("serve")
	config = m.configFlag(fs)
	printConfig = fs.Bool("print-config", false, "print the effective configuration (flags, environment, file) as a TOML file and exit")
	dbPath = fs.String("db", "", "workspace database file (or $CLAIRVOIE_DB, or db in the configuration)")
	return fs, config, printConfig, dbPath, serveFlags(fs)
}

func runServe(ctx context.Context, m *Main, args []string) error {
	fs, config, printConfig, dbPath, so := m.serveFlagSet()
	pos, err := m.parse(fs, serveUsage, args)
	if err != nil {
		return err
	}
	if err := m.applyConfig(fs, *config); err != nil {
		return err
	}
	if *printConfig {
		var b strings.Builder
		writeConfig(&b, fs, true)
		_, err := fmt.Fprint(m.Stdout, b.String())
		return err
	}
	if *dbPath == "" {
		return usagef("serve", "--db is required")
	}
	if len(pos) > 0 {
		return usagef("serve", "unexpected argument %q", pos[0])
	}
	return m.serve(ctx, *dbPath, so)
}

func (m *Main) serve(ctx context.Context, dbPath string, so serveOptions) error {
	logger, err := so.ops.logger(m.Stderr)
	if err != nil {
		return err
	}
	if err := so.ops.check(); err != nil { // settings checked before anything opens
		return err
	}
	// The register's library (tessera) logs through klog: its warnings
	// and errors join the server's log, its chatter does not.
	klog.SetSlogLogger(slog.New(minLevel{logger.Handler(), slog.LevelWarn}))
	if err := so.ops.initialise(ctx, dbPath, *so.register); err != nil {
		return err
	}
	ws, err := openServerWorkspace(ctx, dbPath)
	if err != nil {
		return err
	}
	defer ws.Close()
	assets, err := web.New(*so.webDir)
	if err != nil {
		return err
	}
	accessLogger, closeAccessLog := so.ops.accessLogger(m.Stderr)
	defer closeAccessLog()
	srv := &httpapi.Server{Cameras: ws.cameras, Areas: ws.areas, Usage: ws.usage, Logger: logger, Assets: assets,
		PublicURL: *so.publicURL, Tiles: *so.tiles, TilesAttribution: *so.tilesAttribution, Publisher: *so.publisher,
		AccessLogger: accessLogger}
	srv.Contacts = camerapage.Contacts{Controller: *so.controllerURL, DPO: *so.dpoURL}
	if err := camerapage.CheckContacts(srv.Contacts); err != nil {
		return err
	}
	srv.Conduits = ws.conduits
	if srv.Fibre, _, err = so.targets.load(ctx, dbPath, true); err != nil {
		return err
	}
	srv.Access = ws.access
	srv.Events = ws.events
	srv.Installation = ws.installation
	srv.Settings = ws.settings
	srv.Feeds = ws.feeds
	srv.Background = append(srv.Background, feedRefresher(ws, srv.Logger))
	srv.Outcomes, srv.Days = ws.outcomes, ws.outcomes
	if err := so.ops.configure(srv, ws); err != nil {
		return err
	}
	registerDir := *so.register
	if registerDir == "" {
		registerDir = registerBeside(dbPath)
	} else if !auditlog.Exists(registerDir) {
		return clairvoie.Errorf(clairvoie.EINVALID, "--register %s: no register there", registerDir)
	}
	var register *auditlog.Log
	if registerDir != "" {
		// The server takes the register's writes (authenticated, through
		// the API) while it runs; 'clairvoie log append' waits for it.
		l, err := auditlog.Open(ctx, registerDir, auditlog.Options{})
		if err != nil {
			return err
		}
		defer l.Close(context.WithoutCancel(ctx))
		srv.Register, register = l, l
	}
	if *so.oidcIssuer != "" {
		if srv.OIDC, err = oidcConfig(ctx, so, register); err != nil {
			return err
		}
	}
	if err := srv.Listen(*so.addr); err != nil {
		return err
	}
	scheme := "http"
	if srv.TLSCert != "" {
		scheme = "https"
	}
	fmt.Fprintf(m.Stdout, "clairvoie: serving %s on %s://%s/\n", postgres.Redact(dbPath), scheme, srv.Addr())
	logger.Info("serving", "db", postgres.Redact(dbPath), "addr", srv.Addr())
	return srv.Serve(ctx)
}

// registerBeside is the register next to a workspace (DIR/register, as the
// demo makes it), or "" when there is none.
func registerBeside(dbPath string) string {
	if postgres.IsURL(dbPath) {
		return "" // a server database has no folder: name the register with --register
	}
	if dir := filepath.Join(filepath.Dir(dbPath), "register"); auditlog.Exists(dir) {
		return dir
	}
	return ""
}

// oidcConfig sets up OpenID Connect sign-in. The provider's subjects are
// turned into pseudonymous ids with the register's secret.
func oidcConfig(ctx context.Context, so serveOptions, l *auditlog.Log) (*httpapi.OIDC, error) {
	if l == nil || *so.publicURL == "" || *so.oidcClient == "" {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "--oidc-issuer needs --oidc-client-id, --public-url (for the callback) and a register")
	}
	secret := ""
	if *so.oidcSecretFile != "" {
		b, err := os.ReadFile(*so.oidcSecretFile)
		if err != nil {
			return nil, err
		}
		secret = strings.TrimSpace(string(b))
	}
	roles := map[string]string{}
	for _, pair := range strings.Split(*so.oidcRoles, ",") {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		v, role, ok := strings.Cut(pair, "=")
		if !ok || !slices.Contains([]string{clairvoie.RoleAgent, clairvoie.RoleSupervisor, clairvoie.RoleDPO, clairvoie.RoleAdmin}, role) {
			return nil, clairvoie.Errorf(clairvoie.EINVALID, "--oidc-roles %q: expected VALUE=ROLE with ROLE agent, supervisor, dpo or admin", pair)
		}
		roles[v] = role
	}
	if len(roles) == 0 {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "--oidc-issuer needs --oidc-roles (which claim values give which role)")
	}
	pseudo, err := l.Pseudonymizer()
	if err != nil {
		return nil, err
	}
	o := &httpapi.OIDC{Issuer: *so.oidcIssuer, ClientID: *so.oidcClient, ClientSecret: secret,
		RedirectURL: strings.TrimSuffix(*so.publicURL, "/") + "/auth/oidc/callback", RoleClaim: *so.oidcRoleClaim, Roles: roles,
		Pseudonym: func(issuer, subject string) string { return pseudo(issuer + "\x00" + subject) }}
	return o, o.Init(ctx)
}

// minLevel drops the records below a level.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}
