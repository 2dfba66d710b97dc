package bot

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

// TestTableReplyShownOnce: a section that is a sentence and a table, asked
// for with /compare, is shown once: the sentence as the description, the
// table as fields, and neither Full section nor Difference table, which
// would show them again. Its source is a web address, so the title links
// it and the footer does not repeat it.
func TestTableReplyShownOnce(t *testing.T) {
	art, err := knowledge.Parse("notes/week6.md", []byte(`---
title: Week six
source: https://example.com/class/week6
---

## Tokens and words

Tokens and words are not the same thing.

| Feature | Tokens | Words |
| --- | --- | --- |
| Size | often part of a word | a whole word |
| Counted by | the tokenizer | a reader |
`))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(t.Context(), slog.New(slog.DiscardHandler), []*knowledge.Article{art}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	b, _ := newBot(t, ix, Options{})
	i := loadInteraction(t, "compare_all")
	r := handle(t, b, i)
	validate(t, i.Type, r)
	e := onlyEmbed(t, r)
	if e.Description != "Tokens and words are not the same thing." || len(e.Fields) != 2 {
		t.Errorf("description %q with %d fields, want the sentence and the two rows", e.Description, len(e.Fields))
	}
	wantButtons(t, r, "Helpful", "Not helpful", "Dismiss")
	if e.URL != "https://example.com/class/week6" || strings.Contains(e.Footer.Text, "example.com") {
		t.Errorf("title link %q, footer %q; want the source as the link, not in the footer", e.URL, e.Footer.Text)
	}

	full := handle(t, b, press(pressable(r), "Helpful", asker, 0))
	if full.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("Helpful answered %+v", full)
	}
}

func TestSourceURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/a":   "https://example.com/a",
		" http://example.com ":    "http://example.com",
		"class notes, week 3":     "",
		"javascript:alert(1)":     "",
		"ftp://example.com/notes": "",
		"https://":                "",
	} {
		if got := sourceURL(in); got != want {
			t.Errorf("sourceURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPartialAnswer: an answer the index marks partial (the question's
// words spread over sections, the nearest answering) says so above its
// citation; a full answer does not.
func TestPartialAnswer(t *testing.T) {
	b, _ := newBot(t, builtinIndex(t), Options{})
	for _, c := range []struct {
		question string
		partial  bool
	}{
		{"what do you call the step when a model answers a prompt i typed", true},
		{"how do llms work", false},
	} {
		i := loadInteraction(t, "ask_scope")
		i.ApplicationCommandData().Options[0].Value = c.question
		r := handle(t, b, i)
		validate(t, i.Type, r)
		e := onlyEmbed(t, r)
		if got := strings.HasPrefix(e.Footer.Text, partialNote+"\nSource: "); got != c.partial {
			t.Errorf("%q: footer %q, want the partial note %v", c.question, e.Footer.Text, c.partial)
		}
	}
}
