package clairvoie_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
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

type liteErr int

func (e liteErr) Error() string { return "sqlite error" }
func (e liteErr) Code() int     { return int(e) }

type pgErr string

func (e pgErr) Error() string    { return "pg error" }
func (e pgErr) SQLState() string { return string(e) }

func TestStorageFull(t *testing.T) {
	for _, tc := range []struct {
		err  error
		full bool
	}{
		{fmt.Errorf("write tile: %w", &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}), true},
		{fmt.Errorf("commit: %w", liteErr(13)), true},
		{fmt.Errorf("commit: %w", liteErr(13|256)), true}, // an extended code of SQLITE_FULL
		{fmt.Errorf("commit: %w", liteErr(5)), false},     // SQLITE_BUSY
		{fmt.Errorf("insert: %w", pgErr("53100")), true},
		{fmt.Errorf("insert: %w", pgErr("23505")), false},
		{errors.New("failed to write to temporary file: write x: no space left on device"), true},
		{errors.New("permission denied"), false},
		{nil, false},
	} {
		if got := clairvoie.StorageFull(tc.err); got != tc.full {
			t.Errorf("StorageFull(%v) = %v, want %v", tc.err, got, tc.full)
		}
		if tc.full && (clairvoie.ErrorCode(tc.err) != clairvoie.EFULL || !strings.Contains(clairvoie.ErrorMessage(tc.err), "free space")) {
			t.Errorf("%v: code %q, message %q", tc.err, clairvoie.ErrorCode(tc.err), clairvoie.ErrorMessage(tc.err))
		}
	}
}

func TestErrorMessagesInBothLanguages(t *testing.T) {
	fr, en := clairvoie.ErrorMessages(clairvoie.Say(clairvoie.EUNAUTHORIZED, "jeton %s inconnu", "unknown token %s", "t1"))
	if fr != "jeton t1 inconnu" || en != "unknown token t1" {
		t.Errorf("Say: %q / %q", fr, en)
	}
	// A message said in English only: the French names its kind first.
	fr, en = clairvoie.ErrorMessages(clairvoie.Errorf(clairvoie.EINVALID, "bbox %q: four numbers", "x"))
	if fr != `demande incorrecte (en anglais) : bbox "x": four numbers` || en != `bbox "x": four numbers` {
		t.Errorf("English only: %q / %q", fr, en)
	}
	// An internal error says nothing of its cause, in either language.
	fr, en = clairvoie.ErrorMessages(fmt.Errorf("open /secret/path: denied"))
	if fr != "erreur interne" || en != "internal error" {
		t.Errorf("internal: %q / %q", fr, en)
	}
	if fr, en = clairvoie.ErrorMessages(nil); fr != "" || en != "" {
		t.Errorf("nil: %q / %q", fr, en)
	}
}
