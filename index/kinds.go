package index

import (
	"slices"
	"strings"
)

// kind is what a question asks for, read from its form, and what a section
// offers, read from its heading's own words and form. A section of the
// question's kind is the better answer among those that match its words:
// "how does a model generate text" wants "How Do LLMs Work", not the
// definition that also says "generate".
//
// The cue words are general English, not this article's headings, so a
// teacher's "How Temperature Works" or "Risks of Chatbots" is recognised
// with no new code.
type kind uint8

const (
	kindNone      kind = iota
	kindDefine         // what is X, define, meaning, stands for, a bare "llm"
	kindDiffer         // vs, differ, compare, same thing, broader, is X a Y
	kindMechanism      // how does X work, generate, learn
	kindUses           // used for, use cases, applications, in real life
	kindConcerns       // risks, bias, ethics, problems, challenges
	kindOutlook        // future, summary, tldr, in short, conclusion
	kindOverview       // what is this about: the introduction
	kindTopic          // a section headed by a bare topic ("Tokens"): answers definitions of it
)

var kindNames = [...]string{"none", "define", "differ", "mechanism", "uses", "concerns", "outlook", "overview", "topic"}

func (k kind) String() string { return kindNames[k] }

// cues are the base forms (as the lexicon gives them) that mark each kind in
// a question or a heading.
var cues = map[kind][]string{
	kindDefine: {"mean", "meaning", "definition", "define", "stand", "acronym", "abbreviation", "explain",
		"describe", "tell"},
	kindDiffer: {"difference", "differ", "different", "distinguish", "distinction", "compare", "comparison",
		"contrast", "versus", "vs", "same", "similar", "alike", "relationship", "relation", "relate", "subset",
		"belong", "overlap", "identical", "equivalent", "between", "diff", "similarity"},
	kindMechanism: {"mechanism", "process", "hood", "behind", "internals", "inner", "workings", "architecture",
		"technology", "algorithm", "step", "stage", "phase", "happen", "reason"},
	// "use" alone is not a cue: "which technology do llms use" asks a
	// difference; usesPhrase catches "used for", "use cases", "uses of".
	kindUses: {"usage", "application", "apply", "useful", "practice", "industry", "irl", "benefit"},
	kindConcerns: {"risk", "danger", "dangerous", "problem", "concern", "challenge", "issue", "ethic",
		"ethical", "ethics", "moral", "harm", "harmful", "threat", "downside", "drawback", "disadvantage",
		"limitation", "worry", "safe", "safety", "con", "misuse", "fear", "scary", "consideration", "wrong",
		"trust", "trustworthy", "reliable", "accurate", "accuracy", "mistake", "error", "lie", "bad", "weak", "weakness"},
	kindOutlook: {"future", "tldr", "tl", "dr", "summary", "summarize", "summarise", "sum", "conclusion",
		"conclude", "takeaway", "recap", "gist", "nutshell", "short", "outlook", "ahead", "overall", "final"},
	kindOverview: {"overview", "introduction", "intro", "about"},
}

// mechanismVerbs follow "how" in a question about how something works.
var mechanismVerbs = []string{"work", "function", "operate", "learn", "train", "generate", "produce", "create",
	"make", "write", "predict", "process", "run", "think", "sound", "come", "respond", "answer", "build",
	"finetune", "pretrain", "tune", "improve", "become",
	// what a mind does: "how does chatgpt know what to say", "how does it
	// pick the next word"
	"know", "understand", "decide", "choose", "pick", "guess", "read", "remember", "figure", "reply"}

// handlingVerbs act on a concern: "how do we deal with the risks" asks of
// the risks.
var handlingVerbs = []string{"deal", "cope", "handle", "manage", "tackle", "address", "fix", "solve", "mitigate",
	"prevent", "avoid", "reduce", "combat", "fight", "stop", "overcome", "minimize", "minimise"}

// handlingVerb reports whether w is a form of one of handlingVerbs.
func (ix *Index) handlingVerb(w string) bool { return slices.Contains(handlingVerbs, ix.lemma(w)) }

// cueKinds maps each cue word to its kind, in the precedence cueKind
// applies when a word is a cue of several.
var cueKinds = func() map[string]kind {
	m := map[string]kind{}
	for _, k := range []kind{kindOverview, kindDefine, kindMechanism, kindUses, kindOutlook, kindConcerns, kindDiffer} {
		for _, w := range cues[k] {
			m[w] = k // later kinds win: differ over concerns over outlook ...
		}
	}
	return m
}()

// mechanismVerb reports whether w is a form of one of mechanismVerbs.
func (ix *Index) mechanismVerb(w string) bool { return ix.formOf(w, mechanismVerbs) }

// lemma is w's base form as the lexicon gives it, or w.
func (ix *Index) lemma(w string) string {
	if v, ok := ix.lemmas.m.Load(w); ok {
		return v.(string)
	}
	l := w
	if word, ok := ix.lex.Lookup(w); ok {
		l = word.Lemma
	}
	if ix.lemmas.n.Load() < maxCachedStems {
		if _, loaded := ix.lemmas.m.LoadOrStore(w, l); !loaded {
			ix.lemmas.n.Add(1)
		}
	}
	return l
}

// formOf reports whether w is one of set, or a form of one: by the
// lexicon's lemma or by a regular suffix ("works" and "turning": WordNet
// lists them as nouns of their own, a factory and a bend).
func (ix *Index) formOf(w string, set []string) bool {
	return slices.Contains(set, w) || slices.Contains(set, ix.lemma(w)) ||
		slices.ContainsFunc(baseForms(w), func(b string) bool { return slices.Contains(set, b) })
}

// cueKind is the kind a word marks, itself or by its base form.
func (ix *Index) cueKind(w string) kind {
	if k, ok := cueKinds[w]; ok {
		return k
	}
	if v, ok := sharedCues.m.Load(w); ok {
		return v.(kind)
	}
	k := ix.baseCueKind(w)
	if sharedCues.n.Load() < maxCachedStems {
		if _, loaded := sharedCues.m.LoadOrStore(w, k); !loaded {
			sharedCues.n.Add(1)
		}
	}
	return k
}

// sharedCues remembers the kinds of words that are no cue themselves,
// found through their base forms (a lexicon search each).
var sharedCues = &stemCache{}

func (ix *Index) baseCueKind(w string) kind {
	if word, ok := ix.lex.Lookup(w); ok && word.Lemma != w {
		return cueKinds[word.Lemma]
	}
	for _, b := range baseForms(w) { // "steps" is a lemma of its own in WordNet
		if k, ok := cueKinds[b]; ok && ix.lex.IsWord(b) {
			return k
		}
	}
	return kindNone
}

// questionKind reads what a question asks from its words (stop words
// included, after typo correction). Precedence follows specificity: "what
// is the difference" asks a difference, "what are the risks" concerns.
func (ix *Index) questionKind(ws []string, content int) kind {
	ws = withoutFillers(ws)
	has := map[kind]bool{}
	for i, w := range ws {
		k := ix.cueKindAt(ws, i)
		switch {
		case k == kindDefine && slices.Contains(imperatives, w) && i > 0:
			continue // "can i trust everything it tells me" asks no definition
		case k == kindMechanism && w == "happened":
			continue // "what happened with amazon's hiring ai" asks what took place, not how something works
		case k == kindDefine && purposeIdiom(ws, i):
			continue // "what are they meant to do" asks a purpose
		case k == kindOutlook && slices.Contains(taskCues, w) && (content > taskWords(ws) || asksOfOther(ws)) && !aboutArticle(ws):
			continue // "can llms summarize my readings" asks a use
		case k == kindConcerns && (w == "worse" || w == "worst"):
			continue // "which is worse" compares; "what's bad about it" asks its downsides
		case w == "short" && i+1 < len(ws) && ix.cueKind(ws[i+1]) == kindDefine:
			continue // "a short definition" says how long the definition is
		}
		has[k] = true
	}
	// The question word opens the question, after a few words of chat at
	// most ("ok so how do"): "will ai change how we work" asks no mechanism.
	opener := func(words ...string) int {
		for i := range min(len(ws), 3) {
			if slices.Contains(words, ws[i]) {
				return i
			}
		}
		return -1
	}
	how, why, what := opener("how"), opener("why"), opener("what", "whats", "what's")
	if how < 0 && len(ws) > 0 && slices.Contains(imperatives, ws[0]) {
		how = slices.Index(ws, "how") // "explain like i'm 5 how an llm picks the next word"
	}
	after := func(i int) []string {
		if i < 0 {
			return nil
		}
		return ws[i+1:]
	}
	// "how can a team make sure the data is right" asks no working.
	mechanismVerb := func(rest []string) bool {
		for i, w := range rest {
			if ix.mechanismVerb(w) && !makesSure(rest, i) {
				return true
			}
		}
		return false
	}
	switch {
	case why >= 0 && slices.ContainsFunc(ws[why:], func(w string) bool { return slices.Contains(importanceCues, w) }),
		why >= 0 && (has[kindDiffer] || mixesUp(ws)) && why+2 < len(ws) && slices.Contains(people, ws[why+2]):
		// "why should i care about llms", "why do people mix them up":
		// why the subject matters, the introduction's job.
		return kindOverview
	case has[kindDiffer] || ix.comparative(ws) || categorizes(ws) || whichOne(ws) || restricts(ws) || contrastsAbility(ws) || mixesUp(ws) || sideBySide(ws) || inCommon(ws):
		return kindDiffer
	case has[kindConcerns] || cannotDo(ws) || asksRights(ws) || ix.fabricates(ws) || ix.troubledAbout(ws):
		return kindConcerns
	case has[kindOutlook] || willChange(ws) || whatsNext(ws) || content == 0 && len(gistOf(ws)) > 0 || len(inTheEnd(ws)) > 0:
		return kindOutlook
	case how >= 0 && how+1 < len(ws) && slices.Contains(quantityWords, ws[how+1]):
		// "how much text": a quantity, not a mechanism.
	case how >= 0 && (usesPhrase(ws[how:]) || slices.Contains(ws[how:], "used") || slices.ContainsFunc(ws[how:], func(w string) bool {
		return ix.cueKind(w) == kindUses
	}) || ix.usedBy(ws[how:])):
		return kindUses // "how is ai used in fashion", "how do programmers use language models"
	case how >= 0 && ix.helps(after(how)):
		return kindUses // "how is ai helping make new medicines": what it is put to, not how it makes
	case mechanismVerb(after(how)) || mechanismVerb(after(why)) || what >= 0 && slices.Contains(after(what), "happens"),
		how >= 0 && getsGood(after(how)):
		return kindMechanism // "how does it work", "why does it sound human", "what happens when", "how does it get good at"
	case has[kindMechanism], ix.madeFit(ws):
		return kindMechanism // "can an llm be customized for legal writing": how it is made fit
	case has[kindUses] || usesPhrase(ws) || opener("who") >= 0 && slices.ContainsFunc(ws, func(w string) bool { return w == "use" || w == "uses" || w == "using" }),
		what >= 0 && capability(ws[what:]), ix.usedBy(ws):
		return kindUses
	case has[kindOverview] && content == 0:
		return kindOverview
	case has[kindDefine] || examples(ws):
		return kindDefine
	case what >= 0 && slices.ContainsFunc(ws[what+1:min(len(ws), what+3)], func(w string) bool {
		return slices.Contains([]string{"is", "are", "was", "were", "'s", "s"}, w)
	}) && !slices.ContainsFunc(ws[what+1:min(len(ws), what+5)], func(w string) bool { return w == "ways" || w == "way" }):
		// "what is", "what exactly is"; "what are good ways to use ai for
		// homework" asks ways of doing something, no definition
		return kindDefine
	case what >= 0 && ws[what] != "what":
		return kindDefine // "whats an llm"
	case content > 0 && content <= maxBareWords && !slices.ContainsFunc(ws, func(w string) bool { return stopWords[w] }):
		return kindDefine // a topic typed alone: "llm", "job displacement"
	}
	return kindNone
}

// cueKindAt is the kind the word at ws[i] marks, read with its
// neighbours where one word has two senses: "short" asks a summary only as
// "in short" or before a summary's noun, and "falls short", "a short
// story" mark none.
func (ix *Index) cueKindAt(ws []string, i int) kind {
	if ws[i] == "short" && !summaryShort(ws, i) {
		return kindNone
	}
	return ix.cueKind(ws[i])
}

// summaryShort reports whether "short" at ws[i] asks a summary: "in
// short", "the short version", "short answer"; not "falls short", "so
// short", "a short story".
func summaryShort(ws []string, i int) bool {
	return i > 0 && ws[i-1] == "in" || i+1 < len(ws) && slices.Contains(summaryNouns, ws[i+1])
}

// summaryNouns, after "short", name a summary: "the short version".
var summaryNouns = []string{"version", "summary", "answer", "explanation", "overview", "recap", "take"}

// quantityWords after "how" ask an amount: "how much text", "How Much
// Does Each Answer Cost?" ask no mechanism.
var quantityWords = []string{"much", "many", "long", "old", "big", "often"}

// gistWords, after "main", "key", "central" or "big", name what a
// summary gives: "the main idea", "key points", "the big picture".
var gistWords = []string{"idea", "ideas", "point", "points", "message", "messages", "takeaway", "takeaways", "picture", "theme", "themes"}

// gistOf finds the phrases that ask what a summary gives ("the main idea",
// "key points") and returns the indexes of their words: words of form.
func gistOf(ws []string) map[int]bool {
	var out map[int]bool
	for i := 0; i+1 < len(ws); i++ {
		if !slices.Contains([]string{"main", "key", "central", "big"}, ws[i]) || !slices.Contains(gistWords, ws[i+1]) ||
			ws[i] == "big" && ws[i+1] != "picture" {
			continue
		}
		if out == nil {
			out = map[int]bool{}
		}
		out[i], out[i+1] = true, true
	}
	return out
}

// inTheEnd finds "in the end" and "at the end of the day", said of the
// whole ("so in the end, is all this good or bad for us"): a summing up,
// not a place in the text ("in the end of the article"). It returns the
// indexes of their words.
func inTheEnd(ws []string) map[int]bool {
	for i := 0; i+2 < len(ws); i++ {
		if ws[i+1] != "the" || ws[i+2] != "end" {
			continue
		}
		switch {
		case ws[i] == "in" && (i+3 == len(ws) || ws[i+3] != "of"):
			return map[int]bool{i: true, i + 1: true, i + 2: true}
		case ws[i] == "at" && i+5 < len(ws) && ws[i+3] == "of" && ws[i+4] == "the" && ws[i+5] == "day":
			return map[int]bool{i: true, i + 1: true, i + 2: true, i + 3: true, i + 4: true, i + 5: true}
		}
	}
	return nil
}

// willChange reports a question about what will become of something:
// "will genai change how we work".
func willChange(ws []string) bool {
	if len(ws) > 1 && ws[0] == "how" {
		ws = ws[1:] // "how will ai change work"
	}
	if len(ws) < 3 || ws[0] != "will" {
		return false
	}
	return slices.ContainsFunc(ws[2:min(len(ws), 5)], func(w string) bool {
		return slices.Contains([]string{"change", "become", "evolve", "grow", "improve", "advance", "develop", "transform"}, w)
	})
}

// whatsNext reports a question, opening so, of what comes of something:
// "what's next for ai", "whats next"; not "what comes next in the
// sentence", nor "how does it predict whats next".
func whatsNext(ws []string) bool {
	ws = withoutFillers(ws)
	next := 1 // "whats next"
	switch {
	case len(ws) > 2 && ws[0] == "what" && ws[1] == "is":
		next = 2 // "what is next"
	case len(ws) < 2 || ws[0] != "whats" && ws[0] != "what's":
		return false
	}
	return next < len(ws) && ws[next] == "next" && (next+1 == len(ws) || ws[next+1] == "for")
}

// madeUp are what is made up when making up is lying: "make stuff up",
// "makes up facts"; "what makes up an llm" is what it consists of.
var madeUp = []string{"stuff", "things", "thing", "facts", "fact", "answers", "answer", "sources", "information",
	"info", "details", "lies", "quotes", "data", "numbers", "stories", "it", "shit", "crap"}

// fabricates reports a question of making things up, a concern the
// articles name as misinformation: "make stuff up", "invent fake details".
func (ix *Index) fabricates(ws []string) bool {
	if len(inventsFacts(ws)) > 0 {
		return true
	}
	if !slices.Contains(ws, "up") {
		return false
	}
	for i, w := range ws {
		if ix.lemma(w) != "make" {
			continue
		}
		switch {
		case i+2 < len(ws) && ws[i+1] == "up" && slices.Contains(madeUp, ws[i+2]),
			i+2 < len(ws) && slices.Contains(madeUp, ws[i+1]) && ws[i+2] == "up",
			i+3 < len(ws) && slices.Contains(madeUp, ws[i+2]) && ws[i+3] == "up":
			return true // "make up stuff", "make stuff up", "make random things up"
		}
	}
	return false
}

// cannotDo reports a question about limits: "what can't llms do". What
// someone else cannot do is the situation asked about, not a limit of the
// thing asked of: "how do blind people use insta if they can't see the
// pics", "an app for someone who cannot move their arms".
func cannotDo(ws []string) bool {
	for i, w := range ws {
		if w != "can't" && w != "cant" && w != "cannot" && w != "unable" && w != "limits" {
			continue
		}
		if i > 0 && slices.Contains(otherPeople, ws[i-1]) {
			continue
		}
		return true
	}
	return false
}

// otherPeople are the words that say a person other than the asker or the
// bot: "they", "someone who".
var otherPeople = slices.Concat(crowd, []string{"someone", "somebody", "who", "he", "she", "person"})

// asksRights reports a question of what the law or ownership allows: "is
// it even legal to sell pics i made with ai", "who owns ai art".
func asksRights(ws []string) bool {
	for i, w := range ws {
		switch {
		case slices.Contains([]string{"legal", "illegal", "lawful", "allowed", "permitted"}, w) && i > 0 &&
			slices.Contains([]string{"is", "it", "even", "be", "it's", "its", "isnt", "isn't", "really"}, ws[i-1]):
			return true
		}
	}
	return whoOwns(ws) >= 0
}

// whoOwns is the index of "owns" in "who (legally) owns", or -1.
func whoOwns(ws []string) int {
	for i, w := range ws {
		if w != "who" && w != "whos" && w != "who's" {
			continue
		}
		if v := verbAfter(ws, i); v < len(ws) && (ws[v] == "owns" || ws[v] == "own") {
			return v
		}
	}
	return -1
}

// inCommon reports a question of what things share: "what do they have
// in common".
func inCommon(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "in" && ws[i+1] == "common" {
			return true
		}
	}
	return false
}

// mixesUp reports a question of two things taken for each other: "mix
// up", "confuse", "interchangeably".
func mixesUp(ws []string) bool {
	for i, w := range ws {
		switch {
		case (w == "mix" || w == "mixed" || w == "mixing") && i+1 < len(ws) && ws[i+1] == "up",
			w == "confuse" || w == "conflate" || w == "interchangeably" || w == "interchangeable":
			return true
		}
	}
	return false
}

// contrastsAbility reports a question of what one thing can do and another
// cannot: "what can genai create that llms can't" asks a difference, not a
// limitation.
func contrastsAbility(ws []string) bool {
	can := slices.Index(ws, "can")
	return can >= 0 && cannotDo(ws[can+1:])
}

// fillers open a chatty question without being part of its form.
var fillers = []string{"so", "ok", "okay", "hey", "wait", "but", "and", "um", "uh", "like", "yo", "hi", "hello", "pls", "please", "quick", "q",
	"excuse", "me", "sorry", "teacher", "sir", "miss", "professor", "guys"}

// withoutFillers drops the fillers a question opens with.
func withoutFillers(ws []string) []string {
	for len(ws) > 1 && slices.Contains(fillers, ws[0]) {
		ws = ws[1:]
	}
	return ws
}

// imperatives ask for a definition only when they open the question
// ("tell me about", "explain").
var imperatives = []string{"tell", "explain", "describe"}

// taskCues are outlook cues that name a task too ("summarize my notes"):
// they ask for the article's summary when about the article itself, or
// when nothing else is named to summarise and nothing else is asked to do
// it ("give me a summary", "summary pls"; not "can llms summarize").
var taskCues = []string{"summary", "summarize", "summarise", "sum"}

// taskWords counts the task cues of ws.
func taskWords(ws []string) int {
	n := 0
	for _, w := range ws {
		if slices.Contains(taskCues, w) {
			n++
		}
	}
	return n
}

// asksOfOther reports a question of what something other than the bot can
// do: "can it summarize", "does chatgpt summarise"; "can you" asks the bot,
// "can i get" asks for the bot's reply.
func asksOfOther(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if slices.Contains([]string{"can", "could", "does", "do", "will"}, ws[i]) && !slices.Contains([]string{"you", "u", "i", "we"}, ws[i+1]) {
			return true
		}
	}
	return false
}

// aboutArticle reports a question about the article itself: "sum up the
// article", "summarize this", "the main points".
func aboutArticle(ws []string) bool {
	for i, w := range ws {
		switch {
		case slices.Contains([]string{"everything", "whole", "all", "main"}, w),
			// "summarize it", "sum this up"; not "can it translate or summarize"
			(w == "this" || w == "it") && i > 0 && slices.Contains(taskCues, ws[i-1]),
			(w == "text" || slices.Contains(documentWords, w)) && i > 0 && slices.Contains([]string{"the", "this", "that"}, ws[i-1]):
			// "the reading", "this text"; not "my readings", "a long text"
			return true
		}
	}
	return false
}

// people, as the subject of a "why" question about a difference ("why do
// people mix them up"), ask why people confuse the things compared; "why
// does it differ when i ask twice" does not.
var people = slices.Concat(crowd, []string{"we", "i", "you"})

// crowd are the words for people in general: "people", "they".
var crowd = []string{"people", "ppl", "everyone", "everybody", "folks", "they"}

// importanceCues after "why" ask why the subject matters: the introduction's job.
var importanceCues = []string{"care", "bother", "matter", "matters", "important", "importance", "hype", "popular",
	"lately", "everyone", "everybody", "trending", "relevant", "need"}

// examples reports a question asking for examples: "name some llms",
// "give examples of generative ai", "list a few".
func examples(ws []string) bool {
	for i, w := range ws {
		switch {
		case w == "example" || w == "examples" || w == "instances":
			return true
		case (w == "name" || w == "list" || w == "give") && i+1 < len(ws) && slices.Contains([]string{"some", "a", "few", "me", "any", "the", "all"}, ws[i+1]) &&
			(i == 0 || slices.Contains([]string{"you", "u", "pls", "please", "plz", "and", "or"}, ws[i-1])) &&
			!slices.ContainsFunc(ws[i+1:min(len(ws), i+5)], func(v string) bool { return slices.Contains(accounts, v) }):
			// A request: "name some llms", "can you give me a few"; not
			// "does it give the same answer", nor "give me the full table",
			// which asks for an account of the articles.
			return true
		}
	}
	return false
}

// accounts are what a request may ask the bot to give that is an account
// of the articles rather than examples of something: "give me the table".
var accounts = []string{"table", "chart", "summary", "overview", "definition", "comparison", "difference", "differences",
	"breakdown", "rundown", "recap", "tldr", "explanation"}

// whichOne reports "which one", "each one": a choice between, or a look at,
// the things compared.
func whichOne(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "which" && (ws[i+1] == "one" || ws[i+1] == "ones") {
			return true
		}
	}
	return pairNamed(ws)
}

// pairNamed reports a question that speaks of two things compared without
// naming them: "each one", "each of them", "does each", "they each", "the
// two", "both of them".
func pairNamed(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		a, b := ws[i], ws[i+1]
		switch {
		case a == "each" && (b == "one" || b == "ones" || b == "of"),
			// "what tech does each use": "each" as the subject
			a == "each" && i > 0 && slices.Contains([]string{"does", "do", "did", "can", "could", "is", "would", "will"}, ws[i-1]),
			a == "the" && (b == "two" || b == "2"),
			b == "each" && slices.Contains([]string{"they", "them", "these", "those"}, a), // "what are they each for"
			a == "both" && (b == "of" || b == "one" || b == "ones"):
			return true
		}
	}
	return false
}

// sideBySideWord reports whether w is a word of a phrase that sets things
// beside each other ("side" in "side by side", "point" in "point by point").
func sideBySideWord(ws []string, w string) bool {
	for i := 0; i+2 < len(ws); i++ {
		if ws[i] == w && sideBySideAt(ws, i) {
			return true
		}
	}
	return false
}

// pairWord reports whether w names the compared pair as "the two" does.
func pairWord(ws []string, w string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "the" && ws[i+1] == w && (w == "two" || w == "2") {
			return true
		}
	}
	return false
}

// capability reports a question of what something can do: "what can llms
// do", "what tasks can an llm perform", "what is it capable of".
func capability(ws []string) bool { return capabilityVerb(ws) != "" || slices.Contains(ws, "capable") }

// capabilityVerb is the verb of doing in a question of what something can
// do ("handle" in "what can each one handle", "do" in "what jobs can llms
// do with language"), or "".
func capabilityVerb(ws []string) string {
	can := slices.Index(ws, "can")
	if can <= 0 {
		return ""
	}
	for _, w := range ws[can+1:] {
		if slices.Contains([]string{"do", "perform", "handle", "accomplish"}, w) {
			return w
		}
	}
	return ""
}

// usesPhrase finds the phrases that ask for uses: "used for", "use
// cases", "uses of", "good for", "best for", "good at", "real life",
// "real world".
func usesPhrase(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		a, b := ws[i], ws[i+1]
		switch {
		case (a == "used" || a == "use" || a == "uses") && (b == "for" || b == "in" || b == "case" || b == "cases"),
			a == "uses" && b == "of",
			(a == "good" || a == "useful" || a == "best" || a == "better") && b == "for",
			// "what are llms good at", not "how does an llm get good at":
			// becoming good is how it learns.
			(a == "good" || a == "best" || a == "better" || a == "great") && b == "at" && !slices.ContainsFunc(ws[:i], becomes),
			a == "real" && (b == "life" || b == "world"):
			return true
		case whenToUse(ws, i) >= 0:
			return true // "when should i use few-shot", "when to use a low temperature": what it is for
		}
	}
	return false
}

// whenToUse is where the verb of choosing stands in a "when should I use",
// "when to pick" that begins at ws[i], or -1. The verb is the question's
// form, not a word of what is asked: "when should i use autocomplete"
// asks what autocomplete is best for, not how it is used.
func whenToUse(ws []string, i int) int {
	if ws[i] != "when" || i+3 >= len(ws) || !slices.Contains([]string{"should", "would", "do", "to", "can"}, ws[i+1]) {
		return -1
	}
	for j := i + 2; j < i+4; j++ {
		if ws[j] == "use" || ws[j] == "pick" || ws[j] == "choose" {
			return j
		}
	}
	return -1
}

// usedBy reports "how do X use ...", "do X use ...", "are X using ...",
// X a user the articles do not write of, or people (a word the lexicon
// defines as a person, named by the notes or not): "how do programmers use
// language models", "can lawyers or doctors use chatgpt" ask a use; "how do
// llms use transformers", "does chatgpt use gans" how they work or what
// they are, as the articles' own subjects and names are no users; "can i
// use it in the exam" asks leave.
func (ix *Index) usedBy(ws []string) bool {
	start := 1
	if len(ws) > 0 && ws[0] == "how" {
		start = 2
	}
	if len(ws) < start+2 || !slices.Contains([]string{"do", "does", "can", "could", "would", "should", "are", "is"}, ws[start-1]) {
		return false
	}
	v := slices.IndexFunc(ws[start:], func(w string) bool { return w == "use" || w == "uses" || w == "using" })
	if v < 1 || v > 4 {
		return false
	}
	if slices.Contains([]string{"can", "could", "may", "should", "are", "is"}, ws[start-1]) && slices.ContainsFunc(ws[start:start+v], func(w string) bool { return w == "i" || w == "we" }) {
		// "can i use chatgpt in the exam", "are we allowed to use ai":
		// whether the asker may or should, not what it is used for.
		return false
	}
	user := false
	for _, w := range ws[start : start+v] {
		t := ix.stem.stem(w)
		switch {
		case slices.Contains(people, w), ix.person(w): // "programmers", though the notes name them
			user = true
		case stopWords[w]:
		case ix.anchors[t] || ix.isSubjectTerm(t) || ix.df[t] > 0 && ix.weight(w, ix.lex.IsWord(w)) >= anywhereWeight:
			return false // the articles' subjects and names use, they are not users
		case ix.df[t] == 0:
			user = true
		}
	}
	return user
}

// getsGood reports "get good", "get better": how something comes to do
// well is how it learns.
func getsGood(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if (ws[i] == "get" || ws[i] == "gets" || ws[i] == "got") && (ws[i+1] == "good" || ws[i+1] == "better") {
			return true
		}
	}
	return false
}

// becomes reports a verb of becoming or making: "get good at", "make it
// good at".
func becomes(w string) bool {
	switch w {
	case "get", "gets", "got", "getting", "make", "makes", "made", "making", "become", "becomes", "became", "train", "trained", "teach", "taught":
		return true
	}
	return false
}

// comparative reports a comparative adjective ("broader", "bigger") in a
// question that sets things against each other: "which one is broader",
// "who brakes faster, me or a robot car" compare.
func (ix *Index) comparative(ws []string) bool {
	for _, w := range ws {
		if !strings.HasSuffix(w, "er") || len(w) < 5 {
			continue
		}
		if word, ok := ix.lex.Lookup(w); ok && word.Lemma != w && strings.HasPrefix(w, word.Lemma[:min(len(word.Lemma), len(w)-3)]) {
			if slices.Contains(ws, "which") || slices.Contains(ws, "more") || slices.Contains(ws, "than") || slices.Contains(ws, "one") || slices.Contains(ws, "or") {
				return true
			}
		}
	}
	return false
}

// wholeAsked reports a question asking for a whole comparison: "all the
// differences", "every feature", "the whole comparison", "side by side",
// "the pros and cons". A part that does something is asked what it does:
// "how long each thing lasts" asks no comparison of every thing.
func (ix *Index) wholeAsked(ws []string) bool {
	if sideBySide(ws) || bothSides(ws) {
		return true
	}
	all := []string{"all", "every", "each", "whole", "full", "entire", "complete"}
	for i, w := range ws {
		if !slices.Contains(all, w) {
			continue
		}
		for k := i + 1; k < min(len(ws), i+4); k++ {
			if slices.Contains(comparedParts, ws[k]) {
				return k+1 == len(ws) || !ix.actsOn(ws[k], ws[k+1])
			}
		}
	}
	return false
}

// actsOn reports a singular noun followed by a verb of its own, in the
// present ("thing lasts", "way works"): the noun is that verb's subject.
func (ix *Index) actsOn(noun, next string) bool {
	if strings.HasSuffix(noun, "s") || !strings.HasSuffix(next, "s") || stopWords[next] || !ix.inflected(next) {
		return false
	}
	pos, _ := ix.partsOfSpeech(next)
	return strings.Contains(pos, "v")
}

// bothSides reports a request for the good and the bad together: "the
// pros and cons", "advantages and disadvantages", "good and bad points".
func bothSides(ws []string) bool {
	for i := 0; i+2 < len(ws); i++ {
		if ws[i+1] != "and" {
			continue
		}
		for _, p := range opposedSides {
			if ws[i] == p[0] && ws[i+2] == p[1] || ws[i] == p[1] && ws[i+2] == p[0] {
				return true
			}
		}
	}
	return false
}

// opposedSides are the good and the bad of something, in pairs.
var opposedSides = [][2]string{{"pros", "cons"}, {"advantages", "disadvantages"}, {"good", "bad"},
	{"strengths", "weaknesses"}, {"upsides", "downsides"}, {"benefits", "drawbacks"}, {"positives", "negatives"}}

// comparedParts are what a comparison goes through: "all the features",
// "point by point".
var comparedParts = []string{"difference", "differences", "feature", "features", "comparison", "table", "way", "ways",
	"row", "rows", "aspect", "aspects", "point", "points", "thing", "things"}

// sideBySide reports a request to set things beside each other: "side by
// side", "feature by feature", "point by point".
func sideBySide(ws []string) bool {
	for i := 0; i+2 < len(ws); i++ {
		if sideBySideAt(ws, i) {
			return true
		}
	}
	return false
}

// sideBySideAt reports such a phrase at ws[i]: "side by side", "point by
// point" (ws[i+2] within ws).
func sideBySideAt(ws []string, i int) bool {
	return ws[i+1] == "by" && ws[i] == ws[i+2] && (ws[i] == "side" || slices.Contains(comparedParts, ws[i]))
}

// dimensions are the adjectives of how far something reaches.
var dimensions = []string{"broad", "wide", "big", "large", "narrow", "vast", "limited", "general", "specific",
	"small", "versatile", "flexible"}

// reachVerbs say how far something reaches: "which covers more".
var reachVerbs = []string{"cover", "span", "reach", "include", "handle", "support"}

// comparesExtent reports a comparison of how far things reach: "which is
// broader", "which one is bigger", "which is more general", "which handles
// more kinds of content".
func (ix *Index) comparesExtent(ws []string) bool {
	for i, w := range ws {
		lemma := ix.lemma(w)
		switch {
		case slices.Contains(categoryWords, w) && i+1 < len(ws) && ws[i+1] == "of" && slices.ContainsFunc(ws[max(0, i-2):i], func(v string) bool {
			return v == "more" || v == "most" || v == "fewer" || v == "less"
		}):
			return true // "which one can work with more different kinds of media"
		case slices.Contains(reachVerbs, lemma) && i+1 < len(ws) && (ws[i+1] == "more" || ws[i+1] == "most" || ws[i+1] == "less"):
			return true // "which one covers more ground"
		case slices.Contains(dimensions, w): // "general", "limited": compared by "more"
			if i > 0 && slices.Contains([]string{"more", "most", "less", "least"}, ws[i-1]) {
				return true
			}
		case slices.Contains(dimensions, lemma): // "broader", "biggest"
			return true
		}
	}
	return false
}

// makingVerbs make or take in content.
var makingVerbs = []string{"make", "create", "generate", "produce", "handle", "output", "process", "spit"}

// asksRange reports a question of what range of things something makes:
// "what kinds of stuff can genai make", "what can genai create that llms
// can't", "the difference in what they can make". A question that names
// what is made ("can it make music") asks no range.
func (ix *Index) asksRange(ws []string, kindOf bool) bool {
	what := slices.Index(ws, "what")
	if what < 0 {
		return false
	}
	rest := ws[what+1:]
	making := -1
	for i, w := range rest {
		if w = ix.lemma(w); slices.Contains(makingVerbs, w) || (w == "work" || w == "deal") && i+1 < len(rest) && rest[i+1] == "with" {
			making = i // "make", "work with", "deal with"
			break
		}
	}
	if making < 0 || !kindOf && !slices.Contains(rest[:making], "can") {
		return false
	}
	// Nothing made is named after the verb but words of asking and the
	// things compared ("that llms can't", "generative ai vs large language
	// models"), or what only probes the range ("only text or more").
	after := rest[making+1:]
	if i := slices.IndexFunc(after, func(w string) bool { return w == "only" || w == "just" }); i >= 0 {
		after = after[:i] // "only text or more?" probes the range
	}
	return !slices.ContainsFunc(after, func(w string) bool {
		t := ix.stem.stem(w)
		return !stopWords[w] && ix.df[t] > 0 && !ix.anchors[t] && !ix.isSubjectTerm(t) && ix.cueKind(w) == kindNone
	})
}

// restricts reports a yes-or-no question of how far something reaches: "do
// llms only do text", "is an llm only for words". Its answer is how it
// differs from what reaches further.
func restricts(ws []string) bool {
	ws = withoutFillers(ws)
	if len(ws) <= 2 {
		return false
	}
	if slices.Contains([]string{"is", "are", "does", "do", "can"}, ws[0]) {
		return slices.Contains(ws[2:], "only") || slices.Contains(ws[2:], "solely")
	}
	// "which one is stuck on just text": which of them only reaches so far.
	return slices.Contains(ws, "which") && slices.ContainsFunc(ws, func(w string) bool {
		return w == "only" || w == "solely" || w == "just" || w == "mainly" || w == "mostly"
	})
}

// asksAbility reports a yes-or-no question of making something, or of why
// something cannot: "can llms make pictures", "why can't llms make images".
func (ix *Index) asksAbility(ws []string) bool {
	ws = withoutFillers(ws)
	if len(ws) < 3 {
		return false
	}
	if slices.Contains([]string{"can", "could", "does", "do", "will"}, ws[0]) {
		return slices.ContainsFunc(ws[2:], ix.makingVerb)
	}
	// "why can't llms make images": the same reach, asked of its limit.
	return ws[0] == "why" && slices.ContainsFunc(ws, func(w string) bool { return w == "cant" || w == "can't" || w == "cannot" }) &&
		slices.ContainsFunc(ws[2:], ix.makingVerb)
}

// makingVerb reports a verb of making something, as makingVerbs or an art.
func (ix *Index) makingVerb(w string) bool {
	w = ix.lemma(w)
	return slices.Contains(makingVerbs, w) || slices.Contains([]string{"draw", "paint", "write", "compose", "sing", "speak"}, w)
}

// asksPurpose reports a question of what something is for: "why were llms
// built", "what is each one meant to do", "what's the point of genai".
func (ix *Index) asksPurpose(ws []string) bool {
	why := slices.Index(ws, "why")
	made := func(w string) bool {
		return slices.Contains([]string{"build", "make", "create", "design", "invent", "develop"}, ix.lemma(w))
	}
	for i, w := range ws {
		switch {
		case why >= 0 && why+1 < len(ws) && slices.Contains([]string{"was", "were", "did"}, ws[why+1]) && i > why && made(w):
			// "why were llms built", not "why can't llms make images"
			return true
		case purposeIdiom(ws, i),
			w == "point" && i+1 < len(ws) && ws[i+1] == "of" && i > 0 && ws[i-1] == "the",
			// "the main job of an llm", "their main role": a thing's one job is its purpose
			slices.Contains([]string{"job", "role", "function"}, w) && i > 0 && slices.Contains([]string{"main", "primary", "real", "actual", "core", "whole"}, ws[i-1]):
			return true
		}
	}
	// "what's each one actually for?": the "for" of a purpose ends the
	// question; "what are llms used for", "good for" ask uses.
	ws = withoutFillers(ws)
	if n := len(ws); n >= 3 && ws[n-1] == "for" && slices.ContainsFunc(ws[:n-1], func(w string) bool { return w == "what" || w == "whats" || w == "what's" }) {
		return !ix.formOf(ws[n-2], forVerbs) && !slices.ContainsFunc(ws, func(w string) bool {
			return slices.Contains([]string{"use", "used", "good", "useful", "great", "best", "better"}, w)
		})
	}
	return false
}

// madeFit reports "can X be <done> for ...": "can an llm be specialized
// for medical writing" asks how X is made fit for a use, a process.
func (ix *Index) madeFit(ws []string) bool {
	if len(ws) < 5 || ws[0] != "can" && ws[0] != "could" {
		return false
	}
	be := slices.Index(ws, "be")
	if be < 2 || be+2 >= len(ws) {
		return false
	}
	v := be + 1
	if ws[v] == "like" || ws[v] == "really" || ws[v] == "actually" || ws[v] == "specially" {
		v++
	}
	w := ws[v]
	if w == "used" || w == "trusted" {
		return false // "can ai be used for art" asks a use, "be trusted" a concern
	}
	participle := strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || ix.lemma(w) != w && ix.lex.IsWord(ix.lemma(w))
	return participle && slices.Contains(ws[v+1:min(len(ws), v+3)], "for")
}

// forVerbs take "for" as their own: "what does llm stand for", "what are
// you looking for" ask no purpose.
var forVerbs = []string{"stand", "look", "ask", "wait", "pay", "search", "account", "care", "vote", "call", "go", "opt", "hope", "wish"}

// purposeIdiom reports whether ws[i] opens an idiom of purpose: "meant to",
// "supposed to", "designed for".
func purposeIdiom(ws []string, i int) bool {
	return slices.Contains([]string{"meant", "supposed", "designed", "built"}, ws[i]) && i+1 < len(ws) && (ws[i+1] == "to" || ws[i+1] == "for")
}

// purposeVerbs are the verbs of doing in general that an idiom of purpose
// takes: "what are they meant to accomplish" asks the purpose, nothing
// accomplished in particular.
var purposeVerbs = []string{"do", "accomplish", "achieve", "serve", "solve", "fulfil", "fulfill", "be", "help"}

// categorizes reports a question of the form "is X a Y", "does X count as
// a Y", "are X a kind of Y", "are all X Ys": it asks how two things relate.
func categorizes(ws []string) bool {
	ws = withoutFillers(ws)
	if len(ws) < 3 {
		return false
	}
	if ws[1] == "there" {
		return false // "is there a chart of it" asks whether something exists
	}
	if where := slices.Index(ws, "where"); where >= 0 && slices.Contains(ws[where:], "fit") {
		return true // "where does runwayml fit in all this": in which group
	}
	opensYesNo := slices.Contains([]string{"is", "are", "isn't", "does", "do"}, ws[0])
	if (ws[0] == "are" || ws[0] == "is") && (ws[1] == "all" || ws[1] == "every") && !slices.ContainsFunc(ws[2:], func(w string) bool { return stopWords[w] && w != "ai" }) {
		return true // "are all generative ai models llms": every one of them in that category
	}
	for i := 1; i < len(ws)-1; i++ {
		switch {
		case (ws[i] == "count" || ws[i] == "counts") && ws[i+1] == "as", ws[i] == "belong" || ws[i] == "belongs":
			return true
		case !opensYesNo || ws[0] == "does" || ws[0] == "do":
			continue
		case (ws[i] == "a" || ws[i] == "an") && slices.ContainsFunc(ws[i+1:min(len(ws), i+3)], func(w string) bool { return cueKinds[w] == kindConcerns }):
			return false // "is hallucination a big problem" asks a concern, not a category
		case slices.ContainsFunc(ws[1:i], func(w string) bool { return slices.Contains(clauseOpeners, w) }):
			return false // "is it acceptable to ask for a review", "is it like a kid": no category asked
		case (ws[i] == "a" || ws[i] == "an") && slices.Contains(ws[i+1:min(len(ws), i+3)], "thing"):
			return false // "is that a known thing", "is this a real thing": whether it is, no category
		case (ws[i] == "type" || ws[i] == "kind" || ws[i] == "part" || ws[i] == "form" || ws[i] == "example") && ws[i+1] == "of",
			(ws[i] == "a" || ws[i] == "an") && i >= 2:
			return true
		}
	}
	return false
}

// categorized reports whether ws[i] is what a question asks the category
// of ("is siri an llm"): a name, so a typo only of the articles' names
// ("is chatgbt an llm"), never of an everyday word ("sir").
func categorized(ws []string, i int) bool {
	return i >= 1 && i+1 < len(ws) && slices.Contains([]string{"is", "are", "isn't", "isnt"}, ws[i-1]) && (ws[i+1] == "a" || ws[i+1] == "an")
}

// clauseOpeners open a clause or a likeness within a question: an "a"
// after them belongs to it, not to a category the subject is asked of. A
// relative clause may come between the subject and its category ("is a
// bot that writes code an llm"): "that", "who" and "which" open none here.
var clauseOpeners = []string{"to", "for", "if", "when", "like", "than", "as"}

// inventsFacts finds a verb of inventing whose object, a few words on, is
// what is made up when lying ("invent fake details", "invent wrong medical
// facts", "not invent stuff"); it returns the verb's index, or nothing.
func inventsFacts(ws []string) map[int]bool {
	for i, w := range ws {
		if !slices.Contains([]string{"invent", "invents", "invented", "inventing", "fabricate", "fabricates", "fabricated", "fabricating"}, w) {
			continue
		}
		for _, v := range ws[i+1 : min(len(ws), i+4)] {
			if slices.Contains(madeUp, v) {
				return map[int]bool{i: true}
			}
		}
	}
	return nil
}

// troubledAbout reports a feeling of trouble about something: "why are
// musicians so mad about ai", "are teachers scared of chatgpt". The
// feeling is a word the lexicon relates to fear, anger or worry, followed
// by what it is about; "is the review happy or angry" feels nothing
// about anything.
func (ix *Index) troubledAbout(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if slices.Contains(feelingObjects, ws[i+1]) && ix.troubling(ws[i]) {
			return true
		}
	}
	return false
}

// feelingObjects introduce what a feeling is about: "mad about ai".
var feelingObjects = []string{"about", "of", "at", "over", "with", "that"}

// troublingFeelings are the feelings of a concern; a word is one of them
// when it is, or the lexicon relates it to one ("mad" to "angry",
// "scared" to "afraid").
var troublingFeelings = []string{"fear", "anger", "worry", "afraid", "angry", "worried", "troubled"}

// troubling reports a word of fear, anger or worry.
func (ix *Index) troubling(w string) bool {
	if slices.Contains(troublingFeelings, ix.lemma(w)) {
		return true
	}
	syn, rel := ix.lex.Related(w)
	return slices.ContainsFunc(troublingFeelings, func(f string) bool { return slices.Contains(syn, f) || slices.Contains(rel, f) })
}

// helps reports "help" as the verb of a question's first few words after
// "how" ("how is ai helping make new medicines", "how does ai help
// doctors"): a use asked, whatever verb of making follows it.
func (ix *Index) helps(ws []string) bool {
	for _, w := range ws[:min(len(ws), 4)] {
		if ix.formOf(w, []string{"help"}) {
			return true
		}
	}
	return false
}

// person reports a noun that the lexicon defines as a person: "a person
// who designs, writes, and tests computer programs" is a programmer.
func (ix *Index) person(w string) bool {
	return slices.ContainsFunc(ix.lex.Defining(ix.lemma(w)), func(d string) bool { return d == "person" || d == "someone" || d == "somebody" })
}

// makesSure reports "make sure", "make certain" at ws[i]: seeing to
// something, no making.
func makesSure(ws []string, i int) bool {
	return i+1 < len(ws) && (ws[i] == "make" || ws[i] == "makes" || ws[i] == "making") && (ws[i+1] == "sure" || ws[i+1] == "certain")
}
