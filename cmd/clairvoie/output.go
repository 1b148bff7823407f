package main

import (
	"encoding/json"
	"io"

	"github.com/clairvoie/clairvoie"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonError is the object a --json command prints on failure.
type jsonError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// failJSON prints err as a JSON object when asJSON and returns it, so that
// the exit code and the message on stderr still follow.
func failJSON(w io.Writer, asJSON bool, err error) error {
	if asJSON && err != nil {
		var je jsonError
		je.Error.Code = clairvoie.ErrorCode(err)
		je.Error.Message = err.Error()
		_ = writeJSON(w, je)
	}
	return err
}
