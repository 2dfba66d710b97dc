package index

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/knowledge"
)

// evalCase is one line of the public retrieval check.
type evalCase struct {
	line     int
	question string
	headings []string // acceptable heading prefixes; empty: must not answer
	row      string   // required comparison feature, or ""
}

// sharedDir finds ../shared beside the repository (or beside any ancestor).
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		cand := filepath.Join(dir, "shared", "eval", "questions.tsv")
		if _, err := os.Stat(cand); err == nil {
			return filepath.Join(dir, "shared")
		}
		cand = filepath.Join(dir, "..", "shared", "eval", "questions.tsv")
		if _, err := os.Stat(cand); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("shared/eval/questions.tsv not found beside the repository or any parent")
		}
		dir = parent
	}
}

func readEval(t testing.TB, path string) []evalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated columns, got %d", path, n, len(cols))
		}
		c := evalCase{line: n, question: cols[0]}
		if cols[1] != "-" {
			c.headings = strings.Split(cols[1], "|")
		}
		if cols[2] != "-" {
			c.row = cols[2]
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPublicEval(t *testing.T) {
	ix := builtinIndex(t)
	cases := readEval(t, filepath.Join(sharedDir(t), "eval", "questions.tsv"))
	var answerable, top, uncovered, declined, rowsWanted, rowsRight int
	for _, c := range cases {
		a := ix.Ask(context.Background(), c.question)
		if len(c.headings) == 0 {
			uncovered++
			if !a.Answered {
				declined++
			} else {
				t.Logf("line %d: %q answered %q (confidence %.2f), want no answer", c.line, c.question, a.Hits[0].Heading, a.Confidence)
			}
			continue
		}
		answerable++
		got := "(no answer)"
		if a.Answered {
			got = a.Hits[0].Heading
			for _, h := range c.headings {
				if strings.HasPrefix(strings.ToLower(got), strings.ToLower(h)) {
					top++
					got = ""
					break
				}
			}
		}
		if got != "" {
			t.Logf("line %d: %q first answer %q (confidence %.2f), want one of %q", c.line, c.question, got, a.Confidence, c.headings)
		}
		if c.row != "" {
			rowsWanted++
			if a.Row != nil && strings.EqualFold(a.Row.Row.Feature, c.row) {
				rowsRight++
			} else {
				t.Errorf("line %d: %q: row %v, want %s", c.line, c.question, a.Row, c.row)
			}
		}
	}
	t.Logf("answerable: %d/%d first; rows: %d/%d; not covered: %d/%d declined", top, answerable, rowsRight, rowsWanted, declined, uncovered)
	if float64(top) < 0.95*float64(answerable) {
		t.Errorf("%d of %d answerable questions put an acceptable section first; want at least 95%%", top, answerable)
	}
	if float64(declined) < 0.95*float64(uncovered) {
		t.Errorf("%d of %d uncovered questions got no answer; want at least 95%%", declined, uncovered)
	}
}

func builtinIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Build(context.Background(), testLogger(t), []*knowledge.Article{knowledge.Builtin()}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
