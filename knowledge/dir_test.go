package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestLoadDir(t *testing.T) {
	arts, err := LoadDir(filepath.Join("testdata", "notes"))
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.Path+" "+a.Title)
	}
	// Sorted by path; the hidden .drafts directory and README.txt are skipped.
	want := []string{
		filepath.Join("testdata", "notes", "models", "quantization.md") + " Quantization",
		filepath.Join("testdata", "notes", "prompting.md") + " Prompting basics",
	}
	if !slices.Equal(got, want) {
		t.Errorf("articles:\n got %q\nwant %q", got, want)
	}
	if len(arts) == 2 && (len(arts[1].Comparisons) != 1 || arts[1].Source != "class notes, week 3") {
		t.Errorf("prompting.md: comparisons %v, source %q; want one comparison and its source", arts[1].Comparisons, arts[1].Source)
	}
}

func TestLoadDirProblems(t *testing.T) {
	dir := filepath.Join("testdata", "broken")
	arts, err := LoadDir(dir)
	if arts != nil {
		t.Errorf("LoadDir returned %d articles along with problems, want none", len(arts))
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("LoadDir error = %v (%T), want Problems", err, err)
	}
	var want []string
	for _, tc := range brokenCases {
		for _, w := range tc.want {
			want = append(want, filepath.Join(dir, w))
		}
	}
	if got := strings.Split(ps.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("problems from every file:\n got %q\nwant %q", got, want)
	}
}

func TestLoadDirUnusable(t *testing.T) {
	empty := t.TempDir()

	dangling := t.TempDir()
	note, err := os.ReadFile(filepath.Join("testdata", "notes", "prompting.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dangling, "good.md"), note, 0o644); err != nil {
		t.Fatal(err)
	}
	// A link to nowhere cannot be read, even by root.
	if err := os.Symlink(filepath.Join(dangling, "nowhere"), filepath.Join(dangling, "gone.md")); err != nil {
		t.Fatal(err)
	}

	file := filepath.Join("testdata", "notes", "prompting.md")
	missing := filepath.Join("testdata", "no-such-dir")
	for _, tc := range []struct{ dir, want string }{
		{missing, missing + ": cannot read: no such file or directory"},
		{file, file + ": not a directory"},
		{empty, empty + ": no .md files"},
		{dangling, filepath.Join(dangling, "gone.md") + ": cannot read: no such file or directory"},
	} {
		arts, err := LoadDir(tc.dir)
		if err == nil || err.Error() != tc.want || arts != nil {
			t.Errorf("LoadDir(%q) = %d articles, %v; want none and %q", tc.dir, len(arts), err, tc.want)
		}
	}
}

func TestHash(t *testing.T) {
	load := func() []*Article {
		t.Helper()
		arts, err := LoadDir(filepath.Join("testdata", "notes"))
		if err != nil {
			t.Fatal(err)
		}
		return arts
	}
	base := Hash(load())
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(base) {
		t.Fatalf("Hash = %q, want 64 hex digits", base)
	}
	if again := Hash(load()); again != base {
		t.Errorf("Hash of the same files differs between loads: %s, %s", base, again)
	}

	changes := []struct {
		name   string
		change func([]*Article) []*Article
	}{
		{"path", func(a []*Article) []*Article { a[0].Path += "x"; return a }},
		{"title", func(a []*Article) []*Article { a[0].Title += "x"; return a }},
		{"source", func(a []*Article) []*Article { a[1].Source += "x"; return a }},
		{"heading", func(a []*Article) []*Article { a[0].Sections[1].Heading += "x"; return a }},
		{"block", func(a []*Article) []*Article { a[1].Sections[0].Blocks[0].Text += "x"; return a }},
		{"block label", func(a []*Article) []*Article { a[1].Sections[0].Blocks[0].Label += "x"; return a }},
		{"passage", func(a []*Article) []*Article { a[1].Sections[0].Passages[0] += "x"; return a }},
		{"comparison cell", func(a []*Article) []*Article { a[1].Comparisons[0].Rows[0].Values[1] += "x"; return a }},
		{"text moved between fields", func(a []*Article) []*Article {
			a[0].Title, a[0].Source = a[0].Title[:3], a[0].Title[3:]+a[0].Source
			return a
		}},
		{"order", func(a []*Article) []*Article { return []*Article{a[1], a[0]} }},
		{"one article fewer", func(a []*Article) []*Article { return a[:1] }},
	}
	for _, c := range changes {
		if got := Hash(c.change(load())); got == base {
			t.Errorf("changing the %s left the hash unchanged", c.name)
		}
	}
	if Hash(nil) == base {
		t.Error("Hash(nil) equals the hash of two articles")
	}
}
