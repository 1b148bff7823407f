package clairvoie_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/clairvoie/clairvoie"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func TestErrorCodeAndMessage(t *testing.T) {
	for _, tc := range []struct {
		err           error
		code, message string
	}{
		{nil, "", ""},
		{clairvoie.Errorf(clairvoie.ENOTFOUND, "no camera with id %d", 3), clairvoie.ENOTFOUND, "no camera with id 3"},
		{fmt.Errorf("wrap: %w", clairvoie.Errorf(clairvoie.EINVALID, "bad")), clairvoie.EINVALID, "bad"},
		{errors.New("disk on fire"), clairvoie.EINTERNAL, "internal error"},
		{&clairvoie.ImportError{File: "f.csv", Line: 2, Field: "lat", Expected: "a latitude"}, clairvoie.EINVALID, `f.csv:2: field "lat": expected a latitude`},
	} {
		if got := clairvoie.ErrorCode(tc.err); got != tc.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tc.err, got, tc.code)
		}
		if got := clairvoie.ErrorMessage(tc.err); got != tc.message {
			t.Errorf("ErrorMessage(%v) = %q, want %q", tc.err, got, tc.message)
		}
	}
}
