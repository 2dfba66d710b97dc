package bot

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/explainbot/explainbot/index"
)

// zwsp is the zero-width space put after "@" so that no quoted text can form
// a mention, even in a client that ignores allowed_mentions.
const zwsp = "\u200b"

// markdownSpecial are the characters Discord's Markdown gives a meaning
// anywhere in a line.
const markdownSpecial = "\\*_~`|[]"

// escapeMarkdown makes user text print as typed: Markdown characters are
// escaped, line-leading headings and lists are defused, and every "@" is
// followed by a zero-width space so "@everyone", "<@123>" and "<@&456>"
// cannot ping.
func escapeMarkdown(s string) string { return escape(s, true) }

// escape is escapeMarkdown for text that starts a line (atLineStart) or
// continues one.
func escape(s string, atLineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := atLineStart
	for _, r := range s {
		switch {
		case strings.ContainsRune(markdownSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case lineStart && (r == '#' || r == '-' || r == '>'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@':
			b.WriteString("@" + zwsp)
		default:
			b.WriteRune(r)
		}
		lineStart = r == '\n' || (lineStart && (r == ' ' || r == '\t'))
	}
	return b.String()
}

// defuseMentions keeps article text (which may be Markdown already) as it is
// but puts a zero-width space after each "@" (once, so it may run on
// text escapeMarkdown already made safe).
func defuseMentions(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "@"+zwsp, "@"), "@", "@"+zwsp)
}

// plainLine makes user text safe where Discord shows it as typed, without
// Markdown (an embed's author line): one line, its "@" defused. Escaping
// there would show the backslashes.
func plainLine(s string) string { return defuseMentions(strings.Join(strings.Fields(s), " ")) }

// clip shortens s to at most n runes, ending in "…" when it cut, and never
// leaves a lone escaping backslash at the end.
func clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut == n-1 {
			s = s[:i]
			break
		}
		cut++
	}
	s = strings.TrimRight(s, " \n")
	if trailingBackslashes(s)%2 == 1 {
		s = s[:len(s)-1]
	}
	return s + "…"
}

func trailingBackslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

// runes counts what Discord counts.
func runes(s string) int { return utf8.RuneCountInString(s) }

// mentionMarkup matches the mention forms Discord understands, so they can
// be left out of what is searched: they are not words about the topic.
var mentionMarkup = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b`)

// searchText is the question as the answer engine should see it.
func searchText(q string) string {
	return strings.Join(strings.Fields(mentionMarkup.ReplaceAllString(q, " ")), " ")
}

// highlight renders plain article text as Discord Markdown: its Markdown
// characters escaped, its "@" defused, a line's "- " kept as a list bullet,
// and the spans (byte offsets into text, from the index) in bold. Bold is
// dropped rather than left unbalanced if the result would pass limit runes.
func highlight(text string, spans []index.Span, limit int) string {
	var b strings.Builder
	pos := 0
	for _, s := range mergeSpans(text, spans) {
		if s.Start < pos || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(articleText(text[pos:s.Start], pos == 0))
		b.WriteString("**" + articleText(text[s.Start:s.End], false) + "**")
		pos = s.End
	}
	b.WriteString(articleText(text[pos:], pos == 0))
	if out := b.String(); runes(out) <= limit {
		return out
	}
	return clip(articleText(text, true), limit)
}

// mergeSpans joins spans that only spaces part, so "generative AI" is
// bold as one phrase rather than as "**generative** **AI**".
func mergeSpans(text string, spans []index.Span) []index.Span {
	var out []index.Span
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start >= out[n-1].End && s.End <= len(text) &&
			strings.Trim(text[out[n-1].End:s.Start], " ") == "" {
			out[n-1].End = s.End
			continue
		}
		out = append(out, s)
	}
	return out
}

// articleText escapes plain article text for Discord, keeping list bullets.
// first tells whether text starts a line.
func articleText(text string, first bool) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if (i > 0 || first) && strings.HasPrefix(line, "- ") {
			lines[i] = "- " + escapeInline(line[2:])
			continue
		}
		if i > 0 || first {
			lines[i] = escapeMarkdown(line)
		} else {
			lines[i] = escapeInline(line)
		}
	}
	return strings.Join(lines, "\n")
}

// escapeInline escapes Markdown inside a line: what escapeMarkdown does
// save for the line-leading marks, since the text does not start a line.
func escapeInline(s string) string { return escape(s, false) }
