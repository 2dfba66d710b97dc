package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/explainbot/explainbot/bot/discordfake"
)

// TestServeMentions runs `explainbot serve` against the fake Discord with
// the default settings: it asks for no privileged intent, answers a
// mention with a reply to it, and counts the message in /metrics.
//
// Not parallel, nor is TestServeAskChannelsRefused: each run with a token
// takes over discordgo's process-wide log bridge, which TestServeGateway
// (parallel, so it runs after these) reads for its own run.
func TestServeMentions(t *testing.T) {
	fake := discordfake.New(t)
	s := startServe(t, map[string]string{"DISCORD_TOKEN": fake.Token(), "DISCORD_API_URL": fake.URL(), "DISCORD_GUILD_ID": "2100000000000000001"})
	ctx := waitCtx(t)
	if _, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteCommandsOverwrite && r.Status < 300
	}); err != nil {
		t.Fatalf("no command registration: %v\n%s", err, s.logs)
	}
	for _, id := range fake.Identifications() {
		if id.Intents&discordgo.IntentMessageContent != 0 || id.Intents&discordgo.IntentGuildMessages == 0 {
			t.Errorf("identified with intents %d: want GUILD_MESSAGES and no Message Content without ASK_CHANNELS", id.Intents)
		}
	}
	q, err := fake.PostMessage(ctx, discordfake.Post{ChannelID: "2200000000000000001", GuildID: "2100000000000000001",
		Author: &discordgo.User{ID: "2300000000000000001", Username: "student"}, Content: "<@" + fake.BotUserID() + "> what is an llm"})
	if err != nil {
		t.Fatal(err)
	}
	req, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteChannelMessageCreate && strings.Contains(string(r.Body), `"message_id":"`+q.ID+`"`)
	})
	if err != nil {
		t.Fatalf("no reply: %v\n%s", err, s.logs)
	}
	if req.Status >= 300 || !strings.Contains(string(req.Body), "What Are Large Language Models") || !strings.Contains(string(req.Body), `"replied_user":true`) {
		t.Errorf("reply HTTP %d: %s", req.Status, req.Body)
	}
	// The reply is counted once it is sent; the metric follows the request.
	want := `explainbot_messages_total{follow_up="false",outcome="answered",trigger="mention"} 1`
	waitUntil(t, func() bool { return strings.Contains(scrapeMetrics(t, s.origin), want) }, s.logs)
	if c := s.stop(); c != exitOK {
		t.Errorf("exit %d, want 0\n%s", c, s.logs)
	}
}

// TestServeAskChannelsRefused: with ASK_CHANNELS the bot says at start-up
// that it needs the Message Content intent, and when Discord refuses it
// (close 4014) serve stops by itself, exit 1, with an error naming
// ASK_CHANNELS, instead of retrying.
func TestServeAskChannelsRefused(t *testing.T) {
	fake := discordfake.New(t)
	s := startServe(t, map[string]string{"DISCORD_TOKEN": fake.Token(), "DISCORD_API_URL": fake.URL(), "ASK_CHANNELS": "2200000000000000005"})
	waitUntil(t, func() bool { return s.logs.Contains("stopped with an error") }, s.logs)
	if c := s.stop(); c != exitFail {
		t.Errorf("exit %d, want 1\n%s", c, s.logs)
	}
	for _, want := range []string{"ASK_CHANNELS needs the privileged Message Content intent", "ASK_CHANNELS asks for the Message Content intent", "4014", "Developer Portal"} {
		if !s.logs.Contains(want) {
			t.Errorf("the log lacks %q:\n%s", want, s.logs)
		}
	}
	if fake.Identifies() != 0 {
		t.Errorf("%d identifies accepted", fake.Identifies())
	}
}

func scrapeMetrics(t *testing.T, origin string) string {
	t.Helper()
	resp, err := http.Get(origin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
