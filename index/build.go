// Package index turns knowledge into answers: it indexes articles'
// sections, list items and comparison rows in bleve and answers a question
// with the best sections, an excerpt, the comparison row or table it asks
// about, or an honest "not covered".
package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/explainbot/explainbot/index/lexicon"
	"github.com/explainbot/explainbot/knowledge"
)

// Options tune how an index is built.
type Options struct {
	// Path keeps the index on disk there and reuses it while the articles'
	// content hash is unchanged; empty keeps it in memory.
	Path string
}

// Index answers questions about a fixed set of articles. It is safe for
// concurrent use; build a new one to change the articles.
type Index struct {
	lg       *slog.Logger
	idx      bleve.Index
	lex      *lexicon.Lexicon
	articles []*knowledge.Article
	sections []sectionRef
	units    []unit
	// passageText caches what excerpts need, per unit (used for passages).
	passageText []passageText
	// secTerms caches each section's terms, for the confidence.
	secTerms []sectionTerms
	// sumTerms are the analyzed words that say a number is a sum of
	// money (see currencyWords), with moneyTerm.
	sumTerms []string
	// spans caches how many sections hold a rare term: see sectionsHolding.
	spans sync.Map
	// holding lists the sections that may hold each type of answer, built
	// on first use: see holders.
	holdersOnce sync.Once
	holding     map[need][]int
	// soundsLike maps the sound of each of the articles' words (see
	// soundKey) to the word, built on first use by a typo no edit mends.
	soundsLike func() map[string]string
	// labelled are the terms of the lines' labels ("Midjourney: ..."),
	// concernLabels those of the sections on concerns ("Bias & fairness"),
	// and catalogued the labels' and the comparisons' cells' terms: the
	// things the articles list.
	labelled, concernLabels, catalogued map[string]bool
	gloss                               *glossary
	// initialisms are the articles' terms by their initials, where the
	// articles never write those (see abbreviate), found on the first
	// question that needs one (see initialism; those that are English
	// words or chat spellings serve only a word typed in capitals, see
	// typedInitialism).
	initialisms     map[string][]string
	initialismsOnce sync.Once
	// spelled and capitals are the initials of the articles' runs of
	// words, and the words they write in capitals, read on the first
	// question asking what an abbreviation stands for (see unexpanded).
	spelled, capitals map[string]bool
	spelledOnce       sync.Once
	text              analysis.Analyzer // the body's analyzer, for the question's terms
	stem              stemmer
	// lemmas remembers the lexicon's base forms of the words asked: each
	// question looks up most of its words several times.
	lemmas stemCache
	// df counts, for each analyzed term of the bodies, headings and labels,
	// the units holding it; vocab counts the articles' lowercase words, for
	// typo correction.
	df    map[string]int
	vocab map[string]int
	// inFields marks, for each term of the searched fields, which of them
	// hold it (a bit per field, see fieldBit): a term query on a field
	// that lacks the term matches nothing, and is not opened.
	inFields map[string]uint8
	// words are vocab's words, sorted, for prefix search.
	words []string
	// english holds the terms of the articles' English words, read on the
	// first question whose words have relatives (see englishTerm).
	english     map[string]bool
	englishOnce sync.Once
	// anchors are the analyzed telling words of the articles' titles
	// ("generative", "ai", "llm", "tokens"): the subjects of the whole
	// corpus, which every section is about.
	anchors map[string]bool
	// situated holds the words of the classroom's situation that a heading
	// of the corpus is about (see situationWords): here they are words of
	// the topic, kept by the analyzer and the question's reading.
	situated map[string]bool
	// anchoring holds, for each anchor, the articles whose titles it is of:
	// a note's title words are its own subjects, not another article's;
	// corpusAnchors the anchors whose articles hold most of the sections,
	// the subjects of the whole corpus ("ai").
	anchoring     map[string]map[int]bool
	corpusAnchors map[string]bool
	// fieldNames are the analyzed terms of the glossary's names, and
	// fieldInitialisms those that are a phrase's initials ("ai"): the
	// field's sense is theirs, and the lexicon's relatives of the letters
	// are of other senses (an agency, an office).
	fieldNames, fieldInitialisms map[string]bool
	// topics are the title words of one article that are too common to
	// anchor the corpus but that its headings name too ("temperature" of
	// "Week 3 notes: ... temperature" over "How Temperature Works"): they
	// anchor a question, and that article's sections know them.
	topics map[string]map[int]bool
	// titlePairs are the pairs of adjacent title words that name a subject
	// together though neither anchors alone ("language models", "context
	// windows"), keyed by their analyzed terms joined by a space.
	titlePairs map[string]bool
	// names are the terms the articles write only as mixed-case names
	// ("LLaMA"), which a question's inflected English word does not match.
	names map[string]bool
	// shared holds the terms that all the compared subjects of one table
	// have (see newTables, whichCompared).
	shared map[string]bool
	// tables are the articles' comparisons, analyzed; the terms of their
	// compared subjects ("language" of "Large Language Models") are the
	// keys of subjectOf.
	tables []table
	// subjectOf holds, for each of those terms, the articles whose
	// tables compare it.
	subjectOf map[string]map[int]bool
	// kinds says what kind of content each section is, from its heading;
	// ofKind lists the sections of each kind, and headingTerms the subject
	// terms of every heading.
	kinds        []sectionKind
	ofKind       map[kind][]int
	headingTerms map[string]bool
	// secUnits locates each section's units; secLength is each section's
	// text length in runes.
	secUnits  []unitRange
	secLength []int
	built     time.Duration
	// reused is true when the index was opened from Options.Path.
	reused bool
}

// sectionRef locates a section among the articles.
type sectionRef struct {
	article, section int
}

// hashKey stores, inside a persisted index, the version of this package's
// indexing and the hash of the content it holds.
const hashKey = "explainbot-content-hash"

// indexVersion names how this package indexes: the units' layout and the
// words its analyzer drops, so that an index stored by a build that dropped
// other words (a word of chatting added since) is rebuilt, not reused. A
// regenerated lexicon changes the base forms too: bump the layout then
// (hashing the lexicon would cost start-up about 10 ms).
var indexVersion = analysisVersion("units-v9", stopWords)

// analysisVersion is layout and a digest of stops, in no map order.
func analysisVersion(layout string, stops map[string]bool) string {
	words := make([]string, 0, len(stops))
	for w := range stops {
		words = append(words, w)
	}
	sort.Strings(words)
	sum := sha256.Sum256([]byte(strings.Join(words, "\n")))
	return layout + "-" + hex.EncodeToString(sum[:6]) + ":"
}

// Build indexes the articles' sections. With opts.Path set it reuses the
// index stored there when it was built from the same content.
func Build(ctx context.Context, lg *slog.Logger, articles []*knowledge.Article, opts Options) (*Index, error) {
	start := time.Now()
	lex, err := lexicon.English()
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	g, err := parseGlossary(glossaryText)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	ix := &Index{lg: lg, lex: lex, articles: articles, gloss: g, stem: newStemmer(lex)}
	for _, w := range currencyWords {
		ix.sumTerms = append(ix.sumTerms, ix.stem.stem(w))
	}
	ix.sumTerms = append(ix.sumTerms, moneyTerm)
	ix.situated = ix.headedSituations()
	m, err := newMapping(ix.situated)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	if ix.text = m.AnalyzerNamed(analyzerText); ix.text == nil {
		return nil, fmt.Errorf("build index: analyzer %s missing", analyzerText)
	}
	ix.tables = ix.newTables()
	ix.buildUnits()
	ix.subjectOf = map[string]map[int]bool{}
	for _, t := range ix.tables {
		for _, sub := range t.subjects {
			for _, term := range sub {
				if ix.subjectOf[term] == nil {
					ix.subjectOf[term] = map[int]bool{}
				}
				ix.subjectOf[term][t.article] = true
			}
		}
	}
	ix.kinds = ix.sectionKinds()
	ix.ofKind = map[kind][]int{}
	ix.headingTerms = map[string]bool{}
	for s, k := range ix.kinds {
		ix.ofKind[k.kind] = append(ix.ofKind[k.kind], s)
		for _, term := range k.subject {
			ix.headingTerms[term] = true
		}
	}
	ix.ownFeatureWords()
	ix.labelled, ix.concernLabels, ix.catalogued = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for s := range ix.sections {
		for _, b := range ix.section(s).Blocks {
			for _, term := range ix.terms(b.Label) {
				ix.labelled[term], ix.catalogued[term] = true, true
				if ix.kinds[s].kind == kindConcerns {
					ix.concernLabels[term] = true
				}
			}
		}
	}
	for _, t := range ix.tables {
		for _, cells := range t.cells {
			for _, term := range cells {
				ix.catalogued[term] = true
			}
		}
	}
	ix.keepOwnWords()
	hash := indexVersion + knowledge.Hash(articles)
	if opts.Path != "" {
		if idx, ok := ix.reuse(opts.Path, hash); ok {
			ix.idx, ix.reused = idx, true
		}
	}
	if ix.idx == nil {
		if ix.idx, err = ix.create(ctx, m, opts.Path, hash); err != nil {
			return nil, err
		}
	}
	if err := ix.loadStats(); err != nil {
		ix.idx.Close()
		return nil, err
	}
	ix.built = time.Since(start)
	lg.Info("index built", "articles", len(articles), "sections", len(ix.sections), "units", len(ix.units),
		"reused", ix.reused, "took", ix.built)
	return ix, nil
}

// reuse opens the index at path if it holds the content with this hash.
func (ix *Index) reuse(path, hash string) (bleve.Index, bool) {
	// A timeout, not a hang, when another index holds the file's lock.
	idx, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": "1s"})
	if err != nil {
		if !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
			ix.lg.Warn("stored index unusable; rebuilding", "path", path, "err", err)
		}
		return nil, false
	}
	stored, err := idx.GetInternal([]byte(hashKey))
	if err != nil || string(stored) != hash {
		ix.lg.Info("stored index is stale; rebuilding", "path", path)
		idx.Close()
		return nil, false
	}
	return idx, true
}

// create builds a new index, in memory when path is empty, in one batch:
// in-memory scorch never merges segments, so each batch stays a segment.
func (ix *Index) create(ctx context.Context, m *mapping.IndexMappingImpl, path, hash string) (bleve.Index, error) {
	if path != "" {
		if err := os.RemoveAll(path); err != nil {
			return nil, fmt.Errorf("build index: remove stale %s: %w", path, err)
		}
	}
	idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("build index: create %q: %w", path, err)
	}
	b := idx.NewBatch()
	for i, u := range ix.units {
		if i%256 == 0 && ctx.Err() != nil {
			idx.Close()
			return nil, fmt.Errorf("build index: %w", ctx.Err())
		}
		doc := map[string]any{fieldHeading: u.heading, fieldBody: u.text, fieldLabels: u.labels, fieldWords: u.heading + "\n" + u.text}
		if err := b.Index(strconv.Itoa(i), doc); err != nil {
			idx.Close()
			return nil, fmt.Errorf("build index: unit %d: %w", i, err)
		}
	}
	b.SetInternal([]byte(hashKey), []byte(hash))
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, fmt.Errorf("build index: %w", err)
	}
	return idx, nil
}

// loadStats reads from the index what the confidence rule and the typo
// correction need: unit frequencies of terms and the vocabulary.
func (ix *Index) loadStats() error {
	r, err := ix.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	ix.vocab = make(map[string]int)
	ix.df = make(map[string]int)
	ix.inFields = make(map[string]uint8)
	for _, d := range []struct {
		field string
		into  map[string]int
	}{{fieldWords, ix.vocab}, {fieldBody, ix.df}, {fieldHeading, ix.df}, {fieldLabels, ix.df}} {
		bit := fieldBit[d.field] // none for fieldWords, which is not searched
		if err := readDict(r, d.field, func(term string, count int) {
			d.into[term] = max(d.into[term], count)
			if bit != 0 {
				ix.inFields[term] |= bit
			}
		}); err != nil {
			return fmt.Errorf("build index: read %s terms: %w", d.field, err)
		}
	}
	ix.words = make([]string, 0, len(ix.vocab))
	for w := range ix.vocab {
		ix.words = append(ix.words, w)
	}
	sort.Strings(ix.words)
	ix.soundsLike = sync.OnceValue(func() map[string]string {
		m := make(map[string]string, len(ix.words))
		for _, w := range ix.words {
			if k := soundKey(w); m[k] == "" {
				m[k] = w // the first in order, as a fixed choice
			}
		}
		return m
	})
	ix.names = ix.nameTerms()
	ix.anchors, ix.anchoring = map[string]bool{}, map[string]map[int]bool{}
	ix.topics = map[string]map[int]bool{}
	headed := map[int]map[string]bool{} // article -> its headings' subject terms
	for s, k := range ix.kinds {
		a := ix.sections[s].article
		if headed[a] == nil {
			headed[a] = map[string]bool{}
		}
		for _, t := range k.subject {
			headed[a][t] = true
		}
	}
	ix.titlePairs = map[string]bool{}
	for _, art := range ix.articles {
		for _, part := range titleParts.Split(art.Title, -1) {
			ws := words(part)
			for i := 0; i+1 < len(ws); i++ {
				a, b := ws[i], ws[i+1]
				if stopWords[a] || stopWords[b] || ix.weight(a, ix.lex.IsWord(a)) >= anchorWeight || ix.weight(b, ix.lex.IsWord(b)) >= anchorWeight {
					continue
				}
				ix.titlePairs[ix.stem.stem(a)+" "+ix.stem.stem(b)] = true
			}
		}
	}
	for a, art := range ix.articles {
		for _, w := range words(art.Title) {
			t := ix.stem.stem(w)
			if stopWords[w] || t == "" {
				continue
			}
			switch weight := ix.weight(w, ix.lex.IsWord(w)); {
			case weight >= anchorWeight:
				ix.anchors[t] = true
				if ix.anchoring[t] == nil {
					ix.anchoring[t] = map[int]bool{}
				}
				ix.anchoring[t][a] = true
			case weight >= topicWeight && headed[a][t]:
				if ix.topics[t] == nil {
					ix.topics[t] = map[int]bool{}
				}
				ix.topics[t][a] = true
			}
		}
	}
	sectionsOf := map[int]int{} // article -> its sections
	for _, sec := range ix.sections {
		sectionsOf[sec.article]++
	}
	ix.corpusAnchors = map[string]bool{}
	for t, arts := range ix.anchoring {
		n := 0
		for a := range arts {
			n += sectionsOf[a]
		}
		ix.corpusAnchors[t] = 2*n > len(ix.sections)
	}
	ix.fieldNames = map[string]bool{}
	for _, name := range ix.gloss.terms {
		for _, t := range ix.terms(name) {
			ix.fieldNames[t] = true
		}
	}
	ix.fieldInitialisms = map[string]bool{}
	for _, name := range ix.gloss.initialisms() {
		ix.fieldInitialisms[ix.stem.stem(name)] = true
	}
	return nil
}

// titleParts cuts a title at the marks that part its phrases ("Week 3
// notes: tokens, context windows").
var titleParts = regexp.MustCompile(`[|:;,()\[\]–—]|\s-\s`)

// namesTitlePhrase reports whether ws holds two adjacent words that a
// title holds together (see Index.titlePairs).
func (ix *Index) namesTitlePhrase(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if !stopWords[ws[i]] && !stopWords[ws[i+1]] && ix.titlePairs[ix.stem.stem(ws[i])+" "+ix.stem.stem(ws[i+1])] {
			return true
		}
	}
	return false
}

// readDict calls each with every term of field and its document count.
func readDict(r bleveindex.IndexReader, field string, each func(term string, count int)) error {
	dict, err := r.FieldDict(field)
	if err != nil {
		return err
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return err
		}
		each(e.Term, int(e.Count))
	}
}

// reader opens a reader on the index's current snapshot; close it after use.
func (ix *Index) reader() (bleveindex.IndexReader, error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index reader: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index reader: %w", err)
	}
	return r, nil
}

// terms analyzes text as the index does, in order, repeats kept.
func (ix *Index) terms(text string) []string {
	toks := ix.text.Analyze([]byte(text))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}

func (ix *Index) section(i int) *knowledge.Section {
	ref := ix.sections[i]
	return &ix.articles[ref.article].Sections[ref.section]
}

func (ix *Index) topic(i int) Topic {
	ref := ix.sections[i]
	art := ix.articles[ref.article]
	sec := art.Sections[ref.section]
	return Topic{Article: art.Title, Source: art.Source, URL: art.URL, ArticleID: art.Path, SectionID: sec.ID, Heading: sec.Heading,
		Position: ref.section, Comparisons: len(art.Comparisons), Length: ix.secLength[i]}
}

// Close releases the index.
func (ix *Index) Close() error {
	if err := ix.idx.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return nil
}

// Stats describe a built index.
type Stats struct {
	Articles, Sections, Passages int
	// Units counts everything indexed: passages, list items and table rows.
	Units  int
	Build  time.Duration
	Reused bool
}

// Stats reports the index's size and how long it took to build.
func (ix *Index) Stats() Stats {
	passages := 0
	for _, u := range ix.units {
		if u.kind == passageUnit {
			passages++
		}
	}
	return Stats{Articles: len(ix.articles), Sections: len(ix.sections), Passages: passages, Units: len(ix.units), Build: ix.built, Reused: ix.reused}
}

// Articles returns the indexed articles; callers must not modify them.
func (ix *Index) Articles() []*knowledge.Article { return ix.articles }

// Section finds a section by article and section ID.
func (ix *Index) Section(articleID, sectionID string) (Topic, knowledge.Section, bool) {
	for i, ref := range ix.sections {
		art := ix.articles[ref.article]
		if art.Path == articleID && art.Sections[ref.section].ID == sectionID {
			return ix.topic(i), art.Sections[ref.section], true
		}
	}
	return Topic{}, knowledge.Section{}, false
}

// ownFeatureWords leaves the heading's subject out of the words that name
// a table's features: "prompt" of "Prompt length" in "Zero-Shot vs
// Few-Shot Prompting" is what is compared ("do zero-shot prompts have
// examples" asks the examples).
func (ix *Index) ownFeatureWords() {
	for i := range ix.tables {
		t := &ix.tables[i]
		if t.section < 0 {
			continue
		}
		headed := func(term string) bool { return slices.Contains(ix.kinds[t.section].subject, term) }
		for j, f := range t.features {
			if own := slices.DeleteFunc(slices.Clone(f), headed); len(own) > 0 {
				t.features[j] = own
				t.telling[j] = slices.DeleteFunc(t.telling[j], headed)
			}
		}
	}
}

// keepOwnWords drops the glossary's rewrites of a word a heading takes as
// its subject ("Why Do Models Hallucinate?"), a line labels ("Deepfakes:
// ..."), or a passage defines ("this is often called a hallucination"):
// in this corpus it means itself, not the word the glossary relates it
// to ("misinformation").
func (ix *Index) keepOwnWords() {
	var passages [][2]string // each passage's text and its lower case, once
	for _, u := range ix.units {
		if u.kind == passageUnit {
			passages = append(passages, [2]string{u.text, strings.ToLower(u.text)})
		}
	}
	ix.gloss.drop(func(rw rewrite) bool {
		t := ix.stem.stem(rw.from[0])
		return len(rw.from) == 1 && (ix.headingTerms[t] || ix.labelled[t] || definedIn(passages, rw.from[0]))
	})
}

// definedIn reports whether one of passages (each its text and its
// lower case, of one length: the articles' text is ASCII where a
// glossary word stands, else the match is only missed) defines the word
// w, in the turns of phrase definedTerms reads (definesAt: "often called
// a hallucination"), read around each time w stands as a word: no
// passage is analyzed for it.
func definedIn(passages [][2]string, w string) bool {
	for _, p := range passages {
		text, lower := p[0], p[1]
		if len(text) != len(lower) {
			continue
		}
		for at := 0; ; {
			k := strings.Index(lower[at:], w)
			if k < 0 {
				break
			}
			start, end := at+k, at+k+len(w)
			at = end
			if start > 0 && isWordByte(lower[start-1]) || end < len(lower) && isWordByte(lower[end]) {
				continue // part of another word
			}
			if definesAt(text, start, end) {
				return true
			}
		}
	}
	return false
}

// isWordByte reports a letter or digit byte of ASCII.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// headedSituations are the situationWords that a heading names, itself or
// by an inflection ("School Rules for Assignments").
func (ix *Index) headedSituations() map[string]bool {
	out := map[string]bool{}
	for _, art := range ix.articles {
		for _, sec := range art.Sections {
			for _, w := range words(sec.Heading) {
				if l := ix.lemma(w); slices.Contains(situationWords, w) || slices.Contains(situationWords, l) {
					out[l] = true
					out[w] = true
				}
			}
		}
	}
	return out
}
