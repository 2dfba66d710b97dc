package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a matched word in a passage, as byte offsets.
type span struct{ start, end int }

// excerpt cuts text to at most limit runes around the matched spans, at
// sentence or line boundaries where it can and word boundaries where it must,
// escapes Markdown, and puts the matched words in **bold**.
func excerpt(text string, spans []span, limit int) string {
	start, end := window(text, spans, limit)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, s := range spans {
		if s.start < pos || s.end > end || s.start >= s.end {
			continue
		}
		b.WriteString(escapeMarkdown(text[pos:s.start]))
		b.WriteString("**")
		b.WriteString(escapeMarkdown(text[s.start:s.end]))
		b.WriteString("**")
		pos = s.end
	}
	b.WriteString(escapeMarkdown(text[pos:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	out := b.String()
	// Markup and escapes can push the excerpt past the limit: cut again, at
	// a word boundary, without leaving bold open.
	for utf8.RuneCountInString(out) > limit {
		cut := lastSpaceBefore(out, limit-2)
		out = out[:cut]
		if strings.Count(out, "**")%2 == 1 {
			out = out[:strings.LastIndex(out, "**")]
		}
		out = strings.TrimRight(out, " \\") + " …"
	}
	return out
}

// window picks the byte range [start, end) of text to show: the whole text if
// it fits, else the run of sentences holding the most matches that fits in
// limit runes less room for the ellipses and bold markers.
func window(text string, spans []span, limit int) (int, int) {
	if utf8.RuneCountInString(text)+4*len(spans) <= limit {
		return 0, len(text)
	}
	budget := limit - 4 - 4*min(len(spans), 20)
	bounds := sentenceStarts(text)
	bestStart, bestEnd, bestScore := 0, 0, -1
	for i, s := range bounds {
		e := s
		for j := i + 1; j <= len(bounds); j++ {
			next := len(text)
			if j < len(bounds) {
				next = bounds[j]
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
			if sp.start >= s && sp.end <= e {
				score++
			}
		}
		if score > bestScore {
			bestStart, bestEnd, bestScore = s, e, score
		}
	}
	return bestStart, bestEnd
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

// escapeMarkdown escapes the characters Discord's Markdown would act on.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '_', '~', '`', '|', '>':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
