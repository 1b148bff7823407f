package clairvoie

// The public's words for the OpenStreetMap values a camera carries: one
// table per key, French then English, from the key's page on the
// OpenStreetMap wiki (its French page where there is one). A value the table
// does not know is shown as it is, and marked (Label's known is false).

// Vocabulary is one key's values and their labels.
type Vocabulary struct {
	Key    string               `json:"key"`
	Source string               `json:"source"` // the wiki page the values come from
	Values map[string][2]string `json:"values"` // value → French, English
}

// Vocabularies are the keys the camera pages show.
var Vocabularies = []Vocabulary{
	{Key: KeySurveillance, Source: "https://wiki.openstreetmap.org/wiki/FR:Key:surveillance", Values: map[string][2]string{
		"public":  {"espace public", "public space"},
		"outdoor": {"extérieur privé", "private outdoor area"},
		"indoor":  {"intérieur", "indoors"},
	}},
	{Key: KeySurveillanceType, Source: "https://wiki.openstreetmap.org/wiki/Key:surveillance:type", Values: map[string][2]string{
		"camera":           {"caméra", "camera"},
		"ALPR":             {"lecture automatique des plaques (LAPI)", "automatic number-plate reading (ANPR)"},
		"guard":            {"gardien", "guard"},
		"gunshot_detector": {"détecteur de coups de feu", "gunshot detector"},
	}},
	{Key: KeyZone, Source: "https://wiki.openstreetmap.org/wiki/FR:Key:surveillance:zone", Values: map[string][2]string{
		"town":     {"ville (voie publique)", "town (public way)"},
		"traffic":  {"circulation", "traffic"},
		"parking":  {"parking", "car park"},
		"shop":     {"boutique", "shop"},
		"bank":     {"banque", "bank"},
		"building": {"bâtiment", "building"},
		"entrance": {"entrée d'un bâtiment", "building entrance"},
	}},
	{Key: KeyCameraType, Source: "https://wiki.openstreetmap.org/wiki/FR:Key:camera:type", Values: map[string][2]string{
		"fixed":     {"fixe", "fixed"},
		"panning":   {"orientable (tourelle)", "panning (pan-tilt-zoom)"},
		"dome":      {"dôme", "dome"},
		"panorama":  {"panoramique", "panoramic"},
		"360":       {"360°", "360°"},
		"thermal":   {"thermique", "thermal"},
		"infrared":  {"infrarouge", "infrared"},
		"doorphone": {"interphone vidéo", "video door phone"},
	}},
	{Key: KeyMount, Source: "https://wiki.openstreetmap.org/wiki/Key:camera:mount", Values: map[string][2]string{
		"pole":            {"mât", "pole"},
		"wall":            {"mur", "wall"},
		"ceiling":         {"plafond", "ceiling"},
		"street_lamp":     {"lampadaire", "street lamp"},
		"traffic_signals": {"feux de circulation", "traffic signals"},
		"building":        {"bâtiment", "building"},
		"roof":            {"toit", "roof"},
	}},
	{Key: KeyOperatorType, Source: "https://wiki.openstreetmap.org/wiki/Key:operator:type", Values: map[string][2]string{
		"public":     {"public", "public"},
		"private":    {"privé", "private"},
		"government": {"État", "government"},
		"community":  {"associatif", "community"},
	}},
}

// vocab indexes the tables by key.
var vocab = func() map[string]map[string][2]string {
	m := make(map[string]map[string][2]string, len(Vocabularies))
	for _, v := range Vocabularies {
		m[v.Key] = v.Values
	}
	return m
}()

// Label is the public's word for an OSM value of key in lang ("fr" or
// "en"), and whether the table knows it; an unknown value comes back as it
// is, for the caller to mark.
func Label(key, value, lang string) (string, bool) {
	l, ok := vocab[key][value]
	if !ok {
		return value, false
	}
	if lang == "en" {
		return l[1], true
	}
	return l[0], true
}
