package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	charregexp "github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field and analyzer names of the index.
const (
	fieldHeading = "heading" // the section heading
	fieldShape   = "shape"   // the heading's words, question words kept: "What Is X" answers "what is X"
	fieldBody    = "body"    // the passage text
	fieldLabels  = "labels"  // the labels in the passage: "Pretraining" of "Pretraining: where ...", sub-headings
	fieldWords   = "words"   // heading and passage, lowercased only: the vocabulary for typo correction

	analyzerText  = "explain_text"  // English: stop words (and conversational words) dropped, Porter stems
	analyzerWords = "explain_words" // lowercase words, nothing dropped

)

// conversationalWords are words of asking, not of the topic: "tell me about",
// "explain", "can you list". Dropping them keeps them from matching the article's
// own use of "can" or "list".
var conversationalWords = []string{
	"tell", "explain", "explained", "describe", "define", "definition", "mean", "meaning", "means",
	"please", "pls", "plz", "know", "want", "give", "show", "list", "name", "kind", "thing", "things",
	"really", "exactly", "simple", "simply", "term", "terms", "eli5", "hey", "hi", "hello", "thanks",
	"can", "will", "u", "ur", "whats", "hows", "anything", "something", "stuff", "mention", "mentioned",
	"article", "say", "says", "said", "talk", "talks",
	"someone", "somebody", "anyone", "anybody", "everyone", "guys", "folks", "actually", "basically",
}

// interrogatives give a question its shape: a heading "What Is X" or "How
// Does X Work" is the article's own answer to a question of that shape.
var interrogatives = []string{"what", "how", "why", "who", "when", "where", "which"}

// newMapping builds the index mapping: English analysis with stemming, BM25
// scoring, and the heading apart from the body so it can weigh more.
//
// The glossary's synonyms are applied to the question, not through bleve's
// synonym sources: in bleve v2.6.3 each synonym definition is a document, so
// with one article the 30 definitions outnumber the passages and shrink BM25's
// average field length fourfold (body matches then lose to any heading word),
// and a synonym disjunction scores a word by the share of its synonyms found,
// so a word the article uses scored less the more synonyms it had.
func newMapping() (*mapping.IndexMappingImpl, error) {
	english := analysis.NewTokenMap()
	if err := english.LoadBytes(en.EnglishStopWords); err != nil {
		return nil, fmt.Errorf("load English stop words: %w", err)
	}
	var textStops []any
	for w := range english {
		textStops = append(textStops, w)
	}
	for _, w := range conversationalWords {
		textStops = append(textStops, w)
	}

	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	steps := []struct {
		what string
		err  func() error
	}{
		{"char filter", func() error {
			// DALL·E is one word to Unicode word breaking (· is MidLetter); split it so
			// "dall-e" and "dall e" meet it.
			return m.AddCustomCharFilter("explain_dots", map[string]any{
				"type": charregexp.Name, "regexp": `[·‧•]`, "replace": " ",
			})
		}},
		{"text stop words", func() error {
			return m.AddCustomTokenMap("explain_text_stops", map[string]any{"type": tokenmap.Name, "tokens": textStops})
		}},
		{"text stop filter", func() error {
			return m.AddCustomTokenFilter("explain_text_stop", map[string]any{"type": stop.Name, "stop_token_map": "explain_text_stops"})
		}},
		{"text analyzer", func() error {
			return m.AddCustomAnalyzer(analyzerText, map[string]any{
				"type": custom.Name, "char_filters": []any{"explain_dots"}, "tokenizer": unicode.Name,
				"token_filters": []any{en.PossessiveName, lowercase.Name, "explain_text_stop", porter.Name},
			})
		}},
		{"words analyzer", func() error {
			return m.AddCustomAnalyzer(analyzerWords, map[string]any{
				"type": custom.Name, "char_filters": []any{"explain_dots"}, "tokenizer": unicode.Name,
				"token_filters": []any{en.PossessiveName, lowercase.Name},
			})
		}},
	}
	for _, s := range steps {
		if err := s.err(); err != nil {
			return nil, fmt.Errorf("index mapping: %s: %w", s.what, err)
		}
	}

	text := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = vectors
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldHeading, text(analyzerText, false))
	doc.AddFieldMappingsAt(fieldShape, text(analyzerWords, false))
	doc.AddFieldMappingsAt(fieldBody, text(analyzerText, true))
	doc.AddFieldMappingsAt(fieldLabels, text(analyzerText, false))
	doc.AddFieldMappingsAt(fieldWords, text(analyzerWords, false))
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerText
	m.DefaultField = fieldBody
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
