package main

import (
	"context"
	"fmt"

	"github.com/clairvoie/clairvoie/auditlog"
	"github.com/clairvoie/clairvoie/camerapage"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/opendata"
)

const publishUsage = `publish --db FILE --out DIR [--publisher NAME] [--base-url URL] [--k N] [--no-pages] [--json]

Writes the workspace's open data as a Frictionless data package in DIR: datapackage.json,
cameras.csv and cameras.geojson (the city's registry, Licence Ouverte 2.0; OpenStreetMap
data apart under ODbL), usage_monthly.csv (statistical secrecy: no count between 1 and
k−1, secondary suppression), checks.csv, register_monthly.csv, the Table Schemas, a DCAT-AP
catalogue (catalog.jsonld), a README and a static page per camera. DIR is replaced whole:
a crash leaves the previous package or the new one. Run 'clairvoie validate DIR' before
publishing.`

func runPublish(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("publish")
	dbPath := m.dbFlag(fs)
	out := fs.String("out", "", "directory of the package (replaced)")
	publisher := fs.String("publisher", "", "the publishing body, e.g. \"Ville de Marseille\"")
	baseURL := fs.String("base-url", "", "where the package will be served, e.g. https://data.ville.fr/videoprotection/ (the catalogue's IRIs; without it the catalogue is for local use only)")
	k := fs.Int("k", opendata.DefaultK, "statistical secrecy: counts from 1 to k−1 are suppressed")
	noPages := fs.Bool("no-pages", false, "do not write a page per camera")
	controllerURL := fs.String("controller-url", "", "the data controller's contact page (https://…; a service, never a person), on the camera pages")
	dpoURL := fs.String("dpo-url", "", "the data protection officer's contact page (https://…), on the camera pages")
	register := fs.String("register", "", "the register's directory, whose monthly counts are published (default: register/ beside the database if there is one)")
	asJSON := fs.Bool("json", false, "print the descriptor as JSON")
	pos, err := m.parse(fs, publishUsage, args)
	if err != nil {
		return err
	}
	switch {
	case *dbPath == "" || *out == "":
		return usagef("publish", "--db and --out are required")
	case len(pos) > 0:
		return usagef("publish", "unexpected argument %q", pos[0])
	case *k < 2:
		return usagef("publish", "--k must be at least 2")
	}
	if *baseURL != "" && (*baseURL)[len(*baseURL)-1] != '/' {
		*baseURL += "/"
	}
	ws, err := openWorkspace(ctx, *dbPath)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	defer ws.Close()
	today, _, err := ws.day(ctx, clairvoie.Date{})
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	in, err := opendata.Gather(ctx, ws.cameras, ws.usage, ws.areas, *publisher, *baseURL, *k, today)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	in.Pages = !*noPages
	in.Contacts = camerapage.Contacts{Controller: *controllerURL, DPO: *dpoURL}
	if err := camerapage.CheckContacts(in.Contacts); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if in.Installation, err = ws.installation.FindInstallation(ctx); err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *register == "" {
		*register = registerBeside(*dbPath)
	}
	if *register != "" {
		rs, err := m.readRegister(ctx, *register)
		if err != nil {
			return failJSON(m.Stdout, *asJSON, err)
		}
		in.RegisterSynthetic = auditlog.Synthetic(auditlog.Origin(*register))
		in.Register = []opendata.RegisterMonth{}
		for _, mc := range clairvoie.RegisterCounts(rs, in.K) {
			in.Register = append(in.Register, opendata.RegisterMonth(mc))
		}
	}
	pkg, err := opendata.Publish(*out, in)
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if *baseURL == "" {
		fmt.Fprintln(m.Stderr, "clairvoie publish: no --base-url: the DCAT-AP catalogue (catalog.jsonld) names the files by their file:// paths, for local use only; give --base-url (where the package will be served) for a portal to harvest it")
	}
	if *asJSON {
		return writeJSON(m.Stdout, pkg)
	}
	fmt.Fprintf(m.Stdout, "published %s: %d resources, %d cameras", *out, len(pkg.Resources), len(in.Cameras))
	if in.Pages {
		fmt.Fprintf(m.Stdout, " (and their pages)")
	}
	fmt.Fprintln(m.Stdout)
	return nil
}

const validateUsage = `validate DIR [--json]

Checks a data package before it is published: the descriptor against the Frictionless
data-package profile, each resource against its profile, each Table Schema against the
table-schema profile, every CSV row against its schema (types, required, enums, patterns,
bounds, unique and primary keys), every GeoJSON file against RFC 7946 (WGS 84 positions,
right-hand rule), a licence on every resource. Exit 1 when anything is wrong.`

func runValidate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlags("validate")
	asJSON := fs.Bool("json", false, "print the problems as JSON")
	pos, err := m.parse(fs, validateUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("validate", "give the package's directory")
	}
	probs, err := opendata.Validate(pos[0])
	if err != nil {
		return failJSON(m.Stdout, *asJSON, err)
	}
	if probs == nil {
		probs = []opendata.Problem{}
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, map[string]any{"valid": len(probs) == 0, "problems": probs}); err != nil {
			return err
		}
	} else if len(probs) == 0 {
		fmt.Fprintf(m.Stdout, "%s: valid\n", pos[0])
	} else {
		for _, p := range probs {
			fmt.Fprintln(m.Stdout, p.String())
		}
	}
	if len(probs) > 0 {
		fmt.Fprintf(m.Stderr, "clairvoie validate: %d problems\n", len(probs))
		return &silentError{code: ExitFailure}
	}
	return nil
}
