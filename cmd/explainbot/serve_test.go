package main

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/explainbot/explainbot/bot/discordfake"
	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/internal/testlog"
)

// serving is one `explainbot serve` run by a test through run, with an
// environment of its own, so that such tests run in parallel.
type serving struct {
	origin string // the HTTP origin run reported, http://127.0.0.1:port
	logs   *testlog.Log
	hangup chan os.Signal
	stop   func() int // ends the run (as SIGTERM does) and returns its exit code
}

// startServe runs serve with vars on top of a loopback listener on port 0,
// no credentials and a fresh DATA_DIR, until stop or the end of the test,
// and returns once it serves.
func startServe(t *testing.T, vars map[string]string) *serving {
	t.Helper()
	all := map[string]string{"LISTEN_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir()}
	for k, v := range vars {
		all[k] = v
	}
	s := &serving{logs: testlog.NewWriter(t), hangup: make(chan os.Signal, 64)}
	addr := make(chan net.Addr, 1)
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve"}, env{lookup: config.Map(all), stdout: s.logs, stderr: s.logs, hangup: s.hangup,
			serving: func(a net.Addr) { addr <- a }})
	}()
	exited, last := false, 0
	s.stop = func() int {
		if exited {
			return last
		}
		cancel()
		select {
		case last = <-code:
		case <-time.After(60 * time.Second): // a hang guard, not a speed check
			t.Fatalf("serve did not stop after its context ended\n%s", s.logs)
		}
		exited = true
		return last
	}
	t.Cleanup(func() { s.stop() })
	select {
	case a := <-addr:
		s.origin = "http://" + a.String()
	case c := <-code:
		exited, last = true, c
		t.Fatalf("serve exited %d before serving\n%s", c, s.logs)
	}
	return s
}

// waitUntil polls cond until it holds: it waits for a state and times
// nothing; the bound only ends a test that would otherwise hang.
func waitUntil(t *testing.T, cond func() bool, log *testlog.Log) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not reached\n%s", log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestServeGateway runs the whole program, `explainbot serve`, against the
// fake Discord over its gateway: it registers the commands, answers
// /explain llm, logs discordgo's complaint about a dropped connection as
// JSON like every other line (LOG_FORMAT=json), answers again once back,
// and exits 0 when its context ends, as on SIGTERM.
func TestServeGateway(t *testing.T) {
	t.Parallel()
	const token = "serve-test-token-c2VjcmV0.xyz"
	fake := discordfake.New(t, discordfake.WithToken(token))
	s := startServe(t, map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_URL": fake.URL(),
		"DISCORD_GUILD_ID": "2100000000000000001", "LOG_FORMAT": "json"})
	ctx := waitCtx(t)
	if _, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteCommandsOverwrite && r.Status < 300
	}); err != nil {
		t.Fatalf("no command registration: %v\n%s", err, s.logs)
	}
	ask := func() {
		t.Helper()
		i := readInteraction(t, "../../bot/testdata/interactions/explain_llm.json")
		i.ID, i.Token, i.AppID = "", "", ""
		if err := fake.Interact(ctx, i); err != nil {
			t.Fatal(err)
		}
		resp, _, err := fake.WaitCallback(ctx, i.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Data.Embeds) == 0 || !strings.HasPrefix(resp.Data.Embeds[0].Title, "What Are Large Language Models") {
			t.Errorf("callback %+v, want the LLM section", resp.Data)
		}
	}
	ask()
	// Back after a drop: wait for the session's new Identify or Resume (not
	// for discordgo's log line about it, which goes to whichever run of the
	// program bridged discordgo's one global logger last; TestDiscordgoBridge
	// checks the bridge itself).
	before := fake.Identifies() + fake.Resumes()
	fake.DropConnection()
	waitUntil(t, func() bool { return fake.Identifies()+fake.Resumes() > before }, s.logs)
	if err := fake.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	ask()

	if c := s.stop(); c != exitOK {
		t.Errorf("exit %d, want 0\n%s", c, s.logs)
	}
	for line := range strings.Lines(s.logs.String()) {
		if !json.Valid([]byte(line)) {
			t.Errorf("a log line is not JSON: %q", line)
		}
	}
	if s.logs.Contains(token) {
		t.Error("the token appears in the log")
	}
}

// TestServeHTTP runs `explainbot serve` as an HTTP interactions endpoint
// with the fake Discord delivering signed interactions to the port run
// reported: an answer, a deferred /reload answered through the webhook, a
// Dismiss whose delete, sent a moment after the response, is done before
// the program exits, and a clean exit.
func TestServeHTTP(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t)
	s := startServe(t, map[string]string{"DISCORD_PUBLIC_KEY": fake.PublicKey(), "DISCORD_API_URL": fake.URL(),
		"DISCORD_APP_ID": fake.AppID(), "KNOWLEDGE_DIR": "../../examples/notes"})
	ctx := waitCtx(t)
	endpoint := s.origin + "/interactions"

	first := readInteraction(t, "../../bot/testdata/interactions/explain_llm.json")
	first.ID, first.Token, first.AppID = "", "", ""
	resp, err := fake.Deliver(ctx, endpoint, first)
	if err != nil {
		t.Fatalf("deliver: %v\n%s", err, s.logs)
	}
	if len(resp.Data.Embeds) == 0 || !strings.HasPrefix(resp.Data.Embeds[0].Title, "What Are Large Language Models") {
		t.Errorf("answer %+v, want the LLM section", resp.Data)
	}

	reload := readInteraction(t, "../../bot/testdata/interactions/reload_unavailable.json")
	reload.ID, reload.Token, reload.AppID = "", "", ""
	if resp, err := fake.Deliver(ctx, endpoint, reload); err != nil || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("/reload: %+v, %v; want the placeholder", resp, err)
	}
	if _, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteWebhookMessageEdit && r.Status < 300
	}); err != nil {
		t.Fatal(err)
	}
	if orig, err := fake.Original(reload.ID); err != nil || !strings.HasPrefix(orig.Content, "Reloaded: 2 articles") {
		t.Errorf("/reload's answer: %+v, %v", orig, err)
	}

	orig, err := fake.Original(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	var dismiss string
	for _, c := range orig.Components {
		for _, b := range c.(*discordgo.ActionsRow).Components {
			if b := b.(*discordgo.Button); b.Label == "Dismiss" {
				dismiss = b.CustomID
			}
		}
	}
	press := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, GuildID: first.GuildID, ChannelID: first.ChannelID,
		Member: first.Member, Message: orig, Data: discordgo.MessageComponentInteractionData{CustomID: dismiss, ComponentType: discordgo.ButtonComponent}}
	if resp, err := fake.Deliver(ctx, endpoint, press); err != nil || resp.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Fatalf("Dismiss: %+v, %v", resp, err)
	}
	if c := s.stop(); c != exitOK { // at once: the delete is still waiting
		t.Errorf("exit %d, want 0\n%s", c, s.logs)
	}
	if _, err := fake.Original(first.ID); err == nil {
		t.Error("serve exited before deleting the dismissed answer")
	}
}

func readInteraction(t *testing.T, path string) *discordgo.Interaction {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return &i
}
