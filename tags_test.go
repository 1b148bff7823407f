package clairvoie_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

func TestParseDirection(t *testing.T) {
	for _, tc := range []struct {
		in      string
		deg     float64
		fov     float64
		wantErr bool
	}{
		{in: "90", deg: 90},
		{in: "90.5", deg: 90.5},
		{in: "-10", deg: 350},
		{in: "370", deg: 10},
		{in: "360", deg: 0},
		{in: "NE", deg: 45},
		{in: "nne", deg: 22.5},
		{in: "SSO", deg: 202.5},
		{in: "O", deg: 270},
		{in: "WNW", deg: 292.5},
		{in: "90°", deg: 90},
		{in: "80-100", deg: 90, fov: 20},
		{in: "350-10", deg: 0, fov: 20},
		{in: "N-E", deg: 45, fov: 90},
		{in: "0-360", deg: 180, fov: 360},
		{in: "", wantErr: true},
		{in: "street", wantErr: true},
		{in: "90;270", wantErr: true},
		{in: "10-", wantErr: true},
		{in: "NaN", wantErr: true},
	} {
		got, err := clairvoie.ParseDirection(tc.in)
		if tc.wantErr {
			if err == nil {
				t.Errorf("ParseDirection(%q) = %+v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got.Degrees != tc.deg || got.FOV != tc.fov {
			t.Errorf("ParseDirection(%q) = %+v, %v; want {%g %g}", tc.in, got, err, tc.deg, tc.fov)
		}
	}
}

func TestDirectionRoundTrip(t *testing.T) {
	for _, in := range []string{"90", "80-100", "350-10", "0-360", "12.25-87.75", "270"} {
		d, err := clairvoie.ParseDirection(in)
		if err != nil {
			t.Fatalf("ParseDirection(%q): %v", in, err)
		}
		back, err := clairvoie.ParseDirection(d.String())
		if err != nil || back != d {
			t.Errorf("%q → %+v → %q → %+v (%v): not a round trip", in, d, d.String(), back, err)
		}
	}
}

func TestCameraFromTags(t *testing.T) {
	c, probs := clairvoie.CameraFromTags(map[string]string{
		"man_made": "surveillance", "surveillance": "public", "surveillance:type": "camera",
		"surveillance:zone": "town", "camera:type": "Dome", "camera:mount": "pole",
		"direction": "SE", "camera:angle": "30", "height": "6 m", "operator": "Ville",
		"operator:type": "government", "ref": "C12", "check_date": "2024-05",
		"fixme": "personne à contacter: Jean", "start_date": "2015-03-02",
		"clairvoie:authorisation_date": "2020-01-15", "clairvoie:purposes": "5;1,assault_theft_drugs",
		"clairvoie:retention_days": "10", "clairvoie:signage": "oui", "survey:source": "terrain",
	})
	if len(probs) != 0 {
		t.Fatalf("problems: %+v", probs)
	}
	if c.Type != clairvoie.CameraDome || c.Mount != clairvoie.MountPole || c.Zone != "town" {
		t.Errorf("type/mount/zone: got %q %q %q", c.Type, c.Mount, c.Zone)
	}
	if c.Direction == nil || c.Direction.Degrees != 135 {
		t.Errorf("direction: got %+v, want 135 (the alias \"direction\" is read)", c.Direction)
	}
	if c.Tilt == nil || *c.Tilt != -30 {
		t.Errorf("tilt: got %v, want -30 (camera:angle 30 below the horizon)", c.Tilt)
	}
	if c.Height == nil || *c.Height != 6 {
		t.Errorf("height: got %v, want 6", c.Height)
	}
	if c.OperatorType != clairvoie.OperatorPublic {
		t.Errorf("operator type: got %q, want public", c.OperatorType)
	}
	if !c.NeedsReview {
		t.Errorf("a fixme must set NeedsReview")
	}
	if got := c.Tags()["fixme"]; got != "yes" {
		t.Errorf("the fixme text must never be stored: Tags() fixme = %q, want \"yes\"", got)
	}
	if c.VerifiedOn.String() != "2024-05-01" || c.CommissionedOn.String() != "2015-03-02" {
		t.Errorf("dates: got %s %s", c.VerifiedOn, c.CommissionedOn)
	}
	if c.Authorisation.Expires.String() != "2025-01-15" {
		t.Errorf("expiry: got %s, want five years after the order", c.Authorisation.Expires)
	}
	if !reflect.DeepEqual(c.Purposes, []clairvoie.Purpose{1, 5}) {
		t.Errorf("purposes: got %v, want [1 5] (deduplicated, sorted)", c.Purposes)
	}
	if c.Signage.Present == nil || !*c.Signage.Present {
		t.Errorf("signage: got %v, want present", c.Signage.Present)
	}
	if c.Status != clairvoie.StatusActive {
		t.Errorf("status: got %q, want active by default", c.Status)
	}
	if c.Extra["survey:source"] != "terrain" || len(c.Extra) != 1 {
		t.Errorf("extra: got %v, want the unknown tag kept", c.Extra)
	}
}

func TestCameraFromTagsTiltWinsOverAngle(t *testing.T) {
	c, probs := clairvoie.CameraFromTags(map[string]string{"camera:tilt": "-20", "camera:angle": "45"})
	if len(probs) != 0 || c.Tilt == nil || *c.Tilt != -20 || c.Extra["camera:angle"] != "45" {
		t.Fatalf("got tilt %v, extra %v, problems %v; want -20 and camera:angle kept", c.Tilt, c.Extra, probs)
	}
}

func TestCameraFromTagsProblems(t *testing.T) {
	for key, val := range map[string]string{
		"camera:type": "panoramic", "camera:direction": "street", "height": "tall",
		"clairvoie:retention_days": "-3", "clairvoie:purposes": "12", "clairvoie:signage": "maybe",
		"start_date": "03/02/2015", "operator:type": "mixed", "clairvoie:status": "broken", "camera:angle": "120",
	} {
		c, probs := clairvoie.CameraFromTags(map[string]string{key: val})
		if len(probs) != 1 || probs[0].Key != key || probs[0].Value != val || probs[0].Expected == "" {
			t.Errorf("%s=%s: got problems %+v, want one naming the key, value and what was expected", key, val, probs)
		}
		if c.Extra[key] != val {
			t.Errorf("%s=%s: the value must be kept verbatim in Extra, got %v", key, val, c.Extra)
		}
	}
}

func TestTagsRoundTrip(t *testing.T) {
	in := map[string]string{
		"surveillance": "public", "camera:type": "fixed", "camera:direction": "80-100", "camera:tilt": "-15",
		"height": "5.5", "operator": "Ville", "operator:type": "public", "start_date": "2015-03-02",
		"clairvoie:status": "out_of_service", "clairvoie:out_of_service_date": "2024-02-01",
		"clairvoie:install_cost": "31000", "clairvoie:install_year": "2015", "clairvoie:maintenance_cost": "1240.5",
		"clairvoie:contract": "M-1", "clairvoie:contract_end": "2027-12-31", "clairvoie:conduit": "F-1",
		"clairvoie:authorisation": "AP-1", "clairvoie:authorisation_date": "2021-02-01",
		"clairvoie:authorisation_expiry": "2026-02-01", "clairvoie:authorised_retention_days": "15",
		"clairvoie:purposes": "1;5", "clairvoie:retention_days": "10", "clairvoie:signage": "no",
		"clairvoie:signage_check_date": "2025-01-01", "check_date": "2025-06-01", "clairvoie:synthetic": "yes",
		"clairvoie:place": "Place X", "clairvoie:programme": "Phase 2", "note:fr": "x",
	}
	c, probs := clairvoie.CameraFromTags(in)
	if len(probs) != 0 {
		t.Fatalf("problems: %+v", probs)
	}
	if got := c.Tags(); !reflect.DeepEqual(got, in) {
		t.Errorf("Tags() is not the input:\n got %v\nwant %v", got, in)
	}
}

func TestScreenKey(t *testing.T) {
	personal := []string{"name", "Nom", "Prénom", "first_name", "E-mail", "e_mail", "courriel", "telephone", "Téléphone",
		"tel", "plaque", "Immatriculation", "licence_plate", "comment", "Commentaires", "description", "note", "remarques",
		"@user", "uid", "contact_person", "visage", "date_naissance",
		// contacts are refused wherever they appear, the controller's too
		"operator:phone", "contact:phone", "operator:email", "controller:email",
		// keys that slipped through before (issue 14)
		"ownerName", "agentEmail", "driverPhone", "desc", "details", "memo", "owner", "author", "propriétaire", "Mél", "véhicule"}
	for _, k := range personal {
		if clairvoie.ScreenKey(k) == "" {
			t.Errorf("ScreenKey(%q) = \"\", want it refused as personal", k)
		}
	}
	harmless := []string{"operator", "operator:type", "contact", "controller", "responsable",
		"camera:direction", "Code postal", "Numéro", "Implantation", "Date de mise en service", "survey:source",
		"hotel", "cost_centre", "location:precision", "fixme", "ref"}
	for _, k := range harmless {
		if why := clairvoie.ScreenKey(k); why != "" {
			t.Errorf("ScreenKey(%q) = %q, want it accepted", k, why)
		}
	}
}

func TestScreenValue(t *testing.T) {
	for v, want := range map[string]bool{
		"jean.dupont@example.org": true, "AB-123-CD": true, "véhicule ab 123 cd vu": true,
		"06 12 34 56 78": true, "+33 6 12 34 56 78": true, "0491123456": true,
		"2019-05-08": false, "MRS-2012-0001": false, "Rue Saint-Denis, rue de Rivoli": false,
		"31000": false, "AP-13-2022-01-VP": false, "5.3781327": false, "350-10": false,
	} {
		if got := clairvoie.ScreenValue(v) != ""; got != want {
			t.Errorf("ScreenValue(%q) refused = %v, want %v", v, got, want)
		}
	}
}

func TestDecodeRecord(t *testing.T) {
	strict := clairvoie.ReadOptions{File: "list.csv"}
	_, _, err := strict.DecodeRecord(clairvoie.RecordAt{Line: 7}, "r1", orb.Point{5, 43}, map[string]string{"camera:type": "round"})
	if err == nil || !strings.Contains(err.Error(), "list.csv:7") || !strings.Contains(err.Error(), `"camera:type"`) || !strings.Contains(err.Error(), "fixed, panning or dome") {
		t.Errorf("strict: got %v, want an error naming file:line, field and what was expected", err)
	}
	lenient := clairvoie.ReadOptions{File: "x.osm", Lenient: true}
	c, warns, err := lenient.DecodeRecord(clairvoie.RecordAt{Feature: "node/1"}, "node/1", orb.Point{5, 43}, map[string]string{"camera:type": "round"})
	if err != nil || len(warns) != 1 || warns[0].Feature != "node/1" || c.Extra["camera:type"] != "round" {
		t.Errorf("lenient: got %v, %+v, %v; want one warning and the value kept", c.Extra, warns, err)
	}
	_, _, err = strict.DecodeRecord(clairvoie.RecordAt{Line: 3}, "r1", orb.Point{5, 43}, map[string]string{"email": "x@y.fr"})
	var ie *clairvoie.ImportError
	var pe *clairvoie.PersonalDataError
	if !errorsAs(err, &ie) || !errorsAs(err, &pe) || strings.Contains(err.Error(), "x@y.fr") {
		t.Errorf("personal: got %v; want an ImportError wrapping a PersonalDataError that does not echo the value", err)
	}
	withDrop := clairvoie.ReadOptions{File: "f", Drop: []string{"email"}}
	if _, _, err := withDrop.DecodeRecord(clairvoie.RecordAt{Line: 3}, "r1", orb.Point{5, 43}, map[string]string{"email": "x@y.fr"}); err != nil {
		t.Errorf("--drop email: got %v, want the column left out and the record accepted", err)
	}
	if _, _, err := strict.DecodeRecord(clairvoie.RecordAt{Line: 4}, "r1", orb.Point{5, 95}, nil); err == nil || !strings.Contains(err.Error(), "latitude") {
		t.Errorf("latitude 95: got %v, want an error naming the latitude", err)
	}
	c, _, err = strict.DecodeRecord(clairvoie.RecordAt{Line: 5}, "line-5", orb.Point{5, 43}, map[string]string{"clairvoie:source_ref": "orig-9"})
	if err != nil || c.SourceRef != "orig-9" {
		t.Errorf("clairvoie:source_ref must take precedence: got %q, %v", c.SourceRef, err)
	}
}
