package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/decp"
	"github.com/clairvoie/clairvoie/sqlite"
)

// The demo's installation: a SYNTHETIC reconstruction of Marseille's chain,
// calibrated on what is public — shape-and-colour search deployed,
// biometric identification declared illegal and not deployed, the
// observatory run by a private contractor, the transport operator receiving
// live feeds — with fictional suppliers (every name says "fictif") and a few
// findings for the checks to show: shape-and-colour search on a basis that
// does not cover it, crowd counting kept after the 2024 Games experiment
// ended, a tracking trial without a basis, the contractor without a
// convention, the transport operator's convention expired, a backup in the
// United States without a transfer basis, and the court's convention signed
// after the register's first transmissions. The contracts carry the
// references the synthetic cameras name (clairvoie:contract). Written as CSV and DECP JSON
// files in DIR/installation, then imported through the same readers a city
// uses.

// SourceInstallation names the demo's declaration in the workspace.
const SourceInstallation = "installation-synthetique"

// writeInstallation writes DIR/installation/{systems,analytics,flows}.csv
// and contracts.json from the synthetic cameras.
func writeInstallation(dir string, cams []clairvoie.Camera) error {
	d := filepath.Join(dir, "installation")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	// The city centre's cameras (1st and 2nd arrondissements) carry the
	// experiments; the 4th's the transport operator's feed.
	var centre, transport []string
	for _, c := range cams {
		switch c.Arrondissement {
		case "13201", "13202":
			centre = append(centre, c.SourceRef)
		case "13204":
			transport = append(transport, c.SourceRef)
		}
	}
	if len(centre) < 20 || len(transport) < 10 {
		return fmt.Errorf("installation: %d cameras in the centre, %d in the 4th: too few", len(centre), len(transport))
	}
	experiment := strings.Join(centre[:20], " ")
	all := "source:" + SourceMarseille
	files := map[string]string{
		"systems.csv": `ref,kind,supplier,product,version,licence,licence_id,hosting,country,transfer_basis,contract_ref,synthetic
SYN-VMS,vms,Éditeur VMS A (fictif),Superviseur,7.4,proprietary,,on_premises,FR,,MARCHE-2018-VP-PH3,true
SYN-NVR,recorder,Constructeur B (fictif),Enregistreurs,3.2,proprietary,,on_premises,FR,,MARCHE-2018-VP-PH3,true
SYN-VSA,analytics_server,Éditeur C (fictif),Recherche vidéo,2.1,proprietary,,on_premises,FR,,SYN2021VSA1,true
SYN-OBS,observatory,Prestataire D (fictif),Observatoire,1.0,proprietary,,supplier,FR,,SYN2022OBS1,true
SYN-BACKUP,recorder,Hébergeur E (fictif),Sauvegarde distante,,proprietary,,cloud,US,,,true
SYN-SIG,other,Logiciel libre SIG (fictif),Cartographie,3.34,free,GPL-2.0-or-later,on_premises,FR,,,true
`,
		"analytics.csv": `ref,system,kind,cameras,from,to,legal_basis,authorisation,basis_until,synthetic
SYN-A1,SYN-VMS,motion_detection,` + all + `,2015-01-01,,csi-l251-2,SYN-ARRETE-2015-01,,true
SYN-A2,SYN-VSA,shape_colour_search,` + all + `,2019-06-01,,csi-l251-2,SYN-ARRETE-2019-07,,true
SYN-A3,SYN-VSA,crowd_counting,` + experiment + `,2024-05-01,,loi-2023-380-art10,SYN-ARRETE-2024-12,,true
SYN-A4,SYN-VSA,abandoned_object,` + experiment + `,2024-05-01,2025-03-31,loi-2023-380-art10,SYN-ARRETE-2024-12,,true
SYN-A5,SYN-VSA,tracking,` + experiment + `,2021-01-01,2022-12-31,,,,true
`,
		"flows.csv": `ref,recipient,country,type,cameras,convention,convention_until,from,to,legal_basis,transfer_basis,synthetic
SYN-F1,tribunal-judiciaire:marseille,FR,export,` + all + `,SYN-CONV-TJ-2026,,2026-08-03,,cpp-77-1-1,,true
SYN-F2,police-nationale,FR,live,` + all + `,SYN-CONV-PN-2016,,2016-01-01,,csi-l252-2,,true
SYN-F3,rtm,FR,live,` + strings.Join(transport[:10], " ") + `,SYN-CONV-RTM-2019,2025-06-30,2019-01-01,,csi-l252-2,,true
SYN-F4,prestataire-d,FR,recorded,` + all + `,,,2022-01-01,,,,true
SYN-F5,editeur-vms-a,FR,remote_maintenance,` + all + `,SYN-CONV-MAINT-2019,2027-12-31,2019-06-01,,,,true
`,
		"contracts.json": `{"marches": [
 {"id": "MARCHE-2012-VP-MAINT", "acheteur": {"id": "21130055300016"}, "objet": "Maintenance des caméras de vidéoprotection, phases 1 et 2 (synthétique)",
  "codeCPV": "50343000-1", "procedure": "Appel d'offres ouvert", "dureeMois": 156, "dateNotification": "2012-01-02", "montant": 3900000,
  "titulaires": [{"typeIdentifiant": "SIRET", "id": "SYN00000000002", "denominationSociale": "Constructeur B (fictif)"}]},
 {"id": "MARCHE-2018-VP-PH3", "acheteur": {"id": "21130055300016"}, "objet": "Extension du système de vidéoprotection, phase 3 (synthétique)",
  "codeCPV": "32323500-8", "procedure": "Appel d'offres ouvert", "dureeMois": 120, "dateNotification": "2018-07-01", "montant": 6000000,
  "titulaires": [{"typeIdentifiant": "SIRET", "id": "SYN00000000001", "denominationSociale": "Intégrateur A (fictif)"}]},
 {"id": "MARCHE-2021-VP-MAINT", "acheteur": {"id": "21130055300016"}, "objet": "Maintenance des caméras et des équipements de sécurité (synthétique)",
  "codeCPV": "50610000-4", "procedure": "Procédure adaptée", "dureeMois": 84, "dateNotification": "2021-01-01", "montant": 2100000,
  "titulaires": [{"typeIdentifiant": "SIRET", "id": "SYN00000000002", "denominationSociale": "Constructeur B (fictif)"}]},
 {"id": "SYN2021VSA1", "acheteur": {"id": "21130055300016"}, "objet": "Logiciel d'exploitation et de recherche vidéo (synthétique)",
  "codeCPV": "48730000-4", "procedure": "Appel d'offres ouvert", "dureeMois": 60, "dateNotification": "2023-05-10", "montant": 600000,
  "titulaires": [{"typeIdentifiant": "SIRET", "id": "SYN00000000003", "denominationSociale": "Éditeur C (fictif)"}]},
 {"id": "SYN2022OBS1", "acheteur": {"id": "21130055300016"}, "objet": "Exploitation de l'observatoire et supervision (synthétique)",
  "codeCPV": "79714000-2", "procedure": "Appel d'offres ouvert", "dureeMois": 48, "dateNotification": "2024-01-03", "montant": 1200000,
  "titulaires": [{"typeIdentifiant": "SIRET", "id": "SYN00000000004", "denominationSociale": "Prestataire D (fictif)"}]},
 {"id": "SYN2024JAR1", "acheteur": {"id": "21130055300016"}, "objet": "Entretien des jardins (synthétique)",
  "codeCPV": "77313000-7", "dureeMois": 24, "dateNotification": "2024-04-01", "montant": 150000, "titulaires": []}
]}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(d, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// importInstallation reads DIR/installation and stores it.
func importInstallation(ctx context.Context, db *sqlite.DB, dir string) (int, error) {
	d := filepath.Join(dir, "installation")
	in := &clairvoie.Installation{}
	open := func(name string) (*os.File, error) { return os.Open(filepath.Join(d, name)) }
	f, err := open("systems.csv")
	if err != nil {
		return 0, err
	}
	in.Systems, err = csvio.ReadSystems(f, "installation/systems.csv")
	f.Close()
	if err != nil {
		return 0, err
	}
	if f, err = open("analytics.csv"); err != nil {
		return 0, err
	}
	in.Analytics, err = csvio.ReadAnalytics(f, "installation/analytics.csv")
	f.Close()
	if err != nil {
		return 0, err
	}
	if f, err = open("flows.csv"); err != nil {
		return 0, err
	}
	in.Flows, err = csvio.ReadFlows(f, "installation/flows.csv")
	f.Close()
	if err != nil {
		return 0, err
	}
	if f, err = open("contracts.json"); err != nil {
		return 0, err
	}
	res, err := decp.Read(f, "installation/contracts.json", "")
	f.Close()
	if err != nil {
		return 0, err
	}
	in.Contracts = res.Contracts
	for i := range in.Contracts {
		in.Contracts[i].Synthetic = true // the DECP format has no such flag
	}
	svc := sqlite.NewInstallationService(db)
	for _, part := range clairvoie.InstallationParts {
		if err := svc.ReplaceInstallation(ctx, SourceInstallation, part, in); err != nil {
			return 0, err
		}
	}
	return len(in.Systems) + len(in.Analytics) + len(in.Flows) + len(in.Contracts), nil
}
