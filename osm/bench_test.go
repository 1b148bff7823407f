package osm_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/osm"
	posm "github.com/paulmach/osm"
	"github.com/paulmach/osm/osmxml"
)

// syntheticOSM is an .osm document of n tagged cameras (synthetic).
func syntheticOSM(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, " <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\" version=\"1\">\n", i, 43.2+float64(i%1000)*1e-4, 5.3+float64(i/1000)*1e-4)
		for _, kv := range [][2]string{{"man_made", "surveillance"}, {"surveillance", "public"}, {"surveillance:type", "camera"},
			{"surveillance:zone", "town"}, {"camera:type", "fixed"}, {"camera:mount", "pole"}, {"camera:direction", "80-150"},
			{"camera:angle", "30"}, {"height", "6.5"}, {"operator", "Commune"}, {"operator:type", "public"},
			{"ref", fmt.Sprintf("C-%06d", i)}, {"check_date", "2024-05-01"}} {
			fmt.Fprintf(&b, "  <tag k=\"%s\" v=\"%s\"/>\n", kv[0], kv[1])
		}
		b.WriteString(" </node>\n")
	}
	b.WriteString("</osm>\n")
	return b.Bytes()
}

// BenchmarkReadXML reads 10,000 cameras with the package's scanner, into cameras.
func BenchmarkReadXML(b *testing.B) {
	doc := syntheticOSM(10000)
	b.SetBytes(int64(len(doc)))
	for i := 0; i < b.N; i++ {
		res, err := osm.ReadXML(context.Background(), bytes.NewReader(doc), clairvoie.ReadOptions{Lenient: true})
		if err != nil || len(res.Cameras) != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadXMLPeerOSMXML is the peer: paulmach/osm's encoding/xml-based
// scanner, nodes only (no screening, no camera decoding: a lower bound of
// what an import through it would cost).
func BenchmarkReadXMLPeerOSMXML(b *testing.B) {
	doc := syntheticOSM(10000)
	b.SetBytes(int64(len(doc)))
	for i := 0; i < b.N; i++ {
		sc := osmxml.New(context.Background(), bytes.NewReader(doc))
		n := 0
		for sc.Scan() {
			if _, ok := sc.Object().(*posm.Node); ok {
				n++
			}
		}
		if sc.Err() != nil || n != 10000 {
			b.Fatal(sc.Err())
		}
	}
}
