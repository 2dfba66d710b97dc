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
)

var needNames = [...]string{"nothing", "date", "number", "steps", "ranking", "agent", "capacity"}

func (n need) String() string { return needNames[n] }

// agentVerbs ask who made something; "who uses llms" asks for uses and
// "who owns ai art" for rights, not a name.
var agentVerbs = []string{"made", "make", "makes", "created", "create", "creates", "invented", "invent",
	"wrote", "write", "writes", "written", "built", "build", "builds", "developed", "develop", "develops",
	"founded", "discovered", "started", "designed", "trained", "released", "runs", "coined"}

// questionNeed reads the answer type from a question's words.
func questionNeed(ws []string) need {
	at := func(i int, set ...string) bool { return i >= 0 && i < len(ws) && slices.Contains(set, ws[i]) }
	for i, w := range ws {
		switch {
		case w == "when" && (at(i+1, "was", "were", "did") || at(i+2, "was", "were", "did", "released", "invented", "created", "made", "founded")):
			return needDate
		case w == "year" && at(i-1, "what", "which"):
			return needDate
		case w == "how" && at(i+1, "much", "many") && slices.ContainsFunc(ws[i+2:], func(v string) bool { return v == "can" || v == "could" || v == "fit" }):
			return needCapacity // "how much text can a model read": a most, not any number
		case w == "how" && at(i+1, "much", "many", "long", "old", "big", "often", "fast", "large"):
			return needNumber
		case w == "how" && at(i+1, "do", "can", "should", "would", "could") && at(i+2, "i"):
			return needSteps
		case w == "how" && at(i+1, "to"):
			return needSteps
		case w == "step" && at(i+1, "by"), w == "tutorial", w == "install", w == "download", w == "setup", w == "set" && at(i+1, "up"):
			return needSteps
		case (w == "best" || w == "worst" || w == "top" || w == "cheapest" || w == "greatest") && (at(i-1, "the") || slices.Contains(ws, "which")),
			w == "recommend", (w == "better" || w == "worse") && at(i+1, "than"):
			return needRanking // "which is the best", "is claude better than gpt-4"
		case (w == "who" || w == "whos" || w == "who's") && i < 3 && slices.ContainsFunc(ws[i+1:], func(v string) bool {
			return slices.Contains(agentVerbs, v) || strings.HasSuffix(v, "ed") // "who directed", "who founded"
		}):
			return needAgent
		}
	}
	return needNothing
}

// procedure reports a question asking for steps the asker follows: "how do
// i", "how to", "install", "set up".
func procedure(ws []string) bool {
	at := func(i int, set ...string) bool { return i >= 0 && i < len(ws) && slices.Contains(set, ws[i]) }
	for i, w := range ws {
		switch {
		case w == "how" && (at(i+1, "to") || at(i+1, "do", "can", "should", "would", "could") && at(i+2, "i")),
			w == "tutorial", w == "install", w == "download", w == "setup", w == "set" && at(i+1, "up"):
			return true
		}
	}
	return false
}

// Patterns of what sections hold.
var (
	yearRE   = regexp.MustCompile(`\b(1[5-9]|20)\d\d\b`)
	monthRE  = regexp.MustCompile(`(?i)\b(january|february|march|april|june|july|august|september|october|november|december)\b`)
	numberRE = regexp.MustCompile(`(^|[\s(~≈])\d[\d,.]*\b|(?i)\b(hundred|thousand|million|billion|trillion|dozen|percent)s?\b`)
	rankRE   = regexp.MustCompile(`(?i)\b(best|worst|top|leading|greatest|ideal|better than|worse than)\b`)
	// capacityRE finds a stated most: "the largest amount", "up to", "more than 100,000".
	capacityRE = regexp.MustCompile(`(?i)\b(largest|maximum|max|limit|limits|capacity|at most|up to|more than|no more than|at one time)\b`)
	// agentRE finds who does something: a name's possessive ("Meta's
	// LLaMA") or a name after "by".
	agentRE = regexp.MustCompile(`\b\p{Lu}[\p{L}\p{N}]*['’]s\b|\bby \p{Lu}\p{Ll}`)
)

// has reports whether section s holds an answer of type n.
func (ix *Index) has(s int, n need) bool {
	sec := ix.section(s)
	text := sec.Text()
	switch n {
	case needDate:
		return yearRE.MatchString(text) || monthRE.MatchString(text)
	case needNumber:
		return numberRE.MatchString(text)
	case needSteps:
		h := strings.ToLower(sec.Heading)
		return strings.HasPrefix(h, "how to") || strings.Contains(h, "step") ||
			slices.ContainsFunc(sec.Blocks, func(b knowledge.Block) bool { return b.Ordered })
	case needRanking:
		return rankRE.MatchString(text) || rankRE.MatchString(sec.Heading)
	case needAgent:
		return agentRE.MatchString(text)
	case needCapacity:
		return numberRE.MatchString(text) && capacityRE.MatchString(text)
	}
	return true
}
