package knowledge

import (
	"slices"
	"strings"
	"testing"
)

func TestBuiltin(t *testing.T) {
	a := Builtin()
	if a != Builtin() {
		t.Error("Builtin() returned a different article on the second call; want it parsed once and shared")
	}
	if a.Path != BuiltinPath {
		t.Errorf("Path = %q, want %q", a.Path, BuiltinPath)
	}
	if want := "Generative AI vs Large Language Models LLMs | Understanding the Difference"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if !strings.Contains(a.Source, "shared/seed/000_a4066ba091706659.txt") {
		t.Errorf("Source = %q, want it to name the seed file", a.Source)
	}

	var headings []string
	for _, s := range a.Sections {
		headings = append(headings, s.Heading)
	}
	wantHeadings := []string{
		"Introduction",
		"What Is Generative AI",
		"What Are Large Language Models (LLMs)",
		"Key Differences Between Generative AI and LLMs",
		"How Do LLMs Work",
		"Use Cases of Generative AI and LLMs",
		"Ethical Considerations and Challenges",
		"Conclusion",
	}
	if !slices.Equal(headings, wantHeadings) {
		t.Errorf("headings:\n got %q\nwant %q", headings, wantHeadings)
	}
}

func TestBuiltinLines(t *testing.T) {
	src, err := articles.ReadFile("articles/" + builtinFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	for _, s := range Builtin().Sections {
		if s.Line < 1 || s.Line > len(lines) {
			t.Errorf("section %q: Line %d is outside the file's %d lines", s.Heading, s.Line, len(lines))
			continue
		}
		got := lines[s.Line-1]
		want := "## " + s.Heading
		if s.Heading == "Introduction" {
			want = "In recent years, " // The introduction starts at its first paragraph.
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("section %q: line %d is %q, want it to start with %q", s.Heading, s.Line, got, want)
		}
	}
}

func TestBuiltinComparison(t *testing.T) {
	a := Builtin()
	if len(a.Comparisons) != 1 {
		t.Fatalf("got %d comparisons, want 1", len(a.Comparisons))
	}
	c := a.Comparisons[0]
	if c.Header != "Feature" {
		t.Errorf("Header = %q, want Feature", c.Header)
	}
	if want := []string{"Generative AI", "Large Language Models (LLMs)"}; !slices.Equal(c.Subjects, want) {
		t.Errorf("Subjects = %q, want %q", c.Subjects, want)
	}
	if c.Section != "key-differences-between-generative-ai-and-llms" || c.Title != "Key Differences Between Generative AI and LLMs" {
		t.Errorf("comparison stands in %q (%q), want the key differences section", c.Section, c.Title)
	}
	want := []Row{
		{"Scope", []string{"Works with text, image, video, audio, and more", "Focuses mainly on text"}},
		{"Purpose", []string{"Can create any type of content", "Specializes in understanding and generating natural language"}},
		{"Technology", []string{"Uses GANs, diffusion models, and transformers", "Uses transformer models"}},
		{"Examples", []string{"DALL·E, ChatGPT, MusicLM, RunwayML", "GPT-4, Claude, LLaMA, Bard"}},
		{"Applications", []string{"Art, media, entertainment, simulations", "Writing, coding, translation, customer support"}},
	}
	if len(c.Rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %q", len(c.Rows), len(want), c.Rows)
	}
	for i, w := range want {
		if g := c.Rows[i]; g.Feature != w.Feature || !slices.Equal(g.Values, w.Values) {
			t.Errorf("row %d:\n got %q %q\nwant %q %q", i, g.Feature, g.Values, w.Feature, w.Values)
		}
	}
	if r, ok := c.Row("scope"); !ok || r.Feature != "Scope" {
		t.Errorf(`Row("scope") = %v, %v; want the Scope row`, r, ok)
	}

	// The table's words are searchable as blocks of its section.
	s := section(t, a, "key-differences-between-generative-ai-and-llms")
	wantBlock := "Scope: Generative AI: Works with text, image, video, audio, and more; Large Language Models (LLMs): Focuses mainly on text"
	if !slices.Contains(lines(s.Blocks), wantBlock) {
		t.Errorf("section blocks %q\nlack the Scope row %q", lines(s.Blocks), wantBlock)
	}
}

func TestBuiltinBlocks(t *testing.T) {
	a := Builtin()
	items := 0
	for _, s := range a.Sections {
		for _, b := range s.Blocks {
			if b.Kind == Item {
				items++
			}
			if len(b.Text) > 1000 {
				t.Errorf("section %q has a block of %d bytes, want none over 1000 (the flattened seed copy?): %.80q…", s.Heading, len(b.Text), b.Text)
			}
			// In the seed's flattened copy each heading runs into its text.
			if strings.Contains(b.Text, "What Is Generative AI Generative AI is") {
				t.Errorf("section %q holds the seed's flattened copy: %.80q…", s.Heading, b.Text)
			}
		}
	}
	if items != 24 {
		t.Errorf("got %d list-item blocks, want 24", items)
	}
	s := section(t, a, "what-is-generative-ai")
	for _, want := range []string{
		"- Text generation for writing articles or composing poems",
		"- Image creation using tools like DALL·E or Midjourney",
		"- Code generation",
	} {
		if !slices.Contains(lines(s.Blocks), want) {
			t.Errorf("section %q lacks block %q; blocks: %q", s.Heading, want, lines(s.Blocks))
		}
	}
	s = section(t, a, "what-are-large-language-models-llms")
	if !slices.Contains(lines(s.Blocks), "- OpenAI’s GPT (Generative Pretrained Transformer) series") {
		t.Errorf("typographic apostrophe lost: blocks %q", lines(s.Blocks))
	}
	s = section(t, a, "use-cases-of-generative-ai-and-llms")
	if b := s.Blocks[0]; b.Kind != Subheading || b.Text != "Generative AI" {
		t.Errorf("sub headings should stay in their section as plain Subheading blocks; first block %+v", b)
	}
	for _, b := range s.Blocks[1:] {
		if b.Kind == Item && b.Under != "Generative AI" && b.Under != "LLMs" {
			t.Errorf("item %q stands under %q, want its sub-heading", b.Text, b.Under)
		}
	}
	s = section(t, a, "ethical-considerations-and-challenges")
	if b := s.Blocks[1]; b.Kind != Item || b.Label != "Bias & fairness" {
		t.Errorf("a \"Term: text\" item should carry its term as label; got %+v", b)
	}
}

// section returns the section of a with the given ID, failing the test if
// there is none.
func section(t *testing.T, a *Article, id string) Section {
	t.Helper()
	for _, s := range a.Sections {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %q in %s", id, a.Path)
	return Section{}
}
