package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What a question asks that the articles cannot answer however well its
// words match: a thing they never name, something belonging to a stranger,
// a product's maker, or something the bot would have to make. Each is read
// at parse: a flag that ask declines on, or (a product's maker) an answer
// type no section holds.

// determined reports whether w follows a determiner ("the bot's reply"):
// a common noun, not a name.
func determined(ws []string, w string) bool {
	i := slices.Index(ws, w)
	return i > 0 && slices.Contains([]string{"the", "a", "an", "my", "your", "our", "their", "his", "her", "this", "that", "its"}, ws[i-1])
}

// ownerOfName reports "who owns X", X a name the articles use ("github
// copilot"): asked of a product, owning is being its maker's; asked of a
// work ("who owns ai art"), it is a right.
func (ix *Index) ownerOfName(q *question) bool {
	v := whoOwns(q.words)
	if v < 0 {
		return false
	}
	o := v + 1
	if o < len(q.words) && (q.words[o] == "the" || q.words[o] == "a") {
		o++
	}
	return o < len(q.words) && slices.ContainsFunc(q.terms, func(t qterm) bool {
		return t.word == q.words[o] && t.rareKnown()
	})
}

// defined reports whether the phrase a "what is" question asks of holds a
// rare word the articles never use: "what's google gemini" is asked of
// Gemini, whatever the articles say of Google, and "what is the context
// window of gpt-4o" of GPT-4o, whatever they say of context windows.
func (ix *Index) defined(q *question) bool {
	start := -1
	for i, w := range q.words {
		switch {
		case (w == "whats" || w == "what's") && i < 3:
			start = i + 1
		case w == "what" && i < 3 && i+1 < len(q.words) && slices.Contains([]string{"is", "are", "'s"}, q.words[i+1]):
			start = i + 2
		}
		if start >= 0 {
			break
		}
	}
	if start < 0 {
		return false
	}
	for _, w := range q.words[start:] {
		if w == "a" || w == "an" || w == "the" {
			continue
		}
		if w == "of" {
			continue // "what is the context window of gpt-4o" is asked of GPT-4o too
		}
		if stopWords[w] {
			break // the phrase ends: "and how does it compare"
		}
		if ix.inflected(w) {
			continue // "whats riskier": a comparison, not a name
		}
		if slices.ContainsFunc(q.terms, func(t qterm) bool {
			return t.word == w && !t.cue && t.known < synonymKnown && t.weight >= anywhereWeight
		}) {
			return true
		}
	}
	return false
}

// accountWords are what a request may ask the bot to give that is an
// account of its sources: "give me the table", "make me a summary".
var accountWords = slices.Concat(accounts, []string{"example", "examples", "list", "answer",
	"quick", "short", "simple", "brief", "few", "some", "the", "more", "an", "couple", "bunch", "handful", "side"})

// asksProduction reports a request that opens with a verb of making for
// the asker ("write me", "give me a", "make me a") and asks for something
// that is no account of the articles.
func asksProduction(ws []string) bool {
	ws = withoutFillers(ws)
	switch {
	case len(ws) > 1 && (ws[0] == "can" || ws[0] == "could") && (ws[1] == "you" || ws[1] == "u"):
		ws = ws[2:] // "can you write me a poem"
	case len(ws) > 0 && (ws[0] == "please" || ws[0] == "pls"):
		ws = ws[1:]
	}
	if len(ws) < 3 || !slices.Contains([]string{"write", "give", "make", "generate", "create", "draw", "compose"}, ws[0]) {
		return false
	}
	obj := ws[1:]
	if obj[0] == "me" || obj[0] == "us" {
		obj = obj[1:]
	}
	if len(obj) == 0 || obj[0] != "a" && obj[0] != "an" && obj[0] != "my" {
		return false // "give examples", "give me the table": not a thing made
	}
	for _, w := range obj[1:min(len(obj), 6)] {
		if slices.Contains(accountWords, w) {
			return false
		}
	}
	return true
}

// namesStranger reports whether the question names, in capitals, a name
// the articles never use that says something (not a common word: "my
// English essay"): "What does the EU AI Act say", "is Stable Diffusion
// free". A capital opening a sentence is no name; an acronym is, and so
// is a word in mixed case ("LoRA vs full finetuning"), wherever it
// stands; a name narrowing what "which" asks for is not what is asked of
// (see qualifiesAsked).
func (ix *Index) namesStranger(sentences []string, q *question) bool {
	for _, sentence := range sentences {
		fields := strings.Fields(sentence)
		for i, f := range fields {
			w, upper := capitalized(f)
			mixed := mixedCase(w)
			if !upper && !mixed || i == 0 && !allCaps(w) && !mixed || w == "I" {
				continue
			}
			if ix.qualifiesAsked(fields, i, q) {
				continue
			}
			lower := strings.ToLower(w)
			if slices.ContainsFunc(q.terms, func(t qterm) bool {
				return t.word == lower && !t.cue && t.known < synonymKnown && t.weight >= minFocusWeight
			}) {
				return true
			}
		}
	}
	return false
}

// strangeHead reports a question of what a phrase is, or how it works,
// whose last word, the thing itself, the articles never use, though they
// use the words before it: "what is a large language school" asks of a
// school, "how do language schools work" of schools; or of two nouns
// whose first, no adjective, the articles never use ("what is a blood
// bank"). A phrase opening with an -ing word is that doing, said of its
// object: "how does mining cryptocurrency work" asks of the mining.
func (ix *Index) strangeHead(q *question) bool {
	ws := withoutFillers(q.words)
	var phrase []string
	switch {
	case len(ws) > 2 && ws[0] == "what" && (ws[1] == "is" || ws[1] == "are"):
		phrase = ws[2:]
	case len(ws) > 1 && (ws[0] == "whats" || ws[0] == "what's"):
		phrase = ws[1:]
	case len(ws) > 3 && ws[0] == "how" && (ws[1] == "do" || ws[1] == "does") && ws[len(ws)-1] == "work":
		phrase = ws[2 : len(ws)-1]
	default:
		return false
	}
	if len(phrase) > 0 && (phrase[0] == "a" || phrase[0] == "an" || phrase[0] == "the") {
		phrase = phrase[1:]
	}
	if len(phrase) < 2 || slices.ContainsFunc(phrase, func(w string) bool { return stopWords[w] }) {
		return false
	}
	head := phrase[len(phrase)-1]
	gerund := false
	if w, ok := ix.lex.Lookup(phrase[0]); ok && w.Lemma != "" && strings.HasSuffix(phrase[0], "ing") && len(phrase[0]) > 5 {
		head, gerund = phrase[0], true // "how does mining cryptocurrency work": the mining works, what is mined does not
	}
	i := slices.IndexFunc(q.terms, func(t qterm) bool { return t.word == head })
	if i < 0 {
		return false
	}
	h := q.terms[i]
	pos, _ := ix.partsOfSpeech(head)
	if l := ix.lemma(head); !gerund && (!strings.Contains(pos, "n") || l != head && head != l+"s" && head != l+"es") {
		return false // a noun or its plural, not "called" in "what is googles llm called"
	}
	if !gerund && len(phrase) == 2 && h.known == 1 {
		// "what is a blood bank": a kind of thing named by a noun the
		// articles never use is another thing than theirs.
		mod := phrase[0]
		mpos, _ := ix.partsOfSpeech(mod)
		if i := slices.IndexFunc(q.terms, func(t qterm) bool { return t.word == mod }); i >= 0 && q.terms[i].known == 0 && !q.terms[i].cue &&
			strings.Contains(mpos, "n") && !strings.Contains(mpos, "a") {
			return true
		}
	}
	return !h.cue && h.known < synonymKnown &&
		slices.ContainsFunc(q.terms, func(t qterm) bool { return t.word != head && t.known == 1 })
}

// capitalized is a whitespace-separated field of text without the
// punctuation around it, and whether it opens with a capital.
func capitalized(field string) (string, bool) {
	w := strings.Trim(field, ".,;:!?\"'()[]")
	r, _ := utf8.DecodeRuneInString(w)
	return w, unicode.IsUpper(r)
}

// allCaps reports an acronym: "EU", "RLHF".
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// asksOfBot reports a question about the bot itself rather than the
// articles: a call for help alone ("help", "help me pls"), a question whose
// only content is the bot pointed at ("what is this bot"), or one asking
// what "you" are, know or can do with nothing else named ("what can you
// do", "who are you"; not "can you compare them", "can you define it").
func asksOfBot(q *question) bool {
	ws := withoutFillers(q.words)
	switch {
	case len(ws) == 0:
		return false
	case ws[0] == "help" && len(q.terms) == 1 && q.terms[0].word == "help":
		return true
	case len(q.terms) == 1 && (q.terms[0].word == "bot" || q.terms[0].word == "chatbot") && (slices.Contains(ws, "this") || len(ws) == 1 && len(q.words) > 1):
		return true // "what is this bot", "hey bot": the bot addressed
	case !q.formOnly() || q.tableNamed || q.whole || q.examples:
		return false
	}
	wh := ws[0] == "what" || ws[0] == "who" || ws[0] == "whats" || ws[0] == "what's"
	// "you" asked of, after its verb ("can you", "are you"); "what you
	// can do" is a clause about anyone.
	verb := slices.IndexFunc(ws, func(w string) bool { return slices.Contains(youVerbs, w) })
	you := slices.IndexFunc(ws, func(w string) bool { return w == "you" || w == "u" })
	pointed := slices.ContainsFunc(ws, func(w string) bool {
		return slices.Contains([]string{"it", "them", "this", "that", "these", "those"}, w)
	})
	return wh && verb >= 0 && you > verb && !pointed
}

// youVerbs come before "you" when the bot is asked of: "can you", "are
// you", "do you".
var youVerbs = []string{"can", "could", "do", "are", "will", "would"}

// qualifiesAsked reports a name that narrows the thing a "which" or "what"
// asks for ("which Hollywood actor", "what British company"): the thing,
// a lowercase word the articles use, is what is asked, not the name.
func (ix *Index) qualifiesAsked(fields []string, i int, q *question) bool {
	if i == 0 || i+1 >= len(fields) {
		return false
	}
	before := strings.ToLower(strings.Trim(fields[i-1], ",.;:!?\"'"))
	next, upper := capitalized(fields[i+1])
	if before != "which" && before != "what" || upper || next == "" {
		return false
	}
	next = strings.ToLower(next)
	return slices.ContainsFunc(q.terms, func(t qterm) bool { return t.word == next && t.known == 1 })
}

// strangeAttribute reports a question of what something's X is ("what is
// the population of pittsburgh", "what's the weight of a furby") whose X,
// the noun before "of", the articles never use, nor a word akin to it:
// what is asked is not there, whatever they say of the thing it is asked
// of. An idiom of purpose is no such X ("what's the point of an llm" asks
// what it is for).
func (ix *Index) strangeAttribute(q *question) bool {
	ws := withoutFillers(q.words)
	var rest []string
	switch {
	case len(ws) > 3 && ws[0] == "what" && slices.Contains([]string{"is", "are", "was", "were"}, ws[1]):
		rest = ws[2:]
	case len(ws) > 2 && (ws[0] == "whats" || ws[0] == "what's"):
		rest = ws[1:]
	default:
		return false
	}
	if rest[0] != "the" {
		return false
	}
	of := slices.Index(rest, "of")
	if of < 2 || of+1 >= len(rest) || slices.ContainsFunc(rest[1:of], func(w string) bool { return stopWords[w] }) {
		return false
	}
	head := rest[of-1]
	i := slices.IndexFunc(q.terms, func(t qterm) bool { return t.word == head })
	if i < 0 {
		return false
	}
	h := q.terms[i]
	pos, _ := ix.partsOfSpeech(head)
	return !h.cue && h.known == 0 && strings.Contains(pos, "n") && !q.purpose
}
