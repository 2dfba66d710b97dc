package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"*bold* _it_ ~~s~~ `c` ||spoiler|| [l](u)", `\*bold\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|spoiler\|\| \[l\](u)`},
		{"# heading\n- item\n> quote", "\\# heading\n\\- item\n\\> quote"},
		{"a-b #tag", "a-b #tag"},
		{"@everyone @here <@123> <@!1> <@&456>", "@\u200beveryone @\u200bhere <@\u200b123> <@\u200b!1> <@\u200b&456>"},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		got := escapeMarkdown(tt.in)
		if got != tt.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if defuseMentions(got) != got {
			t.Errorf("defuseMentions changes escaped text %q", got)
		}
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a longer sentence", 8, "a longe…"},
		{"ééééé", 3, "éé…"},
		{`ab\*cd`, 4, `ab…`}, // never a lone escaping backslash
		{"x", 0, ""},
	}
	for _, tt := range tests {
		if got := clip(tt.in, tt.n); got != tt.want || runes(got) > max(tt.n, 0) {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestSearchText(t *testing.T) {
	if got := searchText("@everyone what is an llm <@123> <@&456> <#789> @here"); got != "what is an llm" {
		t.Errorf("searchText = %q", got)
	}
}

func TestButtonIDRoundTrip(t *testing.T) {
	for _, id := range []buttonID{
		{action: actFull, article: "60acf675", pos: 3},
		{action: actTable, article: "00000001", pos: 0},
		{action: actFeed, helpful: true, article: "abcdef01", pos: 12},
		{action: actFeed, article: "abcdef01", pos: 12},
		{action: actDismiss, asker: "23000000000000000019"},
	} {
		s := id.String()
		if runes(s) > 100 {
			t.Errorf("%q is longer than Discord's 100", s)
		}
		got, err := parseButtonID(s)
		if err != nil || got != id {
			t.Errorf("parseButtonID(%q) = %+v, %v; want %+v", s, got, err, id)
		}
	}
	for _, bad := range []string{"", "x1", "x1:full:abc", "x1:full:abc:-1", "x1:fb:m:abc:1", "x1:dis:abc", "x2:full:abc:1", "x1:zap:a:1"} {
		if _, err := parseButtonID(bad); err == nil {
			t.Errorf("parseButtonID(%q) accepted it", bad)
		}
	}
}

// TestLongSection splits a section far over Discord's limits: every embed
// within 4,096, the message within 6,000, and a note that it goes on.
func TestLongSection(t *testing.T) {
	var blocks []knowledge.Block
	for i := range 300 {
		blocks = append(blocks, knowledge.Block{Text: strings.Repeat("word ", 15) + "line " + string(rune('a'+i%26)) + "."})
	}
	blocks = append(blocks, knowledge.Block{Text: strings.Repeat("x", 5000)}) // one block over any embed
	art := &knowledge.Article{Title: "Long notes", Source: "tests", Path: "long.md", Sections: []knowledge.Section{
		{ID: "long", Heading: "A very long section", Level: 2, Blocks: blocks},
	}}
	topic := index.Topic{Article: art.Title, Source: art.Source, ArticleID: art.Path, SectionID: "long", Heading: "A very long section"}
	es := sectionEmbeds(topic, art.Sections[0])
	total := 0
	for _, e := range es {
		if runes(e.Description) > maxDescription {
			t.Errorf("description of %d runes", runes(e.Description))
		}
		total += embedLen(e)
	}
	if total > maxEmbedsTotal || len(es) < 2 || len(es) > maxEmbeds {
		t.Errorf("%d embeds totalling %d runes", len(es), total)
	}
	if !strings.HasSuffix(es[len(es)-1].Description, "*(continued in the article)*") {
		t.Error("the cut section does not say it continues")
	}
	resp := message(discordgo.MessageFlagsEphemeral, "", es, nil)
	validate(t, discordgo.InteractionMessageComponent, resp)

	short := sectionEmbeds(topic, knowledge.Section{Blocks: []knowledge.Block{{Text: "one line"}}})
	if len(short) != 1 || short[0].Description != "one line" || short[0].Footer == nil {
		t.Errorf("short section %+v", short[0])
	}
}

// TestHighlight: the index's spans in bold, adjacent words as one phrase,
// the text's Markdown escaped, and bold dropped rather than unbalanced when
// the result would not fit.
func TestHighlight(t *testing.T) {
	for _, tt := range []struct {
		text  string
		spans []index.Span
		limit int
		want  string
	}{
		{"generative AI makes text", []index.Span{{Start: 0, End: 10}, {Start: 11, End: 13}}, 100, "**generative AI** makes text"},
		{"LLMs and GANs", []index.Span{{Start: 0, End: 4}, {Start: 9, End: 13}}, 100, "**LLMs** and **GANs**"},
		{"a *star* @here", []index.Span{{Start: 3, End: 7}}, 100, "a \\***star**\\* @\u200bhere"},
		{"- item one\n- item two", []index.Span{{Start: 2, End: 6}}, 100, "- **item** one\n- item two"},
		{"long words here", []index.Span{{Start: 0, End: 4}}, 8, "long wo…"},
		{"bad spans", []index.Span{{Start: 5, End: 3}, {Start: 0, End: 99}}, 100, "bad spans"},
	} {
		if got := highlight(tt.text, tt.spans, tt.limit); got != tt.want {
			t.Errorf("highlight(%q, %v) = %q, want %q", tt.text, tt.spans, got, tt.want)
		}
	}
}

func TestTopicURL(t *testing.T) {
	for _, c := range []struct {
		url, source, want string
	}{
		{"https://example.com/notes", "class notes", "https://example.com/notes"},
		{"", "https://example.com/article", "https://example.com/article"},
		{"", "class notes, week 3", ""},
		{"javascript:alert(1)", "class notes", ""},
		{"not a url", "https://example.com/a", "https://example.com/a"},
	} {
		if got := topicURL(index.Topic{URL: c.url, Source: c.source}); got != c.want {
			t.Errorf("topicURL(url %q, source %q) = %q, want %q", c.url, c.source, got, c.want)
		}
	}
}
