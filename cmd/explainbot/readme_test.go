package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/config"
)

// repoRoot is where the README's commands run from.
var repoRoot = filepath.Join("..", "..")

// readmeCommand is one `go run ./cmd/explainbot ...` line of a sh block in
// the README: its environment assignments and the program's arguments.
type readmeCommand struct {
	line string
	env  [][2]string
	args []string
}

// readmeCommands returns the explainbot commands in the README's sh blocks,
// block by block.
func readmeCommands(t *testing.T) [][]readmeCommand {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks [][]readmeCommand
	in := false
	for line := range strings.Lines(string(src)) {
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "```sh":
			in = true
			blocks = append(blocks, nil)
			continue
		case strings.HasPrefix(line, "```"):
			in = false
			continue
		}
		if !in {
			continue
		}
		words := shellWords(t, line)
		var c readmeCommand
		c.line = line
		for len(words) > 0 && strings.Contains(words[0], "=") {
			k, v, _ := strings.Cut(words[0], "=")
			c.env = append(c.env, [2]string{k, v})
			words = words[1:]
		}
		if len(words) < 3 || words[0] != "go" || words[1] != "run" || words[2] != "./cmd/explainbot" {
			continue
		}
		c.args = words[3:]
		blocks[len(blocks)-1] = append(blocks[len(blocks)-1], c)
	}
	return blocks
}

// shellWords splits a line as sh would for the README's simple commands:
// words at spaces, "..." and '...' quoting, and a # comment after a space.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for i, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == '#' && (i == 0 || line[i-1] == ' '):
			if inWord {
				words = append(words, cur.String())
			}
			return words
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("README: unclosed quote in %q", line)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// The README opens with the two commands a newcomer types first; the first
// must be the one CI runs in a fresh clone.
func TestREADMEOpensWithAnAnswer(t *testing.T) {
	blocks := readmeCommands(t)
	if len(blocks) == 0 || len(blocks[0]) == 0 {
		t.Fatal("README has no sh block of explainbot commands")
	}
	first := blocks[0][0]
	if got := strings.Join(first.args, " "); got != "ask what is an llm" || len(first.env) > 0 {
		t.Errorf("README's first command is %q, want go run ./cmd/explainbot ask \"what is an llm\" (.ci/run runs it)", first.line)
	}
}

// Every explainbot command in the README's sh blocks runs and exits 0,
// except those that need Discord, so the README cannot point at a directory
// that does not exist or a flag that is gone.
func TestREADMECommandsRun(t *testing.T) {
	blocks := readmeCommands(t)
	t.Chdir(repoRoot)
	n := 0
	for _, block := range blocks {
		for _, c := range block {
			if len(c.args) > 0 && (c.args[0] == "serve" || c.args[0] == "register") {
				continue
			}
			n++
			t.Run(strings.Join(c.args, " "), func(t *testing.T) {
				vars := map[string]string{}
				for _, kv := range c.env {
					vars[kv[0]] = kv[1]
				}
				var out, errOut bytes.Buffer
				if code := run(context.Background(), c.args, env{lookup: config.Map(vars), stdout: &out, stderr: &errOut}); code != exitOK {
					t.Errorf("%s\nexit %d, want 0\nstdout: %s\nstderr: %s", c.line, code, out.String(), errOut.String())
				}
			})
		}
	}
	if n < 8 {
		t.Errorf("found %d runnable explainbot commands in README.md, want the terminal section's (8 or more)", n)
	}
}

// The shipped example notes must stay valid and keep their table.
func TestExampleNotesPassCheck(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"check", filepath.Join(repoRoot, "examples", "notes")}, env{stdout: &out, stderr: &errOut})
	if code != exitOK {
		t.Fatalf("check examples/notes: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	summary := regexp.MustCompile(`(?m)^[1-9]\d* articles?, [1-9]\d* sections?, [1-9]\d* comparisons?: ok$`)
	if !summary.MatchString(out.String()) {
		t.Errorf("want at least one article, section and comparison and no problems, got:\n%s", out.String())
	}
}
