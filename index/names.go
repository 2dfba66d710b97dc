package index

import (
	"strings"
	"unicode"
)

// nameTerms are the analyzed terms that the articles write only as names in
// mixed case ("LLaMA", "PaLM", "ChatGPT"), never as ordinary words. A name is
// not inflected, so a question's "llamas" or "palms" is the English word,
// not the model: see Index.parse.
//
// Only mixed case counts. An acronym in capitals ("AI", "GAN") has plurals
// students write ("AIs"), and a capitalised word may be a concept the
// writer capitalises ("the Transformer").
func (ix *Index) nameTerms() map[string]bool {
	asName := map[string]bool{}
	asWord := map[string]bool{}
	see := func(text string) {
		for _, w := range casedWords(text) {
			lower := words(w)
			if len(lower) != 1 {
				continue
			}
			t := ix.stem.stem(lower[0])
			if t == "" {
				continue
			}
			if mixedCase(w) {
				asName[t] = true
			} else {
				asWord[t] = true
			}
		}
	}
	for _, a := range ix.articles {
		see(a.Title)
		for _, s := range a.Sections {
			see(s.Heading)
			for _, b := range s.Blocks {
				see(b.Text)
				see(b.Label)
			}
		}
	}
	names := map[string]bool{}
	for t := range asName {
		if !asWord[t] {
			names[t] = true
		}
	}
	return names
}

// casedWords splits text into runs of letters and digits, keeping case.
func casedWords(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		in := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// mixedCase reports whether w has a capital after its first letter and a
// small letter too: "LLaMA", "ChatGPT", not "AI", "GANs", "Bard" or "bard".
func mixedCase(w string) bool {
	// An acronym's plural ("GANs", "LLMs") is an acronym still.
	if n := len(w); n > 2 && w[n-1] == 's' && strings.ToUpper(w[:n-1]) == w[:n-1] {
		return false
	}
	upperLater, lower := false, false
	for i, r := range w {
		if unicode.IsLower(r) {
			lower = true
		}
		if i > 0 && unicode.IsUpper(r) {
			upperLater = true
		}
	}
	return upperLater && lower
}
