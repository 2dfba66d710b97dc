package index

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

//go:embed glossary.txt
var glossaryText string

// glossary is the field's vocabulary: names and abbreviations, applied to
// a question as rewrites before analysis.
type glossary struct {
	rewrites []rewrite
	// terms lists every canonical word or phrase, for autocomplete.
	terms []string
	// byFirst lists the rewrites by the first word they replace.
	byFirst map[string][]int
	// spellings holds every word the glossary writes, canonical or
	// variant: words of the field, which a typo may be meant for
	// ("halucination").
	spellings map[string]bool
}

// rewrite replaces the words in from, wherever they stand together, with to.
type rewrite struct {
	from, to []string
}

// parseGlossary reads the glossary format described at the top of glossary.txt.
func parseGlossary(text string) (*glossary, error) {
	g := &glossary{spellings: map[string]bool{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		canonical, variants, ok := strings.Cut(line, "<-")
		to := words(canonical)
		switch {
		case !ok:
			return nil, fmt.Errorf("glossary line %d: want \"canonical <- variant, variant\"", n+1)
		case len(to) == 0:
			return nil, fmt.Errorf("glossary line %d: no canonical words", n+1)
		}
		g.terms = append(g.terms, strings.Join(to, " "))
		for _, v := range strings.Split(variants, ",") {
			from := words(v)
			if len(from) == 0 {
				return nil, fmt.Errorf("glossary line %d: empty variant", n+1)
			}
			g.rewrites = append(g.rewrites, rewrite{from: from, to: to})
			for _, w := range slices.Concat(from, to) {
				g.spellings[w] = true
			}
		}
	}
	g.index()
	return g, nil
}

// initialisms are the one-word names the glossary gives as the initials
// of a phrase it rewrites to them: "ai" of "artificial intelligence".
func (g *glossary) initialisms() []string {
	var out []string
	for _, r := range g.rewrites {
		if len(r.to) != 1 || len(r.from) < 2 || slices.Contains(out, r.to[0]) {
			continue
		}
		var initials strings.Builder
		for _, w := range r.from {
			initials.WriteString(w[:1])
		}
		if initials.String() == r.to[0] {
			out = append(out, r.to[0])
		}
	}
	return out
}

// drop removes the rewrites that fn reports.
func (g *glossary) drop(fn func(rewrite) bool) {
	g.rewrites = slices.DeleteFunc(g.rewrites, fn)
	g.index()
}

// index lists the rewrites by their first word, for apply.
func (g *glossary) index() {
	g.byFirst = map[string][]int{}
	for r, rw := range g.rewrites {
		g.byFirst[rw.from[0]] = append(g.byFirst[rw.from[0]], r)
	}
}

// apply rewrites a question's words, longest phrase first at each
// position; a possessive is rewritten as its owner ("the bot's reply").
func (g *glossary) apply(ws []string) []string {
	out := make([]string, 0, len(ws))
	for i := 0; i < len(ws); {
		best, owned := -1, false
		first := ws[i]
		if base, ok := strings.CutSuffix(first, "'s"); ok {
			first = base // "chatgpt's": a one-word name owned
		}
		for _, r := range g.byFirst[first] {
			if ok, o := hasPrefixWords(ws[i:], g.rewrites[r].from); ok && (best < 0 || len(g.rewrites[r].from) > len(g.rewrites[best].from)) {
				best, owned = r, o
			}
		}
		if best < 0 {
			out = append(out, ws[i])
			i++
			continue
		}
		out = append(out, g.rewrites[best].to...)
		if owned {
			out[len(out)-1] += "'s"
		}
		i += len(g.rewrites[best].from)
	}
	return out
}

// hasPrefixWords reports whether ws begins with prefix, and whether its
// last word is prefix's last in the possessive.
func hasPrefixWords(ws, prefix []string) (ok, owned bool) {
	if len(prefix) > len(ws) {
		return false, false
	}
	for i, p := range prefix {
		if ws[i] == p {
			continue
		}
		if i == len(prefix)-1 && ws[i] == p+"'s" {
			return true, true
		}
		return false, false
	}
	return true, false
}

// words splits text into lowercase words: letters and digits, with inner
// apostrophes kept ("meta's") and everything else a separator.
func words(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, strings.Trim(b.String(), "'"))
			b.Reset()
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && b.Len() > 0:
			b.WriteRune('\'')
		case r == ';' && b.Len() > 0 && i+1 < len(text) && unicode.IsLetter(rune(text[i+1])):
			// "tl;dr" is one word; a clause break has a space after it.
		default:
			flush()
		}
	}
	flush()
	return out
}
