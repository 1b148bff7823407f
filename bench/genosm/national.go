package main

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/clairvoie/clairvoie/internal/draw"
	"github.com/clairvoie/clairvoie/internal/gamma"
)

// The grid of synthetic communes: 175 × 200 rectangles over mainland France.
const (
	communeCols         = 175
	communeRows         = 200
	minLon, maxLon      = -5.0, 8.3
	minLat, maxLat      = 42.3, 51.1
	firstYear, lastYear = 2016, 2025
)

// writeNational writes the communes, the usage ledger and the incidents of a
// France-wide synthetic workspace in dir.
func writeNational(dir string, cameras, incidents int, seed uint64, ts []town) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, 3))
	if err := writeFile(filepath.Join(dir, "communes.geojson"), func(w *bufio.Writer) {
		fmt.Fprintln(w, `{"type":"FeatureCollection","features":[`)
		dx, dy := (maxLon-minLon)/communeCols, (maxLat-minLat)/communeRows
		for k := 0; k < communeCols*communeRows; k++ {
			x0, y0 := minLon+float64(k%communeCols)*dx, minLat+float64(k/communeCols)*dy
			x1, y1 := x0+dx, y0+dy
			sep := ","
			if k == communeCols*communeRows-1 {
				sep = ""
			}
			pop := int(math.Exp(6.7 + 1.3*r.NormFloat64()))
			fmt.Fprintf(w, `{"type":"Feature","properties":{"code":"%05d","nom":"Commune synthétique %05d","population":%d},`+
				`"geometry":{"type":"Polygon","coordinates":[[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]]}}%s`+"\n",
				k+1, k+1, pop, x0, y0, x1, y0, x1, y1, x0, y1, x0, y0, sep)
		}
		fmt.Fprintln(w, `]}`)
	}); err != nil {
		return err
	}
	// Each camera has its own rate of requisitions (a gamma spread: most are
	// rarely asked for, a few often) and of live interventions.
	rate := make([]float64, cameras)
	live := make([]float64, cameras)
	for i := range rate {
		rate[i] = gamma.Unit(r, 0.6) * 0.8
		live[i] = gamma.Unit(r, 0.8) * 0.3
	}
	for y := firstYear; y <= lastYear; y++ {
		if err := writeFile(filepath.Join(dir, fmt.Sprintf("usage-%d.csv", y)), func(w *bufio.Writer) {
			fmt.Fprintln(w, "camera,month,requisitions,extractions,decisive,interventions,downtime_hours,vandalism")
			for i := 0; i < cameras; i++ {
				for m := 1; m <= 12; m++ {
					req := draw.Poisson(r, rate[i])
					ext := draw.Binomial(r, req, 0.7)
					dec := draw.Binomial(r, ext, 0.1)
					down := 0
					if r.Float64() < 0.02 {
						down = 1 + r.IntN(72)
					}
					vand := 0
					if r.Float64() < 0.002 {
						vand = 1
					}
					fmt.Fprintf(w, "node/%d,%d-%02d,%d,%d,%d,%d,%d,%d\n", i+1, y, m, req, ext, dec, draw.Poisson(r, live[i]), down, vand)
				}
			}
		}); err != nil {
			return err
		}
	}
	start := time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	span := time.Date(lastYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start)
	return writeFile(filepath.Join(dir, "incidents.csv"), func(w *bufio.Writer) {
		fmt.Fprintln(w, "lon,lat,time")
		for i := 0; i < incidents; i++ {
			t := pickTown(r, ts)
			at := start.Add(time.Duration(r.Int64N(int64(span/time.Minute))) * time.Minute)
			fmt.Fprintf(w, "%.5f,%.5f,%s\n", t.lon+r.NormFloat64()*t.sigma*2.8, t.lat+r.NormFloat64()*t.sigma*2, at.Format("2006-01-02T15:04"))
		}
	})
}

func writeFile(path string, fill func(*bufio.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fill(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
