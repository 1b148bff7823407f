package forecast

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Baselines are the naive methods a forecast must beat to be shown as
// meaningful. The self-exciting model is a competitor, reported beside
// them, not a baseline.
var Baselines = []string{"long_term_rate", "same_weekday_rate", "kde_last_weeks"}

// Verdict says whether method beats every baseline in results: a higher
// PAI at every share of the area and a higher Brier skill score than each
// one. A method that does not is not presented as meaningful.
func Verdict(results []Result, method string) (bool, []string) {
	var m *Result
	for i := range results {
		if results[i].Method == method {
			m = &results[i]
		}
	}
	if m == nil {
		return false, []string{method + " was not run"}
	}
	var why []string
	for _, b := range results {
		if b.Method == method || !slices.Contains(Baselines, b.Method) {
			continue
		}
		for _, a := range Shares {
			k := fmt.Sprint(a)
			if m.PAI[k] <= b.PAI[k] {
				why = append(why, fmt.Sprintf("PAI at %s %%: %.2f, not above %s's %.2f", k, m.PAI[k], b.Method, b.PAI[k]))
			}
		}
		if m.BSS <= b.BSS {
			why = append(why, fmt.Sprintf("Brier skill %.4f, not above %s's %.4f", m.BSS, b.Method, b.BSS))
		}
	}
	return len(why) == 0, why
}

// WriteCard writes a model card in Markdown: what the method is, what it
// was scored on, the figures of every method, and, plainly, whether it
// beats the baselines.
func WriteCard(w io.Writer, data string, results []Result) error {
	method := "analogue_days"
	var plain, withCal *Result
	for i := range results {
		switch results[i].Method {
		case "analogue_calendar":
			method, withCal = "analogue_calendar", &results[i]
		case "analogue_days":
			plain = &results[i]
		}
	}
	beats, why := Verdict(results, method)
	var b strings.Builder
	fmt.Fprintf(&b, "# Model card: similar past days (%s)\n\n", method)
	fmt.Fprintf(&b, "**What it does.** For a day, it takes the 30 most similar past days (same day of the week, nearest in the "+
		"season, most recent) and expects in each cell of a 250 m grid the mean of their counts, shrunk strongly toward the cell's "+
		"recent rate (three-year half-life) brought to those days' level: the analogue days mainly say how busy the day will be. It uses aggregated counts only; it never uses people, images, phones or "+
		"social networks. Each forecast lists its analogue days: that is its explanation.\n\n")
	if withCal != nil {
		fmt.Fprintf(&b, "**With the calendar** (analogue_calendar), a public holiday is like a Sunday, a school holiday unlike a "+
			"school day, a day with an event of a kind unlike one without; and the cells within %.0f m of the day's events lean on "+
			"up to %d past days with the same kind of event at the same place (weighed against %.0f days of the ordinary forecast).\n\n",
			EventRadius, EventK, EventPrior)
	}
	fmt.Fprintf(&b, "**Scored on.** %s. One day ahead, rolling origin: each day is forecast from the days before it only.\n\n", data)
	fmt.Fprintf(&b, "| method | PAI 1 %% | PAI 5 %% | PAI 10 %% | PAI 20 %% | hit rate 1 %% | hit rate 20 %% | Brier | BSS |\n")
	fmt.Fprintf(&b, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | %.2f | %.2f | %.2f | %.2f | %.1f %% | %.1f %% | %.6f | %+.4f |\n", r.Method,
			r.PAI["1"], r.PAI["5"], r.PAI["10"], r.PAI["20"], 100*r.HitRate["1"], 100*r.HitRate["20"], r.Brier, r.BSS)
	}
	if beats {
		fmt.Fprintf(&b, "\n**Verdict.** It beats every baseline here: a higher PAI at every share of the area and a higher "+
			"Brier skill score. Its forecasts may be shown, with these figures beside them.\n")
	} else {
		fmt.Fprintf(&b, "\n**Verdict. It does not beat the baselines on this data**, so its forecasts are not to be presented "+
			"as meaningful: a baseline does as well or better. Where it falls short:\n\n")
		for _, y := range why {
			fmt.Fprintf(&b, "- %s\n", y)
		}
	}
	if withCal != nil && plain != nil {
		if withCal.PAI["1"] > plain.PAI["1"] && withCal.BSS > plain.BSS {
			fmt.Fprintf(&b, "\n**What the calendar adds.** PAI at 1 %% %.2f against %.2f without it, Brier skill %+.4f against %+.4f.\n",
				withCal.PAI["1"], plain.PAI["1"], withCal.BSS, plain.BSS)
		} else {
			fmt.Fprintf(&b, "\n**What the calendar adds: nothing measurable here** (PAI at 1 %% %.2f against %.2f without it, Brier skill %+.4f against %+.4f).\n",
				withCal.PAI["1"], plain.PAI["1"], withCal.BSS, plain.BSS)
		}
	}
	for _, r := range results {
		if r.Method != "self_exciting" {
			continue
		}
		var m *Result
		for i := range results {
			if results[i].Method == method {
				m = &results[i]
			}
		}
		if m == nil {
			break
		}
		var ahead, behind []string
		for _, a := range Shares {
			k := fmt.Sprint(a)
			if m.PAI[k] > r.PAI[k] {
				ahead = append(ahead, k+" %")
			} else {
				behind = append(behind, k+" %")
			}
		}
		fmt.Fprintf(&b, "\n**Against the self-exciting model** (a competitor, not a baseline: each incident raises the rate around it for a "+
			"while, fitted on the training days): %s ahead at %s, behind or level at %s; Brier skill %+.4f against %+.4f.\n",
			method, orNone(ahead), orNone(behind), m.BSS, r.BSS)
	}
	fmt.Fprintf(&b, "\n**Limits.** The area is the cells where at least one incident happened; rare events fall mostly in "+
		"cells with no past incident, where no method does better than chance. Counts recorded by the police reflect where "+
		"the police look as much as where incidents happen: prefer sources police activity does not create (road "+
		"accidents, emergency calls).\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
