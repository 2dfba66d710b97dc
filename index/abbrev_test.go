package index

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/knowledge"
)

const initialismsNote = `---
title: Week 31
---

## Trading

Some firms trade thousands of times a second, which is called high-frequency trading.
Scanners use optical character recognition to read printed pages.
Rules of the road matter.
Cats and trucks appear in the examples.
Automatic speech recognition (ASR) turns speech into text.
A speech processing model and a sound pattern matcher differ.
`

// TestInitialisms: a question's word that is no English word, no word of
// the articles and no typo is read as the article term it is the initials
// of (testdata/initialisms.json).
func TestInitialisms(t *testing.T) {
	art, err := knowledge.Parse("notes/week31.md", []byte(initialismsNote))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(t.Context(), slog.New(slog.DiscardHandler), []*knowledge.Article{art}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var cases []struct{ Why, Word, Term string }
	readJSON(t, "testdata/initialisms.json", &cases)
	for _, c := range cases {
		if got := strings.Join(ix.initialism(c.Word), " "); got != c.Term {
			t.Errorf("%s: %q is %q, want %q", c.Why, c.Word, got, c.Term)
		}
	}
	if q := ix.parse("what is hft"); !strings.Contains(strings.Join(q.words, " "), "high frequency trading") {
		t.Errorf("question words %v: hft not read as high frequency trading", q.words)
	}
}
