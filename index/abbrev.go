package index

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Initialisms of the articles' own terms. A term is a run of minInitials
// to maxInitials words of one clause of a sentence or heading, none a stop
// word, each an English noun or adjective and the last a noun:
// "high-frequency trading". Words that a comma, a bracket or a dash parts
// are no term: "repeatable answers, good for facts" is no "RAG". Students
// shorten what the articles spell out ("what is hft").
// A name of two capitalised words has its initials too (see namePairs),
// read only when typed in capitals ("SF").
const (
	minInitials = 3
	maxInitials = 5
)

// abbreviate finds the initialisms of the articles' terms that the
// articles never write themselves, for a question's word that is no
// English word, no word of theirs and no typo of either: "hft" is read as
// their "high frequency trading". An initialism that is a word of the
// articles or the initials of two different terms is left out; one that
// is an English word or a word of chat serves only a word typed in
// capitals (see initialism and typedInitialism).
func (ix *Index) abbreviate() {
	found := map[string][]string{}
	clash := map[string]bool{}
	parts := map[string]termPart{} // each word's, read from the lexicon once
	add := func(initials string, term []string) {
		if prev, ok := found[initials]; ok && !slices.Equal(prev, term) {
			clash[initials] = true
		}
		found[initials] = term
	}
	ix.eachSentence(func(text string, heading bool) {
		for _, clause := range clausePunct.Split(text, -1) {
			ix.termsIn(words(clause), parts, add)
		}
		if !heading {
			// Two capitalised words make a name, whose initials are
			// typed though they are no term: "SF" of "San Francisco".
			namePairs(text, add)
		}
	})
	ix.initialisms = map[string][]string{}
	for initials, term := range found {
		if clash[initials] || ix.vocab[initials] > 0 || stopWords[initials] {
			continue
		}
		ix.initialisms[initials] = term
	}
}

// clausePunct parts the clauses of a sentence: commas, semicolons,
// colons, brackets, quotes and dashes between words (not a hyphen within
// one: "high-frequency").
var clausePunct = regexp.MustCompile(`[,;:()\[\]{}"“”]|\s[-–—]+\s|[–—]`)

// typedInitialism is the articles' term whose initials w is, for a word
// typed in capitals ("FTC" of "Federal Trade Commission"), though an
// English word or a chat spelling may be written so too; or nil.
func (ix *Index) typedInitialism(w string) []string {
	ix.initialismsOnce.Do(ix.abbreviate)
	return ix.initialisms[w]
}

// initialism is the articles' term whose initials w is, or nil. The
// initialisms are read from the articles once, when a question first has
// a word no lexicon or typo fix explains: most never do, and start-up
// need not pay for them.
func (ix *Index) initialism(w string) []string {
	if len(w) < minInitials || ix.lex.IsWord(w) || chatSpellings[w] != "" || clippings[w] != "" {
		// A word of its own, typed in lower case; two letters so typed
		// are chat ("rn", "bc") more often than a name's initials.
		return nil
	}
	return ix.typedInitialism(w)
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
			// A possessive is its noun: "Information Commissioner's
			// Office" is the ICO.
			base, _ := strings.CutSuffix(w, "'s")
			if pos, ok := ix.partsOfSpeech(base); ok && !stopWords[w] && unicode.IsLetter(r) && strings.ContainsAny(pos, "na") {
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

// maxSpelled is the longest abbreviation whose spelling out is looked for.
const maxSpelled = 6

// unexpanded reports a question asking what an abbreviation stands for
// ("what does gan stand for", "what is the acronym TPU") when the articles
// use it but never spell it out: "GANs" in a table's cell says what they
// are used for, not what the letters mean. An abbreviation is a word of
// the question that it or the articles write in capitals (see
// abbreviated); the question is answerable when the articles spell out
// any of those in the sentence that asks, of a message of several ("the
// GPT in chatgpt"; not the AI of "the table says gen ai uses GANs", said
// after "what does GAN stand for??").
func (ix *Index) unexpanded(typed map[string]bool, ws []string, sentences []string) bool {
	if !asksExpansion(ws) {
		return false
	}
	if len(sentences) > 1 {
		for _, s := range sentences {
			if sw := words(s); asksExpansion(sw) {
				ws = sw // the asking sentence's words, as typed
				break
			}
		}
	}
	ix.spelledOnce.Do(ix.readSpellings)
	asked := false
	for _, w := range ws {
		if n := utf8.RuneCountInString(w); n < 2 || n > maxSpelled || stopWords[w] || strings.IndexFunc(w, notLetter) >= 0 {
			continue
		}
		forms := []string{w, strings.TrimSuffix(w, "s")} // "llms" is typed as "LLMs" or "LLMS"
		if !slices.ContainsFunc(forms, func(f string) bool { return typed[f] || ix.capitals[f] }) {
			continue
		}
		if slices.ContainsFunc(forms, func(f string) bool { return ix.spelled[f] }) {
			return false
		}
		asked = true
	}
	return asked
}

// asksExpansion reports a question of what letters stand for: "stand(s)
// for", "short for", "full form", "acronym", "abbreviation".
func asksExpansion(ws []string) bool {
	for i, w := range ws {
		switch {
		case w == "acronym" || w == "abbreviation" || w == "initialism":
			return true
		case (w == "stand" || w == "stands" || w == "short") && i+1 < len(ws) && ws[i+1] == "for":
			return true
		case w == "full" && i+1 < len(ws) && ws[i+1] == "form":
			return true
		case (w == "letters" || w == "letter") && slices.ContainsFunc(ws, func(v string) bool { return v == "mean" || v == "means" || v == "meaning" }):
			return true // "what do the letters MHRA mean", "what does each letter in gpt mean"
		}
	}
	return false
}

// readSpellings reads, once, the abbreviations the articles spell out
// where they write them: a word of a sentence or heading that the initials
// of a run of its other words make, with their stop words ("SMART (the
// Spatial Monitoring and Reporting Tool)") or without ("Food and
// Agriculture Organization (FAO)"), or a line's label, explained by its
// line ("GPS: a satellite navigation system"); and the words they write
// as acronyms.
func (ix *Index) readSpellings() {
	ix.spelled, ix.capitals = map[string]bool{}, map[string]bool{}
	for s := range ix.sections {
		for _, b := range ix.section(s).Blocks {
			if fs := strings.FieldsFunc(b.Label, notLetter); len(fs) == 1 {
				ix.spelled[singular(fs[0])] = true
			}
		}
	}
	ix.eachSentence(func(sentence string, _ bool) {
		said := map[string]bool{}
		standsFor := asksExpansion(words(sentence))
		for _, m := range glossedRE.FindAllStringSubmatch(sentence, -1) {
			// "MARC (Machine-Readable Cataloging)": spelt out in the
			// parenthesis after it, whatever its letters
			ix.spelled[singular(m[1])] = true
		}
		for _, f := range strings.FieldsFunc(sentence, notLetter) {
			said[singular(f)] = true
			if abbreviated(f) {
				ix.capitals[singular(f)] = true
				if standsFor {
					// "IFTTT (which stands for "If This Then That")":
					// spelt out in so many words, whatever its letters
					ix.spelled[singular(f)] = true
				}
			}
		}
		var all, content []rune
		for _, w := range words(sentence) {
			r, _ := utf8.DecodeRuneInString(w)
			all = append(all, r)
			if !stopWords[w] {
				content = append(content, r)
			}
		}
		for _, initials := range [][]rune{all, content} {
			for start := range initials {
				for end := start + 2; end <= len(initials) && end-start <= maxSpelled; end++ {
					if a := string(initials[start:end]); said[a] {
						ix.spelled[a] = true
					}
				}
			}
		}
	})
}

// glossedRE finds an abbreviation in capitals followed by a parenthesis
// of words: "MARC (Machine-Readable Cataloging)".
var glossedRE = regexp.MustCompile(`\b(\p{Lu}{2,}s?) \((\p{Lu}\p{Ll}+[- ]){1,}`)

// eachSentence calls fn with every sentence and line of the sections'
// text and with every heading, saying which it is: where an abbreviation
// is written out.
func (ix *Index) eachSentence(fn func(text string, heading bool)) {
	for s := range ix.sections {
		sec := ix.section(s)
		for _, text := range sentenceEnd.Split(sec.Text(), -1) {
			fn(text, false)
		}
		fn(sec.Heading, true)
	}
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// acronym reports a word written in capitals, perhaps with a plural s:
// "GAN", "GANs", "TPU".
func acronym(f string) bool {
	return allCaps(strings.TrimSuffix(f, "s"))
}

// abbreviated reports a word written as an abbreviation: in capitals
// ("GAN", "GANs"), or in mixed case with two capitals or more ("PaLM",
// "LLaMA"), as names made of initials are.
func abbreviated(f string) bool {
	if acronym(f) {
		return true
	}
	capitals := 0
	for _, r := range f {
		if unicode.IsUpper(r) {
			capitals++
		}
	}
	return capitals >= 2 && mixedCase(f)
}

// typedAbbreviations are the words raw writes as abbreviations ("FTC",
// "GANs", "PaLM"), in lower case, each also as singular keys it ("gan").
func typedAbbreviations(raw string) map[string]bool {
	out := map[string]bool{}
	for _, f := range strings.FieldsFunc(raw, notLetter) {
		if abbreviated(f) {
			out[strings.ToLower(f)], out[singular(f)] = true, true
		}
	}
	return out
}

// singular is a word as the key of an abbreviation: in lower case, an
// acronym's plural s dropped ("GANs" is "gan"; "NHS" keeps its S).
func singular(f string) string {
	if acronym(f) {
		f = strings.TrimSuffix(f, "s")
	}
	return strings.ToLower(f)
}

// namePairs calls fn with the initials of every name of exactly two
// capitalised words in a sentence of the articles' text ("San Francisco",
// "the United Nations", "the European Union's"), and the name's words in
// lower case: "SF", "UN" and "EU" are typed for them. Punctuation ends a
// name ("Sensors: Fixed-time lights" names nothing). abbreviate reads no
// heading for names: all a title's words are capitalised.
func namePairs(text string, fn func(initials string, term []string)) {
	var run []string
	flush := func() {
		if len(run) == 2 {
			a, _ := utf8.DecodeRuneInString(run[0])
			b, _ := utf8.DecodeRuneInString(run[1])
			fn(string([]rune{a, b}), run)
		}
		run = nil
	}
	for _, f := range strings.Fields(text) {
		w, ends := strings.CutSuffix(f, "'s")
		if !ends {
			w, ends = strings.CutSuffix(f, "’s")
		}
		if t := strings.TrimRightFunc(w, unicode.IsPunct); t != w {
			w, ends = t, true
		}
		lw := strings.ToLower(w)
		if !capitalised(w) || stopWords[lw] {
			flush()
			continue
		}
		run = append(run, lw)
		if ends {
			flush()
		}
	}
	flush()
}

// capitalised reports a word of letters written with a capital and then
// small letters: "Francisco", not "AI", "the" or "Fixed-time".
func capitalised(f string) bool {
	r, n := utf8.DecodeRuneInString(f)
	return unicode.IsUpper(r) && n < len(f) && strings.IndexFunc(f, notLetter) < 0 && strings.ToLower(f[n:]) == f[n:]
}
