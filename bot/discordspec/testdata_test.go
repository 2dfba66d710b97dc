package discordspec

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"github.com/bwmarrin/discordgo"
)

// A testdata case is one JSON file under testdata/<kind>/:
//
//	{"about": "...", "interaction_type": 2, "payload": {...}, "want": ["..."]}
//
// An empty want means the payload must pass. Otherwise every want string
// must be found in its own violation and there must be no other violations,
// so a case proves one rule and nothing else fires. Files go through
// text/template first so long strings stay readable: {{repeat `x` 4100}},
// {{pad "c1" 100}} (pad with x to 100 runes) and {{range $i, $_ := seq 26}}.
type fileCase struct {
	About           string                    `json:"about"`
	InteractionType discordgo.InteractionType `json:"interaction_type"`
	Payload         json.RawMessage           `json:"payload"`
	Want            []string                  `json:"want"`
}

var caseFuncs = template.FuncMap{
	"repeat": strings.Repeat,
	"seq":    func(n int) []struct{} { return make([]struct{}, n) },
	"pad": func(s string, n int) string {
		for runes(s) < n {
			s += "x"
		}
		return s
	},
}

func loadCases(t *testing.T, kind string) map[string]fileCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", kind, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no testdata/%s/*.json", kind)
	}
	cases := map[string]fileCase{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := template.New(f).Funcs(caseFuncs).Parse(string(raw))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, nil); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var c fileCase
		dec := json.NewDecoder(&buf)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if c.About == "" || len(c.Payload) == 0 {
			t.Fatalf("%s: about and payload are required", f)
		}
		cases[strings.TrimSuffix(filepath.Base(f), ".json")] = c
	}
	return cases
}

// checkWant compares an error with a case's expectations.
func checkWant(t *testing.T, c fileCase, err error) {
	t.Helper()
	if len(c.Want) == 0 {
		if err != nil {
			t.Fatalf("%s\nwant no error, got:\n%v", c.About, err)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%s\nwant violations %q, got error %v", c.About, c.Want, err)
	}
	used := make([]bool, len(e.Violations))
	for _, w := range c.Want {
		found := false
		for i, v := range e.Violations {
			if !used[i] && strings.Contains(v.String(), w) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s\nno violation contains %q; got:\n%v", c.About, w, err)
		}
	}
	for i, v := range e.Violations {
		if !used[i] {
			t.Errorf("%s\nunexpected violation %s", c.About, v)
		}
	}
}

func TestCommandsTestdata(t *testing.T) {
	s := MustLoad(t)
	for name, c := range loadCases(t, "commands") {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // one Spec shared by concurrent validations, as parallel tests will
			checkWant(t, c, s.ValidateCommandsJSON(c.Payload))
		})
	}
}

func TestResponsesTestdata(t *testing.T) {
	s := MustLoad(t)
	for name, c := range loadCases(t, "responses") {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // one Spec shared by concurrent validations, as parallel tests will
			checkWant(t, c, s.ValidateResponseJSON(c.InteractionType, c.Payload))
		})
	}
}

func TestFollowupsTestdata(t *testing.T) {
	s := MustLoad(t)
	for name, c := range loadCases(t, "followups") {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // one Spec shared by concurrent validations, as parallel tests will
			checkWant(t, c, s.ValidateFollowupJSON(c.Payload))
		})
	}
}

func TestEditsTestdata(t *testing.T) {
	s := MustLoad(t)
	for name, c := range loadCases(t, "edits") {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // one Spec shared by concurrent validations, as parallel tests will
			checkWant(t, c, s.ValidateEditJSON(c.Payload))
		})
	}
}

// TestEveryCaseHasAKind guards against a case file dropped in a directory no
// test reads.
func TestEveryCaseHasAKind(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"commands": true, "responses": true, "followups": true, "edits": true, "golden": true}
	for _, e := range entries {
		if !known[e.Name()] {
			t.Errorf("testdata/%s is read by no test", e.Name())
		}
	}
}
