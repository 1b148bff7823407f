package httpapi

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are what GET /metrics exposes, in the Prometheus text format.
// Requests are labelled by route (the mux's pattern, "GET /cameras/{id}"),
// never by raw path: the label set stays bounded whatever is asked.
type metrics struct {
	reg       *prometheus.Registry
	latency   *prometheus.HistogramVec
	responses *prometheus.CounterVec
	appends   prometheus.Counter
	appendDur prometheus.Histogram
	appendErr prometheus.Counter
}

// BuildInfo names the running build in clairvoie_build_info.
type BuildInfo struct{ Version, Commit string }

func (s *Server) newMetrics() *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{reg: reg,
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "clairvoie_http_request_duration_seconds",
			Help:    "Time to answer a request, by route (the pattern, not the path), admission included.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"route"}),
		responses: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "clairvoie_http_responses_total",
			Help: "Answers by route and HTTP status."}, []string{"route", "code"}),
		appends: prometheus.NewCounter(prometheus.CounterOpts{Name: "clairvoie_register_appends_total",
			Help: "Register entries appended (acknowledged: durable in the journal and the log)."}),
		appendDur: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "clairvoie_register_append_duration_seconds",
			Help: "Time for a batch of register entries to be durable.", Buckets: prometheus.DefBuckets}),
		appendErr: prometheus.NewCounter(prometheus.CounterOpts{Name: "clairvoie_register_append_errors_total",
			Help: "Register appends that failed (a full disk, a refused entry)."}),
	}
	reg.MustRegister(m.latency, m.responses, m.appends, m.appendDur, m.appendErr,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "clairvoie_build_info",
		Help: "The running build (always 1).", ConstLabels: prometheus.Labels{"version": s.Build.Version, "commit": s.Build.Commit}},
		func() float64 { return 1 }))
	for reason, n := range map[string]func() int64{
		"busy":     func() int64 { return s.adm.busy.Load() },
		"too_many": func() int64 { return s.adm.tooMany.Load() },
		"shed":     func() int64 { return s.adm.shed.Load() },
	} {
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "clairvoie_admission_rejections_total",
			Help:        "Requests turned away by admission control: busy (503, no slot in time), too_many (429, bodies from one address), shed (the slowest reader cut).",
			ConstLabels: prometheus.Labels{"reason": reason}}, func() float64 { return float64(n()) }))
	}
	if s.DBStats != nil {
		stat := func(f func(sql.DBStats) float64) func() float64 { return func() float64 { return f(s.DBStats()) } }
		reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "clairvoie_store_connections_in_use", Help: "Store connections in use."},
				stat(func(d sql.DBStats) float64 { return float64(d.InUse) })),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "clairvoie_store_connections_idle", Help: "Store connections idle."},
				stat(func(d sql.DBStats) float64 { return float64(d.Idle) })),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "clairvoie_store_connections_max", Help: "Store connections allowed at most."},
				stat(func(d sql.DBStats) float64 { return float64(d.MaxOpenConnections) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "clairvoie_store_waits_total", Help: "Times a request waited for a store connection."},
				stat(func(d sql.DBStats) float64 { return float64(d.WaitCount) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "clairvoie_store_wait_seconds_total", Help: "Time spent waiting for a store connection."},
				stat(func(d sql.DBStats) float64 { return d.WaitDuration.Seconds() })),
		)
	}
	if s.Feeds != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "clairvoie_feeds_stale",
			Help: "Calendar feeds without a successful refresh for twice their interval (or never): their events may be out of date."},
			func() float64 {
				feeds, err := s.Feeds.FindFeeds(context.Background())
				if err != nil {
					return -1
				}
				n := 0
				for _, f := range feeds {
					if f.LastSuccess.IsZero() || s.Now().Sub(f.LastSuccess) > 2*f.Every {
						n++
					}
				}
				return float64(n)
			}))
	}
	if s.Register != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "clairvoie_register_checkpoint_age_seconds",
			Help: "Seconds since the register's checkpoint was last written (an idle register's grows: alert on it only while entries are appended)."},
			s.checkpointAge),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "clairvoie_register_cosignatures",
				Help: "Witness cosignatures on the served checkpoint that verify (0 without witnesses). With witnesses the served checkpoint is always cosigned: its age above is the age of the last cosigned checkpoint."},
				func() float64 {
					c, err := s.Register.Cosignatures(context.Background())
					if err != nil {
						return -1
					}
					return float64(len(c))
				}))
	}
	return m
}

// meter wraps the whole handler: it times every request and counts its
// status under the route the mux matched (routeOf).
func (m *metrics) meter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rt := &route{name: "(turned away)"}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), routeKey{}, rt)))
		m.latency.WithLabelValues(rt.name).Observe(time.Since(start).Seconds())
		m.responses.WithLabelValues(rt.name, strconv.Itoa(sw.status)).Inc()
	})
}

type routeKey struct{}

// withRoute gives the requests a place for their route (the access log's)
// when nothing meters them.
func withRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), routeKey{}, &route{name: "(turned away)"})))
	})
}

// route is where the mux tells the meter which pattern it matched.
type route struct{ name string }

// routeOf runs the mux and notes its pattern for the meter (the mux sets
// r.Pattern on the request it is given, which the wrappers above have
// copied).
func routeOf(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
			rt.name = r.Pattern
		}
	})
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (deadlines, flushes).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// handleMetrics serves the metrics to the addresses allowed (MetricsFrom;
// loopback by default). A request through a trusted proxy comes from the
// client's address, so a public proxy does not open them to the world.
func (s *Server) handleMetrics(h http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.metricsAllowed(r) {
			s.Error(w, r, clairvoie.Say(clairvoie.EFORBIDDEN, "les métriques ne sont servies qu'aux adresses de metrics_allow", "the metrics are served to the addresses in metrics_allow only"))
			return
		}
		h.ServeHTTP(w, r)
	}
}

func (s *Server) metricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// appendRegister appends to the register, counted and timed.
func (s *Server) appendRegister(ctx context.Context, entries []clairvoie.RegisterEntry) ([]clairvoie.Receipt, error) {
	start := time.Now()
	recs, err := s.Register.Append(ctx, entries)
	if s.metrics == nil {
		return recs, err
	}
	if err != nil {
		s.metrics.appendErr.Inc()
		return recs, err
	}
	s.metrics.appendDur.Observe(time.Since(start).Seconds())
	s.metrics.appends.Add(float64(len(recs)))
	return recs, nil
}
