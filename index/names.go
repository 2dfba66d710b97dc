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
	// The mixed-case words' terms first: few, so only words that could
	// share a term with one of them are analyzed after (the articles'
	// every word would cost a library's start-up a seventh of its build).
	names := map[string]bool{}
	starts := map[string]bool{}
	ix.eachWord(func(w string) {
		if !mixedCase(w) {
			return
		}
		lower := strings.ToLower(w)
		if t := ix.stem.stem(lower); t != "" {
			names[t] = true
			starts[wordStart(lower)] = true
		}
	})
	if len(names) == 0 {
		return nil
	}
	ix.eachWord(func(w string) {
		if mixedCase(w) {
			return
		}
		if lower := strings.ToLower(w); starts[wordStart(lower)] {
			delete(names, ix.stem.stem(lower)) // the articles use it as a word too
		}
	})
	return names
}

// wordStart is a word's first three letters, which its regular inflections
// keep ("llama", "llamas").
func wordStart(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

// eachWord calls f with each run of letters and digits, case kept, in the
// articles' titles, headings, lines and labels.
func (ix *Index) eachWord(f func(string)) {
	see := func(text string) {
		start := -1
		for i, r := range text {
			in := unicode.IsLetter(r) || unicode.IsDigit(r)
			switch {
			case in && start < 0:
				start = i
			case !in && start >= 0:
				f(text[start:i])
				start = -1
			}
		}
		if start >= 0 {
			f(text[start:])
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
