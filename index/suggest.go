package index

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"
)

// Suggestion is one autocomplete choice: what to show and what to ask.
type Suggestion struct {
	// Name is shown to the user; Value is sent back as the question. Both are
	// at most MaxSuggestion runes.
	Name, Value string
}

// MaxSuggestion is Discord's limit on a choice's name and value.
const MaxSuggestion = 100

// Suggest completes what a user is typing into a topic: section headings,
// comparison features and glossary terms that match it, best first, then the
// sections a search for it finds (so a typo still suggests something). With
// nothing typed it suggests the main topics.
func (ix *Index) Suggest(ctx context.Context, typed string, limit int) []Suggestion {
	if limit <= 0 {
		return nil
	}
	typed = strings.Join(words(typed), " ")
	var out []Suggestion
	seen := map[string]bool{}
	add := func(s Suggestion) {
		key := strings.ToLower(s.Value)
		if len(out) < limit && !seen[key] && s.Name != "" {
			seen[key] = true
			out = append(out, Suggestion{Name: clip(s.Name, MaxSuggestion), Value: clip(s.Value, MaxSuggestion)})
		}
	}
	if typed == "" {
		for _, t := range ix.mainTopics(nil, limit) {
			add(Suggestion{Name: t.Heading, Value: t.Heading})
		}
		return out
	}
	type scored struct {
		s     Suggestion
		score int
	}
	var matches []scored
	for _, c := range ix.candidates() {
		if sc := matchScore(strings.Join(words(c.Name), " "), typed); sc > 0 {
			matches = append(matches, scored{c, sc})
		}
	}
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].score > matches[j].score })
	for _, m := range matches {
		add(m.s)
	}
	if len(out) < limit {
		q := ix.parse(typed)
		if ranked, _, err := ix.search(ctx, &q); err == nil {
			for _, h := range ranked {
				t := ix.topic(h.section)
				add(Suggestion{Name: t.Heading, Value: t.Heading})
			}
		}
	}
	return out
}

// candidates are everything a topic box can complete to.
func (ix *Index) candidates() []Suggestion {
	var out []Suggestion
	for s := range ix.sections {
		h := ix.section(s).Heading
		out = append(out, Suggestion{Name: h, Value: h})
	}
	for _, art := range ix.articles {
		for _, c := range art.Comparisons {
			vs := strings.Join(c.Subjects, " vs ")
			out = append(out, Suggestion{Name: "Difference table: " + vs, Value: "difference between " + vs})
			for _, r := range c.Rows {
				out = append(out, Suggestion{Name: r.Feature + ": " + vs, Value: "difference in " + strings.ToLower(r.Feature) + " between " + vs})
			}
		}
	}
	for _, t := range ix.gloss.terms {
		out = append(out, Suggestion{Name: t, Value: t})
	}
	return out
}

// matchScore ranks how well name completes typed: the whole name starts with
// it (3), a word of the name starts with it (2), or it stands anywhere (1).
func matchScore(name, typed string) int {
	switch {
	case strings.HasPrefix(name, typed):
		return 3
	case strings.Contains(name, " "+typed):
		return 2
	case strings.Contains(name, typed):
		return 1
	}
	return 0
}

// clip cuts s to at most n runes, at a word boundary where it can.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := lastSpaceBefore(s, n-1)
	return strings.TrimSpace(s[:cut]) + "…"
}
