package clairvoie

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
)

// Error codes, stable across the CLI, the HTTP API and the stores. The HTTP
// status each maps to is decided in one place, in package httpapi.
const (
	EINVALID   = "invalid"   // the input is wrong; the message says how
	ENOTFOUND  = "not_found" // the thing asked for does not exist
	ECONFLICT  = "conflict"  // the request clashes with the state
	EFORBIDDEN = "forbidden"
	// EUNAUTHORIZED: no credentials, or unknown, revoked or expired ones.
	EUNAUTHORIZED = "unauthorized"
	// ETOOMANY: a rate limit was hit; try again later.
	ETOOMANY = "too_many_requests"
	// EFULL: the disk or the database has no room left. The write was
	// refused whole (a transaction rolled back, a log append undone): free
	// space and try again.
	EFULL     = "storage_full"
	EINTERNAL = "internal" // a bug or an outside failure; users see only "internal error"
)

// fullMessage is what users read when storage is full.
const fullMessage = "storage full: the disk or the database has no room left; nothing was written — free space and try again"

// StorageFull reports whether err says that storage is full: ENOSPC from the
// operating system, SQLITE_FULL (13) from SQLite, SQLSTATE 53100 (disk_full)
// from PostgreSQL. The drivers' errors are recognised by their methods, so
// that the domain imports no driver.
func StorageFull(err error) bool {
	if err == nil {
		return false
	}
	// Some libraries flatten the cause into their message (tessera's POSIX
	// storage does): its text is the last resort.
	if errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), syscall.ENOSPC.Error()) {
		return true
	}
	var lite interface{ Code() int } // modernc.org/sqlite's *Error
	if errors.As(err, &lite) && lite.Code()&0xff == 13 {
		return true
	}
	var pg interface{ SQLState() string } // pgx's *pgconn.PgError
	return errors.As(err, &pg) && pg.SQLState() == "53100"
}

// Error is an application error with a code and a message meant for the user.
type Error struct {
	Code    string
	Message string // in English
	French  string // the same message in French; "" when it is said in English only
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Say returns an *Error said in French and in English: fr and en are
// formats filled with the same arguments, in the same order.
func Say(code, fr, en string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(en, args...), French: fmt.Sprintf(fr, args...)}
}

// codeFr says each code in French: the lead of a message said in English
// only, so that a French reader knows at least what kind of error it is.
var codeFr = map[string]string{
	EINVALID:      "demande incorrecte",
	ENOTFOUND:     "introuvable",
	ECONFLICT:     "en conflit avec l'état présent",
	EFORBIDDEN:    "interdit",
	EUNAUTHORIZED: "identification requise ou refusée",
	ETOOMANY:      "trop de demandes : réessayez dans une minute",
	EFULL:         "stockage plein",
	EINTERNAL:     "erreur interne",
}

// fullMessageFr is fullMessage in French.
const fullMessageFr = "stockage plein : le disque ou la base n'a plus de place ; rien n'a été écrit — libérez de la place et réessayez"

// ErrorMessages returns the user-facing message of err in French and in
// English. A message said in English only comes in French after the
// French name of its code ("demande incorrecte (en anglais) : …").
func ErrorMessages(err error) (fr, en string) {
	en = ErrorMessage(err)
	var e *Error
	switch {
	case err == nil:
		return "", ""
	case errors.As(err, &e) && e.French != "":
		return e.French, en
	case ErrorCode(err) == EINTERNAL:
		return codeFr[EINTERNAL], en
	case ErrorCode(err) == EFULL:
		return fullMessageFr, en
	}
	return codeFr[ErrorCode(err)] + " (en anglais) : " + en, en
}

// ErrorCode returns the code of the first *Error or *ImportError in err's
// chain, EINTERNAL for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	var ie *ImportError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ie):
		return EINVALID
	case errors.As(err, &e):
		return e.Code
	case StorageFull(err):
		return EFULL
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the message of an
// application error, or "internal error" for anything else, whose cause must
// only be logged.
func ErrorMessage(err error) string {
	var e *Error
	var ie *ImportError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ie):
		return ie.Error()
	case errors.As(err, &e):
		return e.Message
	case StorageFull(err):
		return fullMessage
	}
	return "internal error"
}

// ImportError says exactly where an input file is wrong: the file, the line
// (CSV, XML) or the feature (GeoJSON index or id, OSM node), the field, the
// value found and what was expected. Importers return it; the import then
// writes nothing.
type ImportError struct {
	File     string // path or name of the input
	Line     int    // 1-based line, 0 when unknown
	Feature  string // feature index, id or OSM object, "" when not applicable
	Field    string // column, property or tag
	Value    string // the offending value, truncated; never echoed when it looks personal
	Expected string // what was expected, in plain words
	Err      error  // an underlying error, if any
}

func (e *ImportError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Feature != "" {
		fmt.Fprintf(&b, ": feature %s", e.Feature)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	if e.Value != "" {
		if why := ScreenValue(e.Value); why != "" {
			fmt.Fprintf(&b, ": got a value that looks like %s (not shown)", why)
		} else {
			fmt.Fprintf(&b, ": got %q", truncate(e.Value, 60))
		}
	}
	if e.Expected != "" {
		fmt.Fprintf(&b, ": expected %s", e.Expected)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *ImportError) Unwrap() error { return e.Err }

// ImportWarning is a value that could not be understood in a lenient import
// (crowd-mapped OpenStreetMap data): it was kept verbatim and reported.
type ImportWarning struct {
	Line     int    `json:"line,omitempty"`
	Feature  string `json:"feature,omitempty"`
	Field    string `json:"field"`
	Value    string `json:"value"`
	Expected string `json:"expected"`
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
