package forecast

// Rank and RankTop are exported for the tests.
var (
	Rank    = rank
	RankTop = rankTop
)
