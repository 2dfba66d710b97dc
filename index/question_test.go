package index

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/knowledge"
)

// TestCorrect checks typo correction (testdata/typos.json): a real word
// is never changed, a misspelling becomes the word meant.
func TestCorrect(t *testing.T) {
	ix := builtinIndex(t)
	var cases []struct{ Word, Want, Why string }
	readJSON(t, filepath.Join("testdata", "typos.json"), &cases)
	for _, c := range cases {
		q := ix.parse("the " + c.Word)
		got := strings.Join(q.words[1:], " ")
		if got != c.Want {
			t.Errorf("%q read as %q, want %q (%s)", c.Word, got, c.Want, c.Why)
		}
	}
}

// TestClippings checks which words are read as the article words they
// begin (testdata/clippings.json), against the built-in article and the
// week-3 note.
func TestClippings(t *testing.T) {
	ix := notesIndex(t)
	var cases []struct{ Word, Reads, Why string }
	readJSON(t, filepath.Join("testdata", "clippings.json"), &cases)
	for _, c := range cases {
		q := ix.parse("the " + c.Word)
		if len(q.terms) != 1 || q.terms[0].word != c.Reads {
			t.Errorf("%q read as %+v, want %q (%s)", c.Word, q.terms, c.Reads, c.Why)
		}
	}
}

// TestKinds checks what the engine reads from a question's form and a
// section's heading (testdata/kinds.json).
func TestKinds(t *testing.T) {
	ix := builtinIndex(t)
	var cases struct {
		Questions []struct{ Q, Kind string }
		Headings  []struct{ H, Kind string }
		Needs     []struct{ Q, Need string }
	}
	readJSON(t, filepath.Join("testdata", "kinds.json"), &cases)
	for _, c := range cases.Questions {
		if q := ix.parse(c.Q); q.kind.String() != c.Kind {
			t.Errorf("%q asks %s, want %s", c.Q, q.kind, c.Kind)
		}
	}
	var secs []knowledge.Section
	for _, c := range cases.Headings {
		secs = append(secs, knowledge.Section{ID: strings.ToLower(strings.ReplaceAll(c.H, " ", "-")), Heading: c.H, Level: 2,
			Blocks: []knowledge.Block{{Text: "Some text about " + c.H + "."}}})
	}
	hx := buildIndex(t, &knowledge.Article{Title: "Headings", Path: "headings.md", Sections: secs})
	for i, c := range cases.Headings {
		if got := hx.kinds[i].kind.String(); got != c.Kind {
			t.Errorf("heading %q offers %s, want %s", c.H, got, c.Kind)
		}
	}
	for _, c := range cases.Needs {
		if q := ix.parse(c.Q); q.need.String() != c.Need {
			t.Errorf("%q needs %s, want %s", c.Q, q.need, c.Need)
		}
	}
}

// TestWeights checks the confidence's weights: common words barely count,
// rare words and names count most, an inflection as much as its word.
func TestWeights(t *testing.T) {
	ix := builtinIndex(t)
	w := func(word string) float64 { return ix.weight(word, ix.lex.IsWord(word)) }
	for _, common := range []string{"take", "stand", "main", "the", "work"} {
		if got := w(common); got > 0.35 {
			t.Errorf("weight(%q) = %.2f, want a common word's (≤ 0.35)", common, got)
		}
	}
	for _, rare := range []string{"vaccines", "photosynthesis", "marathon", "llm", "chatgpt"} {
		if got := w(rare); got < 0.65 {
			t.Errorf("weight(%q) = %.2f, want a rare word's (≥ 0.65)", rare, got)
		}
	}
	if a, b := w("vaccines"), w("vaccine"); a != b {
		t.Errorf("weight(vaccines) = %.2f, weight(vaccine) = %.2f; want the same", a, b)
	}
	// A word the frequency list never counts weighs as its base.
	for derived, base := range map[string]string{"samey": "same", "hackable": "hack"} {
		if a, b := w(derived), w(base); a != b {
			t.Errorf("weight(%s) = %.2f, weight(%s) = %.2f; want the same", derived, a, base, b)
		}
	}
}

// TestRelatedWords checks that a word the articles lack is read through
// its relatives that they have, never outranking an exact match.
func TestRelatedWords(t *testing.T) {
	ix := builtinIndex(t)
	q := ix.parse("employment")
	if len(q.terms) != 1 || !slices.Contains(q.terms[0].also, "job") {
		t.Fatalf("employment read as %+v, want job among its relatives", q.terms)
	}
	a := ix.Ask(context.Background(), "employment displacement by ai")
	b := ix.Ask(context.Background(), "job displacement by ai")
	if !a.Answered || !b.Answered || a.Hits[0].Heading != b.Hits[0].Heading {
		t.Fatalf("employment and job answered differently: %v / %v", a.Hits, b.Hits)
	}
	if a.Hits[0].Score >= b.Hits[0].Score {
		t.Errorf("a related word scored %.3f, the exact word %.3f: the related one must score less", a.Hits[0].Score, b.Hits[0].Score)
	}
}

// TestRelativesAreWords checks that a relative is an English word of the
// articles, not a name that shares its stem: "canvass", WordNet's relative
// of "compare", stems as the article's "Canva" does.
func TestRelativesAreWords(t *testing.T) {
	ix := builtinIndex(t)
	q := ix.parse("compared")
	if len(q.terms) != 1 || slices.Contains(q.terms[0].also, ix.stem.stem("canva")) {
		t.Fatalf("compared read as %+v, want no name among its relatives", q.terms)
	}
}

// TestInitialismsKeepTheirSense checks that a name the glossary gives as
// a phrase's initials ("ai", artificial intelligence) gets none of the
// lexicon's relatives of its letters: in a note that says "author" and
// "office", the army-intelligence sense of "AI" would find them.
func TestInitialismsKeepTheirSense(t *testing.T) {
	g, err := parseGlossary(glossaryText)
	if err != nil {
		t.Fatal(err)
	}
	if got := g.initialisms(); !slices.Contains(got, "ai") || slices.Contains(got, "chatbot") {
		t.Errorf("glossary initialisms %v, want ai and not chatbot", got)
	}
	ix := noteIndex(t, "notes-music")
	q := ix.parse("ai")
	if len(q.terms) != 1 || len(q.terms[0].also) > 0 {
		t.Fatalf("ai read as %+v, want no relatives", q.terms)
	}
}

// TestCoinedNamesAreTheirArticles checks that a name a note coins and
// lists ("GraphCast", in its table) is known to that note's sections
// without their saying it, and not to the built-in article's.
func TestCoinedNamesAreTheirArticles(t *testing.T) {
	ix := noteIndex(t, "notes-climate")
	q := ix.parse("graphcast")
	if len(q.terms) != 1 || !q.terms[0].coined {
		t.Fatalf("graphcast read as %+v, want a coined name", q.terms)
	}
	note := ix.sections[len(ix.sections)-1].article
	if g := q.terms[0]; g.everywhereIn(0) || !g.everywhereIn(note) {
		t.Errorf("graphcast known without saying it: built-in %v, its note %v; want false, true", g.everywhereIn(0), g.everywhereIn(note))
	}
}

// TestHighlightsAfterDots checks that "DALL·E", whose 2-byte dot analysis
// treats as a space, leaves every later highlight on its word.
func TestHighlightsAfterDots(t *testing.T) {
	ix := builtinIndex(t)
	const question = "is dall-e an llm, and what about code generation"
	a := ix.Ask(context.Background(), question)
	if !a.Answered {
		t.Fatal("not answered")
	}
	var want []string
	for _, w := range []string{"dall", "e", "llm", "code", "generation"} {
		want = append(want, ix.stem.stem(w))
	}
	seen := 0
	for _, h := range a.Hits {
		if strings.ContainsRune(h.Excerpt, '\uFFFD') {
			t.Errorf("%s: excerpt holds U+FFFD: %q", h.Heading, h.Excerpt)
		}
		for _, sp := range h.Highlights {
			word := strings.ToLower(h.Excerpt[sp.Start:sp.End])
			if !slices.Contains(want, ix.stem.stem(word)) {
				t.Errorf("%s: highlight %v is %q, not a word of the question", h.Heading, sp, h.Excerpt[sp.Start:sp.End])
			}
			seen++
		}
	}
	if seen == 0 {
		t.Error("no highlights")
	}
}

// TestFollowUp checks questions asked in reply to an answer
// (testdata/followups.json): one lacking its subject takes the earlier
// one's, one with its own stands alone.
func TestFollowUp(t *testing.T) {
	var cases []struct {
		Previous, Heading string
		evalCase
	}
	readJSON(t, filepath.Join("testdata", "followups.json"), &cases)
	ixs := map[string]*Index{"builtin": builtinIndex(t), "notes": notesIndex(t)}
	for _, c := range cases {
		a := ixs[c.Corpus].FollowUp(context.Background(), c.Question, c.Previous, c.Heading)
		var s score
		if miss := s.add(c.evalCase, a); miss != "" {
			t.Errorf("%q after %q: %s", c.Question, c.Previous, miss)
		}
		if a.Question != c.Question {
			t.Errorf("answer quotes %q, want the question as asked %q", a.Question, c.Question)
		}
	}
}

func TestMixedCase(t *testing.T) {
	for w, want := range map[string]bool{
		"LLaMA": true, "ChatGPT": true, "PaLM": true, "MusicLM": true,
		"AI": false, "GANs": false, "LLMs": false, "Bard": false, "bard": false, "s": false, "": false,
	} {
		if got := mixedCase(w); got != want {
			t.Errorf("mixedCase(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestNameTerms: a term is a name only while the articles never write it as
// an ordinary word, in any form ("palms" lowercase makes "PaLM" a word too).
func TestNameTerms(t *testing.T) {
	note, err := knowledge.Parse("notes/models.md", []byte("---\ntitle: Models\n---\n\n## Models\n\nLLaMA and PaLM are models. Hold the phone in the palms of your hands.\n"))
	if err != nil {
		t.Fatal(err)
	}
	ix := liveTestIndex(t, note)
	defer ix.Close()
	if !ix.names["llama"] {
		t.Errorf("llama is not a name; names %v", ix.names)
	}
	if ix.names["palm"] {
		t.Errorf("palm is a name although the note writes \"palms\"; names %v", ix.names)
	}
}

func TestNamesTable(t *testing.T) {
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"where's the comparison table", true},
		{"is there a table of the differences", true},
		{"make me a table of them", true},
		{"give me the answer as a table", false},
		{"can it answer in a table or a list", false},
	} {
		if got := namesTable(words(c.q)); got != c.want {
			t.Errorf("namesTable(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}
