package auditlog

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
	f_note "github.com/transparency-dev/formats/note"
	"github.com/transparency-dev/tessera"
	"golang.org/x/mod/sumdb/note"
)

// Witnessing. A register may name witnesses (C2SP tlog-witness) in
// DIR/witness-policy, in the policy format of Sigsum that tessera reads:
//
//	witness w1 KEY URL
//	group witnesses K w1 w2 …
//	quorum witnesses
//
// Then every checkpoint is sent to each witness with a consistency proof
// from what that witness last cosigned, and a checkpoint is published only
// once K of them have cosigned it: what is served is always a cosigned
// checkpoint. A witness that is down delays nothing that matters: entries
// are still journalled, integrated and acknowledged; the served checkpoint
// then stays the last cosigned one, and ages (the server's
// clairvoie_register_checkpoint_age_seconds) until a quorum answers again.

const policyFile = "witness-policy"

// Policy is the register's witness policy: K of the witnesses must cosign.
type Policy struct {
	Witnesses []PolicyWitness `json:"witnesses"`
	Quorum    int             `json:"quorum"`
}

// PolicyWitness is a witness of the policy.
type PolicyWitness struct {
	Name string `json:"name"` // the policy's name for it
	Key  string `json:"key"`  // its verifier key (cosignature/v1)
	URL  string `json:"url"`  // its submission prefix (…/add-checkpoint is appended)
}

// ReadPolicy reads the witness policy of the register in dir (an empty
// policy when there is none).
func ReadPolicy(dir string) (Policy, error) {
	var p Policy
	b, err := os.ReadFile(filepath.Join(dir, policyFile))
	if errors.Is(err, os.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	for i, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case f[0] == "witness" && len(f) == 4:
			p.Witnesses = append(p.Witnesses, PolicyWitness{Name: f[1], Key: f[2], URL: f[3]})
		case f[0] == "group" && len(f) >= 3:
			if p.Quorum, err = strconv.Atoi(f[2]); err != nil {
				return p, fmt.Errorf("%s:%d: quorum %q", filepath.Join(dir, policyFile), i+1, f[2])
			}
		case f[0] == "quorum":
		default:
			return p, fmt.Errorf("%s:%d: unexpected %q", filepath.Join(dir, policyFile), i+1, line)
		}
	}
	if p.Quorum == 0 {
		p.Quorum = len(p.Witnesses)
	}
	return p, nil
}

// text is the policy in Sigsum's format.
func (p Policy) text() string {
	var b strings.Builder
	b.WriteString("# The register's witnesses (clairvoie log witness); a checkpoint is published once the quorum has cosigned it.\n")
	names := make([]string, len(p.Witnesses))
	for i, w := range p.Witnesses {
		fmt.Fprintf(&b, "witness %s %s %s\n", w.Name, w.Key, w.URL)
		names[i] = w.Name
	}
	fmt.Fprintf(&b, "group witnesses %d %s\nquorum witnesses\n", p.Quorum, strings.Join(names, " "))
	return b.String()
}

// group is the tessera witness group of the policy.
func (p Policy) group() (tessera.WitnessGroup, error) {
	return tessera.NewWitnessGroupFromPolicy([]byte(p.text()))
}

// AddWitness adds a witness to the register's policy (or changes its
// address) and sets the quorum (0: every witness). The register takes it
// the next time it is opened.
func AddWitness(dir, rawURL, key string, quorum int) (Policy, error) {
	p, err := ReadPolicy(dir)
	if err != nil {
		return p, err
	}
	key = strings.TrimSpace(key)
	v, err := f_note.NewVerifierForCosignatureV1(key)
	if err != nil {
		return p, clairvoie.Errorf(clairvoie.EINVALID, "witness key %q: %v (its cosignature/v1 verifier key: 'clairvoie witness key')", key, err)
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return p, clairvoie.Errorf(clairvoie.EINVALID, "witness URL %q: an http(s) address without credentials, query or fragment", rawURL)
	}
	name := policyName(v.Name())
	found := false
	for i, w := range p.Witnesses {
		if w.Key == key {
			p.Witnesses[i].URL, found = u.String(), true
		}
	}
	if !found {
		taken := map[string]bool{}
		for _, w := range p.Witnesses {
			taken[w.Name] = true
		}
		for n := 2; taken[name]; n++ {
			name = policyName(v.Name()) + "-" + strconv.Itoa(n)
		}
		p.Witnesses = append(p.Witnesses, PolicyWitness{Name: name, Key: key, URL: u.String()})
	}
	switch {
	case quorum < 0 || quorum > len(p.Witnesses):
		return p, clairvoie.Errorf(clairvoie.EINVALID, "quorum %d: between 1 and the %d witnesses", quorum, len(p.Witnesses))
	case quorum > 0:
		p.Quorum = quorum
	case p.Quorum == 0 || !found && p.Quorum == len(p.Witnesses)-1:
		p.Quorum = len(p.Witnesses) // every witness, unless told otherwise
	}
	if _, err := p.group(); err != nil {
		return p, clairvoie.Errorf(clairvoie.EINVALID, "witness policy: %v", err)
	}
	return p, writeFileSync(filepath.Join(dir, policyFile), []byte(p.text()), 0o644)
}

// policyName is a witness's key name made into a policy name (no space).
func policyName(keyName string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == '#' {
			return '_'
		}
		return r
	}, keyName)
}

// Cosigners are the witnesses among keys (cosignature/v1 verifier keys)
// whose cosignature on checkpoint verifies, with the time each gave.
func Cosigners(checkpoint []byte, keys []string) []clairvoie.Cosignature {
	var out []clairvoie.Cosignature
	for _, k := range keys {
		v, err := f_note.NewVerifierForCosignatureV1(k)
		if err != nil {
			continue
		}
		n, err := note.Open(checkpoint, note.VerifierList(v))
		if err != nil || len(n.Sigs) == 0 {
			continue
		}
		t, err := f_note.CoSigV1Timestamp(n.Sigs[0])
		if err != nil {
			continue
		}
		out = append(out, clairvoie.Cosignature{Witness: v.Name(), Key: k, Time: t.UTC()})
	}
	return out
}
