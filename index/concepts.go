package index

import (
	"regexp"
	"slices"
)

// rowConcept is a feature a question may ask of a table without naming
// it, by what it says: "way more money" asks the Cost, "at 3am" the
// Availability. The row is the one whose feature the lexicon relates to
// one of concepts (namesConcept), by its head noun when it has several
// words ("Hardware needed").
type rowConcept struct {
	concepts []string
	// words ask the concept when the question says one of them; asked,
	// when set, decides instead.
	words []string
	asked func(q *question) bool
	// ofSubject: only when the question names a subject the table
	// compares ("can i use an ai tutor at 3am"; "study at night" asks of
	// no tutor).
	ofSubject bool
	// byCells, when set, marks the rows that answer the concept by what
	// their cells say, failing a row whose feature names it.
	byCells func(t *table) []bool
}

// asks reports whether q asks the concept.
func (rc rowConcept) asks(q *question) bool {
	if rc.asked != nil {
		return rc.asked(q)
	}
	return slices.ContainsFunc(q.words, func(w string) bool { return slices.Contains(rc.words, w) })
}

// rowConcepts are tried in this order, after a row named or found by its
// cells, and before the kinds of rows a question's form asks (purpose,
// reach, output).
var rowConcepts = []rowConcept{
	// "how many messages can ai send compared to a person": how much each
	// does; "how much does an ai scam know about me" asks no amount.
	{concepts: []string{"amount"}, asked: func(q *question) bool {
		return (q.need == needNumber || q.need == needCapacity) && slices.Contains(q.words, "many")
	}},
	// "is a real tutor gonna be way more money", "money wise", "how much
	// does a coding robot cost": what each costs.
	{concepts: []string{"cost", "price"}, asked: func(q *question) bool {
		return q.need == needPrice || q.costAsked || slices.ContainsFunc(q.words, func(w string) bool { return slices.Contains(moneyWords, w) })
	}},
	// "can i use an ai tutor at 3am", "whenever i want": when each can be had.
	{concepts: []string{"availability"}, asked: func(q *question) bool { return asksWhenever(q.words) }, ofSubject: true},
	// "is my data safer with an on-device model": who sees what each keeps.
	{concepts: []string{"privacy"}, asked: func(q *question) bool {
		return slices.ContainsFunc(q.words, func(w string) bool { return slices.Contains(privacyWords, w) }) ||
			hasPair(q.words, []string{"my", "our", "your"}, []string{"data", "info", "information", "messages", "chats"})
	}},
	// "does the physics model take ages compared with the ai model", "how
	// long is a typical video on each": how fast each is, or how long it
	// lasts; failing a row named for it, the row whose cells give a length
	// of time ("Time to make": "Seconds to a few minutes").
	{concepts: []string{"speed"}, asked: func(q *question) bool {
		return slices.ContainsFunc(q.words, func(w string) bool { return slices.Contains(speedWords, w) }) || hasPair(q.words, []string{"how"}, []string{"long"})
	}, ofSubject: true, byCells: func(t *table) []bool { return t.timedRow }},
	// "which uses less power, a brain or a neural network": the energy each uses.
	{concepts: []string{"energy", "power"}, words: []string{"power", "electricity", "energy", "battery", "watts"}, ofSubject: true},
	// "what kind of computer do you need to run the physics one": the
	// hardware each needs.
	{concepts: []string{"hardware"}, words: []string{"computer", "computers", "supercomputer", "supercomputers", "chip", "chips", "gpu", "gpus", "processor", "processors", "laptop", "hardware"}, ofSubject: true},
	// "do gans keep pumping out the same kinda pic": how varied each is.
	{concepts: []string{"variety"}, words: []string{"same", "samey", "repetitive", "repeat", "repeats", "repeating", "variety", "varied", "diverse"}, ofSubject: true},
	// "can a driverless car see behind it": the senses each has.
	{concepts: []string{"sense"}, words: []string{"see", "sees", "seeing", "hear", "hears", "sense", "senses", "vision", "cameras", "sensors"}, ofSubject: true},
	// "will the chatbot get fed up if i ask ten times": how patient each is.
	{concepts: []string{"patience"}, words: []string{"fed", "annoyed", "impatient", "patient", "patience", "bored", "sigh", "sighs", "tired", "frustrated", "grumpy"}, ofSubject: true},
	// "where does the content come from on a social feed vs a streaming
	// service": where each gets what it has.
	{concepts: []string{"source", "origin"}, asked: func(q *question) bool {
		return q.need == needSource || hasPair(q.words, []string{"come", "comes", "came", "coming"}, []string{"from"})
	}, ofSubject: true},
	// "how is getting hold of an open model different": how each is had.
	{concepts: []string{"access"}, asked: func(q *question) bool {
		return hasPair(q.words, []string{"get", "getting", "got"}, []string{"hold", "access", "one", "them"}) || slices.Contains(q.words, "download")
	}, ofSubject: true},
}

// conceptRow is the row of the first concept q asks that t has a row of;
// -1 if none. named says whether q names a compared subject.
func (t *table) conceptRow(q *question, named bool) int {
	for k, rc := range rowConcepts {
		if rc.ofSubject && !named || k >= len(t.concepts) || !rc.asks(q) {
			continue
		}
		if j := slices.Index(t.concepts[k], true); j >= 0 {
			return j
		}
		if rc.byCells != nil {
			if j := slices.Index(rc.byCells(t), true); j >= 0 {
				return j // "which one is faster to make": the row that gives how long each takes
			}
		}
	}
	return -1
}

// speedWords speak of how fast something is: "takes ages".
var speedWords = []string{"fast", "faster", "fastest", "quick", "quicker", "quickly", "slow", "slower", "slowly", "ages", "instantly", "instant"}

// moneyWords speak of what something costs: "way more money", "pricey".
var moneyWords = []string{"money", "expensive", "pricey", "pricier", "cheap", "cheaper", "cheapest", "afford", "affordable", "costly", "cash"}

// privacyWords speak of what is kept from others.
var privacyWords = []string{"private", "privacy", "privately", "spy", "spying", "snoop", "snooping", "confidential", "secret", "secrets"}

// hasPair reports a word of first followed at once by one of second.
func hasPair(ws, first, second []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if slices.Contains(first, ws[i]) && slices.Contains(second, ws[i+1]) {
			return true
		}
	}
	return false
}

// wheneverWords ask whether something can be had at any time.
var wheneverWords = []string{"whenever", "anytime", "night", "midnight", "weekend", "weekends"}

// clockRE is a time of day: "3am", "10pm", "24/7".
var clockRE = regexp.MustCompile(`^(\d{1,2}(am|pm)|24/7)$`)

// asksWhenever reports a question of whether something can be had at any
// time: "whenever i want", "at 3am", "in the middle of the night".
func asksWhenever(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool {
		return w != "" && w[0] >= '0' && w[0] <= '9' && clockRE.MatchString(w) || slices.Contains(wheneverWords, w)
	})
}
