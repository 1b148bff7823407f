package clairvoie

// OpenLicences are the open licences sources usually come under, by the code
// importers record (SPDX where there is one), with their names in French
// and English and their text's address.
var OpenLicences = map[string]struct{ FR, EN, URL string }{
	"etalab-2.0":   {"Licence Ouverte 2.0 (Etalab)", "Open Licence 2.0 (Etalab)", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"},
	"ODbL-1.0":     {"Licence ODbL 1.0 (Open Database License)", "Open Database License (ODbL) 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"},
	"CC-BY-SA-2.0": {"Creative Commons Attribution – Partage dans les mêmes conditions 2.0", "Creative Commons Attribution-ShareAlike 2.0", "https://creativecommons.org/licenses/by-sa/2.0/"},
	"CC-BY-4.0":    {"Creative Commons Attribution 4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"},
	"CC0-1.0":      {"Creative Commons Zéro 1.0 (domaine public)", "Creative Commons Zero 1.0 (public domain)", "https://creativecommons.org/publicdomain/zero/1.0/"},
}

// LicenceLabel names a source's licence in lang ("fr" or "en") with the
// address of its text; a licence known only as text is returned as it is,
// without an address.
func LicenceLabel(code, lang string) (name, url string) {
	l, ok := OpenLicences[code]
	if !ok {
		return code, ""
	}
	if lang == "en" {
		return l.EN, l.URL
	}
	return l.FR, l.URL
}
