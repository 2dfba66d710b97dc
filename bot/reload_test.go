package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

// weekNote is a teacher's note whose sections come in the given order.
func weekNote(t *testing.T, sections ...string) *knowledge.Article {
	t.Helper()
	text := map[string]string{
		"Tokens": "A tokenizer cuts text into tokens, the pieces a language model reads.",
		"Temperature": "Temperature controls how random the sampling of the next token is: low is focused, high is varied.\n\n" +
			strings.Repeat("A low temperature suits answers that must be right; a high one suits brainstorming, where variety helps. ", 12),
		"Context windows": "The context window is how many tokens a model can attend to at once.",
	}
	src := "---\ntitle: Week five\nsource: class notes\n---\n"
	for _, s := range sections {
		src += "\n## " + s + "\n\n" + text[s] + "\n"
	}
	art, err := knowledge.Parse("notes/week5.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return art
}

func weekIndex(t *testing.T, sections ...string) *index.Index {
	t.Helper()
	ix, err := index.Build(t.Context(), slog.New(slog.DiscardHandler), []*knowledge.Article{knowledge.Builtin(), weekNote(t, sections...)}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// reloading answers from a Live index and, right after its first answer,
// reloads it with next: the worst moment for a reload, between asking and
// rendering.
type reloading struct {
	*index.Live
	next *index.Index
	once sync.Once
}

func (r *reloading) Ask(ctx context.Context, q string) index.Answer {
	a := r.Live.Ask(ctx, q)
	r.once.Do(func() {
		if err := r.Live.Replace(ctx, r.next); err != nil {
			panic(err)
		}
	})
	return a
}

// TestReplyAcrossReload: a reload between the answer and its rendering
// changes nothing in the reply, which is rendered from the answer alone;
// and its buttons, pressed once the reload has reordered the note, open and
// vote on the section that answered, or say it has moved once it is gone.
func TestReplyAcrossReload(t *testing.T) {
	order := []string{"Tokens", "Temperature", "Context windows"}
	steady := index.NewLive(weekIndex(t, order...), index.LiveOptions{})
	t.Cleanup(func() { steady.Close(context.Background()) })
	live := index.NewLive(weekIndex(t, order...), index.LiveOptions{})
	t.Cleanup(func() { live.Close(context.Background()) })
	answerer := &reloading{Live: live, next: weekIndex(t, "Context windows", "Tokens", "Temperature")}

	st := openStore(t)
	want, _ := newBot(t, steady, Options{})
	b, _ := newBot(t, answerer, Options{Store: st})
	ask := func(b *Bot) *discordgo.InteractionResponse {
		i := loadInteraction(t, "explain_llm")
		i.ApplicationCommandData().Options[0].Value = "what does temperature do"
		return handle(t, b, i)
	}
	expected, got := ask(want), ask(b)
	if live.Generation() != 2 {
		t.Fatalf("generation %d: the reload did not happen between answer and render", live.Generation())
	}
	validate(t, discordgo.InteractionApplicationCommand, got)
	if onlyEmbed(t, expected).Title != "Temperature" {
		t.Fatalf("the question is answered by %q; pick another", expected.Data.Embeds[0].Title)
	}
	if g, w := mustJSON(t, got), mustJSON(t, expected); g != w {
		t.Errorf("the reply rendered across the reload differs from the steady one:\ngot:  %s\nwant: %s", g, w)
	}

	// Pressed on the reordered note, the buttons still mean Temperature.
	msg := pressable(got)
	full := handle(t, b, press(msg, "Full section", asker, 0))
	if len(full.Data.Embeds) == 0 || full.Data.Embeds[0].Title != "Temperature" {
		t.Errorf("Full section opened %+v, want Temperature", full.Data)
	}
	handle(t, b, press(msg, "Helpful", asker, 0))
	fb, err := st.Feedback(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(fb) != 1 || fb[0].AnswerKey != "notes/week5.md#temperature" || fb[0].Helpful != 1 {
		t.Errorf("feedback %+v, want one Helpful vote on Temperature", fb)
	}

	// Once Temperature is gone, they say so instead of opening a neighbour.
	if err := live.Replace(t.Context(), weekIndex(t, "Context windows", "Tokens")); err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{"Full section", "Helpful"} {
		r := handle(t, b, press(msg, label, asker, 0))
		if r.Data.Content != moved {
			t.Errorf("%s after Temperature was removed: %+v, want %q", label, r.Data, moved)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}
