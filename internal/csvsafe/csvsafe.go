// Package csvsafe writes CSV that a spreadsheet opens without running
// anything: a cell that starts with =, +, -, @, a tab or a carriage return
// (or their full-width forms) and is not a number is written with a single
// quote before it, as OWASP recommends against CSV injection
// (https://owasp.org/www-community/attacks/CSV_Injection). Negative numbers
// stay numbers. Every CSV clairvoie writes goes through it; the importers
// refuse such values in the first place, so exports still round-trip.
package csvsafe

import (
	"encoding/csv"
	"io"

	"github.com/clairvoie/clairvoie"
)

// Writer is a csv.Writer whose cells are neutralised.
type Writer struct {
	*csv.Writer
	row []string
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{Writer: csv.NewWriter(w)} }

// Write writes one record, its risky cells neutralised.
func (w *Writer) Write(record []string) error {
	w.row = w.row[:0]
	for _, c := range record {
		w.row = append(w.row, Cell(c))
	}
	return w.Writer.Write(w.row)
}

// WriteAll writes records and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// Cell is c as it may be written: unchanged, or with a quote before it.
func Cell(c string) string {
	if !Risky(c) {
		return c
	}
	return "'" + c
}

// Risky says whether a spreadsheet could read c as a formula
// (clairvoie.FormulaLike).
func Risky(c string) bool { return clairvoie.FormulaLike(c) }
