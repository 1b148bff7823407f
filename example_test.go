package clairvoie_test

import (
	"fmt"

	"github.com/clairvoie/clairvoie"
)

func ExampleParseDirection() {
	for _, s := range []string{"NE", "-10", "350-10"} {
		d, _ := clairvoie.ParseDirection(s)
		fmt.Printf("%s → bearing %g°, field of view %g° (written back as %q)\n", s, d.Degrees, d.FOV, d.String())
	}
	// Output:
	// NE → bearing 45°, field of view 0° (written back as "45")
	// -10 → bearing 350°, field of view 0° (written back as "350")
	// 350-10 → bearing 0°, field of view 20° (written back as "350-10")
}

func ExampleScreenKey() {
	for _, k := range []string{"Prénom", "operator:phone", "ownerName", "Commentaires", "camera:direction"} {
		if why := clairvoie.ScreenKey(k); why != "" {
			fmt.Printf("%s: refused (%s)\n", k, why)
		} else {
			fmt.Printf("%s: accepted\n", k)
		}
	}
	// Output:
	// Prénom: refused (a person's name)
	// operator:phone: refused (a phone number)
	// ownerName: refused (a person (the owner))
	// Commentaires: refused (free text)
	// camera:direction: accepted
}
