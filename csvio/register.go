package csvio

import (
	"embed"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

//go:embed registermaps/*.json
var builtinRegisterMaps embed.FS

// RegisterMapping says how a video-management system's audit-log export
// (a CSV file) becomes register entries. It is a JSON file; see
// docs/register.md. Every column of the export must be mapped or dropped
// on purpose: a column the mapping does not know is refused, a
// personal-looking one with the reason.
type RegisterMapping struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Columns maps an entry's field (kind, at, agent, role, cameras, from,
	// to, requisition, service, support, clip_sha256, recipient,
	// legal_basis, mode, change, value) to the export's column.
	Columns map[string]string `json:"columns"`
	// Events maps the export's event names (the kind column) to a kind:
	// viewing, viewing_live, extraction, transmission, destruction, config,
	// or skip (logins, PTZ moves… are not the register's business). An
	// event the mapping does not list is an error.
	Events map[string]string `json:"events"`
	// Roles maps the export's role or group names to a role; DefaultRole
	// is used without a role column.
	Roles       map[string]string `json:"roles,omitempty"`
	DefaultRole string            `json:"default_role,omitempty"`
	// TimeFormats are Go layouts tried in order (default: RFC 3339, then
	// "2006-01-02 15:04:05" and "02/01/2006 15:04:05"); TimeZone is the
	// zone of times without one (default Europe/Paris).
	TimeFormats []string `json:"time_formats,omitempty"`
	TimeZone    string   `json:"time_zone,omitempty"`
	// Drop lists columns read and thrown away on purpose: free text (an
	// operator's "reason"), workstation names, anything not to keep.
	Drop []string `json:"drop,omitempty"`
}

var registerFields = []string{"kind", "at", "agent", "role", "cameras", "from", "to", "requisition", "service", "support",
	"clip_sha256", "recipient", "legal_basis", "mode", "change", "value"}

// LoadRegisterMapping reads a mapping file, or a shipped one by name
// (registermaps/NAME.json).
func LoadRegisterMapping(name string) (*RegisterMapping, error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(name, "/\\") {
		b, err = builtinRegisterMaps.ReadFile("registermaps/" + name + ".json")
	}
	if err != nil {
		return nil, &clairvoie.ImportError{File: name, Expected: "a register mapping file, or a built-in one (vms-example)", Err: err}
	}
	var m RegisterMapping
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, jsonError(name, b, dec, err, "a register mapping (docs/register.md): name, columns, events, and optionally roles, default_role, time_formats, time_zone, drop")
	}
	for field := range m.Columns {
		if !slices.Contains(registerFields, field) {
			return nil, &clairvoie.ImportError{File: name, Field: "columns." + field, Expected: "one of " + strings.Join(registerFields, ", ")}
		}
	}
	for _, need := range []string{"kind", "at", "agent", "cameras"} {
		if m.Columns[need] == "" {
			return nil, &clairvoie.ImportError{File: name, Field: "columns." + need, Expected: "the column holding it"}
		}
	}
	for ev, k := range m.Events {
		if k != "skip" && k != "viewing_live" && !slices.Contains(registerKindNames(), k) {
			return nil, &clairvoie.ImportError{File: name, Field: "events", Value: ev, Expected: "viewing, viewing_live, extraction, transmission, destruction, config or skip"}
		}
	}
	return &m, nil
}

func registerKindNames() []string {
	var out []string
	for _, k := range clairvoie.RegisterKinds {
		out = append(out, string(k))
	}
	return out
}

// RegisterRow is one entry read from an export, with its line.
type RegisterRow struct {
	Line  int
	Entry clairvoie.RegisterEntry
}

// ReadRegister reads an audit-log export through m. pseudonym turns the
// export's agent identifier (a login, often a name) into a pseudonymous
// id; the identifier itself is never kept. Rows are returned in time
// order; errors name the line, the column and what was expected, and
// nothing is returned with one.
func ReadRegister(r io.Reader, file string, m *RegisterMapping, pseudonym func(string) string) ([]RegisterRow, error) {
	allowed := map[string]bool{}
	for _, col := range m.Columns {
		allowed[strings.ToLower(col)] = true
	}
	for _, col := range m.Drop {
		allowed[strings.ToLower(col)] = true
	}
	var cols []string
	for col := range allowed {
		cols = append(cols, col)
	}
	sort.Strings(cols)
	t, err := openStrict(r, file, allowed, "a header line", "a column the mapping maps or drops ("+strings.Join(cols, ", ")+")")
	if err != nil {
		return nil, err
	}
	t.raw = true // logins are pseudonymised; each entry is screened whole once built
	zone := m.TimeZone
	if zone == "" {
		zone = clairvoie.DefaultTimeZone
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, &clairvoie.ImportError{File: "mapping " + m.Name, Field: "time_zone", Value: zone, Expected: "an IANA time zone name such as Europe/Paris"}
	}
	formats := m.TimeFormats
	if len(formats) == 0 {
		formats = []string{time.RFC3339, "2006-01-02 15:04:05", "02/01/2006 15:04:05", "2006-01-02T15:04:05"}
	}
	get := func(rec []string, field string) string {
		if col := m.Columns[field]; col != "" {
			return t.get(rec, strings.ToLower(col))
		}
		return ""
	}
	var out []RegisterRow
	for {
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		fail := func(field, value, expected string) error {
			col := m.Columns[field]
			if col == "" {
				col = field
			}
			return &clairvoie.ImportError{File: file, Line: line, Field: col, Value: value, Expected: expected}
		}
		ev := get(rec, "kind")
		kind, ok := m.Events[ev]
		if !ok {
			return nil, fail("kind", ev, "an event the mapping lists (events)")
		}
		if kind == "skip" {
			continue
		}
		var e clairvoie.RegisterEntry
		if kind == "viewing_live" {
			e.Kind, e.Live = clairvoie.RegisterViewing, true
		} else {
			e.Kind = clairvoie.RegisterKind(kind)
		}
		when := func(field string, need bool) (*time.Time, error) {
			v := get(rec, field)
			if v == "" {
				if need {
					return nil, fail(field, "", "a date and time")
				}
				return nil, nil
			}
			for _, f := range formats {
				if tt, err := time.ParseInLocation(f, v, loc); err == nil {
					return &tt, nil
				}
			}
			return nil, fail(field, v, "a date and time as "+strings.Join(formats, " or "))
		}
		at, err := when("at", true)
		if err != nil {
			return nil, err
		}
		e.At = *at
		if e.From, err = when("from", false); err != nil {
			return nil, err
		}
		if e.To, err = when("to", false); err != nil {
			return nil, err
		}
		login := get(rec, "agent")
		if login == "" {
			return nil, fail("agent", "", "the agent's identifier (pseudonymised on import)")
		}
		e.Agent = pseudonym(login)
		e.Role = m.DefaultRole
		if v := get(rec, "role"); v != "" {
			if e.Role, ok = m.Roles[v]; !ok {
				return nil, fail("role", v, "a role the mapping lists (roles)")
			}
		}
		for _, c := range strings.FieldsFunc(get(rec, "cameras"), func(r rune) bool { return r == ';' || r == '|' }) {
			e.Cameras = append(e.Cameras, strings.TrimSpace(c))
		}
		e.Requisition, e.Service, e.Support = get(rec, "requisition"), get(rec, "service"), get(rec, "support")
		e.ClipSHA256, e.Recipient, e.LegalBasis = strings.ToLower(get(rec, "clip_sha256")), get(rec, "recipient"), get(rec, "legal_basis")
		e.Mode, e.Change, e.Value = get(rec, "mode"), get(rec, "change"), get(rec, "value")
		// Validate refuses what is not a code (a name, an e-mail, a plate, a
		// phone number) in every kept field; dropped columns are not kept.
		if err := e.Validate(); err != nil {
			return nil, &clairvoie.ImportError{File: file, Line: line, Err: err}
		}
		out = append(out, RegisterRow{Line: line, Entry: e})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Entry.At.Before(out[j].Entry.At) })
	return out, nil
}
