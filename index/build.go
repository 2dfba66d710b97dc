// Package index turns knowledge into answers: it indexes articles' sections
// in bleve and answers a question with the best sections, an excerpt, the
// comparison row or table it asks about, or an honest "not covered".
package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"

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
	articles []*knowledge.Article
	passages []passage
	sections []sectionRef
	gloss    *glossary
	text     analysis.Analyzer // the body's analyzer, for the question's terms
	// df counts, for each analyzed term of the body or headings, the passages
	// holding it; words is the lowercase vocabulary, for typo correction.
	df    map[string]int
	words map[string]int
	// tables are the articles' comparisons, analyzed; differ is the analyzed
	// "difference".
	tables []table
	differ string
	// expand maps an analyzed term the articles do not use to synonyms they do.
	expand map[string][]string
	built  time.Duration
	// reused is true when the index was opened from Options.Path.
	reused bool
}

// passage is one indexed document: a piece of one section.
type passage struct {
	section int // index into Index.sections
	text    string
}

// sectionRef locates a section among the articles.
type sectionRef struct {
	article, section int
}

const hashKey = "explainbot-content-hash"

// Build indexes the articles' sections. With opts.Path set it reuses the
// index stored there when it was built from the same content.
func Build(ctx context.Context, lg *slog.Logger, articles []*knowledge.Article, opts Options) (*Index, error) {
	start := time.Now()
	g, err := parseGlossary(glossaryText)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	ix := &Index{lg: lg, articles: articles, gloss: g}
	for a, art := range articles {
		for s, sec := range art.Sections {
			ix.sections = append(ix.sections, sectionRef{a, s})
			ps := sec.Passages
			if len(ps) == 0 {
				ps = []string{sec.Text()}
			}
			for _, p := range ps {
				ix.passages = append(ix.passages, passage{section: len(ix.sections) - 1, text: p})
			}
		}
	}
	hash := knowledge.Hash(articles)
	if opts.Path != "" {
		if idx, ok := ix.reuse(opts.Path, hash); ok {
			ix.idx, ix.reused = idx, true
		}
	}
	if ix.idx == nil {
		if ix.idx, err = ix.create(ctx, opts.Path, hash); err != nil {
			return nil, err
		}
	}
	if err := ix.loadStats(); err != nil {
		ix.idx.Close()
		return nil, err
	}
	ix.built = time.Since(start)
	lg.Info("index built", "articles", len(articles), "sections", len(ix.sections), "passages", len(ix.passages),
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
func (ix *Index) create(ctx context.Context, path, hash string) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
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
	for i, p := range ix.passages {
		if i%256 == 0 && ctx.Err() != nil {
			idx.Close()
			return nil, fmt.Errorf("build index: %w", ctx.Err())
		}
		heading := ix.section(p.section).Heading
		doc := map[string]any{fieldHeading: heading, fieldShape: heading, fieldBody: p.text, fieldLabels: labels(p.text), fieldWords: heading + "\n" + p.text}
		if err := b.Index(strconv.Itoa(i), doc); err != nil {
			idx.Close()
			return nil, fmt.Errorf("build index: passage %d: %w", i, err)
		}
	}
	b.SetInternal([]byte(hashKey), []byte(hash))
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, fmt.Errorf("build index: %w", err)
	}
	return idx, nil
}

// loadStats reads from the index what the confidence rule, the typo
// correction and the comparisons need: passage frequencies of terms, the
// vocabulary and the analyzed comparisons.
func (ix *Index) loadStats() error {
	ix.text = ix.idx.Mapping().AnalyzerNamed(analyzerText)
	if ix.text == nil {
		return fmt.Errorf("build index: analyzer %s missing", analyzerText)
	}
	ix.differ = ix.analyzeOne("difference")
	ix.tables = ix.newTables()
	r, err := ix.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	ix.words = make(map[string]int)
	ix.df = make(map[string]int)
	for _, d := range []struct {
		field string
		into  map[string]int
	}{{fieldWords, ix.words}, {fieldBody, ix.df}, {fieldHeading, ix.df}} {
		if err := readDict(r, d.field, d.into); err != nil {
			return fmt.Errorf("build index: read %s terms: %w", d.field, err)
		}
	}
	// A word the articles do not use is read as its synonyms that they do.
	ix.expand = make(map[string][]string)
	for _, def := range ix.gloss.synonyms {
		from := def.from
		if len(from) == 0 {
			from = def.to
		}
		var present []string
		for _, w := range def.to {
			if ix.df[ix.analyzeOne(w)] > 0 {
				present = append(present, w)
			}
		}
		for _, w := range from {
			if t := ix.analyzeOne(w); len(present) > 0 && t != "" && ix.df[t] == 0 {
				ix.expand[t] = present
			}
		}
	}
	return nil
}

// readDict adds each term of field to into with its document count, keeping
// the larger count where the term is there already.
func readDict(r bleveindex.IndexReader, field string, into map[string]int) error {
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
		into[e.Term] = max(into[e.Term], int(e.Count))
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

func (ix *Index) analyzeOne(word string) string {
	toks := ix.text.Analyze([]byte(word))
	if len(toks) == 0 {
		return ""
	}
	return string(toks[0].Term)
}

func (ix *Index) section(i int) *knowledge.Section {
	ref := ix.sections[i]
	return &ix.articles[ref.article].Sections[ref.section]
}

func (ix *Index) topic(i int) Topic {
	ref := ix.sections[i]
	art := ix.articles[ref.article]
	sec := art.Sections[ref.section]
	return Topic{Article: art.Title, Source: art.Source, ArticleID: art.Path, SectionID: sec.ID, Heading: sec.Heading}
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
	Build                        time.Duration
	Reused                       bool
}

// Stats reports the index's size and how long it took to build.
func (ix *Index) Stats() Stats {
	return Stats{len(ix.articles), len(ix.sections), len(ix.passages), ix.built, ix.reused}
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

// labels collects what a passage's lines are about by their own account:
// the "Term" of a line "Term: what it is".
// Articles define their terms this way, so a label match is strong evidence.
func labels(text string) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "- ")
		label, rest, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(rest) != "" && len(label) <= maxLabelBytes && len(strings.Fields(label)) <= maxLabelWords {
			out = append(out, label)
		}
	}
	return strings.Join(out, "\n")
}

// A label is a short phrase: longer text before a colon is a sentence.
const (
	maxLabelBytes = 60
	maxLabelWords = 5
)
