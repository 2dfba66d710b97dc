package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/config"
)

// The widths every table case is laid out at: a narrow window, the classic
// terminal and a wide one.
var testWidths = []int{40, 80, 120}

// tableCase is one file in testdata/tables: a table and why it is there.
type tableCase struct {
	Note   string     `json:"note"`
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
}

// TestTableLayout lays out each table in testdata/tables at each width and
// compares with its golden file, NAME.WIDTH.txt (go test -update rewrites them).
func TestTableLayout(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "tables", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no table cases in testdata/tables: %v", err)
	}
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var c tableCase
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		tab := textTable{header: c.Header, rows: c.Rows}
		for _, width := range testWidths {
			name := strings.TrimSuffix(filepath.Base(path), ".json")
			t.Run(fmt.Sprintf("%s/%d", name, width), func(t *testing.T) {
				var b bytes.Buffer
				if err := tab.write(&b, width); err != nil {
					t.Fatal(err)
				}
				checkFits(t, b.String(), width)
				checkWordsWhole(t, b.String(), append([][]string{c.Header}, c.Rows...), width)
				checkGolden(t, strings.TrimSuffix(path, ".json")+fmt.Sprintf(".%d.txt", width), b.String())
			})
		}
	}
}

// checkFits fails for any line wider than width, or with trailing spaces.
func checkFits(t *testing.T, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := textWidth(line); w > width {
			t.Errorf("line %d is %d columns wide, over %d: %q", i+1, w, width, line)
		}
		if strings.TrimRight(line, " ") != line {
			t.Errorf("line %d ends in spaces: %q", i+1, line)
		}
	}
}

// checkWordsWhole fails when a word of the table is missing from out or
// broken across lines, unless it is too long for a line of its own. The
// first header is left out: a stacked table has no place for it.
func checkWordsWhole(t *testing.T, out string, rows [][]string, width int) {
	t.Helper()
	words := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		for _, w := range strings.Fields(line) {
			words[w] = true
		}
	}
	for r, row := range rows {
		for c, cell := range row {
			if r == 0 && c == 0 {
				continue
			}
			for _, w := range strings.Fields(cell) {
				if textWidth(w) <= width-2*stackIndent && !words[w] && !words[w+":"] {
					t.Errorf("word %q is not whole in the output", w)
				}
			}
		}
	}
}

// The commands that print tables fit the width $COLUMNS gives, and help's
// environment table lines up: each variable's type starts under TYPE.
func TestCommandsFitTheTerminal(t *testing.T) {
	for _, width := range testWidths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			t.Parallel()
			vars := config.Map(map[string]string{"COLUMNS": fmt.Sprint(width)})
			var out, errOut bytes.Buffer
			if code := run(context.Background(), []string{"table"}, env{lookup: vars, stdout: &out, stderr: &errOut}); code != exitOK {
				t.Fatalf("table: exit %d: %s", code, errOut.String())
			}
			checkFits(t, out.String(), width)
			if !strings.Contains(out.String(), "Specializes") {
				t.Errorf("table lacks its rows:\n%s", out.String())
			}

			out.Reset()
			if code := run(context.Background(), []string{"help"}, env{lookup: vars, stdout: &out, stderr: &errOut}); code != exitOK {
				t.Fatalf("help: exit %d: %s", code, errOut.String())
			}
			_, env, ok := strings.Cut(out.String(), "Environment:\n")
			if !ok {
				t.Fatalf("help has no Environment section:\n%s", out.String())
			}
			checkFits(t, env, width)
			for _, v := range config.Vars() {
				if !strings.Contains(env, v.Name) {
					t.Errorf("help lacks %s", v.Name)
				}
			}
			if width < 80 {
				return // stacked: no columns to line up
			}
			lines := strings.Split(env, "\n")
			var typeCol int
			for _, l := range lines {
				if strings.HasPrefix(l, "VARIABLE") {
					typeCol = strings.Index(l, "TYPE")
				}
			}
			if typeCol <= 0 {
				t.Fatalf("no VARIABLE ... TYPE header in:\n%s", env)
			}
			for _, v := range config.Vars() {
				for _, l := range lines {
					if strings.HasPrefix(l, v.Name+" ") && strings.Index(l, v.Type) != typeCol {
						t.Errorf("%s: type at column %d, header TYPE at %d:\n%s", v.Name, strings.Index(l, v.Type), typeCol, l)
					}
				}
			}
		})
	}
}

func TestTableRefusesArguments(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"table", "scope"}, env{stdout: &out, stderr: &errOut}); code != exitUsage || !strings.Contains(errOut.String(), "usage") {
		t.Errorf("table scope: exit %d, stderr %q; want %d and a usage line", code, errOut.String(), exitUsage)
	}
}

func TestTerminalWidth(t *testing.T) {
	for _, c := range []struct {
		columns string
		want    int
	}{
		{"", defaultWidth},
		{"100", 100},
		{" 132 ", 132},
		{"0", defaultWidth},
		{"-5", defaultWidth},
		{"wide", defaultWidth},
		{"3", minWidth},
	} {
		if got := terminalWidth(config.Map(map[string]string{"COLUMNS": c.columns})); got != c.want {
			t.Errorf("COLUMNS=%q: width %d, want %d", c.columns, got, c.want)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		text string
		n    int
		want []string
	}{
		{"", 10, []string{""}},
		{"one two three", 7, []string{"one two", "three"}},
		{"one  two\tthree", 20, []string{"one two three"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"ab abcdefghij", 4, []string{"ab", "abcd", "efgh", "ij"}},
		{"日本語テキスト", 6, []string{"日本語", "テキス", "ト"}},
	} {
		if got := wrap(c.text, c.n); !equalStrings(got, c.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.text, c.n, got, c.want)
		}
	}
}

func equalStrings(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}
