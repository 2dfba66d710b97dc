package index

import (
	"context"
	"strings"
)

// FollowUp answers a question asked in reply to an earlier answer: one
// that lacks a subject of its own ("and how do they work?", "what about
// its risks", "examples?") is read with the earlier question's subject;
// one with its own subject stands alone. previousQuestion and
// previousHeading are the earlier question and its answer's heading, as the
// reply showed them; nothing else of the conversation is kept.
func (ix *Index) FollowUp(ctx context.Context, question, previousQuestion, previousHeading string) Answer {
	if ix.hasSubject(ix.parse(question)) {
		return ix.Ask(ctx, question)
	}
	subject := ix.subjectWords(previousQuestion, previousHeading)
	if subject == "" {
		return ix.Ask(ctx, question)
	}
	a := ix.Ask(ctx, question+" "+subject)
	a.Question = question
	return a
}

// hasSubject reports whether q names what it asks about: one of the
// articles' subjects, a compared subject, or a word of the articles that
// says something on its own ("transformer", "tokens").
func (ix *Index) hasSubject(q question) bool {
	for _, t := range q.terms {
		if t.cue {
			continue
		}
		if ix.anchors[t.term] || ix.isSubjectKey(t.term) || t.known == 1 && t.weight >= minFocusWeight {
			return true
		}
	}
	return false
}

// subjectWords are the words of an earlier question and heading that name
// its subject: the articles' subjects and compared subjects it names, else
// its focus, else its heading's own topic words ("temperature" of "How
// Temperature Works").
func (ix *Index) subjectWords(previousQuestion, previousHeading string) string {
	var out []string
	add := func(w string) {
		for _, o := range out {
			if o == w {
				return
			}
		}
		out = append(out, w)
	}
	pq := ix.parse(previousQuestion)
	for _, t := range pq.terms {
		if t.cue {
			continue
		}
		if ix.anchors[t.term] || ix.isSubjectKey(t.term) {
			add(t.word)
		}
	}
	for _, t := range pq.terms {
		if len(out) == 0 && t.term == pq.focus {
			add(t.word) // "temperature" of "what is temperature"
		}
	}
	if len(out) > 0 {
		return strings.Join(out, " ")
	}
	for _, w := range words(previousHeading) {
		if !stopWords[w] && ix.cueKind(w) == kindNone && !ix.mechanismVerb(w) {
			add(w)
		}
	}
	return strings.Join(out, " ")
}

// isSubjectKey reports whether term names a compared subject of a table.
func (ix *Index) isSubjectKey(term string) bool {
	for _, tb := range ix.tables {
		for _, key := range tb.keys {
			if key == term {
				return true
			}
		}
	}
	return false
}

// isSubjectTerm reports whether term is a word of a compared subject of
// some table ("language" of "Large Language Models").
func (ix *Index) isSubjectTerm(term string) bool { return len(ix.subjectOf[term]) > 0 }
