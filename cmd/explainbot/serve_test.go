package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/explainbot/explainbot/bot/discordfake"
)

// TestServeGateway runs the whole program, `explainbot serve`, against the
// fake Discord: it registers the commands, answers /explain llm over the
// gateway, and exits 0 when its context ends (as on SIGTERM).
func TestServeGateway(t *testing.T) {
	const token = "serve-test-token-c2VjcmV0.xyz"
	fake := discordfake.New(t, discordfake.WithToken(token))
	t.Setenv("DISCORD_TOKEN", token)
	t.Setenv("DISCORD_PUBLIC_KEY", "")
	t.Setenv("DISCORD_API_URL", fake.URL())
	t.Setenv("DISCORD_GUILD_ID", "2100000000000000001")
	t.Setenv("LISTEN_ADDR", "127.0.0.1:0")
	t.Setenv("DATA_DIR", t.TempDir())

	ctx, cancel := context.WithCancel(t.Context())
	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"serve"}, &stdout, &stderr) }()

	wctx, wcancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer wcancel()
	if _, err := fake.WaitRequest(wctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteCommandsOverwrite && r.Status < 300
	}); err != nil {
		t.Fatalf("no command registration: %v\n%s", err, stderr.String())
	}
	i := readInteraction(t, "../../bot/testdata/interactions/explain_llm.json")
	i.ID, i.Token, i.AppID = "", "", ""
	if err := fake.Interact(wctx, i); err != nil {
		t.Fatal(err)
	}
	resp, _, err := fake.WaitCallback(wctx, i.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data.Embeds) == 0 || !strings.HasPrefix(resp.Data.Embeds[0].Title, "What Are Large Language Models") {
		t.Errorf("callback %+v, want the LLM section", resp.Data)
	}

	cancel()
	select {
	case c := <-code:
		if c != exitOK {
			t.Errorf("exit %d, want 0\n%s", c, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	if strings.Contains(stderr.String(), token) {
		t.Error("the token appears in the log")
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
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
