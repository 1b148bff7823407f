package storetest

import (
	"testing"
	"time"

	"github.com/clairvoie/clairvoie"
)

func testFeeds(t *testing.T, st Stores) {
	f := clairvoie.Feed{Source: "ville", URL: "https://example.org/cal.ics", Every: time.Hour}
	if err := st.Feeds.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := st.Feeds.RecordRefresh(ctx, "ville", at, 12, ""); err != nil {
		t.Fatal(err)
	}
	if err := st.Feeds.RecordRefresh(ctx, "ville", at.Add(time.Hour), 0, "unreachable"); err != nil {
		t.Fatal(err)
	}
	got, err := st.Feeds.FindFeeds(ctx)
	if err != nil || len(got) != 1 || got[0].URL != f.URL || got[0].Every != time.Hour || !got[0].LastSuccess.Equal(at) ||
		!got[0].LastAttempt.Equal(at.Add(time.Hour)) || got[0].LastError != "unreachable" || got[0].Events != 12 {
		t.Fatalf("feeds %+v, %v", got, err)
	}
	// The same address keeps the record; another starts afresh.
	f.Every = 2 * time.Hour
	if err := st.Feeds.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Feeds.FindFeeds(ctx); got[0].Every != 2*time.Hour || !got[0].LastSuccess.Equal(at) {
		t.Errorf("rescheduled: %+v", got[0])
	}
	f.URL = "https://example.org/other.ics"
	if err := st.Feeds.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Feeds.FindFeeds(ctx); !got[0].LastSuccess.IsZero() || got[0].LastError != "" {
		t.Errorf("moved: %+v", got[0])
	}
	if err := st.Feeds.DeleteFeed(ctx, "ville"); err != nil {
		t.Fatal(err)
	}
	if err := st.Feeds.DeleteFeed(ctx, "ville"); clairvoie.ErrorCode(err) != clairvoie.ENOTFOUND {
		t.Errorf("deleted twice: %v", err)
	}
}
