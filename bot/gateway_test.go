package bot

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
	"github.com/explainbot/explainbot/bot/discordspec"
	"github.com/explainbot/explainbot/internal/testlog"
)

// discordgoLog collects discordgo's process-wide log for this test binary,
// so the end-to-end test can check the token never appears there either.
var discordgoLog struct {
	sync.Mutex
	bytes.Buffer
}

func TestMain(m *testing.M) {
	discordgo.Logger = func(level, caller int, format string, a ...any) {
		discordgoLog.Lock()
		fmt.Fprintf(&discordgoLog.Buffer, "discordgo[%d] "+format+"\n", append([]any{level}, a...)...)
		discordgoLog.Unlock()
	}
	os.Exit(m.Run())
}

const e2eTimeout = 10 * time.Second

// TestGatewayEndToEnd runs the bot on a real discordgo session against the
// fake Discord: registration on READY, an answer, a dismissed answer, a
// dropped connection and the answer after it, and shutdown.
func TestGatewayEndToEnd(t *testing.T) {
	const token = "e2e-secret-token-Zm9vYmFy.abc"
	fakeLog, fakeSink := testlog.New(t)
	fake := discordfake.New(t, discordfake.WithToken(token), discordfake.WithLogger(fakeLog))
	st := openStore(t)
	b, logs := newBot(t, nil, Options{GuildID: "2100000000000000001", Store: st})
	s, err := NewSession(token, fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	s.LogLevel = discordgo.LogInformational

	var mu sync.Mutex
	var states []bool
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- b.RunGateway(ctx, s, func(c bool) {
			mu.Lock()
			states = append(states, c)
			mu.Unlock()
		})
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	wctx, wcancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer wcancel()

	// Registration: one bulk overwrite to the guild, with the app ID from READY.
	req, err := fake.WaitRequest(wctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteCommandsOverwrite && r.Status < 300
	})
	if err != nil {
		t.Fatalf("no command registration: %v", err)
	}
	if req.Params["guild"] != "2100000000000000001" || req.Params["app"] != fake.AppID() {
		t.Errorf("registered to app %q guild %q", req.Params["app"], req.Params["guild"])
	}
	if err := discordspec.MustLoad(t).ValidateCommandsJSON(req.Body); err != nil {
		t.Errorf("registered commands break Discord's rules: %v", err)
	}
	if got := len(fake.Commands("2100000000000000001")); got != len(b.Commands()) {
		t.Errorf("fake holds %d commands, want %d", got, len(b.Commands()))
	}
	if b.AppID() != fake.AppID() {
		t.Errorf("app ID %q, want %q from READY", b.AppID(), fake.AppID())
	}
	for _, id := range fake.Identifications() {
		if id.Intents != discordgo.IntentsGuilds {
			t.Errorf("identified with intents %d, want Guilds only", id.Intents)
		}
	}

	// /explain llm answers with the LLM section.
	first := loadInteraction(t, "explain_llm")
	first.ID, first.Token, first.AppID = "", "", ""
	resp := interact(t, wctx, fake, first)
	if len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != llmHeading {
		t.Fatalf("callback %+v, want the LLM answer", resp.Data)
	}

	// The asker dismisses it: a deferred update, then the message is deleted.
	orig, err := fake.Original(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	dismiss := press(orig, "Dismiss", asker, 0)
	dismiss.ID, dismiss.Token, dismiss.AppID = "", "", ""
	resp = interact(t, wctx, fake, dismiss)
	if resp.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Errorf("dismiss callback type %d", resp.Type)
	}
	if _, err := fake.WaitRequest(wctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteWebhookMessageDelete && r.Params["message"] == "@original" && r.Status < 300
	}); err != nil {
		t.Fatalf("the dismissed answer was not deleted: %v", err)
	}
	if _, err := fake.Original(first.ID); err == nil {
		t.Error("the dismissed answer is still there")
	}

	// The connection drops; the bot comes back and answers the next one.
	fake.DropConnection()
	second := loadInteraction(t, "ask_difference")
	second.ID, second.Token, second.AppID = "", "", ""
	resp = interact(t, wctx, fake, second)
	if len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != "Key Differences Between Generative AI and LLMs" {
		t.Fatalf("callback after reconnect %+v", resp.Data)
	}
	if fake.Identifies()+fake.Resumes() < 2 {
		t.Errorf("%d identifies and %d resumes: the bot never reconnected", fake.Identifies(), fake.Resumes())
	}

	// Shutdown: RunGateway returns once ctx is done.
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("RunGateway: %v", err)
		}
		done <- nil // for the cleanup
	case <-time.After(e2eTimeout):
		t.Fatal("RunGateway did not return after cancel")
	}
	mu.Lock()
	if len(states) < 3 || !states[0] || states[len(states)-1] {
		t.Errorf("readiness reports %v, want connected, a drop, and disconnected at the end", states)
	}
	mu.Unlock()

	discordgoLog.Lock()
	dg := discordgoLog.String()
	discordgoLog.Unlock()
	for name, text := range map[string]string{"bot log": logs.String(), "fake log": fakeSink.String(), "discordgo log": dg} {
		if strings.Contains(text, token) {
			t.Errorf("the token appears in the %s", name)
		}
	}
	if !strings.Contains(logs.String(), "registered commands") {
		t.Errorf("the bot log lacks the registration:\n%s", logs)
	}
}

// interact dispatches i through the fake and returns the bot's callback,
// validated against Discord's rules.
func interact(t *testing.T, ctx context.Context, fake *discordfake.Fake, i *discordgo.Interaction) *discordgo.InteractionResponse {
	t.Helper()
	if err := fake.Interact(ctx, i); err != nil {
		t.Fatalf("interact: %v", err)
	}
	resp, raw, err := fake.WaitCallback(ctx, i.ID)
	if err != nil {
		t.Fatalf("callback: %v", err)
	}
	if err := discordspec.MustLoad(t).ValidateResponseJSON(i.Type, raw); err != nil {
		t.Errorf("callback breaks Discord's rules: %v", err)
	}
	return resp
}

// startGateway runs b on a real discordgo session against fake until stop
// is called or the test ends, and waits for the commands to be
// registered. stop returns once RunGateway has.
func startGateway(t *testing.T, fake *discordfake.Fake, b *Bot) (stop func()) {
	t.Helper()
	s, err := NewSession(fake.Token(), fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.RunGateway(ctx, s, nil) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("RunGateway: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	wctx, wcancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer wcancel()
	if _, err := fake.WaitRequest(wctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteCommandsOverwrite && r.Status < 300
	}); err != nil {
		t.Fatalf("no command registration: %v", err)
	}
	return stop
}

// TestGatewayLifecycle is the gateway transport carrying out replies
// against the fake Discord: an answer not ready within the inline deadline
// and an interaction the bot cannot handle both get the apology as their
// callback, each observed as an error; a deferred /reload gets its
// placeholder and then its answer through the webhook, as an edit the
// fake accepts without a bot token.
func TestGatewayLifecycle(t *testing.T) {
	t.Run("deadline and apology", func(t *testing.T) {
		fake := discordfake.New(t)
		obs := &observer{}
		// A deadline no answer can meet: the reply is late, whatever it says.
		b, logs := newBot(t, nil, Options{GuildID: "2100000000000000001", InlineTimeout: time.Nanosecond, Observer: obs})
		stop := startGateway(t, fake, b)
		ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
		defer cancel()

		late := loadInteraction(t, "explain_llm")
		late.ID, late.Token, late.AppID = "", "", ""
		if r := interact(t, ctx, fake, late); r.Data == nil || r.Data.Content != apologyText || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("late answer: callback %+v, want the ephemeral apology", r.Data)
		}
		if !strings.Contains(logs.String(), "interaction="+late.ID) || !strings.Contains(logs.String(), "deadline") {
			t.Errorf("the log does not say which interaction was late:\n%s", logs)
		}

		modal := &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, GuildID: "2100000000000000001", ChannelID: "2200000000000000001",
			Member: &discordgo.Member{User: &discordgo.User{ID: asker, Username: "student"}},
			Data:   discordgo.ModalSubmitInteractionData{CustomID: "x1:unknown"}}
		if r := interact(t, ctx, fake, modal); r.Data == nil || r.Data.Content != apologyText {
			t.Errorf("unhandled interaction: callback %+v, want the apology", r.Data)
		}
		stop() // the outcome is observed once the callback is out
		// Both time out at once, so either may be observed first.
		got := obs.all()
		if len(got) != 2 || got[0].outcome != OutcomeError || got[1].outcome != OutcomeError ||
			!slices.Contains(got, observed{"explain", OutcomeError}) {
			t.Errorf("observed %+v, want two errors, one of them explain's", got)
		}
	})

	t.Run("deferred reload", func(t *testing.T) {
		fake := discordfake.New(t)
		b, _ := newBot(t, nil, Options{GuildID: "2100000000000000001", Reload: func(context.Context) error { return nil }})
		startGateway(t, fake, b)
		ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
		defer cancel()
		i := loadInteraction(t, "reload_unavailable")
		i.ID, i.Token, i.AppID = "", "", ""
		if r := interact(t, ctx, fake, i); r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || r.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("placeholder %+v, want an ephemeral type 5", r)
		}
		req, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool { return r.Route == discordfake.RouteWebhookMessageEdit })
		if err != nil {
			t.Fatal(err)
		}
		if req.Status >= 300 {
			t.Errorf("edit refused: %d %s", req.Status, req.Body)
		}
		if err := discordspec.MustLoad(t).ValidateEditJSON(req.Body); err != nil {
			t.Errorf("follow-up breaks Discord's rules: %v", err)
		}
		orig, err := fake.Original(i.ID)
		if err != nil {
			t.Fatal(err)
		}
		if orig.Content != "Reloaded: 1 articles, 8 sections." {
			t.Errorf("original after the follow-up %q", orig.Content)
		}
	})
}

func TestNewSessionRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "discord.com", "ftp://x", "http://"} {
		if _, err := NewSession("secret-token", u); err == nil || strings.Contains(err.Error(), "secret-token") {
			t.Errorf("NewSession(%q): err %v, want an error without the token", u, err)
		}
	}
}
