package witness

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/clairvoie/clairvoie/internal/ratelimit"
)

// MaxBody bounds an add-checkpoint request: 63 proof lines and a
// checkpoint with a few signatures are well under 8 KiB.
const MaxBody = 16 << 10

func jsonState(st *State) ([]byte, error) { return json.MarshalIndent(st, "", "  ") }

// Handler serves the witness: POST /add-checkpoint (C2SP tlog-witness),
// and GET / with its name, verifier key and the logs it follows. Each
// client address gets 20 requests a second at most (a log sends one per
// checkpoint; a monitor, one per poll).
func (w *Witness) Handler() http.Handler {
	limit := ratelimit.New(20, 60)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /add-checkpoint", func(rw http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		if !limit.Allow(host, time.Now()) {
			rw.Header().Set("Retry-After", "1")
			write(rw, refuse(http.StatusTooManyRequests, "too many requests; wait a second"))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, MaxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				write(rw, refuse(http.StatusRequestEntityTooLarge, "a request holds %d bytes at most", MaxBody))
				return
			}
			write(rw, refuse(http.StatusBadRequest, "reading the request: %v", err))
			return
		}
		write(rw, w.Add(body))
	})
	mux.HandleFunc("GET /{$}", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "application/json")
		type logState struct {
			Origin string `json:"origin"`
			Size   uint64 `json:"size"` // of the latest checkpoint cosigned
		}
		logs := []logState{}
		for _, o := range w.Logs() {
			st := logState{Origin: o}
			if l := w.Latest(o); l != nil {
				st.Size = l.Size
			}
			logs = append(logs, st)
		}
		json.NewEncoder(rw).Encode(map[string]any{"name": w.Name(), "verifier_key": w.VerifierKey(), "logs": logs,
			"protocol": "https://c2sp.org/tlog-witness"})
	})
	return mux
}

func write(rw http.ResponseWriter, a Answer) {
	rw.Header().Set("Content-Type", a.ContentType)
	rw.Header().Set("X-Content-Type-Options", "nosniff")
	rw.WriteHeader(a.Status)
	rw.Write(a.Body)
}

// Server is an http.Server for the witness with the API's bounds: a slow
// client holds one connection and no lock.
func (w *Witness) Server(addr string) *http.Server {
	return &http.Server{Addr: addr, Handler: w.Handler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 8 << 10}
}
