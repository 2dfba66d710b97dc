package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Initialisms of the articles' own terms. A term is a run of minInitials
// to maxInitials words of one sentence or heading, none a stop word, each
// an English noun or adjective and the last a noun: "high-frequency
// trading". Students shorten what the articles spell out ("what is hft").
const (
	minInitials = 3
	maxInitials = 5
)

// abbreviate finds the initialisms of the articles' terms that the
// articles never write themselves, for a question's word that is no
// English word, no word of theirs and no typo of either: "hft" is read as
// their "high frequency trading". An initialism that is an English word, a
// word of the articles, a word of chat, or the initials of two different
// terms is left out.
func (ix *Index) abbreviate() {
	found := map[string][]string{}
	clash := map[string]bool{}
	parts := map[string]termPart{} // each word's, read from the lexicon once
	for s := range ix.sections {
		sec := ix.section(s)
		for _, text := range append(sentenceEnd.Split(sec.Text(), -1), sec.Heading) {
			ix.termsIn(words(text), parts, func(initials string, term []string) {
				if prev, ok := found[initials]; ok && !slices.Equal(prev, term) {
					clash[initials] = true
				}
				found[initials] = term
			})
		}
	}
	ix.initialisms = map[string][]string{}
	for initials, term := range found {
		if clash[initials] || ix.lex.IsWord(initials) || ix.vocab[initials] > 0 || stopWords[initials] || chatSpellings[initials] != "" {
			continue
		}
		ix.initialisms[initials] = term
	}
}

// initialism is the articles' term whose initials w is, or nil. The
// initialisms are read from the articles once, when a question first has
// a word no lexicon or typo fix explains: most never do, and start-up
// need not pay for them.
func (ix *Index) initialism(w string) []string {
	ix.initialismsOnce.Do(ix.abbreviate)
	return ix.initialisms[w]
}

// termPart is what a word can be in a term: first is its first letter
// when it is a noun or an adjective (0 when it can be in none), noun
// whether it is a noun, which may end one.
type termPart struct {
	first rune
	noun  bool
}

// termsIn calls fn with the initials of every term in ws (see
// minInitials), and the term's words; parts remembers each word's part.
func (ix *Index) termsIn(ws []string, parts map[string]termPart, fn func(initials string, term []string)) {
	part := make([]termPart, len(ws))
	for i, w := range ws {
		p, ok := parts[w]
		if !ok {
			r, _ := utf8.DecodeRuneInString(w)
			if pos, ok := ix.partsOfSpeech(w); ok && !stopWords[w] && unicode.IsLetter(r) && strings.ContainsAny(pos, "na") {
				p = termPart{first: r, noun: strings.Contains(pos, "n")}
			}
			parts[w] = p
		}
		part[i] = p
	}
	for start := range ws {
		var b strings.Builder
		for end := start; end < len(ws) && end-start < maxInitials && part[end].first != 0; end++ {
			b.WriteRune(part[end].first)
			if end-start+1 >= minInitials && part[end].noun {
				fn(b.String(), ws[start:end+1])
			}
		}
	}
}

// partsOfSpeech are WordNet's parts of speech for w, or for its base form
// when w is inflected ("trading" is "trade"'s); ok is false when w is no
// English word.
func (ix *Index) partsOfSpeech(w string) (string, bool) {
	word, ok := ix.lex.Lookup(w)
	if !ok {
		return "", false
	}
	if word.POS == "" && word.Lemma != w {
		if base, ok := ix.lex.Lookup(word.Lemma); ok {
			return base.POS, true
		}
	}
	return word.POS, true
}
