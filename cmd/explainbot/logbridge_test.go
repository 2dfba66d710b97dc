package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestDiscordgoBridge: discordgo's lines reach slog at their own level,
// as JSON in a JSON log, and its debug lines (which would hold the token)
// never do.
func TestDiscordgoBridge(t *testing.T) {
	var buf bytes.Buffer
	bridgeDiscordgoLog(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	discordgoLine(discordgo.LogWarning, 2, "error reading from gateway %s websocket, %s", "wss://x", "EOF")
	discordgoLine(discordgo.LogDebug, 2, "identify: %s", "Bot secret-token")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("log %q, want the warning alone", buf.String())
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["level"] != "WARN" || rec["component"] != "discordgo" || rec["msg"] != "error reading from gateway wss://x websocket, EOF" {
		t.Errorf("record %v", rec)
	}
}
