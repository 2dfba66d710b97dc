package index

import (
	"regexp"
	"slices"
	"strings"
)

// sectionKind is what a section offers, and the topic its heading names.
type sectionKind struct {
	kind kind
	// subject holds the heading's analyzed terms that are not cue words:
	// "llm" of "How Do LLMs Work".
	subject []string
	// form holds the heading's terms that give it its kind: "train" of
	// "How Training Adjusts the Weights".
	form []string
}

// sectionKinds reads each section's kind from its heading.
func (ix *Index) sectionKinds() []sectionKind {
	out := make([]sectionKind, len(ix.sections))
	withTable := map[int]bool{}
	for _, t := range ix.tables {
		withTable[t.section] = true
	}
	for i := range ix.sections {
		sec := ix.section(i)
		ws := words(sec.Heading)
		sk := sectionKind{}
		has := map[kind]bool{}
		purpose := false // past a "to" that opens what the subject is for
		for j, w := range ws {
			// "Warning Signs to Look For" is of warning signs: the clause
			// says what they are for.
			purpose = purpose || w == "to" && len(sk.subject) > 0 && j+1 < len(ws) && ix.baseVerb(ws[j+1])
			k := ix.cueKindAt(ws, j) // "Where AI Falls Short" is no summary
			has[k] = true
			if k == kindNone && !stopWords[w] && !purpose {
				if t := ix.stem.stem(w); t != "" {
					sk.subject = append(sk.subject, t)
				}
			}
		}
		hasTable := withTable[i]
		switch {
		case sec.ID == introductionID && sec.Level == 1:
			sk.kind = kindOverview
		case has[kindDiffer]:
			sk.kind = kindDiffer
		case len(ws) > 1 && ws[0] == "how" && ws[1] != "to" && !slices.Contains(quantityWords, ws[1]) && slices.ContainsFunc(ws[1:], ix.mechanismVerb), has[kindMechanism]:
			// "How Image Models Learn" tells how something works; "How to
			// Check AI-Written Code" tells the reader what to do (steps: see
			// headingAsks), not how writing code works; "How Much Does Each
			// Answer Cost?" tells an amount.
			sk.kind = kindMechanism
		case has[kindUses] || usesPhrase(ws) || usesNoun(ws), len(ws) > 1 && ws[0] == "what" && capability(ws) && !slices.Contains(people, ws[1]):
			// "What Can AI Do for Drug Discovery?" tells its uses, as the
			// question "what can ai do" asks them; "What You Can Do" is
			// advice to the reader, no use of anything.
			sk.kind = kindUses
		case has[kindConcerns]:
			sk.kind = kindConcerns
		case has[kindOutlook]:
			sk.kind = kindOutlook
		case has[kindOverview]:
			sk.kind = kindOverview
		case len(ws) > 1 && ws[0] == "what" && !advises(ws) || has[kindDefine]:
			// "What Is a Diffusion Model"; "What to Do If You Are
			// Targeted" tells the reader what to do, as "How to" does
			sk.kind = kindDefine
		case hasTable:
			sk.kind = kindDiffer
		case len(sk.subject) > 0 && (len(sk.subject) <= maxBareWords || joinedTopics(ws)):
			sk.kind = kindTopic
		}
		sk.subject, sk.form = ix.withoutForm(sk, ws)
		out[i] = sk
	}
	return out
}

// joinedTopics reports a heading that joins topics with "and", none of
// more than maxBareWords words: "Filter Bubbles and Rabbit Holes" is of
// two topics, each a heading of its own ("what's a rabbit hole" asks it,
// not the table whose row names the rabbit hole's risk).
func joinedTopics(ws []string) bool {
	if !slices.Contains(ws, "and") {
		return false
	}
	n := 0
	for _, w := range ws {
		switch {
		case w == "and":
			n = 0
		case stopWords[w]:
		default:
			if n++; n > maxBareWords {
				return false
			}
		}
	}
	return true
}

// usesNoun reports a heading of "uses" as a noun: "Uses of AI", "Everyday
// Uses", not "Why Training a Big Model Uses So Much Electricity", where it
// is what the model does.
func usesNoun(ws []string) bool {
	i := slices.Index(ws, "uses")
	return i >= 0 && (i+1 == len(ws) || slices.Contains([]string{"of", "for", "in", "and"}, ws[i+1]))
}

// withoutForm drops from a heading's subject the words that give the
// heading its kind: "work" of "How Temperature Works", "use" and "case" of
// "Use Cases of ...". The subject is what the section is about.
func (ix *Index) withoutForm(sk sectionKind, ws []string) (subject, form []string) {
	for _, w := range ws {
		switch {
		case sk.kind == kindMechanism && ix.mechanismVerb(w),
			sk.kind == kindUses && slices.Contains([]string{"use", "uses", "used", "case", "cases"}, w):
			form = append(form, ix.stem.stem(w))
		}
	}
	if len(form) == 0 {
		return sk.subject, nil
	}
	for _, t := range sk.subject {
		if !slices.Contains(form, t) {
			subject = append(subject, t)
		}
	}
	return subject, form
}

// namedTopic is how a question names the topic of a heading it matched.
type namedTopic int

const (
	noTopic namedTopic = iota
	// subjectTopic: the topic is the articles' own subject ("llms" of
	// "How Do LLMs Work"), which a section on concerns is about too.
	subjectTopic
	// ownTopic: a topic of its own ("context window"), which a section
	// headed by no topic ("Ethical Considerations") is not about.
	ownTopic
)

// topicOf is how naming section s's heading topic names a topic, for a
// section of article a: a term of the articles' subjects names a subject
// of a's own, its title's or its table's; a note's subjects are a topic
// of their own to another article ("bias" of notes on bias and fairness is
// no subject of the built-in article's section of concerns).
func (ix *Index) topicOf(s, a int) namedTopic {
	if slices.ContainsFunc(ix.kinds[s].subject, func(t string) bool { return !ix.anchoring[t][a] && !ix.subjectOf[t][a] }) {
		return ownTopic
	}
	return subjectTopic
}

// suits reports whether section s is of the kind question q asks for. A
// definition must be of the question's own subject, its focus: "what is a
// transformer" is not answered by "What Is Generative AI", nor "what is
// inference in llms" by "What Are LLMs". A difference must be between what
// the section compares: "pretraining vs finetuning" is not the table of
// generative AI and LLMs. When the question names the whole subject of a
// heading it matched (topic), the section must be about a subject the
// question names, and a section headed by no topic suits no question that
// names a topic of its own ("the downside of a huge context window").
func (ix *Index) suits(s int, q *question, topic namedTopic) bool {
	sk := ix.kinds[s]
	switch {
	case asksWhy(q.words) && headedWhy(ix.section(s).Heading) && !ix.otherSubject(q, s) &&
		slices.ContainsFunc(q.terms, func(t qterm) bool { return !t.cue && t.weight >= minFocusWeight && slices.Contains(sk.subject, t.term) }):
		// "why is copying the answer bad" is asked of "Why Copying
		// Answers Doesn't Help", whatever kind the rest of it reads as:
		// a heading that asks why of a telling word of the question
		// gives the reason asked.
		return true
	case asksWhatToDo(q.words) && advises(words(ix.section(s).Heading)) && ix.touches(s, q):
		// "what should i do now": the section headed "What to Do If
		// You Are Targeted" asks it too
		return true
	case q.kind == kindNone || ix.otherSubject(q, s) || !ix.touches(s, q):
		return false
	case topic > noTopic && len(sk.subject) > 0 && !slices.ContainsFunc(sk.subject, q.hasTerm) && !(q.kind == kindMechanism && namesForm(q, sk)),
		topic == ownTopic && len(sk.subject) == 0:
		// "what happens to stuff outside the context window" is asked of
		// the section on context windows, not of how temperature works;
		// "how does a neural network learn" is asked of how training
		// works, its verb the heading's own ("learn" is "train"); but
		// "how does tokenization work" is not of How Temperature Works:
		// anything works.
		return false
	case q.kind == kindMechanism && sk.kind == kindTopic && ix.namesTopic(q, s):
		// "how do tokens work": the section headed by what is asked of
		// says how it works, as one on its workings would.
		return true
	case q.kind == kindUses && sk.kind == kindDefine && slices.ContainsFunc(q.category, func(t string) bool { return ix.knows(s, t) }):
		// "what tasks can llms do": the definition that lists the tasks
		// answers as the uses do.
		return true
	case q.kind == kindDefine && (sk.kind == kindDefine || sk.kind == kindTopic):
		return q.focus != "" && slices.Contains(sk.subject, q.focus) || ix.defines(s, q.focus)
	case q.kind == kindDefine:
		return ix.defines(s, q.focus)
	case q.kind == kindDiffer && sk.kind == kindDiffer:
		return q.formOnly() || ix.comparesHere(q, s)
	}
	return sk.kind == q.kind
}

// workTerm is the analyzed "work", "works": the verb of any workings.
const workTerm = "work"

// namesForm reports whether q names a word of the form of a section's
// heading other than "work", which anything does: "learn" names the
// "train" of "How Training Adjusts the Weights".
func namesForm(q *question, sk sectionKind) bool {
	return slices.ContainsFunc(sk.form, func(t string) bool { return t != workTerm && q.hasTerm(t) })
}

// namesTopic reports whether q names every term of the subject of section
// s's heading: "context window" of "Context Windows".
func (ix *Index) namesTopic(q *question, s int) bool {
	sub := ix.kinds[s].subject
	return len(sub) > 0 && !slices.ContainsFunc(sub, func(t string) bool { return !q.hasTerm(t) })
}

// touches reports whether section s knows at least one of the question's
// own content words, or the question has none beyond its form: a section of
// the kind asked is no answer when it shares nothing else with the
// question ("what goes wrong if the temperature is high" is not about the
// ethics of AI). A question with a word that says something (one of
// minFocusWeight or more) is touched by a commoner word only in an article
// that holds one of its telling words: "what is OCR used for" is not
// touched by the built-in article's use cases, which say "used" but
// nowhere "OCR".
func (ix *Index) touches(s int, q *question) bool {
	if q.formOnly() {
		return true
	}
	a := ix.sections[s].article
	var telling, toldHere, any bool
	for _, t := range q.terms {
		if t.cue {
			continue
		}
		held := ix.knows(s, t.term) || t.everywhereIn(a) || slices.ContainsFunc(t.syn, func(syn string) bool { return ix.knows(s, syn) })
		if t.weight >= minFocusWeight {
			if held {
				return true
			}
			telling = true
			toldHere = toldHere || ix.df[t.term] > 0 && ix.sectionsHolding(t.term)[a] > 0
		}
		any = any || held
	}
	return any && (!telling || toldHere)
}

// otherSubject reports whether section s is about one compared subject
// while q names another and not it: "How Do LLMs Work" does not answer how
// generative AI works.
func (ix *Index) otherSubject(q *question, s int) bool {
	sk := ix.kinds[s]
	for _, t := range ix.tables {
		if t.article != ix.sections[s].article {
			continue
		}
		headed, asked := false, false
		for i, sub := range t.subjects {
			inHeading := slices.ContainsFunc(sub, func(x string) bool { return slices.Contains(sk.subject, x) })
			named := t.names(q, i)
			if inHeading && named {
				return false
			}
			headed = headed || inHeading
			asked = asked || named
		}
		if headed && asked {
			return true
		}
	}
	return false
}

// comparesHere reports whether the difference q asks is the one section s
// draws: q names what the section compares, both of them, or one and no
// telling word that the section lacks ("how is generative ai different
// from ai that just analyzes data" is not the table of generative AI and
// LLMs).
func (ix *Index) comparesHere(q *question, s int) bool {
	named := ix.subjectsNamed(q, s)
	if named == 0 && pairNamed(q.words) {
		return true // "the two of them" may be any table's pair: the words found decide which
	}
	if named == 0 && !slices.ContainsFunc(ix.kinds[s].subject, q.hasTerm) {
		return false
	}
	if named == 0 && (categorizes(q.words) || restricts(q.words)) {
		// "is a prompt only a question": a category asked of something
		// the table does not compare, as "is bard an llm" is of one it does.
		return false
	}
	if named >= 2 || named == 1 && q.whole {
		// Both compared, or the whole comparison asked of one ("a full
		// side by side of ai vs the brain"): whatever else the question
		// says is not asked of the table.
		return true
	}
	for _, t := range q.terms {
		if !t.cue && t.weight >= minFocusWeight && !ix.knows(s, t.term) && !ix.anchors[t.term] {
			return false
		}
	}
	return true
}

// subjectsNamed counts the compared subjects of the tables of section s
// that q names.
func (ix *Index) subjectsNamed(q *question, s int) int {
	ref := ix.sections[s]
	id := ix.section(s).ID
	n := 0
	for _, t := range ix.tables {
		if t.article != ref.article || t.c.Section != id {
			continue
		}
		for i := range t.keys {
			if t.names(q, i) {
				n++
			}
		}
	}
	return n
}

// defines reports whether section s defines the analyzed term focus: a
// line labels it ("Inference: where the model ..."), or a sentence names it
// in a defining turn of phrase ("a design known as a transformer",
// "Temperature is a setting", "Large Language Models, or LLMs, are").
func (ix *Index) defines(s int, focus string) bool {
	if focus == "" {
		return false
	}
	if ix.loadTerms(s).heads[focus] {
		return true
	}
	for u := ix.secUnits[s].first; u < ix.secUnits[s].end; u++ {
		if ix.units[u].kind == passageUnit && slices.Contains(ix.textOf(u).defined, focus) {
			return true
		}
	}
	return false
}

// definedTerms lists the terms a passage names in a defining turn of phrase.
func definedTerms(text string, tokens []token) []string {
	var out []string
	for _, tok := range tokens {
		if definesAt(text, tok.start, tok.end) && !slices.Contains(out, tok.term) {
			out = append(out, tok.term)
		}
	}
	return out
}

// definesAt reports whether the word at text[start:end] stands in a
// defining turn of phrase: just after "known as", "called", or just
// before "is", "refers to", ", or" and a spelling-out in capitals.
func definesAt(text string, start, end int) bool {
	before := text[max(0, start-12):start]
	after := text[end:min(len(text), end+12)]
	return definingBefore.MatchString(before) || definingAfter.MatchString(after) && !clauseEnd.MatchString(after)
}

// The turns of phrase that define a word, just before or after it.
var (
	definingBefore = regexp.MustCompile(`(?i)(known as|called|named|termed) (an? |the )?$`)
	// "GPT (Generative Pretrained Transformer)": a name spelt out.
	definingAfter = regexp.MustCompile(`^(?i:\)?,? (is|are|refers to|means|stands for) |, or )|^ \(\p{Lu}`)
	// clauseEnd is an "is" that ends a clause: "where its data centre is
	// and at what time" says where it is, not what it is.
	clauseEnd = regexp.MustCompile(`^(?i) (is|are) (and|or|but|at|in|on|when|where|because|now|today|right)\b`)
)

// maxWorkerWords is the longest "X" of "how does X work" read as what is
// asked of: a longer run is no one thing ("how do companies keep customer
// service running").
const maxWorkerWords = 3

// worker is what a question of how something works asks of, by the
// words before its verb ("wind turbines" of "how do wind turbines make
// electricity"; see askedWorker).
type worker struct {
	// terms are its nouns that the articles use and do not know
	// everywhere: a section that tells how it works says them, or is
	// about them.
	terms []string
	// named are its nouns that the articles use in several sections
	// ("thermostat" of "the nest thermostat"): a section whose subject
	// one is tells how.
	named []string
	// telling is set when a word of it the articles use, not their
	// subject, says something ("nuclear" of "a nuclear power station"):
	// words more common than minFocusWeight alone ("a computer", "the
	// bank") may stand for any machine or body, which a section on
	// workings need not name ("how can a computer learn to spot a
	// tumour" is how scan-reading AI works), so they may reorder the
	// sections but decline no question.
	telling bool
}

// askedWorker is the worker of a question of how something works that
// names what works; one of no terms for any other question.
func (ix *Index) askedWorker(q *question) (w worker) {
	if q.kind != kindMechanism {
		return worker{}
	}
	ws := withoutFillers(q.words)
	if len(ws) < 4 || ws[0] != "how" || !slices.Contains([]string{"does", "do", "did", "can", "could"}, ws[1]) {
		return worker{}
	}
	v := slices.IndexFunc(ws[2:], ix.mechanismVerb) + 2
	if v >= 2 && makesSure(ws, v) {
		return worker{} // "how can a team make sure the data was tagged properly": no working asked
	}
	if v < 3 || v+1 < len(ws) && ws[v+1] == "use" {
		return worker{} // no worker named, or "how does canva make use of": a use
	}
	content := 0
	for _, word := range ws[2:v] {
		if stopWords[word] {
			continue
		}
		content++
		i := slices.IndexFunc(q.terms, func(t qterm) bool { return t.word == word })
		if i < 0 {
			continue
		}
		// The articles' own subjects and the names known everywhere
		// ("chatgpt") work as every section says.
		t := q.terms[i]
		pos, english := ix.partsOfSpeech(word)
		noun := english && strings.Contains(pos, "n")
		if t.everywhere && noun {
			// A rare word the articles use in several sections still
			// names what works ("thermostat" of "the nest thermostat"):
			// a section whose subject it is tells how.
			w.named = append(w.named, t.term)
		}
		if t.everywhere || ix.anchors[t.term] || ix.isSubjectTerm(t.term) || ix.df[t.term] == 0 {
			continue
		}
		// What works is a thing English names, a noun: a name of the
		// articles' own that English lacks ("how does transkribus learn
		// to read handwriting") is no thing a section lists in passing,
		// as wind turbines are among the sources of power, but what the
		// sections naming it tell of.
		w.telling = w.telling || t.weight > minFocusWeight // "nuclear" of "a nuclear power station"
		if noun {
			w.terms = append(w.terms, t.term)
		}
	}
	if content > maxWorkerWords {
		return worker{}
	}
	return w
}

// workingElsewhere reports a question of how something works, naming
// what works ("how do wind turbines make electricity"), whose first
// section s is neither one of workings nor about that thing by its
// heading: a section that names it in passing (wind turbines among the
// sources of power) cannot say how it works.
func (ix *Index) workingElsewhere(q *question, s int) bool {
	if len(q.worker.terms) == 0 {
		return false // no worker named, or no question of how something works
	}
	if ix.kinds[s].kind == kindMechanism {
		// A section of workings tells how what it names works.
		return !slices.ContainsFunc(q.worker.terms, func(t string) bool { return ix.knows(s, t) })
	}
	subject := ix.kinds[s].subject
	if slices.ContainsFunc(q.worker.named, func(t string) bool { return slices.Contains(subject, t) }) {
		return false
	}
	return !slices.ContainsFunc(q.worker.terms, func(t string) bool { return slices.Contains(subject, t) })
}

// asksWhy reports a question that asks why: "why do ai models end up
// biased"; "why not" proposes.
func asksWhy(ws []string) bool {
	ws = withoutFillers(ws)
	return len(ws) > 2 && ws[0] == "why" && ws[1] != "not"
}

// headedWhy reports a heading that asks why, or how something comes
// about: "Why Robots Are Harder Than Chatbots" gives the reason, and so does
// "How Bias Happens".
func headedWhy(heading string) bool {
	ws := words(heading)
	return len(ws) > 1 && ws[0] == "why" || len(ws) > 2 && ws[0] == "how" && slices.Contains(comingAbout, ws[len(ws)-1])
}

// comingAbout are the verbs that end a heading of how something comes
// about: "How Bias Happens".
var comingAbout = []string{"happens", "happen", "happened", "arises", "arise", "starts", "begins"}

// advises reports a heading of advice to the reader opening with "what":
// "What to Do If You Are Targeted", "What You Can Do".
func advises(ws []string) bool {
	return len(ws) > 2 && ws[0] == "what" && (ws[1] == "to" || slices.Contains(people, ws[1]) && slices.Contains([]string{"can", "should", "must"}, ws[2]))
}

// asksWhatToDo reports "what should i do", "what do we do", "what can i
// really do".
func asksWhatToDo(ws []string) bool {
	for i := 0; i+3 < len(ws); i++ {
		if ws[i] == "what" && slices.Contains([]string{"should", "do", "can", "could", "must"}, ws[i+1]) && slices.Contains([]string{"i", "we", "you", "u"}, ws[i+2]) {
			if j := verbAfter(ws, i+2); j < len(ws) && ws[j] == "do" {
				return true
			}
		}
	}
	return false
}
