package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a matched word in an excerpt: byte offsets [Start, End) into the
// excerpt's text, on rune boundaries.
type Span struct{ Start, End int }

// ellipsis marks where an excerpt was cut.
const ellipsis = "…"

// excerpt quotes passage p for q: the passage's plain text cut to at most
// MaxExcerpt runes around the question's words, and where those words are.
func (ix *Index) excerpt(p int, q *question) (string, []Span) {
	pt := ix.textOf(p)
	var want []string
	for _, t := range q.terms {
		if t.known == 1 {
			want = append(want, t.term)
		}
		want = append(want, t.also...)
	}
	var spans []Span
	for _, tok := range pt.tokens {
		if slices.Contains(want, tok.term) {
			spans = append(spans, Span{tok.start, tok.end})
		}
	}
	return cut(ix.units[p].text, pt.starts, spans, MaxExcerpt)
}

// cut returns at most limit runes of text around spans, at sentence or line
// boundaries where it can and word boundaries where it must, with the spans
// that fall inside moved to the excerpt's offsets.
func cut(text string, starts []int, spans []Span, limit int) (string, []Span) {
	start, end := window(text, starts, spans, limit)
	var b strings.Builder
	if start > 0 {
		b.WriteString(ellipsis + " ")
	}
	shift := b.Len() - start
	b.WriteString(text[start:end])
	if end < len(text) {
		b.WriteString(" " + ellipsis)
	}
	var out []Span
	for _, s := range spans {
		if s.Start >= start && s.End <= end && s.Start < s.End {
			out = append(out, Span{s.Start + shift, s.End + shift})
		}
	}
	return b.String(), out
}

// window picks the byte range [start, end) of text to show: the whole text
// if it fits, else the run of sentences holding the most matches that fits
// in limit runes less room for the ellipses.
func window(text string, starts []int, spans []Span, limit int) (int, int) {
	if utf8.RuneCountInString(text) <= limit {
		return 0, len(text)
	}
	budget := limit - 4
	bestStart, bestEnd, bestScore := 0, 0, -1
	for i, s := range starts {
		e := s
		for j := i + 1; j <= len(starts); j++ {
			next := len(text)
			if j < len(starts) {
				next = starts[j]
			}
			if utf8.RuneCountInString(text[s:next]) > budget {
				break
			}
			e = next
		}
		if e == s { // one sentence longer than the budget: cut it at a word
			e = s + lastSpaceBefore(text[s:], budget)
		}
		score := 0
		for _, sp := range spans {
			if sp.Start >= s && sp.End <= e {
				score++
			}
		}
		if score > bestScore {
			bestStart, bestEnd, bestScore = s, e, score
		}
	}
	// The space before the next sentence is not part of this one.
	return bestStart, bestStart + len(strings.TrimRightFunc(text[bestStart:bestEnd], unicode.IsSpace))
}

// sentenceStarts returns the byte offsets where sentences and lines begin.
func sentenceStarts(text string) []int {
	starts := []int{0}
	for i, r := range text {
		if i == 0 || unicode.IsSpace(r) {
			continue
		}
		if prev, _ := utf8.DecodeLastRuneInString(text[:i]); !unicode.IsSpace(prev) {
			continue
		}
		// The first letter after a gap: a new line, or a sentence after ". ".
		before := strings.TrimRightFunc(text[:i], unicode.IsSpace)
		gap := text[len(before):i]
		if strings.ContainsRune(gap, '\n') || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "!") || strings.HasSuffix(before, "?") {
			starts = append(starts, i)
		}
	}
	return starts
}

// lastSpaceBefore is the byte offset of the last space within the first n
// runes of s, or the offset of rune n when there is none.
func lastSpaceBefore(s string, n int) int {
	cut, runes := len(s), 0
	for i := range s {
		if runes == n {
			cut = i
			break
		}
		runes++
	}
	if sp := strings.LastIndexFunc(s[:cut], unicode.IsSpace); sp > 0 {
		return sp
	}
	return cut
}
