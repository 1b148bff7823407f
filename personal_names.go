package clairvoie

import (
	"bufio"
	"embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// People's names in values. A person's name is refused where it is not part
// of the name of a public place or body:
//
//   - a given name (INSEE's list of recent births, personaldata/prenoms-insee.txt,
//     and the older ones of Dicollecte's dictionary, prenoms-dicollecte.txt) beside a
//     surname-like word, unless a kind of street (FANTOIR's list) or of
//     public place or body (personaldata/lieux.txt) comes before it in the
//     same segment, or a particle ("de", "Saint-") just before it: "Jean
//     Dupont" and "DUPONT Jean" are refused, "Place Jean Jaurès", "Parvis
//     de l'école Jean Moulin" and "Rue Saint-Jean" pass;
//   - a civility before a capitalised word ("M. Dupont", "Mme X"), an
//     initial before a surname ("J. Dupont"), "famille Dupont", outside a
//     place's name; "chez" before a name, anywhere ("devant chez Dupont");
//   - in the fields that name who runs a camera (strict), also the
//     "Prénom NOM" shape with a given name neither list holds.
//
// Segments are cut at punctuation (, ; / | ( ) : + & and spaced dashes), so
// that "Avenue Jean Jaurès / Rue Saint-Ferréol" is two place names and
// "Place X, M. Dupont" is a place and a person.

//go:embed personaldata/prenoms-insee.txt personaldata/prenoms-dicollecte.txt personaldata/fantoir-natures-voies.tsv personaldata/lieux.txt
var personalData embed.FS

var (
	nameDataOnce sync.Once
	givenNames   map[string]bool // folded
	placeWords   map[string]bool // folded: kinds of street and of public place or body
	streetCodes  map[string]bool // FANTOIR codes, upper case (AV, BD, …)
)

func loadNameData() {
	nameDataOnce.Do(func() {
		givenNames, placeWords, streetCodes = map[string]bool{}, map[string]bool{}, map[string]bool{}
		lines := func(file string, fn func(string)) {
			f, err := personalData.Open(file)
			if err != nil {
				panic("clairvoie: embedded " + file + ": " + err.Error()) // a build error
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
					fn(l)
				}
			}
		}
		for _, file := range []string{"personaldata/prenoms-insee.txt", "personaldata/prenoms-dicollecte.txt"} {
			lines(file, func(l string) {
				for _, n := range strings.Fields(l) {
					givenNames[fold(n)] = true
				}
			})
		}
		// Given names that are also common words of places and bodies: read
		// as names only beside a civility.
		for _, w := range []string{"paris", "france", "prince", "lorraine", "loire", "orange", "marine", "victoire", "ange", "line", "nine", "mama"} {
			delete(givenNames, w)
		}
		adjectives := map[string]bool{"ancien": true, "ancienne": true, "grand": true, "grande": true, "petit": true,
			"petite": true, "nouvelle": true, "vieux": true, "vieille": true, "communal": true, "communale": true,
			"departemental": true, "forestier": true, "rural": true, "vicinal": true}
		lines("personaldata/fantoir-natures-voies.tsv", func(l string) {
			code, label, ok := strings.Cut(l, "\t")
			if !ok {
				return
			}
			streetCodes[code] = true
			placeWords[fold(code)] = true
			placeWords[fold(label)] = true
			for _, w := range strings.Fields(label) {
				if w = fold(w); !adjectives[w] {
					placeWords[w] = true
				}
			}
		})
		lines("personaldata/lieux.txt", func(l string) {
			for _, w := range strings.Fields(l) {
				placeWords[w] = true
			}
		})
	})
}

// particles before a given name make it part of a name that is not a
// person's: "Ville de Marseille", "Saint Jean", "Notre Dame".
var particles = map[string]bool{"de": true, "du": true, "des": true, "d": true, "la": true, "le": true, "les": true,
	"l": true, "saint": true, "sainte": true, "st": true, "ste": true, "san": true, "santa": true, "sant": true,
	"sao": true, "notre": true, "aux": true, "au": true, "sur": true, "sous": true, "en": true}

// notSurnames are capitalised words that follow a given name without
// making it a person's: adjectives of bodies, compass points, months.
var notSurnames = map[string]bool{"nationale": true, "national": true, "municipale": true, "municipal": true,
	"departementale": true, "regionale": true, "publique": true, "public": true, "centrale": true, "central": true,
	"centre": true, "nord": true, "sud": true, "est": true, "ouest": true, "principale": true, "principal": true,
	"haut": true, "haute": true, "bas": true, "basse": true, "et": true, "ou": true,
	"janvier": true, "fevrier": true, "mars": true, "avril": true, "mai": true, "juin": true, "juillet": true,
	"aout": true, "septembre": true, "octobre": true, "novembre": true, "decembre": true, "lundi": true,
	"mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"bis": true, "ter": true, "sud-est": true, "sud-ouest": true, "nord-est": true, "nord-ouest": true}

// civilities are written before a person's name: "M. Dupont", "Mme X".
// They make a name a person's even inside a place's ("Parking de
// l'immeuble de M. Dupont"), but for the full words a street may be named
// after ("Rue Monsieur le Prince", "Rue Madame"): those need a capital
// after them.
var civilities = map[string]bool{"m": true, "mr": true, "mme": true, "mlle": true, "mmes": true, "mm": true,
	"monsieur": true, "madame": true, "mademoiselle": true, "messieurs": true, "mesdames": true}

// titles and ranks before a capitalised word make a person's name, but not
// in a place's name ("Rue du Docteur Escat", "Quai du Maire Dietrich").
var titles = map[string]bool{"dr": true, "docteur": true, "me": true, "maitre": true, "pr": true, "professeur": true,
	"maire": true, "adjoint": true, "adjointe": true, "president": true, "presidente": true, "directeur": true,
	"directrice": true, "prefet": true, "prefete": true, "agent": true, "agente": true, "brigadier": true,
	"brigadier-chef": true, "gardien": true, "gardienne": true, "sergent": true, "adjudant": true,
	"lieutenant": true, "capitaine": true, "commandant": true, "commissaire": true, "inspecteur": true,
	"inspectrice": true, "officier": true, "chef": true}

// acronyms that may follow or precede a capitalised word in who runs a
// camera without making it a person's "Prénom NOM".
var acronyms = map[string]bool{"SNCF": true, "RATP": true, "RTM": true, "EDF": true, "GDF": true, "SPIE": true,
	"INEO": true, "SAS": true, "SARL": true, "SA": true, "SEM": true, "SPL": true, "GIE": true, "CCI": true,
	"CHU": true, "CSU": true, "CNIL": true, "DPO": true, "PM": true, "PN": true, "TCL": true, "CEA": true}

type token struct {
	text, fold  string
	upper, caps bool // first letter upper case; every letter upper case
	lowerRest   bool // letters after the first all lower case
	dot         bool // followed by "."
	alpha       bool
}

// segments cuts a value into segments of tokens; commas[i] says whether
// segment i ends at a comma.
func segments(v string) (segs [][]token, commas []bool, hasLower, hasUpper bool) {
	var seg []token
	var cur []rune
	flush := func(dot bool) {
		if len(cur) == 0 {
			return
		}
		t := token{text: string(cur), alpha: true, lowerRest: true}
		letters := 0
		for i, r := range cur {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					hasUpper = true
					if i == 0 {
						t.upper = true
					} else {
						t.lowerRest = false
					}
				} else if unicode.IsLower(r) {
					hasLower = true
				}
			} else if r != '-' {
				t.alpha = false
			}
		}
		t.caps = letters > 0 && !hasLowerRune(cur)
		t.fold = fold(t.text)
		t.dot = dot
		seg = append(seg, t)
		cur = cur[:0]
	}
	cutAt := func(r rune) {
		flush(false)
		if len(seg) > 0 {
			segs = append(segs, seg)
			commas = append(commas, r == ',')
			seg = nil
		}
	}
	cut := func() { cutAt(0) }
	if !isASCII(v) {
		v = norm.NFKC.String(v)
	}
	rs := []rune(v)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			cur = append(cur, r)
		case r == '-' || r == '‐' || r == '‑':
			// Inside a word ("Jean-Pierre"), part of it; between spaces (or
			// at an end), a cut; after an initial ("J.-M."), nothing.
			spaceBefore := i == 0 || unicode.IsSpace(rs[i-1])
			spaceAfter := i+1 == len(rs) || unicode.IsSpace(rs[i+1])
			switch {
			case len(cur) > 0 && !spaceAfter:
				cur = append(cur, '-')
			case spaceBefore && spaceAfter:
				cut()
			default:
				flush(false)
			}
		case r == '.':
			flush(true)
		case r == '\'' || r == '’' || r == 'ʼ' || r == '`':
			flush(false)
		case strings.ContainsRune(",;/|()[]{}:+\"«»<>=–—\n\r\t!?", r):
			cutAt(r)
		default: // spaces and the rest
			flush(false)
		}
	}
	cut()
	return segs, commas, hasLower, hasUpper
}

// screenNames says why a value looks like a person's name, or "".
func screenNames(v string, strict bool) string {
	// Cheap test first: a name needs two letters in a row.
	if !hasTwoLetters(v) {
		return ""
	}
	loadNameData()
	segs, commas, hasLower, hasUpper := segments(v)
	flat := !hasLower || !hasUpper // all capitals, or all lower case: the case says nothing
	capital := func(t token) bool { return t.alpha && (t.upper || flat) }
	isGiven := func(t token) bool {
		if !t.alpha {
			return false
		}
		if givenNames[t.fold] {
			return true
		}
		first, _, hyphen := strings.Cut(t.fold, "-")
		return hyphen && givenNames[first] && !particles[first]
	}
	surnameLike := func(t token) bool {
		return capital(t) && len([]rune(t.fold)) >= 2 && !isPlaceWord(t.fold) && !particles[t.fold] &&
			!notSurnames[t.fold] && !civilities[t.fold] && !titles[t.fold]
	}
	for si, seg := range segs {
		// "Dupont, Jean": a surname alone, then a given name alone.
		if si > 0 && commas[si-1] && len(seg) <= 2 && isGiven(seg[0]) && len(segs[si-1]) == 1 && surnameLike(segs[si-1][0]) && !isGiven(segs[si-1][0]) {
			return "a person's name (a surname and a given name, outside any place's name)"
		}
		public := false
		for i, t := range seg {
			if isPlaceWord(t.fold) && !(t.dot && len(t.fold) == 1) {
				public = true
				continue
			}
			var next, prev *token
			if i+1 < len(seg) {
				next = &seg[i+1]
			}
			if i > 0 {
				prev = &seg[i-1]
			}
			// "chez Dupont", "chez Mme X": a person's home, even in a place.
			if t.fold == "chez" && next != nil && (capital(*next) || civilities[next.fold]) && !isPlaceWord(next.fold) {
				return "a person's name (\"chez …\")"
			}
			// "M. Dupont", "Mme X", "Monsieur Durand", even in a place ("M." in
			// initials, "J.-M. Jacquard", is not one).
			initialBefore := prev != nil && prev.dot && len([]rune(prev.text)) == 1
			if civilities[t.fold] && (t.upper || flat) && next != nil && !initialBefore &&
				(t.dot || len(t.fold) > 2 || t.fold == "mr" || t.fold == "mm") &&
				(surnameLike(*next) && !next.dot || (!public && capital(*next) && len([]rune(next.text)) == 1)) {
				return "a person's name (a civility before a name)"
			}
			// "Maison de Jean Dupont": of a person, even in a place.
			if (t.fold == "de" || t.fold == "d") && next != nil && isGiven(*next) && i+2 < len(seg) && surnameLike(seg[i+2]) && !isGiven(seg[i+2]) {
				return "a person's name (a given name and a surname)"
			}
			if public {
				continue
			}
			// "Dr Martin", "Brigadier Martin", "le maire Dupont".
			if titles[t.fold] && next != nil && surnameLike(*next) && !next.dot {
				return "a person's name (a title before a name)"
			}
			if t.fold == "famille" && next != nil && surnameLike(*next) {
				return "a person's name (\"famille …\")"
			}
			// "J. Dupont": an initial and a surname.
			if t.dot && t.upper && len([]rune(t.text)) == 1 && next != nil && surnameLike(*next) && len([]rune(next.fold)) > 1 && !next.dot {
				return "a person's name (an initial and a surname)"
			}
			if isGiven(t) && !(prev != nil && particles[prev.fold]) {
				first, _, _ := strings.Cut(t.fold, "-")
				if particles[first] {
					continue
				}
				// A surname after ("Jean Dupont", "Charles de Gaulle"), or
				// before ("DUPONT Jean").
				if next != nil && surnameLike(*next) {
					return "a person's name (a given name and a surname, outside any place's name)"
				}
				if next != nil && particles[next.fold] && i+2 < len(seg) && surnameLike(seg[i+2]) && seg[i+2].upper && !flat {
					return "a person's name (a given name and a surname, outside any place's name)"
				}
				if prev != nil && surnameLike(*prev) && (i < 2 || !isPlaceWord(seg[i-2].fold)) {
					return "a person's name (a surname and a given name, outside any place's name)"
				}
			}
			// Who runs a camera: "Prénom NOM" even with a name INSEE does not list.
			if strict && next != nil && !flat && t.alpha && next.alpha && !isPlaceWord(next.fold) {
				a, b := t, *next
				if (a.upper && a.lowerRest && len(a.fold) >= 2 && b.caps && len(b.fold) >= 3 && !acronyms[b.text]) ||
					(a.caps && len(a.fold) >= 3 && !acronyms[a.text] && b.upper && b.lowerRest && len(b.fold) >= 2 && !particles[b.fold]) {
					return "a person's name (the \"Prénom NOM\" shape)"
				}
			}
		}
	}
	return ""
}

// isPlaceWord says whether w (folded) is a kind of street, public place
// or body, in the singular or the plural ("rues", "hôpitaux").
func isPlaceWord(w string) bool {
	if placeWords[w] {
		return true
	}
	if strings.HasSuffix(w, "s") && placeWords[w[:len(w)-1]] {
		return true
	}
	return strings.HasSuffix(w, "aux") && placeWords[w[:len(w)-3]+"al"]
}

func hasLowerRune(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func hasTwoLetters(v string) bool {
	run := 0
	for _, r := range v {
		if unicode.IsLetter(r) {
			run++
			if run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
