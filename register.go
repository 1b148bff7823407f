package clairvoie

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"time"
)

// RegisterKind is what a register entry records.
type RegisterKind string

// The kinds of register entries: the law's register of every viewing,
// extraction and transmission of footage, the destructions, and the
// changes to the installation's configuration.
const (
	RegisterViewing      RegisterKind = "viewing"      // live or recorded footage watched
	RegisterExtraction   RegisterKind = "extraction"   // footage copied out, on a requisition
	RegisterTransmission RegisterKind = "transmission" // footage handed to an outside organisation
	RegisterDestruction  RegisterKind = "destruction"  // footage destroyed, at the end of retention or by hand
	RegisterConfig       RegisterKind = "config"       // a camera added, moved, removed, its retention changed
)

// RegisterKinds lists the kinds in the order reports show them.
var RegisterKinds = []RegisterKind{RegisterViewing, RegisterExtraction, RegisterTransmission, RegisterDestruction, RegisterConfig}

// Roles of the people and programs that act on the installation. An entry
// names its author by role and pseudonymous id, never by name.
const (
	RoleAgent      = "agent"      // watches, records viewings and extractions
	RoleSupervisor = "supervisor" // runs the supervision centre, reads the whole register
	RoleDPO        = "dpo"        // the data-protection officer
	RoleAdmin      = "admin"      // configures the installation
	RoleSystem     = "system"     // the recording system itself (automatic destruction)
)

// Config changes a RegisterConfig entry records.
var RegisterChanges = []string{"camera_added", "camera_moved", "camera_removed", "retention_changed", "purpose_changed"}

// RegisterEntry is one line of the register. It holds no personal data:
// the agent appears by a pseudonymous id and a role, the requesting service
// and the recipient by an organisation code, the footage by its camera,
// period, support reference and hash. Every field is a code, a reference, a
// date or a number: there is no free text that could hold a name.
type RegisterEntry struct {
	Kind    RegisterKind `json:"kind"`
	At      time.Time    `json:"at"`    // when it happened (UTC, to the second)
	Agent   string       `json:"agent"` // pseudonymous id of who did it
	Role    string       `json:"role"`
	Cameras []string     `json:"cameras,omitempty"` // the cameras concerned (refs)
	// From and To bound the recording period concerned: the footage viewed,
	// extracted, sent or destroyed. A live viewing has none.
	From *time.Time `json:"from,omitempty"`
	To   *time.Time `json:"to,omitempty"`
	Live bool       `json:"live,omitempty"` // a viewing of live footage

	Requisition string `json:"requisition,omitempty"` // extraction: the requisition's reference
	Service     string `json:"service,omitempty"`     // extraction: the requesting service (an organisation code)
	Support     string `json:"support,omitempty"`     // extraction: the support's reference
	ClipSHA256  string `json:"clip_sha256,omitempty"` // extraction: hash of the clip, hex

	Recipient  string `json:"recipient,omitempty"`   // transmission: the receiving organisation (code)
	LegalBasis string `json:"legal_basis,omitempty"` // transmission: the legal basis (code, e.g. cpp-77-1-1)

	Mode string `json:"mode,omitempty"` // destruction: automatic or manual

	Change string `json:"change,omitempty"` // config: one of RegisterChanges
	Value  string `json:"value,omitempty"`  // config: the new value (a number of days, "lon,lat"…)

	// Recorded is when the register received the entry. The log sets it,
	// whatever the writer sent: At is a claim, Recorded a fact, and both
	// are committed in the log. Entries logged before clairvoie kept it
	// have none (the zero time, left out of their encoding).
	Recorded time.Time `json:"recorded,omitzero"`
	// Imported marks an entry recorded late on purpose, in bulk, from the
	// video-management system's own audit log ('clairvoie log import'):
	// its At may be long before its Recorded. A live append never is.
	Imported bool `json:"imported,omitempty"`
}

// Bounds between the time an entry states and the time it was recorded.
const (
	// MaxClockSkew is how far in the future of its recording an entry may
	// say it happened (clocks differ a little).
	MaxClockSkew = 5 * time.Minute
	// DefaultMaxLag is how long after the fact an entry may be recorded
	// live: the end of a shift, a night. Later, it goes through 'log
	// import', which marks it imported; either way the checks count a
	// destruction recorded after its deadline as a finding.
	DefaultMaxLag = 24 * time.Hour
)

// ValidateTime checks the entry's stated times against the time it was
// recorded (which must be set): nothing stated after the recording (beyond
// MaxClockSkew), and, unless imported, nothing stated more than maxLag
// before it. The error names the field and what was expected.
func (e *RegisterEntry) ValidateTime(maxLag time.Duration) error {
	bad := func(field, expected string) error {
		return Errorf(EINVALID, "register entry: field %q: expected %s", field, expected)
	}
	if e.Recorded.IsZero() {
		return bad("recorded", "the time the register received the entry (set by the log)")
	}
	latest := e.Recorded.Add(MaxClockSkew)
	if e.At.After(latest) {
		return bad("at", "a time that has come: "+e.At.UTC().Format(time.RFC3339)+" is after the entry was recorded ("+e.Recorded.UTC().Format(time.RFC3339)+")")
	}
	for _, t := range []*time.Time{e.From, e.To} {
		if t != nil && t.After(latest) {
			return bad("from/to", "a recording period that has come (it ends after the entry was recorded)")
		}
	}
	if !e.Imported && maxLag > 0 && e.Recorded.Sub(e.At) > maxLag {
		return bad("at", "a time at most "+maxLag.String()+" before the entry is recorded: an entry recorded later goes through 'clairvoie log import', which marks it imported (and a destruction recorded after its deadline stays a finding)")
	}
	return nil
}

var (
	// A pseudonymous id, a reference or an organisation code: letters,
	// digits and a few separators, no spaces (no "Jean Dupont").
	codeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$`)
	hashRe = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// A config value: a number, a coordinate pair, a code.
	valueRe = regexp.MustCompile(`^[A-Za-z0-9._:,/-]{1,64}$`)
)

// Validate checks an entry: the fields its kind needs, only those, each in
// its form. The error names the field and what was expected.
func (e *RegisterEntry) Validate() error {
	bad := func(field, expected string) error {
		return Errorf(EINVALID, "register entry: field %q: expected %s", field, expected)
	}
	if !slices.Contains(RegisterKinds, e.Kind) {
		return bad("kind", "viewing, extraction, transmission, destruction or config")
	}
	if e.At.IsZero() || e.At.Year() < 2000 || e.At.Year() > 2200 {
		return bad("at", "a date and time (RFC 3339)")
	}
	// Every code is screened as a value: a pseudonymous id or a reference
	// that holds a phone number, a plate or a person's name is refused,
	// with the reason and never the value.
	for _, f := range [][2]string{{"agent", e.Agent}, {"requisition", e.Requisition}, {"service", e.Service},
		{"support", e.Support}, {"recipient", e.Recipient}, {"legal_basis", e.LegalBasis}, {"mode", e.Mode},
		{"change", e.Change}, {"value", e.Value}} {
		if why := ScreenValue(f[1]); why != "" {
			return bad(f[0], "a code, never personal data (this one looks like "+why+")")
		}
	}
	for _, c := range e.Cameras {
		if why := ScreenValue(c); why != "" {
			return bad("cameras", "camera references, never personal data (one looks like "+why+")")
		}
	}
	if !codeRe.MatchString(e.Agent) {
		return bad("agent", "a pseudonymous id (letters, digits, . _ : / -; no spaces, never a name)")
	}
	if !slices.Contains([]string{RoleAgent, RoleSupervisor, RoleDPO, RoleAdmin, RoleSystem}, e.Role) {
		return bad("role", "agent, supervisor, dpo, admin or system")
	}
	for _, c := range e.Cameras {
		if !codeRe.MatchString(c) {
			return bad("cameras", "camera references (letters, digits, . _ : / -)")
		}
	}
	if (e.From == nil) != (e.To == nil) || (e.From != nil && e.To.Before(*e.From)) {
		return bad("from/to", "both ends of the recording period, from before to")
	}
	code := func(field, v string, need bool) error {
		switch {
		case v == "" && need:
			return bad(field, "a code (letters, digits, . _ : / -; never a person's name)")
		case v != "" && !codeRe.MatchString(v):
			return bad(field, "a code (letters, digits, . _ : / -; never a person's name)")
		}
		return nil
	}
	only := func(allowed ...string) error {
		set := map[string]string{"requisition": e.Requisition, "service": e.Service, "support": e.Support, "clip_sha256": e.ClipSHA256,
			"recipient": e.Recipient, "legal_basis": e.LegalBasis, "mode": e.Mode, "change": e.Change, "value": e.Value}
		for k, v := range set {
			if v != "" && !slices.Contains(allowed, k) {
				return bad(k, "nothing for a "+string(e.Kind)+" entry")
			}
		}
		return nil
	}
	period := func() error {
		if e.From == nil {
			return bad("from/to", "the recording period concerned")
		}
		return nil
	}
	cameras := func() error {
		if len(e.Cameras) == 0 {
			return bad("cameras", "the cameras concerned")
		}
		return nil
	}
	var errs []error
	switch e.Kind {
	case RegisterViewing:
		errs = append(errs, only(), cameras())
		if e.Live && e.From != nil {
			errs = append(errs, bad("from/to", "no recording period for a live viewing"))
		}
		if !e.Live {
			errs = append(errs, period())
		}
	case RegisterExtraction:
		errs = append(errs, only("requisition", "service", "support", "clip_sha256"), cameras(), period(),
			code("requisition", e.Requisition, true), code("service", e.Service, true), code("support", e.Support, false))
		if e.ClipSHA256 != "" && !hashRe.MatchString(e.ClipSHA256) {
			errs = append(errs, bad("clip_sha256", "a SHA-256 in lower-case hex (64 characters)"))
		}
	case RegisterTransmission:
		errs = append(errs, only("recipient", "legal_basis", "requisition", "support"), cameras(), period(),
			code("recipient", e.Recipient, true), code("legal_basis", e.LegalBasis, true),
			code("requisition", e.Requisition, false), code("support", e.Support, false))
	case RegisterDestruction:
		errs = append(errs, only("mode", "support"), cameras(), period(), code("support", e.Support, false))
		if e.Mode != "automatic" && e.Mode != "manual" {
			errs = append(errs, bad("mode", "automatic or manual"))
		}
	case RegisterConfig:
		errs = append(errs, only("change", "value"), cameras())
		if !slices.Contains(RegisterChanges, e.Change) {
			errs = append(errs, bad("change", "camera_added, camera_moved, camera_removed, retention_changed or purpose_changed"))
		}
		if e.Value != "" && !valueRe.MatchString(e.Value) {
			errs = append(errs, bad("value", "a number, a coordinate pair or a code"))
		}
	}
	if e.Live && e.Kind != RegisterViewing {
		errs = append(errs, bad("live", "only for a viewing"))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Normalize puts the times in UTC to the second, so that an entry has one
// canonical encoding whoever writes it.
func (e *RegisterEntry) Normalize() {
	e.At = e.At.UTC().Truncate(time.Second)
	if !e.Recorded.IsZero() {
		e.Recorded = e.Recorded.UTC().Truncate(time.Second)
	}
	for _, t := range []**time.Time{&e.From, &e.To} {
		if *t != nil {
			u := (*t).UTC().Truncate(time.Second)
			*t = &u
		}
	}
}

// Canonical is the entry's canonical encoding: JSON, fields in declaration
// order, times in UTC to the second. The commitment is computed over it.
func (e RegisterEntry) Canonical() []byte {
	e.Normalize()
	b, _ := json.Marshal(e) // a struct of strings, times and bools always marshals
	return b
}

// Commitment is what the public log holds for an entry: SHA-256 of a
// 32-byte random salt followed by the canonical entry. Without the salt
// nobody can test a guess of the entry against the log; whoever holds the
// entry and its salt (a court, the DPO) can show it was logged.
func (e RegisterEntry) Commitment(salt []byte) [32]byte {
	h := sha256.New()
	h.Write(salt)
	h.Write(e.Canonical())
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Receipt is what proves one entry was logged: the entry, its salt and its
// index in the log. It is private (it holds the entry), kept by the city
// and handed to whoever must check the register.
type Receipt struct {
	Entry RegisterEntry `json:"entry"`
	Salt  string        `json:"salt"` // hex
	Index uint64        `json:"index"`
}

// CommitmentHex decodes the salt and returns the commitment in hex.
func (r Receipt) CommitmentHex() (string, error) {
	salt, err := hex.DecodeString(r.Salt)
	if err != nil || len(salt) != 32 {
		return "", Errorf(EINVALID, "receipt: salt: expected 64 hex characters")
	}
	c := r.Entry.Commitment(salt)
	return hex.EncodeToString(c[:]), nil
}

// SyntheticOrigin tells whether a register is a generated one: its name
// says so (every checkpoint carries it), as the demo's does.
func SyntheticOrigin(origin string) bool { return strings.Contains(origin, "synthetic") }

// RegisterService is the register: the only code that knows where and how
// it is kept (auditlog.Log, a transparency log on disk). The server and the
// open data speak to it, never to its files.
type RegisterService interface {
	// Append records entries and returns their receipts once the log holds
	// them durably.
	Append(ctx context.Context, entries []RegisterEntry) ([]Receipt, error)
	// Entries returns the entries whose journal line verifies against the
	// log, in log order, and the recent ones the log holds that no
	// checkpoint covers yet (pending). Problems counts the lines left out.
	Entries(ctx context.Context) (verified, pending []Receipt, problems []string, err error)
	// Checkpoint is the latest signed checkpoint (a C2SP signed note).
	Checkpoint(ctx context.Context) ([]byte, error)
	// VerifierKey is the log's verifier key (a C2SP signed-note verifier
	// string); Origin the log's name, which the key begins with.
	VerifierKey() string
	Origin() string
	// Public is what anyone may read: the C2SP tlog-tiles resources
	// (checkpoint, tiles, entry bundles), nothing else.
	Public() fs.FS
	// Cosignatures are the cosignatures of the register's witnesses on
	// the latest checkpoint that verify (none when it has no witness).
	Cosignatures(ctx context.Context) ([]Cosignature, error)
}

// Cosignature is a witness's cosignature on a checkpoint (C2SP
// tlog-cosignature/v1): who, with which key, and when it says it signed.
type Cosignature struct {
	Witness string    `json:"witness"`
	Key     string    `json:"key"`
	Time    time.Time `json:"time"`
}
