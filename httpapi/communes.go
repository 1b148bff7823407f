package httpapi

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"sync"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/areas"
	"github.com/paulmach/orb"
)

// commune is one commune of the workspace as the web app scopes its pages
// to it: the sources that hold cameras there, its arrondissements with
// their names, and the source a reduction plan can run on.
type commune struct {
	Code            string          `json:"code"` // INSEE; "" for cameras placed in no commune
	Name            string          `json:"name"` // "" when neither the areas nor the code tell it
	Cameras         int             `json:"cameras"`
	Synthetic       int             `json:"synthetic"`
	BBox            [4]float64      `json:"bbox"` // min lon, min lat, max lon, max lat of its cameras
	Boundary        bool            `json:"boundary"`
	Sources         []communeSource `json:"sources"`
	Arrondissements []namedArea     `json:"arrondissements"`
	// PlanSource is the source with the most usage months in the commune:
	// what the plan and the fibre run on ("" when no camera there has any).
	PlanSource string `json:"plan_source"`
}

type communeSource struct {
	Name        string `json:"name"`
	Format      string `json:"format"`
	Cameras     int    `json:"cameras"`
	Synthetic   bool   `json:"synthetic"`
	UsageMonths int    `json:"usage_months"`
}

type namedArea struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// handleCommunes serves GET /api/communes: the communes the workspace's
// cameras stand in, the largest first, so that every page shows one city
// at a time.
func (s *Server) handleCommunes(w http.ResponseWriter, r *http.Request) {
	if len(r.URL.Query()) > 0 {
		s.Error(w, r, clairvoie.Say(clairvoie.EINVALID, "/api/communes ne prend aucun paramètre", "/api/communes takes no parameter"))
		return
	}
	list, err := s.communeList(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"communes": list})
}

// communeCache keeps the communes by version of the registry (summing the
// usage ledger takes a few hundred milliseconds on the demo): a change to
// the cameras is seen at once, a usage import within forecastTTL.
type communeCache struct {
	mu sync.Mutex
	m  map[string]cached[[]*commune]
}

func (s *Server) communeList(ctx context.Context) ([]*commune, error) {
	version, err := s.Cameras.RegistryVersion(ctx)
	if err != nil {
		return nil, err
	}
	return get(&s.communes.mu, &s.communes.m, strconv.FormatInt(version, 10), s.Now(), func() ([]*commune, error) {
		cams, _, err := s.Cameras.FindCameras(ctx, clairvoie.CameraFilter{})
		if err != nil {
			return nil, err
		}
		r, _ := http.NewRequestWithContext(ctx, "GET", "/", nil)
		list, _, err := s.loadAreas(r)
		if err != nil {
			return nil, err
		}
		srcs, err := s.Cameras.FindSources(ctx)
		if err != nil {
			return nil, err
		}
		months := map[int64]int{}
		if s.Usage != nil {
			sums, err := s.Usage.SumUsage(ctx, clairvoie.UsageFilter{})
			if err != nil {
				return nil, err
			}
			for _, u := range sums {
				months[u.CameraID] = u.Months
			}
		}
		return communesOf(cams, list, srcs, months), nil
	})
}

// communesOf groups cameras by commune (a camera with only an
// arrondissement municipal counts in its commune).
func communesOf(cams []*clairvoie.Camera, list []clairvoie.Area, srcs []clairvoie.Source, months map[int64]int) []*commune {
	names := map[clairvoie.AreaKind]map[string]string{clairvoie.AreaCommune: {}, clairvoie.AreaArrondissement: {}}
	for _, a := range list {
		if m, ok := names[a.Kind]; ok {
			m[a.Code] = a.Name
		}
	}
	name := func(kind clairvoie.AreaKind, code string) string {
		if n := names[kind][code]; n != "" {
			return n
		}
		return areas.Name(kind, code)
	}
	format := map[string]clairvoie.Source{}
	for _, s := range srcs {
		format[s.Name] = s
	}
	by := map[string]*commune{}
	bounds := map[string]orb.Bound{}
	perSource := map[string]map[string]*communeSource{}
	arrs := map[string]map[string]bool{}
	for _, c := range cams {
		code := communeOf(c)
		k := by[code]
		if k == nil {
			_, boundary := names[clairvoie.AreaCommune][code]
			k = &commune{Code: code, Name: name(clairvoie.AreaCommune, code), Boundary: boundary}
			by[code] = k
			bounds[code] = c.Location.Bound()
			perSource[code] = map[string]*communeSource{}
			arrs[code] = map[string]bool{}
		}
		k.Cameras++
		if c.Synthetic {
			k.Synthetic++
		}
		bounds[code] = bounds[code].Extend(c.Location)
		src := c.Provenance.Source
		cs := perSource[code][src]
		if cs == nil {
			cs = &communeSource{Name: src, Format: format[src].Format, Synthetic: format[src].Synthetic}
			perSource[code][src] = cs
		}
		cs.Cameras++
		cs.UsageMonths += months[c.ID]
		if c.Arrondissement != "" {
			arrs[code][c.Arrondissement] = true
		}
	}
	out := make([]*commune, 0, len(by))
	for code, k := range by {
		b := bounds[code]
		k.BBox = [4]float64{b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat()}
		best := 0
		for _, cs := range perSource[code] {
			k.Sources = append(k.Sources, *cs)
			if cs.UsageMonths > best {
				k.PlanSource, best = cs.Name, cs.UsageMonths
			}
		}
		sort.Slice(k.Sources, func(i, j int) bool {
			if k.Sources[i].Cameras != k.Sources[j].Cameras {
				return k.Sources[i].Cameras > k.Sources[j].Cameras
			}
			return k.Sources[i].Name < k.Sources[j].Name
		})
		k.Arrondissements = []namedArea{}
		for a := range arrs[code] {
			n := name(clairvoie.AreaArrondissement, a)
			if n == "" {
				n = a
			}
			k.Arrondissements = append(k.Arrondissements, namedArea{a, n})
		}
		sort.Slice(k.Arrondissements, func(i, j int) bool { return k.Arrondissements[i].Code < k.Arrondissements[j].Code })
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Code == "") != (out[j].Code == "") {
			return out[j].Code == ""
		}
		if out[i].Cameras != out[j].Cameras {
			return out[i].Cameras > out[j].Cameras
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// communeOf is a camera's commune, from its arrondissement municipal when
// only that is known.
func communeOf(c *clairvoie.Camera) string {
	if c.Commune != "" {
		return c.Commune
	}
	return areas.CommuneOf(c.Arrondissement)
}
