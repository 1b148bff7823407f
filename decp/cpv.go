package decp

import "strings"

// CPV lists the Common Procurement Vocabulary codes (CPV 2008, Regulation
// (EC) No 213/2008, annex I) that clairvoie reads as video protection: the
// cameras, the surveillance systems, their installation and maintenance,
// and surveillance services. A contract is kept when its main code starts
// with one of these (the check digit aside), or when its object names
// video protection (Keywords). docs/installation.md lists them.
var CPV = []struct{ Code, LabelFR, LabelEN string }{
	{"32234000", "Caméras de télévision en circuit fermé", "Closed-circuit television cameras"},
	{"32235000", "Système de surveillance en circuit fermé", "Closed-circuit surveillance system"},
	{"32323500", "Système de vidéosurveillance", "Video-surveillance system"},
	{"35120000", "Systèmes et dispositifs de surveillance et de sécurité", "Surveillance and security systems and devices"},
	{"35125000", "Systèmes de surveillance", "Surveillance system"},
	{"35125100", "Capteurs", "Sensors"},
	{"35125110", "Capteurs biométriques", "Biometric sensors"},
	{"35125300", "Caméras de sécurité", "Security cameras"},
	{"48730000", "Progiciels de sécurité", "Security software package"},
	{"50343000", "Services de réparation et d'entretien de matériel vidéo", "Repair and maintenance services of video equipment"},
	{"50610000", "Services de réparation et d'entretien de matériel de sécurité", "Repair and maintenance services of security equipment"},
	{"51314000", "Services d'installation de matériel vidéo", "Installation services of video equipment"},
	{"79714000", "Services de surveillance", "Surveillance services"},
	{"92222000", "Services de télévision en circuit fermé", "Closed circuit television services"},
}

// Keywords in a contract's object that mark it as video protection
// (lower case, accents kept; matched on the lower-cased object).
var Keywords = []string{"vidéoprotection", "vidéo-protection", "video protection", "vidéo protection", "vidéosurveillance",
	"vidéo-surveillance", "videosurveillance", "videoprotection", "caméra", "camera", "centre de supervision urbain"}

// About says why a contract is about video protection ("cpv 32323500",
// "objet: vidéoprotection"), or "" when it is not.
func About(cpv, object string) string {
	code := strings.SplitN(cpv, "-", 2)[0]
	for _, c := range CPV {
		if code == c.Code {
			return "cpv " + c.Code
		}
	}
	o := strings.ToLower(object)
	for _, k := range Keywords {
		if strings.Contains(o, k) {
			return "objet : " + k
		}
	}
	return ""
}
