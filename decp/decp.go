// Package decp reads the contracts of a city from the French public
// procurement open data, the "données essentielles de la commande
// publique" (DECP), in their JSON format (schema.data.gouv.fr,
// 139bercy/format-commande-publique): the consolidated form {"marches":
// [...]}, the 2024 form {"marches": {"marche": [...]}}, or one contract.
// It keeps the contracts about video protection (About) and counts the
// others. Holders are organisations; a holder whose name looks like a
// person's (a sole trader) is kept without its name or its number.
package decp

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/clairvoie/clairvoie"
)

// MaxBytes bounds a DECP file: a city's own contracts, not the national
// consolidation (filter that by buyer first).
const MaxBytes = 64 << 20

// Result is what Read kept.
type Result struct {
	Contracts []clairvoie.Contract `json:"contracts"`
	// Why says, per kept contract ref, why it is about video protection.
	Why map[string]string `json:"why"`
	// Skipped counts the contracts about something else.
	Skipped int `json:"skipped"`
	// Withheld counts the holders kept without name or number because the
	// name looked like a person's.
	Withheld int `json:"withheld"`
}

// Read reads a DECP JSON file. buyer, when set, keeps only that buyer's
// contracts (its SIRET). An error names the contract and the field.
func Read(r io.Reader, file, buyer string) (Result, error) {
	fail := func(feat, field, value, expected string) (Result, error) {
		return Result{}, &clairvoie.ImportError{File: file, Feature: feat, Field: field, Value: value, Expected: expected}
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return Result{}, err
	}
	if len(b) > MaxBytes {
		return fail("", "", "", "a city's contracts, at most 64 MiB (filter the national file by buyer first)")
	}
	list, err := contracts(b)
	if err != nil {
		return fail("", "", "", `DECP JSON: {"marches": [...]}, {"marches": {"marche": [...]}} or one contract (`+err.Error()+")")
	}
	res := Result{Contracts: []clairvoie.Contract{}, Why: map[string]string{}}
	for i, raw := range list {
		var m marche
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&m); err != nil {
			return fail(strconv.Itoa(i+1), "", "", "a contract object ("+err.Error()+")")
		}
		feat := strconv.Itoa(i+1) + " (" + m.ID + ")"
		if buyer != "" && m.Acheteur.ID != buyer {
			continue
		}
		why := About(m.CodeCPV, m.Objet)
		if why == "" {
			res.Skipped++
			continue
		}
		c := clairvoie.Contract{Ref: m.ID, Buyer: m.Acheteur.ID, Object: m.Objet, CPV: m.CodeCPV, Procedure: m.Procedure, Source: file}
		if m.DateNotification != "" {
			d, err := clairvoie.ParseDate(m.DateNotification)
			if err != nil || len(m.DateNotification) < 10 {
				return fail(feat, "dateNotification", m.DateNotification, "a day, YYYY-MM-DD")
			}
			c.Notified = d
		}
		if n, ok := number(m.DureeMois); ok && n == float64(int(n)) {
			c.DurationMonths = int(n)
		} else if len(m.DureeMois) > 0 && string(m.DureeMois) != "null" {
			return fail(feat, "dureeMois", string(m.DureeMois), "a whole number of months")
		}
		if n, ok := number(m.Montant); ok {
			c.Amount = n
		} else if len(m.Montant) > 0 && string(m.Montant) != "null" {
			return fail(feat, "montant", string(m.Montant), "an amount in euros")
		}
		for _, h := range m.Titulaires {
			t := h.Titulaire
			if t == nil {
				t = &h.holder
			}
			if f, bad := clairvoie.ScreenText(t.DenominationSociale, true); bad && !f.Contact {
				res.Withheld++
				c.Holders = append(c.Holders, clairvoie.ContractHolder{IDType: "withheld"})
				continue
			}
			c.Holders = append(c.Holders, clairvoie.ContractHolder{ID: t.ID, IDType: t.TypeIdentifiant, Name: t.DenominationSociale})
		}
		if err := c.Validate(); err != nil {
			if ie, ok := err.(*clairvoie.ImportError); ok {
				ie.File, ie.Feature = file, feat
			}
			return Result{}, err
		}
		res.Contracts = append(res.Contracts, c)
		res.Why[c.Ref] = why
	}
	return res, nil
}

type holder struct {
	ID                  string `json:"id"`
	TypeIdentifiant     string `json:"typeIdentifiant"`
	DenominationSociale string `json:"denominationSociale"`
}

type marche struct {
	ID       string `json:"id"`
	Acheteur struct {
		ID string `json:"id"`
	} `json:"acheteur"`
	Objet            string          `json:"objet"`
	CodeCPV          string          `json:"codeCPV"`
	Procedure        string          `json:"procedure"`
	DureeMois        json.RawMessage `json:"dureeMois"`
	DateNotification string          `json:"dateNotification"`
	Montant          json.RawMessage `json:"montant"`
	Titulaires       []struct {
		holder
		Titulaire *holder `json:"titulaire"` // the 2024 XML-to-JSON form
	} `json:"titulaires"`
}

// contracts finds the list of contracts in any of the three shapes.
func contracts(b []byte) ([]json.RawMessage, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, err
	}
	raw, ok := top["marches"]
	if !ok {
		if _, one := top["id"]; one {
			return []json.RawMessage{b}, nil
		}
		return nil, errNoMarches
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		return list, nil
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(raw, &inner); err != nil {
		return nil, err
	}
	m, ok := inner["marche"]
	if !ok {
		return []json.RawMessage{}, nil
	}
	if json.Unmarshal(m, &list) == nil {
		return list, nil
	}
	return []json.RawMessage{m}, nil
}

type decpError string

func (e decpError) Error() string { return string(e) }

const errNoMarches = decpError(`no "marches" member`)

// number reads a JSON number or a string holding one ("127000", "127 000,50").
func number(raw json.RawMessage) (float64, bool) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, false
	}
	if strings.HasPrefix(s, `"`) {
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return 0, false
		}
		s = strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "\u00a0", "")
	}
	return clairvoie.ParseFinite(s)
}
