package clairvoie

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// clairvoie never holds personal data. Every import screens the names of
// its columns, properties or tags, and the values of those it keeps, and
// refuses the whole file at the first one that looks personal, saying why.
// A user who knows a column is harmless maps it to a canonical key (CSV
// mapping) or drops it explicitly (--drop); nothing is dropped silently.

// personalWords are the words that, found in a key, make it look personal.
// Keys are compared after folding case and accents and splitting on
// punctuation, so "Prénom", "first_name" and "E-mail" are all caught.
var personalWords = map[string]string{
	"name": "a person's name", "nom": "a person's name", "prenom": "a person's name",
	"firstname": "a person's name", "lastname": "a person's name", "surname": "a person's name",
	"fullname": "a person's name", "person": "a person", "personne": "a person",
	"citizen": "a citizen", "citoyen": "a citizen", "habitant": "a resident", "resident": "a resident",
	"user": "a user's identity", "username": "a user's identity", "uid": "a user's identity",
	"pseudo": "a user's identity",
	"plate":  "a licence plate", "plaque": "a licence plate", "immatriculation": "a licence plate",
	"numberplate": "a licence plate", "licenseplate": "a licence plate", "lpr": "a licence plate", "anpr": "a licence plate",
	"email": "an e-mail address", "mail": "an e-mail address", "courriel": "an e-mail address",
	"phone": "a phone number", "telephone": "a phone number", "tel": "a phone number",
	"mobile": "a phone number", "portable": "a phone number", "gsm": "a phone number",
	"comment": "free text", "comments": "free text", "commentaire": "free text", "commentaires": "free text",
	"note": "free text", "notes": "free text", "remark": "free text", "remarks": "free text",
	"remarque": "free text", "remarques": "free text", "observation": "free text", "observations": "free text",
	"description": "free text", "freetext": "free text", "texte": "free text", "text": "free text",
	"face": "biometric data", "visage": "biometric data", "biometric": "biometric data", "biometrie": "biometric data",
	"birth": "a date of birth", "naissance": "a date of birth", "dob": "a date of birth",
	"nir": "a social security number", "ssn": "a social security number", "secu": "a social security number",
}

// controllerPrefixes may carry the controller's own contact details, which
// the law requires to be public (the sign names the controller).
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
	controller bool   // it may hold the controller's contact details
}

// verdicts caches the verdicts: an import meets the same few keys on every
// record.
var verdicts sync.Map // string → verdict

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
	verdicts.Store(key, v)
	return v
}

// ScreenKey says why a column, property or tag named key looks like it holds
// personal data, or returns "" if it does not.
func ScreenKey(key string) string { return judge(key).why }

func screenKey(key string) string {
	words := keyWords(key)
	for i, w := range words {
		why, ok := personalWords[w]
		if !ok {
			continue
		}
		if (why == "a phone number" || why == "an e-mail address") && i > 0 && controllerPrefixes[words[0]] {
			continue // the controller's contact, e.g. operator:phone
		}
		return why
	}
	return ""
}

var (
	emailRe = regexp.MustCompile(`[^@\s]+@[^@\s]+\.[A-Za-z]{2,}`)
	plateRe = regexp.MustCompile(`(?i)(^|[^A-Z0-9])[A-Z]{2}[- ][0-9]{3}[- ][A-Z]{2}($|[^A-Z0-9])`)
	phoneRe = regexp.MustCompile(`(^|[^0-9])(\+33[ .]?|0)[1-9]([ .-]?[0-9]{2}){4}($|[^0-9])`)
)

// ScreenValue says why a value looks like personal data (an e-mail address,
// a French licence plate, a phone number), or returns "".
func ScreenValue(v string) string {
	// Cheap tests first: most values cannot match any pattern.
	digits := 0
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			digits++
		}
	}
	switch {
	case strings.IndexByte(v, '@') >= 0 && emailRe.MatchString(v):
		return "an e-mail address"
	case digits >= 3 && plateRe.MatchString(v):
		return "a licence plate"
	case digits >= 9 && phoneRe.MatchString(v):
		return "a phone number"
	}
	return ""
}

// PersonalDataError is the refusal of a column, property or tag that looks
// personal. It names the key and the reason; a value is never echoed.
type PersonalDataError struct {
	Key     string
	Reason  string
	ByValue bool // the key looked harmless but a value did not
}

func (e *PersonalDataError) Error() string {
	if e.ByValue {
		return "refused: a value of " + quote(e.Key) + " looks like " + e.Reason +
			"; clairvoie never stores personal data. Remove it, or drop the field with --drop " + quote(e.Key)
	}
	return "refused: " + quote(e.Key) + " looks like " + e.Reason +
		"; clairvoie never stores personal data. Remove it, map it to a canonical key if it is not personal, or drop it with --drop " + quote(e.Key)
}

// ScreenTags checks every key and value of a record, in a stable order, and
// returns the first refusal, or nil. Keys allowed to hold the controller's
// contact details are not screened by value.
func ScreenTags(tags map[string]string) *PersonalDataError {
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
		if judge(k).controller {
			continue
		}
		if why := ScreenValue(tags[k]); why != "" {
			return &PersonalDataError{Key: k, Reason: why, ByValue: true}
		}
	}
	return nil
}

// keyWords folds case and accents and splits a key into words.
func keyWords(key string) []string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, strings.ToLower(key))
	if err != nil {
		folded = strings.ToLower(key)
	}
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

func quote(s string) string { return "\"" + s + "\"" }
