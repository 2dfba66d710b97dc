package index

import (
	"regexp"
	"slices"
	"strings"

	"github.com/explainbot/explainbot/knowledge"
)

// need is the type of answer a question's form asks for, beyond its topic:
// "when was gpt-4 released" needs a date, "how many parameters" a number,
// "how do i install llama" steps to follow. A section that says nothing of
// that type does not answer the question, however well it matches the words:
// the honest reply is "not covered".
type need uint8

const (
	needNothing need = iota
	needDate
	needNumber
	needSteps
	needRanking
	needAgent
	needCapacity
	needSource
	needPlace
	needPrice
)

var needNames = [...]string{"nothing", "date", "number", "steps", "ranking", "agent", "capacity", "source", "place", "price"}

func (n need) String() string { return needNames[n] }

// agentVerbs ask who made something; "who uses llms" asks for uses and
// "who owns ai art" for rights, not a name.
var agentVerbs = []string{"made", "make", "makes", "created", "create", "creates", "invented", "invent",
	"wrote", "write", "writes", "written", "built", "build", "builds", "developed", "develop", "develops",
	"founded", "discovered", "discover", "discovers", "started", "designed", "design", "designs",
	"trained", "train", "trains", "released", "release", "releases", "runs", "coined"}

// makerNouns after "what" or "which" name a maker as "who" does: "what
// company made claude".
var makerNouns = []string{"company", "companies", "firm", "organisation", "organization", "lab", "startup", "business", "team", "person"}

// ownerVerbs after "who" ask who holds or gets something, not who made it:
// "who owns art made by ai".
var ownerVerbs = []string{"own", "owns", "has", "have", "holds", "gets", "get", "uses", "use", "pays", "controls", "benefits"}

// verbAfter is the index of the word after ws[i], past adverbs in -ly:
// "who legally owns".
func verbAfter(ws []string, i int) int {
	j := i + 1
	for j < len(ws) && len(ws[j]) > 4 && strings.HasSuffix(ws[j], "ly") {
		j++
	}
	return j
}

// asksNumerals reports a question asking for numbers by name: "what
// numbers", "which values".
func asksNumerals(ws []string) bool {
	for i := 1; i < len(ws); i++ {
		if (ws[i-1] == "what" || ws[i-1] == "which") && slices.Contains(numeralNouns, ws[i]) {
			return true
		}
	}
	return false
}

// numeralNouns name numbers: "what value", "which numbers".
var numeralNouns = []string{"number", "value", "numbers", "values", "numerical", "numeric"}

// questionNeed reads the answer type from a question's words.
func questionNeed(ws []string) need {
	at := func(i int, set ...string) bool { return i >= 0 && i < len(ws) && slices.Contains(set, ws[i]) }
	for i, w := range ws {
		switch {
		case w == "when" && i < 3 && (at(i+1, "was", "were", "did") || at(i+2, "was", "were", "did", "released", "invented", "created", "made", "founded") ||
			at(i+1, "is", "are", "will") && at(i+2, "the", "a", "an", "my", "our", "your", "next")):
			// "when is the unit 10 test" asks a date; "when is it better to" a condition
			return needDate
		case w == "date" && i < 8 && slices.ContainsFunc(ws[:i], func(v string) bool { return v == "what" || v == "whats" || v == "what's" }) && !at(i-1, "up", "to"):
			return needDate // "what is the knowledge cut-off date of gpt-4" (not "up to date")
		case w == "year" && at(i-1, "what", "which"),
			(w == "time" || w == "day" || w == "month") && at(i-1, "what", "which") && i < 3:
			// "in what year", "what time should i post": a when
			return needDate
		case w == "where" && i < 3 && slices.Contains(ws[i+1:], "from"):
			return needSource // "where do llms get their data from"
		case (w == "which" || w == "what") && at(i+1, placeNouns...), w == "capital" && at(i+1, "of", "city"),
			w == "where" && i < 3 && slices.ContainsFunc(ws[i+1:], func(v string) bool { return slices.Contains(seatedWords, v) }) && !slices.Contains(ws[i+1:], "on"):
			return needPlace // "in which city is hugging face based", "the capital of taiwan", "where is openai based" (not "based on")
		case w == "free" && (at(i-1, "for") || at(i+1, "to") || i == len(ws)-1) && (at(0, "is", "are", "can", "do", "does", "will") || at(i-1, "for")),
			(w == "pay" || w == "paid") && at(i-1, "to", "have", "is", "are") && !at(i+1, "attention") && at(0, "is", "are", "do", "does", "can", "will"),
			(w == "cost" || w == "costs") && at(i+1, "money", "anything", "something") && at(0, "is", "are", "do", "does", "can", "will"):
			// "is chatgpt free", "can i use it for free", "do i have to pay
			// for it", "does it cost money": a price, free or not
			return needPrice
		case (w == "what" || w == "which") && i < 3 && trainedOn(ws[i+1:]):
			return needSource // "what data are llms trained on": what they learn from
		case w == "how" && at(i+1, "much", "many") && slices.ContainsFunc(ws[i+2:], func(v string) bool { return v == "can" || v == "could" || v == "fit" || v == "fits" }) &&
			!fitsInto(ws[i+2:]):
			// "how much text can a model read": a most, not any number;
			// "how many words fit into 1,000 tokens" gives the most and
			// asks what it holds
			return needCapacity
		case w == "how" && at(i+1, "much", "many", "long", "old", "big", "often", "fast", "large") && !embeddedMeasure(ws, i),
			w == "how" && at(i+1, "far", "tall", "high", "heavy", "hot", "cold", "expensive", "cheap", "soon"), // a measure: "how far is mars"
			(w == "what" || w == "which") && at(i+1, numeralNouns...),
			(w == "price" || w == "prices") && slices.ContainsFunc(ws[:i], func(v string) bool { return v == "what" || v == "whats" }):
			return needNumber // "what number counts as low", "what is the price of copilot": an amount
		case w == "first" && slices.Contains(ws[:i], "which") && releasedBefore(ws[:i]):
			return needDate // "which came out first": the dates of each, the earlier first
		case asksProcedure(ws, i), w == "step" && at(i+1, "by"):
			return needSteps // "how do i", "any tips for writing prompts": advice on doing it
		case (w == "best" || w == "worst" || w == "top" || w == "cheapest" || w == "greatest") && (at(i-1, "the") || slices.Contains(ws, "which")) && !at(i+1, "known") && !(w == "top" && at(i+1, "of")),
			w == "recommend" && !slices.ContainsFunc(ws, func(v string) bool { return slices.Contains(documentWords, v) }),
			(w == "better" || w == "worse") && at(i+1, "than"),
			(w == "most" || w == "least" || w == "first") && slices.Contains(ws[:i], "which") && !at(i+1, "of"):
			// "which is the best", "is claude better than gpt-4", "which
			// country has the most data centers": one picked out of many
			return needRanking
		case (w == "what" || w == "which") && at(i+1, makerNouns...) && slices.ContainsFunc(ws[i+2:min(len(ws), i+5)], func(v string) bool { return slices.Contains(agentVerbs, v) }),
			(w == "who" || w == "whos" || w == "who's") && i < 3 && !at(verbAfter(ws, i), ownerVerbs...) && slices.ContainsFunc(mainClause(ws[i+1:]), func(v string) bool {
				return slices.Contains(agentVerbs, v) || strings.HasSuffix(v, "ed") // "who directed", "who founded"
			}),
			(w == "who" || w == "whos" || w == "who's") && i < 3 && cameUpWith(ws[verbAfter(ws, i):]),
			w == "who" && i < 3 && at(i+1, "is", "was", "are", "were") && at(i+2, "the", "a", "an"),
			i < 3 && makerBehind(ws, i):
			// "who came up with backpropagation": who invented it; "who is
			// the main character in the transformers movies": a person, by
			// name; "which company is behind llama": who makes it
			return needAgent
		}
	}
	return needNothing
}

// embeddedMeasure reports a measure ("how much", "how big") at ws[i]
// inside a question that another question word opens: "why should ai
// companies publish how much energy they use" asks why, not an amount.
// After a verb of knowing or telling the measure is still what is asked
// ("what is used to measure how big a model is", "can you tell me how
// many").
func embeddedMeasure(ws []string, i int) bool {
	if i > 0 && slices.Contains(measureVerbs, ws[i-1]) {
		return false
	}
	return slices.ContainsFunc(ws[:i], func(v string) bool { return slices.Contains(questionWords, v) })
}

// questionWords open a question of their own.
var questionWords = []string{"why", "what", "which", "who", "where", "when", "how", "whats", "whys"}

// measureVerbs before a measure ask it indirectly: "tell me how much".
var measureVerbs = []string{"measure", "measures", "measured", "tell", "know", "say", "says", "show", "explain", "find", "check", "calculate", "estimate", "count", "work", "figure"}

// cameUpWith reports that ws open with "came up with", "come up with".
func cameUpWith(ws []string) bool {
	return len(ws) >= 3 && (ws[0] == "came" || ws[0] == "come") && ws[1] == "up" && ws[2] == "with"
}

// mainClause is ws up to the first word that opens a clause of its own
// ("when", "if", "because") when ws opens with a verb of its own: "who
// marks the examples when you train a detector" asks who marks them, not
// who trains; but after a copula the whole is kept ("who is responsible
// when an ai makes a mistake" asks a person, whom the later verb names).
func mainClause(ws []string) []string {
	if len(ws) == 0 || slices.Contains(copulas, ws[0]) {
		return ws
	}
	if i := slices.IndexFunc(ws, func(v string) bool { return slices.Contains(subordinators, v) }); i >= 0 {
		return ws[:i]
	}
	return ws
}

// copulas link a subject to what is said of it.
var copulas = []string{"is", "are", "was", "were", "be", "'s", "s"}

// subordinators open a clause of time, condition or cause.
var subordinators = []string{"when", "if", "because", "while", "whenever", "since", "unless", "before", "after"}

// comingVerbs say that something came into being: "when was it released".
var comingVerbs = []string{"released", "launched", "invented", "founded", "made", "built", "created", "started", "appeared"}

// releasedBefore reports a verb of coming into being among ws: "which
// came out first", "which was released first" compare dates.
func releasedBefore(ws []string) bool {
	for i, w := range ws {
		if slices.Contains(comingVerbs, w) ||
			(w == "came" || w == "come") && i+1 < len(ws) && ws[i+1] == "out" {
			return true
		}
	}
	return false
}

// fitsInto reports "fit into 1,000 tokens": the container's size given.
func fitsInto(ws []string) bool {
	fit := slices.IndexFunc(ws, func(v string) bool { return v == "fit" || v == "fits" })
	return fit >= 0 && slices.ContainsFunc(ws[fit:], isNumber)
}

// headingAsks reports whether a heading asks the question of need: a
// section headed by a question answers it.
func headingAsks(heading string, n need) bool {
	ws := words(heading)
	if len(ws) < 2 {
		return false
	}
	switch n {
	case needSource:
		return ws[0] == "where"
	case needDate:
		return ws[0] == "when"
	case needAgent:
		return ws[0] == "who"
	case needNumber:
		return ws[0] == "how" && (ws[1] == "many" || ws[1] == "much")
	case needSteps:
		// "How to Check AI-Written Code", "Overfitting and How to Spot It",
		// "What to Do If You Are Targeted"
		for i := 0; i+1 < len(ws); i++ {
			if ws[i] == "how" && ws[i+1] == "to" {
				return true
			}
		}
		return advises(ws)
	}
	return false
}

// setsUp reports a question of setting something up at ws[i]: a
// tutorial, "set up", or installing or downloading asked how ("which of
// them can you download" asks which).
func setsUp(ws []string, i int) bool {
	switch ws[i] {
	case "tutorial":
		return true
	case "set":
		return i+1 < len(ws) && ws[i+1] == "up"
	case "install", "download", "setup":
		return slices.Contains(ws, "how")
	}
	return false
}

// adviceHeadings head a section of advice, which tells how to do
// something as steps do: "Tips for Better Prompts".
var adviceHeadings = []string{"tips", "tip", "tricks", "advice", "guide", "guidelines", "checklist", "dos"}

// trainedOn reports "trained on", "train them on", "learn from" ending
// what is asked: what a model learns from is asked ("what do llms learn
// from"), not what is learned from a source the question names.
func trainedOn(ws []string) bool {
	for i, w := range ws {
		if !slices.Contains([]string{"train", "trains", "trained", "training", "learn", "learns", "learned", "learnt"}, w) {
			continue
		}
		for j := i + 1; j < min(len(ws), i+4); j++ {
			if ws[j] == "on" || ws[j] == "from" {
				if sourceNamed(ws[j+1:]) {
					return false // "what can humans learn from engines": what is learned
				}
				return true
			}
		}
	}
	return false
}

// asksTips reports "tips for", "tricks to" at ws[i]: advice on doing something.
func asksTips(ws []string, i int) bool {
	return slices.Contains([]string{"tips", "tricks", "hacks"}, ws[i]) && i+1 < len(ws) && slices.Contains([]string{"for", "on", "to"}, ws[i+1])
}

// procedure reports a question asking for steps the asker follows: "how do
// i", "how to", "install", "set up".
func procedure(ws []string) bool {
	for i := range ws {
		if asksProcedure(ws, i) {
			return true
		}
	}
	return false
}

// asksProcedure reports steps asked for at ws[i]: "how do i", "how to",
// setting up, tips for doing something.
func asksProcedure(ws []string, i int) bool {
	at := func(i int, set ...string) bool { return i >= 0 && i < len(ws) && slices.Contains(set, ws[i]) }
	return ws[i] == "how" && (at(i+1, "to") && !at(i+2, explainVerbs...) || at(i+1, "do", "can", "should", "would", "could") && at(i+2, "i") && !at(i+3, explainVerbs...)) && !makesMore(ws[i:]) ||
		setsUp(ws, i) || asksTips(ws, i)
}

// explainVerbs after "how to" or "how do i" ask the explanation itself,
// not steps: "i didnt know how to explain generative ai simply".
var explainVerbs = []string{"explain", "define"}

// makesMore reports a question of how to make something more or less of
// a quality ("how do i make it less random", "how do i make answers more
// creative"): it asks what controls the quality, which a section may
// explain in prose, not steps to follow.
func makesMore(ws []string) bool {
	for j := 0; j+1 < len(ws) && j < 7; j++ {
		if (ws[j] == "make" || ws[j] == "get") && slices.ContainsFunc(ws[j+1:min(len(ws), j+4)], func(w string) bool { return w == "more" || w == "less" }) {
			return true
		}
	}
	return false
}

// Patterns of what sections hold.
var (
	yearRE   = regexp.MustCompile(`\b(1[5-9]|20)\d\d\b`)
	monthRE  = regexp.MustCompile(`(?i)\b(january|february|march|april|june|july|august|september|october|november|december)\b`)
	numberRE = regexp.MustCompile(`(^|[\s(~≈$£€¥])\d[\d,.]*\b|(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|percent)s?\b`)
	// priceRE finds a price said: an amount of money, or a word of paying
	// ("Free to use, paid for by adverts", "Monthly subscription fee").
	priceRE = regexp.MustCompile(`[$£€]\s?\d|(?i)\b(free|fees?|subscriptions?|prices?|priced|costs?|paid|pay|charges?)\b`)
	rankRE  = regexp.MustCompile(`(?i)\b(best|worst|top|leading|greatest|ideal|better than|worse than|good for|suited to|suits)\b`)
	// capacityRE finds a stated most: "the largest amount", "up to", "more than 100,000",
	// "might hold 100,000 GPUs".
	// sourceRE finds where something was taken from: "taken from books".
	sourceRE   = regexp.MustCompile(`(?i)\b((taken|drawn|collected|gathered|scraped|sourced|obtained|pulled|copied|comes?|came|learned|learnt|derived)\s+from|(fetch(es|ed|ing)?|retriev(e|es|ed|ing))\s+(\S+\s+){0,3}?from)\b`)
	capacityRE = regexp.MustCompile(`(?i)\b(largest|maximum|max|limit|limits|capacity|at most|up to|more than|no more than|at one time|holds?|fits?|contains?)\b`)
	// possessiveRE finds who owns or made something: a name's possessive
	// and what follows ("Meta's LLaMA"); byRE a name after "by".
	possessiveRE = regexp.MustCompile(`\b(\p{Lu}[\p{L}\p{N}]*)['’]s\s+([\p{L}\p{N}][\p{L}\p{N}·.-]*)`)
	byRE         = regexp.MustCompile(`\bby \p{Lu}\p{Ll}`)
	// fromMakerRE finds a thing's maker named as where it is from: "from
	// the British company TTS", "from a start-up called ToyTalk".
	fromMakerRE = regexp.MustCompile(`\bfrom (?:the |a |an )?(?:\p{L}+ )?(?:company|firm|maker|start-up|startup|studio|lab)(?: called| named)? \p{Lu}`)
	// nameMadeRE finds a name that made something, perhaps with a clause
	// or an apposition set off by commas between the name and its verb:
	// "Eli Pariser came up with", "Tony Fadell, who had led the team
	// behind the iPod, founded Nest Labs", "Henriette Avram, a programmer
	// at the Library of Congress, designed MARC".
	nameMadeRE = regexp.MustCompile(`\p{Lu}\p{Ll}+(?:, (?:who|which|a|an|the) [^,.;]{1,80},)? (came up with|coined|invented|created|founded|developed|designed|discovered|introduced|built|wrote)\b`)
	// doneByRE finds a verb done by someone, its date between or not:
	// "written by whoever built the app", "founded in 2017 by".
	doneByRE = regexp.MustCompile(`\b(\pL+)(?: in (?:\d{4}|the \d{4}s))? by \pL`)
)

// has reports whether section s holds an answer of the type q needs.
func (ix *Index) has(s int, q *question) bool {
	if q.need == needNothing {
		return true
	}
	// Ranking, coverage and the comparison each ask; a section's text is
	// read for it once per question.
	if v, ok := q.holds[s]; ok {
		return v
	}
	v := ix.holdsNeed(s, q)
	if q.holds == nil {
		q.holds = map[int]bool{}
	}
	q.holds[s] = v
	return v
}

// holdsNeed is has, computed.
func (ix *Index) holdsNeed(s int, q *question) bool {
	if ix.comparedInWords(q, s) && !(q.need == needNumber && asksNumerals(q.words)) {
		// "how much code does autocomplete give compared to chat", "who
		// makes tpus, and who makes gpus": the comparison of the two
		// says it for each, in words, whatever the question's kind; but
		// "what numbers count as low and high" asks numbers, not words.
		return true
	}
	sec := ix.section(s)
	switch q.need {
	case needNumber:
		if q.costAsked && !headingAsks(sec.Heading, needNumber) && !ix.numbered(s, ix.sumTerms, q.named) {
			// "how much does a tesla model 3 cost": a sum of money,
			// which a number of anything else ("the Model 3", "in
			// 2018") is not; but a section headed by the question
			// ("How Much Does Each Answer Cost?", in energy) says
			// what the cost is counted in.
			return false
		}
		return ix.numbered(s, q.counted, q.named) || asksHowLong(q.words) && ix.timeSaid(sec, q)
	case needDate:
		return headingAsks(sec.Heading, needDate) || ix.datesAsked(sec.Text(), q)
	case needSteps, needRanking, needSource:
		// Read once per index for every section (see holders), not
		// once per question.
		_, ok := slices.BinarySearch(ix.holders(q.need), s)
		if ok && q.need == needRanking {
			ok = ix.ranksAsked(sec, s, q)
		}
		if ok && q.need == needSteps {
			ok = ix.doesAsked(s, q)
		}
		return ok
	}
	if headingAsks(sec.Heading, q.need) {
		return true // "Who Made ChatGPT?" says who
	}
	text := sec.Text()
	switch q.need {
	case needAgent:
		return ix.namesAgent(text, q)
	case needCapacity:
		return numberRE.MatchString(text) && capacityRE.MatchString(text) && ix.numbered(s, nil, q.named)
	case needPlace:
		// A place said of the thing asked of, in one sentence.
		return slices.ContainsFunc(sentenceEnd.Split(text, -1), func(sentence string) bool {
			return ix.namesPlace(sentence, placeAsked(q.words)) && ix.saysNamed(sentence, q.named)
		})
	case needPrice:
		return priceRE.MatchString(text)
	}
	return true
}

// comparedInWords reports whether section s says, in a table's cells, for
// each subject the amount, ranking or steps q asks of: it names two of the
// subjects the table compares, or one, in a question that compares ("how
// many messages can ai produce compared to a person", "are the typos in
// ai scams worse than old ones"). A name, a date, a place or a source is
// one fact, which a section must state ("is claude an llm? who makes
// it").
func (ix *Index) comparedInWords(q *question, s int) bool {
	switch n := ix.subjectsNamed(q, s); {
	case n >= 2:
		return true
	case n == 0:
		return false
	}
	switch q.need {
	case needAgent, needDate, needPlace, needSource:
		return false
	}
	return q.kind == kindDiffer || slices.Contains(q.words, "than")
}

// placeNouns are the kinds of place a question may ask for: "which city".
var placeNouns = []string{"city", "country", "town", "state", "continent", "capital"}

// seatedWords, after "where", ask where something is seated: "where is
// openai based", a city or a country; or someone from: "where was he
// born", "where did she grow up".
var seatedWords = []string{"based", "located", "headquartered", "headquarters", "hq", "born", "grow", "grew", "raised"}

// placeAsked is the kind of place the question asks for: the noun after
// "which", "what", or "capital".
func placeAsked(ws []string) string {
	for i, w := range ws {
		if (w == "which" || w == "what") && i+1 < len(ws) && slices.Contains(placeNouns, ws[i+1]) {
			return ws[i+1]
		}
		if w == "capital" {
			return w
		}
	}
	return ""
}

// namesPlace reports whether text names a place of the kind asked: a
// capitalized word the lexicon defines by that noun ("London": a capital
// city of England).
func (ix *Index) namesPlace(text, kind string) bool {
	kinds := []string{kind}
	if kind == "" {
		kinds = []string{"city", "country"} // "where is it based"
	}
	for _, f := range strings.Fields(text) {
		if w, ok := capitalized(f); ok && slices.ContainsFunc(ix.lex.Defining(strings.ToLower(w)), func(d string) bool { return slices.Contains(kinds, d) }) {
			return true
		}
	}
	return false
}

// mayHold reports whether section s can hold an answer of type n by its
// own text, whatever is asked: for a date, whether it gives one at all.
func (ix *Index) mayHold(s int, n need) bool {
	sec := ix.section(s)
	if headingAsks(sec.Heading, n) {
		return true // "Where Do They Learn to Code?" says where from
	}
	text := sec.Text()
	switch n {
	case needDate:
		return yearRE.MatchString(text) || monthRE.MatchString(text)
	case needSteps:
		h := strings.ToLower(sec.Heading)
		hw := words(h)
		return strings.Contains(h, "step") || ix.doing(hw) ||
			slices.ContainsFunc(hw, func(w string) bool { return slices.Contains(adviceHeadings, w) }) ||
			slices.ContainsFunc(sec.Blocks, func(b knowledge.Block) bool { return b.Ordered }) ||
			ix.instructs(sec)
	case needRanking:
		return rankRE.MatchString(text) || rankRE.MatchString(sec.Heading) || ix.saysSuperlative(words(text)) // "the strongest signal is usually time"
	case needSource:
		return sourceRE.MatchString(text)
	}
	return true
}

// doing reports a heading that opens with a verb's -ing form: "Checking a
// Cited Source", "Choosing a Temperature" name something the reader does,
// and the section tells how.
func (ix *Index) doing(heading []string) bool {
	if len(heading) < 2 || !strings.HasSuffix(heading[0], "ing") {
		return false
	}
	w, ok := ix.lex.Lookup(heading[0])
	if !ok || w.Lemma == heading[0] {
		return false
	}
	base, ok := ix.lex.Lookup(w.Lemma)
	return ok && strings.Contains(base.POS, "v")
}

// listed are the needs whose sections the search adds when it found none
// of their words (see holders).
var listed = []need{needDate, needSteps, needRanking, needSource}

// holders are the sections that may hold an answer of each type in
// listed, computed on first use: "where does chatgpt get all its knowledge
// from" is answered by the section that says what LLMs are trained on,
// though it never says chatgpt or knowledge.
func (ix *Index) holders(n need) []int {
	ix.holdersOnce.Do(func() {
		ix.holding = map[need][]int{}
		for s := range ix.sections {
			for _, n := range listed {
				if ix.mayHold(s, n) {
					ix.holding[n] = append(ix.holding[n], s)
				}
			}
		}
	})
	return ix.holding[n]
}

// datesAsked reports whether a sentence of text that gives a date also
// names something telling that the question asks of: "when were gans
// invented" is answered by "invented by Ian Goodfellow in 2014", "when was
// chatgpt released" by no sentence about diffusion in 2022, "when is the
// next test" by no date beside "the next 10 days". The sentence must say
// the event asked too, when a verb tells it: "when did alan turing die"
// is not answered by the year Turing wrote a chess program.
func (ix *Index) datesAsked(text string, q *question) bool {
	event := ix.eventAsked(q.words)
	for _, sentence := range sentenceEnd.Split(text, -1) {
		if !yearRE.MatchString(sentence) && !monthRE.MatchString(sentence) {
			continue
		}
		if ix.holdsAsked(sentence, q) && (event == "" || ix.saysEvent(sentence, event)) && ix.saysNamed(sentence, q.named) {
			return true
		}
	}
	return false
}

// saysNamed reports whether sentence names one of the particular things
// a question asks of (see namedIn), or the question names none: "when was
// llama 3.1 released" is not answered by the year GPT-2 was released.
func (ix *Index) saysNamed(sentence string, named []string) bool {
	return len(named) == 0 || slices.ContainsFunc(words(sentence), func(w string) bool { return slices.Contains(named, ix.stem.stem(w)) })
}

// lightVerbs say that something happened without saying what: a date
// asked of them needs no more than what it is asked of ("when did the
// hack happen", "when was it made").
var lightVerbs = []string{"be", "do", "have", "make", "get", "go", "come", "happen", "occur", "take", "start", "begin", "become", "use"}

// eventAsked is the lemma of the verb whose date a question asks: "die"
// of "when did alan turing die", "invent" of "when were gans invented";
// "" when it asks of a light verb or of none. The verb alone counts, not
// the words the lexicon relates to it: "leave" and "lead" share a sense,
// and with them Tony Fadell's having led the iPod's team dated his
// leaving Apple.
func (ix *Index) eventAsked(ws []string) string {
	for i, w := range ws {
		switch w {
		case "did", "does", "do": // "when did alan turing die"
			for _, v := range ws[i+1 : min(len(ws), i+5)] {
				if ix.baseVerb(v) {
					return event(v)
				}
			}
		case "was", "were": // "when were gans invented"
			for _, v := range ws[i+1 : min(len(ws), i+6)] {
				if l := ix.lemma(v); l != v && (strings.HasSuffix(v, "ed") || strings.HasSuffix(v, "en")) {
					if word, ok := ix.lex.Lookup(l); ok && strings.Contains(word.POS, "v") {
						return event(l)
					}
				}
			}
		}
	}
	return ""
}

// event is the verb v as an event asked, "" for a light verb.
func event(v string) string {
	if slices.Contains(lightVerbs, v) {
		return ""
	}
	return v
}

// saysEvent reports whether sentence says the event of a date asked (see
// eventAsked): one of its words has the verb's lemma ("invented by Ian
// Goodfellow in 2014"; "died" for "die").
func (ix *Index) saysEvent(sentence, event string) bool {
	return slices.ContainsFunc(words(sentence), func(w string) bool { return ix.lemma(w) == event })
}

// namesAgent reports whether text names who made what q asks about: a
// possessive whose thing is a word of the question ("who made gpt": "OpenAI's
// GPT"), or a name after "by". "who founded openai" is not answered by
// "OpenAI's GPT", nor "who invented generative ai" by "Meta's LLaMA".
func (ix *Index) namesAgent(text string, q *question) bool {
	// An owner offered as a choice is not what is asked of: "which
	// company made llama, meta or google".
	offered := func(t string) bool {
		for i, w := range q.words {
			if ix.stem.stem(w) == t && (i > 0 && q.words[i-1] == "or" || i+1 < len(q.words) && q.words[i+1] == "or") {
				return true
			}
		}
		return false
	}
	for _, m := range possessiveRE.FindAllStringSubmatch(text, -1) {
		owner, thing := ix.stem.stem(strings.ToLower(m[1])), ix.stem.stem(strings.ToLower(m[2]))
		if thing != owner && q.hasTerm(thing) && (!q.hasTerm(owner) || offered(owner)) {
			return true
		}
	}
	if byRE.MatchString(text) || fromMakerRE.MatchString(text) {
		return true
	}
	// "who came up with the term filter bubble" is answered by "the writer
	// Eli Pariser came up with the term": a name, then a verb of making,
	// in a sentence that names what is asked.
	for _, sentence := range sentenceEnd.Split(text, -1) {
		if nameMadeRE.MatchString(sentence) && ix.holdsAsked(sentence, q) {
			return true
		}
	}
	// "who writes the system prompt" is answered by "written by whoever
	// built the app": the verb asked, done by someone.
	verbs := map[string]bool{}
	for _, w := range q.words {
		if slices.Contains(agentVerbs, w) {
			verbs[ix.lemma(w)] = true
		}
	}
	for _, sentence := range sentenceEnd.Split(text, -1) {
		for _, m := range doneByRE.FindAllStringSubmatch(sentence, -1) {
			if verbs[ix.lemma(strings.ToLower(m[1]))] && ix.holdsAsked(sentence, q) {
				return true
			}
		}
	}
	return false
}

// holdsAsked reports whether sentence names what q asks of: one of its
// telling words, not the articles' own subjects ("content created by AI"
// says nothing of who created DALL·E).
func (ix *Index) holdsAsked(sentence string, q *question) bool {
	return ix.namesAsked(sentence, q, func(qt qterm) bool { return !qt.cue && qt.weight >= minFocusWeight })
}

// namesAsked reports whether sentence holds a word of q that asked
// accepts. The corpus's subjects count only when the question asks of
// nothing else ("who writes the system prompt" of notes on prompting).
func (ix *Index) namesAsked(sentence string, q *question, asked func(qterm) bool) bool {
	ownWord := slices.ContainsFunc(q.terms, func(qt qterm) bool { return asked(qt) && !ix.anchors[qt.term] })
	for _, w := range words(sentence) {
		t := ix.stem.stem(w)
		if ownWord && ix.anchors[t] {
			continue
		}
		if slices.ContainsFunc(q.terms, func(qt qterm) bool { return asked(qt) && qt.term == t }) {
			return true
		}
	}
	return false
}

// ranksAsked reports whether section s ranks what q asks of: its heading
// ranks, or a sentence of it, or a row of its table, ranks ("best",
// "better than") and names a word of the question other than the ranking
// itself. "whats the best show on netflix" is not answered by a section
// that calls something the best way to keep you watching.
func (ix *Index) ranksAsked(sec *knowledge.Section, s int, q *question) bool {
	if headingAsks(sec.Heading, needRanking) || rankRE.MatchString(sec.Heading) {
		return true
	}
	lines := sentenceEnd.Split(sec.Text(), -1)
	for _, t := range ix.tables {
		if t.section == s {
			for _, r := range t.c.Rows {
				lines = append(lines, r.Feature+" "+strings.Join(r.Values, " "))
			}
		}
	}
	// A word of the question other than the ranking itself.
	asked := func(qt qterm) bool { return !qt.cue && !rankRE.MatchString(qt.word) }
	// A line that says the question's own superlative ranks as it asks:
	// "the strongest signal is usually time".
	ranks := func(line string) bool {
		return rankRE.MatchString(line) || len(q.superlatives) > 0 && slices.ContainsFunc(words(line), func(w string) bool { return slices.Contains(q.superlatives, w) })
	}
	return slices.ContainsFunc(lines, func(line string) bool { return ranks(line) && ix.namesAsked(line, q, asked) })
}

// asksHowLong reports "how long", "how often": a length of time asked,
// which a sentence may give without a number ("again a week later").
func asksHowLong(ws []string) bool {
	return hasPair(ws, []string{"how"}, []string{"often", "long"})
}

// timeSaid reports a sentence of sec that gives a length of time (see
// givesTime) and names what q counts or a name it asks of ("quiz
// yourself again the next day, and again a week later" for "how often
// should i get the chatbot to quiz me").
func (ix *Index) timeSaid(sec *knowledge.Section, q *question) bool {
	for _, sentence := range sentenceEnd.Split(sec.Text(), -1) {
		if !ix.givesTime(sentence) {
			continue
		}
		for _, w := range words(sentence) {
			if t := ix.stem.stem(w); slices.Contains(q.counted, t) || slices.Contains(q.named, t) {
				return true
			}
		}
	}
	return false
}

// magnitudes guess an amount: "millions of words".
var magnitudes = []string{"hundreds", "thousands", "millions", "billions", "trillions", "lots", "tons"}

// qualifyingPrepositions, after what "how many" or "how big" asks of,
// open what qualifies it: the words after them are not what is counted.
var qualifyingPrepositions = []string{"under", "in", "on", "at", "from", "for", "of", "by", "with", "about", "inside", "across"}

// measuredSpan is how many content words after "how many" may name what is counted.
const measuredSpan = 2

// ageWords tell an age: "how old" is answered by a sentence with one.
var ageWords = []string{"old", "age", "aged", "born", "year", "years"}

// counted is what a question counts: its content words among the few after
// "how many", "how much" ("how many words", "how much does a gpu cost"),
// an age for "how old", and what a number in the question counts ("like
// millions of words").
func (ix *Index) counted(ws []string, q *question) []string {
	stem := ix.stem.stem
	var out []string
	for i, w := range ws {
		if w != "how" || i+1 >= len(ws) {
			continue
		}
		if ws[i+1] == "old" {
			// "how old is joy buolamwini": an age, told in years or by a birth
			for _, a := range ageWords {
				out = append(out, stem(a))
			}
			break
		}
		n := 0
		for _, v := range ws[i+2:] {
			if stopWords[v] {
				if n > 0 && slices.Contains(qualifyingPrepositions, v) {
					break // "how big are the fines under the eu ...": the fines are counted, not the eu
				}
				if ws[i+1] == "many" && n > 0 {
					break // "how many floors does the edge have": the floors are counted, not the edge
				}
				continue // "how large is a context window": its words, past "is a"
			}
			if word, ok := ix.lex.Lookup(v); ok && word.OnlyAdverb() {
				continue // "how big is it usually": an adverb counts nothing
			}
			if t := stem(v); t != "" && q.hasTerm(t) {
				out = append(out, t)
			}
			if n++; n == measuredSpan {
				break
			}
		}
		break
	}
	// A price asked is counted in money: a number of something else is no price.
	for _, w := range ws {
		if t := stem(w); (w == "price" || w == "prices") && q.hasTerm(t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	// What the question itself counts in a guess: "like millions of words"
	// (not a unit of something else: "how much per 1000 tokens").
	for i := 0; i+2 < len(ws); i++ {
		if !slices.Contains(magnitudes, ws[i]) || ws[i+1] != "of" {
			continue
		}
		if t := stem(ws[i+2]); !stopWords[ws[i+2]] && t != "" && q.hasTerm(t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// moneyTerm stands, among a sentence's terms, for a sum written with a
// currency sign ("$20"); it is no word, so no question's term meets it.
const moneyTerm = "$"

// currencyRE finds a sum written with a currency sign.
var currencyRE = regexp.MustCompile(`[$£€¥]\s?\d`)

// currencyWords name units of money: a sentence giving a sum says one of
// them, or a currency sign ("cut costs by 40 percent" gives no sum).
var currencyWords = []string{"dollar", "dollars", "pound", "pounds", "euro", "euros", "cent", "cents", "pence", "yen", "rupees"}

// costVerbs, after "how much", ask a sum of money: "how much does it
// cost", "how much do librarians get paid".
var costVerbs = []string{"cost", "costs", "charge", "charges", "paid", "pay", "earn", "earns", "spend", "spent"}

// asksCost reports "how much" asked of what something costs: "how much
// does a tesla cost", "how much would it cost to train one", "how much is
// a lego kit".
func asksCost(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "how" && ws[i+1] == "much" {
			if i+3 < len(ws) && (ws[i+2] == "is" || ws[i+2] == "are" || ws[i+2] == "s") && (ws[i+3] == "a" || ws[i+3] == "an") {
				return true // "how much is a lego kit": a thing's price
			}
			return slices.ContainsFunc(ws[i+2:], func(v string) bool {
				return slices.Contains(costVerbs, v)
			})
		}
	}
	return false
}

// numbered reports whether a sentence of section s gives a number together
// with what the question counts: "how many words" is answered by "billions
// of words", "how much does a gpu cost" not by it; and together with the
// thing named that it is asked of ("gpt-4's context window" is not answered
// by the windows of early models). A question that names nothing to count
// needs any number.
func (ix *Index) numbered(s int, counted, named []string) bool {
	st := ix.loadTerms(s)
	for _, a := range st.numbered {
		counts := func(t string) bool { return slices.Contains(a.counted, t) }
		about := func(t string) bool { return slices.Contains(a.about, t) }
		if (len(counted) == 0 || slices.ContainsFunc(counted, counts)) && (len(named) == 0 || slices.ContainsFunc(named, about)) {
			return true
		}
	}
	// An amount in words counts only what follows it ("a few seconds of
	// audio" is how many seconds; "a few" anywhere in a sentence on cost
	// is no price).
	for _, fa := range st.fewAmounts {
		counts := func(t string) bool { return slices.Contains(fa.counted, t) }
		about := func(t string) bool { return slices.Contains(fa.about, t) }
		if len(counted) > 0 && slices.ContainsFunc(counted, counts) && (len(named) == 0 || slices.ContainsFunc(named, about)) {
			return true
		}
	}
	return false
}

// namedIn are the question's names of particular things ("gpt-4",
// "claude"): rare words the articles know that are not their subjects.
func (ix *Index) namedIn(q *question) []string {
	var out []string
	for _, t := range q.terms {
		if !t.cue && t.rareKnown() && !ix.anchors[t.term] && ix.topics[t.term] == nil {
			out = append(out, t.term)
		}
	}
	return out
}

// sentenceEnd cuts text into sentences and lines.
var sentenceEnd = regexp.MustCompile(`[.!?](\s+|$)|\n+`)

// instructs reports a section that tells the reader what to do: its
// heading, or two of its list's items (by their labels or what follows),
// open with a verb's base form and a word of grammar, as orders do ("Get
// It to Quiz You", "Set the role: start with ...", "Flashcards: paste in
// your notes"). A paragraph's "imagine a photo" explains; it gives no step.
func (ix *Index) instructs(sec *knowledge.Section) bool {
	if !strings.HasSuffix(sec.Heading, "?") && ix.imperative(words(sec.Heading)) {
		return true // "Can You Trust ...?" asks: "can" is a verb too
	}
	n := 0
	for _, b := range sec.Blocks {
		if b.Kind != knowledge.Item {
			continue
		}
		text := b.Text
		if b.Label != "" {
			text = strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(text, b.Label)), ":")
		}
		if ix.imperative(words(b.Label)) || slices.ContainsFunc(sentenceEnd.Split(text, -1), func(s string) bool { return ix.imperative(words(s)) }) {
			n++
		}
	}
	return n >= 2
}

// imperative reports words that open with a verb's base form followed by
// a word of grammar: "ask for", "set the", "compare what".
func (ix *Index) imperative(ws []string) bool {
	if len(ws) < 2 || !stopWords[ws[1]] {
		return false
	}
	return ix.baseVerb(ws[0])
}

// baseVerb reports a verb's base form: "ask", "die"; not "asked".
func (ix *Index) baseVerb(w string) bool {
	word, ok := ix.lex.Lookup(w)
	return ok && word.Lemma == w && strings.Contains(word.POS, "v")
}

// makerBehind reports, at ws[i], who or which company is behind
// something: "who is behind llama", "whos behind chatgpt", "which company
// was behind claude" ask who makes it, not what works inside it.
func makerBehind(ws []string, i int) bool {
	at := func(j int, set ...string) bool { return j < len(ws) && slices.Contains(set, ws[j]) }
	switch w := ws[i]; {
	case w == "whos" || w == "who's":
		return at(i+1, "behind")
	case w == "who":
		return at(i+1, "is", "was", "are", "were") && at(i+2, "behind")
	case w == "what" || w == "which":
		return at(i+1, makerNouns...) && at(i+2, "is", "was", "are", "were") && at(i+3, "behind")
	}
	return false
}

// sourceNamed reports words after "on" or "from" that name what is
// learned from: a word that is no word of grammar, after an article or a
// possessive or none.
func sourceNamed(ws []string) bool {
	for _, w := range ws {
		switch {
		case slices.Contains(determiners, w):
			continue
		case stopWords[w]:
			return false
		}
		return true
	}
	return false
}

// determiners open a noun phrase before its own words: "from the
// engines", "on their data".
var determiners = []string{"a", "an", "the", "their", "its", "his", "her", "my", "your", "our", "these", "those", "this", "that"}

// doesAsked reports whether section s says the doing a procedure asks
// of: "how do i reverse image search" is not answered by the steps for
// checking a cited source, which reverse nothing. The verb after "how do
// i" must be said there, or a word the lexicon relates to it, unless it
// is too common to tell what is done ("make", "get", "write").
func (ix *Index) doesAsked(s int, q *question) bool {
	if q.procedure < 0 {
		return true
	}
	t := q.terms[q.procedure]
	return ix.knows(s, t.term) || slices.ContainsFunc(t.also, func(a string) bool { return ix.knows(s, a) })
}

// procedureVerb is the index in q.terms of the telling verb of "how do
// i", "how can i", "how should i", or -1 if the question asks none.
func (ix *Index) procedureVerb(q *question) int {
	ws := q.words
	for i := 0; i+3 < len(ws); i++ {
		if ws[i] != "how" || !slices.Contains([]string{"do", "can", "should"}, ws[i+1]) || ws[i+2] != "i" {
			continue
		}
		if !ix.baseVerb(ws[i+3]) {
			return -1
		}
		k := slices.IndexFunc(q.terms, func(t qterm) bool { return t.word == ws[i+3] })
		if k < 0 || q.terms[k].weight < minFocusWeight {
			return -1
		}
		return k
	}
	return -1
}
