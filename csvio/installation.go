package csvio

import (
	"errors"
	"io"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// The installation's declaration as CSV: systems, analytics modules and
// data flows, one file each. Each file is read whole or refused at the
// first bad line, with its line and column; a column that is not the
// file's is refused, personal-looking ones with the reason.

var (
	systemColumns = columns("ref", "kind", "supplier", "product", "version", "licence", "licence_id", "hosting", "country",
		"transfer_basis", "contract_ref", "synthetic")
	analyticsColumns = columns("ref", "system", "kind", "cameras", "from", "to", "legal_basis", "authorisation", "basis_until", "synthetic")
	flowColumns      = columns("ref", "recipient", "country", "type", "cameras", "convention", "convention_until", "from", "to",
		"legal_basis", "transfer_basis", "synthetic")
)

func columns(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// installationRows reads a declaration file: required are the columns the
// contract names, each row built by row and checked by validate.
func installationRows(r io.Reader, file string, allowed map[string]bool, required []string, list string,
	row func(t *strictTable, rec []string, fail func(field, value, expected string) error) error) error {
	t, err := openStrict(r, file, allowed, "a header line", list)
	if err != nil {
		return err
	}
	for _, c := range required {
		if _, ok := t.col[c]; !ok {
			return &clairvoie.ImportError{File: file, Line: 1, Field: c, Expected: "a column " + c + " (the columns: " + list + ")"}
		}
	}
	for {
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		fail := func(field, value, expected string) error {
			return &clairvoie.ImportError{File: file, Line: line, Field: field, Value: value, Expected: expected}
		}
		if err := row(t, rec, fail); err != nil {
			var ie *clairvoie.ImportError
			if errors.As(err, &ie) && ie.Line == 0 {
				// An item's own check: say the file and the line.
				ie.File, ie.Line = file, line
			}
			return err
		}
	}
}

// date reads an optional YYYY-MM-DD column.
func date(t *strictTable, rec []string, field string, fail func(field, value, expected string) error) (clairvoie.Date, error) {
	v := t.get(rec, field)
	if v == "" {
		return clairvoie.Date{}, nil
	}
	d, err := clairvoie.ParseDate(v)
	if err != nil || len(v) != len("2006-01-02") {
		return clairvoie.Date{}, fail(field, v, "a day, YYYY-MM-DD")
	}
	return d, nil
}

func synthetic(t *strictTable, rec []string, fail func(field, value, expected string) error) (bool, error) {
	switch v := strings.ToLower(t.get(rec, "synthetic")); v {
	case "", "false", "non", "no", "0":
		return false, nil
	case "true", "oui", "yes", "1":
		return true, nil
	default:
		return false, fail("synthetic", v, "true or false")
	}
}

// ReadSystems reads the systems of the chain: ref, kind, supplier,
// product, licence, hosting, country (required), version, licence_id,
// transfer_basis, contract_ref, synthetic.
func ReadSystems(r io.Reader, file string) ([]clairvoie.System, error) {
	var out []clairvoie.System
	list := "ref, kind, supplier, product, version, licence, licence_id, hosting, country, transfer_basis, contract_ref, synthetic"
	err := installationRows(r, file, systemColumns, []string{"ref", "kind", "supplier", "product", "licence", "hosting", "country"}, list,
		func(t *strictTable, rec []string, fail func(field, value, expected string) error) error {
			s := clairvoie.System{Ref: t.get(rec, "ref"), Kind: clairvoie.SystemKind(t.get(rec, "kind")), Supplier: t.get(rec, "supplier"),
				Product: t.get(rec, "product"), Version: t.get(rec, "version"), Licence: t.get(rec, "licence"), LicenceID: t.get(rec, "licence_id"),
				Hosting: t.get(rec, "hosting"), Country: t.get(rec, "country"), TransferBasis: t.get(rec, "transfer_basis"),
				ContractRef: t.get(rec, "contract_ref"), Source: file}
			var err error
			if s.Synthetic, err = synthetic(t, rec, fail); err != nil {
				return err
			}
			if err := s.Validate(); err != nil {
				return err
			}
			out = append(out, s)
			return nil
		})
	return out, err
}

// ReadAnalytics reads the analytics modules: ref, system, kind, cameras
// ("*" or space-separated references), from, to (empty while enabled),
// legal_basis (required columns; the value may be empty, which the checks
// report), authorisation, basis_until, synthetic.
func ReadAnalytics(r io.Reader, file string) ([]clairvoie.Analytic, error) {
	var out []clairvoie.Analytic
	list := "ref, system, kind, cameras, from, to, legal_basis, authorisation, basis_until, synthetic"
	err := installationRows(r, file, analyticsColumns, []string{"ref", "system", "kind", "cameras", "from", "to", "legal_basis"}, list,
		func(t *strictTable, rec []string, fail func(field, value, expected string) error) error {
			a := clairvoie.Analytic{Ref: t.get(rec, "ref"), System: t.get(rec, "system"), Kind: clairvoie.AnalyticKind(t.get(rec, "kind")),
				Cameras: clairvoie.ParseCameraSet(t.get(rec, "cameras")), LegalBasis: t.get(rec, "legal_basis"),
				Authorisation: t.get(rec, "authorisation"), Source: file}
			var err error
			if a.From, err = date(t, rec, "from", fail); err != nil {
				return err
			}
			if a.To, err = date(t, rec, "to", fail); err != nil {
				return err
			}
			if a.BasisUntil, err = date(t, rec, "basis_until", fail); err != nil {
				return err
			}
			if a.Synthetic, err = synthetic(t, rec, fail); err != nil {
				return err
			}
			if err := a.Validate(); err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	return out, err
}

// ReadFlows reads the data flows: ref, recipient, country, type, cameras,
// convention, from, to, legal_basis (required columns), convention_until,
// transfer_basis, synthetic.
func ReadFlows(r io.Reader, file string) ([]clairvoie.Flow, error) {
	var out []clairvoie.Flow
	list := "ref, recipient, country, type, cameras, convention, convention_until, from, to, legal_basis, transfer_basis, synthetic"
	err := installationRows(r, file, flowColumns, []string{"ref", "recipient", "country", "type", "cameras", "convention", "from", "to", "legal_basis"}, list,
		func(t *strictTable, rec []string, fail func(field, value, expected string) error) error {
			f := clairvoie.Flow{Ref: t.get(rec, "ref"), Recipient: t.get(rec, "recipient"), Country: t.get(rec, "country"),
				Type: clairvoie.FlowType(t.get(rec, "type")), Cameras: clairvoie.ParseCameraSet(t.get(rec, "cameras")),
				Convention: t.get(rec, "convention"), LegalBasis: t.get(rec, "legal_basis"), TransferBasis: t.get(rec, "transfer_basis"), Source: file}
			var err error
			if f.From, err = date(t, rec, "from", fail); err != nil {
				return err
			}
			if f.To, err = date(t, rec, "to", fail); err != nil {
				return err
			}
			if f.ConventionUntil, err = date(t, rec, "convention_until", fail); err != nil {
				return err
			}
			if f.Synthetic, err = synthetic(t, rec, fail); err != nil {
				return err
			}
			if err := f.Validate(); err != nil {
				return err
			}
			out = append(out, f)
			return nil
		})
	return out, err
}
