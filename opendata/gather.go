package opendata

import (
	"context"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/check"
	"github.com/paulmach/orb"
)

// Gather reads what a package is made of from a workspace's services.
func Gather(ctx context.Context, cams clairvoie.CameraService, usage clairvoie.UsageService, areas clairvoie.AreaService, publisher, baseURL string, k int, today clairvoie.Date) (Input, error) {
	in := Input{Publisher: publisher, BaseURL: baseURL, K: k, Today: today, Quartiers: map[string]string{}}
	var err error
	if in.Sources, err = cams.FindSources(ctx); err != nil {
		return in, err
	}
	if in.Publisher == "" && len(in.Sources) > 0 {
		in.Publisher = "clairvoie (" + in.Sources[0].Name + ")"
	}
	if in.Cameras, _, err = cams.FindCameras(ctx, clairvoie.CameraFilter{}); err != nil {
		return in, err
	}
	if usage != nil {
		if in.Usage, err = usage.FindUsage(ctx, clairvoie.UsageFilter{}); err != nil {
			return in, err
		}
	}
	in.Findings = check.Run(in.Cameras, check.Options{Today: today}).Findings
	if areas != nil {
		qs, err := areas.FindAreas(ctx, clairvoie.AreaQuartier)
		if err != nil {
			return in, err
		}
		in.QuartierAreas = map[string]orb.Geometry{}
		for _, a := range qs {
			in.Quartiers[a.Code] = a.Name
			in.QuartierAreas[a.Code] = a.Geometry
		}
	}
	return in, nil
}
