package httpapi

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/bot"
	"github.com/explainbot/explainbot/bot/discordfake"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/internal/testlog"
	"github.com/explainbot/explainbot/knowledge"
)

// builtIndex is the built-in article's index, shared read-only by the tests.
var builtIndex = sync.OnceValues(func() (*index.Index, error) {
	return index.Build(context.Background(), slog.New(slog.DiscardHandler), []*knowledge.Article{knowledge.Builtin()}, index.Options{})
})

// lifecycleServer is the HTTP transport as explainbot runs it: the real bot
// over the built-in article, its Lifecycle with a token-less REST session,
// served on a loopback listener, and the fake Discord delivering
// interactions to it and taking the follow-ups and deletes.
type lifecycleServer struct {
	fake     *discordfake.Fake
	endpoint string
	logs     *testlog.Log
	stop     func() error // ends Serve and returns its result
}

func newLifecycleServer(t *testing.T, opts bot.Options) *lifecycleServer {
	t.Helper()
	lg, logs := testlog.New(t)
	fake := discordfake.New(t, discordfake.WithLogger(lg))
	ix, err := builtIndex()
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(lg, ix, opts)
	rest, err := bot.NewSession("", fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	key, err := hex.DecodeString(fake.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(lg, Options{PublicKey: key, Interactions: b.NewLifecycle(rest, AfterDelay), Registry: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	var once sync.Once
	var result error
	stop := func() error {
		once.Do(func() {
			cancel()
			result = <-served
		})
		return result
	}
	t.Cleanup(func() { stop() })
	return &lifecycleServer{fake: fake, endpoint: "http://" + ln.Addr().String() + "/interactions", logs: logs, stop: stop}
}

// deliver posts i through the fake and returns the callback it accepted.
func (ls *lifecycleServer) deliver(t *testing.T, ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	t.Helper()
	resp, err := ls.fake.Deliver(ctx, ls.endpoint, i)
	if err != nil {
		t.Fatalf("deliver: %v", err)
	}
	return resp
}

// botInteraction reads one of the bot's test interactions, without the ID
// and token, which the fake hands out.
func botInteraction(t *testing.T, name string) *discordgo.Interaction {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "interactions", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		t.Fatal(err)
	}
	i.ID, i.Token, i.AppID = "", "", ""
	return &i
}

// TestLifecycleOverHTTP is the HTTP transport carrying out the bot's
// replies, with the fake Discord on the other side: a late answer and one
// the bot cannot give get the apology as the HTTP response; a deferred
// /reload gets its placeholder, then its answer through the webhook; and a
// dismissed answer's delete, which waits AfterDelay after the response, is
// waited for at shutdown.
func TestLifecycleOverHTTP(t *testing.T) {
	wait := func(t *testing.T) context.Context {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		t.Cleanup(cancel)
		return ctx
	}

	t.Run("deadline and apology", func(t *testing.T) {
		// A deadline no answer can meet: the reply is late, whatever it says.
		ls := newLifecycleServer(t, bot.Options{InlineTimeout: time.Nanosecond})
		ctx := wait(t)
		resp := ls.deliver(t, ctx, botInteraction(t, "explain_llm"))
		checkGolden(t, "apology.golden.json", mustMarshal(t, resp))

		modal := &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, GuildID: "2100000000000000001", ChannelID: "2200000000000000001",
			Member: &discordgo.Member{User: &discordgo.User{ID: "2300000000000000001", Username: "student"}},
			Data:   discordgo.ModalSubmitInteractionData{CustomID: "x1:unknown"}}
		resp = ls.deliver(t, ctx, modal)
		checkGolden(t, "apology.golden.json", mustMarshal(t, resp))
		if !ls.logs.Contains("interaction=" + modal.ID) {
			t.Errorf("the log does not name the failed interaction %s", modal.ID)
		}
	})

	t.Run("deferred reload", func(t *testing.T) {
		ls := newLifecycleServer(t, bot.Options{Reload: func(context.Context) error { return nil }})
		ctx := wait(t)
		i := botInteraction(t, "reload_unavailable")
		resp := ls.deliver(t, ctx, i)
		if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || resp.Data == nil || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Fatalf("placeholder %+v, want an ephemeral type 5", resp)
		}
		// The edit may race the placeholder, which travels back as the HTTP
		// response, and is then tried again: the one that counts succeeded.
		req, err := ls.fake.WaitRequest(ctx, func(r discordfake.Request) bool {
			return r.Route == discordfake.RouteWebhookMessageEdit && r.Status < 300
		})
		if err != nil {
			t.Fatal(err)
		}
		if req.BotAuth {
			t.Errorf("edit: status %d, bot auth %v; want it accepted on the interaction token alone", req.Status, req.BotAuth)
		}
		if orig, err := ls.fake.Original(i.ID); err != nil || orig.Content != "Reloaded: 1 articles, 8 sections." {
			t.Errorf("original after the follow-up: %+v, %v", orig, err)
		}
	})

	t.Run("dismiss waited for at shutdown", func(t *testing.T) {
		ls := newLifecycleServer(t, bot.Options{})
		ctx := wait(t)
		first := botInteraction(t, "explain_llm")
		ls.deliver(t, ctx, first)
		orig, err := ls.fake.Original(first.ID)
		if err != nil {
			t.Fatal(err)
		}
		press := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, GuildID: first.GuildID, ChannelID: first.ChannelID,
			Message: orig, Member: first.Member,
			Data: discordgo.MessageComponentInteractionData{CustomID: customID(t, orig, "Dismiss"), ComponentType: discordgo.ButtonComponent}}
		if resp := ls.deliver(t, ctx, press); resp.Type != discordgo.InteractionResponseDeferredMessageUpdate {
			t.Fatalf("dismiss answered %+v, want a deferred update", resp)
		}
		// Shut down at once: the delete is still waiting out AfterDelay.
		if err := ls.stop(); err != nil {
			t.Fatalf("Serve: %v", err)
		}
		deleted := false
		for _, r := range ls.fake.Requests() {
			deleted = deleted || r.Route == discordfake.RouteWebhookMessageDelete && r.Status == 204
		}
		if !deleted {
			t.Error("Serve returned before the dismissed answer was deleted")
		}
		if _, err := ls.fake.Original(first.ID); err == nil {
			t.Error("the dismissed answer is still there")
		}
	})
}

// customID is the custom ID of the button labelled label on m.
func customID(t *testing.T, m *discordgo.Message, label string) string {
	t.Helper()
	for _, c := range m.Components {
		if row, ok := c.(*discordgo.ActionsRow); ok {
			for _, c := range row.Components {
				if b, ok := c.(*discordgo.Button); ok && b.Label == label {
					return b.CustomID
				}
			}
		}
	}
	t.Fatalf("no %q button on %+v", label, m.Components)
	return ""
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
