package discordspec

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bwmarrin/discordgo"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// specFS is the carried spec with limits.json replaced when limits is not nil.
func specFS(t *testing.T, limits []byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range []string{schemaFile, messageFile, limitsFile} {
		b, err := fs.ReadFile(copies, "discord-spec/"+f)
		if err != nil {
			t.Fatal(err)
		}
		if f == limitsFile && limits != nil {
			b = limits
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// A limits.json whose keys moved must not load: its numbers would read as 0.
func TestLoadFSRejectsLimitsWithMissingKeys(t *testing.T) {
	_, err := LoadFS(specFS(t, []byte(`{"command": {"name_regex_go_re2": "^[a-z]{1,32}$"}, "message": {"embed": {"total_counts": ["title", "subtitle"]}}}`)))
	for _, want := range []string{"message.content_max missing", `unknown field "subtitle"`, "command.max_options missing"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want an error containing %q, got %v", want, err)
		}
	}
}

func TestLoadFSNamesAMissingFile(t *testing.T) {
	for _, missing := range []string{schemaFile, limitsFile} {
		fsys := specFS(t, nil)
		delete(fsys, missing)
		if _, err := LoadFS(fsys); err == nil || !strings.Contains(err.Error(), missing) {
			t.Errorf("without %s: want an error naming it, got %v", missing, err)
		}
	}
}

func TestLoadFSLoadsACopy(t *testing.T) {
	s, err := LoadFS(specFS(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ValidateResponse(typicalAnswer()); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
}

// The README beside the copies names each file's sha256, so a refreshed copy
// cannot go in without its provenance note being updated too.
func TestCopiesMatchTheirREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("discord-spec", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{schemaFile, messageFile, limitsFile} {
		b, err := fs.ReadFile(copies, "discord-spec/"+f)
		if err != nil {
			t.Fatal(err)
		}
		sum := fmt.Sprintf("%x", sha256.Sum256(b))
		row := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(f) + "` .*`" + sum + "` \\|$")
		if !row.Match(readme) {
			t.Errorf("discord-spec/README.md has no row for %s ending in its sha256 %s; update the note with the copy", f, sum)
		}
	}
}

// The full error text is golden, so a change in wording is a reviewable diff.
// Regenerate with: go test ./bot/discordspec -run TestErrorTextGolden -update
func TestErrorTextGolden(t *testing.T) {
	s := MustLoad(t)
	r := typicalAnswer()
	r.Data.Content = strings.Repeat("x", 2001)
	r.Data.Embeds[0].Title = strings.Repeat("t", 300)
	r.Data.Embeds[0].URL = "not a url"
	r.Data.Components = append(r.Data.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Again", CustomID: "more:llm"},
		discordgo.Button{Label: "No id"},
	}})
	r.Data.AllowedMentions = nil
	r.Data.Flags = discordgo.MessageFlagsCrossPosted
	err := s.ValidateResponseFor(discordgo.InteractionApplicationCommand, r)
	if err == nil {
		t.Fatal("want an error")
	}
	got := err.Error() + "\n"
	path := filepath.Join("testdata", "golden", "response_errors.txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Fatalf("error text differs from %s (run with -update if intended)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
