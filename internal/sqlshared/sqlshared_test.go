package sqlshared

import "testing"

func TestDollar(t *testing.T) {
	if got := Dollar(`UPDATE feeds SET a = ?, b = '' WHERE c = ?`); got != `UPDATE feeds SET a = $1, b = '' WHERE c = $2` {
		t.Errorf("%s", got)
	}
	if got := Question(`a = ?`); got != `a = ?` {
		t.Errorf("%s", got)
	}
}
