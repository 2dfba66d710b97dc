package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/explainbot/explainbot/bot"
	"github.com/explainbot/explainbot/bot/httpapi"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
	"github.com/explainbot/explainbot/metrics"
)

// TestKnownCommandsCoverFixtures handles every interaction in the bot's
// testdata through the bot with the metrics wired as serve wires them:
// each is counted under its own command label, except the one that names a
// command the bot does not have, which is "other".
func TestKnownCommandsCoverFixtures(t *testing.T) {
	ix, err := index.Build(context.Background(), slog.New(slog.DiscardHandler), []*knowledge.Article{knowledge.Builtin()}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix, index.LiveOptions{})
	defer live.Close(context.Background())
	reg := metrics.NewRegistry()
	m := metrics.NewMetrics(reg)
	b := bot.New(slog.New(slog.DiscardHandler), live, bot.Options{Observer: m})
	m.KnownCommands(knownCommands(b)...)

	files, err := filepath.Glob("../../bot/testdata/interactions/*.json")
	if err != nil || len(files) < 10 {
		t.Fatalf("fixtures: %v (%d files)", err, len(files))
	}
	lc := b.NewLifecycle(nil, 0)
	for _, f := range files {
		lc.Serve(context.Background(), readInteraction(t, f), func(context.Context, *discordgo.InteractionResponse) error { return nil })
	}
	if err := lc.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv, err := httpapi.New(slog.New(slog.DiscardHandler), httpapi.Options{Registry: reg, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	var others int
	for _, line := range strings.Split(w.Body.String(), "\n") {
		if strings.HasPrefix(line, "explainbot_interactions_total{") && strings.Contains(line, `command="other"`) {
			others++
			if !strings.HasSuffix(line, " 1") {
				t.Errorf("%s: want only the unknown-command fixture as other", line)
			}
		}
	}
	if others != 1 {
		t.Errorf("%d label sets for other, want 1 (unknown_command.json):\n%s", others, w.Body.String())
	}
	for _, want := range []string{`command="explain"`, `command="autocomplete:explain"`, `command="explain_this"`, `command="compare"`} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
