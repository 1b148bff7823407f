package storetest

import (
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

func testEvents(t *testing.T, st Stores) {
	paris, _ := time.LoadLocation("Europe/Paris")
	evs := []clairvoie.Event{
		{Ref: "prado", Kind: clairvoie.EventMarket, Name: "Marché du Prado", Start: time.Date(2026, 1, 5, 8, 0, 0, 0, paris), End: time.Date(2026, 1, 5, 13, 0, 0, 0, paris),
			Place: orb.Polygon{{{5.38, 43.27}, {5.39, 43.27}, {5.39, 43.28}, {5.38, 43.27}}}, RRule: "FREQ=WEEKLY;BYDAY=MO", Organiser: "public"},
		{Ref: "manif", Kind: clairvoie.EventDemonstration, Name: "Marche", Start: time.Date(2026, 3, 7, 11, 0, 0, 0, paris), End: time.Date(2026, 3, 7, 14, 0, 0, 0, paris),
			Place: orb.LineString{{5.37, 43.29}, {5.38, 43.28}}, Attendance: 4000, Synthetic: true},
	}
	if err := st.Events.ReplaceEvents(ctx, "ville", evs); err != nil {
		t.Fatal(err)
	}
	got, err := st.Events.FindEvents(ctx)
	if err != nil || len(got) != 2 {
		t.Fatalf("%d events, %v", len(got), err)
	}
	for i := range evs {
		a, b := evs[i], got[i]
		if a.Ref != b.Ref || a.Kind != b.Kind || a.Name != b.Name || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || b.Start.Location().String() != "Europe/Paris" ||
			a.RRule != b.RRule || a.Attendance != b.Attendance || a.Synthetic != b.Synthetic || !orb.Equal(a.Place, b.Place) || b.Source != "ville" {
			t.Errorf("event %d: %+v, stored %+v", i, a, b)
		}
	}
	// All or nothing: a bad event refuses the batch and keeps the old one.
	bad := append([]clairvoie.Event{}, evs...)
	bad = append(bad, clairvoie.Event{Ref: "x", Kind: "riot"})
	if err := st.Events.ReplaceEvents(ctx, "ville", bad); clairvoie.ErrorCode(err) != clairvoie.EINVALID {
		t.Errorf("a bad event: %v", err)
	}
	if got, _ := st.Events.FindEvents(ctx); len(got) != 2 {
		t.Errorf("after a refused batch: %d events", len(got))
	}
	if err := st.Events.ReplaceEvents(ctx, "ville", evs[:1]); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Events.FindEvents(ctx); len(got) != 1 {
		t.Errorf("replaced: %d events", len(got))
	}
}
