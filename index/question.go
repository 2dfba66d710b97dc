package index

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// question is a question made ready for search and judgement.
type question struct {
	// words are the question's words after the glossary and typo
	// correction, stop words included: its form, for its kind.
	words []string
	// terms are its distinct content words.
	terms []qterm
	kind  kind
	need  need
	// counted is what a number question counts (see counted); named the
	// particular things it is asked of (see namedIn).
	counted, named []string
	// costAsked marks "how much" asked of what something costs: the
	// number must be a sum of money.
	costAsked bool
	// holds caches, per section, whether it can hold the type of answer
	// asked (see has).
	holds map[int]bool
	// category holds the terms of what sort of thing a capability question
	// asks is done ("tasks" in "what tasks can llms do").
	category []string
	// production is set by a request to make something other than an
	// account of the articles ("write me a poem", "give me a writing
	// prompt"): the bot explains what its sources say; it writes nothing.
	production bool
	// strangeName is set when the question asks of a name the articles
	// never use: a "what is" of a rare one ("what's google gemini"), or one
	// in capitals ("the EU AI Act"). See strange.go.
	strangeName bool
	// strangeOwner is set when the question asks of what belongs to a
	// name the articles never use ("chomsky's generative grammar").
	strangeOwner bool
	// focus is the analyzed first content word that is not a word of form:
	// what a definition is asked of.
	focus string
	// examples is set when the question asks for examples ("name some llms").
	examples bool
	// cues are the kinds its words of form name ("risks", "used for").
	cues map[kind]bool
	// asksKindOf is set by "what kind of", "what type of": a category is asked.
	asksKindOf bool
	// whole is set by "all the differences", "side by side", "the whole
	// comparison": every row is asked.
	whole bool
	// tableNamed is set when the question names a table ("where's the
	// comparison table") and the articles have one: theirs is meant.
	tableNamed bool
	// extent is set by a question of how far something reaches: "which is
	// broader", "do llms only do text".
	extent bool
	// purpose is set by a question of what something is for: "why were
	// llms built", "what is each meant to do".
	purpose bool
	// output is set by a question of what something gives out: its
	// answers, replies, what it says or writes.
	output bool
	// asksAbility is set by a yes-or-no question of making something: "can
	// llms make pictures".
	asksAbility bool
	// measured are the articles' terms the lexicon relates to the
	// adjective of a "how big", "how long" asked, or of a measure's
	// comparative ("bigger"): what it measures ("size") may be a feature
	// it asks of a comparison (see measuredBy).
	measured []string
	// aboutIt is set when the question speaks of "it", "they", "the bot" or
	// "this stuff" ("does it just guess the next word"), of "each one" or
	// "the two", or names a title's phrase ("language models"): asked of
	// this bot, that is what the articles are about, as if they were named.
	aboutIt bool
	// place is where in an article the question points: "the start of the
	// article" is its first section (see textPlaceAsked).
	place textPlace
	// at is the section at that place, once the search has found it; -1
	// when there is none.
	at int
	// byWord holds each content word's term, as asked (see termOf).
	byWord map[string]string
	// openCompounds are the compound nouns of two or three words it asks
	// of ("role model"): see compound.go.
	openCompounds []openCompound
	// worker is what a question of how something works asks of; it has
	// no terms for any other question (see askedWorker).
	worker worker
	// superlatives are the superlatives it picks one thing by ("the
	// strongest"): a ranking asked (see superlatives).
	superlatives []string
	// procedure is the index in terms of the telling verb of "how do i"
	// ("reverse" of "how do i reverse image search"), -1 if none (see
	// procedureVerb).
	procedure int
}

// qterm is one content word of a question.
type qterm struct {
	word string // as asked, after correction
	term string // analyzed as the index analyzes text
	// weight is how much the word says about what is asked: its rarity in
	// general English. "take" says little, "vaccines" a lot, a name or a
	// word of the field ("llm") the most.
	weight float64
	// known is 1 when the articles use the word, synonymKnown or
	// relatedKnown when they use only its synonyms or related words, 0
	// when none.
	known float64
	// syn and rel are the analyzed article terms that share a sense with a
	// word the articles lack ("aim" for "purpose"), or are related to it
	// otherwise ("job" for "employment"); also holds both.
	syn, rel, also []string
	// def are the analyzed article terms of the definition of a word the
	// articles lack ("legal" of "lawyer"): weaker evidence still, counted
	// in the confidence but not searched.
	def []string
	// cue marks a word of the question's form ("difference", "risks"): it
	// is searched but weighs nothing in the confidence.
	cue bool
	// everywhere marks a rare word of the articles that sections which do
	// not say it know too: see Index.everywhere and everywhereIn.
	everywhere bool
	// fieldName marks a name of the glossary's ("chatbot"), coined a name
	// the articles coin and list ("midjourney"), in a table's cells or as
	// a line's label.
	fieldName, coined bool
	// held counts, per article, the sections that hold the word, up to
	// two, for a rare word of the articles.
	held map[int]int
	// compound is 1 + the index in question.openCompounds of the compound
	// noun the word is part of, 0 if none: a section knows the word only
	// if it says the compound.
	compound int
}

// everywhereIn reports whether a section of article a knows t without
// saying it: a glossary's name, a name a coins and lists ("midjourney";
// a note's "GraphCast" is not the built-in article's), a rare word that
// sections of two articles use, or two sections of a itself. A word that
// only a note uses, in several of its sections ("robots" of notes on
// robots), is that note's subject, not the built-in article's: "what jobs
// do robots do today" is not answered by the article's section on job
// displacement.
func (t qterm) everywhereIn(a int) bool {
	return t.everywhere && (t.fieldName || t.coined && t.held[a] > 0 || len(t.held) >= 2 || t.held[a] >= 2)
}

// Tuning of how a question is read. Chosen on the principles in the
// comments; not fitted to any question.
const (
	// maxQuestionRunes bounds the text that reaches the analyzer: nobody asks
	// a 10,000-character question, and its cost must stay bounded.
	maxQuestionRunes = 500
	// maxBareWords is the longest question read as a bare topic ("llm", "large language models").
	maxBareWords = 3
	// synonymKnown, relatedKnown and definedKnown are how much a word
	// counts as known when the articles have only its synonyms, only words
	// related to it otherwise (more general, more specific, derived), or
	// only words of its definition: evidence, not a match, and a looser
	// relation is weaker evidence.
	synonymKnown = 0.7
	relatedKnown = 0.4
	definedKnown = 0.25
	// minFocusWeight: a word more common than this is too vague to be what
	// a definition is asked of ("point", "popular", "data").
	minFocusWeight = 0.35
	// minClipRunes is the shortest clipped word read as the article word it
	// begins ("temp" for "temperature"); minClipCut how much must be cut.
	minClipRunes = 4
	minClipCut   = 3
	// maxRelated bounds the related words tried for one word.
	maxRelatedTried = 128
	// commonRank and rareRank span the weights: the commonRank most frequent
	// words weigh minWeight, words rarer than rareRank weigh 1, and the
	// weight rises with the logarithm of the rank between (word frequency
	// falls off as a power of rank, so its logarithm is what is informative).
	commonRank = 200
	rareRank   = 30000
	minWeight  = 0.05
	// maxAdverbWeight is the most an adverb weighs: a fairly common word's.
	maxAdverbWeight = 0.2
)

// notMeant is a parenthesis that says what is not asked: "(not the movie
// robots pls)", "(i don't mean the films)". Its words are no part of the
// question.
var notMeant = regexp.MustCompile(`(?i)\(\s*(not|i\s+(do\s*n[o']?t|dont)\s+mean)\b[^)]*\)?`)

// parse normalises, rewrites, corrects and analyzes a question.
func (ix *Index) parse(raw string) question {
	if utf8.RuneCountInString(raw) > maxQuestionRunes {
		raw = string([]rune(raw)[:maxQuestionRunes])
	}
	if strings.Contains(raw, "(") {
		raw = notMeant.ReplaceAllString(raw, " ") // "what is a transformer (not the movie robots)"
	}
	sentences := questionEnd.Split(raw, -1) // for a message of several sentences
	ws := words(raw)
	// A word in capitals inside a sentence is a name, and so is one in
	// mixed case anywhere ("LoRA vs full finetuning"): it may be a typo of
	// a name the articles use ("Chatgtp"), never of a general word
	// ("Optimus Prime" is not "optimum", "LoRA" not "lord").
	named := map[string]bool{}
	for _, sentence := range sentences {
		for i, f := range strings.Fields(sentence) {
			if w, upper := capitalized(f); upper && i > 0 && !allCaps(w) || mixedCase(w) {
				named[strings.ToLower(w)] = true
			}
		}
	}
	acronyms := typedAbbreviations(raw) // words typed as abbreviations: "FTC", "PaLM"
	for i, w := range ws {
		if base, ok := strings.CutSuffix(w, "'s"); ok && !stopWords[w] && stopWords[base] {
			w = base // "ppl's jobs"
		}
		if c, ok := chatSpellings[w]; ok {
			w = c
		}
		if c, ok := clippings[w]; ok && ix.df[ix.stem.stem(w)] == 0 {
			w = c // "pics" are pictures, but "Docs" is the articles' own name
		}
		ws[i] = w
	}
	ws = ix.rejoin(ix.unjoin(ws))
	ws = ix.gloss.apply(ws) // "gpt 4" is a name first
	for i, w := range ws {
		if w == "4" && ix.saysFor(ws, i) {
			ws[i] = "for" // "what does llm stand 4", "is it good 4 me"
		}
	}
	q := question{words: make([]string, 0, len(ws)), at: -1, procedure: -1}
	type content struct {
		word    string
		english bool
	}
	var cs []content
	form := replyLength(ws)
	for i := 0; i+1 < len(ws); i++ {
		// "how does it stack up against the others": a phrasal verb of
		// comparing is "compare", its particle form.
		if slices.Contains(comparingVerbs[ix.lemma(ws[i])], ws[i+1]) {
			ws[i], form[i+1] = "compare", true
		}
	}
	for i := 0; i+1 < len(ws) && slices.Contains(fillers, ws[i]); i++ {
		form[i] = true // "wait, does the model read letters": chat before the question
	}
	for _, w := range ws {
		if len(q.measured) > 0 {
			break
		}
		if base := ix.comparativeOf(w); slices.Contains(measures, base) {
			// "which one gives bigger answers": a measure's comparative
			// names what it measures, as "how big" does.
			q.measured = ix.measuredBy(base)
		}
	}
	for i := 1; i < len(ws); i++ {
		if ws[i-1] == "how" && slices.Contains(measures, ws[i]) {
			form[i] = true // "how big is a model's vocabulary": the measure asked, a number
			q.measured = ix.measuredBy(ws[i])
			if ws[i] == "long" && slices.ContainsFunc(ws[i:], func(w string) bool { l := ix.lemma(w); return l == "take" || l == "last" }) {
				// "how long does it take", "how long the green lasts": a
				// time taken, not a length
				q.measured = append(q.measured, ix.stem.stem("time"))
			}
		}
		if slices.Contains(chatBefore[ws[i-1]], ws[i]) {
			form[i-1] = true // "hey guys quick q", "in simple words", "what does it talk about"
		}
		if j := whenToUse(ws, i-1); j >= 0 {
			form[j] = true // "when should i use few-shot": what it is best for, not how it is used
		}
	}
	place, at := textPlaceAsked(ws)
	q.place = place
	for _, marked := range []map[int]bool{
		gistOf(ws),            // "what is the main idea": a summary asked
		inTheEnd(ws),          // "so in the end, is it good or bad": a summing up asked
		claimChecked(ws),      // "is it true that ...": the claim is asked, not truth
		ix.mannerOfAsking(ws), // "give me the key differences quickly": how to answer, not what
		inventsFacts(ws),      // "invent fake details": making things up, a concern of the form
		speakerTag(raw, ws),   // "Teacher check: list the four ethical challenges": who asks, not what
		ix.askersPeople(ws),   // "my nan got a phone call": who the asker speaks of, not the topic
		lostOnMe(ws),          // "what are open weights? i not understand this word"
		at,                    // "in the closing part": where it is said, not what
	} {
		for i := range marked {
			form[i] = true
		}
	}
	ix.levels(ws, form)
	stop := func(w string) bool { return stopWords[w] && !ix.situated[w] }
	for i, w := range ws {
		if stop(w) || form[i] {
			q.words = append(q.words, w)
			continue
		}
		base, owned := strings.CutSuffix(w, "'s") // "the bot's reply"
		english := ix.lex.IsWord(base)
		if acronyms[base] && ix.df[ix.stem.stem(base)] == 0 {
			if term := ix.typedInitialism(base); term != nil {
				// "why did the FTC fine amazon": the articles' "Federal
				// Trade Commission", before any typo fix or lexicon sense
				for _, t := range term {
					q.words = append(q.words, t)
					cs = append(cs, content{t, true})
				}
				continue
			}
		}
		if !english && !isNumber(base) && ix.df[ix.stem.stem(base)] == 0 {
			if plain := ix.unstretch(base); plain != "" {
				w, english = plain, true // "slowww", "sooo long"
			} else if _, full := ix.unclip(base); full != "" {
				// "vocab" clips "vocabulary", though one edit makes "vocal".
				w, english = full, true
			} else if c, ok := ix.correct(base); ok && (ix.df[ix.stem.stem(c)] > 0 || !named[base] && !categorized(ws, i)) {
				w, english = c, true
				if rw := ix.gloss.apply([]string{c}); len(rw) == 1 && rw[0] != c {
					w, english = rw[0], ix.lex.IsWord(rw[0]) // "halucination" is the glossary's "hallucination", which is misinformation
				}
			} else if term := ix.initialism(base); term != nil {
				// "what is hft": the articles' "high-frequency trading"
				for _, t := range term {
					q.words = append(q.words, t)
					cs = append(cs, content{t, true})
				}
				continue
			}
			if english && owned {
				w += "'s"
			}
			if stop(w) {
				q.words = append(q.words, w)
				continue
			}
		}
		q.words = append(q.words, w)
		cs = append(cs, content{w, english})
	}
	quotedOnly := quotedWords(raw)
	seen := map[string]bool{}
	for _, c := range cs {
		t := qterm{word: c.word, term: ix.stem.stem(c.word), weight: ix.weight(c.word, c.english)}
		ownWord := false // the articles' word, read by the rules, not the lexicon
		if c.english && ix.names[t.term] && ix.inflected(c.word) {
			t.term = c.word // "llamas" are animals: the name "LLaMA" has no plural
		} else if ix.df[t.term] == 0 {
			if r := regular(c.word); ix.df[r] > 0 {
				t.term, ownWord = r, true // "what is a gan": the articles' "GANs", not a form of "gin"
			}
		}
		var clip string
		if c.english && t.term != "" && ix.df[t.term] == 0 {
			// A clipping is the word it clips ("temp"), and as common:
			// books rank a clipping rarer than its word. A word more
			// common than the article word it begins is a word of its
			// own ("copy" of "copyright"), perhaps meant for it.
			// An inflected word is no clipping: "cons" are cons, not
			// "considerations".
			var full string
			if clip, full = ix.unclip(c.word); !ix.inflected(c.word) && clip != "" && ix.weight(full, true) < t.weight && !ix.derived(c.word, full) {
				t.word, t.term, t.weight, clip = full, clip, ix.weight(full, true), ""
			}
		}
		if t.term == "" || seen[t.term] {
			continue
		}
		seen[t.term] = true
		t.cue = ix.cueKind(c.word) != kindNone
		switch {
		case ix.df[t.term] > 0:
			t.known = 1
			// Its relatives too, for the sections that say it otherwise
			// ("law" of a section on "legal" writing); not searched.
			if c.english && t.weight >= minExpandWeight && !ownWord && !ix.fieldInitialisms[t.term] && !quotedOnly[c.word] {
				t.syn, t.rel, _ = ix.relatedTerms(c.word)
				t.also = append(slices.Clip(t.syn), t.rel...)
			}
		case c.english && (t.weight >= minExpandWeight || clip != ""):
			// A common word has too many senses for its relatives to tell
			// which is meant ("run" is also a "range").
			t.syn, t.rel, t.def = ix.relatedTerms(c.word)
			if clip != "" && !slices.Contains(t.syn, clip) {
				t.syn = append(t.syn, clip)
			}
			switch {
			case len(t.syn) > 0:
				t.known = synonymKnown
			case len(t.rel) > 0:
				t.known = relatedKnown
			case len(t.def) > 0:
				t.known = definedKnown
			}
			t.also = append(slices.Clip(t.syn), t.rel...)
		}
		if owner, ok := strings.CutSuffix(c.word, "'s"); ok && t.known == 0 && !isNumber(owner) && t.weight >= anywhereWeight && !determined(q.words, c.word) {
			q.strangeOwner = true // a rare name, not "my friend's", "the bot's"
		}
		t.everywhere, t.fieldName, t.coined, t.held = ix.everywhere(t)
		q.terms = append(q.terms, t)
	}
	q.byWord = make(map[string]string, len(q.terms))
	for _, t := range q.terms {
		if _, ok := q.byWord[t.word]; !ok {
			q.byWord[t.word] = t.term // the first, as termOf's walk found
		}
	}
	q.kind = ix.questionKind(q.words, len(q.terms))
	if q.kind == kindNone {
		q.kind = ix.sentenceKind(sentences) // "LLM can do translate? What other jobs it can do?"
	}
	if q.kind == kindDefine && pointOfDoing(q.words) {
		q.kind = kindNone // "what's the point of telling the ai to pretend": why it is done, no definition
	}
	if q.kind != kindOutlook {
		for i, t := range q.terms {
			if slices.Contains(taskCues, ix.lemma(t.word)) || slices.Contains(taskCues, t.word) {
				q.terms[i].cue = false // "can llms summarize my notes": a task, not the kind asked
			}
		}
	}
	if (q.kind == kindNone || q.kind == kindMechanism) && ix.namesConcern(q.terms) && !(q.kind == kindMechanism && ix.namesWorkings(&q)) {
		// "why does fake news happen": a concern the articles list, asked
		// of, however it is asked; but "how do automatic captions work"
		// asks the section on how they work, though "Caption errors"
		// labels a concern.
		q.kind = kindConcerns
	}
	if q.kind == kindDiffer {
		for i, t := range q.terms {
			if ix.comparative([]string{t.word, "which"}) || countsAs(q.words, t.word) {
				q.terms[i].cue = true // "bigger" in "which one is bigger", "counts" in "counts as": the comparison's form
			}
		}
	}
	q.need = questionNeed(q.words)
	for _, sentence := range sentences[min(len(sentences), 1):] {
		if q.need != needNothing {
			break
		}
		// "thanks. when was it made?": a question word opens its own
		// sentence (read as typed: the first is the message's own start)
		q.need = questionNeed(words(sentence))
	}
	if q.need == needNothing && ix.ownerOfName(&q) {
		q.need = needAgent // "who owns github copilot": a company, not a right
	}
	q.superlatives = ix.superlatives(q.words)
	if q.need == needNothing && len(q.superlatives) > 0 {
		q.need = needRanking // "which is the newest llm": one picked out of many
	}
	if q.need == needNumber {
		q.counted = ix.counted(q.words, &q)
		q.costAsked = asksCost(q.words)
	}
	if q.need == needSteps && q.kind == kindMechanism && !procedure(q.words) {
		// "how does an llm work step by step" asks for the workings in
		// order, which a section on how it works gives; steps to follow
		// are asked by "how do i", "how to", "install".
		q.need = needNothing
	}
	q.examples = examples(q.words) || slices.ContainsFunc(q.words, func(w string) bool { return ix.renowned(q.words, w) })
	q.whole = ix.wholeAsked(q.words)
	for i := 0; i+1 < len(q.words); i++ {
		if w := q.words[i]; slices.Contains(categoryWords, w) && q.words[i+1] == "of" {
			q.asksKindOf = true
			for j := range q.terms {
				if q.terms[j].word == w {
					q.terms[j].cue = true // "sorts" in "what sorts of things": the question's form
				}
			}
		}
	}
	if q.kind == kindNone && ix.whichCompared(q.words) {
		q.kind = kindDiffer // "which temperature makes it repeat itself": one of the low and the high
	}
	q.cues = map[kind]bool{}
	for _, w := range q.words {
		q.cues[ix.cueKind(w)] = true
	}
	q.cues[kindUses] = q.cues[kindUses] || usesPhrase(q.words)
	if (q.kind == kindNone || q.kind == kindDefine) && ix.namesTwoSubjects(&q) && (q.kind == kindNone && slices.Contains(q.words, "or") || sorts(q.words)) {
		q.kind = kindDiffer // "is chatgpt genai or llm", "which apps are genai and which are llms"
	}
	// "each one", "the two" speak of the compared subjects as "it" does,
	// and "language models" names them though neither word would alone.
	q.aboutIt = pronounSubject(q.words) || pairNamed(q.words) || ix.namesTitlePhrase(q.words)
	if len(ix.tables) > 0 && namesTable(q.words) {
		// "where's the comparison table": the articles' own table, and
		// the difference it shows.
		q.aboutIt, q.tableNamed = true, true
		if q.kind == kindNone {
			q.kind = kindDiffer
		}
	}
	q.purpose = ix.asksPurpose(q.words) || len(sentences) > 1 && slices.ContainsFunc(sentences, func(s string) bool {
		return ix.asksPurpose(words(s)) // "what's each one basically for? like what job ..."
	})
	q.output = slices.ContainsFunc(q.words, func(w string) bool { return ix.formOf(w, outputWords) }) || comesOut(q.words)
	q.asksAbility = ix.asksAbility(q.words)
	ix.markForm(&q)
	q.focus = focus(q.terms) // of the words left when those of form are known
	ix.markOpenCompounds(&q)
	q.strangeName = ix.defined(&q) || ix.namesStranger(sentences, &q) || ix.otherField(&q) || ix.unexpanded(acronyms, q.words, sentences) || ix.strangeHead(&q) || ix.strangeAttribute(&q)
	q.production = asksProduction(q.words)
	switch q.need {
	case needNumber, needCapacity, needDate, needPlace:
		// "when was llama 3.1 released", "what country is deepseek
		// from": the fact must be said of the thing named.
		q.named = ix.namedIn(&q)
	}
	ranged := ix.asksRange(q.words, q.asksKindOf)
	q.extent = restricts(q.words) || q.kind == kindDiffer && ix.comparesExtent(q.words) || ranged
	if ranged && q.kind == kindNone {
		// "what kinds of stuff can genai make": what it makes is what it
		// is, as the section defining it says.
		q.kind = kindDefine
	}
	q.worker = ix.askedWorker(&q)
	q.procedure = ix.procedureVerb(&q)
	return q
}

// superlatives are the superlatives, "the" before an adjective's form the
// lexicon knows ("the newest", "the strongest"), that a which or what
// question picks one thing by: a ranking. A measure's ("the largest
// context window") asks its most, an amount, not a ranking; "the best
// known" is well known.
func (ix *Index) superlatives(ws []string) []string {
	if !slices.ContainsFunc(ws[:min(len(ws), 3)], func(w string) bool { return w == "which" || w == "what" || w == "whats" || w == "what's" }) {
		return nil
	}
	var out []string
	for i := range ws {
		if ix.superlativeAt(ws, i) {
			out = append(out, ws[i])
		}
	}
	return out
}

// saysSuperlative reports words that hold a superlative (see superlativeAt).
func (ix *Index) saysSuperlative(ws []string) bool {
	for i := range ws {
		if ix.superlativeAt(ws, i) {
			return true
		}
	}
	return false
}

// superlativeAt reports "the" before a superlative the lexicon knows as an
// adjective's form at ws[i], not a measure's nor "the best known".
func (ix *Index) superlativeAt(ws []string, i int) bool {
	w := ws[i]
	if i == 0 || ws[i-1] != "the" || !strings.HasSuffix(w, "est") || i+1 < len(ws) && ws[i+1] == "known" {
		return false
	}
	word, ok := ix.lex.Lookup(w)
	return ok && word.Lemma != w && !slices.Contains(measures, word.Lemma) && strings.HasPrefix(w, word.Lemma[:min(len(word.Lemma), len(w)-4)])
}

// whichCompared reports "which" or "what" before the word a table's
// compared subjects share: "which temperature" of "Low temperature" and
// "High temperature", "what temperature should i go for", "which model"
// of "Open Models" and "Closed Models", asks which of them.
func (ix *Index) whichCompared(ws []string) bool {
	i := slices.IndexFunc(ws, func(w string) bool { return w == "which" || w == "what" })
	if i < 0 || i+1 >= len(ws) {
		return false
	}
	return ix.shared[ix.stem.stem(ws[i+1])]
}

// markForm marks the terms that give the question its form, not its
// topic, once its kind and flags are read: they weigh nothing in its
// coverage.
func (ix *Index) markForm(q *question) {
	doing := capabilityVerb(q.words) // "handle" in "what can each one handle"
	var category []string            // "jobs" in "what jobs can llms do": what sort of thing is done
	if what, can := slices.Index(q.words, "what"), slices.Index(q.words, "can"); doing != "" && what >= 0 && what < can {
		category = q.words[what+1 : can]
	}
	for i, t := range q.terms {
		switch {
		case ix.modifiesCue(q.words, t.word):
			// "main" in "what's the main takeaway": the kind asked, stressed
		case ix.renowned(q.words, t.word):
			// "famous" in "some famous llms": the best known are asked, the articles' examples
		case q.kind == kindMechanism && t.known == 0 && ix.mechanismVerb(t.word):
			// "function" in "how does it function"
		case q.kind == kindConcerns && ix.handlingVerb(t.word):
			// "deal" in "how do we deal with the risks": the risks are asked
		case t.word == doing:
		case slices.Contains(category, t.word):
			q.category = append(q.category, t.term)
		case q.tableNamed && slices.Contains(tableWords, t.word):
			// the table asked for
		case q.whole && slices.Contains(wholeWords, t.word):
			// "everything" in "compare them across everything": how much is asked
		case ix.presents(q.words, t.word):
			// "summarise" in "can u summarise every way they differ": the reply's form asked
		case sideBySideWord(q.words, t.word) || pairWord(q.words, t.word):
			// "side" in "side by side", "two" in "the two": the compared, set beside each other
		case q.asksAbility && ix.makingVerb(t.word) && i+1 < len(q.terms):
			// "make" in "can llms make pictures": what is made is asked
		case q.need == needCapacity && slices.Contains([]string{"fit", "fits", "hold", "holds", "take", "takes"}, t.word):
			// "fits" in "how much text fits": the most is asked
		case ix.formOf(t.word, adviceVerbs) && slices.ContainsFunc(q.words, func(w string) bool { return slices.Contains(documentWords, w) }):
			// "recommend" in "what does the article recommend": what it says is asked
		case q.need == needRanking && ix.formOf(t.word, adviceVerbs):
			// "recommend" in "what temperature do you recommend for code": the best is asked
		case t.word == "wise" && ix.afterNoun(q.words, "wise"):
			// "privacy wise", "money-wise": what follows is asked in that respect
		case q.need == needNumber && (t.word == "numerical" || t.word == "numeric"):
			// "what numerical range": a number is asked
		case q.purpose && ix.formOf(t.word, purposeVerbs) && i > 0 && slices.ContainsFunc(q.words, func(w string) bool {
			j := slices.Index(q.words, w)
			return purposeIdiom(q.words, j) && j+2 < len(q.words) && q.words[j+2] == t.word
		}):
			// "accomplish" in "what are they meant to accomplish": the purpose is asked
		default:
			continue
		}
		q.terms[i].cue = true
	}
}

// namesConcern reports whether a telling word of the question labels an
// item of a section on concerns ("misinformation", "bias"), unless a
// title makes it a subject of the articles: in notes on bias and
// fairness, "how does bias get into training data" asks of the notes'
// subject, not of the built-in article's concerns.
func (ix *Index) namesConcern(terms []qterm) bool {
	return slices.ContainsFunc(terms, func(t qterm) bool {
		return !t.cue && t.weight >= minFocusWeight && ix.concernLabels[t.term] && !ix.anchors[t.term]
	})
}

// outputWords name what a model gives out, or its giving it: asked of
// a compared subject, they ask the feature of output.
var outputWords = []string{"answer", "reply", "response", "output", "say", "result"}

// sentenceKind is the kind the first of a message's sentences (parts) asks
// that asks one: a learner's "LLM use what model? Transformer only?" has
// its question word inside, where the whole message's form hides it.
func (ix *Index) sentenceKind(parts []string) kind {
	if len(parts) < 2 {
		return kindNone
	}
	for _, p := range parts {
		ws := ix.gloss.apply(words(p))
		if len(ws) < 2 {
			continue
		}
		if k := ix.questionKind(ws, len(ws)); k != kindNone {
			return k
		}
	}
	return kindNone
}

// questionEnd ends a sentence of a message.
var questionEnd = regexp.MustCompile(`[?!.:]+\s+`)

// adviceVerbs say what a text advises: "what does the reading recommend".
var adviceVerbs = []string{"recommend", "suggest", "advise", "propose", "argue", "claim", "conclude"}

// renownWords praise what they qualify as well known: "some famous llms"
// asks for the examples any overview names.
var renownWords = []string{"famous", "popular", "notable", "prominent", "leading", "renowned", "celebrated", "top", "mainstream", "well-known"}

// renowned reports whether w is one of renownWords qualifying a word the
// articles use ("famous large language models"), not a word of its own
// ("what made chatgpt famous").
func (ix *Index) renowned(ws []string, w string) bool {
	i := slices.Index(ws, w)
	if w == "known" && i > 0 && (ws[i-1] == "well" || ws[i-1] == "best") {
		w = "well-known" // "well known llms"
	}
	if !slices.Contains(renownWords, w) || i+1 >= len(ws) {
		return false
	}
	return ws[i+1] == "ones" || ws[i+1] == "one" || ix.df[ix.stem.stem(ws[i+1])] > 0 // "like the famous ones"
}

// stressWords stress the word after them: "the main takeaway", "the
// typical applications".
var stressWords = []string{"main", "key", "major", "primary", "biggest", "big", "core", "central", "overall", "typical", "usual"}

// modifiesCue reports whether w stresses the cue word after it: "main" in
// "the main takeaway", "key" in "the key risks", "biggest" in "the biggest
// difference", "typical" in "the typical applications of each".
func (ix *Index) modifiesCue(ws []string, w string) bool {
	if !slices.Contains(stressWords, w) {
		return false
	}
	i := slices.Index(ws, w)
	return i+1 < len(ws) && ix.cueKind(ws[i+1]) != kindNone
}

// measuredBy are the articles' terms the lexicon relates to a measure's
// adjective: what it measures ("size" of "big").
func (ix *Index) measuredBy(adjective string) []string {
	syn, rel, _ := ix.relatedTerms(adjective)
	return append(syn, rel...)
}

// measures follow "how" to ask an amount: "how big", "how long".
var measures = []string{"big", "long", "old", "often", "fast", "large", "far", "tall", "small"}

// lengthUnits measure a reply: "in 2 sentences", "in a few lines".
var lengthUnits = []string{"sentence", "sentences", "line", "lines", "paragraph", "paragraphs", "word", "words",
	"bullet", "bullets", "point", "points", "minute", "minutes", "seconds"}

// counts are words that count a length unit, besides numerals.
var counts = []string{"a", "one", "two", "three", "four", "five", "few", "couple", "single", "short"}

// replyLength marks the words that say how long the reply should be ("sum
// it up in 2 sentences", "explain in a few words") or ask for it to be
// explained ("break it down"): words of the reply's form, not of its topic.
func replyLength(ws []string) map[int]bool {
	form := map[int]bool{}
	for i := 1; i < len(ws); i++ {
		if !slices.Contains(lengthUnits, ws[i]) || !isNumber(ws[i-1]) && !slices.Contains(counts, ws[i-1]) {
			continue
		}
		form[i], form[i-1] = true, true
	}
	for i := 0; i+1 < len(ws); i++ {
		// "break down", "walk me through": phrasal verbs of explaining,
		// the request's form as "explain" is.
		b := i + 1
		if ws[b] == "me" || ws[b] == "us" {
			b++
		}
		if b < len(ws) && slices.Contains(explainingVerbs[ws[i]], ws[b]) {
			form[i], form[b] = true, true
		}
	}
	return form
}

// levels reads a phrasal verb of setting a level as the level it sets:
// "crank the temperature way up" is a high temperature, "turn it down" a
// low one. The verb becomes a word of form (marked in form), the particle
// "high" or "low" ("crank it too high" sets it so too); a middle level
// beside a low or a high is form too.
func (ix *Index) levels(ws []string, form map[int]bool) {
	if slices.Contains(ws, "low") || slices.Contains(ws, "high") {
		// "is 0.2 low or medium": the middle of the scale the question
		// names, as its ends are.
		for i, w := range ws {
			if slices.Contains(middleLevels, w) {
				form[i] = true
			}
		}
	}
	for j, p := range ws {
		if p != "up" && p != "down" && p != "high" && p != "low" {
			continue
		}
		set := false
		for i := max(0, j-levelReach); i < j; i++ {
			if ix.formOf(ws[i], levelVerbs) {
				form[i], set = true, true // "crank the randomness dial all the way up", "crank it too high": both set it
			}
		}
		if set && levelOf[p] != "" {
			ws[j] = levelOf[p]
		}
	}
}

// levelReach is how many words before its particle a level verb may stand.
const levelReach = 7

// levelVerbs set a level with "up" or "down": "crank it up", "dial it down";
// levelOf is the level each particle sets.
var (
	levelVerbs = []string{"crank", "turn", "dial", "bump", "jack", "ramp", "pump", "knock", "tone"}
	levelOf    = map[string]string{"up": "high", "down": "low"}
	// middleLevels lie between a low and a high.
	middleLevels = []string{"medium", "moderate", "mid", "middle", "intermediate", "average"}
)

// saysFor reports whether the numeral "4" at ws[i] is chat's "for": after
// a verb that takes "for" ("stand 4"), or before the words that follow a
// preposition ("4 me", "4 the test") after a common word, not a name's
// number ("is gpt 4 an llm"); a count is followed by what it counts.
func (ix *Index) saysFor(ws []string, i int) bool {
	if i == 0 {
		return false
	}
	if ix.formOf(ws[i-1], forVerbs) {
		return true
	}
	if _, common := ix.lex.Common(ws[i-1]); !common {
		return false
	}
	return i+1 < len(ws) && slices.Contains([]string{"me", "you", "u", "us", "them", "it", "this", "that", "the", "a", "an", "my", "your", "ur", "our", "their"}, ws[i+1])
}

// chatBefore are words that are chat or the asking itself before one of
// the words listed ("quick q", "in simple words", "talk about") and a
// teacher's content anywhere else ("quick to write", "simple tasks", "talk
// it through with the patient").
var chatBefore = map[string][]string{
	"quick":   {"q", "question", "questions", "qn", "one"},
	"simple":  {"words", "terms", "english", "language", "way", "explanation", "version", "explain"},
	"talk":    {"about"},
	"talks":   {"about"},
	"talked":  {"about"},
	"talking": {"about"},
	// "i keep hearing about transformers", "i heard about it": chat about
	// where the asker met the topic
	"hear":    {"about"},
	"heard":   {"about"},
	"hearing": {"about"},
	"keep":    {"hearing", "seeing", "reading"},
}

// comparingVerbs are the phrasal verbs of comparing, by verb and particle.
var comparingVerbs = map[string][]string{"stack": {"up"}, "measure": {"up"}}

// explainingVerbs are the phrasal verbs that ask for an explanation, by
// verb and particle.
var explainingVerbs = map[string][]string{
	"break": {"down"}, "walk": {"through"}, "go": {"over", "through"}, "run": {"through"},
	"spell": {"out"}, "lay": {"out"}, "fill": {"in"},
}

// focus is what a definition is asked of: the first content word that
// says something, not a possessor ("a model's vocabulary"), nor a vague
// word ("the point of an llm", "some popular llms"); else the rarest word.
func focus(terms []qterm) string {
	best, bestWeight := "", -1.0
	for _, t := range terms {
		if t.cue || strings.HasSuffix(t.word, "'s") {
			continue
		}
		if t.weight >= minFocusWeight {
			return t.term
		}
		if t.weight > bestWeight {
			best, bestWeight = t.term, t.weight
		}
	}
	return best
}

// pronounSubject reports a question that speaks of "it" or "they" ("does
// it ...", "how do they ...", "make it pick"), save an "it" of form, or of
// "this stuff", "these things".
func pronounSubject(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if (ws[i] == "this" || ws[i] == "these") && slices.Contains([]string{"stuff", "thing", "things", "tools", "tool"}, ws[i+1]) {
			return true // "the risks of this stuff", "do these things make stuff up"
		}
	}
	if slices.Contains(ws, "they're") || slices.Contains(ws, "theyre") {
		return true // "every way they're different"
	}
	for i := 0; i+1 < len(ws); i++ {
		if slices.Contains([]string{"the", "this", "that", "my", "your"}, ws[i]) && (ws[i+1] == "chatbot" || ws[i+1] == "bot") {
			return true // "why does the bot forget": a bot, asked of, is the model
		}
	}
	for i, w := range ws {
		// "does it just guess", "make it pick weirder words": asked of
		// this bot, "it" is the model. Not an "it" of form: "is it legal
		// to ...", "is it cheating if ...", "it is said that".
		if (w == "it" || w == "they") && (i == 0 || ws[i-1] != "is" && ws[i-1] != "was") && (i+1 == len(ws) || ws[i+1] != "is") {
			return true
		}
	}
	return false
}

// pointOfDoing reports "the point of" followed by a doing: "the point of
// telling it to pretend", not "the point of llms".
func pointOfDoing(ws []string) bool {
	for i := 0; i+2 < len(ws); i++ {
		if ws[i] == "point" && ws[i+1] == "of" && strings.HasSuffix(ws[i+2], "ing") && len(ws[i+2]) > 4 {
			return true
		}
	}
	return false
}

// namesTable reports whether ws speak of a table, not of a reply's form:
// "where's the comparison table", but not "give me the answer as a table".
func namesTable(ws []string) bool {
	for i, w := range ws {
		if !slices.Contains(tableWords, w) {
			continue
		}
		j := i - 1
		if j >= 0 && (ws[j] == "a" || ws[j] == "an") {
			j--
		}
		if j < 0 || !slices.Contains([]string{"as", "in", "into"}, ws[j]) {
			return true
		}
	}
	return false
}

// tableWords name a table.
var tableWords = []string{"table", "tables", "chart", "charts", "grid", "matrix"}

// wholeWords ask for all of something: "everything", "the whole thing".
var wholeWords = []string{"all", "every", "everything", "each", "whole", "full", "entire", "complete", "across", "thing", "things"}

// categoryWords ask for a category before "of": "what kind of", "what sorts of".
var categoryWords = []string{"kind", "kinds", "type", "types", "sort", "sorts"}

// countsAs reports whether w is "count" in "count as", "counts as".
func countsAs(ws []string, w string) bool {
	if w != "count" && w != "counts" && w != "counted" {
		return false
	}
	i := slices.Index(ws, w)
	return i >= 0 && i+1 < len(ws) && ws[i+1] == "as"
}

// unknownFocus reports whether the question's focus is a word that says
// something and that the articles know neither as such nor by a synonym.
func (q *question) unknownFocus() bool {
	for _, t := range q.terms {
		if t.term == q.focus {
			return t.known < synonymKnown && t.weight >= minFocusWeight // "gemini" is only related to "person"
		}
	}
	return false
}

// sorts reports a question that sorts things between two ("which ones are
// genai and which are llms"): "which" asked twice.
func sorts(ws []string) bool {
	n := 0
	for _, w := range ws {
		if w == "which" {
			n++
		}
	}
	return n >= 2
}

// pairsSubjects reports whether q sets two compared subjects of one table
// against each other, each by a word of its own, around "vs" or "versus"
// (which the glossary has read as "difference" in q.words): "rules vs
// machine learning" pairs Rule-Based Automation with Machine Learning
// Control, though "rule" is not the word that names the first alone.
func (ix *Index) pairsSubjects(q *question) bool {
	for i := 1; i+1 < len(q.words); i++ {
		if q.words[i] != "difference" {
			continue
		}
		before, after := q.termOf(q.words[i-1]), q.termOf(q.words[i+1])
		for _, t := range ix.tables {
			a := slices.IndexFunc(t.subjects, func(own []string) bool { return slices.Contains(own, before) })
			b := slices.IndexFunc(t.subjects, func(own []string) bool { return slices.Contains(own, after) })
			if a >= 0 && b >= 0 && a != b {
				return true
			}
		}
	}
	return false
}

// namesTwoSubjects reports whether q names two compared subjects of one table.
func (ix *Index) namesTwoSubjects(q *question) bool { return ix.mostSubjectsNamed(q) >= 2 }

// namesAnySubject reports whether q names a subject of any table.
func (ix *Index) namesAnySubject(q *question) bool { return ix.mostSubjectsNamed(q) >= 1 }

// mostSubjectsNamed is how many compared subjects q names of the table
// whose subjects it names most.
func (ix *Index) mostSubjectsNamed(q *question) int {
	most := 0
	for _, t := range ix.tables {
		n := 0
		for i := range t.keys {
			if t.names(q, i) {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// formOnly reports a question of form alone: its content words weigh
// less than minContent ("can u compare them side by side").
func (q *question) formOnly() bool {
	all := 0.0
	for _, t := range q.terms {
		if !t.cue {
			all += t.weight
		}
	}
	return all < minContent
}

// rareKnown reports a word of the articles rare in general English: a
// name ("chatgpt", "gans") or a term of the field.
func (t qterm) rareKnown() bool { return t.known == 1 && t.weight >= anywhereWeight }

// hasOwnTerm reports whether the question holds the analyzed term t itself.
func (q *question) hasOwnTerm(t string) bool {
	return slices.ContainsFunc(q.terms, func(qt qterm) bool { return qt.term == t })
}

// hasTerm reports whether the question holds the analyzed term t, itself
// or through a related word.
func (q *question) hasTerm(t string) bool {
	for _, qt := range q.terms {
		if qt.term == t || slices.Contains(qt.also, t) {
			return true
		}
	}
	return false
}

// otherField reports a definition asked within a field the articles never
// name: "what is a fair test in science class", "what is diffusion in
// science". The first word after "in" is one no article knows, so the
// sense asked is that field's. "in plain english", "in normal words" say
// how to explain it, not where.
func (ix *Index) otherField(q *question) bool {
	in := slices.Index(q.words, "in")
	if q.kind != kindDefine || in < 1 {
		return false
	}
	after := q.words[in+1:]
	if slices.ContainsFunc(after[:min(len(after), 4)], func(w string) bool { return slices.Contains(chatBefore["simple"], w) }) {
		return false
	}
	for _, w := range after {
		if stopWords[w] {
			continue
		}
		i := slices.IndexFunc(q.terms, func(t qterm) bool { return t.word == w })
		return i >= 0 && q.terms[i].known < synonymKnown && !q.terms[i].cue && q.terms[i].weight > minWeight
	}
	return false
}

// afterNoun reports whether w follows a noun in ws: the "-wise" of
// "privacy wise", "cost wise", not "a wise choice".
func (ix *Index) afterNoun(ws []string, w string) bool {
	i := slices.Index(ws, w)
	if i < 1 || stopWords[ws[i-1]] {
		return false
	}
	word, ok := ix.lex.Lookup(ws[i-1])
	return ok && strings.Contains(word.POS, "n")
}

// derived reports whether full, or its base form, is w itself or w with a
// suffix that makes a word of its own ("questions" is "quest" + "ion" +
// "s", "writing" "writ" + "ing", "driver" "drive" + "r"): a word and its
// derivative are two words, not a clipping and the word it clips.
func (ix *Index) derived(w, full string) bool {
	forms := []string{full}
	if word, ok := ix.lex.Lookup(full); ok && word.Lemma != full {
		forms = append(forms, word.Lemma)
	}
	return slices.ContainsFunc(forms, func(f string) bool {
		rest, ok := strings.CutPrefix(f, w)
		return ok && (rest == "" || slices.Contains(derivingSuffixes, rest))
	})
}

// derivingSuffixes make a word of another: "mess" + "age", "quest" + "ion".
var derivingSuffixes = []string{"age", "al", "ing", "ed", "er", "or", "ly", "y", "ful", "less", "ness", "ment", "ship",
	"ity", "ion", "tion", "ation", "ive", "ize", "ise", "ism", "ist", "able", "ible", "ance", "ence", "s", "es", "r", "d"}

// presentingVerbs ask the bot to set an answer out: said to it ("can u
// summarise", "list"), they are the reply's form; said of a subject ("can
// llms summarize my notes") a task.
var presentingVerbs = []string{"summarise", "summarize", "list", "outline", "recap", "describe", "explain", "tell", "show", "give", "break"}

// presents reports whether w asks the bot to set the answer out: a
// presenting verb that opens the question or follows "you" or "please".
func (ix *Index) presents(ws []string, w string) bool {
	if !slices.Contains(presentingVerbs, w) && !slices.Contains(presentingVerbs, ix.lemma(w)) {
		return false
	}
	ws = withoutFillers(ws)
	i := slices.Index(ws, w)
	return i == 0 || i > 0 && slices.Contains([]string{"you", "u", "pls", "please"}, ws[i-1])
}

// notFollowing are the words between "i" and "understand" or "get" when
// the asker does not follow: "i still dont get it", "i not understand".
var notFollowing = []string{"do", "dont", "don't", "not", "didnt", "didn't", "cant", "can't", "cannot", "really", "still"}

// followedWhat are the words that may close "i dont understand": "this
// word", "it", "that part".
var followedWhat = []string{"it", "this", "that", "the", "word", "term", "part", "bit", "one"}

// lostOnMe finds, at the end of a message, the asker saying they do not
// follow ("I not understand this word", "i dont get it"): chat about the
// asker, no content of the question. It returns the indexes of its words.
func lostOnMe(ws []string) map[int]bool {
	n := len(ws)
	for i := n - 1; i >= 0 && i >= n-6; i-- {
		if ws[i] != "i" {
			continue
		}
		j := i + 1
		for j < n && slices.Contains(notFollowing, ws[j]) {
			j++
		}
		if j == i+1 || j >= n || ws[j] != "understand" && ws[j] != "get" {
			continue
		}
		j++
		for j < n && slices.Contains(followedWhat, ws[j]) {
			j++
		}
		if j < n {
			continue
		}
		out := map[int]bool{}
		for k := i; k < n; k++ {
			out[k] = true
		}
		return out
	}
	return nil
}

// namesWorkings reports whether q names the whole topic of a section on
// how something works ("automatic captions" of "How Do Automatic Captions
// Work?").
func (ix *Index) namesWorkings(q *question) bool {
	for _, s := range ix.ofKind[kindMechanism] {
		if ix.namesTopic(q, s) {
			return true
		}
	}
	return false
}

// termOf is the analyzed term of one of q's content words as asked, or "".
func (q *question) termOf(w string) string { return q.byWord[w] }

// requestVerbs open a request to the bot: "give me", "list", "explain".
var requestVerbs = []string{"give", "list", "show", "tell", "explain", "summarize", "summarise", "compare", "describe", "define", "name", "display"}

// mannerOfAsking finds an adverb, or "fast", that says how the asker
// wants the answer: at the end of a request ("give me the key
// differences quickly", "list them fast") or opening a question
// ("quickly, what are the differences"). It returns the word's index.
func (ix *Index) mannerOfAsking(ws []string) map[int]bool {
	manner := func(w string) bool {
		if w == "fast" || w == "quick" || w == "asap" {
			return true
		}
		word, ok := ix.lex.Lookup(w)
		return ok && word.OnlyAdverb() && strings.HasSuffix(w, "ly")
	}
	out := map[int]bool{}
	rest := withoutFillers(ws)
	requests := len(rest) > 0 && slices.Contains(requestVerbs, rest[0]) ||
		len(rest) > 1 && (rest[0] == "can" || rest[0] == "could") && (rest[1] == "you" || rest[1] == "u")
	if last := len(ws) - 1; requests && last > 0 && manner(ws[last]) {
		out[last] = true
	}
	if len(ws) > 1 && manner(ws[0]) && slices.Contains([]string{"what", "whats", "how", "why", "which", "who", "is", "are", "can", "does", "do"}, ws[1]) {
		out[0] = true
	}
	return out
}

// comesOut reports a phrasal verb of giving out, or of how what is given
// out looks: "what does the text come out like", "what it spits out",
// "how does it turn out", "what does the writing look like".
func comesOut(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if (ws[i] == "look" || ws[i] == "looks") && (ws[i+1] == "like" || ws[i+1] == "different") {
			return true // "what does the text look like", "how would it look different"
		}
		if ws[i+1] == "out" && slices.Contains([]string{"come", "comes", "came", "coming", "turn", "turns", "turned", "spit", "spits", "spat", "churn", "churns", "pump", "pumps", "put", "puts"}, ws[i]) {
			return true
		}
	}
	return false
}

// kinConcepts are what the lexicon relates the asker's family and
// friends to: "cousin" is a relative, "nan" a grandparent, "mum" a mother.
var kinConcepts = []string{"relative", "relation", "parent", "mother", "father", "grandparent", "sibling", "kinsman", "kinswoman", "friend", "classmate", "teacher"}

// askersPeople finds the people of the asker's own life it speaks of ("my
// nan", "my cousin's accent", "my teacher"): the asker's situation, not the
// topic, unless the articles use the word. It returns their indexes.
func (ix *Index) askersPeople(ws []string) map[int]bool {
	out := map[int]bool{}
	for i := 1; i < len(ws); i++ {
		if ws[i-1] != "my" && ws[i-1] != "our" {
			continue
		}
		w, _ := strings.CutSuffix(ws[i], "'s")
		l := ix.lemma(w)
		if ix.df[ix.stem.stem(w)] > 0 || stopWords[w] {
			continue
		}
		syn, oth := ix.lex.Related(l)
		if slices.Contains(kinConcepts, l) || slices.ContainsFunc(kinConcepts, func(c string) bool { return slices.Contains(syn, c) || slices.Contains(oth, c) }) {
			out[i] = true
		}
	}
	return out
}

// quotedRE finds a span in quotation marks: "'Dear Customer'".
var quotedRE = regexp.MustCompile(`(?:^|\s)['"“‘]([^'"”’]+)['"”’](?:[\s.,!?;:]|$)`)

// quotedWords are the words a message says only inside quotation marks:
// quoted from something, they are that text's words, and mean what they
// say there, not their relatives ("'Dear Customer'" is no cost).
func quotedWords(raw string) map[string]bool {
	if !strings.ContainsAny(raw, `'"“‘`) {
		return nil
	}
	m := quotedRE.FindAllStringSubmatchIndex(raw, -1)
	if m == nil {
		return nil
	}
	in, out := map[string]bool{}, raw
	for i := len(m) - 1; i >= 0; i-- {
		for _, w := range words(raw[m[i][2]:m[i][3]]) {
			in[w] = true
		}
		out = out[:m[i][2]] + " " + out[m[i][3]:]
	}
	for _, w := range words(out) {
		delete(in, w)
	}
	return in
}

// tagWords may label who asks, or why, before a colon: "Teacher check:",
// "TA here:", "Quick q:".
var tagWords = []string{"teacher", "ta", "student", "students", "prof", "professor", "miss", "sir", "check", "test", "quick"}

// speakerTag finds the label that opens a message before a colon, when
// each of its words is a word of asking or a tagWord ("Teacher check: list
// the four ethical challenges"): the asker's, not the topic's. It returns
// the indexes of its words in ws.
func speakerTag(raw string, ws []string) map[int]bool {
	label, _, ok := strings.Cut(raw, ":")
	if !ok {
		return nil
	}
	lw := words(label)
	if len(lw) == 0 || len(lw) > 4 || len(lw) >= len(ws) || !slices.Equal(ws[:len(lw)], lw) {
		return nil
	}
	out := map[int]bool{}
	for i, w := range lw {
		if !stopWords[w] && !slices.Contains(tagWords, w) {
			return nil
		}
		out[i] = true
	}
	return out
}

// claimChecked finds "is it true", "is that right", "is it really true"
// ("is it true the computer never needs breaks"): the asker checks a
// claim, whose words are the question. It returns the index of "true" or
// "right".
func claimChecked(ws []string) map[int]bool {
	for i := 2; i < len(ws); i++ {
		if ws[i] != "true" && (ws[i] != "right" || i+1 < len(ws) && ws[i+1] == "to") {
			continue // "is it right to use ai for homework" asks what is right
		}
		j := i - 1
		if ws[j] == "really" || ws[j] == "actually" {
			j--
		}
		if j >= 1 && ws[j-1] == "is" && (ws[j] == "it" || ws[j] == "that" || ws[j] == "this") {
			return map[int]bool{i: true}
		}
	}
	return nil
}
