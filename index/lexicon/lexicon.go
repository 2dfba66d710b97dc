// Package lexicon is explainbot's knowledge of general English: which
// spellings are words, how common each is, their base forms and parts of
// speech, which words share a meaning, and which define one. It is generated from public resources by ./gen
// (see data/NOTICE.md) and embedded as sorted text that is searched in
// place, so loading it costs one scan for line starts.
package lexicon

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:generate ./gen/fetch.sh

var (
	//go:embed data/words.tsv
	wordsTSV string
	//go:embed data/related.tsv
	relatedTSV string
	//go:embed data/compounds.tsv
	compoundsTSV string
)

// Lexicon answers questions about English words. It is read-only and safe
// for concurrent use.
type Lexicon struct {
	words     table // form, rank, lemma
	related   table // lemma, related words
	compounds table // first word, the rests of the compound nouns it opens

	commonOnce sync.Once
	common     map[string]int32 // see Common
}

// table is sorted tab-separated lines searched by their first field.
type table struct {
	text  string
	lines []uint32 // offset of each line's start
}

func newTable(name, text string) (table, error) {
	t := table{text: text, lines: make([]uint32, 0, strings.Count(text, "\n"))}
	prev := ""
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		key, _, ok := strings.Cut(text[off:off+end], "\t")
		if !ok || key <= prev {
			return table{}, fmt.Errorf("read lexicon %s: line %d is not a sorted key<TAB>value: %q", name, len(t.lines)+1, text[off:off+end])
		}
		prev = key
		t.lines = append(t.lines, uint32(off))
		off += end + 1
	}
	return t, nil
}

// find returns the rest of the line whose first field is key.
func (t table) find(key string) (string, bool) {
	i := sort.Search(len(t.lines), func(i int) bool { return t.line(i) >= key })
	if i == len(t.lines) {
		return "", false
	}
	k, rest, _ := strings.Cut(t.line(i), "\t")
	if k != key {
		return "", false
	}
	return rest, true
}

func (t table) line(i int) string {
	start := int(t.lines[i])
	end := len(t.text)
	if i+1 < len(t.lines) {
		end = int(t.lines[i+1])
	}
	return strings.TrimSuffix(t.text[start:end], "\n")
}

var (
	once    sync.Once
	builtin *Lexicon
	loadErr error
)

// English is the embedded lexicon, indexed on first use.
func English() (*Lexicon, error) {
	once.Do(func() { builtin, loadErr = New(wordsTSV, relatedTSV, compoundsTSV) })
	return builtin, loadErr
}

// New reads a lexicon from the three files gen writes.
func New(words, related, compounds string) (*Lexicon, error) {
	w, err := newTable("words", words)
	if err != nil {
		return nil, err
	}
	r, err := newTable("related", related)
	if err != nil {
		return nil, err
	}
	c, err := newTable("compounds", compounds)
	if err != nil {
		return nil, err
	}
	return &Lexicon{words: w, related: r, compounds: c}, nil
}

// Word is what the lexicon knows of one word form.
type Word struct {
	// Rank is the form's rank by frequency in general English, 1 the most
	// common; 0 when the frequency list lacks it.
	Rank int
	// Lemma is the base form ("took" → "take"); the form itself when it is one.
	Lemma string
	// POS are the parts of speech WordNet gives the form as a lemma, of
	// "n", "v", "a", "r" (adverb) in that order: "weirdly" is "r", "fix" "nv";
	// "" for an inflected form or a word WordNet lacks.
	POS string
}

// OnlyAdverb reports whether WordNet knows w as an adverb alone.
func (w Word) OnlyAdverb() bool { return w.POS == "r" }

// Lookup finds a lowercase word form; ok is false when w is not English.
func (lx *Lexicon) Lookup(w string) (Word, bool) {
	rest, ok := lx.words.find(w)
	if !ok {
		return Word{}, false
	}
	rank, rest, _ := strings.Cut(rest, "\t")
	lemma, pos, _ := strings.Cut(rest, "\t")
	r, _ := strconv.Atoi(rank)
	if lemma == "" {
		lemma = w
	}
	return Word{Rank: r, Lemma: lemma, POS: pos}, true
}

// Related lists the words linked to lemma through a common sense of
// either: synonyms share a sense ("aim" for "purpose"); others are more
// general or more specific, or the same idea as another part of speech
// ("employment" and "career" for "job", "purpose" for "goal").
func (lx *Lexicon) Related(lemma string) (synonyms, others []string) {
	rest, ok := lx.related.find(lemma)
	if !ok {
		return nil, nil
	}
	syn, rest, _ := strings.Cut(rest, "\t")
	oth, _, _ := strings.Cut(rest, "\t")
	return strings.Fields(syn), strings.Fields(oth)
}

// Defining lists the words of the definition of lemma's commonest sense
// in each part of speech that Related does not already give ("legal" and
// "law" for "lawyer"): looser kin than related words, the words a
// dictionary would explain it with.
func (lx *Lexicon) Defining(lemma string) []string {
	rest, ok := lx.related.find(lemma)
	if !ok {
		return nil
	}
	_, rest, _ = strings.Cut(rest, "\t")
	_, def, _ := strings.Cut(rest, "\t")
	return strings.Fields(def)
}

// Compound reports whether ws, lowercase base forms, are one of
// WordNet's nouns of two or three common words ("role", "model";
// "speed", "of", "light"): a thing English names by the words together,
// which may be neither of them alone.
func (lx *Lexicon) Compound(ws ...string) bool {
	if len(ws) < 2 || len(ws) > 3 {
		return false
	}
	rests, ok := lx.compounds.find(ws[0])
	if !ok {
		return false
	}
	rest := strings.Join(ws[1:], "_")
	for r := range strings.FieldsSeq(rests) {
		if r == rest {
			return true
		}
	}
	return false
}

// Len is the number of word forms.
func (lx *Lexicon) Len() int { return len(lx.words.lines) }

// Each calls fn for every word form with its rank, in sorted order, until fn
// returns false.
func (lx *Lexicon) Each(fn func(form string, rank int) bool) {
	for i := range lx.words.lines {
		form, rest, _ := strings.Cut(lx.words.line(i), "\t")
		rank, _, _ := strings.Cut(rest, "\t")
		r, _ := strconv.Atoi(rank)
		if !fn(form, r) {
			return
		}
	}
}

// CommonRank bounds the words Common knows: the 20,000 most frequent
// cover everyday English, and a typo is far more often a slip on one of
// them than on a rare word.
const CommonRank = 20000

// CommonBytes is Common for a word held as bytes, without copying them.
func (lx *Lexicon) CommonBytes(w []byte) (int, bool) {
	lx.commonOnce.Do(lx.loadCommon)
	r, ok := lx.common[string(w)]
	return int(r), ok
}

// Common reports whether w is among the CommonRank most frequent English
// words, with its rank. Its map is built on first use, for typo
// correction, which tries hundreds of spellings a word.
func (lx *Lexicon) Common(w string) (int, bool) {
	lx.commonOnce.Do(lx.loadCommon)
	r, ok := lx.common[w]
	return int(r), ok
}

func (lx *Lexicon) loadCommon() {
	lx.common = make(map[string]int32, CommonRank)
	lx.Each(func(form string, rank int) bool {
		if rank > 0 && rank <= CommonRank {
			lx.common[form] = int32(rank)
		}
		return true
	})
}

// IsWord reports whether w (lowercase) is an English word: an inflected
// form or a well-known name included.
func (lx *Lexicon) IsWord(w string) bool {
	_, ok := lx.words.find(w)
	return ok
}
