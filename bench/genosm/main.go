// Command genosm writes a synthetic OpenStreetMap file of N cameras for
// benchmarks: cameras clustered around random town centres in mainland
// France, each with the dozen tags a well-mapped camera carries. It also
// writes the bounding boxes of district-sized windows around those centres,
// one per line (min_lon,min_lat,max_lon,max_lat), for the API load test.
//
// With -national DIR it also writes, around the same towns, the rest of a
// France-wide workspace (issue 9): 35,000 communes as a grid of rectangles
// (communes.geojson, codes 00001–35000: no real INSEE code starts with 00),
// ten years of monthly usage for every camera (usage-2016.csv …
// usage-2025.csv) and 1,000,000 incidents (incidents.csv: lon, lat, time).
//
// The output is synthetic and says so (clairvoie:synthetic=yes on every node;
// "synthétique" in every commune's name; --synthetic on import).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
)

func main() {
	n := flag.Int("n", 100000, "number of cameras")
	towns := flag.Int("towns", 500, "number of town centres")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "cameras.osm", "output .osm file")
	bboxes := flag.String("bboxes", "", "write district windows to this file")
	national := flag.String("national", "", "also write communes, usage and incidents in this directory")
	incidents := flag.Int("incidents", 1000000, "with -national: number of incidents")
	flag.Parse()
	ts, err := run(*n, *towns, *seed, *out, *bboxes)
	if err == nil && *national != "" {
		err = writeNational(*national, *n, *incidents, *seed, ts)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// town is a centre the cameras cluster around.
type town struct{ lon, lat, sigma float64 }

// pickTown draws a town, the first ones more often (big cities first).
func pickTown(r *rand.Rand, ts []town) town {
	return ts[int(math.Min(float64(len(ts)-1), math.Abs(r.NormFloat64())*float64(len(ts))/3))]
}

func run(n, towns int, seed uint64, out, bboxOut string) ([]town, error) {
	r := rand.New(rand.NewPCG(seed, 2))
	ts := make([]town, towns)
	for i := range ts {
		// Mainland France, roughly.
		ts[i] = town{lon: -1.5 + 8.5*r.Float64(), lat: 43.3 + 7.5*r.Float64(), sigma: 0.005 + 0.02*r.Float64()}
	}
	f, err := os.Create(out)
	if err != nil {
		return ts, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(w, `<osm version="0.6" generator="clairvoie-genosm (synthetic)">`)
	types := []string{"fixed", "dome", "panning"}
	mounts := []string{"pole", "wall", "street_lamp"}
	zones := []string{"town", "traffic", "parking"}
	for i := 0; i < n; i++ {
		t := pickTown(r, ts)
		lon := t.lon + r.NormFloat64()*t.sigma*1.4
		lat := t.lat + r.NormFloat64()*t.sigma
		fmt.Fprintf(w, " <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\" version=\"1\">\n", i+1, lat, lon)
		tag := func(k, v string) { fmt.Fprintf(w, "  <tag k=\"%s\" v=\"%s\"/>\n", k, v) }
		tag("man_made", "surveillance")
		tag("surveillance", "public")
		tag("surveillance:type", "camera")
		tag("surveillance:zone", zones[r.IntN(3)])
		ct := types[r.IntN(3)]
		tag("camera:type", ct)
		tag("camera:mount", mounts[r.IntN(3)])
		if ct == "fixed" {
			a := r.IntN(360)
			tag("camera:direction", fmt.Sprintf("%d-%d", a, (a+70)%360))
		}
		tag("camera:angle", fmt.Sprint(10+r.IntN(50)))
		tag("height", fmt.Sprintf("%.1f", 3+5*r.Float64()))
		tag("operator", fmt.Sprintf("Commune %03d", i%towns))
		tag("operator:type", "public")
		tag("ref", fmt.Sprintf("C-%06d", i+1))
		tag("check_date", fmt.Sprintf("20%02d-%02d-%02d", 18+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28)))
		tag("clairvoie:synthetic", "yes")
		fmt.Fprintln(w, " </node>")
	}
	fmt.Fprintln(w, "</osm>")
	if err := w.Flush(); err != nil {
		return ts, err
	}
	if err := f.Close(); err != nil {
		return ts, err
	}
	if bboxOut == "" {
		return ts, nil
	}
	b, err := os.Create(bboxOut)
	if err != nil {
		return ts, err
	}
	bw := bufio.NewWriter(b)
	for i := 0; i < 200; i++ {
		t := pickTown(r, ts)
		// A district: about 2 km × 2 km around a point near the centre.
		lon := t.lon + r.NormFloat64()*t.sigma
		lat := t.lat + r.NormFloat64()*t.sigma
		fmt.Fprintf(bw, "%.5f,%.5f,%.5f,%.5f\n", lon-0.0125, lat-0.009, lon+0.0125, lat+0.009)
	}
	if err := bw.Flush(); err != nil {
		return ts, err
	}
	return ts, b.Close()
}
