package httpapi

import (
	"context"
	"io/fs"
	"net/http"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// handleLog serves GET /log/{path...}: the register's transparency log at
// the C2SP tlog-tiles paths, for any verifier (clairvoie log verify --url
// http://host/log/ --key …). What is public is the register's to say
// (RegisterService.Public): never its journal, keys or state.
func (s *Server) handleLog(w http.ResponseWriter, r *http.Request) {
	p := r.PathValue("path")
	if s.Register == nil || !fs.ValidPath(p) {
		http.NotFound(w, r)
		return
	}
	b, err := fs.ReadFile(s.Register.Public(), p)
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
	Origin     string                    `json:"origin"`
	Key        string                    `json:"verifier_key"`
	Checkpoint string                    `json:"checkpoint"`
	Synthetic  bool                      `json:"synthetic"`
	K          int                       `json:"k"`
	Months     []clairvoie.RegisterMonth `json:"months"`
	LogURL     string                    `json:"log_url"`
	Verify     string                    `json:"verify_command"`
	// Cosignatures are the register's witnesses' on the checkpoint, and
	// CheckpointAge how old it is (with witnesses: the age of the last
	// cosigned checkpoint, which grows while their quorum is unreachable).
	Cosignatures  []clairvoie.Cosignature `json:"cosignatures"`
	CheckpointAge float64                 `json:"checkpoint_age_seconds"`
}

// handleRegister serves GET /api/register: the latest checkpoint, the
// verifier key, and the entries per month and kind with statistical
// secrecy. Nothing of any entry itself.
func (s *Server) handleRegister(w http.ResponseWriter, r *http.Request) {
	if s.Register == nil {
		s.Error(w, r, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur n'a pas de registre (serve --register DIR)", "this server has no register (serve --register DIR)"))
		return
	}
	cp, err := s.Register.Checkpoint(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	counts, err := s.registerCounts(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cosigs, err := s.Register.Cosignatures(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if cosigs == nil {
		cosigs = []clairvoie.Cosignature{}
	}
	age := s.checkpointAge()
	key, logURL := s.Register.VerifierKey(), s.publicURL("/log/")
	verify := "clairvoie log verify --url " + logURL + " --key " + key
	for _, c := range cosigs {
		verify += " --witness " + c.Key
	}
	writeJSON(w, http.StatusOK, RegisterInfo{Origin: s.Register.Origin(), Key: key, Checkpoint: string(cp),
		Synthetic: clairvoie.SyntheticOrigin(s.Register.Origin()), K: clairvoie.RegisterSecrecyK, Months: counts, LogURL: logURL,
		Verify: verify, Cosignatures: cosigs, CheckpointAge: age})
}

// registerCounts are the public counts of the register: its verified
// entries only, with statistical secrecy.
func (s *Server) registerCounts(ctx context.Context) ([]clairvoie.RegisterMonth, error) {
	verified, _, problems, err := s.Register.Entries(ctx)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		s.Logger.Error("register: entries left out of the counts: they do not verify against the log", "problems", len(problems), "first", problems[0])
	}
	counts := clairvoie.RegisterCounts(verified, clairvoie.RegisterSecrecyK)
	if counts == nil {
		counts = []clairvoie.RegisterMonth{}
	}
	return counts, nil
}

// registerReceipts is the whole register (private: for the roles allowed):
// the verified entries and, after them, those acknowledged since the
// checkpoint; the public counts wait for it.
func (s *Server) registerReceipts(ctx context.Context) ([]clairvoie.Receipt, error) {
	verified, pending, _, err := s.Register.Entries(ctx)
	if err != nil {
		return nil, err
	}
	return append(append([]clairvoie.Receipt{}, verified...), pending...), nil
}

// checkpointAge is how long ago the register's checkpoint was written, in
// seconds (-1 when it cannot be read): with witnesses, the age of the last
// cosigned checkpoint.
func (s *Server) checkpointAge() float64 {
	fi, err := fs.Stat(s.Register.Public(), "checkpoint")
	if err != nil {
		return -1
	}
	return s.Now().Sub(fi.ModTime()).Seconds()
}
