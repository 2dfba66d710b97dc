package discordfake_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
)

// askAndCheck sends one slash command and checks the bot's echo came back
// through WaitCallback.
func askAndCheck(t *testing.T, f *discordfake.Fake, errs <-chan error, question string) {
	t.Helper()
	ctx := waitCtx(t)
	i := slashCommand(question)
	if err := f.Interact(ctx, i); err != nil {
		t.Fatalf("Interact: %v", err)
	}
	resp, raw, err := f.WaitCallback(ctx, i.ID)
	if err != nil {
		t.Fatalf("WaitCallback: %v", err)
	}
	select {
	case err := <-errs:
		if err != nil {
			t.Fatalf("InteractionRespond in the handler: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("the handler never reported back")
	}
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("callback type = %d, want %d", resp.Type, discordgo.InteractionResponseChannelMessageWithSource)
	}
	if want := "you asked: " + question; resp.Data == nil || resp.Data.Content != want {
		t.Fatalf("callback data = %+v, want content %q", resp.Data, want)
	}
	if !strings.Contains(string(raw), `"custom_id":"more:`+question+`"`) {
		t.Errorf("raw callback %s lacks the button's custom_id", raw)
	}
	row, ok := resp.Data.Components[0].(*discordgo.ActionsRow)
	if !ok || len(row.Components) != 1 {
		t.Fatalf("decoded components = %#v, want one row with one button", resp.Data.Components)
	}
	if b, ok := row.Components[0].(*discordgo.Button); !ok || b.CustomID != "more:"+question {
		t.Errorf("decoded button = %#v, want custom_id more:%s", row.Components[0], question)
	}
	orig, err := f.Original(i.ID)
	if err != nil {
		t.Fatalf("Original: %v", err)
	}
	if orig.Content != "you asked: "+question || orig.ChannelID != i.ChannelID || orig.Author.ID != f.BotUserID() {
		t.Errorf("original = content %q channel %q author %q, want the echo in %s by %s",
			orig.Content, orig.ChannelID, orig.Author.ID, i.ChannelID, f.BotUserID())
	}
}

// TestSessionSurvivesDrop runs a real discordgo session through READY, an
// interaction, a dropped connection and a second interaction, once with a
// resumable session and once with one Discord refuses to resume.
//
// The short heartbeat runs only with resume. discordgo sleeps a second in
// Close holding its lock, which delays ACK processing, and gives up after
// five unacknowledged intervals, so intervals under about 300 ms make it
// reconnect in a loop. A heartbeat that ticks just as the connection drops
// can also make discordgo close the connection it has just resumed; the fake
// replays missed events on resume as Discord does, but a session that cannot
// resume loses them, so that case keeps the long default interval.
func TestSessionSurvivesDrop(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		opts           []discordfake.Option
		heartbeats     int // heartbeats to wait for before the first interaction
		wantIdentifies int
		wantResumes    int
	}{
		{
			name:           "resume",
			opts:           []discordfake.Option{discordfake.WithHeartbeatInterval(400 * time.Millisecond)},
			heartbeats:     2,
			wantIdentifies: 1,
			wantResumes:    1,
		},
		{
			name:           "invalid session",
			opts:           []discordfake.Option{discordfake.WithoutResume()},
			heartbeats:     1,
			wantIdentifies: 2,
			wantResumes:    0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := discordfake.New(t, tt.opts...)
			errs := make(chan error, 1)
			s := openSession(t, f, func(s *discordgo.Session) { s.AddHandler(echoHandler(errs)) })

			if got := s.State.User.ID; got != f.BotUserID() {
				t.Errorf("State.User.ID after READY = %q, want %q", got, f.BotUserID())
			}
			if got := s.State.Application.ID; got != f.AppID() {
				t.Errorf("State.Application.ID after READY = %q, want %q", got, f.AppID())
			}
			ids := f.Identifications()
			if len(ids) != 1 {
				t.Fatalf("Identifications = %d, want 1", len(ids))
			}
			if ids[0].Token != "Bot "+f.Token() || ids[0].Intents != discordgo.IntentsGuilds || ids[0].Shard != nil {
				t.Errorf("identify = token ok %v, intents %d, shard %v; want the session's token, intents %d, no shard",
					ids[0].Token == "Bot "+f.Token(), ids[0].Intents, ids[0].Shard, discordgo.IntentsGuilds)
			}
			// discordgo sends one heartbeat at once and the next after an
			// interval, and reconnects if they go unacknowledged.
			if err := f.WaitHeartbeats(waitCtx(t), tt.heartbeats); err != nil {
				t.Fatal(err)
			}

			askAndCheck(t, f, errs, "what is a token?")

			f.DropConnection()
			if err := f.WaitConnected(waitCtx(t)); err != nil {
				t.Fatal(err)
			}
			if got := f.Identifies(); got != tt.wantIdentifies {
				t.Errorf("Identifies after reconnect = %d, want %d", got, tt.wantIdentifies)
			}
			if got := f.Resumes(); got != tt.wantResumes {
				t.Errorf("Resumes after reconnect = %d, want %d", got, tt.wantResumes)
			}

			askAndCheck(t, f, errs, "what is RAG?")
		})
	}
}

// TestIdentifyRefused checks the gateway closes with Discord's codes, which
// discordgo's Open returns as its error.
func TestIdentifyRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     []discordfake.Option
		setup    func(*discordgo.Session)
		wantCode string // empty: Open succeeds
	}{
		{
			name:     "privileged intents",
			setup:    func(s *discordgo.Session) { s.Identify.Intents = discordgo.IntentsAll },
			wantCode: "4014",
		},
		{
			name:  "privileged intents allowed",
			opts:  []discordfake.Option{discordfake.AllowPrivilegedIntents()},
			setup: func(s *discordgo.Session) { s.Identify.Intents = discordgo.IntentsAll },
		},
		{
			name: "wrong token",
			setup: func(s *discordgo.Session) {
				s.Token, s.Identify.Token = "Bot wrong", "Bot wrong"
			},
			wantCode: "4004",
		},
		{
			name:     "shard out of range",
			setup:    func(s *discordgo.Session) { s.ShardID, s.ShardCount = 2, 2 },
			wantCode: "ShardID must be less than ShardCount", // discordgo refuses before sending
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := discordfake.New(t, tt.opts...)
			s := newSession(t, f)
			tt.setup(s)
			err := s.Open()
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				t.Cleanup(func() { s.Close() })
				if f.Identifies() != 1 {
					t.Errorf("Identifies = %d, want 1", f.Identifies())
				}
				return
			}
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want an error with %s", tt.wantCode)
			}
			if !strings.Contains(err.Error(), tt.wantCode) {
				t.Errorf("Open error = %v, want it to contain %s", err, tt.wantCode)
			}
			if f.Identifies() != 0 {
				t.Errorf("Identifies = %d, want 0", f.Identifies())
			}
		})
	}
}

// TestShardInReady checks a sharded Identify gets its shard back in READY.
func TestShardInReady(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	s := openSession(t, f, func(s *discordgo.Session) { s.ShardID, s.ShardCount = 1, 2 })
	if got := f.Identifications()[0].Shard; got == nil || *got != [2]int{1, 2} {
		t.Errorf("identify shard = %v, want [1 2]", got)
	}
	if got := s.State.Shard; got == nil || *got != [2]int{1, 2} {
		t.Errorf("READY shard = %v, want [1 2]", got)
	}
}

// TestDispatchEvent checks an arbitrary dispatch reaches the handler for its
// type with the data intact.
func TestDispatchEvent(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	got := make(chan *discordgo.GuildCreate, 1)
	openSession(t, f, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { got <- g })
	})
	ctx := waitCtx(t)
	g := &discordgo.Guild{ID: "2100000000000000001", Name: "AI class"}
	if err := f.Dispatch(ctx, "GUILD_CREATE", g); err != nil {
		t.Fatalf("Dispatch: %v", err)
	}
	select {
	case gc := <-got:
		if gc.ID != g.ID || gc.Name != g.Name {
			t.Errorf("GUILD_CREATE = %s %q, want %s %q", gc.ID, gc.Name, g.ID, g.Name)
		}
	case <-ctx.Done():
		t.Fatal("the GUILD_CREATE handler never ran")
	}
}

// TestDispatchWaits checks Dispatch gives up with the context's error when
// no connection comes, and with ErrClosed once the fake is closed.
func TestDispatchWaits(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := f.Dispatch(ctx, "GUILD_CREATE", struct{}{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Dispatch with no connection and a cancelled context = %v, want context.Canceled", err)
	}
	f.Close()
	if err := f.Dispatch(t.Context(), "GUILD_CREATE", struct{}{}); !errors.Is(err, discordfake.ErrClosed) {
		t.Errorf("Dispatch after Close = %v, want ErrClosed", err)
	}
	if _, _, err := f.WaitCallback(t.Context(), "1"); !errors.Is(err, discordfake.ErrClosed) {
		t.Errorf("WaitCallback after Close = %v, want ErrClosed", err)
	}
}
