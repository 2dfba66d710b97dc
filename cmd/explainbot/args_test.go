package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParseInterspersed(t *testing.T) {
	for _, c := range []struct {
		args  []string
		words []string
		json  bool
		err   bool
	}{
		{args: []string{"what", "is", "an", "llm"}, words: []string{"what", "is", "an", "llm"}},
		{args: []string{"--json", "what is an llm"}, words: []string{"what is an llm"}, json: true},
		{args: []string{"what is an llm", "--json"}, words: []string{"what is an llm"}, json: true},
		{args: []string{"what", "-json", "is", "an", "llm"}, words: []string{"what", "is", "an", "llm"}, json: true},
		{args: []string{"--json=false", "llm"}, words: []string{"llm"}},
		{args: []string{"what", "--", "--json", "-x"}, words: []string{"what", "--json", "-x"}},
		{args: []string{"--", "-1 degrees"}, words: []string{"-1 degrees"}},
		{args: []string{"what is an llm", "--verbose"}, err: true},
		{args: nil, words: nil},
	} {
		fs := flag.NewFlagSet("ask", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		asJSON := fs.Bool("json", false, "")
		words, err := parseInterspersed(fs, c.args)
		if (err != nil) != c.err {
			t.Errorf("%q: error %v, want error %v", c.args, err, c.err)
			continue
		}
		if !c.err && (!equalStrings(words, c.words) || *asJSON != c.json) {
			t.Errorf("%q: words %q, json %v; want %q, %v", c.args, words, *asJSON, c.words, c.json)
		}
	}
}

// `ask "what is an llm" --json` used to ask "what is an llm --json" and
// print text; the flag now counts wherever it stands.
func TestAskFlagAfterQuestion(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"ask", "what is an llm", "--json"}, env{stdout: &out, stderr: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var got struct {
		Question string `json:"question"`
		Answered bool   `json:"answered"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("want one JSON object, got %v:\n%s", err, out.String())
	}
	if got.Question != "what is an llm" || !got.Answered {
		t.Errorf("got question %q answered %v, want %q answered", got.Question, got.Answered, "what is an llm")
	}

	out.Reset()
	errOut.Reset()
	if code := run(context.Background(), []string{"ask", "what is an llm", "--jsn"}, env{stdout: &out, stderr: &errOut}); code != exitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(errOut.String(), "-jsn") || out.Len() > 0 {
		t.Errorf("unknown flag: want it named on stderr and nothing on stdout; stdout %q, stderr %q", out.String(), errOut.String())
	}
}
