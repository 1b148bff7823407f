package osm_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/osm"
	posm "github.com/paulmach/osm"
	"github.com/paulmach/osm/osmxml"
)

// cameras.osm.pbf is cameras.osm converted by osmium-tool 1.15
// ("osmium cat cameras.osm -o cameras.osm.pbf"): both must read the same.

func readFixture(t *testing.T, name string, read func(context.Context, *os.File, clairvoie.ReadOptions) (osm.Result, error)) osm.Result {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := read(context.Background(), f, clairvoie.ReadOptions{File: name, Lenient: true})
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return res
}

func xmlReader(ctx context.Context, f *os.File, o clairvoie.ReadOptions) (osm.Result, error) {
	return osm.ReadXML(ctx, f, o)
}
func pbfReader(ctx context.Context, f *os.File, o clairvoie.ReadOptions) (osm.Result, error) {
	return osm.ReadPBF(ctx, f, o)
}

func TestReadXMLAndPBF(t *testing.T) {
	for _, tc := range []struct {
		name string
		read func(context.Context, *os.File, clairvoie.ReadOptions) (osm.Result, error)
	}{{"cameras.osm", xmlReader}, {"cameras.osm.pbf", pbfReader}} {
		t.Run(tc.name, func(t *testing.T) {
			res := readFixture(t, tc.name, tc.read)
			byRef := map[string]clairvoie.Camera{}
			for _, c := range res.Cameras {
				byRef[c.SourceRef] = c
			}
			if len(res.Cameras) != 5 {
				t.Fatalf("got %d cameras, want 5 (nodes 101–104 and 106; the bench and the way are not cameras)", len(res.Cameras))
			}
			if c := byRef["node/101"]; c.Type != clairvoie.CameraDome || c.OperatorType != clairvoie.OperatorPublic || c.VerifiedOn.String() != "2024-06-01" || c.Location.Lat() != 43.2965 {
				t.Errorf("node/101: got %+v", c)
			}
			if c := byRef["node/102"]; c.Direction == nil || c.Direction.Degrees != 45 || c.Tilt == nil || *c.Tilt != -30 || *c.Height != 4 {
				t.Errorf("node/102: direction %v tilt %v height %v; want NE=45, angle 30 → tilt -30, 4 m", c.Direction, c.Tilt, c.Height)
			}
			if c := byRef["node/103"]; c.Direction == nil || c.Direction.Degrees != 0 || c.Direction.FOV != 20 || !c.NeedsReview || c.Extra["source"] != "survey" {
				t.Errorf("node/103: got direction %v needs review %v extra %v", c.Direction, c.NeedsReview, c.Extra)
			}
			if c := byRef["node/104"]; c.Status != clairvoie.StatusOutOfService || c.Extra["camera:type"] != "panoramic" {
				t.Errorf("node/104: status %q extra %v; want out_of_service (disused:) and the odd type kept", c.Status, c.Extra)
			}
			if c := byRef["node/106"]; c.Status != clairvoie.StatusPlanned {
				t.Errorf("node/106: status %q, want planned (proposed:)", c.Status)
			}
			var fields []string
			for _, w := range res.Warnings {
				fields = append(fields, w.Feature+" "+w.Field)
			}
			// The way is reported (cameras drawn as ways are not read).
			want := "node/104 camera:type|node/106 camera:direction|way/201 man_made"
			if got := strings.Join(fields, "|"); got != want {
				t.Errorf("warnings: got %q, want %q", got, want)
			}
		})
	}
}

func TestReadXMLStrictRefusesWhatItCannotRead(t *testing.T) {
	f, err := os.Open("testdata/cameras.osm")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = osm.ReadXML(context.Background(), f, clairvoie.ReadOptions{File: "cameras.osm"})
	if err == nil || !strings.Contains(err.Error(), "node/104") || !strings.Contains(err.Error(), "camera:type") {
		t.Fatalf("got %v, want an error naming node/104 and camera:type", err)
	}
}

func TestReadXMLErrors(t *testing.T) {
	for name, want := range map[string][]string{
		"broken.osm":   {"broken.osm:8", "well-formed OpenStreetMap XML"},
		"personal.osm": {"personal.osm", "node/2", `"description"`, "free text", "--drop"},
	} {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := osm.ReadXML(context.Background(), f, clairvoie.ReadOptions{File: name, Lenient: true})
		f.Close()
		var ie *clairvoie.ImportError
		if !errors.As(err, &ie) || len(res.Cameras) != 0 {
			t.Errorf("%s: got %d cameras and %v, want an ImportError and nothing", name, len(res.Cameras), err)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %q", name, err, w)
			}
		}
		if strings.Contains(err.Error(), "Dupont") {
			t.Errorf("%s: the error echoes the personal value: %q", name, err)
		}
	}
}

func TestWriteXMLRoundTrip(t *testing.T) {
	res := readFixture(t, "cameras.osm", xmlReader)
	cams := make([]*clairvoie.Camera, len(res.Cameras))
	for i := range res.Cameras {
		c := res.Cameras[i]
		c.ID = int64(i + 1)
		c.Provenance.Source = "osm"
		cams[i] = &c
	}
	var buf bytes.Buffer
	if err := osm.WriteXML(&buf, cams); err != nil {
		t.Fatal(err)
	}
	back, err := osm.ReadXML(context.Background(), &buf, clairvoie.ReadOptions{File: "export.osm", Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Cameras) != len(cams) {
		t.Fatalf("got %d cameras back, want %d", len(back.Cameras), len(cams))
	}
	for i, c := range back.Cameras {
		want := cams[i]
		if c.SourceRef != want.SourceRef || c.Location != want.Location {
			t.Errorf("camera %d: got ref %q at %v, want %q at %v", i, c.SourceRef, c.Location, want.SourceRef, want.Location)
		}
		gt, wt := c.Tags(), want.Tags()
		if len(gt) != len(wt) {
			t.Errorf("camera %d: tags %v, want %v", i, gt, wt)
		}
		for k, v := range wt {
			if gt[k] != v {
				t.Errorf("camera %d: tag %s = %q, want %q", i, k, gt[k], v)
			}
		}
	}
}

func FuzzReadXML(f *testing.F) {
	for _, name := range []string{"cameras.osm", "broken.osm", "personal.osm"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := osm.ReadXML(context.Background(), bytes.NewReader(b), clairvoie.ReadOptions{File: "fuzz.osm"})
		if err != nil && len(res.Cameras) > 0 {
			t.Fatalf("an error must come with no cameras, got %d", len(res.Cameras))
		}
		for _, c := range res.Cameras {
			if c.SourceRef == "" {
				t.Fatalf("a camera without a source reference")
			}
		}
	})
}

// The package's XML scanner must read what paulmach/osm's encoding/xml-based
// scanner reads: same nodes, same coordinates, same tags.
func TestXMLScannerAgreesWithOSMXML(t *testing.T) {
	for _, name := range []string{"cameras.osm"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		ours, err := osm.ReadXML(context.Background(), bytes.NewReader(b), clairvoie.ReadOptions{File: name, Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		sc := osmxml.New(context.Background(), bytes.NewReader(b))
		var theirs []*posm.Node
		for sc.Scan() {
			if n, ok := sc.Object().(*posm.Node); ok && strings.Contains(n.Tags.Find("man_made")+n.Tags.Find("disused:man_made")+n.Tags.Find("proposed:man_made"), "surveillance") {
				theirs = append(theirs, n)
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if len(theirs) != len(ours.Cameras) {
			t.Fatalf("%s: %d cameras, osmxml finds %d", name, len(ours.Cameras), len(theirs))
		}
		for i, n := range theirs {
			c := ours.Cameras[i]
			if c.SourceRef != osm.NodeRef(int64(n.ID)) || c.Location.Lon() != n.Lon || c.Location.Lat() != n.Lat {
				t.Errorf("node %d: got %s at %v, osmxml %d at %v,%v", i, c.SourceRef, c.Location, n.ID, n.Lon, n.Lat)
			}
		}
	}
}
