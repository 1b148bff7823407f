package clairvoie

import "strconv"

// Purpose is one of the eleven purposes for which a camera on the public way
// may be authorised (Code de la sécurité intérieure, article L251-2). The
// number is the order of the article's list, 1 to 11.
type Purpose int

// The eleven purposes of CSI L251-2.
const (
	PurposePublicBuildings Purpose = iota + 1
	PurposeNationalDefence
	PurposeTransportFlows
	PurposeTrafficOffences
	PurposeAssaultTheftDrugs
	PurposeTerrorism
	PurposeNaturalRisks
	PurposeRescue
	PurposeAmusementParks
	PurposeMotorInsurance
	PurposeIllegalDumping
)

type purposeInfo struct{ code, fr, en string }

var purposes = [...]purposeInfo{
	{},
	{"public_buildings", "Protection des bâtiments et installations publics et de leurs abords", "Protection of public buildings and their surroundings"},
	{"national_defence", "Sauvegarde des installations utiles à la défense nationale", "Safeguard of national defence installations"},
	{"transport_flows", "Régulation des flux de transport", "Regulation of transport flows"},
	{"traffic_offences", "Constatation des infractions aux règles de la circulation", "Recording of traffic offences"},
	{"assault_theft_drugs", "Prévention des atteintes à la sécurité des personnes et des biens dans des lieux exposés (agressions, vols, trafic de stupéfiants, fraudes douanières)", "Prevention of attacks on people and property in places exposed to assault, theft or drug trafficking (and customs fraud)"},
	{"terrorism", "Prévention d'actes de terrorisme", "Prevention of terrorism"},
	{"natural_risks", "Prévention des risques naturels ou technologiques", "Prevention of natural or technological risks"},
	{"rescue", "Secours aux personnes et défense contre l'incendie", "Rescue of people and fire defence"},
	{"amusement_parks", "Sécurité des installations accueillant du public dans les parcs d'attraction", "Safety of amusement parks"},
	{"motor_insurance", "Respect de l'obligation d'être couvert par une assurance automobile", "The obligation to insure a motor vehicle"},
	{"illegal_dumping", "Prévention et constatation des dépôts sauvages de déchets", "Prevention and recording of illegal dumping of waste"},
}

// Purposes lists all eleven purposes in the order of the article.
func Purposes() []Purpose {
	out := make([]Purpose, 0, 11)
	for p := PurposePublicBuildings; p <= PurposeIllegalDumping; p++ {
		out = append(out, p)
	}
	return out
}

// Valid reports whether p is one of the eleven purposes.
func (p Purpose) Valid() bool { return p >= PurposePublicBuildings && p <= PurposeIllegalDumping }

// Code is the purpose's stable short code, used in files and the API.
func (p Purpose) Code() string {
	if !p.Valid() {
		return ""
	}
	return purposes[p].code
}

// Label returns the purpose's wording in French ("fr") or English.
func (p Purpose) Label(lang string) string {
	if !p.Valid() {
		return ""
	}
	if lang == "en" {
		return purposes[p].en
	}
	return purposes[p].fr
}

// ParsePurpose accepts a purpose's number ("5") or its code.
func ParsePurpose(s string) (Purpose, bool) {
	for p := PurposePublicBuildings; p <= PurposeIllegalDumping; p++ {
		if s == purposes[p].code || s == strconv.Itoa(int(p)) {
			return p, true
		}
	}
	return 0, false
}
