package index

import (
	"strings"
	"unicode"
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
	for s := range ix.sections {
		sec := ix.section(s)
		for _, text := range append(sentenceEnd.Split(sec.Text(), -1), sec.Heading) {
			ix.termsIn(words(text), func(initials string, term []string) {
				if prev, ok := found[initials]; ok && strings.Join(prev, " ") != strings.Join(term, " ") {
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

// termsIn calls fn with the initials of every term in ws (see
// minInitials), and the term's words.
func (ix *Index) termsIn(ws []string, fn func(initials string, term []string)) {
	for start := 0; start < len(ws); start++ {
		var b strings.Builder
		for end := start; end < len(ws) && end-start < maxInitials; end++ {
			w := ws[end]
			pos, ok := ix.partsOfSpeech(w)
			if !ok || stopWords[w] || !unicode.IsLetter([]rune(w)[0]) || !strings.ContainsAny(pos, "na") {
				break
			}
			b.WriteRune([]rune(w)[0])
			if end-start+1 >= minInitials && strings.Contains(pos, "n") {
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
