package discordfake_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
)

// TestCommandsOverwrite sends each command list in testdata/commands through
// discordgo's bulk overwrite, globally and to a guild, and checks the fake
// stores the valid ones and refuses the rest with Discord's error code.
func TestCommandsOverwrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		wantCode int // 0: accepted
	}{
		{"valid.json", 0},
		{"same_name_different_type.json", 0},
		{"missing_description.json", 50035},
		{"duplicate_name.json", 50035},
		{"context_menu_description.json", 50035},
		{"long_name.json", 50035},
	}
	for _, tt := range tests {
		for _, guild := range []string{"", "2100000000000000001"} {
			t.Run(fmt.Sprintf("%s/guild=%q", tt.file, guild), func(t *testing.T) {
				t.Parallel()
				raw, err := os.ReadFile(filepath.Join("testdata", "commands", tt.file))
				if err != nil {
					t.Fatal(err)
				}
				var cmds []*discordgo.ApplicationCommand
				if err := json.Unmarshal(raw, &cmds); err != nil {
					t.Fatalf("parse %s: %v", tt.file, err)
				}
				f := discordfake.New(t)
				s := newSession(t, f)

				created, err := s.ApplicationCommandBulkOverwrite(f.AppID(), guild, cmds)
				if tt.wantCode != 0 {
					if got := apiCode(err); got != tt.wantCode {
						t.Fatalf("overwrite error = %v (code %d), want code %d", err, got, tt.wantCode)
					}
					if stored := f.Commands(guild); len(stored) != 0 {
						t.Errorf("refused overwrite stored %d commands", len(stored))
					}
					return
				}
				if err != nil {
					t.Fatalf("overwrite: %v", err)
				}
				stored := f.Commands(guild)
				if len(created) != len(cmds) || len(stored) != len(cmds) {
					t.Fatalf("overwrite answered %d and stored %d commands, want %d", len(created), len(stored), len(cmds))
				}
				for i, c := range stored {
					if c.Name != cmds[i].Name || c.ID == "" || c.ID != created[i].ID ||
						c.ApplicationID != f.AppID() || c.GuildID != guild {
						t.Errorf("stored[%d] = %q id %q app %q guild %q; want %q with answered id %q, app %q, guild %q",
							i, c.Name, c.ID, c.ApplicationID, c.GuildID, cmds[i].Name, created[i].ID, f.AppID(), guild)
					}
				}
				other := "2100000000000000001"
				if guild != "" {
					other = ""
				}
				if n := len(f.Commands(other)); n != 0 {
					t.Errorf("scope %q holds %d commands after overwriting scope %q", other, n, guild)
				}

				listed, err := s.ApplicationCommands(f.AppID(), guild)
				if err != nil || len(listed) != len(cmds) {
					t.Fatalf("list commands = %d, %v; want %d", len(listed), err, len(cmds))
				}

				// Overwriting again keeps the IDs of commands that keep
				// their name and type; an emptied scope holds nothing.
				again, err := s.ApplicationCommandBulkOverwrite(f.AppID(), guild, cmds)
				if err != nil {
					t.Fatalf("second overwrite: %v", err)
				}
				for i := range again {
					if again[i].ID != created[i].ID {
						t.Errorf("second overwrite gave %q id %q, want the first id %q", again[i].Name, again[i].ID, created[i].ID)
					}
				}
				if _, err := s.ApplicationCommandBulkOverwrite(f.AppID(), guild, []*discordgo.ApplicationCommand{}); err != nil {
					t.Fatalf("empty overwrite: %v", err)
				}
				if n := len(f.Commands(guild)); n != 0 {
					t.Errorf("empty overwrite left %d commands", n)
				}
			})
		}
	}
}

// TestCommandsWrongApp checks a bot using another application's ID is
// refused as Discord refuses it.
func TestCommandsWrongApp(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t, discordfake.WithAppID("1300000000000000001"))
	s := newSession(t, f)
	_, err := s.ApplicationCommandBulkOverwrite(discordfake.DefaultAppID, "", []*discordgo.ApplicationCommand{{Name: "explain", Description: "x"}})
	if got := apiCode(err); got != 50001 {
		t.Errorf("overwrite with the wrong app ID = %v (code %d), want code 50001", err, got)
	}
}

// TestRequestsRecorded checks the record of a request: route, params,
// body, Bot authorization, and the Authorization header kept out.
func TestRequestsRecorded(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	s := newSession(t, f)
	u, err := s.User("@me")
	if err != nil {
		t.Fatalf("GET /users/@me: %v", err)
	}
	if u.ID != f.BotUserID() || !u.Bot {
		t.Errorf("current user = %s bot=%v, want %s bot=true", u.ID, u.Bot, f.BotUserID())
	}
	if _, err := s.ApplicationCommandBulkOverwrite(f.AppID(), "2100000000000000001",
		[]*discordgo.ApplicationCommand{{Name: "explain", Description: "Ask"}}); err != nil {
		t.Fatal(err)
	}

	reqs := f.Requests()
	if len(reqs) != 2 {
		t.Fatalf("recorded %d requests, want 2", len(reqs))
	}
	me, put := reqs[0], reqs[1]
	if me.Seq != 1 || me.Route != discordfake.RouteCurrentUser || me.Method != "GET" || me.Path != "/api/v9/users/@me" {
		t.Errorf("first request = #%d %s %s %s", me.Seq, me.Route, me.Method, me.Path)
	}
	if put.Seq != 2 || put.Route != discordfake.RouteCommandsOverwrite || put.Params["app"] != f.AppID() ||
		put.Params["guild"] != "2100000000000000001" || put.Status != 200 {
		t.Errorf("second request = #%d %s params %v status %d", put.Seq, put.Route, put.Params, put.Status)
	}
	var body []map[string]any
	if err := put.Decode(&body); err != nil || len(body) != 1 || body[0]["name"] != "explain" {
		t.Errorf("recorded overwrite body = %s (%v)", put.Body, err)
	}
	for _, r := range reqs {
		if !r.BotAuth {
			t.Errorf("%s: BotAuth = false, want true", r.Route)
		}
		if r.Header.Get("Authorization") != "" {
			t.Errorf("%s: recorded header keeps Authorization", r.Route)
		}
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "DiscordBot (") {
			t.Errorf("%s: User-Agent = %q, want discordgo's", r.Route, r.Header.Get("User-Agent"))
		}
	}

	// A token the fake does not know is refused where Discord needs one.
	s.Token = "Bot someone-else"
	if _, err := s.User("@me"); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("GET /users/@me with a wrong token = %v, want HTTP 401", err)
	}
	if last := f.Requests()[2]; last.BotAuth || last.Status != 401 {
		t.Errorf("wrong-token request recorded BotAuth=%v status %d, want false 401", last.BotAuth, last.Status)
	}
}

// TestUnknownRoute checks an unknown route answers Discord's 404 and is
// recorded for the test to see.
func TestUnknownRoute(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t, discordfake.AllowUnknownRoutes())
	s := newSession(t, f)
	_, err := s.Guild("2100000000000000001")
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response.StatusCode != 404 || re.Message == nil || re.Message.Message != "404: Not Found" {
		t.Fatalf("GET /guilds/x = %v, want Discord's 404", err)
	}
	r, err := f.WaitRequest(waitCtx(t), func(r discordfake.Request) bool { return r.Route == discordfake.RouteUnknown })
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != "GET" || r.Path != "/api/v9/guilds/2100000000000000001" || r.Status != 404 {
		t.Errorf("unknown request recorded as %s %s %d", r.Method, r.Path, r.Status)
	}
}

// failRecorder keeps what the fake reports at Close instead of failing the
// real test.
type failRecorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *failRecorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestCloseReportsUnknownRoutes checks Close fails the test for a route the
// fake does not know and keeps interaction tokens out of the report.
func TestCloseReportsUnknownRoutes(t *testing.T) {
	t.Parallel()
	rec := &failRecorder{TB: t}
	f := discordfake.New(rec)
	s := newSession(t, f)
	s.Guild("2100000000000000001")
	// A known route refused with a Discord error is not unknown.
	s.FollowupMessageCreate(&discordgo.Interaction{AppID: "1", Token: "secret-token"}, true, &discordgo.WebhookParams{Content: "x"})
	// An unknown method on a known path is unknown too.
	s.RequestWithBucketID("POST", discordgo.EndpointWebhookMessage("1", "secret-token", "2"), nil, "x")
	f.Close()

	if len(rec.errors) != 1 {
		t.Fatalf("Close reported %d errors, want 1: %q", len(rec.errors), rec.errors)
	}
	report := rec.errors[0]
	for _, want := range []string{"2 route(s)", "GET /api/v9/guilds/2100000000000000001", "POST /api/v9/webhooks/1/<token>/messages/2"} {
		if !strings.Contains(report, want) {
			t.Errorf("report %q lacks %q", report, want)
		}
	}
	if strings.Contains(report, "secret-token") {
		t.Errorf("report %q shows an interaction token", report)
	}
}
