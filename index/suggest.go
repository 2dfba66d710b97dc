package index

import (
	"cmp"
	"context"
	"slices"
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
// comparison features and glossary terms that the typed text starts, or
// that have a word it starts, best first. With nothing typed it suggests
// the main topics. When those matches leave room it adds the sections a
// search for the text finds, so a finished word with a typo still suggests
// something; Live.Suggest, which answers every keystroke, does not.
func (ix *Index) Suggest(ctx context.Context, typed string, limit int) []Suggestion {
	out := newSuggestTable(ix).suggest(typed, limit)
	typed = strings.Join(words(typed), " ")
	if typed == "" || len(out) >= limit {
		return out
	}
	seen := map[string]bool{}
	for _, s := range out {
		seen[strings.ToLower(s.Value)] = true
	}
	q := ix.parse(typed)
	if ranked, _, err := ix.search(ctx, &q); err == nil {
		for _, h := range ranked {
			t := ix.topic(h.section)
			if len(out) < limit && !seen[strings.ToLower(t.Heading)] {
				seen[strings.ToLower(t.Heading)] = true
				out = append(out, Suggestion{Name: clip(t.Heading, MaxSuggestion), Value: clip(t.Heading, MaxSuggestion)})
			}
		}
	}
	return out
}

// suggestTable is everything a topic box can complete to, built once per
// index: a sorted list of every word-start suffix of every candidate's
// name, so that "starts the name" and "starts a word of the name" are one
// binary search, with no search of the index and no typo correction on a
// word that is still being typed.
type suggestTable struct {
	candidates []Suggestion // clipped, deduplicated by value, in offer order
	main       []int        // candidates offered for an empty box
	suffixes   []suffix     // sorted by text
}

// suffix is the rest of a candidate's normalised name from one word start.
type suffix struct {
	text      string
	candidate int
	whole     bool // the suffix is the whole name
}

// Match ranks: the whole name starts with what was typed, or a word does.
const (
	rankWord  = 1
	rankWhole = 2
)

// newSuggestTable lists the candidates: every section heading (the main
// topics, in article order, but the synthetic introduction), then each
// comparison and its rows, then the glossary's terms.
func newSuggestTable(ix *Index) *suggestTable {
	t := &suggestTable{}
	seen := map[string]bool{}
	add := func(s Suggestion, main bool) {
		s = Suggestion{Name: clip(s.Name, MaxSuggestion), Value: clip(s.Value, MaxSuggestion)}
		key := strings.ToLower(s.Value)
		if s.Name == "" || seen[key] {
			return
		}
		seen[key] = true
		if main {
			t.main = append(t.main, len(t.candidates))
		}
		t.candidates = append(t.candidates, s)
	}
	for _, art := range ix.Articles() {
		for _, sec := range art.Sections {
			add(Suggestion{Name: sec.Heading, Value: sec.Heading}, sec.ID != introductionID)
		}
	}
	for _, art := range ix.Articles() {
		for _, c := range art.Comparisons {
			vs := strings.Join(c.Subjects, " vs ")
			add(Suggestion{Name: "Difference table: " + vs, Value: "difference between " + vs}, false)
			for _, r := range c.Rows {
				add(Suggestion{Name: r.Feature + ": " + vs, Value: "difference in " + strings.ToLower(r.Feature) + " between " + vs}, false)
			}
		}
	}
	for _, term := range ix.glossaryTerms() {
		add(Suggestion{Name: term, Value: term}, false)
	}
	for i, c := range t.candidates {
		ws := words(c.Name)
		for k := range ws {
			t.suffixes = append(t.suffixes, suffix{text: strings.Join(ws[k:], " "), candidate: i, whole: k == 0})
		}
	}
	slices.SortFunc(t.suffixes, func(a, b suffix) int { return strings.Compare(a.text, b.text) })
	return t
}

// glossaryTerms are the glossary's canonical words and phrases.
func (ix *Index) glossaryTerms() []string { return ix.gloss.terms }

// suggest is the table's answer to typed: candidates whose name starts
// with it first, then those with a word that does, each group in offer
// order; the main topics when nothing is typed.
func (t *suggestTable) suggest(typed string, limit int) []Suggestion {
	if limit <= 0 {
		return nil
	}
	typed = strings.Join(words(typed), " ")
	var out []Suggestion
	if typed == "" {
		for _, i := range t.main[:min(limit, len(t.main))] {
			out = append(out, t.candidates[i])
		}
		return out
	}
	from := sort.Search(len(t.suffixes), func(i int) bool { return t.suffixes[i].text >= typed })
	rank := map[int]int{}
	for _, s := range t.suffixes[from:] {
		if !strings.HasPrefix(s.text, typed) {
			break
		}
		r := rankWord
		if s.whole {
			r = rankWhole
		}
		rank[s.candidate] = max(rank[s.candidate], r)
	}
	found := make([]int, 0, len(rank))
	for i := range rank {
		found = append(found, i)
	}
	slices.SortFunc(found, func(a, b int) int { return cmp.Or(cmp.Compare(rank[b], rank[a]), cmp.Compare(a, b)) })
	for _, i := range found[:min(limit, len(found))] {
		out = append(out, t.candidates[i])
	}
	return out
}

// clip cuts s to at most n runes, at a word boundary where it can.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := lastSpaceBefore(s, n-1)
	return strings.TrimSpace(s[:cut]) + "…"
}
