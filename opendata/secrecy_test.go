package opendata

import (
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/demo"
)

// suppressAll collects what SuppressUsage emits, checking the order: months
// ascending, the city first in each.
func suppressAll(t *testing.T, usage []clairvoie.UsageMonth, arr map[int64]string, syn map[int64]bool, k int) []UsageRow {
	t.Helper()
	var rows []UsageRow
	err := SuppressUsage(usage, arr, syn, k, func(r UsageRow) error {
		if n := len(rows); n > 0 && (rows[n-1].Month > r.Month || (rows[n-1].Month < r.Month && r.Level != "city")) {
			t.Fatalf("row %s %s after %s %s", r.Month, r.Level, rows[n-1].Month, rows[n-1].Level)
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The attacker: for each month and count, the city total minus every
// published cell is the sum S of the n suppressed cells. Knowing that
// suppressed cells are at least 1, each lies in [1, S − n + 1]. A cell is
// recovered when that interval is one value (or when it is alone: it is S);
// it is exposed as small when the interval stays under K.
func attack(t *testing.T, rows []UsageRow, k int) (recovered, exposed, suppressed int) {
	months := map[clairvoie.Month][]UsageRow{}
	for _, r := range rows {
		months[r.Month] = append(months[r.Month], r)
	}
	for _, rs := range months {
		var city *UsageRow
		for i := range rs {
			if rs[i].Level == "city" {
				city = &rs[i]
			}
		}
		for ci := range counts {
			n, known := 0, 0
			for _, r := range rs {
				if r.Level == "city" {
					continue
				}
				if r.Suppressed[ci] {
					n++
				} else {
					known += r.Values[ci]
				}
			}
			suppressed += n
			if n == 0 || city.Suppressed[ci] {
				continue
			}
			s := city.Values[ci] - known
			switch hi := s - n + 1; {
			case n == 1 || hi <= 1: // a lone cell is the difference; n cells summing to n are all 1
				recovered += n
			case hi < k:
				exposed += n
			}
		}
	}
	return
}

func TestSecrecyOnTheDemoLedger(t *testing.T) {
	cams, err := demo.SyntheticMarseille()
	if err != nil {
		t.Fatal(err)
	}
	arr, syn := map[int64]string{}, map[int64]bool{}
	for i := range cams {
		cams[i].ID = int64(i + 1)
		arr[cams[i].ID] = cams[i].Arrondissement
		syn[cams[i].ID] = true
	}
	usage := demo.SyntheticUsage(cams)
	const k = 5
	rows := suppressAll(t, usage, arr, syn, k)
	published, camLevel := 0, 0
	for _, r := range rows {
		if r.Level == "camera" {
			camLevel++
		}
		for ci, name := range counts {
			if r.Suppressed[ci] {
				continue
			}
			if v := r.Values[ci]; v > 0 && v < k {
				t.Fatalf("%s %s %s: published %d, between 1 and %d", r.Month, r.Level, name, v, k-1)
			}
			published++
		}
	}
	recovered, exposed, suppressed := attack(t, rows, k)
	t.Logf("%d rows (%d at camera level), %d cells published, %d suppressed", len(rows), camLevel, published, suppressed)
	if suppressed == 0 {
		t.Fatal("nothing suppressed: the test does not test anything")
	}
	if recovered != 0 || exposed != 0 {
		t.Errorf("the attacker recovers %d suppressed cells and bounds %d under %d", recovered, exposed, k)
	}
	// The totals still add up where nothing is hidden.
	for _, r := range rows {
		if r.Level == "city" && r.Cameras == 0 {
			t.Errorf("empty city row")
		}
	}
}

// Without secondary suppression, the same attacker succeeds: the test can fail.
func TestAttackerCatchesALoneSuppressedCell(t *testing.T) {
	usage := []clairvoie.UsageMonth{
		{CameraID: 1, Month: "2025-01", Requisitions: 2},
		{CameraID: 2, Month: "2025-01", Requisitions: 9},
		{CameraID: 3, Month: "2025-01", Requisitions: 1},
	}
	arr := map[int64]string{1: "A", 2: "B", 3: "B"}
	rows := suppressAll(t, usage, arr, nil, 5)
	// Undo the secondary suppression by hand.
	for i := range rows {
		if rows[i].Level == "arrondissement" && rows[i].Arrondissement == "B" {
			rows[i].Suppressed = [nCounts]bool{}
		}
		if rows[i].Level == "city" {
			rows[i].Suppressed = [nCounts]bool{}
		}
	}
	if rec, _, _ := attack(t, rows, 5); rec == 0 {
		t.Fatal("the attacker should recover the lone suppressed cell")
	}
	// With it, the city total is withheld (no cell ≥ 5 besides B's 10 → B is suppressed too).
	rows = suppressAll(t, usage, arr, nil, 5)
	if rec, exp, _ := attack(t, rows, 5); rec != 0 || exp != 0 {
		t.Errorf("recovered %d, exposed %d", rec, exp)
	}
}
