package clairvoie

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// clairvoie never holds personal data. Every text that enters it — the
// names of columns, properties and tags, and every value it keeps — is
// screened, and the whole input is refused at the first one that looks
// personal, saying why and never echoing the value:
//
//   - keys (ScreenKey): words that name a person, a contact, a plate, free
//     text, a vehicle or an owner, in any case, accent or camelCase;
//   - values (ScreenText): contacts — e-mail addresses (also written
//     [at], (at) or with a full-width ＠), phone numbers (French and
//     international forms), IBAN and RIB, social security numbers (NIR),
//     licence plates (SIV and the older FNI) — refused wherever they
//     appear; and people's names — a given name from INSEE's list beside a
//     surname, a civility ("M. Dupont", "Mme X"), "chez …" — unless the name
//     is part of a public place's or organisation's name ("Place Jean
//     Jaurès", "Lycée Marie Curie", "Ville de Marseille").
//
// A name is a judgement: where a value is truly ambiguous ("Jean Jaurès",
// a metro station or a man), it is refused with the reason, and a clerk who
// knows it is public accepts that exact value in a review file (Reviewed),
// which the source's provenance records. A contact is never accepted.
// docs/personal-data.md says what is screened and how it is measured.

// personalWords are the words that, found in a key, make it look personal.
// Keys are compared after folding case and accents and splitting on
// punctuation and camelCase, so "Prénom", "first_name", "E-mail" and
// "ownerName" are all caught.
var personalWords = map[string]string{
	"name": "a person's name", "nom": "a person's name", "prenom": "a person's name",
	"firstname": "a person's name", "lastname": "a person's name", "surname": "a person's name",
	"fullname": "a person's name", "person": "a person", "personne": "a person",
	"citizen": "a citizen", "citoyen": "a citizen", "habitant": "a resident", "resident": "a resident",
	"user": "a user's identity", "username": "a user's identity", "uid": "a user's identity",
	"pseudo": "a user's identity", "author": "a person (the author)", "auteur": "a person (the author)",
	"owner": "a person (the owner)", "proprietaire": "a person (the owner)",
	"plate": "a licence plate", "plaque": "a licence plate", "immatriculation": "a licence plate",
	"numberplate": "a licence plate", "licenseplate": "a licence plate", "lpr": "a licence plate", "anpr": "a licence plate",
	"vehicle": "a vehicle", "vehicule": "a vehicle", "voiture": "a vehicle", "car": "a vehicle",
	"driver": "a person (the driver)", "conducteur": "a person (the driver)", "chauffeur": "a person (the driver)",
	"email": "an e-mail address", "mail": "an e-mail address", "mel": "an e-mail address", "courriel": "an e-mail address",
	"phone": "a phone number", "telephone": "a phone number", "tel": "a phone number",
	"mobile": "a phone number", "portable": "a phone number", "gsm": "a phone number", "fax": "a phone number",
	"iban": "bank details", "rib": "bank details", "bic": "bank details",
	"comment": "free text", "comments": "free text", "commentaire": "free text", "commentaires": "free text",
	"note": "free text", "notes": "free text", "remark": "free text", "remarks": "free text",
	"remarque": "free text", "remarques": "free text", "observation": "free text", "observations": "free text",
	"description": "free text", "desc": "free text", "details": "free text", "detail": "free text",
	"memo": "free text", "freetext": "free text", "texte": "free text", "text": "free text",
	"face": "biometric data", "visage": "biometric data", "biometric": "biometric data", "biometrie": "biometric data",
	"birth": "a date of birth", "naissance": "a date of birth", "dob": "a date of birth", "age": "a person's age",
	"sexe": "a person's sex", "gender": "a person's sex",
	"nir": "a social security number", "ssn": "a social security number", "secu": "a social security number",
	"passport": "an identity document", "passeport": "an identity document",
}

// controllerPrefixes are the first words of keys that name who runs a
// camera: a person's name there is the most common slip, so their values
// are also screened for the "Prénom NOM" shape (see screenNames).
var controllerPrefixes = map[string]bool{
	"operator": true, "controller": true, "responsable": true, "contact": true, "exploitant": true,
}

var safeKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range CanonicalKeys() {
		m[k] = true
	}
	for k := range aliases {
		m[k] = true
	}
	for k := range ignoredOnImport {
		m[k] = true
	}
	m["camera:angle"] = true
	return m
}()

// verdict is what screening decided about a key.
type verdict struct {
	why        string // why it looks personal, or ""
	controller bool   // it names who runs the camera
}

// verdicts caches the verdicts: an import meets the same few keys on every
// record. It is bounded: a file with a million distinct keys does not grow
// it without end.
var verdicts sync.Map // string → verdict
var verdictCount int64
var verdictMu sync.Mutex

func judge(key string) verdict {
	if v, ok := verdicts.Load(key); ok {
		return v.(verdict)
	}
	v := verdict{}
	if !safeKeys[key] {
		v.why = screenKey(key)
	}
	if words := keyWords(key); len(words) > 0 && controllerPrefixes[words[0]] {
		v.controller = true
	}
	verdictMu.Lock()
	if verdictCount < 10000 {
		verdicts.Store(key, v)
		verdictCount++
	}
	verdictMu.Unlock()
	return v
}

// ScreenKey says why a column, property or tag named key looks like it holds
// personal data, or returns "" if it does not.
func ScreenKey(key string) string { return judge(key).why }

func screenKey(key string) string {
	for _, w := range keyWords(key) {
		if why, ok := personalWords[w]; ok {
			return why
		}
	}
	return ""
}

// PersonalDataError is the refusal of a key or a value that looks personal.
// It names the key and the reason; a value is never echoed.
type PersonalDataError struct {
	Key     string
	Reason  string
	ByValue bool // the key looked harmless but a value did not
	// Reviewable is true when a clerk may accept the exact value knowingly
	// (a name that may be a public place's); a contact never is.
	Reviewable bool
	// Flags says that the importer takes --drop and --accept, so that the
	// message can point to them.
	Flags bool
}

func (e *PersonalDataError) Error() string {
	msg := "refused: " + quote(e.Key) + " looks like " + e.Reason + "; clairvoie never stores personal data. "
	if e.ByValue {
		msg = "refused: a value of " + quote(e.Key) + " looks like " + e.Reason + "; clairvoie never stores personal data. "
	}
	switch {
	case !e.Flags:
		return msg + "Remove it from the file"
	case e.ByValue && e.Reviewable:
		return msg + "If it is the name of a public place or body, accept this exact value in a review file (--accept FILE); otherwise remove it, or drop the field with --drop " + quote(e.Key)
	case e.ByValue:
		return msg + "Remove it, or drop the field with --drop " + quote(e.Key)
	}
	return msg + "Remove it, map it to a canonical key if it is not personal, or drop it with --drop " + quote(e.Key)
}

// ScreenTags checks every key and value of a record, in a stable order, and
// returns the first refusal, or nil. A value a clerk accepted after review
// (reviewed, which may be nil) passes if only its name screening objected.
func ScreenTags(tags map[string]string, reviewed *Reviewed) *PersonalDataError {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if why := ScreenKey(k); why != "" {
			return &PersonalDataError{Key: k, Reason: why}
		}
	}
	for _, k := range keys {
		if pe := ScreenField(k, tags[k], reviewed); pe != nil {
			return pe
		}
	}
	return nil
}

// ScreenField screens one value of the field key: nil if it may be kept.
func ScreenField(key, value string, reviewed *Reviewed) *PersonalDataError {
	f, bad := ScreenText(value, judge(key).controller)
	if !bad {
		return nil
	}
	if !f.Contact && reviewed.accepts(value) {
		return nil
	}
	return &PersonalDataError{Key: key, Reason: f.Reason, ByValue: true, Reviewable: !f.Contact}
}

// Finding is why a value looks personal.
type Finding struct {
	Reason string
	// Contact is true for an e-mail, phone, bank or social security
	// number or a plate: refused wherever it appears, never accepted.
	Contact bool
}

// ScreenText screens a value: contacts first, then people's names. strict
// adds the "Prénom NOM" shape, for the fields that name who runs a camera.
func ScreenText(v string, strict bool) (Finding, bool) {
	if v == "" {
		return Finding{}, false
	}
	if why := screenContacts(v); why != "" {
		return Finding{Reason: why, Contact: true}, true
	}
	if why := screenNames(v, strict); why != "" {
		return Finding{Reason: why}, true
	}
	return Finding{}, false
}

// ScreenValue says why a value looks personal (a contact or a person's
// name), or returns "". It is for codes and labels, which have no review.
func ScreenValue(v string) string {
	f, _ := ScreenText(v, false)
	return f.Reason
}

// keyWords folds case and accents and splits a key into words, at
// punctuation and at camelCase boundaries ("ownerName" → owner, name).
func keyWords(key string) []string {
	var b strings.Builder
	var prev rune
	for i, r := range key {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(prev) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	folded := fold(b.String())
	words := strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	// "E-mail", "e_mail": join a lone "e" with what follows.
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "e" && words[i+1] == "mail" {
			words = append(words[:i], append([]string{"email"}, words[i+2:]...)...)
		}
	}
	return words
}

// fold lower-cases s and removes its accents; compatibility forms
// (full-width letters, ligatures) read as their plain letters. It runs on
// every word the screen meets: ASCII costs nothing, the accented letters of
// French and its neighbours go through a table, the rest through NFKD.
func fold(s string) string {
	ascii, upper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		upper = upper || ('A' <= c && c <= 'Z')
	}
	if ascii && !upper {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case latinFold[r] != "":
			b.WriteString(latinFold[r])
		default:
			for _, d := range norm.NFKD.String(string(r)) {
				if !unicode.Is(unicode.Mn, d) {
					b.WriteRune(unicode.ToLower(d))
				}
			}
		}
	}
	return b.String()
}

// latinFold folds the accented letters met in French and its neighbours.
var latinFold = func() map[rune]string {
	m := map[rune]string{'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss"}
	for _, g := range []struct{ from, to string }{
		{"àáâãäåÀÁÂÃÄÅ", "a"}, {"çÇ", "c"}, {"èéêëÈÉÊË", "e"}, {"ìíîïÌÍÎÏ", "i"}, {"ñÑ", "n"},
		{"òóôõöøÒÓÔÕÖØ", "o"}, {"ùúûüÙÚÛÜ", "u"}, {"ýÿÝŸ", "y"},
	} {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}()

func quote(s string) string { return "\"" + s + "\"" }
