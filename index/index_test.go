package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/explainbot/explainbot/knowledge"
)

// badInput is a question from testdata/bad_input.json: a hostile or
// malformed question and whether the article could still answer it.
type badInput struct {
	Name     string `json:"name"`
	Question string `json:"question"`
	Repeat   int    `json:"repeat"` // repeat Question this many times
}

func TestBadInputNeverPanics(t *testing.T) {
	ix := builtinIndex(t)
	var cases []badInput
	readJSON(t, "testdata/bad_input.json", &cases)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			q := c.Question
			if c.Repeat > 0 {
				q = strings.Repeat(q, c.Repeat)
			}
			a := ix.Ask(context.Background(), q)
			if a.Question != q {
				t.Errorf("question not kept as asked")
			}
			if !a.Answered && len(a.Hits) != 0 {
				t.Errorf("unanswered with %d hits", len(a.Hits))
			}
			if a.Answered && len(a.Hits) == 0 {
				t.Errorf("answered with no hits")
			}
			checkExcerpts(t, a)
		})
	}
}

func checkExcerpts(t *testing.T, a Answer) {
	t.Helper()
	for _, h := range a.Hits {
		if n := utf8.RuneCountInString(h.Excerpt); n > MaxExcerpt || n == 0 {
			t.Errorf("%s: excerpt of %d runes", h.Heading, n)
		}
		prev := 0
		for _, sp := range h.Highlights {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(h.Excerpt) ||
				!utf8.RuneStart(h.Excerpt[sp.Start]) || sp.End < len(h.Excerpt) && !utf8.RuneStart(h.Excerpt[sp.End]) {
				t.Errorf("%s: highlight %v out of order or off a rune boundary in %q", h.Heading, sp, h.Excerpt)
			}
			prev = sp.End
		}
	}
}

func TestExcerptLongSection(t *testing.T) {
	long := strings.Repeat("Transformers read text. ", 30) + strings.Repeat("Attention weighs every word against the others. ", 30)
	art := &knowledge.Article{Title: "Long", Path: "long.md", Sections: []knowledge.Section{{
		ID: "attention", Heading: "Attention", Blocks: []knowledge.Block{{Kind: knowledge.Paragraph, Text: long}}, Passages: []string{long},
	}}}
	ix, err := Build(context.Background(), testLogger(t), []*knowledge.Article{art}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a := ix.Ask(context.Background(), "what does attention weigh")
	if !a.Answered {
		t.Fatalf("not answered: %+v", a)
	}
	ex := a.Hits[0].Excerpt
	if n := utf8.RuneCountInString(ex); n > MaxExcerpt || n < MaxExcerpt/2 {
		t.Errorf("excerpt of %d runes, want between %d and %d", n, MaxExcerpt/2, MaxExcerpt)
	}
	if !slices.ContainsFunc(a.Hits[0].Highlights, func(sp Span) bool { return ex[sp.Start:sp.End] == "Attention" }) {
		t.Errorf("excerpt does not show the matched sentences: %q %v", ex, a.Hits[0].Highlights)
	}
	if !strings.HasPrefix(ex, "… ") {
		t.Errorf("excerpt from the middle should start with an ellipsis: %q", ex[:40])
	}
}

func TestPersistentIndexReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	arts := []*knowledge.Article{knowledge.Builtin()}
	first, err := Build(context.Background(), testLogger(t), arts, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	want := first.Ask(context.Background(), "how does an llm work")
	if first.Stats().Reused {
		t.Error("a new index reports reuse")
	}
	first.Close()
	second, err := Build(context.Background(), testLogger(t), arts, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if !second.Stats().Reused {
		t.Error("unchanged content was rebuilt, want the stored index reused")
	}
	got := second.Ask(context.Background(), "how does an llm work")
	if got.Hits[0].Heading != want.Hits[0].Heading || got.Hits[0].Excerpt != want.Hits[0].Excerpt {
		t.Errorf("reused index answers %q, fresh one %q", got.Hits[0].Heading, want.Hits[0].Heading)
	}
	second.Close()
	changed := *arts[0]
	changed.Title = "Changed"
	third, err := Build(context.Background(), testLogger(t), []*knowledge.Article{&changed}, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if third.Stats().Reused {
		t.Error("changed content reused a stale index")
	}
}

func TestSuggest(t *testing.T) {
	ix := builtinIndex(t)
	ctx := context.Background()
	if got := ix.Suggest(ctx, "", 25); len(got) < 5 || got[0].Name == "Introduction" {
		t.Errorf("empty box: %+v, want the main topics", got)
	}
	got := ix.Suggest(ctx, "how do", 25)
	if len(got) == 0 || !strings.HasPrefix(got[0].Name, "How Do LLMs Work") {
		t.Errorf("\"how do\": %+v, want How Do LLMs Work first", got)
	}
	got = ix.Suggest(ctx, "ethcal", 25)
	if len(got) == 0 || !strings.HasPrefix(got[0].Name, "Ethical") {
		t.Errorf("typo \"ethcal\": %+v, want the ethics section", got)
	}
	for _, s := range ix.Suggest(ctx, "e", 25) {
		if utf8.RuneCountInString(s.Name) > MaxSuggestion || utf8.RuneCountInString(s.Value) > MaxSuggestion {
			t.Errorf("suggestion over %d runes: %+v", MaxSuggestion, s)
		}
	}
	if n := len(ix.Suggest(ctx, "a", 3)); n > 3 {
		t.Errorf("limit 3 gave %d", n)
	}
}

func FuzzAsk(f *testing.F) {
	for _, s := range []string{"what is an llm", "+foo -bar title:x *", "/.*/", "\"unbalanced", "\x00\x01", "生成AIとは", "🤖🤖", strings.Repeat("a", 600)} {
		f.Add(s)
	}
	ix := builtinIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		a := ix.Ask(context.Background(), q)
		if a.Answered == (len(a.Hits) == 0) {
			t.Fatalf("answered=%v with %d hits", a.Answered, len(a.Hits))
		}
		checkExcerpts(t, a)
		ix.Suggest(context.Background(), q, 25)
	})
}

func BenchmarkBuild(b *testing.B) {
	arts := []*knowledge.Article{knowledge.Builtin()}
	lg := testLogger(b)
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(context.Background(), lg, arts, Options{})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// benchAsk times Ask on the built-in article for one question.
func benchAsk(b *testing.B, question string) {
	ix := builtinIndex(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		ix.Ask(ctx, question)
	}
}

func BenchmarkAsk(b *testing.B) { benchAsk(b, "how do llms work") }

func BenchmarkAskDefine(b *testing.B) { benchAsk(b, "what is an llm") }

func BenchmarkAskTypo(b *testing.B) { benchAsk(b, "what is generatve ai") }

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// BenchmarkPlainBleve is the floor the engine is measured against: one
// bleve match query for the same question over the same index, nothing else.
func BenchmarkPlainBleve(b *testing.B) {
	ix := builtinIndex(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		q := bleve.NewMatchQuery("how do llms work")
		q.SetField(fieldBody)
		if _, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequest(q)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAskNotCovered(b *testing.B) { benchAsk(b, "how do vaccines work") }

// TestTiesBreakTheSameWay builds one corpus several times and asks a
// question that three sections answer with the same words, so that their
// units score alike: every build must put the same section first (the
// first one written), not whichever bleve's batch happened to number first.
func TestTiesBreakTheSameWay(t *testing.T) {
	same := "A tokenizer cuts text into small pieces before the model reads them."
	note, err := knowledge.Parse("notes/ties.md", []byte("---\ntitle: Ties\n---\n\n## Alpha\n\n"+same+"\n\n## Beta\n\n"+same+"\n\n## Gamma\n\n"+same+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	for build := range 8 {
		ix := buildIndex(t, note)
		a := ix.Ask(context.Background(), "what does a tokenizer cut text into")
		if !a.Answered || a.Hits[0].Heading != "Alpha" {
			t.Fatalf("build %d: answered %v, first %+v; want Alpha, the first of the tied sections", build, a.Answered, a.Hits)
		}
	}
}

// TestAnalysisVersion checks that the version a stored index is checked
// against follows the words the analyzer drops, in no map order.
func TestAnalysisVersion(t *testing.T) {
	a := analysisVersion("units-v2", map[string]bool{"the": true, "ask": true})
	b := analysisVersion("units-v2", map[string]bool{"ask": true, "the": true})
	c := analysisVersion("units-v2", map[string]bool{"the": true, "ask": true, "etc": true})
	switch {
	case a != b:
		t.Errorf("the same stop words gave %q and %q", a, b)
	case a == c:
		t.Errorf("a stop word added left the version %q unchanged", a)
	case analysisVersion("units-v3", map[string]bool{"the": true, "ask": true}) == a:
		t.Errorf("another layout left the version %q unchanged", a)
	}
}
