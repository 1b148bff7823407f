package httpapi

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/auditlog"
)

// registerCache keeps the register's verified entries (its journal checked
// against its log), and the public counts, until the journal or the
// checkpoint changes.
type registerCache struct {
	mu       sync.Mutex
	size     int64
	modTime  time.Time
	cpTime   time.Time
	receipts []clairvoie.Receipt
	counts   []auditlog.MonthCounts
}

// logPath is what of the register's directory is public: the C2SP
// tlog-tiles resources, nothing else (never private/ nor .state/).
var logPath = regexp.MustCompile(`^(checkpoint|tile/(entries|[0-9]+)/(x[0-9]{3}/)*[0-9]{3}(\.p/[0-9]{1,3})?)$`)

// handleLog serves GET /log/{path...}: the register's transparency log at
// the C2SP tlog-tiles paths, for any verifier (clairvoie log verify --url
// http://host/log/ --key …).
func (s *Server) handleLog(w http.ResponseWriter, r *http.Request) {
	p := r.PathValue("path")
	if s.RegisterDir == "" || !logPath.MatchString(p) {
		http.NotFound(w, r)
		return
	}
	b, err := os.ReadFile(filepath.Join(s.RegisterDir, filepath.FromSlash(p)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch {
	case p == "checkpoint":
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	case strings.Contains(p, ".p/"):
		// A partial tile is replaced by the full one as the log grows.
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/octet-stream")
	default:
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	w.Write(b)
}

// RegisterInfo is what GET /api/register says of the register.
type RegisterInfo struct {
	Origin     string                 `json:"origin"`
	Key        string                 `json:"verifier_key"`
	Checkpoint string                 `json:"checkpoint"`
	Synthetic  bool                   `json:"synthetic"`
	K          int                    `json:"k"`
	Months     []auditlog.MonthCounts `json:"months"`
	LogURL     string                 `json:"log_url"`
	Verify     string                 `json:"verify_command"`
}

// handleRegister serves GET /api/register: the latest checkpoint, the
// verifier key, and the entries per month and kind with statistical
// secrecy. Nothing of any entry itself.
func (s *Server) handleRegister(w http.ResponseWriter, r *http.Request) {
	if s.RegisterDir == "" {
		s.Error(w, r, clairvoie.Errorf(clairvoie.ENOTFOUND, "this server has no register (serve --register DIR)"))
		return
	}
	key, err := auditlog.VerifierKey(s.RegisterDir)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cp, err := os.ReadFile(filepath.Join(s.RegisterDir, "checkpoint"))
	if err != nil {
		s.Error(w, r, clairvoie.Errorf(clairvoie.ENOTFOUND, "the register has no checkpoint yet"))
		return
	}
	counts, err := s.registerCounts(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	origin, _, _ := strings.Cut(key, "+")
	logURL := s.publicURL("/log/")
	writeJSON(w, http.StatusOK, RegisterInfo{Origin: origin, Key: key, Checkpoint: string(cp), Synthetic: auditlog.Synthetic(origin),
		K: auditlog.DefaultK, Months: counts, LogURL: logURL,
		Verify: "clairvoie log verify --url " + logURL + " --key " + key})
}

// registerCounts are the public counts of the register.
func (s *Server) registerCounts(ctx context.Context) ([]auditlog.MonthCounts, error) {
	_, counts, err := s.readRegister(ctx)
	return counts, err
}

// registerReceipts is the whole register (private: for the roles allowed).
func (s *Server) registerReceipts(ctx context.Context) ([]clairvoie.Receipt, error) {
	rs, _, err := s.readRegister(ctx)
	return rs, err
}

// readRegister reads the register again only when its journal or its
// checkpoint has changed. Only entries that verify count.
func (s *Server) readRegister(ctx context.Context) ([]clairvoie.Receipt, []auditlog.MonthCounts, error) {
	c := &s.register
	c.mu.Lock()
	defer c.mu.Unlock()
	fi, err := os.Stat(filepath.Join(s.RegisterDir, "private", "journal.jsonl"))
	if err != nil {
		return nil, nil, err
	}
	var cpTime time.Time
	if cp, err := os.Stat(filepath.Join(s.RegisterDir, "checkpoint")); err == nil {
		cpTime = cp.ModTime()
	}
	if c.counts != nil && fi.Size() == c.size && fi.ModTime().Equal(c.modTime) && cpTime.Equal(c.cpTime) {
		return c.receipts, c.counts, nil
	}
	rs, rep, err := auditlog.ReadVerified(ctx, s.RegisterDir)
	if err != nil {
		return nil, nil, err
	}
	if len(rep.Problems) > 0 {
		s.Logger.Error("register: entries left out of the counts: they do not verify against the log", "problems", len(rep.Problems), "first", rep.Problems[0])
	}
	// The register itself (for the roles that read it) lists the entries
	// acknowledged since the checkpoint too; the public counts wait for it.
	c.receipts, c.counts, c.size, c.modTime, c.cpTime = append(rs, rep.Recent...), auditlog.Counts(rs, auditlog.DefaultK), fi.Size(), fi.ModTime(), cpTime
	if c.counts == nil {
		c.counts = []auditlog.MonthCounts{}
	}
	return c.receipts, c.counts, nil
}
