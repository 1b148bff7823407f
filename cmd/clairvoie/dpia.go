package main

import (
	"context"
	"io"

	"github.com/clairvoie/clairvoie/ropa"
)

func runDPIA(ctx context.Context, m *Main, args []string) error {
	rec, rep, out, asJSON, format, err := m.buildRecord(ctx, "dpia", args)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	if format == "pia" {
		return m.writeOut(out, func(w io.Writer) error { return ropa.PIA(w, rec, rep) })
	}
	return m.writeOut(out, func(w io.Writer) error { return ropa.DPIA(w, rec, rep) })
}
