// Package splitmix is SplitMix64, the small deterministic generator the
// heuristics use for their restarts: the same seed gives the same answer.
package splitmix

// Rand is a SplitMix64 state.
type Rand struct{ S uint64 }

// Next returns the next 64 random bits.
func (r *Rand) Next() uint64 {
	r.S += 0x9e3779b97f4a7c15
	z := r.S
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Float returns a number in [0, 1).
func (r *Rand) Float() float64 { return float64(r.Next()>>11) / (1 << 53) }

// Intn returns a number in [0, n).
func (r *Rand) Intn(n int) int { return int(r.Next() % uint64(n)) }
