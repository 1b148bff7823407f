package areas

import (
	"strconv"

	"github.com/clairvoie/clairvoie"
)

// plm are the three communes divided into arrondissements municipaux
// (Paris, Lyon, Marseille: the "loi PLM"), with the INSEE codes of their
// arrondissements. Their codes are fixed by the INSEE's Code officiel
// géographique and have not changed since 1982.
var plm = []struct {
	commune, name string
	first, n      int // first arrondissement code, how many
}{
	{"75056", "Paris", 75101, 20},
	{"69123", "Lyon", 69381, 9},
	{"13055", "Marseille", 13201, 16},
}

// Name is the usual name of a commune or an arrondissement municipal known
// by its INSEE code alone, for a workspace that holds no boundary for it
// ("Paris", "Paris 1er", "Lyon 3e"); "" when the code is not one of them.
// Names held in the workspace's areas come first.
func Name(kind clairvoie.AreaKind, code string) string {
	n, err := strconv.Atoi(code)
	if err != nil || len(code) != 5 {
		return ""
	}
	for _, c := range plm {
		switch kind {
		case clairvoie.AreaCommune:
			if code == c.commune {
				return c.name
			}
		case clairvoie.AreaArrondissement:
			if i := n - c.first + 1; i >= 1 && i <= c.n {
				if i == 1 {
					return c.name + " 1er"
				}
				return c.name + " " + strconv.Itoa(i) + "e"
			}
		}
	}
	return ""
}

// CommuneOf is the commune an arrondissement municipal belongs to ("" when
// the code is not one).
func CommuneOf(arrondissement string) string {
	n, err := strconv.Atoi(arrondissement)
	if err != nil || len(arrondissement) != 5 {
		return ""
	}
	for _, c := range plm {
		if n >= c.first && n < c.first+c.n {
			return c.commune
		}
	}
	return ""
}
