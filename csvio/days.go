package csvio

import (
	"io"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
)

// ReadDays reads one of the two public calendars of French days, told
// apart by their header:
//
//   - the public holidays of Etalab's jours-feries API
//     (date, annee, zone, nom_jour_ferie);
//   - the school holidays of the Ministry of Education
//     (date, vacances_zone_a, vacances_zone_b, vacances_zone_c, nom_vacances),
//     of which the column of zone (A, B or C) is read.
//
// Errors name the file, the line, the column and what was expected.
func ReadDays(r io.Reader, file, zone string) ([]clairvoie.CalendarDay, error) {
	holidays := map[string]bool{"date": true, "annee": true, "zone": true, "nom_jour_ferie": true}
	school := map[string]bool{"date": true, "vacances_zone_a": true, "vacances_zone_b": true, "vacances_zone_c": true, "nom_vacances": true}
	allowed := map[string]bool{}
	for k := range holidays {
		allowed[k] = true
	}
	for k := range school {
		allowed[k] = true
	}
	t, err := openStrict(r, file, allowed, "a header line",
		"the columns of the public holidays (date, annee, zone, nom_jour_ferie) or of the school holidays (date, vacances_zone_a, vacances_zone_b, vacances_zone_c, nom_vacances)")
	if err != nil {
		return nil, err
	}
	_, isHoliday := t.col["nom_jour_ferie"]
	zoneCol := "vacances_zone_" + strings.ToLower(zone)
	if _, ok := t.col["date"]; !ok {
		return nil, &clairvoie.ImportError{File: file, Line: 1, Field: "date", Expected: "a date column"}
	}
	if !isHoliday {
		if _, ok := t.col[zoneCol]; !ok {
			return nil, &clairvoie.ImportError{File: file, Line: 1, Field: zoneCol, Expected: "the school holidays of zone " + zone + " (--zone A, B or C)"}
		}
	}
	var out []clairvoie.CalendarDay
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		day := t.get(rec, "date")
		if _, err := time.Parse("2006-01-02", day); err != nil {
			return nil, &clairvoie.ImportError{File: file, Line: line, Field: "date", Value: day, Expected: "a date as YYYY-MM-DD"}
		}
		if isHoliday {
			name := t.get(rec, "nom_jour_ferie")
			if name == "" || len([]rune(name)) > 80 {
				return nil, &clairvoie.ImportError{File: file, Line: line, Field: "nom_jour_ferie", Value: name, Expected: "the holiday's name, at most 80 characters"}
			}
			out = append(out, clairvoie.CalendarDay{Day: day, Holiday: name})
			continue
		}
		switch v := t.get(rec, zoneCol); strings.ToLower(v) {
		case "true", "1", "vrai":
			out = append(out, clairvoie.CalendarDay{Day: day, SchoolHoliday: true})
		case "false", "0", "faux", "":
		default:
			return nil, &clairvoie.ImportError{File: file, Line: line, Field: zoneCol, Value: v, Expected: "True or False"}
		}
	}
}
