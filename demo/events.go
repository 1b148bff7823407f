package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/internal/csvsafe"
	"github.com/clairvoie/clairvoie/sqlite"
)

// writeEvents writes DIR/events.csv, the demo's event calendar:
//   - Olympique de Marseille's home league matches (REAL dates, 1993–2024,
//     demo/data/calendar, CC0) at the Stade Vélodrome; the kick-off (21:00,
//     two hours) and the attendance (50,000) are ASSUMED, the data giving
//     neither;
//   - the Prado market (real: avenue du Prado, every morning but Sunday,
//     8:00–13:00), its place drawn roughly along the avenue;
//   - SYNTHETIC demonstrations and road works in the 2023–24 season,
//     labelled synthetic, placed so that the conflict rules have something
//     to find: a march from the Vieux-Port to the Prado on a Saturday
//     morning, works near the Vélodrome on two match evenings.
func writeEvents(dir string) (int, error) {
	b, err := Data.ReadFile("data/calendar/om_home_matches_ligue_1993_2024.csv")
	if err != nil {
		return 0, err
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return 0, err
	}
	var out bytes.Buffer
	w := csvsafe.NewWriter(&out)
	w.Write([]string{"ref", "kind", "name", "start", "end", "lon", "lat", "route", "area", "attendance", "organiser", "rrule", "synthetic"})
	n := 0
	for _, r := range rows[1:] {
		date, away := r[0], r[4]
		w.Write([]string{"om-" + date, "match", "OM – " + away + " (heure et affluence supposées)", date + " 21:00", date + " 23:00",
			"5.3959", "43.2698", "", "", "50000", "club", "", "false"})
		n++
	}
	prado := "5.3846 43.2858; 5.3957 43.2740; 5.3962 43.2743; 5.3851 43.2861; 5.3846 43.2858"
	w.Write([]string{"marche-prado", "market", "Marché du Prado", "1993-01-04 08:00", "1993-01-04 13:00", "", "", "", prado, "3000", "public",
		"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", "false"})
	n++
	for _, s := range []struct{ ref, kind, name, start, end, lon, lat, route, att, org string }{
		{"syn-manif-2023-10-14", "demonstration", "Manifestation (synthétique)", "2023-10-14 10:30", "2023-10-14 13:30", "", "",
			"5.3743 43.2951; 5.3800 43.2900; 5.3846 43.2856; 5.3900 43.2790", "4000", "union"},
		{"syn-travaux-2023-11-04", "road_works", "Travaux de voirie, boulevard Michelet (synthétiques)", "2023-11-04 18:00", "2023-11-05 06:00", "5.3990", "43.2660", "", "0", "public"},
		{"syn-travaux-2024-03-31", "road_works", "Travaux de réseau, rond-point du Prado (synthétiques)", "2024-03-31 07:00", "2024-03-31 23:59", "5.3955", "43.2735", "", "0", "private"},
		{"syn-concert-2024-06-21", "concert", "Fête de la musique, Vieux-Port (synthétique)", "2024-06-21 19:00", "2024-06-22 01:00", "5.3720", "43.2950", "", "20000", "public"},
	} {
		w.Write([]string{s.ref, s.kind, s.name, s.start, s.end, s.lon, s.lat, s.route, "", s.att, s.org, "", "true"})
		n++
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	if strings.Count(out.String(), "\n") != n+1 {
		return 0, fmt.Errorf("events: %d lines for %d events", strings.Count(out.String(), "\n"), n)
	}
	return n, os.WriteFile(filepath.Join(dir, "events.csv"), out.Bytes(), 0o644)
}

// SourceEvents names the demo's calendar in the workspace.
const SourceEvents = "calendrier-demo"

// importEvents stores DIR/events.csv in the workspace.
func importEvents(ctx context.Context, db *sqlite.DB, dir string) error {
	zone, err := sqlite.NewSettingsService(db).Settings(ctx)
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(dir, "events.csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	evs, err := csvio.ReadEvents(f, "events.csv", zone.Location())
	if err != nil {
		return err
	}
	return sqlite.NewEventService(db).ReplaceEvents(ctx, SourceEvents, evs)
}
