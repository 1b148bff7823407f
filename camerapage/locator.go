package camerapage

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Locator is the page's small map: the camera's quartier (or any area
// around it) and the camera, drawn as an inline SVG — no tile server, no
// script, nothing that leaves the page.
type Locator struct {
	Area orb.Geometry // the area drawn around the camera; nil for none
}

// svg draws the area and the camera (with its field of view when its
// direction is known), in a Web Mercator projection fitted to the area.
func (p Page) svg() template.HTML {
	if p.C == nil || p.Locator.Area == nil {
		return ""
	}
	const w, h, pad = 320.0, 220.0, 10.0
	proj := func(pt orb.Point) (float64, float64) {
		s := math.Sin(pt[1] * math.Pi / 180)
		return (pt[0] + 180) / 360, 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	}
	b := p.Locator.Area.Bound().Extend(p.C.Location)
	x0, y1 := proj(b.Min)
	x1, y0 := proj(b.Max)
	k := math.Min((w-2*pad)/math.Max(x1-x0, 1e-12), (h-2*pad)/math.Max(y1-y0, 1e-12))
	ox, oy := (w-k*(x1-x0))/2, (h-k*(y1-y0))/2
	xy := func(pt orb.Point) (float64, float64) { x, y := proj(pt); return ox + k*(x-x0), oy + k*(y-y0) }
	var d strings.Builder
	ring := func(r orb.Ring) {
		for i, pt := range r {
			x, y := xy(pt)
			if i == 0 {
				fmt.Fprintf(&d, "M%.1f %.1f", x, y)
			} else {
				fmt.Fprintf(&d, "L%.1f %.1f", x, y)
			}
		}
		d.WriteString("Z")
	}
	switch g := p.Locator.Area.(type) {
	case orb.Polygon:
		for _, r := range g {
			ring(r)
		}
	case orb.MultiPolygon:
		for _, poly := range g {
			for _, r := range poly {
				ring(r)
			}
		}
	}
	cx, cy := xy(p.C.Location)
	var cone string
	if dir := p.C.Direction; dir != nil {
		fov := 60.0
		if dir.FOV > 0 {
			fov = float64(dir.FOV)
		}
		a0, a1 := (float64(dir.Degrees)-fov/2)*math.Pi/180, (float64(dir.Degrees)+fov/2)*math.Pi/180
		const r = 28.0
		cone = fmt.Sprintf(`<path class="fov" d="M%.1f %.1fL%.1f %.1fA%.0f %.0f 0 0 1 %.1f %.1fZ"/>`,
			cx, cy, cx+r*math.Sin(a0), cy-r*math.Cos(a0), r, r, cx+r*math.Sin(a1), cy-r*math.Cos(a1))
	}
	return template.HTML(fmt.Sprintf(`<svg class="locator" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s"><path class="area" d="%s"/>%s<circle class="camera" cx="%.1f" cy="%.1f" r="6"/></svg>`,
		w, h, template.HTMLEscapeString(pageText[p.Lang]["locator"]), d.String(), cone, cx, cy))
}
