package index

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// relatedTerms are the analyzed article terms of the words the lexicon
// relates to w: its synonyms, and words related otherwise.
func (ix *Index) relatedTerms(w string) (syn, rel, def []string) {
	l := ix.lemma(w)
	synonyms, others := ix.lex.Related(l)
	if l != w {
		// A participle that is an adjective of its own ("complicated",
		// "biased") has the adjective's relatives first: "complicated"
		// is "complex", besides what complicating is.
		ownSyn, ownOthers := ix.lex.Related(w)
		synonyms = append(slices.Clip(ownSyn), synonyms...)
		others = append(slices.Clip(ownOthers), others...)
	}
	var defining []string
	pick := func(words []string, into []string, not []string) []string {
		for _, r := range words[:min(len(words), maxRelatedTried)] {
			if stopWords[r] {
				continue
			}
			// A relative that analyzes as a word of asking is none ("likeness"
			// is "like" once stemmed).
			if t := ix.stem.stem(r); ix.df[t] > 0 && !stopWords[t] && !slices.Contains(into, t) && !slices.Contains(not, t) && (ix.vocab[r] > 0 || ix.englishTerm(t)) {
				into = append(into, t)
			}
		}
		return into
	}
	// The most specific first: the fewer units a relative stands in, the
	// more it tells (of "employment", "job" before "use").
	bySpecificity := func(ts []string) []string {
		slices.SortStableFunc(ts, func(a, b string) int { return ix.df[a] - ix.df[b] })
		return ts
	}
	if ix.df[ix.stem.stem(w)] == 0 {
		// Morphology, for a word the articles lack.
		if base := ix.negated(w); base != "" {
			synonyms = append(slices.Clip(synonyms), base) // "unfair" is about fairness, as "not fair" is
		}
		others = append(slices.Clip(others), ix.compounds(w)...)
		defining = ix.lex.Defining(l)
		if base := ix.comparativeOf(w); base != "" {
			// "quicker" is "quick" said of more: its base and the base's
			// synonyms ("fast") share its sense.
			baseSyn, _ := ix.lex.Related(base)
			synonyms = append(append(slices.Clip(synonyms), base), baseSyn...)
		}
	}
	syn = bySpecificity(pick(synonyms, nil, nil))
	rel = bySpecificity(pick(others, nil, syn))
	return syn, rel, pick(defining, nil, append(slices.Clip(syn), rel...))
}

// englishTerm reports whether an English word of the articles has the
// analyzed term t: a relative the articles do not write that stems to a
// term only a name has ("canvass", a relative of "compare", to Canva's
// "canva") is no relative.
func (ix *Index) englishTerm(t string) bool {
	ix.englishOnce.Do(func() {
		ix.english = map[string]bool{}
		for _, w := range ix.words {
			if ix.lex.IsWord(w) {
				ix.english[ix.stem.stem(w)] = true
			}
		}
	})
	return ix.english[t]
}

// minPartRunes is the shortest part of a closed compound: "chat" and "bot"
// of "chatbot"; shorter ones ("co", "pre") are prefixes, not words.
const minPartRunes = 3

// compounds are the words a closed compound shares its sense with: the
// articles' compounds that w begins ("chatbot" for "chat", "chats"), and
// the head of w when w is one ("words" of "keywords"). Both parts must be
// English words.
func (ix *Index) compounds(w string) []string {
	var out []string
	for _, x := range []string{w, ix.lemma(w)} {
		if utf8.RuneCountInString(x) < minPartRunes || !ix.lex.IsWord(x) {
			continue // "ll" begins "llama" as no word does
		}
		for i := sort.SearchStrings(ix.words, x); i < len(ix.words) && strings.HasPrefix(ix.words[i], x); i++ {
			if rest := ix.words[i][len(x):]; len(rest) >= minPartRunes && ix.lex.IsWord(rest) {
				out = append(out, ix.words[i])
			}
		}
	}
	for i := minPartRunes; i+minPartRunes <= len(w); i++ {
		if head := w[i:]; ix.lex.IsWord(w[:i]) && ix.lex.IsWord(head) && ix.df[ix.stem.stem(head)] > 0 {
			out = append(out, head)
		}
	}
	return out
}

// negativePrefixes make a word's opposite: "unfair", "nonsense", "dishonest".
var negativePrefixes = []string{"un", "non", "dis", "in", "im", "ir", "il"}

// negated is the English word w negates by a prefix ("fair" of "unfair"),
// or "": its opposite is about the same thing.
func (ix *Index) negated(w string) string {
	for _, p := range negativePrefixes {
		if base, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(base) >= 4 && ix.lex.IsWord(base) {
			return base
		}
	}
	return ""
}

// inflected reports whether w is an inflected form of an English word
// ("llamas", "took"), not its base form.
func (ix *Index) inflected(w string) bool {
	word, ok := ix.lex.Lookup(w)
	return ok && word.Lemma != w
}

// unclip reads a clipped word as the article word it begins: "temp" as
// "temperature", "diff" as "difference". When several article words begin
// with it, the one the articles use at least twice as often as all the
// others together wins ("temperature" over "templates"); else none.
// Returns that word's stem and its most used form, or "".
func (ix *Index) unclip(w string) (stem, word string) {
	if utf8.RuneCountInString(w) < minClipRunes {
		return "", ""
	}
	counts := map[string]int{}
	common := map[string]string{} // stem -> its most used word
	total := 0
	i := sort.SearchStrings(ix.words, w)
	for ; i < len(ix.words) && strings.HasPrefix(ix.words[i], w); i++ {
		v := ix.words[i]
		if len(v) < len(w)+minClipCut {
			continue
		}
		t := ix.stem.stem(v)
		counts[t] += ix.vocab[v]
		total += ix.vocab[v]
		if c, ok := common[t]; !ok || ix.vocab[v] > ix.vocab[c] || ix.vocab[v] == ix.vocab[c] && v < c {
			common[t] = v
		}
	}
	for stem, n := range counts {
		if n > 0 && n >= 2*(total-n) {
			return stem, common[stem]
		}
	}
	return "", ""
}

// weight is a content word's rarity in general English (see rareRank).
func (ix *Index) weight(w string, english bool) float64 {
	w = strings.TrimSuffix(w, "'s") // as common as its possessor
	switch {
	case isNumber(w), measured(w):
		return minWeight // "2 lines", "gpt 4", "at 3am": a number is no topic
	case !english:
		return 1 // a name or a word of the field
	}
	// A word is as common as its most common form: "vaccines" as
	// "vaccine", "prompting" as "prompt", an adverb as its adjective
	// ("weirdly" as "weird": books write the adjective far more often).
	word, _ := ix.lex.Lookup(w)
	rank := word.Rank
	for _, f := range append(append(baseForms(w), adjectivesOf(w)...), word.Lemma) {
		if base, ok := ix.lex.Lookup(f); ok && f != w && base.Rank > 0 && (rank == 0 || base.Rank < rank) {
			rank = base.Rank
		}
	}
	if rank <= 0 {
		// A word SCOWL spells but the frequency list never counts is
		// as common as the word it derives from: "samey" as "same",
		// "hackable" as "hack".
		rank = ix.derivedRank(w)
	}
	if rank <= 0 {
		return 1
	}
	x := (math.Log(float64(rank)) - math.Log(commonRank)) / (math.Log(rareRank) - math.Log(commonRank))
	if word.OnlyAdverb() && ix.comparativeOf(w) == "" {
		// An adverb says how, not what is asked: "weirdly" in "why does
		// chatgpt sound so weirdly human", "roughly" in "roughly how many";
		// a comparative WordNet knows as an adverb alone ("quicker") is
		// its adjective's.
		x = min(x, maxAdverbWeight)
	}
	return min(max(x, minWeight), 1)
}

// unjoin splits a word that is no English word and that the articles do
// not write into the two words of theirs it runs together, when they make
// it one way only: "fewshot" is the articles' "few-shot".
func (ix *Index) unjoin(ws []string) []string {
	var out []string
	for _, w := range ws {
		if len(w) < 2*minPartRunes || ix.vocab[w] > 0 || ix.lex.IsWord(w) || isNumber(w) {
			out = append(out, w)
			continue
		}
		split := -1
		for i := minPartRunes; i+minPartRunes <= len(w); i++ {
			if ix.vocab[w[:i]] > 0 && ix.vocab[w[i:]] > 0 {
				if split >= 0 {
					split = -2 // two ways: no telling which
					break
				}
				split = i
			}
		}
		if split < 0 {
			out = append(out, w)
			continue
		}
		out = append(out, w[:split], w[split:])
	}
	return out
}

// rejoin runs together two words that the articles write as one, when
// that one is no English word ("books 3" is the articles' "Books3", "mid
// journey" their "Midjourney") or the second is a verb's particle ("set
// up" is their "setup").
func (ix *Index) rejoin(ws []string) []string {
	out := make([]string, 0, len(ws))
	for i := 0; i < len(ws); i++ {
		// The lookup's key is not kept, so it costs no allocation; the
		// joined word is built only when the articles write it.
		if i+1 < len(ws) && !stopWords[ws[i]] && ix.vocab[ws[i]+ws[i+1]] > 0 {
			if j := ws[i] + ws[i+1]; !ix.lex.IsWord(j) || slices.Contains(particles, ws[i+1]) {
				out = append(out, j)
				i++
				continue
			}
		}
		out = append(out, ws[i])
	}
	return out
}

// particles follow a verb in a phrasal verb that English also writes as
// one noun: "set up" and "setup", "log in" and "login".
var particles = []string{"up", "out", "off", "in", "on", "down", "back", "over"}

// unstretch is the English word a chat spelling stretches by repeating
// a letter three times or more ("slowww" → "slow", "pleeease" → "please",
// "soooo" → "so"), or "".
func (ix *Index) unstretch(w string) string {
	stretched := false
	for i := 2; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] == w[i-2] {
			stretched = true
			break
		}
	}
	if !stretched {
		return ""
	}
	for _, keep := range []int{2, 1} {
		var b strings.Builder
		run := 0
		for i := 0; i < len(w); i++ {
			if i > 0 && w[i] == w[i-1] {
				run++
			} else {
				run = 1
			}
			if run <= keep {
				b.WriteByte(w[i])
			}
		}
		if x := b.String(); ix.lex.IsWord(x) {
			return x
		}
	}
	return ""
}

// comparativeOf is the adjective a comparative or superlative is made of
// ("quicker", "slowest", "easier"), or "".
func (ix *Index) comparativeOf(w string) string {
	if strings.HasSuffix(w, "er") || strings.HasSuffix(w, "est") {
		// "bigger", "hottest": the lexicon knows the doubled consonant.
		if word, ok := ix.lex.Lookup(w); ok && word.Lemma != "" && word.Lemma != w && strings.HasPrefix(w, word.Lemma) {
			if base, ok := ix.lex.Lookup(word.Lemma); ok && strings.Contains(base.POS, "a") {
				return word.Lemma
			}
		}
	}
	for _, r := range []struct{ suffix, ending string }{{"ier", "y"}, {"iest", "y"}, {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}} {
		if base, ok := strings.CutSuffix(w, r.suffix); ok && len(base) >= 3 {
			if word, ok := ix.lex.Lookup(base + r.ending); ok && strings.Contains(word.POS, "a") {
				return base + r.ending
			}
		}
	}
	return ""
}

// adjectivesOf are the adjectives an adverb in -ly may be made of:
// "weirdly" of "weird", "happily" of "happy", "basically" of "basic",
// "simply" of "simple".
func adjectivesOf(w string) []string {
	var out []string
	for _, r := range []struct{ suffix, ending string }{{"ly", ""}, {"ily", "y"}, {"ally", ""}, {"ly", "le"}} {
		if base, ok := strings.CutSuffix(w, r.suffix); ok && len(base) >= 3 {
			out = append(out, base+r.ending)
		}
	}
	return out
}

// baseForms are the spellings w may be an inflection of, by the common
// English suffixes: "prompting" of "prompt" and "prompte", "models" of
// "model". Candidates only; the lexicon says which are words.
func baseForms(w string) []string {
	var out []string
	for _, r := range []struct{ suffix, ending string }{
		{"ing", ""}, {"ing", "e"}, {"ed", ""}, {"ed", "e"}, {"es", ""}, {"s", ""}, {"ies", "y"}, {"er", ""}, {"est", ""},
	} {
		if base, ok := strings.CutSuffix(w, r.suffix); ok && len(base) >= 3 {
			out = append(out, base+r.ending)
		}
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// measured reports a number with a unit or an ending: "3am", "100k",
// "90s", "4th". It says no more about the topic than a number does.
func measured(w string) bool {
	digits := strings.TrimRightFunc(w, unicode.IsLetter)
	return digits != w && isNumber(digits) && slices.Contains([]string{"am", "pm", "k", "m", "s", "th", "st", "nd", "rd", "x"}, w[len(digits):])
}

// derivedRank is the frequency rank of the word w derives from by a
// suffix (see derivingSuffixes: "same" + "y", "hack" + "able"), the base
// spelt as is or with its final "e"; 0 if none.
func (ix *Index) derivedRank(w string) int {
	for _, suf := range derivingSuffixes {
		base, ok := strings.CutSuffix(w, suf)
		if !ok || len(base) < 3 {
			continue
		}
		for _, b := range []string{base, base + "e"} {
			if word, ok := ix.lex.Lookup(b); ok && word.Rank > 0 {
				return word.Rank
			}
		}
	}
	return 0
}
