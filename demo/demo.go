// Package demo builds clairvoie's demo workspace: Marseille, with its real
// boundaries and populations and a synthetic reconstruction of its camera
// registry (labelled synthetic in every record), and Paris, with the real
// official list of 2019. Everything it needs is embedded in the binary.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/csvio"
	"github.com/clairvoie/clairvoie/geojsonio"
	"github.com/clairvoie/clairvoie/sqlite"
)

// Source names of the demo workspace.
const (
	SourceMarseille = "marseille-synthetique"
	SourceParis     = "paris-2019"
	SourceOSMParis  = "osm-2011-paris"
)

// DBName is the database file inside a workspace directory.
const DBName = "clairvoie.db"

// Summary says what Build did.
type Summary struct {
	Dir     string                   `json:"dir"`
	DB      string                   `json:"db"`
	Areas   int                      `json:"areas"`
	Imports []clairvoie.ImportResult `json:"imports"`
	// UsageMonths is the size of the synthetic usage ledger (camera-months).
	UsageMonths int `json:"usage_months"`
	// Events is the size of the event calendar, DIR/events.csv.
	Events int `json:"events"`
	// Accidents is the number of synthetic road accidents counted into
	// the workspace (source accidents-synthetiques).
	Accidents int `json:"accidents"`
	// RegisterEntries is the size of the synthetic register, in DIR/register.
	RegisterEntries int `json:"register_entries"`
	// Conduits is the size of the synthetic conduit network.
	Conduits int `json:"conduits"`
	// Installation is the size of the synthetic declaration of the chain
	// (systems, analytics, flows, contracts), from DIR/installation.
	Installation int    `json:"installation"`
	Notice       string `json:"notice"`
}

// Notice is printed with every demo.
const Notice = "Marseille : registre SYNTHÉTIQUE (reconstruction calibrée sur des chiffres publics, pas les vraies caméras). Paris : liste officielle réelle de 2019, et la cartographie citoyenne réelle d'OpenStreetMap en 2011. / Marseille: SYNTHETIC registry (a reconstruction calibrated on public figures, not the real cameras). Paris: the real official 2019 list, and the real citizen mapping of OpenStreetMap in 2011."

// Build creates or refreshes the demo workspace in dir. It is idempotent:
// run again, it updates the same records.
func Build(ctx context.Context, dir string) (Summary, error) {
	sum := Summary{Dir: dir, DB: filepath.Join(dir, DBName), Notice: Notice}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return sum, err
	}
	db, err := sqlite.Open(ctx, sum.DB)
	if err != nil {
		return sum, err
	}
	defer db.Close()
	cameras, areaSvc := sqlite.NewCameraService(db), sqlite.NewAreaService(db)

	commune, arrs, quarts, err := MarseilleAreas()
	if err != nil {
		return sum, fmt.Errorf("demo areas: %w", err)
	}
	for kind, list := range map[clairvoie.AreaKind][]clairvoie.Area{
		clairvoie.AreaCommune: {commune}, clairvoie.AreaArrondissement: arrs, clairvoie.AreaQuartier: quarts,
	} {
		if err := areaSvc.ReplaceAreas(ctx, kind, list); err != nil {
			return sum, fmt.Errorf("demo areas: %w", err)
		}
		sum.Areas += len(list)
	}

	marseille, err := SyntheticMarseille()
	if err != nil {
		return sum, fmt.Errorf("synthetic registry: %w", err)
	}
	res, err := cameras.ImportCameras(ctx, clairvoie.Source{
		Name: SourceMarseille, Format: "generated", Licence: "etalab-2.0", Synthetic: true,
		Attribution: "clairvoie — reconstruction synthétique (graine " + fmt.Sprint(Seed) + ", au " + AsOf.String() + ")",
	}, clairvoie.CamerasOf(marseille), clairvoie.ImportOptions{Prune: true})
	if err != nil {
		return sum, fmt.Errorf("import synthetic registry: %w", err)
	}
	sum.Imports = append(sum.Imports, res)

	// The synthetic usage ledger, keyed by the ids the cameras got.
	held, _, err := cameras.FindCameras(ctx, clairvoie.CameraFilter{Source: SourceMarseille})
	if err != nil {
		return sum, err
	}
	ids := make(map[string]int64, len(held))
	for _, c := range held {
		ids[c.SourceRef] = c.ID
	}
	for i := range marseille {
		marseille[i].ID = ids[marseille[i].SourceRef]
	}
	usage := SyntheticUsage(marseille)
	ures, err := sqlite.NewUsageService(db).ImportUsage(ctx, usage)
	if err != nil {
		return sum, fmt.Errorf("synthetic usage: %w", err)
	}
	sum.UsageMonths = ures.Imported
	if sum.RegisterEntries, err = writeRegister(ctx, dir, marseille, usage); err != nil {
		return sum, fmt.Errorf("synthetic register: %w", err)
	}

	conduits := SyntheticConduits(marseille)
	if err := sqlite.NewConduitService(db).ReplaceConduits(ctx, SourceMarseille, conduits); err != nil {
		return sum, fmt.Errorf("synthetic conduits: %w", err)
	}
	sum.Conduits = len(conduits)
	if err := writeInstallation(dir, marseille); err != nil {
		return sum, fmt.Errorf("synthetic installation: %w", err)
	}
	if sum.Installation, err = importInstallation(ctx, db, dir); err != nil {
		return sum, fmt.Errorf("synthetic installation: %w", err)
	}
	if err := writeSites(dir); err != nil {
		return sum, fmt.Errorf("sites: %w", err)
	}
	if sum.Events, err = writeEvents(dir); err != nil {
		return sum, fmt.Errorf("events: %w", err)
	}
	if err := importEvents(ctx, db, dir); err != nil {
		return sum, fmt.Errorf("events: %w", err)
	}
	if sum.Accidents, err = importOutcomes(ctx, db, dir, arrs); err != nil {
		return sum, fmt.Errorf("outcomes: %w", err)
	}

	mapping, err := csvio.LoadMapping("paris-2019")
	if err != nil {
		return sum, err
	}
	b, err := Data.ReadFile("data/paris-2019/data.csv")
	if err != nil {
		return sum, err
	}
	read, err := csvio.Read(bytes.NewReader(b), mapping, clairvoie.ReadOptions{File: "paris-2019/data.csv"})
	if err != nil {
		return sum, fmt.Errorf("paris list: %w", err)
	}
	res, err = cameras.ImportCameras(ctx, clairvoie.Source{
		Name: SourceParis, Format: "csv", Licence: mapping.Licence, Attribution: mapping.Attribution, File: "data.csv",
	}, clairvoie.CamerasOf(read.Cameras), clairvoie.ImportOptions{Prune: true})
	if err != nil {
		return sum, fmt.Errorf("import paris list: %w", err)
	}
	sum.Imports = append(sum.Imports, res)

	// What citizens had mapped in Paris by April 2011 (OpenStreetMap): the
	// list to reconcile the official one against.
	if b, err = Data.ReadFile("data/osm-2011/derived_paris_osm_2011.geojson"); err != nil {
		return sum, err
	}
	osm, err := geojsonio.Read(bytes.NewReader(b), clairvoie.ReadOptions{File: "osm-2011/derived_paris_osm_2011.geojson", Lenient: true})
	if err != nil {
		return sum, fmt.Errorf("paris osm 2011: %w", err)
	}
	res, err = cameras.ImportCameras(ctx, clairvoie.Source{
		Name: SourceOSMParis, Format: "osm", Licence: "CC-BY-SA-2.0",
		Attribution: "© les contributeurs d'OpenStreetMap, avril 2011 (compilation padorange/cctv, CC BY-SA)", File: "derived_paris_osm_2011.geojson",
	}, clairvoie.CamerasOf(osm.Cameras), clairvoie.ImportOptions{Prune: true})
	if err != nil {
		return sum, fmt.Errorf("import paris osm 2011: %w", err)
	}
	sum.Imports = append(sum.Imports, res)
	return sum, db.Close()
}

// DefaultDir is where the demo workspace goes unless told otherwise: the
// user's cache directory, or the temporary directory.
func DefaultDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "clairvoie", "demo")
	}
	return filepath.Join(os.TempDir(), "clairvoie-demo-"+time.Now().Format("20060102"))
}
