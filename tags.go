package clairvoie

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// The canonical keys of a camera's key/value form. OpenStreetMap keys are
// used where OpenStreetMap has one; the legal and management facts, which it
// does not hold, live under "clairvoie:".
const (
	KeyManMade          = "man_made"
	KeySurveillance     = "surveillance"
	KeySurveillanceType = "surveillance:type"
	KeyZone             = "surveillance:zone"
	KeyCameraType       = "camera:type"
	KeyMount            = "camera:mount"
	KeyDirection        = "camera:direction"
	KeyTilt             = "camera:tilt"
	KeyHeight           = "height"
	KeyOperator         = "operator"
	KeyOperatorType     = "operator:type"
	KeyRef              = "ref"
	KeyCheckDate        = "check_date"
	KeyFixme            = "fixme"
	KeyStartDate        = "start_date"
	KeyPostcode         = "addr:postcode"

	KeyStatus              = "clairvoie:status"
	KeyOutOfServiceDate    = "clairvoie:out_of_service_date"
	KeyRemovalDate         = "clairvoie:removal_date"
	KeyPlace               = "clairvoie:place"
	KeyCommune             = "clairvoie:commune"
	KeyArrondissement      = "clairvoie:arrondissement"
	KeyQuartier            = "clairvoie:quartier"
	KeyProgramme           = "clairvoie:programme"
	KeyInstallCost         = "clairvoie:install_cost"
	KeyInstallYear         = "clairvoie:install_year"
	KeyMaintenanceCost     = "clairvoie:maintenance_cost"
	KeyContract            = "clairvoie:contract"
	KeyContractEnd         = "clairvoie:contract_end"
	KeyConduit             = "clairvoie:conduit"
	KeyAuthorisation       = "clairvoie:authorisation"
	KeyAuthorisationDate   = "clairvoie:authorisation_date"
	KeyAuthorisationExpiry = "clairvoie:authorisation_expiry"
	KeyAuthorisedRetention = "clairvoie:authorised_retention_days"
	KeyPurposes            = "clairvoie:purposes"
	KeyRetentionDays       = "clairvoie:retention_days"
	KeySignage             = "clairvoie:signage"
	KeySignageCheckDate    = "clairvoie:signage_check_date"
	KeySynthetic           = "clairvoie:synthetic"

	// Export metadata: written by exports, ignored by imports (the importing
	// workspace sets its own provenance).
	KeySourceRef  = "clairvoie:source_ref"
	KeySource     = "clairvoie:source"
	KeyLicence    = "clairvoie:licence"
	KeyImportedAt = "clairvoie:imported_at"
	KeyID         = "clairvoie:id"
)

// CanonicalKeys lists, in a stable order, every key a camera's form can
// hold. CSV exports use it as their header.
func CanonicalKeys() []string {
	return []string{
		KeySurveillance, KeySurveillanceType, KeyZone, KeyCameraType, KeyMount,
		KeyDirection, KeyTilt, KeyHeight, KeyOperator, KeyOperatorType, KeyRef,
		KeyPlace, KeyPostcode, KeyCommune, KeyArrondissement, KeyQuartier,
		KeyStatus, KeyStartDate, KeyOutOfServiceDate, KeyRemovalDate,
		KeyProgramme, KeyInstallCost, KeyInstallYear, KeyMaintenanceCost,
		KeyContract, KeyContractEnd, KeyConduit,
		KeyAuthorisation, KeyAuthorisationDate, KeyAuthorisationExpiry, KeyAuthorisedRetention,
		KeyPurposes, KeyRetentionDays, KeySignage, KeySignageCheckDate,
		KeyCheckDate, KeyFixme, KeySynthetic,
	}
}

// aliases are other spellings found in the wild, read as the canonical key.
var aliases = map[string]string{
	"direction":   KeyDirection,
	"survey:date": KeyCheckDate,
	"FIXME":       KeyFixme,
}

// ignoredOnImport are keys that describe a previous export or the OSM
// object's version, not the camera.
var ignoredOnImport = map[string]bool{
	KeyManMade: true, KeySourceRef: true, KeySource: true, KeyLicence: true,
	KeyImportedAt: true, KeyID: true, "@id": true, "@version": true, "@timestamp": true,
	"@changeset": true, "@type": true, "id": true,
}

// TagProblem is a value clairvoie could not read: which key, what it held
// and what was expected. The value is kept verbatim in Camera.Extra.
type TagProblem struct {
	Key, Value, Expected string
}

// CameraFromTags reads a camera's facts from its key/value form. Values it
// cannot read are kept verbatim in Extra and reported as problems; whether a
// problem is an error is the importer's choice (strict or lenient). Keys
// that are not canonical are kept in Extra. Personal-data screening is not
// done here: call ScreenTags first.
func CameraFromTags(tags map[string]string) (Camera, []TagProblem) {
	var c Camera
	var probs []TagProblem
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	keep := func(k, v string) {
		if c.Extra == nil {
			c.Extra = map[string]string{}
		}
		c.Extra[k] = v
	}
	bad := func(k, v, expected string) {
		probs = append(probs, TagProblem{Key: k, Value: v, Expected: expected})
		keep(k, v)
	}
	date := func(k, v string, dst *Date) {
		d, err := ParseDate(v)
		if err != nil {
			bad(k, v, "a date YYYY-MM-DD")
			return
		}
		*dst = d
	}
	number := func(k, v string, min, max float64, dst **float64) {
		f, ok := parseNumber(v)
		if !ok || f < min || f > max {
			bad(k, v, "a number from "+formatNumber(min)+" to "+formatNumber(max))
			return
		}
		*dst = &f
	}
	integer := func(k, v string, min, max int, dst *int) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < min || n > max {
			bad(k, v, "a whole number from "+strconv.Itoa(min)+" to "+strconv.Itoa(max))
			return
		}
		*dst = n
	}
	var angle string // camera:angle, read after camera:tilt which wins
	for _, k := range keys {
		v := strings.TrimSpace(tags[k])
		if v == "" || ignoredOnImport[k] {
			continue
		}
		ck := k
		if a, ok := aliases[k]; ok {
			if _, dup := tags[a]; dup {
				continue // the canonical spelling wins
			}
			ck = a
		}
		switch ck {
		case KeySurveillance:
			c.Surveillance = v
		case KeySurveillanceType:
			c.SurveillanceType = v
		case KeyZone:
			c.Zone = v
		case KeyCameraType:
			switch t := CameraType(strings.ToLower(v)); t {
			case CameraFixed, CameraPanning, CameraDome:
				c.Type = t
			default:
				bad(k, v, "fixed, panning or dome")
			}
		case KeyMount:
			c.Mount = Mount(strings.ToLower(v))
		case KeyDirection:
			d, err := ParseDirection(v)
			if err != nil {
				bad(k, v, "a bearing in degrees, a compass point (N, NE, SSO…) or a range a-b")
				continue
			}
			c.Direction = &d
		case KeyTilt:
			number(k, v, -90, 90, &c.Tilt)
		case "camera:angle":
			angle = v
		case KeyHeight:
			f, ok := parseNumber(strings.TrimSpace(strings.TrimSuffix(v, "m")))
			if !ok || f < 0 || f > 500 {
				bad(k, v, "a height in metres from 0 to 500")
				continue
			}
			c.Height = &f
		case KeyOperator:
			c.Operator = v
		case KeyOperatorType:
			switch strings.ToLower(v) {
			case "public", "government", "municipal", "public_service", "state":
				c.OperatorType = OperatorPublic
			case "private", "business", "commercial", "community":
				c.OperatorType = OperatorPrivate
			default:
				bad(k, v, "public or private")
			}
		case KeyRef:
			c.Ref = v
		case KeyCheckDate:
			date(k, v, &c.VerifiedOn)
		case KeyFixme:
			c.NeedsReview = true // the note itself is free text: never stored
		case KeyStartDate:
			date(k, v, &c.CommissionedOn)
		case KeyPostcode:
			c.Postcode = v
		case KeyStatus:
			s := Status(strings.ToLower(v))
			switch s {
			case StatusPlanned, StatusActive, StatusOutOfService, StatusRemoved:
				c.Status = s
			default:
				bad(k, v, "planned, active, out_of_service or removed")
			}
		case KeyOutOfServiceDate:
			date(k, v, &c.OutOfServiceOn)
		case KeyRemovalDate:
			date(k, v, &c.RemovedOn)
		case KeyPlace:
			c.Place = v
		case KeyCommune:
			c.Commune = v
		case KeyArrondissement:
			c.Arrondissement = v
		case KeyQuartier:
			c.Quartier = v
		case KeyProgramme:
			c.Programme = v
		case KeyInstallCost:
			number(k, v, 0, 1e9, &c.InstallCost)
		case KeyInstallYear:
			integer(k, v, 1950, 2200, &c.InstallYear)
		case KeyMaintenanceCost:
			number(k, v, 0, 1e9, &c.MaintenanceCost)
		case KeyContract:
			c.ContractRef = v
		case KeyContractEnd:
			date(k, v, &c.ContractEnd)
		case KeyConduit:
			c.Conduit = v
		case KeyAuthorisation:
			c.Authorisation.Ref = v
		case KeyAuthorisationDate:
			date(k, v, &c.Authorisation.Date)
		case KeyAuthorisationExpiry:
			date(k, v, &c.Authorisation.Expires)
		case KeyAuthorisedRetention:
			integer(k, v, 1, 3650, &c.Authorisation.RetentionDays)
		case KeyPurposes:
			ps, err := ParsePurposes(v)
			if err != nil {
				bad(k, v, "purposes of CSI L251-2 as numbers 1–11 or codes, separated by ;")
				continue
			}
			c.Purposes = ps
		case KeyRetentionDays:
			integer(k, v, 1, 3650, &c.RetentionDays)
		case KeySignage:
			b, ok := parseBool(v)
			if !ok {
				bad(k, v, "yes or no")
				continue
			}
			c.Signage.Present = &b
		case KeySignageCheckDate:
			date(k, v, &c.Signage.CheckedOn)
		case KeySynthetic:
			b, ok := parseBool(v)
			if !ok {
				bad(k, v, "yes or no")
				continue
			}
			c.Synthetic = b
		default:
			keep(k, v)
		}
	}
	if angle != "" {
		if c.Tilt != nil {
			keep("camera:angle", angle) // both given: tilt wins, angle kept as found
		} else if f, ok := parseNumber(angle); ok && f >= 0 && f <= 90 {
			t := -f // camera:angle counts degrees below the horizon
			c.Tilt = &t
		} else {
			bad("camera:angle", angle, "a number from 0 to 90 (degrees below the horizon)")
		}
	}
	if c.Status == "" {
		c.Status = StatusActive
	}
	if !c.Authorisation.Date.IsZero() && c.Authorisation.Expires.IsZero() {
		c.Authorisation.Expires = c.Authorisation.Date.AddDate(AuthorisationValidityYears, 0, 0)
	}
	return c, probs
}

// Tags returns the camera's canonical key/value form: every fact it holds,
// and its Extra tags. Provenance is not included (see ExportTags).
func (c *Camera) Tags() map[string]string {
	t := make(map[string]string, 24+len(c.Extra))
	for k, v := range c.Extra {
		t[k] = v
	}
	set := func(k, v string) {
		if v != "" {
			t[k] = v
		}
	}
	setDate := func(k string, d Date) { set(k, d.String()) }
	setNum := func(k string, f *float64) {
		if f != nil {
			t[k] = formatNumber(*f)
		}
	}
	setInt := func(k string, n int) {
		if n != 0 {
			t[k] = strconv.Itoa(n)
		}
	}
	set(KeySurveillance, c.Surveillance)
	set(KeySurveillanceType, c.SurveillanceType)
	set(KeyZone, c.Zone)
	set(KeyCameraType, string(c.Type))
	set(KeyMount, string(c.Mount))
	if c.Direction != nil {
		set(KeyDirection, c.Direction.String())
	}
	setNum(KeyTilt, c.Tilt)
	setNum(KeyHeight, c.Height)
	set(KeyOperator, c.Operator)
	set(KeyOperatorType, string(c.OperatorType))
	set(KeyRef, c.Ref)
	setDate(KeyCheckDate, c.VerifiedOn)
	if c.NeedsReview {
		t[KeyFixme] = "yes"
	}
	setDate(KeyStartDate, c.CommissionedOn)
	set(KeyPostcode, c.Postcode)
	set(KeyStatus, string(c.Status))
	setDate(KeyOutOfServiceDate, c.OutOfServiceOn)
	setDate(KeyRemovalDate, c.RemovedOn)
	set(KeyPlace, c.Place)
	set(KeyCommune, c.Commune)
	set(KeyArrondissement, c.Arrondissement)
	set(KeyQuartier, c.Quartier)
	set(KeyProgramme, c.Programme)
	setNum(KeyInstallCost, c.InstallCost)
	setInt(KeyInstallYear, c.InstallYear)
	setNum(KeyMaintenanceCost, c.MaintenanceCost)
	set(KeyContract, c.ContractRef)
	setDate(KeyContractEnd, c.ContractEnd)
	set(KeyConduit, c.Conduit)
	set(KeyAuthorisation, c.Authorisation.Ref)
	setDate(KeyAuthorisationDate, c.Authorisation.Date)
	setDate(KeyAuthorisationExpiry, c.Authorisation.Expires)
	setInt(KeyAuthorisedRetention, c.Authorisation.RetentionDays)
	if len(c.Purposes) > 0 {
		codes := make([]string, len(c.Purposes))
		for i, p := range c.Purposes {
			codes[i] = strconv.Itoa(int(p))
		}
		t[KeyPurposes] = strings.Join(codes, ";")
	}
	setInt(KeyRetentionDays, c.RetentionDays)
	if c.Signage.Present != nil {
		t[KeySignage] = formatBool(*c.Signage.Present)
	}
	setDate(KeySignageCheckDate, c.Signage.CheckedOn)
	if c.Synthetic {
		t[KeySynthetic] = "yes"
	}
	return t
}

// ExportTags is Tags plus the provenance metadata that exports carry
// (source, source reference, licence, import time, id).
func (c *Camera) ExportTags() map[string]string {
	t := c.Tags()
	t[KeyID] = strconv.FormatInt(c.ID, 10)
	t[KeySourceRef] = c.SourceRef
	t[KeySource] = c.Provenance.Source
	if c.Provenance.Licence != "" {
		t[KeyLicence] = c.Provenance.Licence
	}
	if !c.Provenance.ImportedAt.IsZero() {
		t[KeyImportedAt] = c.Provenance.ImportedAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	return t
}

// ParsePurposes reads a list of purposes separated by ";" or ",".
func ParsePurposes(s string) ([]Purpose, error) {
	var out []Purpose
	seen := map[Purpose]bool{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		p, ok := ParsePurpose(strings.TrimSpace(f))
		if !ok {
			return nil, Errorf(EINVALID, "unknown purpose %q", f)
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "1", "oui", "y":
		return true, true
	case "no", "false", "0", "non", "n":
		return false, true
	}
	return false, false
}

func formatBool(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
