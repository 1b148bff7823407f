package clairvoie

import (
	"math/big"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Contacts: the values refused wherever they appear, whatever the key. The
// patterns are written for the forms people actually type, French first:
// see personal_test.go and the labelled corpus in testdata/personal/.

var (
	// E-mail, after NFKC (a full-width ＠ reads as @) and the usual
	// obfuscations are undone.
	emailRe  = regexp.MustCompile(`[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)
	atRe     = regexp.MustCompile(`\s*[\[\(\{<]\s*(?:at|@|arobase|arobas|chez)\s*[\]\)\}>]\s*|\s+(?:arobase|arobas)\s+|\s+@\s*|\s*@\s+`)
	dotRe    = regexp.MustCompile(`\s*[\[\(\{<]\s*(?:dot|point)\s*[\]\)\}>]\s*|\s+(?:dot|point)\s+`)
	atWordRe = regexp.MustCompile(`[a-z0-9._%+\-]+\s+at\s+[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)

	// Phones. French: ten digits from 0[1-9], in pairs, any separator.
	// With the country code: +33, 0033, "+33 (0)". Other countries: + or 00,
	// a code, then 6 to 13 more digits in groups.
	phoneFRRe   = regexp.MustCompile(`(?:^|[^0-9+])0[1-9](?:[ .\-/]?[0-9]{2}){4}(?:$|[^0-9])`)
	phoneFR2Re  = regexp.MustCompile(`(?:^|[^0-9+])0[1-9](?:[ .\-]?[0-9]){8}(?:$|[^0-9])`)
	phoneIntlRe = regexp.MustCompile(`(?:\+|\b00)[ .\-]?[1-9][0-9]{0,2}[ .\-/]?(?:\(0\)[ .\-/]?)?(?:\(?[0-9]{1,4}\)?[ .\-/]?){2,7}[0-9]{1,4}`)

	// IBAN (checked with ISO 7064 mod 97), RIB (French bank details, key
	// checked), NIR (checked with its key when it has one).
	ibanRe = regexp.MustCompile(`\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}\b`)
	ribRe  = regexp.MustCompile(`\b([0-9]{5})[ ]?([0-9]{5})[ ]?([0-9A-Z]{11})[ ]?([0-9]{2})\b`)
	nirRe  = regexp.MustCompile(`\b([12])[ .]?([0-9]{2})[ .]?(0[1-9]|1[0-2]|[2-9][0-9])[ .]?([0-9]{2}|2[AB])[ .]?([0-9]{3})[ .]?([0-9]{3})(?:[ .]?([0-9]{2}))?\b`)

	// Licence plates, written in capitals. SIV (since 2009): AA-123-AA,
	// letters without I, O, U. FNI (before): 1234 AB 13, 123 ABC 75.
	sivRe = regexp.MustCompile(`\b[A-HJ-NP-TV-Z]{2}[- ]?[0-9]{3}[- ]?[A-HJ-NP-TV-Z]{2}\b`)
	// In lower case: with dashes or glued ("ab-123-cd"), or with spaces
	// beside a word for a vehicle.
	sivLowerRe   = regexp.MustCompile(`\b[a-hj-np-tv-z]{2}(?:-[0-9]{3}-|[0-9]{3})[a-hj-np-tv-z]{2}\b`)
	sivSpacedRe  = regexp.MustCompile(`\b[a-hj-np-tv-z]{2} [0-9]{3} [a-hj-np-tv-z]{2}\b`)
	vehicleWords = regexp.MustCompile(`(?i)v[ée]hicule|voiture|plaque|immatricul|immat\b|camion|moto|scooter|fourgon|utilitaire|auto\b`)
	fniRe        = regexp.MustCompile(`\b[0-9]{1,4}[- ]?([A-Z]{2,3})[- ]?(?:[0-9]{2}|2[AB]|97[1-6])\b`)
)

// screenContacts says which contact a value holds, or "".
func screenContacts(v string) string {
	// Cheap tests first: most values cannot match any pattern.
	digits, letters, at := 0, 0, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case '0' <= c && c <= '9':
			digits++
		case c == '@':
			at = true
		case c >= 0x80:
			at = at || strings.ContainsAny(v[i:], "＠﹫０１２３４５６７８９")
			letters++
		default:
			letters++
		}
	}
	n := v
	if at || !isASCII(v) {
		n = norm.NFKC.String(v)
	}
	if isEmail(n) {
		return "an e-mail address"
	}
	if digits == 0 && !strings.ContainsAny(n, "0123456789") {
		return ""
	}
	if digits < 3 {
		digits = countDigits(n)
		if digits < 3 {
			return ""
		}
	}
	if digits >= 8 && isPhone(n) {
		return "a phone number"
	}
	up := strings.ToUpper(n)
	if digits >= 10 {
		if isIBAN(up) || isRIB(up) {
			return "bank details (IBAN or RIB)"
		}
		if isNIR(up) {
			return "a social security number (NIR)"
		}
	}
	if isPlate(n) {
		return "a licence plate"
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			n++
		}
	}
	return n
}

func isEmail(n string) bool {
	l := strings.ToLower(n)
	if strings.IndexByte(l, '@') >= 0 && emailRe.MatchString(l) {
		return true
	}
	// Written out: "jean [at] mairie (dot) fr", "jean arobase mairie.fr",
	// "jean at mairie.fr". A domain (a dot) is needed in any case.
	if strings.IndexByte(l, '.') < 0 && !strings.Contains(l, "dot") && !strings.Contains(l, "point") {
		return false
	}
	if !strings.Contains(l, "at") && !strings.Contains(l, "arobas") {
		return false
	}
	u := atRe.ReplaceAllString(l, "@")
	u = dotRe.ReplaceAllString(u, ".")
	if emailRe.MatchString(u) {
		return true
	}
	return atWordRe.MatchString(u)
}

func isPhone(n string) bool {
	if phoneFRRe.MatchString(n) || phoneFR2Re.MatchString(n) {
		return true
	}
	for _, m := range phoneIntlRe.FindAllString(n, -1) {
		d := countDigits(strings.ReplaceAll(m, "(0)", ""))
		if strings.HasPrefix(m, "00") {
			d -= 2
		}
		if d >= 8 && d <= 15 {
			return true
		}
	}
	return false
}

// isIBAN finds an IBAN whose check digits are right (ISO 13616, mod 97).
func isIBAN(up string) bool {
	for _, m := range ibanRe.FindAllString(up, -1) {
		s := strings.ReplaceAll(m, " ", "")
		if len(s) < 15 || len(s) > 34 {
			continue
		}
		if mod97(s[4:]+s[:4]) == 1 {
			return true
		}
	}
	return false
}

// mod97 is the IBAN check: letters read as 10..35, the number mod 97.
func mod97(s string) int {
	var b strings.Builder
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			b.WriteRune(r)
		case 'A' <= r && r <= 'Z':
			b.WriteString(itoa(int(r-'A') + 10))
		default:
			return -1
		}
	}
	rem := 0
	for _, c := range b.String() {
		rem = (rem*10 + int(c-'0')) % 97
	}
	return rem
}

// isRIB finds French bank details (bank, branch, account, key) whose key
// is right: 97 − (89·bank + 15·branch + 3·account) mod 97, letters of the
// account read as digits the French way.
func isRIB(up string) bool {
	for _, m := range ribRe.FindAllStringSubmatch(up, -1) {
		acct := strings.Map(func(r rune) rune {
			if 'A' <= r && r <= 'Z' {
				return rune('0' + ribLetter[r-'A'])
			}
			return r
		}, m[3])
		bank, branch, account, key := big.NewInt(0), big.NewInt(0), big.NewInt(0), big.NewInt(0)
		bank.SetString(m[1], 10)
		branch.SetString(m[2], 10)
		account.SetString(acct, 10)
		key.SetString(m[4], 10)
		sum := new(big.Int).Mul(bank, big.NewInt(89))
		sum.Add(sum, new(big.Int).Mul(branch, big.NewInt(15)))
		sum.Add(sum, new(big.Int).Mul(account, big.NewInt(3)))
		want := 97 - new(big.Int).Mod(sum, big.NewInt(97)).Int64()
		if want == key.Int64() {
			return true
		}
	}
	return false
}

// ribLetter maps A..Z to the digit the RIB key reads them as.
var ribLetter = [26]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8, 9}

// isNIR finds a French social security number: sex, year, month,
// département, commune, order, and the key (97 − number mod 97, Corsica's
// 2A and 2B read as 19 and 18) when it is written.
func isNIR(up string) bool {
	for _, m := range nirRe.FindAllStringSubmatch(up, -1) {
		if m[7] == "" {
			return true // thirteen digits in the NIR's shape, without the key
		}
		dep := m[4]
		switch dep {
		case "2A":
			dep = "19"
		case "2B":
			dep = "18"
		}
		n, ok := new(big.Int).SetString(m[1]+m[2]+m[3]+dep+m[5]+m[6], 10)
		if !ok {
			continue
		}
		key := 97 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
		if itoa2(key) == m[7] {
			return true
		}
	}
	return false
}

// plateWords are the capital groups an address writes between two
// numbers ("12 BIS 13", "150 BD 13"): the FANTOIR codes of the kinds of
// street, and the address suffixes. They are not plates.
var plateWords = map[string]bool{"BIS": true, "TER": true, "QUA": true, "ARR": true, "RUE": true}

func isPlate(n string) bool {
	if sivRe.MatchString(n) || sivLowerRe.MatchString(n) {
		return true
	}
	if sivSpacedRe.MatchString(n) && vehicleWords.MatchString(n) {
		return true
	}
	for _, m := range fniRe.FindAllStringSubmatch(n, -1) {
		if !plateWords[m[1]] && !streetCodes[m[1]] {
			return true
		}
	}
	return false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func itoa2(n int64) string {
	if n < 10 {
		return "0" + itoa(int(n))
	}
	return itoa(int(n))
}
