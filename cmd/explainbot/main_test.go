package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/config"
)

// runCase is one call of the program and what its output must show.
type runCase struct {
	name   string
	args   []string
	env    map[string]string
	code   int
	stdout string // a substring of stdout
	stderr string // a substring of stderr
}

func TestRun(t *testing.T) {
	cases := []runCase{
		{name: "ask", args: []string{"ask", "what", "is", "an", "llm"}, code: exitOK, stdout: "What Are Large Language Models (LLMs)"},
		{name: "ask not covered", args: []string{"ask", "how do i cook pasta"}, code: exitOK, stdout: "Not covered"},
		{name: "ask row", args: []string{"ask", "how do they differ in scope"}, code: exitOK, stdout: "Focuses mainly on text"},
		{name: "ask partial", args: []string{"ask", "what do you call the step when a model answers a prompt i typed"}, code: exitOK, stdout: partialNote},
		{name: "ask without question", args: []string{"ask"}, code: exitUsage, stderr: "usage"},
		{name: "no command", args: nil, code: exitUsage, stderr: "Usage"},
		{name: "unknown command", args: []string{"frobnicate"}, code: exitUsage, stderr: "unknown command"},
		{name: "help", args: []string{"help"}, code: exitOK, stdout: "KNOWLEDGE_DIR"},
		{name: "table", args: []string{"table"}, code: exitOK, stdout: "Applications"},
		{name: "topics", args: []string{"topics"}, code: exitOK, stdout: "Ethical Considerations and Challenges"},
		{name: "check good", args: []string{"check", "../../knowledge/testdata/notes"}, code: exitOK, stdout: "ok"},
		{name: "check broken", args: []string{"check", "../../knowledge/testdata/broken"}, code: exitFail, stdout: ".md:"},
		{name: "serve without credentials", args: []string{"serve"}, env: map[string]string{"DATA_DIR": "TMP"}, code: exitUsage, stderr: "DISCORD_TOKEN"},
		{name: "bad config", args: []string{"ask", "llm"}, env: map[string]string{"LOG_FORMAT": "xml"}, code: exitUsage, stderr: "LOG_FORMAT"},
		{name: "commands", args: []string{"commands"}, code: exitOK, stdout: `"name":"explain"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			vars := map[string]string{}
			for k, v := range c.env {
				if v == "TMP" {
					v = t.TempDir()
				}
				vars[k] = v
			}
			var out, errOut bytes.Buffer
			code := run(context.Background(), c.args, env{lookup: config.Map(vars), stdout: &out, stderr: &errOut})
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), c.stdout) {
				t.Errorf("stdout lacks %q:\n%s", c.stdout, out.String())
			}
			if !strings.Contains(errOut.String(), c.stderr) {
				t.Errorf("stderr lacks %q:\n%s", c.stderr, errOut.String())
			}
		})
	}
}

func TestAskJSONShape(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"ask", "--json", "what is the purpose of generative ai"}, env{stdout: &out, stderr: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	var got jsonAnswer
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("not one JSON object of the documented shape: %v", err)
	}
	if dec.More() {
		t.Error("more than one JSON value printed")
	}
	if !got.Answered || len(got.Sections) == 0 || got.Row == nil || got.Row.Feature != "Purpose" || len(got.Row.Cells) != 2 ||
		got.Row.Cells[0].Subject != "Generative AI" || got.Row.Cells[0].Value == "" || got.Row.Cells[1].Value == "" || got.Partial {
		t.Errorf("got %+v", got)
	}
	out.Reset()
	// A question whose words spread over sections is answered by the
	// nearest, marked partial.
	run(context.Background(), []string{"ask", "--json", "what do you call the step when a model answers a prompt i typed"}, env{stdout: &out, stderr: &errOut})
	got = jsonAnswer{}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || !got.Answered || !got.Partial {
		t.Errorf("spread question: got %+v (%v), want answered and partial", got, err)
	}
	out.Reset()
	run(context.Background(), []string{"ask", "--json", "how do airplanes fly"}, env{stdout: &out, stderr: &errOut})
	var raw map[string]any
	if err := json.Unmarshal(out.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if raw["answered"] != false || raw["row"] != nil || len(raw["sections"].([]any)) != 0 {
		t.Errorf("not covered: got %v, want answered false, empty sections, row null", raw)
	}
}

// TestAskJSONNoteRow: a row of a teacher's table is given under that
// table's own subjects, not the built-in table's.
func TestAskJSONNoteRow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	note := "---\ntitle: Music notes\n---\n\n## AI Song vs Human Song\n\nHow the two compare.\n\n" +
		"| Feature | AI Song | Human Song |\n| --- | --- | --- |\n" +
		"| Cost | Free or a small monthly fee | Studio time can be expensive |\n" +
		"| Time to make | Seconds | Weeks |\n"
	if err := os.WriteFile(filepath.Join(dir, "music.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	vars := config.Map(map[string]string{"KNOWLEDGE_DIR": dir})
	if code := run(context.Background(), []string{"ask", "--json", "which is cheaper, an ai song or a human song"}, env{lookup: vars, stdout: &out, stderr: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var got jsonAnswer
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := []jsonCell{{"AI Song", "Free or a small monthly fee"}, {"Human Song", "Studio time can be expensive"}}
	if got.Row == nil || got.Row.Table != "AI Song vs Human Song" || got.Row.Feature != "Cost" || !slices.Equal(got.Row.Cells, want) {
		t.Errorf("row %+v, want the note's Cost row under its own subjects", got.Row)
	}
}

// TestReportsNeverCreateDataDir: the teacher's read commands on a data
// directory that does not exist say nothing was recorded and create
// nothing.
func TestReportsNeverCreateDataDir(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	vars := config.Map(map[string]string{"DATA_DIR": dir})
	for _, cmd := range []string{"unanswered", "feedback"} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{cmd}, env{lookup: vars, stdout: &out, stderr: &errOut}); code != exitOK {
			t.Errorf("%s: exit %d: %s", cmd, code, errOut.String())
		}
		if !strings.Contains(out.String(), "Nothing recorded yet") {
			t.Errorf("%s: output %q, want Nothing recorded yet", cmd, out.String())
		}
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read command created %s", dir)
	}
}
