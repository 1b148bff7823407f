package httpapi

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/forecast"
	"github.com/clairvoie/clairvoie/planning"
)

// forecastCache keeps, for ten minutes, the loaded outlooks, the day
// forecasts and the backtests (a backtest over two years takes seconds).
type forecastCache struct {
	outlookMu sync.Mutex // apart: a forecast being computed holds mu
	mu        sync.Mutex
	outlooks  map[string]cached[*planning.Outlook]
	days      map[string]cached[*planning.DayForecast]
	windows   map[string]cached[*planning.WindowAnswer]
	skills    map[string]cached[*Backtest]
}

type cached[T any] struct {
	at time.Time
	v  T
}

const forecastTTL = 10 * time.Minute

// get returns m[key] when fresh, else computes, stores and returns it.
// The lock is held while computing: concurrent requests wait for one run.
func get[T any](mu *sync.Mutex, m *map[string]cached[T], key string, now time.Time, make func() (T, error)) (T, error) {
	mu.Lock()
	defer mu.Unlock()
	if *m == nil {
		*m = map[string]cached[T]{}
	}
	if c, ok := (*m)[key]; ok && now.Sub(c.at) < forecastTTL {
		return c.v, nil
	}
	v, err := make()
	if err != nil {
		return v, err
	}
	if len(*m) > 256 {
		clear(*m)
	}
	(*m)[key] = cached[T]{now, v}
	return v, nil
}

// outlook loads (or reuses) the source named by ?source=.
func (s *Server) outlook(r *http.Request) (*planning.Outlook, error) {
	if s.Outcomes == nil {
		return nil, clairvoie.Say(clairvoie.ENOTFOUND, "ce serveur ne tient pas de comptes d'accidents ou d'incidents", "this server keeps no outcome counts")
	}
	name := r.URL.Query().Get("source")
	zone := s.zone(r.Context())
	return get(&s.forecasts.outlookMu, &s.forecasts.outlooks, name+"|"+zone.String(), s.Now(), func() (*planning.Outlook, error) {
		return planning.LoadOutlook(r.Context(), planning.ForecastServices{Outcomes: s.Outcomes, Days: s.Days, Events: s.Events, Zone: zone}, name)
	})
}

// handleForecast serves GET /api/forecast?date=&source=&top=: a day's
// forecast as 'clairvoie forecast --db --json' gives it (the cells, their
// intervals and events, the analogue days, the skill over the year before
// and whether it is meaningful).
func (s *Server) handleForecast(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	date, err := time.Parse("2006-01-02", q.Get("date"))
	if err != nil {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "date %q : AAAA-MM-JJ attendu", "date %q: expected YYYY-MM-DD", q.Get("date")))
		return
	}
	top := 20
	if v := q.Get("top"); v != "" {
		if top, err = strconv.Atoi(v); err != nil || top < 1 || top > 500 {
			s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "cellules %q : de 1 à 500", "top %q: expected 1 to 500", v))
			return
		}
	}
	o, err := s.outlook(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if q.Get("hours") != "" {
		s.windowForecast(w, r, o, date)
		return
	}
	key := o.Source.Name + "|" + date.Format("2006-01-02") + "|" + strconv.Itoa(top)
	f, err := get(&s.forecasts.mu, &s.forecasts.days, key, s.Now(), func() (*planning.DayForecast, error) { return o.Day(date, top) })
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

// Backtest is the answer of GET /api/backtest: every method's skill, one
// day ahead, over the last two years of a source (or its days with an
// event of a kind), with the verdict on the similar-past-days method.
type Backtest struct {
	Source     clairvoie.OutcomeSource `json:"source"`
	From       string                  `json:"from"`
	To         string                  `json:"to"`
	EventDays  string                  `json:"event_days,omitempty"`
	NearM      float64                 `json:"near_m,omitempty"` // scored only within this distance of the day's events
	Method     string                  `json:"method"`           // the similar-past-days method judged
	Meaningful bool                    `json:"meaningful"`
	WhyNot     []string                `json:"why_not,omitempty"`
	Results    []forecast.Result       `json:"results"`
	// Hours and Windows: with hours=, the methods scored on the count in
	// those hours near the events (instead of Results).
	Hours     string                 `json:"hours,omitempty"`
	Windows   []planning.WindowSkill `json:"windows,omitempty"`
	Synthetic bool                   `json:"synthetic"`
}

// handleBacktest serves GET /api/backtest?source=&event_days=KIND[&near=METRES].
func (s *Server) handleBacktest(w http.ResponseWriter, r *http.Request) {
	o, err := s.outlook(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kind := r.URL.Query().Get("event_days")
	near := 0.0
	if v := r.URL.Query().Get("near"); v != "" {
		f, ok := clairvoie.ParseFinite(v)
		if !ok || f <= 0 || f > 20000 || kind == "" {
			s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "near %q : des mètres (0 à 20 000), avec event_days", "near %q: metres (0 to 20000), with event_days", v))
			return
		}
		near = f
	}
	hours := r.URL.Query().Get("hours")
	h0, h1 := 0, 0
	if hours != "" {
		if h0, h1, err = planning.ParseHourRange(hours); err != nil || kind == "" {
			if err == nil {
				err = clairvoie.Say(clairvoie.EINVALID, "hours va avec event_days", "hours goes with event_days")
			}
			s.Error(w, r, err)
			return
		}
	}
	key := o.Source.Name + "|" + kind + "|" + strconv.FormatFloat(near, 'f', -1, 64) + "|" + strconv.Itoa(h0) + "-" + strconv.Itoa(h1)
	b, err := get(&s.forecasts.mu, &s.forecasts.skills, key, s.Now(), func() (*Backtest, error) {
		days := o.Series.Days
		from := max(1, days-730)
		if days-from < 90 {
			return nil, clairvoie.Say(clairvoie.EINVALID, "la source %q couvre %d jours : trop peu pour un test rétrospectif (90 au moins)", "source %q spans %d days: too few to backtest (90 at least)", o.Source.Name, days)
		}
		if hours != "" {
			ws, span, err := o.SkillWindows(from, days, kind, h0, h1, near)
			if err != nil {
				return nil, err
			}
			scores := make([]forecast.WindowScore, len(ws))
			for i, r := range ws {
				scores[i] = r.WindowScore
			}
			b := &Backtest{Source: o.Source, From: span[0], To: span[1], EventDays: kind, NearM: ws[0].RadiusM, Method: "analogue_calendar",
				Hours: hours, Windows: ws, Synthetic: o.Source.Synthetic, Results: []forecast.Result{}}
			b.Meaningful, b.WhyNot = planning.WindowVerdict(scores, b.Method)
			return b, nil
		}
		res := o.Skill(from, days)
		if kind != "" {
			var err error
			if res, err = o.SkillNearEvents(from, days, kind, near); err != nil {
				return nil, err
			}
		}
		method := "analogue_days"
		if o.Calendar != nil {
			method = "analogue_calendar"
		}
		ok, why := forecast.Verdict(res, method)
		return &Backtest{Source: o.Source, From: o.Series.Day(from).Format("2006-01-02"), To: o.Series.Day(days - 1).Format("2006-01-02"),
			EventDays: kind, NearM: near, Method: method, Meaningful: ok, WhyNot: why, Results: res, Synthetic: o.Source.Synthetic}, nil
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

// handleOutcomes serves GET /api/outcomes: the outcome sources.
func (s *Server) handleOutcomes(w http.ResponseWriter, r *http.Request) {
	if s.Outcomes == nil {
		writeJSON(w, http.StatusOK, []clairvoie.OutcomeSource{})
		return
	}
	srcs, err := s.Outcomes.FindOutcomeSources(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, srcs)
}

// windowForecast answers GET /api/forecast?date=&hours=18-24[&kind=][&at=lon,lat][&radius=]:
// a window's forecast as 'clairvoie forecast --hours --json' gives it.
func (s *Server) windowForecast(w http.ResponseWriter, r *http.Request, o *planning.Outlook, date time.Time) {
	q := r.URL.Query()
	from, to, err := planning.ParseHourRange(q.Get("hours"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	req := planning.WindowRequest{From: from, To: to, Kind: q.Get("kind"), RadiusM: forecast.EventRadius}
	if len(req.Kind) > 32 {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "type d'événement trop long", "event kind too long"))
		return
	}
	if v := q.Get("at"); v != "" {
		if req.At, err = planning.ParseAt(v); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if v := q.Get("radius"); v != "" {
		if req.RadiusM, err = strconv.ParseFloat(v, 64); err != nil || !(req.RadiusM >= 50 && req.RadiusM <= 5000) {
			s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "rayon %q : de 50 à 5000 m", "radius %q: expected 50 to 5000 m", v))
			return
		}
	}
	key := fmt.Sprintf("w|%s|%s|%d|%d|%s|%v|%g", o.Source.Name, date.Format("2006-01-02"), from, to, req.Kind, req.At, req.RadiusM)
	ans, err := get(&s.forecasts.mu, &s.forecasts.windows, key, s.Now(), func() (*planning.WindowAnswer, error) { return o.Window(date, req) })
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ans)
}
