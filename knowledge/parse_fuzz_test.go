package knowledge

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzParse feeds Parse mangled articles, seeded with every Markdown file in
// testdata and the built-in article. Parse must never panic, and whatever it
// returns must hold together: an article with sound sections, or problems
// that point into the file.
func FuzzParse(f *testing.F) {
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		f.Add(src)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	src, err := articles.ReadFile("articles/" + builtinFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	f.Add([]byte("---\ntitle: t\n---\n| a | b |\n| - | - |\n| c |\n||\n|\n|-|\n"))

	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := Parse("fuzz.md", src)
		if err != nil {
			checkProblems(t, src, a, err)
			return
		}
		checkArticle(t, a)
	})
}

func checkProblems(t *testing.T, src []byte, a *Article, err error) {
	if a != nil {
		t.Error("Parse returned an article along with an error")
	}
	var ps Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("Parse error = %v (%T), want non-empty Problems", err, err)
	}
	lines := strings.Count(string(src), "\n") + 1
	for _, p := range ps {
		if p.Path != "fuzz.md" || p.Line < 0 || p.Line > lines || p.Msg == "" || strings.Contains(p.Msg, "\n") {
			t.Errorf("bad problem %#v in a file of %d lines", p, lines)
		}
	}
}

func checkArticle(t *testing.T, a *Article) {
	if a == nil || a.Title == "" || len(a.Sections) == 0 {
		t.Fatalf("Parse returned no error but article %#v", a)
	}
	ids := map[string]bool{}
	for _, s := range a.Sections {
		if !idPattern.MatchString(s.ID) || ids[s.ID] {
			t.Errorf("section ID %q is malformed or repeated", s.ID)
		}
		ids[s.ID] = true
		if len(s.Blocks) == 0 || len(s.Passages) == 0 {
			t.Errorf("section %q has %d blocks, %d passages; want some of each", s.ID, len(s.Blocks), len(s.Passages))
		}
		for _, b := range s.Blocks {
			if x := b.Text; x == "" || x != strings.TrimSpace(x) || strings.Contains(x, "\n") || !utf8.ValidString(x) {
				t.Errorf("section %q: bad block %q", s.ID, x)
			}
			if b.Label != "" && !strings.HasPrefix(b.Text, b.Label) && b.Kind != TableRow {
				t.Errorf("section %q: label %q is not the start of its block %q", s.ID, b.Label, b.Text)
			}
		}
		for _, p := range s.Passages {
			if n := len(strings.Fields(p)); n > PassageWords || n == 0 {
				t.Errorf("section %q: passage of %d words", s.ID, n)
			}
		}
	}
	for _, c := range a.Comparisons {
		if !ids[c.Section] {
			t.Errorf("comparison in unknown section %q", c.Section)
		}
		for _, r := range c.Rows {
			if len(r.Values) != len(c.Subjects) {
				t.Errorf("row %q has %d values for %d subjects", r.Feature, len(r.Values), len(c.Subjects))
			}
		}
	}
}
