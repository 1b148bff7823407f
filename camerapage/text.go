package camerapage

// pageText is the page's words, French first.
var pageText = map[string]map[string]string{
	"fr": {
		"title": "Caméra", "what": "Ce qu'elle filme", "zone": "Zone", "direction": "Direction", "fov": "champ",
		"unknown": "non renseigné", "place": "Lieu", "type": "Type", "mount": "Support", "height": "Hauteur",
		"who": "Qui l'exploite", "operator": "Exploitant", "controller": "Responsable du traitement",
		"optype": "Nature", "public": "public", "private": "privé",
		"law": "Cadre légal", "purposes": "Finalités autorisées (CSI L251-2)", "nopurpose": "aucune finalité enregistrée",
		"retention": "Durée de conservation des images", "days": "jours", "auth": "Autorisation préfectorale",
		"authdate": "du", "expires": "valable jusqu'au", "authret": "conservation autorisée",
		"status": "État", "commissioned": "Mise en service", "verified": "Dernière vérification sur le terrain",
		"signage": "Panneau d'information", "yes": "présent", "no": "absent", "checked": "contrôlé le",
		"rights": "Vos droits", "rightstext": "Vous pouvez demander à accéder aux images où vous figurez, ou vérifier leur destruction dans le délai de conservation (CSI L253-5), auprès du responsable du traitement. En cas de difficulté, vous pouvez saisir la CNIL : www.cnil.fr/fr/plaintes — 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07 — 01 53 73 22 22.",
		"findings": "Contrôle de conformité", "nofinding": "Aucun manquement relevé au",
		"provenance": "Origine de cette fiche", "source": "Source", "sourceref": "Référence dans la source",
		"licence": "Licence", "imported": "Importée le", "print": "Imprimer", "back": "Carte",
		"synthetic": "Données synthétiques", "qr": "Adresse de cette page",
		"planned": "en projet", "active": "en service", "out_of_service": "hors service", "removed": "retirée",
	},
	"en": {
		"title": "Camera", "what": "What it films", "zone": "Zone", "direction": "Direction", "fov": "field",
		"unknown": "not stated", "place": "Place", "type": "Type", "mount": "Mount", "height": "Height",
		"who": "Who runs it", "operator": "Operator", "controller": "Data controller",
		"optype": "Kind", "public": "public", "private": "private",
		"law": "Legal framework", "purposes": "Authorised purposes (CSI L251-2)", "nopurpose": "no purpose on record",
		"retention": "Footage retention period", "days": "days", "auth": "Prefect's authorisation",
		"authdate": "of", "expires": "valid until", "authret": "authorised retention",
		"status": "Status", "commissioned": "Commissioned", "verified": "Last verified on the ground",
		"signage": "Information sign", "yes": "present", "no": "missing", "checked": "checked on",
		"rights": "Your rights", "rightstext": "You may ask the data controller for access to footage in which you appear, or check that it was destroyed within the retention period (CSI L253-5). If that fails, you may complain to the CNIL: www.cnil.fr/fr/plaintes — 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France — +33 1 53 73 22 22.",
		"findings": "Compliance check", "nofinding": "No finding as of",
		"provenance": "Where this record comes from", "source": "Source", "sourceref": "Reference in the source",
		"licence": "Licence", "imported": "Imported on", "print": "Print", "back": "Map",
		"synthetic": "Synthetic data", "qr": "Address of this page",
		"planned": "planned", "active": "in service", "out_of_service": "out of service", "removed": "removed",
	},
}
