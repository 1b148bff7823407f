package locate

import (
	"fmt"
	"math"
)

// Method is a location model.
type Method string

// Methods.
const (
	MethodMCLP    Method = "mclp"    // maximal covering within a radius
	MethodPMedian Method = "pmedian" // least weighted distance
)

// ParseMethod reads a method name.
func ParseMethod(s string) (Method, error) {
	switch Method(s) {
	case MethodMCLP, MethodPMedian:
		return Method(s), nil
	case "":
		return MethodMCLP, nil
	}
	return "", fmt.Errorf("location method %q: mclp or pmedian", s)
}

// Extend adds k sites to the fixed ones — posts already placed stay where
// they are — each chosen to improve the objective most: MCLP, the demand
// newly within radius (ties, and a fully covered city, go to the site
// with the most demand within radius, which may take a second post);
// p-median, the weighted distance saved. It returns the new sites.
func Extend(pr *Problem, fixed []int, k int, method Method, radius float64) []int {
	// Distance to the nearest placed site; before any, a distance longer
	// than any in the problem, so that the first site is the weighted median.
	far := 1.0
	for _, d := range pr.Dist {
		far = math.Max(far, 2*d+1)
	}
	best := make([]float64, pr.N)
	for i := range best {
		best[i] = far
	}
	covered := make([]bool, pr.N)
	posts := make([]int, pr.M)
	place := func(j int) {
		posts[j]++
		for i := 0; i < pr.N; i++ {
			d := pr.d(i, j)
			best[i] = math.Min(best[i], d)
			if d <= radius {
				covered[i] = true
			}
		}
	}
	for _, j := range fixed {
		place(j)
	}
	// MCLP only weighs the demand within radius of a site: list it once, so
	// that each post costs the size of those lists, not N × M.
	var within [][]int32
	if method != MethodPMedian {
		within = make([][]int32, pr.M)
		for j := range within {
			for i := 0; i < pr.N; i++ {
				if pr.d(i, j) <= radius {
					within[j] = append(within[j], int32(i))
				}
			}
		}
	}
	var added []int
	for n := 0; n < k; n++ {
		bj, bg, bt := -1, -1.0, -1.0
		for j := 0; j < pr.M; j++ {
			gain, tie := 0.0, 0.0
			if method == MethodPMedian {
				for i := 0; i < pr.N; i++ {
					if d := pr.d(i, j); d < best[i] {
						gain += pr.Weight[i] * (best[i] - d)
					}
				}
			} else {
				for _, i := range within[j] {
					tie += pr.Weight[i]
					if !covered[i] {
						gain += pr.Weight[i]
					}
				}
			}
			tie /= float64(1 + posts[j]) // share a busy site's demand among its posts
			if gain > bg+1e-9 || (math.Abs(gain-bg) <= 1e-9 && tie > bt) {
				bj, bg, bt = j, gain, tie
			}
		}
		place(bj)
		added = append(added, bj)
	}
	return added
}

// Coverage is the share of the demand weight within radius of a site.
func Coverage(pr *Problem, sites []int, radius float64) float64 {
	total, in := 0.0, 0.0
	for i := 0; i < pr.N; i++ {
		total += pr.Weight[i]
		for _, j := range sites {
			if pr.d(i, j) <= radius {
				in += pr.Weight[i]
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return in / total
}
