package index

import "slices"

// textPlace is a place in an article that a question points to: "the
// start of the article", "the closing part". Its first section opens it,
// its last closes it, whatever their headings say.
type textPlace int

const (
	noPlace textPlace = iota
	placeStart
	placeEnd
)

// placeWords name where in a text something is said.
var placeWords = map[string]textPlace{
	"start": placeStart, "beginning": placeStart, "opening": placeStart, "first": placeStart, "top": placeStart,
	"end": placeEnd, "ending": placeEnd, "closing": placeEnd, "last": placeEnd, "final": placeEnd, "bottom": placeEnd,
}

// textParts are the parts of a text a place word may stand before ("the
// first paragraph", "the start bit"), and textNouns the texts whose place
// is meant after "of" ("the end of the article").
var (
	textParts = []string{"part", "bit", "paragraph", "section", "line", "lines", "sentence", "sentences", "page"}
	textNouns = slices.Concat(documentWords, []string{"text", "piece", "notes", "note", "page", "chapter"})
)

// textPlaceAsked finds a place in the text that q points to and the indexes
// of the words that say it: "the" and a place word, then a part of a text
// ("the opening paragraph"), or "of the" and a text ("the end of the
// article"); a part followed by "of" must be of a text ("the first part of
// a long chat" is a place in a chat, "the end of the day" none at all).
func textPlaceAsked(ws []string) (textPlace, map[int]bool) {
	for i := 1; i < len(ws); i++ {
		p := placeWords[ws[i]]
		if p == noPlace || ws[i-1] != "the" {
			continue
		}
		j := i + 1
		if j < len(ws) && slices.Contains(textParts, ws[j]) {
			j++
			if j == len(ws) || ws[j] != "of" {
				return p, span(i-1, j)
			}
		}
		if j+2 < len(ws) && ws[j] == "of" && (ws[j+1] == "the" || ws[j+1] == "this") && slices.Contains(textNouns, ws[j+2]) {
			return p, span(i-1, j+3)
		}
	}
	return noPlace, nil
}

// span is the indexes from i up to j.
func span(i, j int) map[int]bool {
	out := make(map[int]bool, j-i)
	for k := i; k < j; k++ {
		out[k] = true
	}
	return out
}

// placed is the section at the place q points to: the first or the last
// of an article, of the one whose section there the search found most
// words in, else of article lead (the one the question's words point
// to); -1 when q points to none.
func (ix *Index) placed(q *question, lead int, ranked []hit) int {
	if q.place == noPlace {
		return -1
	}
	first, last := map[int]int{}, map[int]int{}
	for s, ref := range ix.sections {
		if _, ok := first[ref.article]; !ok {
			first[ref.article] = s
		}
		last[ref.article] = s
	}
	at := first
	if q.place == placeEnd {
		at = last
	}
	best, text := -1, 0.0
	if s, ok := at[lead]; ok {
		best = s
	}
	for _, h := range ranked {
		if at[ix.sections[h.section].article] == h.section && h.text > text {
			best, text = h.section, h.text
		}
	}
	return best
}
