package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordspec"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/internal/testlog"
	"github.com/explainbot/explainbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// builtIndex is the index of the built-in article, built once: it is
// read-only and every test may share it.
var builtIndex = sync.OnceValues(func() (*index.Index, error) {
	return index.Build(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)),
		[]*knowledge.Article{knowledge.Builtin()}, index.Options{})
})

func builtinIndex(t testing.TB) *index.Index {
	t.Helper()
	ix, err := builtIndex()
	if err != nil {
		t.Fatalf("build index: %v", err)
	}
	return ix
}

// twoArticleIndex indexes the built-in article and testdata/notes.
func twoArticleIndex(t testing.TB) *index.Index {
	t.Helper()
	notes, err := knowledge.LoadDir(filepath.Join("testdata", "notes"))
	if err != nil {
		t.Fatalf("load notes: %v", err)
	}
	lg, _ := testlog.New(t)
	ix, err := index.Build(t.Context(), lg, append([]*knowledge.Article{knowledge.Builtin()}, notes...), index.Options{})
	if err != nil {
		t.Fatalf("build index: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// loadInteraction reads testdata/interactions/name.json.
func loadInteraction(t testing.TB, name string) *discordgo.Interaction {
	t.Helper()
	return loadFixture[discordgo.Interaction](t, "interactions", name)
}

// loadFixture decodes testdata/dir/name.json into a new T.
func loadFixture[T any](t testing.TB, dir, name string) *T {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", dir, name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decode %s/%s: %v", dir, name, err)
	}
	return v
}

// checkGolden compares resp's JSON with testdata/golden/name.json, or
// rewrites it under -update.
func checkGolden(t testing.TB, name string, resp any) {
	t.Helper()
	got, err := json.MarshalIndent(resp, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update if intended)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// validate checks a response against Discord's rules and our no-pings
// rule (which lets a reply ping the one student it addresses).
func validate(t testing.TB, it discordgo.InteractionType, resp *discordgo.InteractionResponse) {
	t.Helper()
	if resp == nil {
		t.Fatal("nil response")
	}
	if err := discordspec.MustLoad(t).ValidateResponseFor(it, resp); err != nil {
		t.Errorf("response breaks Discord's rules: %v", err)
	}
}

// newBot makes a bot over the built-in index with the given options.
func newBot(t testing.TB, a Answerer, opts Options) (*Bot, *testlog.Log) {
	lg, sink := testlog.New(t)
	if a == nil {
		a = builtinIndex(t)
	}
	return New(lg, a, opts), sink
}

// handle runs Handle, fails the test on an error and returns the response.
func handle(t testing.TB, b *Bot, i *discordgo.Interaction) *discordgo.InteractionResponse {
	t.Helper()
	return handleReply(t, b, i).Response
}

// handleReply runs Handle and fails the test on an error.
func handleReply(t testing.TB, b *Bot, i *discordgo.Interaction) Reply {
	t.Helper()
	r, err := b.Handle(t.Context(), i)
	if err != nil {
		t.Fatalf("Handle: %v", err)
	}
	if r.Response == nil {
		t.Fatal("Handle: no response")
	}
	return r
}

// pressable turns a response into the message a later button press sees.
func pressable(resp *discordgo.InteractionResponse) *discordgo.Message {
	return &discordgo.Message{
		ID:         "2600000000000000001",
		ChannelID:  "2200000000000000001",
		Content:    resp.Data.Content,
		Embeds:     resp.Data.Embeds,
		Components: resp.Data.Components,
		Flags:      resp.Data.Flags,
	}
}

// buttons lists a response's buttons by label.
func buttons(resp *discordgo.InteractionResponse) map[string]discordgo.Button {
	if resp.Data == nil {
		return map[string]discordgo.Button{}
	}
	return buttonsOf(resp.Data.Components)
}

// buttonsOf lists buttons by label, whether decoded (pointers) or built
// (values).
func buttonsOf(comps []discordgo.MessageComponent) map[string]discordgo.Button {
	out := map[string]discordgo.Button{}
	for _, c := range comps {
		var row []discordgo.MessageComponent
		switch r := c.(type) {
		case discordgo.ActionsRow:
			row = r.Components
		case *discordgo.ActionsRow:
			row = r.Components
		}
		for _, c := range row {
			switch b := c.(type) {
			case discordgo.Button:
				out[b.Label] = b
			case *discordgo.Button:
				out[b.Label] = *b
			}
		}
	}
	return out
}

// press makes the interaction of user pressing the button labelled label
// on msg; perms are the member's permissions.
func press(msg *discordgo.Message, label, user string, perms int64) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID:        "3100000000000000001",
		AppID:     "1100000000000000001",
		Type:      discordgo.InteractionMessageComponent,
		GuildID:   "2100000000000000001",
		ChannelID: msg.ChannelID,
		Message:   msg,
		Member:    &discordgo.Member{User: &discordgo.User{ID: user, Username: "someone"}, Permissions: perms},
		Token:     "component-token",
		Data:      discordgo.MessageComponentInteractionData{CustomID: buttonsOf(msg.Components)[label].CustomID, ComponentType: discordgo.ButtonComponent},
		Version:   1,
	}
}
