package index

import (
	"slices"
	"strings"
	"testing"
)

// TestSaysPair checks the pairs by which a section says a compound: two
// terms at most maxPairGap apart, in their order only.
func TestSaysPair(t *testing.T) {
	run := []string{"fashion", "product", "design", "tool"}
	for _, c := range []struct {
		pair string
		want bool
	}{
		{"fashion product", true},
		{"fashion design", true}, // "fashion & product design"
		{"product tool", true},
		{"fashion tool", false}, // three apart
		{"design fashion", false},
		{"tool tool", false},
	} {
		a, b, _ := strings.Cut(c.pair, " ")
		if got := saysPair(run, []string{a}, []string{b}); got != c.want {
			t.Errorf("pair %q: %v, want %v", c.pair, got, c.want)
		}
	}
	if saysPair(nil, []string{"one"}, []string{"two"}) || saysPair([]string{"one"}, []string{"one"}, []string{"one"}) {
		t.Error("a pair from fewer than two terms")
	}
}

// TestSaysCompound checks that a section says a compound by its words or
// by the relatives the question found for them, and that its heading and
// text are read apart (the heading's last word and the text's first make
// no pair).
func TestSaysCompound(t *testing.T) {
	ix := builtinIndex(t)
	var ethics, uses int = -1, -1
	for s := range ix.sections {
		switch ix.section(s).Heading {
		case "Ethical Considerations and Challenges":
			ethics = s
		case "Use Cases of Generative AI and LLMs":
			uses = s
		}
	}
	if ethics < 0 || uses < 0 {
		t.Fatal("the built-in article's sections are not where this test expects them")
	}
	stem := ix.stem.stem
	c := func(parts ...[]string) openCompound { return openCompound{parts: parts} }
	for _, tc := range []struct {
		name string
		s    int
		c    openCompound
		want bool
	}{
		{"written together", uses, c([]string{stem("customer")}, []string{stem("support")}), true},
		{"two words apart", uses, c([]string{stem("fashion")}, []string{stem("design")}), true},
		{"never together", ethics, c([]string{stem("role")}, []string{stem("model")}), false},
		{"by a relative", uses, c([]string{stem("client"), stem("customer")}, []string{stem("support")}), true},
		{"across heading and text", ethics, c([]string{stem("challenges")}, []string{stem("new")}), false}, // "... and Challenges" / "Like all new tech"
	} {
		if got := ix.saysCompound(tc.s, tc.c); got != tc.want {
			t.Errorf("%s: saysCompound = %v, want %v", tc.name, got, tc.want)
		}
	}
	if h, x := ix.terms(ix.section(ethics).Heading), ix.terms(ix.section(ethics).Text()); len(h) == 0 || h[len(h)-1] != stem("challenges") || !slices.Contains(x[:min(2, len(x))], stem("new")) {
		t.Fatalf("the ethics section no longer ends its heading with %q and opens its text with %q: pick another pair", "challenges", "new")
	}
}
