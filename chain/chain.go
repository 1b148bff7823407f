// Package chain lays the installation flat for the public: what the
// systems behind the cameras can do with the images (the analytics
// modules enabled, on how many cameras, since when and on which basis),
// who receives them (the flows), what is proprietary and what it costs
// each year, and the plain statement a citizen reads ("no face
// recognition; shape-and-colour search on 120 cameras since 2019…"). It
// is pure: the declaration, the cameras and the day in, a summary out.
package chain

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/internal/locale"
)

// Capability is what one kind of analytics does today, over all modules.
type Capability struct {
	Kind    clairvoie.AnalyticKind `json:"kind"`
	LabelFR string                 `json:"label_fr"`
	LabelEN string                 `json:"label_en"`
	Enabled bool                   `json:"enabled"`           // some module of this kind is enabled today
	Cameras int                    `json:"cameras"`           // cameras it is enabled on today (all: the registry's count)
	Since   clairvoie.Date         `json:"since"`             // the earliest start of a module enabled today
	Bases   []string               `json:"bases"`             // the legal bases stated, as codes
	Ended   int                    `json:"ended"`             // modules of this kind that ran and stopped
	Modules []string               `json:"modules,omitempty"` // the refs, enabled today
}

// Recipient is one organisation that receives images or access today.
type Recipient struct {
	Code    string               `json:"code"`
	Country string               `json:"country"`
	Types   []clairvoie.FlowType `json:"types"`
	Cameras int                  `json:"cameras"`
	// Conventions are the conventions on record ("" is left out; Without
	// counts the flows that have none).
	Conventions []string `json:"conventions"`
	Without     int      `json:"without_convention"`
	OutsideEEA  bool     `json:"outside_eea"`
}

// ContractLine is one contract linked to what it pays for: the systems
// that name it and the installed cameras whose registry record names it
// (clairvoie:contract).
type ContractLine struct {
	Ref         string   `json:"ref"`
	Yearly      float64  `json:"yearly_eur"`
	Running     bool     `json:"running"` // notified and not over on the day
	Systems     []string `json:"systems"`
	Proprietary bool     `json:"proprietary"` // it pays for a proprietary system
	Cameras     int      `json:"cameras"`
}

// Costs sums up the contracts.
type Costs struct {
	Contracts int     `json:"contracts"`
	Total     float64 `json:"total_eur"`  // every contract's amount, excluding VAT
	Yearly    float64 `json:"yearly_eur"` // contracts running today, spread over their years
	// YearlyProprietary is the part of Yearly paying for systems whose
	// licence is proprietary (the systems name their contract).
	YearlyProprietary float64 `json:"yearly_proprietary_eur"`
	// Lines links each contract to its systems and cameras.
	Lines []ContractLine `json:"lines"`
}

// Summary is the installation laid flat as of a day.
type Summary struct {
	Today        clairvoie.Date `json:"today"`
	Systems      int            `json:"systems"`
	Proprietary  int            `json:"proprietary"` // systems under a proprietary licence
	Free         int            `json:"free"`
	Capabilities []Capability   `json:"capabilities"` // one per kind, in clairvoie.AnalyticKinds order
	Recipients   []Recipient    `json:"recipients"`
	Costs        Costs          `json:"costs"`
	StatementFR  []string       `json:"statement_fr"`
	StatementEN  []string       `json:"statement_en"`
	Synthetic    bool           `json:"synthetic"` // some item of the declaration is synthetic
}

// Summarise lays the installation flat as of today. installed are the
// cameras installed on the public way, which "*" and "source:NAME" count.
func Summarise(inst *clairvoie.Installation, installed []*clairvoie.Camera, today clairvoie.Date) Summary {
	s := Summary{Today: today, Systems: len(inst.Systems), Capabilities: []Capability{}, Recipients: []Recipient{}}
	licence := map[string]string{}
	for _, sys := range inst.Systems {
		switch sys.Licence {
		case "proprietary":
			s.Proprietary++
		case "free":
			s.Free++
		}
		if sys.ContractRef != "" && sys.Licence == "proprietary" {
			licence[sys.ContractRef] = "proprietary"
		}
		s.Synthetic = s.Synthetic || sys.Synthetic
	}
	count := func(set clairvoie.CameraSet) int { return set.Count(installed) }
	for _, kind := range clairvoie.AnalyticKinds {
		c := Capability{Kind: kind, LabelFR: kind.Label("fr"), LabelEN: kind.Label("en"), Bases: []string{}}
		refs := map[string]bool{}
		all, sources := false, map[string]bool{}
		for _, a := range inst.Analytics {
			if a.Kind != kind || a.From.After(today) {
				continue
			}
			s.Synthetic = s.Synthetic || a.Synthetic
			if !clairvoie.Active(a.From, a.To, today) {
				c.Ended++
				continue
			}
			c.Enabled = true
			c.Modules = append(c.Modules, a.Ref)
			if c.Since.IsZero() || a.From.Before(c.Since) {
				c.Since = a.From
			}
			if a.LegalBasis != "" && !slices.Contains(c.Bases, a.LegalBasis) {
				c.Bases = append(c.Bases, a.LegalBasis)
			}
			all = all || a.Cameras.All
			if a.Cameras.Source != "" {
				sources[a.Cameras.Source] = true
			}
			for _, r := range a.Cameras.Refs {
				refs[r] = true
			}
		}
		// The cameras it is enabled on, each counted once.
		for _, cam := range installed {
			if all || sources[cam.Provenance.Source] || refs[cam.SourceRef] {
				c.Cameras++
			}
		}
		s.Capabilities = append(s.Capabilities, c)
	}
	by := map[string]*Recipient{}
	for _, f := range inst.Flows {
		s.Synthetic = s.Synthetic || f.Synthetic
		if !clairvoie.Active(f.From, f.To, today) || f.From.After(today) {
			continue
		}
		r := by[f.Recipient]
		if r == nil {
			r = &Recipient{Code: f.Recipient, Country: f.Country, Types: []clairvoie.FlowType{}, Conventions: []string{}}
			by[f.Recipient] = r
		}
		if !slices.Contains(r.Types, f.Type) {
			r.Types = append(r.Types, f.Type)
		}
		if n := count(f.Cameras); n > r.Cameras {
			r.Cameras = n
		}
		if f.Convention == "" {
			r.Without++
		} else if !slices.Contains(r.Conventions, f.Convention) {
			r.Conventions = append(r.Conventions, f.Convention)
		}
		r.OutsideEEA = r.OutsideEEA || !clairvoie.InEEA(f.Country)
	}
	for _, code := range sortedKeys(by) {
		s.Recipients = append(s.Recipients, *by[code])
	}
	systemsOf := map[string][]string{}
	for _, sys := range inst.Systems {
		if sys.ContractRef != "" {
			systemsOf[sys.ContractRef] = append(systemsOf[sys.ContractRef], sys.Ref)
		}
	}
	camerasOf := map[string]int{}
	for _, cam := range installed {
		if cam.ContractRef != "" {
			camerasOf[cam.ContractRef]++
		}
	}
	s.Costs.Lines = []ContractLine{}
	for _, c := range inst.Contracts {
		s.Synthetic = s.Synthetic || c.Synthetic
		s.Costs.Contracts++
		s.Costs.Total += c.Amount
		line := ContractLine{Ref: c.Ref, Yearly: c.Yearly(), Systems: systemsOf[c.Ref], Proprietary: licence[c.Ref] == "proprietary", Cameras: camerasOf[c.Ref]}
		if line.Systems == nil {
			line.Systems = []string{}
		}
		months := c.DurationMonths
		if months == 0 {
			months = 12 // unknown: counted for a year
		}
		end := c.Notified.AddDate(0, months, 0)
		line.Running = !c.Notified.IsZero() && !c.Notified.After(today) && today.Before(end)
		s.Costs.Lines = append(s.Costs.Lines, line)
		if line.Running {
			s.Costs.Yearly += c.Yearly()
			if licence[c.Ref] == "proprietary" {
				s.Costs.YearlyProprietary += c.Yearly()
			}
		}
	}
	s.StatementFR, s.StatementEN = statement(s)
	return s
}

// statement writes what the installation can and cannot do, in plain
// words, French and English.
func statement(s Summary) (fr, en []string) {
	for _, c := range s.Capabilities {
		basis := func(lang string) string {
			if len(c.Bases) == 0 {
				return map[string]string{"fr": "sans base légale déclarée", "en": "no legal basis declared"}[lang]
			}
			return map[string]string{"fr": "base : ", "en": "basis: "}[lang] + strings.Join(c.Bases, ", ")
		}
		switch {
		case c.Enabled:
			fr = append(fr, fmt.Sprintf("%s : en service sur %s caméras depuis le %s (%s).", capital(c.LabelFR), locale.Int(locale.FR, c.Cameras), locale.Date(locale.FR, c.Since.Time()), basis("fr")))
			en = append(en, fmt.Sprintf("%s: enabled on %s cameras since %s (%s).", capital(c.LabelEN), locale.Int(locale.EN, c.Cameras), locale.Date(locale.EN, c.Since.Time()), basis("en")))
		case c.Ended > 0:
			fr = append(fr, fmt.Sprintf("%s : plus en service aujourd'hui (%d module(s) arrêté(s)).", capital(c.LabelFR), c.Ended))
			en = append(en, fmt.Sprintf("%s: no longer enabled (%d module(s) stopped).", capital(c.LabelEN), c.Ended))
		case c.Kind.Prohibited() || c.Kind == clairvoie.AnalyticTracking:
			none := "Aucune %s déclarée."
			if c.Kind == clairvoie.AnalyticTracking {
				none = "Aucun %s déclaré."
			}
			fr = append(fr, fmt.Sprintf(none, c.LabelFR))
			en = append(en, fmt.Sprintf("No %s declared.", c.LabelEN))
		}
	}
	if len(s.Recipients) == 0 {
		fr = append(fr, "Aucun destinataire extérieur déclaré.")
		en = append(en, "No outside recipient declared.")
	} else {
		var codes []string
		for _, r := range s.Recipients {
			codes = append(codes, r.Code)
		}
		fr = append(fr, fmt.Sprintf("Destinataires déclarés des images ou d'un accès : %s.", strings.Join(codes, ", ")))
		en = append(en, fmt.Sprintf("Declared recipients of images or access: %s.", strings.Join(codes, ", ")))
	}
	if s.Systems > 0 {
		fr = append(fr, fmt.Sprintf("%s systèmes dans la chaîne : %s sous licence propriétaire, %s en logiciel libre.", locale.Int(locale.FR, s.Systems), locale.Int(locale.FR, s.Proprietary), locale.Int(locale.FR, s.Free)))
		en = append(en, fmt.Sprintf("%s systems in the chain: %s proprietary, %s free software.", locale.Int(locale.EN, s.Systems), locale.Int(locale.EN, s.Proprietary), locale.Int(locale.EN, s.Free)))
	}
	return fr, en
}

func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Applies is what applies to one camera today: the analytics modules
// enabled on it and the flows that carry its images.
type Applies struct {
	Analytics []clairvoie.Analytic `json:"analytics"`
	Flows     []clairvoie.Flow     `json:"flows"`
}

// ForCamera returns what applies to the camera today.
func ForCamera(inst *clairvoie.Installation, c *clairvoie.Camera, today clairvoie.Date) Applies {
	out := Applies{Analytics: []clairvoie.Analytic{}, Flows: []clairvoie.Flow{}}
	for _, a := range inst.Analytics {
		if a.Cameras.Has(c.SourceRef, c.Provenance.Source) && clairvoie.Active(a.From, a.To, today) {
			out.Analytics = append(out.Analytics, a)
		}
	}
	for _, f := range inst.Flows {
		if f.Cameras.Has(c.SourceRef, c.Provenance.Source) && clairvoie.Active(f.From, f.To, today) {
			out.Flows = append(out.Flows, f)
		}
	}
	return out
}
