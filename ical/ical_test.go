package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/calendar"
	"github.com/clairvoie/clairvoie/ical"
	"github.com/paulmach/orb"
)

var paris, _ = time.LoadLocation("Europe/Paris")

func TestRoundTrip(t *testing.T) {
	in := []clairvoie.Event{
		{Ref: "prado", Kind: clairvoie.EventMarket, Name: "Marché du Prado", Start: time.Date(2026, 1, 5, 8, 0, 0, 0, paris), End: time.Date(2026, 1, 5, 13, 0, 0, 0, paris),
			Place: orb.Polygon{{{5.38, 43.27}, {5.39, 43.27}, {5.39, 43.28}, {5.38, 43.27}}}, RRule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", Organiser: "public"},
		{Ref: "om-psg", Kind: clairvoie.EventMatch, Name: "OM – PSG", Start: time.Date(2026, 3, 8, 20, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 8, 22, 0, 0, 0, time.UTC),
			Place: orb.Point{5.3958, 43.2698}, Attendance: 65000, Organiser: "club"},
		{Ref: "manif", Kind: clairvoie.EventDemonstration, Name: "Manifestation (synthétique)", Start: time.Date(2026, 3, 7, 11, 0, 0, 0, paris), End: time.Date(2026, 3, 7, 14, 0, 0, 0, paris),
			Place: orb.LineString{{5.37, 43.29}, {5.38, 43.28}}, Synthetic: true},
	}
	var buf bytes.Buffer
	if err := ical.Write(&buf, in, time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	// RFC 5545 §3.1: lines end with CRLF, whatever the machine.
	if !strings.HasPrefix(buf.String(), "BEGIN:VCALENDAR\r\n") || strings.Count(buf.String(), "\n") != strings.Count(buf.String(), "\r\n") {
		t.Errorf("lines not ended by CRLF: %q", buf.String()[:40])
	}
	if !strings.Contains(buf.String(), "DTSTART;TZID=Europe/Paris:20260105T080000") || !strings.Contains(buf.String(), "GEO:43.2698;5.3958") {
		t.Errorf("ics:\n%s", buf.String())
	}
	out, err := ical.Read(&buf, "cal.ics", paris)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 {
		t.Fatalf("%d events", len(out))
	}
	for i := range in {
		a, b := in[i], out[i]
		if a.Ref != b.Ref || a.Kind != b.Kind || a.Name != b.Name || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.RRule != b.RRule ||
			a.Attendance != b.Attendance || a.Organiser != b.Organiser || a.Synthetic != b.Synthetic || !orb.Equal(a.Place, b.Place) {
			t.Errorf("event %d: %+v, read back %+v", i, a, b)
		}
	}
	// The market, read back, still opens at 8:00 in summer.
	occ, err := calendar.Occurrences(&out[0], time.Date(2026, 7, 1, 0, 0, 0, 0, paris), time.Date(2026, 7, 2, 0, 0, 0, 0, paris))
	if err != nil || len(occ) != 1 || occ[0].Start.In(paris).Hour() != 8 {
		t.Errorf("a July morning: %v %v", occ, err)
	}
}

func TestReadErrors(t *testing.T) {
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\nDTEND:20260301T120000Z\r\n"
	for _, tc := range []struct{ body, want string }{
		{"SUMMARY:x\r\n", `"GEO"`},
		{"GEO:93;5\r\n", `"GEO"`},
		{"GEO:43.3;5.4\r\nX-CLAIRVOIE-KIND:riot\r\n", `"kind"`},
		{"GEO:43.3;5.4\r\nX-CLAIRVOIE-ATTENDANCE:many\r\n", "X-CLAIRVOIE-ATTENDANCE"},
	} {
		_, err := ical.Read(strings.NewReader(head+tc.body+"END:VEVENT\r\nEND:VCALENDAR\r\n"), "cal.ics", paris)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "e1") {
			t.Errorf("%q: err = %v, want %q and the UID", tc.body, err, tc.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTART:20260301T100000Z\r\nDTEND:20260301T120000Z\r\nGEO:43.3;5.4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		evs, err := ical.Read(bytes.NewReader(b), "fuzz.ics", paris)
		if err != nil {
			return
		}
		for _, e := range evs {
			if err := e.Validate(); err != nil {
				t.Fatalf("an invalid event came through: %v", err)
			}
		}
	})
}
