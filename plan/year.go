package plan

// SolveYear solves one year's choice on its own — the instance the plan
// solves each year — and returns the cameras to close, the objective
// (Savings: usefulness lost; Loss: € saved) and the bound. The benchmarks
// compare it with an exact MIP solver on the same instance.
func SolveYear(cams []Camera, mode Mode, target float64, capacity int) (closed []int64, objective, bound float64, err error) {
	items := make([]item, len(cams))
	for i, c := range cams {
		items[i] = item{idx: i, c: c.Saving, u: c.Usefulness}
	}
	var chosen []bool
	switch mode {
	case Savings:
		chosen, bound, err = solveCover(items, target, capacity, 0, len(items))
		if err != nil {
			return nil, 0, 0, err
		}
	default:
		chosen, bound = solvePack(items, target, capacity)
	}
	for k, ch := range chosen {
		if !ch {
			continue
		}
		closed = append(closed, cams[k].ID)
		if mode == Savings {
			objective += cams[k].Usefulness
		} else {
			objective += cams[k].Saving
		}
	}
	return closed, objective, bound, nil
}
