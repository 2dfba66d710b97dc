package index

import (
	"cmp"
	"context"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/explainbot/explainbot/knowledge"
)

// Tuning of the answer. The values were chosen on the principles in the
// comments, then checked against the public questions; they are not fitted
// to any one question.
const (
	// minCoverage is the share of the question's weight (its content words,
	// each weighing its rarity in general English) that the articles must
	// know for an answer: a question whose telling words the articles never
	// use is about something else, however well a common word matches.
	minCoverage = 0.5
	// spreadCoverage is the line for a question whose words the articles
	// nearly all use, at most maxUnknownShare of its weight unknown to
	// them, and which asks for no fact of a type (a date, a number, a
	// name) nor a definition (see question.spread): its words are spread
	// over sections, so the best one holds less of it ("will a model i
	// downloaded still work with no internet"), yet it is about what they
	// discuss. The section that answers must hold that much itself, and
	// the answer is Partial. A question that asks for a fact keeps
	// minCoverage: sharing every word is how one about something else
	// still looks ("who directed the movie i, robot").
	spreadCoverage  = 0.4
	maxUnknownShare = 0.25
	// unanchoredCoverage is the share needed by a question that names none
	// of the articles' subjects (the telling words of their titles, which
	// every section is about): its words that an article knows may mean
	// something else there ("llamas", "diffusion in chemistry", "the bard"),
	// so more of it must be known.
	unanchoredCoverage = 0.7
	// anchorWeight is the least weight of a title word that anchors a
	// question: "ai" and "llm" do, "model" and "language" are too common.
	anchorWeight = 0.5
	// topicWeight is the least weight of a title word that its article's
	// headings name too for it to be that article's topic (see
	// Index.topics): "temperature" and "context" are, "models" and
	// "large" too common.
	topicWeight = 0.25
	// headingBoost makes a heading match weigh more than the same word in the body.
	headingBoost = 1.5
	// labelBoost weighs a match in a line's label ("Bias & fairness: ...").
	labelBoost = 1.5
	// anchorBoost weighs the articles' subjects ("ai", "llm") in the search:
	// every section is about them, so they say little about which one is
	// meant when the question has other words ("why does the ai get random").
	anchorBoost = 0.4
	// synonymBoost and relatedBoost weigh a synonym's or a related word's
	// match below the word's own: they never outrank an exact match.
	synonymBoost = 0.5
	relatedBoost = 0.3
	// minContent is the least weight of content words that makes a question
	// more than its form: below it ("can u compare them side by side"), the
	// articles' own subject is meant.
	minContent = 0.15
	// kindBonus raises a section of the kind the question asks for by this
	// share of the best section's score: enough to put "Conclusion" first for
	// "what's the future of genai" although every section names genai, not
	// enough to lift a section that matches nothing but its kind.
	kindBonus = 1
	// kindMargin is how much more of a question another section must hold
	// for a section of the kind asked, about a subject the question does
	// not name, to lose its kind's bonus (see aboutElse); as a
	// comparison's section must hold leadMargin more to lead over one of
	// the kind asked.
	kindMargin = leadMargin
	// restateDiscount weighs a summary section (an introduction, a
	// conclusion) against the sections it restates, for a question that
	// asks no summary.
	restateDiscount = 0.8
	// rowUnitDiscount weighs a comparison row's unit against the passages
	// of other sections, for a question that asks no difference (see
	// search). 0.8 gained as much over the question sets; 0.7 cost a
	// held-out set its floor.
	rowUnitDiscount = 0.9
	maxHits         = 3
	// hitRatio keeps a section as a further hit only if it scores this share
	// of the best one.
	hitRatio   = 0.5
	maxRelated = 4
	// maxUnits is how many units one search returns: enough to rank the
	// sections behind the hits and the related topics.
	maxUnits = 64
	// maxTermSearchers bounds the searchers one question may open.
	maxTermSearchers = 1024
	// maxExpansions bounds the synonyms, and the related words, searched
	// for one word; minExpandWeight is the least weight of a word whose
	// related words are searched at all ("work", "make" say too little for
	// their relatives to help, and each relative is a posting list to walk).
	maxExpansions   = 4
	minExpandWeight = 0.3
	// maxClauses bounds the term clauses of one question's search.
	maxClauses = 48
	// coverageLead is how much more of the question a section must hold to
	// lead over a first section scoring at least nearScore of it.
	coverageLead = 0.2
	nearScore    = 0.5
	// noteNear is how near the built-in article's first section a
	// teacher's note must score to lead it on holding as much.
	noteNear = 0.8
	// wholeLead is how much more a section that holds all of the question
	// must hold to lead so ("where do they even get all the pictures to
	// teach the ai" is how image models learn, holding every word, over
	// text-to-image tools, holding most): a whole table asked for stays
	// with the table's section.
	wholeLead = 0.1
	// A section holding nearlyAll of a question of concerns, and
	// concernLead more than the first, a section on concerns, leads over
	// it: the concern is asked of what that section is about ("are there
	// things ai weather forecasters are bad at" is the section on weather
	// forecasting, not the risks of AI in medicine). Otherwise the section
	// on concerns keeps the lead ("who legally owns a picture made by
	// ai": the picture is what the concern is about).
	nearlyAll   = 0.8
	concernLead = 0.3
	// maxJudged is how many of the best sections the confidence looks at
	// (maxJudgedTyped for a question that needs a type of answer, which
	// few sections hold); maxKinded how many may win on their kind.
	maxJudged      = 3
	maxJudgedTyped = 8
	maxKinded      = 8
	// anywhereWeight: a word of the articles this rare in general English
	// (a name, a term of the field) counts as known to every section.
	anywhereWeight = 0.8
)

// fieldBoost weighs a match by the field it is in.
var fieldBoost = map[string]float64{fieldBody: 1, fieldHeading: headingBoost, fieldLabels: labelBoost}

// fieldBit is each searched field's bit in Index.inFields.
var fieldBit = map[string]uint8{fieldBody: 1, fieldHeading: 2, fieldLabels: 4}

// Ask answers one question. It never fails: a question it cannot answer,
// including empty or malformed input, gets Answered false and topics to try.
//
// A long message the articles cannot answer as a whole may still ask
// something answerable in one of its sentences or clauses ("ok so i was
// reading this for the group project ... what i need to know is how they
// are actually different"): the best such clause that asks something is
// answered instead, quoted as the whole message was asked.
func (ix *Index) Ask(ctx context.Context, question string) Answer {
	ans := ix.ask(ctx, question)
	if ans.Answered || len(words(question)) < minChatterWords {
		return ans
	}
	for _, c := range clauses(question) {
		if !asksSomething(c) {
			continue
		}
		if a := ix.ask(ctx, c); a.Answered && a.Confidence > ans.Confidence {
			a.Question = question
			ans = a
		}
	}
	return ans
}

// minChatterWords is the shortest message searched clause by clause.
const minChatterWords = 15

// clauses cuts a message at sentence ends and at the commas and
// conjunctions that join its clauses.
func clauses(text string) []string {
	var out []string
	for _, part := range clauseBreak.Split(text, -1) {
		if part = strings.TrimSpace(part); len(words(part)) >= 2 {
			out = append(out, part)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

var clauseBreak = regexp.MustCompile(`[.!?;:\n]+|,\s+(?:so|but|and|like|because|bc|cuz)?\b|\s+(?:so|but|because|bc|cuz)\s+`)

// asksSomething reports whether a clause has the form of a question: a
// question word, a question mark, or a request to explain.
func asksSomething(clause string) bool {
	ws := withoutFillers(words(clause))
	for i, w := range ws {
		switch w {
		case "what", "whats", "how", "why", "which", "who", "when", "where", "difference", "vs":
			return true
		case "is", "are", "does", "do", "can", "explain", "tell", "describe":
			if i == 0 {
				return true // "is it ...", "explain ..."
			}
		}
	}
	return strings.Contains(clause, "?")
}

// ask answers one question as a whole.
func (ix *Index) ask(ctx context.Context, question string) Answer {
	ans := Answer{Question: question}
	q := ix.parse(question)
	ranked, units, err := ix.search(ctx, &q)
	if err != nil {
		ix.lg.Warn("search failed", "err", err)
		ans.Related = ix.mainTopics(nil, maxRelated)
		return ans
	}
	// The first sections are judged by how much of the question they
	// hold: one that holds clearly more than the first, and scores near it,
	// leads ("why does the ai get random sometimes" is the section on
	// randomness, not the one headed "AI"; near is judged without the
	// first's heading, whose words may only repeat the question's topic:
	// "has a self driving car ever killed someone" is the section on
	// safety, not the one headed "How Does a Self-Driving Car Decide?"),
	// unless a concern is asked and only the first is on concerns (in "who
	// legally owns a picture made by ai" the picture is what the concern is
	// about) and the other, of the same article, does not hold nearly all
	// of it: a section of another article treats on its own what a list of
	// concerns names in passing (a teacher's note on why models
	// hallucinate, over the article's ethics); so does the best one
	// that answers at all when the first cannot ("how big are context
	// windows" needs a number), unless only the first is of the kind asked
	// ("how does something like chatgpt produce an answer" is how LLMs work,
	// not the use case that "produces" music).
	lead, leadCov := 0, -1.0
	judged := maxJudged
	if q.need != needNothing {
		judged = maxJudgedTyped // few sections hold a date, a number, a source
	}
	for i := range min(len(ranked), judged) {
		c := ix.coverage(&q, ranked[i].section)
		ans.Confidence = max(ans.Confidence, c)
		clearlyMore := c > leadCov+coverageLead || holdsAll(c) && c > leadCov+wholeLead && !q.whole && !q.tableNamed
		switch {
		case i == 0:
			leadCov = c
		case lead == 0 && ix.isNote(ranked[i].section) && !ix.isNote(ranked[0].section) && c >= leadCov &&
			ranked[i].score >= noteNear*ranked[0].score && (ranked[i].suits || !ranked[0].suits):
			// A teacher's note that holds as much of the question as the
			// built-in article's first section, and scores near it, is the
			// class's own account of it ("there's some knob that makes the
			// robot more wild or more boring" is the note on temperature,
			// not how LLMs work).
			lead, leadCov = i, c
		case leadCov < minCoverage && c >= minCoverage && (ranked[i].suits || !ranked[0].suits),
			clearlyMore && ranked[i].score >= nearScore*(ranked[0].score-ranked[0].heading) && (ranked[i].suits || !ranked[0].suits || q.kind != kindConcerns || c >= nearlyAll && c > leadCov+concernLead || !ix.sameArticle(ranked[i].section, ranked[0].section)):
			lead, leadCov = i, c
		}
	}
	if lead > 0 {
		h := ranked[lead]
		ranked = append([]hit{h}, append(ranked[:lead:lead], ranked[lead+1:]...)...)
	}
	// Declined whatever the sections hold: "how do wind turbines make
	// electricity" (the section that lists wind turbines among sources of
	// power says nothing of how they work; a worker of no telling word,
	// "a computer", is only sought: see worker.telling); "what can you
	// do", "help" (a question about the bot, which the topics answer);
	// "is gemini an llm", "what's google gemini", "what is chomsky's
	// generative grammar" (what is asked of is something the articles
	// never name, or belongs to someone they never name); "write me a
	// poem" (the bot is asked to make what no source says).
	elsewhere := len(ranked) > 0 && ix.workingElsewhere(&q, ranked[0].section)
	for i := 1; elsewhere && i < min(len(ranked), maxJudged); i++ {
		// "how does the radar know where it's raining": the section headed
		// by what works ("Eyes in the Sky: Satellites and Radar") tells
		// it, though one naming it in passing found more of the words.
		if h := ranked[i]; (h.text > 0 || h.heading > 0) && !ix.workingElsewhere(&q, h.section) {
			ranked = append([]hit{h}, append(ranked[:i:i], ranked[i+1:]...)...)
			leadCov, elsewhere = ix.coverage(&q, h.section), false
		}
	}
	declined := elsewhere && q.worker.telling || asksOfBot(&q) ||
		categorizes(q.words) && q.unknownFocus() || q.strangeOwner || q.strangeName || q.production
	if declined {
		ans.Confidence = 0
	}
	// A question that points to a place in an article ("in the closing
	// part, what does the author say") is about that article by its own
	// words: the section there answers it.
	placed := q.place != noPlace && len(ranked) > 0 && ranked[0].section == q.at
	// A difference asked between two things a table compares is the
	// table's to answer, however little of the rest the articles say
	// ("summarise all the pros n cons of open vs closed models in one go",
	// "compare rules vs machine learning for running a smart home"); so is
	// one asked of "which one" or "each one", the two left unnamed, whose
	// words a row of a table holds ("which one copes better with unusual
	// illnesses it has hardly seen before"). A difference whose row a
	// table finds, its section leading the answer, needs only the softer
	// line of spreadCoverage: the row says the difference asked.
	// The comparison asked is worked out once: the line may need it, and
	// the answer does.
	type tableAnswer struct {
		row   *RowMatch
		table *knowledge.Comparison
		leads bool
	}
	var got *tableAnswer
	asked := func() *tableAnswer {
		if got == nil {
			got = &tableAnswer{}
			got.row, got.table, got.leads = ix.comparison(&q, ranked, units)
		}
		return got
	}
	compared := func() bool {
		if q.kind != kindDiffer && !q.whole {
			return false
		}
		if ix.namesTwoSubjects(&q) || ix.pairsSubjects(&q) {
			return true
		}
		row, leads := asked().row, asked().leads
		return q.kind == kindDiffer && row != nil && (whichOne(q.words) || leads && ans.Confidence >= spreadCoverage)
	}
	if len(ranked) == 0 || declined || !q.clears(ans.Confidence, leadCov) && !placed && !compared() {
		ans.Related = ix.mainTopics(ranked, maxRelated)
		return ans
	}
	ans.Answered, ans.Partial = true, ans.Confidence < minCoverage
	ans.Row, ans.Table = asked().row, asked().table
	ix.place(&ans)
	if c := ans.comparisonAsked(); c != nil && asked().leads {
		// A question about how the compared subjects differ is answered by the
		// comparison's own section, whatever else mentions the subjects.
		ranked = ix.promote(ranked, c)
	}
	best := ranked[0].score
	for i, h := range ranked {
		if i < maxHits && h.score >= hitRatio*best {
			hit := Hit{Topic: ix.topic(h.section), Score: h.score}
			hit.Excerpt, hit.Highlights = ix.excerpt(h.passage, &q)
			ans.Hits = append(ans.Hits, hit)
			continue
		}
		if len(ans.Related) < maxRelated && ix.section(h.section).ID != introductionID {
			ans.Related = append(ans.Related, ix.topic(h.section))
		}
	}
	return ans
}

// isNote reports whether section s belongs to a teacher's note, not the
// built-in article.
func (ix *Index) isNote(s int) bool {
	return ix.articles[ix.sections[s].article].Path != knowledge.BuiltinPath
}

// sameArticle reports whether sections s and t belong to one article.
func (ix *Index) sameArticle(s, t int) bool { return ix.sections[s].article == ix.sections[t].article }

// clears reports whether an answer to q clears the line: the best of the
// judged sections holds minCoverage of it, or, for a question whose words
// the articles nearly all use and that asks for no fact of a type (see
// spreadCoverage), the answering section itself (lead) holds
// spreadCoverage.
func (q *question) clears(best, lead float64) bool {
	return best >= minCoverage || lead >= spreadCoverage && q.spread()
}

// spread reports a question that asks for no fact of a type and whose
// weight the articles nearly all know: at most maxUnknownShare of it is
// unknown to them. A definition is never spread: what it asks of is one
// thing, which one section must hold ("what is chain of thought prompting"
// is not how LLMs work, though they respond to a prompt).
func (q *question) spread() bool {
	if q.need != needNothing || q.kind == kindDefine {
		return false
	}
	unknown, all := 0.0, 0.0
	for _, t := range q.terms {
		if !t.cue {
			all += t.weight
			unknown += t.weight * (1 - t.known)
		}
	}
	return all > 0 && unknown/all <= maxUnknownShare
}

// coverage is the share of the question's weight that section s knows: a
// right answer holds what was asked, so "how long does copyright last on a
// book" is not answered by a section that knows only "copyright" while
// another knows "books". Words of the question's form weigh nothing ("what
// are the risks of cooking" is about cooking); a rare word of the articles
// (a name such as "chatgpt") is known to every section, as the articles'
// own subject is.
func (ix *Index) coverage(q *question, s int) float64 {
	return ix.cover(q, s, false)
}

// cover is coverage; strict counts only the words section s itself holds,
// names and the corpus's subjects included, to tell which of two sections
// holds more of the question.
func (ix *Index) cover(q *question, s int, strict bool) float64 {
	if !ix.has(s, q) {
		return 0
	}
	if q.formOnly() {
		// Only words of form ("what's the difference?"): the articles'
		// own subject is meant, if the question has a kind at all.
		if q.kind != kindNone || q.tableNamed {
			return minCoverage
		}
		return 0
	}
	var have, bySynonym, all float64
	anchored, ownWord := q.aboutIt, false
	a := ix.sections[s].article
	for _, t := range q.terms {
		if t.cue {
			continue
		}
		all += t.weight
		if t.compound > 0 && !ix.saysCompound(s, q.openCompounds[t.compound-1]) {
			continue // "role model" of a section on roles that models play
		}
		anchored = anchored || ix.anchors[t.term] || ix.topics[t.term] != nil
		// A title word is known to its own article's sections, and to
		// every section when the articles it titles hold most of them
		// ("ai"); a note's title word alone ("robots") is the note's.
		anchor := ix.anchoring[t.term][a] || ix.corpusAnchors[t.term]
		switch {
		case ix.knows(s, t.term) || !strict && (anchor || ix.topics[t.term][a] || t.everywhereIn(a)):
			have += t.weight
			ownWord = true
		case slices.ContainsFunc(t.syn, func(a string) bool { return ix.knows(s, a) }),
			q.kind == kindDiffer && slices.ContainsFunc(t.rel, func(a string) bool { return ix.isFeature(s, a) }):
			// Asking a difference, a word related to a feature the
			// section's table compares names it as a synonym would ("the
			// goal of each" is the Purpose row's).
			bySynonym += t.weight
		case slices.ContainsFunc(t.rel, func(a string) bool { return ix.knows(s, a) }):
			have += t.weight * relatedKnown
		case slices.ContainsFunc(t.def, func(a string) bool { return ix.knows(s, a) }):
			have += t.weight * definedKnown
		}
	}
	if anchored || ownWord {
		have += bySynonym * synonymKnown
	} else {
		// A question that names no subject of the articles and none of
		// whose own words they use shares at most a sense with them
		// ("tie a tie" is not about parts "connected"): its synonyms
		// count as related words.
		have += bySynonym * relatedKnown
	}
	cov := have / all
	if !anchored {
		// Scaled so that minCoverage stays the one line to cross.
		cov *= minCoverage / unanchoredCoverage
	}
	return cov
}

// everywhere reports whether t is a rare word of the articles that counts
// as known to sections that do not say it (see qterm.everywhereIn): a word
// that more than one section uses, or a name coined for something
// ("chatgpt", "midjourney") that the articles list, in a table's cells or
// as a line's label. A rare word of one section, said there in passing, is
// that section's ("photosynthesis" in a sample prompt, "captions" in a note
// on how image models learn), not the articles'. It also returns whether t
// is a glossary's name ("chatbot"), whether it is a name the articles coin
// and list, and how many sections of each article hold it.
func (ix *Index) everywhere(t qterm) (everywhere, fieldName, coined bool, held map[int]int) {
	if !t.rareKnown() {
		return false, false, false, nil
	}
	coined = !ix.lex.IsWord(t.word) && ix.catalogued[t.term]
	held = ix.sectionsHolding(t.term)
	n := 0
	for _, c := range held {
		n += c
	}
	return coined || n > 1, ix.fieldNames[t.term], coined, held
}

// sectionsHolding counts, per article, the sections whose units hold
// term, up to two each, once per term: the question's rare words are few,
// and each is one short posting list.
func (ix *Index) sectionsHolding(term string) map[int]int {
	if n, ok := ix.spans.Load(term); ok {
		return n.(map[int]int)
	}
	held := map[int]int{}
	count := func(s int) {
		a := ix.sections[s].article
		held[a] = min(held[a]+1, 2)
	}
	clauses := ix.termQueries(term, 1, fieldBody, fieldHeading, fieldLabels)
	res, err := ix.idx.Search(bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(clauses...), maxUnits, 0, false))
	if err != nil {
		// The sections' own terms say the same, a section at a time (the
		// question's own search, failing too, says so in the log).
		for s := range ix.sections {
			if ix.knows(s, term) {
				count(s)
			}
		}
		ix.spans.Store(term, held)
		return held
	}
	seen := map[int]bool{}
	for _, m := range res.Hits {
		if u, err := strconv.Atoi(m.ID); err == nil && u >= 0 && u < len(ix.units) {
			if s := ix.units[u].section; !seen[s] {
				seen[s] = true
				count(s)
			}
		}
	}
	ix.spans.Store(term, held)
	return held
}

// isFeature reports whether term is a feature of a table in section s.
func (ix *Index) isFeature(s int, term string) bool {
	for _, t := range ix.tables {
		if t.section == s && slices.ContainsFunc(t.features, func(f []string) bool { return slices.Contains(f, term) }) {
			return true
		}
	}
	return false
}

// termQueries looks for term in each of fields that holds it, weighed by
// boost and by the field's weight: a field that lacks the term would only
// open a searcher that matches nothing.
func (ix *Index) termQueries(term string, boost float64, fields ...string) []query.Query {
	out := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		if ix.inFields[term]&fieldBit[f] == 0 {
			continue
		}
		tq := bleve.NewTermQuery(term)
		tq.SetField(f)
		tq.SetBoost(boost * fieldBoost[f])
		out = append(out, tq)
	}
	return out
}

// hit is one section's best unit for a question.
type hit struct {
	section int
	unit    int // the best-scoring unit other than the heading; -1 if none
	passage int // the passage unit to quote
	// text and heading are the scores of the best unit and of the heading;
	// score is the section's, their sum raised for a section of the kind asked.
	text, heading, score float64
	suits                bool // the section is of the kind asked
	holds                bool // the section can hold the type of answer asked
}

// unitHit is one unit's score.
type unitHit struct {
	unit  int
	score float64
}

// search ranks the sections for q, best first, and returns the units it
// scored, best first.
func (ix *Index) search(ctx context.Context, q *question) ([]hit, []unitHit, error) {
	var clauses []query.Query
	add := func(term string, boost float64, fields ...string) {
		clauses = append(clauses, ix.termQueries(term, boost, fields...)...)
	}
	all := []string{fieldBody, fieldHeading, fieldLabels}
	for _, t := range q.terms {
		switch {
		case t.known == 1 && ix.anchors[t.term]:
			add(t.term, anchorBoost, all...)
		case t.known == 1:
			add(t.term, 1, all...)
		}
		// A related word is looked for in the text alone, and only the
		// first few of a word the articles lack: each is one more posting
		// list to walk.
		if t.weight < minExpandWeight || t.known == 1 {
			continue
		}
		for _, a := range t.syn[:min(len(t.syn), maxExpansions)] {
			add(a, synonymBoost, fieldBody)
		}
		for _, a := range t.rel[:min(len(t.rel), maxExpansions)] {
			add(a, relatedBoost, fieldBody)
		}
	}
	if len(clauses) == 0 {
		return ix.byKind(q), nil, nil
	}
	clauses = clauses[:min(len(clauses), maxClauses)]
	// bleve sets aside room for as many hits as are asked: a corpus of
	// fewer units than maxUnits asks no more than it has.
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(clauses...), min(maxUnits, len(ix.units)), 0, false)
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	found := make([]unitHit, 0, len(res.Hits))
	for _, m := range res.Hits {
		if u, err := strconv.Atoi(m.ID); err == nil && u >= 0 && u < len(ix.units) {
			found = append(found, unitHit{u, m.Score})
		}
	}
	// Units of equal score come in the order of bleve's internal document
	// numbers, which a batch assigns in no fixed order: the same question
	// could rank its sections differently in two builds of one corpus.
	// They are put in the order of their IDs.
	slices.SortFunc(found, func(a, b unitHit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.unit, b.unit)
	})
	var units []unitHit
	bySection := map[int]int{} // section -> index in ranked
	var ranked []hit
	for _, m := range found {
		u := m.unit
		un := ix.units[u]
		i, seen := bySection[un.section]
		if !seen {
			i = len(ranked)
			bySection[un.section] = i
			ranked = append(ranked, hit{section: un.section, unit: -1, passage: un.shown})
		}
		h := &ranked[i]
		if un.kind == headingUnit {
			h.heading = m.score
			continue
		}
		units = append(units, m)
		score := m.score
		if un.kind == rowUnit && q.kind != kindDiffer && !q.tableNamed && ix.rowHeld(q, un.table, un.row) < 2 {
			// A row's unit is a few words long, so one word it shares with
			// the question scores it over a passage that says more; unless
			// a difference is asked, or the row holds two of the
			// question's words, it counts for its section at a discount
			// ("how do robots actually see stuff" is how robots sense the
			// world, not a driver compared with a self-driving car).
			score *= rowUnitDiscount
		}
		if h.unit < 0 || score > h.text {
			h.unit, h.passage, h.text = u, un.shown, score // the section's best unit, as counted
		}
	}
	top := 0.0
	asksSummary := q.kind == kindOutlook || q.kind == kindOverview
	for i := range ranked {
		h := &ranked[i]
		h.score = h.text + h.heading
		if k := ix.kinds[h.section].kind; !asksSummary && (k == kindOutlook || k == kindOverview) {
			// An introduction or a conclusion restates what the sections
			// between explain: "can ai make music" is answered where
			// music is explained, not where it is mentioned again.
			h.score *= restateDiscount
		}
		top = max(top, h.score)
	}
	if q.kind != kindDefine && q.kind != kindNone {
		// A section of the kind asked answers it even when it repeats none
		// of its words: "what's the main takeaway" is the conclusion.
		for _, k := range ix.byKind(q) {
			if _, seen := bySection[k.section]; !seen {
				k.score = 0
				ranked = append(ranked, k)
			}
		}
	}
	if slices.Contains(listed, q.need) {
		// A section that holds the type of answer asked answers even when
		// it repeats none of the question's words, as one of the kind
		// asked does; the confidence still needs the question's words.
		for _, sec := range ix.holders(q.need) {
			if _, seen := bySection[sec]; !seen && ix.has(sec, q) {
				bySection[sec] = len(ranked)
				ranked = append(ranked, hit{section: sec, unit: -1, passage: ix.secUnits[sec].first})
			}
		}
	}
	// Only the first sections can win on their kind; judging the rest
	// would cost, at library scale, for nothing.
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].score > ranked[j].score })
	// When the question names the whole subject of a heading it matched
	// ("the context window"), a section of the kind asked must be about
	// that subject too: see suits.
	var topical []int // the sections whose whole heading topic the question names
	for _, h := range ranked[:min(len(ranked), maxKinded)] {
		if h.heading > 0 && ix.namesTopic(q, h.section) {
			topical = append(topical, h.section)
		}
	}
	lead := -1 // the article of the best section found for a word
	if len(ranked) > 0 && (ranked[0].text > 0 || ranked[0].heading > 0) {
		lead = ix.sections[ranked[0].section].article
	}
	q.at = ix.placed(q, lead, ranked)
	heldMost := sync.OnceValue(func() map[int]float64 {
		// the most of the question a section the search found holds, by article
		best := map[int]float64{}
		for _, h := range ranked[:min(len(ranked), maxKinded)] {
			if h.text > 0 || h.heading > 0 {
				a := ix.sections[h.section].article
				best[a] = max(best[a], ix.coverage(q, h.section))
			}
		}
		return best
	})
	titled := ix.titledArticles(q)
	kinded := min(len(ranked), maxKinded)
	if q.at >= 0 {
		kinded = 0 // the place asked answers, not a section of the kind asked
	}
	for i := range kinded {
		h := &ranked[i]
		if h.text == 0 && h.heading == 0 && !q.formOnly() && ix.sections[h.section].article != lead {
			// A section no word of the question found wins on its kind in
			// the article the question's words point to, not in another
			// ("why are gans a pain to train", of notes on GANs, is not
			// how LLMs work).
			continue
		}
		if ix.sections[h.section].article != lead && !q.formOnly() && !ix.holdsTelling(h.section, q) {
			// Nor does one found, in another article, by common words
			// alone ("answers" of the honest answer to a question on
			// factory jobs, asked how chatbots come up with theirs).
			continue
		}
		var topic namedTopic
		for _, ts := range topical {
			topic = max(topic, ix.topicOf(ts, ix.sections[h.section].article))
		}
		if ix.suits(h.section, q, topic) && !ix.aboutElse(q, h.section, heldMost, titled) {
			h.score += kindBonus * top
			h.suits = true
		}
	}
	if q.at >= 0 {
		// "according to the start of the article": the section at that
		// place answers, whatever kind the rest of the question reads as.
		i := slices.IndexFunc(ranked, func(h hit) bool { return h.section == q.at })
		if i < 0 {
			ranked = append(ranked, hit{section: q.at, unit: -1, passage: ix.secUnits[q.at].first})
			i = len(ranked) - 1
		}
		ranked[i].score += kindBonus * top
		ranked[i].suits = true
	}
	// A section that cannot hold the type of answer asked (a number for
	// "how much", a date for "when") ranks below all that can.
	if q.need != needNothing {
		for i := range min(len(ranked), maxKinded) {
			ranked[i].holds = ix.has(ranked[i].section, q)
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool {
		a, b := ranked[i], ranked[j]
		if a.holds != b.holds && q.need != needNothing {
			return a.holds
		}
		return a.score > b.score || a.score == b.score && a.suits && !b.suits
	})
	return ranked, units, nil
}

// holdsTelling reports whether section s holds a word of q that says
// something: one of minFocusWeight or more, not of its form.
func (ix *Index) holdsTelling(s int, q *question) bool {
	return slices.ContainsFunc(q.terms, func(t qterm) bool { return !t.cue && t.weight >= minFocusWeight && ix.knows(s, t.term) })
}

// byKind ranks the sections of the kind q asks for, in the articles'
// order, for a question of form alone ("tldr?", "what's the difference").
func (ix *Index) byKind(q *question) []hit {
	var out []hit
	if q.kind == kindNone {
		return nil
	}
	for _, s := range ix.ofKind[q.kind] {
		out = append(out, hit{section: s, unit: -1, passage: ix.secUnits[s].first, score: 1})
	}
	return out
}

// mainTopics suggests where to look: the sections the search found first,
// then each article's sections in order; never the synthetic introduction.
func (ix *Index) mainTopics(ranked []hit, n int) []Topic {
	var out []Topic
	seen := map[int]bool{}
	add := func(s int) {
		if len(out) < n && !seen[s] && ix.section(s).ID != introductionID {
			seen[s] = true
			out = append(out, ix.topic(s))
		}
	}
	for _, h := range ranked {
		add(h.section)
	}
	for s := range ix.sections {
		add(s)
	}
	return out
}

const introductionID = "introduction"

// aboutElse reports a section of the kind asked whose heading names a
// subject, not the articles' own, that the question does not name, by
// its words or its heading's form, while another section found holds
// clearly more of the question (more than kindMargin): its kind is no
// reason for it to lead. "How Chatbot Phishing Works" does not answer
// "how can my bank tell that a payment was not made by me", which the
// section on how banks fight back holds more of; "How Do LLMs Work" is
// about what every section is about, and answers "how does it pick the
// next word" — unless a section of another article (a teacher's note
// beside it) holds clearly more of the question: "how does copilot guess
// what i am going to type next" is the note on code assistants'. Nor
// does a section lead on its kind when the question names the title of
// another article (titled, see titledArticles), a section of which holds
// at least as much of the question: a teacher's note on banking treats
// "what do watchdogs make banks do about ai bias" where it arises, the
// article's list of ethical challenges only in general; unless the
// question names the whole topic of the section's own heading ("How Do
// Large Language Models Learn From Books?", a note's, names the built-in
// article's title too).
func (ix *Index) aboutElse(q *question, s int, heldMost func() map[int]float64, titled map[int]bool) bool {
	if q.formOnly() {
		return false
	}
	c := -1.0
	cov := func() float64 { // the section's coverage, computed at most once
		if c < 0 {
			c = ix.coverage(q, s)
		}
		return c
	}
	if len(titled) > 0 && !titled[ix.sections[s].article] && !ix.namesTopic(q, s) {
		for a := range titled {
			if heldMost()[a] >= cov() {
				return true
			}
		}
	}
	sk := ix.kinds[s]
	if slices.ContainsFunc(sk.subject, q.hasTerm) ||
		namesForm(q, sk) {
		return false
	}
	best := 0.0
	if !slices.ContainsFunc(sk.subject, func(t string) bool { return !ix.anchors[t] }) {
		if len(sk.subject) == 0 {
			return false
		}
		for a, held := range heldMost() {
			if a != ix.sections[s].article {
				best = max(best, held)
			}
		}
	} else {
		for _, held := range heldMost() {
			best = max(best, held)
		}
	}
	return cov()+kindMargin < best
}

// titledArticles are the articles whose title q names by a word other
// than one that titles most of the corpus ("ai" titles them all, "banks"
// only the note on banking); nil if none.
func (ix *Index) titledArticles(q *question) map[int]bool {
	var titled map[int]bool
	add := func(a int) {
		if titled == nil {
			titled = map[int]bool{}
		}
		titled[a] = true
	}
	for _, t := range q.terms {
		if t.cue || ix.corpusAnchors[t.term] {
			continue
		}
		for a := range ix.anchoring[t.term] {
			add(a)
		}
		for a := range ix.topics[t.term] {
			add(a)
		}
	}
	return titled
}

// rowHeld counts the question's words, not those of its form, that row r
// of table ti holds in its feature or its cells.
func (ix *Index) rowHeld(q *question, ti, r int) int {
	t := &ix.tables[ti]
	n := 0
	for _, qt := range q.terms {
		if qt.cue {
			continue
		}
		held := slices.Contains(t.features[r], qt.term)
		for _, v := range t.values[r] {
			held = held || slices.Contains(v, qt.term)
		}
		if held {
			n++
		}
	}
	return n
}

// holdsAll reports a coverage that is the whole question's weight.
func holdsAll(c float64) bool { return c >= 1-1e-9 }
