package index

import "slices"

// A compound noun of common words names a thing that neither word names
// alone: a "role model" is no role and no model of the articles', the
// "speed of light" no speed they measure. A section knows its words only
// where it says them together.

// openCompound is one compound noun of a question, written as two or
// three words (WordNet's, see lexicon.Compound): for each of its content
// words, the word's term and the terms of its synonyms and related words
// that the question's reading found (see qterm.syn), by which a section
// may say the compound otherwise.
type openCompound struct {
	parts [][]string
}

// maxPairGap is how far apart two words of a section may stand and still
// say a compound: "fashion & product design" says "fashion design".
const maxPairGap = 2

// markOpenCompounds finds the compound nouns of q that name what it asks
// of: one holding the question's focus, or any in a definition asked
// ("what is a role model"). A compound elsewhere in the question only
// qualifies it ("in a board game", "hospitals or law firms"), and the
// articles may name that thing in other words. It marks each content word
// of a compound found with the compound's number (see qterm.compound).
func (ix *Index) markOpenCompounds(q *question) {
	ws := q.words
	for i := 0; i+1 < len(ws); i++ {
		if q.termOf(ws[i]) == "" {
			continue // a compound opens with one of the question's content words
		}
		for n := min(3, len(ws)-i); n >= 2; n-- {
			var g [3]string
			copy(g[:], ws[i:i+n])
			g[n-1] = ix.lemma(g[n-1]) // "role models"
			if !ix.lex.Compound(g[:n]...) {
				continue
			}
			var terms []int
			for _, w := range ws[i : i+n] {
				if k := slices.IndexFunc(q.terms, func(t qterm) bool { return t.word == w }); k >= 0 {
					terms = append(terms, k)
				}
			}
			if !ix.asksCompound(q, terms, n) {
				continue
			}
			c := openCompound{}
			for _, k := range terms {
				t := &q.terms[k]
				t.compound = len(q.openCompounds) + 1
				c.parts = append(c.parts, append([]string{t.term}, append(slices.Clip(t.syn), t.rel...)...))
			}
			q.openCompounds = append(q.openCompounds, c)
			i += n - 1
			break
		}
	}
}

// asksCompound reports whether the compound of n words, whose content
// words are q.terms[terms...], is what q asks of: its words, but for one
// that joins them ("of"), are content words of the question, two at
// least, none a cue or one of the articles' subjects ("ai") or part of
// another compound; and it holds the focus, or a definition is asked.
func (ix *Index) asksCompound(q *question, terms []int, n int) bool {
	for _, k := range terms {
		if t := q.terms[k]; t.cue || ix.anchors[t.term] || t.compound > 0 {
			return false
		}
	}
	if len(terms) < 2 || len(terms) < n-1 {
		return false
	}
	return q.kind == kindDefine || slices.ContainsFunc(terms, func(k int) bool { return q.terms[k].term == q.focus })
}

// saysCompound reports whether section s says c: each two of its words
// that follow each other, or their kin, stand at most maxPairGap words
// apart in its heading or in its text (the heading's last word and the
// text's first are no pair). Few questions ask of a compound, so the
// section's terms are scanned then, not indexed in pairs for all.
func (ix *Index) saysCompound(s int, c openCompound) bool {
	runs := ix.loadTerms(s).runs
	for i := 0; i+1 < len(c.parts); i++ {
		said := false
		for _, run := range runs {
			if said = saysPair(run, c.parts[i], c.parts[i+1]); said {
				break
			}
		}
		if !said {
			return false
		}
	}
	return true
}

// saysPair reports whether run holds a term of first and, at most
// maxPairGap terms after it, a term of second.
func saysPair(run, first, second []string) bool {
	for i, a := range run {
		if !slices.Contains(first, a) {
			continue
		}
		for _, b := range run[i+1 : min(len(run), i+1+maxPairGap)] {
			if slices.Contains(second, b) {
				return true
			}
		}
	}
	return false
}
