package discordspec

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// specFiles writes a copy of the real spec files into dir/shared/discord-spec
// (limits replaced when given) and returns that directory.
func specFiles(t *testing.T, dir string, limits []byte) string {
	t.Helper()
	real := MustLoad(t).Dir
	spec := filepath.Join(dir, "shared", "discord-spec")
	if err := os.MkdirAll(spec, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{schemaFile, limitsFile} {
		b, err := os.ReadFile(filepath.Join(real, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == limitsFile && limits != nil {
			b = limits
		}
		if err := os.WriteFile(filepath.Join(spec, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return spec
}

// The CI layout: a fresh clone with shared/ beside it, the test running in
// the package directory three levels down.
func TestFindFromWalksUpToSharedBesideTheRepo(t *testing.T) {
	root := t.TempDir()
	spec := specFiles(t, root, nil)
	pkg := filepath.Join(root, "clone", "bot", "discordspec")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := findFrom(pkg)
	if err != nil || got != spec {
		t.Fatalf("findFrom(%s) = %q, %v; want %q", pkg, got, err, spec)
	}
}

func TestFindFromFailsWhenNothingIsThere(t *testing.T) {
	_, err := findFrom(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), EnvDir) {
		t.Fatalf("want an error naming %s, got %v", EnvDir, err)
	}
}

func TestDirHonoursEnv(t *testing.T) {
	spec := specFiles(t, t.TempDir(), nil)
	t.Setenv(EnvDir, spec)
	if got, err := Dir(); err != nil || got != spec {
		t.Fatalf("Dir() = %q, %v; want %q", got, err, spec)
	}
	empty := t.TempDir()
	t.Setenv(EnvDir, empty)
	if _, err := Dir(); err == nil || !strings.Contains(err.Error(), empty) {
		t.Fatalf("want an error naming %s, got %v", empty, err)
	}
}

// A limits.json whose keys moved must not load: its numbers would read as 0.
func TestLoadDirRejectsLimitsWithMissingKeys(t *testing.T) {
	spec := specFiles(t, t.TempDir(), []byte(`{"command": {"name_regex_go_re2": "^[a-z]{1,32}$"}, "message": {"embed": {"total_counts": ["title", "subtitle"]}}}`))
	_, err := LoadDir(spec)
	for _, want := range []string{"message.content_max missing", `unknown field "subtitle"`, "command.max_options missing"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want an error containing %q, got %v", want, err)
		}
	}
}

func TestLoadDirLoadsACopy(t *testing.T) {
	spec := specFiles(t, t.TempDir(), nil)
	s, err := LoadDir(spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ValidateResponse(typicalAnswer()); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
}

// MustLoad must fail, not skip, when the spec cannot be found. The check runs
// in a child process because Load is cached for the life of this one.
func TestMustLoadFailsWithoutSpec(t *testing.T) {
	if os.Getenv("DISCORDSPEC_CHILD") == "1" {
		MustLoad(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMustLoadFailsWithoutSpec$", "-test.v")
	cmd.Env = append(os.Environ(), "DISCORDSPEC_CHILD=1", EnvDir+"="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("child passed without a spec; output:\n%s", out)
	}
	if !strings.Contains(string(out), "--- FAIL: TestMustLoadFailsWithoutSpec") || strings.Contains(string(out), "--- SKIP") {
		t.Fatalf("want a FAIL (not a SKIP) from the child; output:\n%s", out)
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
