package geojsonio

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
)

// Event properties read, each under its usual names (English first, then
// the French of cities' open data); every other property is ignored unless
// its name looks personal, which fails the file.
var eventProps = map[string][]string{
	"ref":        {"ref", "id", "identifiant", "gid", "uid"},
	"kind":       {"kind", "type", "nature", "categorie", "category"},
	"name":       {"name", "nom", "libelle", "titre", "title", "objet"},
	"start":      {"start", "date_debut", "debut", "datedebut", "start_date", "dtstart"},
	"end":        {"end", "date_fin", "fin", "datefin", "end_date", "dtend"},
	"attendance": {"attendance", "affluence", "frequentation"},
	"organiser":  {"organiser", "organisateur_type"},
	"rrule":      {"rrule", "recurrence"},
	"synthetic":  {"synthetic", "synthetique"},
}

// eventKindWords reads the kinds cities write in French.
var eventKindWords = map[string]clairvoie.EventKind{
	"travaux": clairvoie.EventRoadWorks, "chantier": clairvoie.EventRoadWorks, "voirie": clairvoie.EventRoadWorks,
	"marche": clairvoie.EventMarket, "marché": clairvoie.EventMarket, "marches": clairvoie.EventMarket, "marchés": clairvoie.EventMarket,
	"manifestation": clairvoie.EventDemonstration, "concert": clairvoie.EventConcert, "festival": clairvoie.EventFestival,
	"tournage": clairvoie.EventFilming, "match": clairvoie.EventMatch, "autre": clairvoie.EventOther,
}

// ReadEvents reads road works, markets and other events published as a
// GeoJSON FeatureCollection: a Point, a LineString (a street's works, a
// march's route) or a Polygon (a market's area; a MultiPolygon's or a
// MultiLineString's first part, said in the error otherwise) with its
// dates. A date without a time is a whole day in the workspace's zone
// (an end date includes its day); a time with an offset is put on the
// workspace's clock. kind is the kind of the features that do not say
// theirs. Errors name the file, the feature, the property and what was
// expected; the file is read whole or not at all.
func ReadEvents(r io.Reader, file string, zone *time.Location, kind clairvoie.EventKind) ([]clairvoie.Event, error) {
	fc, err := decodeCollection(r)
	if err != nil {
		return nil, &clairvoie.ImportError{File: file, Expected: "a GeoJSON FeatureCollection of events (Points, LineStrings, Polygons with start and end)", Err: err}
	}
	known := map[string]string{}
	for field, names := range eventProps {
		for _, n := range names {
			known[n] = field
		}
	}
	var out []clairvoie.Event
	for i, f := range fc.Features {
		feat := strconv.Itoa(i + 1)
		fail := func(field, value, expected string) error {
			return &clairvoie.ImportError{File: file, Feature: feat, Field: field, Value: truncate(value), Expected: expected}
		}
		props := map[string]any{}
		keys := map[string]string{}
		for k, v := range f.Properties {
			field, ok := known[strings.ToLower(k)]
			if !ok {
				if why := clairvoie.ScreenKey(k); why != "" {
					return nil, fail(k, "", "no personal data: this property looks like "+why+"; remove it from the file")
				}
				continue
			}
			props[field], keys[field] = v, k
		}
		text := func(field string) (string, error) {
			switch x := props[field].(type) {
			case nil:
				return "", nil
			case string:
				return strings.TrimSpace(x), nil
			case float64:
				if x == math.Trunc(x) && math.Abs(x) < 1e15 {
					return strconv.FormatFloat(x, 'f', -1, 64), nil
				}
			case bool:
				return strconv.FormatBool(x), nil
			}
			return "", fail(keys[field], fmt.Sprint(props[field]), "a text or a number")
		}
		e := clairvoie.Event{Source: file, Kind: kind}
		if e.Ref, err = text("ref"); err != nil {
			return nil, err
		}
		if e.Ref == "" {
			e.Ref = featureID(f.ID)
		}
		if e.Ref == "" {
			e.Ref = "feature-" + feat
		}
		feat = e.Ref
		v, err := text("kind")
		if err != nil {
			return nil, err
		}
		if v != "" {
			k := clairvoie.EventKind(strings.ToLower(v))
			if w, ok := eventKindWords[strings.ToLower(v)]; ok {
				k = w
			}
			e.Kind = k
		}
		if e.Kind == "" {
			return nil, fail("kind", "", "a kind (match, demonstration, market, concert, festival, road_works, filming, other; or travaux, marché…), or --kind for the whole file")
		}
		if e.Name, err = text("name"); err != nil {
			return nil, err
		}
		if e.Name == "" {
			e.Name = string(e.Kind) + " " + e.Ref
		}
		for _, field := range []string{"organiser", "rrule"} {
			if v, err = text(field); err != nil {
				return nil, err
			}
			if field == "organiser" {
				e.Organiser = v
			} else {
				e.RRule = v
			}
		}
		if a, ok := props["attendance"]; ok && a != nil {
			x, isNum := a.(float64)
			if !isNum || x < 0 || x != math.Trunc(x) || x > 1e7 {
				return nil, fail(keys["attendance"], fmt.Sprint(a), "a whole number of people")
			}
			e.Attendance = int(x)
		}
		if s, _ := text("synthetic"); s == "true" || s == "yes" || s == "oui" || s == "1" {
			e.Synthetic = true
		}
		for _, field := range []string{"start", "end"} {
			v, err := text(field)
			if err != nil {
				return nil, err
			}
			t, err := eventTime(v, zone, field == "end")
			if err != nil {
				return nil, fail(orDefault(keys[field], field), v, "a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM, RFC 3339)")
			}
			if field == "start" {
				e.Start = t
			} else {
				e.End = t
			}
		}
		if e.Place, err = eventPlace(f.Geometry); err != nil {
			return nil, fail("geometry", "", err.Error())
		}
		if err := e.Validate(); err != nil {
			return nil, &clairvoie.ImportError{File: file, Feature: feat, Expected: "a usable event", Err: err}
		}
		out = append(out, e)
	}
	return out, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// eventTime reads a date or a date and time; a date alone is the start of
// its day, or, for an end, the start of the next.
func eventTime(v string, zone *time.Location, end bool) (time.Time, error) {
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(l, v, zone); err == nil {
			return t.In(zone), nil
		}
	}
	for _, l := range []string{"2006-01-02", "02/01/2006"} {
		if t, err := time.ParseInLocation(l, v, zone); err == nil {
			if end {
				t = t.AddDate(0, 0, 1)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date")
}

// eventPlace reads a Point, a LineString or a Polygon (a multi-part
// geometry's first part).
func eventPlace(g *geometry) (orb.Geometry, error) {
	if g == nil {
		return nil, fmt.Errorf("a Point, a LineString or a Polygon")
	}
	pos := func(p []float64) (orb.Point, error) {
		if len(p) < 2 || !(p[0] >= -180 && p[0] <= 180) || !(p[1] >= -90 && p[1] <= 90) {
			return orb.Point{}, fmt.Errorf("[longitude, latitude] positions in WGS 84")
		}
		return orb.Point{p[0], p[1]}, nil
	}
	line := func(ps [][]float64) (orb.LineString, error) {
		if len(ps) < 2 {
			return nil, fmt.Errorf("a line of two positions or more")
		}
		out := make(orb.LineString, len(ps))
		for i, p := range ps {
			var err error
			if out[i], err = pos(p); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	switch g.Type {
	case "Point":
		var p []float64
		if err := json.Unmarshal(g.Coordinates, &p); err != nil {
			return nil, fmt.Errorf("a Point's [longitude, latitude]")
		}
		return pos(p)
	case "LineString", "MultiLineString":
		var ps [][]float64
		if g.Type == "MultiLineString" {
			var parts [][][]float64
			if err := json.Unmarshal(g.Coordinates, &parts); err != nil || len(parts) == 0 {
				return nil, fmt.Errorf("a MultiLineString's lines")
			}
			ps = parts[0]
		} else if err := json.Unmarshal(g.Coordinates, &ps); err != nil {
			return nil, fmt.Errorf("a LineString's positions")
		}
		return line(ps)
	case "Polygon", "MultiPolygon":
		s, why := readSurface(g.Type, g.Coordinates)
		if why != "" {
			return nil, fmt.Errorf("%s", why)
		}
		if mp, ok := s.(orb.MultiPolygon); ok {
			if len(mp) == 0 {
				return nil, fmt.Errorf("a MultiPolygon with a polygon")
			}
			return mp[0], nil
		}
		return s, nil
	}
	return nil, fmt.Errorf("a Point, a LineString or a Polygon (got %q)", g.Type)
}
