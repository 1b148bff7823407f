package csvsafe_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/clairvoie/clairvoie/internal/csvsafe"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\",\"y\")": "'=HYPERLINK(\"http://x\",\"y\")",
		"+cmd|' /C calc'!A0":             "'+cmd|' /C calc'!A0",
		"-2+3+cmd|' /C calc'!A0":         "'-2+3+cmd|' /C calc'!A0",
		"@SUM(1+1)*cmd|' /C calc'!A0":    "'@SUM(1+1)*cmd|' /C calc'!A0",
		"\t=1+1":                         "'\t=1+1",
		"＝1+1":                           "'＝1+1",
		" =1+1":                          "' =1+1",
		"\u00a0+A":                       "'\u00a0+A",
		" -3":                            " -3",
		"-3.5":                           "-3.5",
		"-10":                            "-10",
		"+33":                            "+33",
		"-4,25":                          "-4,25",
		"-Inf":                           "'-Inf",
		"-0x1p-2":                        "'-0x1p-2",
		"Rue de Rome":                    "Rue de Rome",
		"":                               "",
	} {
		if got := csvsafe.Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := csvsafe.NewWriter(&b)
	if err := w.WriteAll([][]string{{"a", "=1+1"}, {"-1", "@x"}}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for _, c := range r {
			if csvsafe.Risky(c) {
				t.Errorf("cell %q written as is", c)
			}
		}
	}
}

func FuzzCell(f *testing.F) {
	for _, s := range []string{"=1", "-1", "@a", "+", "abc", "-0x1p-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if csvsafe.Risky(csvsafe.Cell(s)) {
			t.Fatalf("Cell(%q) = %q is still risky", s, csvsafe.Cell(s))
		}
	})
}
