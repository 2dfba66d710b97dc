package index

import (
	"maps"
	"strings"
	"sync"
	"unicode/utf8"
)

// Typo correction. Only a token that is neither an English word nor one of
// the articles' is corrected, so a real word is never changed ("biased"
// stays "biased", "vaccines" stays "vaccines"): a misspelling is replaced
// by the nearest word one edit away (an insertion, deletion, substitution
// or swap of neighbours) among the articles' words, the words of asking and
// the common English words, in that order of preference (the glossary's
// spellings of the field's names with the words of asking), and within
// each a doubled letter typed once before any other slip ("flor" is
// "floor", not the commoner "for"); for longer words, by an article word
// two edits away. The first letter is kept (save for a
// swap of the first two): people seldom get it wrong, and a name such as
// "iphone" is one deletion from "phone".
const (
	// minTypoRunes: shorter tokens have too many neighbours to guess from;
	// a three-letter token is corrected only by a swap ("teh", "adn").
	minTypoRunes = 4
	// twoEditRunes is the shortest word tried at two edits.
	twoEditRunes = 7
)

// correct returns the word w was most likely meant to be, and whether one
// was found.
func (ix *Index) correct(w string) (string, bool) {
	n := utf8.RuneCountInString(w)
	if n == minTypoRunes-1 {
		return ix.swapped(w)
	}
	if n < minTypoRunes || n > 40 {
		return "", false
	}
	best, bestClass, bestRank, bestDoubles := "", 4, 0, false
	// consider looks c up without allocating (Go does not copy a byte
	// slice converted for a map index); hundreds of spellings are tried.
	consider := func(c []byte) {
		if len(c) == 0 || c[0] != w[0] && !(len(c) > 1 && len(w) > 1 && c[0] == w[1] && c[1] == w[0]) {
			return
		}
		class, rank := 4, 0
		if n := ix.vocab[string(c)]; n > 0 {
			class, rank = 0, -n
		} else if askingWords()[string(c)] {
			class = 1
		} else if r, ok := ix.lex.CommonBytes(c); ok {
			class, rank = 2, r
		} else {
			return
		}
		doubles := doublesLetter(w, c)
		switch {
		case class != bestClass:
			if class > bestClass {
				return
			}
		case doubles != bestDoubles:
			if !doubles {
				return
			}
		case rank > bestRank || rank == bestRank && string(c) >= best:
			return
		}
		best, bestClass, bestRank, bestDoubles = string(c), class, rank, doubles
	}
	edits1(w, consider)
	if best != "" {
		return best, true
	}
	if n < twoEditRunes {
		return "", false
	}
	bestDist := 3
	for v, count := range ix.vocab {
		if abs(len(v)-len(w)) > 2 || v[0] != w[0] {
			continue
		}
		if d := editDistance(w, v, 2); d < bestDist || d == bestDist && (count > ix.vocab[best] || count == ix.vocab[best] && v < best) {
			best, bestDist = v, d
		}
	}
	// The words of asking too ("artical" for "article"), after the
	// articles' own at the same distance.
	for v := range longAskingWords {
		if abs(len(v)-len(w)) > 2 || v[0] != w[0] {
			continue
		}
		if d := editDistance(w, v, 2); d < bestDist || d == bestDist && ix.vocab[best] == 0 && v < best {
			best, bestDist = v, d
		}
	}
	if bestDist > 2 {
		// Spelt by sound ("halucinashun"): the articles' word that sounds
		// the same, if one does.
		if v := ix.soundsLike()[soundKey(w)]; v != "" && v[0] == w[0] {
			return v, true
		}
	}
	return best, best != "" && bestDist <= 2
}

// doublesLetter reports whether c is w with one of its letters doubled:
// the commonest slip of typing ("flor" for "floor", "writen" for
// "written").
func doublesLetter(w string, c []byte) bool {
	if len(c) != len(w)+1 {
		return false
	}
	for i := 1; i < len(c); i++ {
		if c[i] == c[i-1] && string(c[:i]) == w[:i] && string(c[i+1:]) == w[i:] {
			return true
		}
	}
	return false
}

// soundRewrites spell alike what sounds alike in English spelling.
var soundRewrites = strings.NewReplacer("tion", "shn", "sion", "shn", "shun", "shn", "shon", "shn", "ph", "f", "ck", "k", "qu", "kw", "wh", "w", "ce", "se", "ci", "si", "cy", "sy", "c", "k", "z", "s", "x", "ks")

// soundKey is w as it sounds, roughly: its spelling rewritten by
// soundRewrites, doubled letters once, a plural's "s" dropped.
func soundKey(w string) string {
	k := soundRewrites.Replace(strings.TrimSuffix(w, "s"))
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		if i > 0 && k[i] == k[i-1] {
			continue
		}
		b.WriteByte(k[i])
	}
	return b.String()
}

// swapped corrects a short token by one swap of neighbours ("teh") or one
// missing letter ("nxt") into a word of asking or of the articles.
func (ix *Index) swapped(w string) (string, bool) {
	known := func(c string) bool { return stopWords[c] || ix.vocab[c] > 0 }
	b := []byte(w)
	for i := 0; i+1 < len(b); i++ {
		b[i], b[i+1] = b[i+1], b[i]
		if c := string(b); known(c) {
			return c, true
		}
		b[i], b[i+1] = b[i+1], b[i]
	}
	for i := 1; i <= len(w); i++ {
		for c := 0; c < len(alphabet); c++ {
			if cand := w[:i] + alphabet[c:c+1] + w[i:]; known(cand) {
				return cand, true
			}
		}
	}
	return "", false
}

// askingWords are the words of asking (stop words and cues) and the
// glossary's spellings of the field's names, one set to look a typo's
// candidate up in.
var askingWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	if g, err := parseGlossary(glossaryText); err == nil {
		maps.Copy(m, g.spellings) // the embedded glossary parses (Build fails otherwise)
	}
	for w := range stopWords {
		m[w] = true
	}
	for w := range cueKinds {
		m[w] = true
	}
	return m
})

// longAskingWords are the words of asking (stop words and cues) long enough
// to be tried at two edits.
var longAskingWords = func() map[string]bool {
	m := map[string]bool{}
	add := func(w string) {
		if utf8.RuneCountInString(w) >= twoEditRunes-1 {
			m[w] = true
		}
	}
	for w := range stopWords {
		add(w)
	}
	for w := range cueKinds {
		add(w)
	}
	return m
}()

const alphabet = "abcdefghijklmnopqrstuvwxyz"

// edits1 calls fn with every spelling one edit from w (ASCII letters only;
// words with other runes are left alone). The slice is reused: fn must copy
// what it keeps.
func edits1(w string, fn func([]byte)) {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return
		}
	}
	buf := make([]byte, 0, len(w)+1)
	for i := 0; i <= len(w); i++ {
		if i < len(w) { // deletion
			buf = append(append(buf[:0], w[:i]...), w[i+1:]...)
			fn(buf)
		}
		if i+1 < len(w) { // swap
			buf = append(append(buf[:0], w[:i]...), w[i+1], w[i])
			buf = append(buf, w[i+2:]...)
			fn(buf)
		}
		for c := 0; c < len(alphabet); c++ {
			if i < len(w) && alphabet[c] != w[i] { // substitution
				buf = append(append(append(buf[:0], w[:i]...), alphabet[c]), w[i+1:]...)
				fn(buf)
			}
			buf = append(append(append(buf[:0], w[:i]...), alphabet[c]), w[i:]...) // insertion
			fn(buf)
		}
	}
}

// editDistance is the optimal-string-alignment distance between a and b,
// or limit+1 as soon as it must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
