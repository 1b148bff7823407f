package clairvoie

// LegalBasis is a legal basis clairvoie knows by its code: what it is,
// where it is written, the window it opens and, for analytics, the kinds
// of modules it covers. A code it does not know is kept as stated: the
// checks then trust the declaration, and say so.
type LegalBasis struct {
	Code    string `json:"code"`
	LabelFR string `json:"label_fr"`
	LabelEN string `json:"label_en"`
	Source  string `json:"source"` // the text, as Légifrance or EUR-Lex names it
	From    Date   `json:"from"`
	Until   Date   `json:"until"` // zero: no end
	// Kinds are the analytics modules it covers; empty: it is not a
	// basis for analytics at all (a transfer, a requisition).
	Kinds []AnalyticKind `json:"kinds,omitempty"`
}

// LegalBases are the bases clairvoie knows. Sources: Légifrance (Code de
// la sécurité intérieure, Code de procédure pénale, loi n° 2023-380),
// EUR-Lex (GDPR, AI Act). docs/installation.md cites each.
var LegalBases = []LegalBasis{
	{Code: "csi-l251-2", LabelFR: "Vidéoprotection de la voie publique (CSI L251-2), autorisée par le préfet (L252-1)",
		LabelEN: "Video protection of the public way (CSI L251-2), authorised by the prefect (L252-1)",
		Source:  "Code de la sécurité intérieure, art. L251-2 et L252-1",
		Kinds:   []AnalyticKind{AnalyticMotion}},
	{Code: "loi-2023-380-art10", LabelFR: "Expérimentation des traitements algorithmiques (loi JOP 2024, art. 10), jusqu'au 31 mars 2025",
		LabelEN: "Experiment of algorithmic processing (2024 Games act, art. 10), until 31 March 2025",
		Source:  "Loi n° 2023-380 du 19 mai 2023, art. 10; décret n° 2023-828 du 28 août 2023",
		From:    NewDate(2023, 5, 20), Until: NewDate(2025, 3, 31),
		Kinds: []AnalyticKind{AnalyticCrowd, AnalyticAbandoned, AnalyticOther}},
	{Code: "cpp-60-1", LabelFR: "Réquisition judiciaire en enquête de flagrance (CPP art. 60-1)",
		LabelEN: "Judicial requisition, in flagrante delicto inquiry (CPP art. 60-1)", Source: "Code de procédure pénale, art. 60-1"},
	{Code: "cpp-77-1-1", LabelFR: "Réquisition judiciaire en enquête préliminaire (CPP art. 77-1-1)",
		LabelEN: "Judicial requisition, preliminary inquiry (CPP art. 77-1-1)", Source: "Code de procédure pénale, art. 77-1-1"},
	{Code: "cpp-99-3", LabelFR: "Réquisition du juge d'instruction (CPP art. 99-3)",
		LabelEN: "Requisition by the investigating judge (CPP art. 99-3)", Source: "Code de procédure pénale, art. 99-3"},
	{Code: "gdpr-45-adequacy", LabelFR: "Transfert vers un pays reconnu adéquat (RGPD art. 45)",
		LabelEN: "Transfer to a country with an adequacy decision (GDPR art. 45)", Source: "Règlement (UE) 2016/679, art. 45"},
	{Code: "gdpr-46-scc", LabelFR: "Transfert encadré par des clauses contractuelles types (RGPD art. 46)",
		LabelEN: "Transfer under standard contractual clauses (GDPR art. 46)", Source: "Règlement (UE) 2016/679, art. 46"},
}

// FindLegalBasis returns the basis of a code, and whether clairvoie knows it.
func FindLegalBasis(code string) (LegalBasis, bool) {
	for _, b := range LegalBases {
		if b.Code == code {
			return b, true
		}
	}
	return LegalBasis{}, false
}
