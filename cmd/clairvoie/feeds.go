package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/clairvoie/clairvoie"
	"github.com/clairvoie/clairvoie/feed"
)

// feedCommands are the 'events' subcommands about subscriptions.
var feedCommands = map[string]bool{"subscribe": true, "refresh": true, "feeds": true, "unsubscribe": true}

func runFeeds(ctx context.Context, m *Main, pos []string, dbPath, source, url string, every time.Duration, asJSON bool) error {
	cmd := pos[0]
	if dbPath == "" || len(pos) != 1 || (cmd == "subscribe" && (source == "" || url == "")) || (cmd == "unsubscribe" && source == "") {
		return usagef("events", "expected 'events %s --db FILE%s'", cmd, map[string]string{"subscribe": " --source NAME --url URL [--every 1h]",
			"refresh": " [--source NAME]", "unsubscribe": " --source NAME", "feeds": ""}[cmd])
	}
	ws, err := openWorkspace(ctx, dbPath)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	defer ws.Close()
	zone, err := ws.zone(ctx)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	r := &feed.Refresher{Feeds: ws.feeds, Events: ws.events, Zone: zone}
	switch cmd {
	case "subscribe":
		f := clairvoie.Feed{Source: source, URL: url, Every: every}
		if err := clairvoie.CheckFeed(f); err != nil {
			return failJSON(m.Stdout, asJSON, err)
		}
		old, err := ws.feeds.FindFeeds(ctx)
		if err != nil {
			return failJSON(m.Stdout, asJSON, err)
		}
		if err := ws.feeds.SaveFeed(ctx, f); err != nil {
			return failJSON(m.Stdout, asJSON, err)
		}
		n, err := r.Refresh(ctx, f)
		if err != nil { // the first refresh must work: a typo is not a subscription
			if !hasFeed(old, source) {
				ws.feeds.DeleteFeed(ctx, source)
			}
			return failJSON(m.Stdout, asJSON, err)
		}
		if asJSON {
			return writeJSON(m.Stdout, map[string]any{"source": source, "host": f.Host(), "every_s": int64(every / time.Second), "events": n})
		}
		fmt.Fprintf(m.Stdout, "subscribed %s to %s: %d events now, refreshed every %s by 'clairvoie serve' (or 'events refresh')\n", source, f.Host(), n, every)
		return nil
	case "unsubscribe":
		if err := ws.feeds.DeleteFeed(ctx, source); err != nil {
			return failJSON(m.Stdout, asJSON, err)
		}
		if asJSON {
			return writeJSON(m.Stdout, map[string]any{"source": source, "unsubscribed": true})
		}
		fmt.Fprintf(m.Stdout, "unsubscribed %s (its events stay until replaced)\n", source)
		return nil
	case "refresh":
		feeds, err := ws.feeds.FindFeeds(ctx)
		if err != nil {
			return failJSON(m.Stdout, asJSON, err)
		}
		type outcome struct {
			Source string `json:"source"`
			Events int    `json:"events"`
			Error  string `json:"error,omitempty"`
		}
		var out []outcome
		failed := 0
		for _, f := range feeds {
			if source != "" && f.Source != source {
				continue
			}
			n, err := r.Refresh(ctx, f)
			o := outcome{Source: f.Source, Events: n}
			if err != nil {
				o.Error, failed = err.Error(), failed+1
			}
			out = append(out, o)
		}
		if source != "" && len(out) == 0 {
			return failJSON(m.Stdout, asJSON, clairvoie.Say(clairvoie.ENOTFOUND, "aucun abonnement pour la source %q", "no feed for source %q", source))
		}
		if asJSON {
			if out == nil {
				out = []outcome{}
			}
			if err := writeJSON(m.Stdout, map[string]any{"refreshed": out}); err != nil {
				return err
			}
		} else {
			for _, o := range out {
				if o.Error != "" {
					fmt.Fprintf(m.Stdout, "%s: NOT refreshed, its events unchanged: %s\n", o.Source, o.Error)
				} else {
					fmt.Fprintf(m.Stdout, "%s: %d events\n", o.Source, o.Events)
				}
			}
		}
		if failed > 0 {
			return &silentError{code: ExitFailure} // each failure said above
		}
		return nil
	}
	feeds, err := ws.feeds.FindFeeds(ctx)
	if err != nil {
		return failJSON(m.Stdout, asJSON, err)
	}
	views := []clairvoie.FeedStatus{}
	for _, f := range feeds {
		views = append(views, f.Status())
	}
	if asJSON {
		return writeJSON(m.Stdout, map[string]any{"feeds": views})
	}
	for _, v := range views {
		last := "never"
		if !v.LastSuccess.IsZero() {
			last = v.LastSuccess.In(zone).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(m.Stdout, "%-20s %-30s every %-8s last success %s (%d events)", v.Source, v.Host, v.Every, last, v.Events)
		if v.LastError != "" {
			fmt.Fprintf(m.Stdout, "; last attempt %s failed: %s", v.LastAttempt.In(zone).Format("2006-01-02 15:04"), v.LastError)
		}
		fmt.Fprintln(m.Stdout)
	}
	return nil
}

func hasFeed(feeds []clairvoie.Feed, source string) bool {
	for _, f := range feeds {
		if f.Source == source {
			return true
		}
	}
	return false
}

// feedRefresher is serve's background task: it refreshes the due calendar
// feeds every minute, logging each failure (the feed's events unchanged).
func feedRefresher(ws *workspace, log *slog.Logger) func(context.Context) {
	return func(ctx context.Context) {
		zone, err := ws.zone(ctx)
		if err != nil {
			log.Error("calendar feeds not refreshed: the workspace's zone is unreadable", "err", err)
			return
		}
		r := &feed.Refresher{Feeds: ws.feeds, Events: ws.events, Zone: zone}
		r.Run(ctx, time.Minute, func(err error) {
			if ctx.Err() == nil {
				log.Warn("calendar feed not refreshed, its events unchanged", "err", err)
			}
		})
	}
}
