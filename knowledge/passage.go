package knowledge

import "strings"

// Passage limits. A passage is what the index scores and quotes, so it must
// be short enough to be about one thing and long enough to carry context; the
// overlap keeps a sentence that straddles a cut findable from both sides.
const (
	// PassageWords is the most words a passage holds, unless one sentence
	// alone is longer.
	PassageWords = 120
	// PassageOverlap is the most words a passage repeats from the one before.
	PassageOverlap = 30
)

// lines renders blocks as the lines of a section's text.
func lines(blocks []Block) []string {
	out := make([]string, len(blocks))
	for i, b := range blocks {
		out[i] = b.Line()
	}
	return out
}

// passages cuts a section's blocks into overlapping passages of at most
// PassageWords words. Blocks stay whole unless one alone is too long, which
// is then cut at sentence ends, or at word breaks if a sentence is too long.
// A short section is one passage, its whole text.
func passages(blocks []string) []string {
	total := 0
	for _, b := range blocks {
		total += len(strings.Fields(b))
	}
	if total <= PassageWords {
		return []string{strings.Join(blocks, "\n")}
	}
	type unit struct {
		text  string
		words int
	}
	var units []unit
	for _, b := range blocks {
		for _, piece := range splitBlock(b) {
			units = append(units, unit{piece, len(strings.Fields(piece))})
		}
	}
	var out []string
	for start := 0; start < len(units); {
		end, words := start, 0
		for end < len(units) && words+units[end].words <= PassageWords {
			words += units[end].words
			end++
		}
		if end == start { // Cannot happen: splitBlock bounds every unit.
			end++
		}
		texts := make([]string, 0, end-start)
		for _, u := range units[start:end] {
			texts = append(texts, u.text)
		}
		out = append(out, strings.Join(texts, "\n"))
		if end == len(units) {
			break
		}
		// Step back over the longest run of whole units at the end of this
		// passage that fits in the overlap, keeping the next passage able to
		// take at least one new unit.
		next, overlap := end, 0
		for next-1 > start && overlap+units[next-1].words <= PassageOverlap &&
			overlap+units[next-1].words+units[end].words <= PassageWords {
			overlap += units[next-1].words
			next--
		}
		start = next
	}
	return out
}

// splitBlock returns b whole if it fits in a passage, else cut into pieces
// that do: whole sentences where it can, word runs where a sentence alone is
// too long.
func splitBlock(b string) []string {
	words := strings.Fields(b)
	if len(words) <= PassageWords {
		return []string{b}
	}
	var sentences [][]string
	from := 0
	for i, w := range words {
		if endsSentence(w) || i == len(words)-1 {
			sentences = append(sentences, words[from:i+1])
			from = i + 1
		}
	}
	var pieces []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			pieces = append(pieces, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, s := range sentences {
		for len(s) > PassageWords {
			flush()
			pieces = append(pieces, strings.Join(s[:PassageWords], " "))
			s = s[PassageWords:]
		}
		if len(cur)+len(s) > PassageWords {
			flush()
		}
		cur = append(cur, s...)
	}
	flush()
	return pieces
}

// endsSentence reports whether a word ends a sentence: a full stop,
// question or exclamation mark, or ellipsis, perhaps inside closing quotes
// or brackets.
func endsSentence(w string) bool {
	w = strings.TrimRight(w, `"')]’”»`)
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") ||
		strings.HasSuffix(w, "?") || strings.HasSuffix(w, "…")
}
