package main

import (
	"context"
	"database/sql"
	"flag"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/httpapi"
	"github.com/clairvoie/clairvoie/internal/linebuf"
	"github.com/clairvoie/clairvoie/postgres"
)

// opsOptions are serve's flags for running it as a service: TLS, the
// proxies in front, who reads the metrics, the logs, the access trail's
// retention, and making the workspace on first start.
type opsOptions struct {
	tlsCert, tlsKey, trustedProxies, metricsAllow, logFormat, origin *string
	accessLog, logAddresses, init, metrics                           *bool
	retentionDays                                                    *int
}

func opsFlags(fs *flag.FlagSet) opsOptions {
	return opsOptions{
		tlsCert:        fs.String("tls-cert", "", "serve HTTPS with this certificate (PEM; with --tls-key); HSTS is then sent"),
		tlsKey:         fs.String("tls-key", "", "the certificate's private key (PEM)"),
		trustedProxies: fs.String("trusted-proxies", "", "addresses (CIDR, comma-separated) of the reverse proxies whose X-Forwarded-For is believed; none by default"),
		metrics:        fs.Bool("metrics", true, "serve /metrics (Prometheus) and meter every request"),
		metricsAllow:   fs.String("metrics-allow", "127.0.0.0/8,::1/128", "addresses (CIDR, comma-separated) that may read /metrics"),
		logFormat:      fs.String("log-format", "json", "the logs' format on stderr: json (one object a line) or text"),
		accessLog:      fs.Bool("access-log", true, "log one line per request (method, route, status, duration; never the query, a header or, unless --log-addresses, the address)"),
		logAddresses:   fs.Bool("log-addresses", false, "put the client's address in the access log, truncated to its /24 (IPv4) or /48 (IPv6)"),
		retentionDays:  fs.Int("access-retention-days", 365, "days the access trail (logins, failures, tokens) is kept; 0 keeps it all"),
		init:           fs.Bool("init", false, "make an empty workspace (and a register, with --origin) when missing: a service's first start"),
		origin:         fs.String("origin", "", "the name of a register made by --init, e.g. ville.fr/clairvoie/register"),
	}
}

// logger makes a logger on w in the configured format.
func (o opsOptions) logger(w io.Writer) (*slog.Logger, error) {
	switch *o.logFormat {
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	}
	return nil, clairvoie.Errorf(clairvoie.EINVALID, "--log-format %q: expected json or text", *o.logFormat)
}

// accessLogger is the access log's logger: the same format, its lines
// batched (at most 200 ms late; flushed by the returned close). A line
// per request written at once cost a quarter of the register's appends
// under load (bench/register.sh: 0.40 of tessera's rate against 0.51
// without the access log).
func (o opsOptions) accessLogger(w io.Writer) (*slog.Logger, func() error) {
	b := linebuf.New(w, 200*time.Millisecond)
	l, _ := o.logger(b) // the format was checked by logger
	return l, b.Close
}

// initialise makes the workspace and the register on a first start
// (--init); without it, a missing workspace stays an error (a typo in a
// path must not start an empty registry).
func (o opsOptions) initialise(ctx context.Context, dbPath, register string) error {
	if !*o.init {
		return nil
	}
	if !postgres.IsURL(dbPath) {
		if _, err := os.Stat(dbPath); os.IsNotExist(err) {
			ws, err := createWorkspace(ctx, dbPath)
			if err != nil {
				return err
			}
			ws.Close()
		}
	}
	if register != "" && !auditlog.Exists(register) {
		if *o.origin == "" {
			return clairvoie.Errorf(clairvoie.EINVALID, "--init with a new register needs --origin (its name, e.g. ville.fr/clairvoie/register)")
		}
		l, err := auditlog.Open(ctx, register, auditlog.Options{Origin: *o.origin})
		if err != nil {
			return err
		}
		return l.Close(ctx)
	}
	return nil
}

// check checks the settings, before anything opens (serve, doctor).
func (o opsOptions) check() error {
	_, err := o.settings()
	return err
}

// opsSettings are what the flags say that needs parsing.
type opsSettings struct{ TrustedProxies, MetricsFrom []netip.Prefix }

// settings reads and checks the flags.
func (o opsOptions) settings() (opsSettings, error) {
	var srv opsSettings
	if (*o.tlsCert == "") != (*o.tlsKey == "") {
		return srv, clairvoie.Errorf(clairvoie.EINVALID, "--tls-cert and --tls-key go together")
	}
	if *o.retentionDays < 0 {
		return srv, clairvoie.Errorf(clairvoie.EINVALID, "--access-retention-days %d: expected 0 or more", *o.retentionDays)
	}
	var err error
	if srv.TrustedProxies, err = parsePrefixes("--trusted-proxies", *o.trustedProxies); err != nil {
		return srv, err
	}
	if srv.MetricsFrom, err = parsePrefixes("--metrics-allow", *o.metricsAllow); err != nil {
		return srv, err
	}
	return srv, nil
}

// configure sets the server's operations fields.
func (o opsOptions) configure(srv *httpapi.Server, ws *workspace) error {
	set, err := o.settings()
	if err != nil {
		return err
	}
	srv.TrustedProxies, srv.MetricsFrom = set.TrustedProxies, set.MetricsFrom
	srv.TLSCert, srv.TLSKey = *o.tlsCert, *o.tlsKey
	srv.NoMetrics = !*o.metrics
	srv.AccessLog, srv.LogAddresses = *o.accessLog, *o.logAddresses
	srv.AccessRetention = time.Duration(*o.retentionDays) * 24 * time.Hour
	b := currentBuild()
	srv.Build = httpapi.BuildInfo{Version: b.Version, Commit: b.Commit}
	if st, ok := ws.closer.(interface{ Stats() sql.DBStats }); ok {
		srv.DBStats = st.Stats
	}
	return nil
}

// parsePrefixes reads comma-separated CIDRs (a bare address is its /32 or /128).
func parsePrefixes(flagName, s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, clairvoie.Errorf(clairvoie.EINVALID, "%s %q: expected addresses or CIDR blocks, comma-separated", flagName, part)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
