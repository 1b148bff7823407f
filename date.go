package clairvoie

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day without a time zone (a commissioning date, an
// authorisation's expiry). The zero Date means "unknown".
type Date struct {
	t time.Time // midnight UTC; zero when unknown
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// NewDate returns the given calendar day.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ParseDate reads an ISO 8601 calendar date (2006-01-02). OpenStreetMap's
// coarser forms for dates ("2019", "2019-05") are accepted and mean the
// first day of that year or month.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{t}, nil
		}
	}
	return Date{}, fmt.Errorf("not a date in the form YYYY-MM-DD")
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return d.t }

// String returns the ISO form, or "" when unknown.
func (d Date) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddDate adds years, months and days as time.Time.AddDate does.
func (d Date) AddDate(years, months, days int) Date {
	if d.IsZero() {
		return d
	}
	return Date{d.t.AddDate(years, months, days)}
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(*s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
