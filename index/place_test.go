package index

import (
	"context"
	"testing"
	"unicode/utf8"
)

// TestAnswerNamesItsPlaces checks the positions an answer carries for the
// bot's buttons: each topic's Position is its section's place in its
// article, and a row's or table's position is where that very comparison
// stands, so a reply can be rendered from the answer alone.
func TestAnswerNamesItsPlaces(t *testing.T) {
	ix := builtinIndex(t)
	art := ix.Articles()[0]
	for _, q := range []string{"what is an llm", "how do they differ in scope", "what is the difference between generative ai and llms", "how do i cook pasta"} {
		a := ix.Ask(context.Background(), q)
		topics := append([]Topic{}, a.Related...)
		for _, h := range a.Hits {
			topics = append(topics, h.Topic)
		}
		for _, tp := range topics {
			if tp.ArticleID != art.Path || tp.Position < 0 || tp.Position >= len(art.Sections) || art.Sections[tp.Position].ID != tp.SectionID {
				t.Errorf("%q: topic %q at position %d is not that section", q, tp.SectionID, tp.Position)
			}
			if want := utf8.RuneCountInString(art.Sections[tp.Position].Text()); tp.Length != want {
				t.Errorf("%q: topic %q says %d runes, the section has %d", q, tp.SectionID, tp.Length, want)
			}
			if tp.Comparisons != len(art.Comparisons) {
				t.Errorf("%q: topic says %d comparisons, the article has %d", q, tp.Comparisons, len(art.Comparisons))
			}
		}
		if r := a.Row; r != nil && (r.ArticleID != art.Path || &art.Comparisons[r.Position] != r.Comparison) {
			t.Errorf("%q: row names %s comparison %d, not its own", q, r.ArticleID, r.Position)
		}
		if a.Table != nil && (a.TableArticleID != art.Path || &art.Comparisons[a.TablePosition] != a.Table) {
			t.Errorf("%q: table names %s comparison %d, not its own", q, a.TableArticleID, a.TablePosition)
		}
	}
	if a := ix.Ask(context.Background(), "how do they differ in scope"); a.Row == nil {
		t.Error("the scope question found no row; pick another")
	}
	if a := ix.Ask(context.Background(), "what is the difference between generative ai and llms"); a.Table == nil {
		t.Error("the difference question found no table; pick another")
	}
}
