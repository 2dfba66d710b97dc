package knowledge

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/parse")

// TestParseGolden parses each testdata/parse/*.md and compares the article
// with the JSON beside it; go test -run TestParseGolden -update rewrites them.
func TestParseGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "parse", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs in testdata/parse: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(file, src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(a); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(file, ".md") + ".json"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from the golden file %s (run with -update to accept):\n got %s\nwant %s", file, golden, got.Bytes(), want)
			}
		})
	}
}

// brokenCases lists the problems of each file in testdata/broken, one file
// per kind of problem.
var brokenCases = []struct {
	file string
	want []string
}{
	{"bad-yaml.md", []string{"bad-yaml.md:3: bad YAML front matter: mapping values are not allowed in this context"}},
	{"duplicate-heading.md", []string{`duplicate-heading.md:9: duplicate heading "Setup" (first at line 5)`}},
	{"empty-heading.md", []string{"empty-heading.md:7: empty heading"}},
	{"empty-section.md", []string{`empty-section.md:5: empty section "Nothing here"`}},
	{"empty-title.md", []string{`empty-title.md:5: empty section "Nothing here"`}},
	{"no-sections.md", []string{"no-sections.md: no sections"}},
	{"no-title.md", []string{"no-title.md:1: no title in front matter"}},
	{"ragged-row.md", []string{
		"ragged-row.md:10: table row has 2 cells, header has 3",
		"ragged-row.md:11: table row has 4 cells, header has 3",
	}},
	{"title-not-text.md", []string{"title-not-text.md:2: title in front matter is not text"}},
}

func TestParseProblems(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "broken", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(brokenCases) {
		t.Errorf("testdata/broken has %d files, the table %d: keep them in step", len(files), len(brokenCases))
	}
	for _, tc := range brokenCases {
		t.Run(tc.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "broken", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(tc.file, src)
			if a != nil {
				t.Errorf("Parse returned an article along with problems; want nil")
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Parse error = %v (%T), want Problems", err, err)
			}
			if got := strings.Split(ps.Error(), "\n"); !slices.Equal(got, tc.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestParseFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, src, title, source, problems string
	}{
		{"both", "---\ntitle: T\nsource: S\n---\ntext\n", "T", "S", ""},
		{"url", "---\ntitle: T\nurl: https://example.com/notes\n---\ntext\n", "T", "", ""},
		{"url not text", "---\ntitle: T\nurl: {a: b}\n---\ntext\n", "", "", "x.md:3: url in front matter is not text"},
		{"bad yaml line", "---\ntitle: T\nsource: a: b\n---\ntext\n", "", "", "x.md:3: bad YAML front matter: mapping values are not allowed in this context"},
		{"unclosed front matter", "---\ntitle: T\n", "", "", "x.md:1: no title in front matter"},
		{"front matter keeps line numbers", "---\ntitle: T\n---\n\n## A\n\n## A\ntext\n", "", "", `x.md:5: empty section "A"` + "\n" + `x.md:7: duplicate heading "A" (first at line 5)`},
		{"no source", "---\ntitle: T\n---\ntext\n", "T", "", ""},
		{"title over a section of its words", "---\ntitle: T\n---\n# Tokens\n\n## Tokens\ntext\n", "T", "", ""},
		{"a later section of the title's words", "---\ntitle: T\n---\n# Tokens\n\n## A\ntext\n\n## Tokens\ntext\n", "T", "", ""},
		{"null source", "---\ntitle: T\nsource:\n---\ntext\n", "T", "", ""},
		{"source not text", "---\ntitle: T\nsource: [a]\n---\ntext\n", "", "", "x.md:3: source in front matter is not text"},
		{"no front matter", "text\n", "", "", "x.md:1: no title in front matter"},
		{"blank title", "---\ntitle: '  '\n---\ntext\n", "", "", "x.md:1: no title in front matter"},
		{"not a map", "---\n- a\n---\ntext\n", "", "", "x.md:2: bad YAML front matter: want keys and values, like title: ..."},
		{"every problem", "---\nsource: S\n---\n## A\n## A\n", "", "", "x.md:1: no title in front matter\n" +
			`x.md:4: empty section "A"` + "\n" +
			`x.md:5: duplicate heading "A" (first at line 4)` + "\n" +
			`x.md:5: empty section "A"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse("x.md", []byte(tc.src))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.problems {
				t.Fatalf("problems:\n got %q\nwant %q", got, tc.problems)
			}
			if err == nil && (a.Title != tc.title || a.Source != tc.source) {
				t.Errorf("title, source = %q, %q; want %q, %q", a.Title, a.Source, tc.title, tc.source)
			}
			if err == nil && strings.Contains(tc.src, "url: https") && a.URL != "https://example.com/notes" {
				t.Errorf("url = %q", a.URL)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	src := []byte("---\ntitle: Big\n---\n\n" + strings.Repeat("word ", MaxArticleBytes/5))
	_, err := Parse("big.md", src)
	want := fmt.Sprintf("big.md: file is %d bytes, over the limit of %d", len(src), MaxArticleBytes)
	if err == nil || err.Error() != want {
		t.Errorf("Parse of a %d-byte file: error %v, want %q", len(src), err, want)
	}
}

func TestProblemString(t *testing.T) {
	ps := Problems{{Path: "a.md", Line: 3, Msg: "bad"}, {Path: "b.md", Msg: "worse"}}
	if got, want := ps.Error(), "a.md:3: bad\nb.md: worse"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// words returns n distinct words tagged with tag, ending the last in end.
func words(tag string, n int, end string) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("%sw%d", tag, i)
	}
	return strings.Join(w, " ") + end
}

// longSection parses an article with one section made of the given blocks.
func longSection(t *testing.T, blocks []string) Section {
	t.Helper()
	src := "---\ntitle: Long\n---\n\n## Long\n\n" + strings.Join(blocks, "\n\n") + "\n"
	a, err := Parse("long.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	s := a.Sections[0]
	if !slices.Equal(lines(s.Blocks), blocks) {
		t.Fatalf("blocks:\n got %q\nwant %q", lines(s.Blocks), blocks)
	}
	return s
}

// checkPassages asserts that passages cover blocks in order, whole, with no
// gap, within the word limit, and overlapping by at most PassageOverlap
// words. It returns how many blocks each pair of neighbours shares.
func checkPassages(t *testing.T, blocks, passages []string) []int {
	t.Helper()
	var overlaps []int
	prevEnd := 0
	for k, p := range passages {
		if n := len(strings.Fields(p)); n > PassageWords {
			t.Errorf("passage %d has %d words, want at most %d", k, n, PassageWords)
		}
		lines := strings.Split(p, "\n")
		start := -1
		for i := range blocks {
			if i+len(lines) <= len(blocks) && slices.Equal(blocks[i:i+len(lines)], lines) {
				start = i
				break
			}
		}
		if start < 0 {
			t.Fatalf("passage %d is not a run of whole blocks: %q", k, p)
		}
		if k == 0 && start != 0 {
			t.Errorf("first passage starts at block %d, want 0", start)
		}
		if start > prevEnd {
			t.Errorf("passage %d starts at block %d, leaving blocks %d-%d out", k, start, prevEnd, start-1)
		}
		if k > 0 {
			shared := prevEnd - start
			n := len(strings.Fields(strings.Join(blocks[start:prevEnd], " ")))
			if n > PassageOverlap {
				t.Errorf("passages %d and %d share %d words, want at most %d", k-1, k, n, PassageOverlap)
			}
			overlaps = append(overlaps, shared)
		}
		prevEnd = start + len(lines)
	}
	if prevEnd != len(blocks) {
		t.Errorf("passages end at block %d of %d", prevEnd, len(blocks))
	}
	return overlaps
}

func TestPassagesOverlap(t *testing.T) {
	var blocks []string
	for i := range 30 {
		blocks = append(blocks, words(fmt.Sprintf("p%d", i), 17, "."))
	}
	s := longSection(t, blocks)
	if len(s.Passages) < 5 {
		t.Fatalf("got %d passages from 510 words, want at least 5", len(s.Passages))
	}
	for i, shared := range checkPassages(t, lines(s.Blocks), s.Passages) {
		if shared != 1 {
			t.Errorf("passages %d and %d share %d blocks, want 1 (17 words fit the overlap, 34 do not)", i, i+1, shared)
		}
	}
}

func TestPassagesMixedBlocks(t *testing.T) {
	var blocks []string
	for i := range 40 {
		n := []int{5, 40, 12, 70, 3, 25, 118}[i%7]
		blocks = append(blocks, "- "+words(fmt.Sprintf("b%d", i), n, ""))
	}
	s := longSection(t, blocks)
	checkPassages(t, lines(s.Blocks), s.Passages)
}

func TestPassagesLongBlock(t *testing.T) {
	var sentences []string
	for i := range 10 {
		sentences = append(sentences, words(fmt.Sprintf("s%d", i), 25, "."))
	}
	for _, tc := range []struct {
		name  string
		block string
		sizes []int
	}{
		// 25-word sentences: four fit in 120 words, five do not.
		{"sentences", strings.Join(sentences, " "), []int{100, 100, 50}},
		// No sentence ends: cut at word breaks.
		{"one long sentence", words("x", 300, ""), []int{120, 120, 60}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := longSection(t, []string{tc.block})
			var sizes []int
			for _, p := range s.Passages {
				sizes = append(sizes, len(strings.Fields(p)))
				if tc.name == "sentences" && !strings.HasSuffix(p, ".") {
					t.Errorf("passage does not end at a sentence end: …%q", p[max(0, len(p)-20):])
				}
			}
			if !slices.Equal(sizes, tc.sizes) {
				t.Errorf("passage sizes %v, want %v", sizes, tc.sizes)
			}
			if got := strings.Join(s.Passages, " "); got != tc.block {
				t.Errorf("passages joined do not give back the block:\n got %q\nwant %q", got, tc.block)
			}
		})
	}
}

func TestPassagesShortSection(t *testing.T) {
	// 50 + 30 (with the "- ") + 40 words: exactly the limit.
	blocks := []string{words("a", 50, "."), "- " + words("b", 29, ""), words("c", 40, ".")}
	s := longSection(t, blocks)
	if len(s.Passages) != 1 || s.Passages[0] != s.Text() {
		t.Errorf("a 120-word section gave passages %q, want exactly its Text()", s.Passages)
	}
	for _, s := range Builtin().Sections {
		if len(strings.Fields(s.Text())) <= PassageWords && (len(s.Passages) != 1 || s.Passages[0] != s.Text()) {
			t.Errorf("built-in section %q is short but has passages %q", s.Heading, s.Passages)
		}
	}
}

func BenchmarkParseBuiltin(b *testing.B) {
	src, err := articles.ReadFile("articles/" + builtinFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(BuiltinPath, src); err != nil {
			b.Fatal(err)
		}
	}
}
