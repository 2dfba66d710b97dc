package index

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/searcher"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/explainbot/explainbot/index/lexicon"
)

// Field and analyzer names of the index.
const (
	fieldHeading = "heading" // the section heading, and the sub-heading a unit stands under
	fieldBody    = "body"    // the unit's text
	fieldLabels  = "labels"  // what the unit's lines say they are about: "Pretraining" of "Pretraining: where ...", a row's feature
	fieldWords   = "words"   // heading and text, lowercased only: the vocabulary for typo correction

	analyzerText  = "explain_text"  // English: stop words dropped, base forms, Porter2 stems
	analyzerWords = "explain_words" // lowercase words, nothing dropped

	filterJoiners = "explain_joiners" // char filter: word-joining dots to spaces, offsets kept
	filterStem    = "explain_stem"    // token filter: base form, then stem
)

// conversationalWords are words of asking and chatting, not of the topic:
// "tell me about", "explain", "can you list", "ngl", "pls". Dropping them
// keeps them from matching the article's own use of "can" or "list", and
// from counting as words the article does not know. Book-based word
// frequencies rank chat spellings as rare words, so they are listed here.
var conversationalWords = []string{
	"tell", "explain", "explained", "describe", "define", "definition", "mean", "meaning", "means",
	"please", "pls", "plz", "pl", "know", "want", "give", "show", "display", "list", "name", "kind", "kinds", "thing", "things",
	"really", "exactly", "simply", "term", "terms", "eli5", "hey", "hi", "hello", "thanks", "thx", "ty",
	"can", "could", "would", "will", "u", "ur", "r", "y", "ya", "yo", "whats", "what's", "wats", "hows", "whos", "wat", "wut", "wht",
	"anything", "something", "stuff", "mention", "mentions", "mentioned", "mentioning", "say", "says", "said",
	"someone", "somebody", "anyone", "anybody", "everyone", "guys", "guy", "folks", "actually", "basically", "literally",
	"lol", "lmao", "lmfao", "haha", "hahaha", "hehe", "rofl", "omg", "ngl", "tbh", "imo", "imho", "btw", "fr", "rn", "idk", "ik", "bc", "cuz", "coz", "tho", "ppl",
	"gonna", "wanna", "gotta", "kinda", "sorta", "dunno", "ok", "okay", "pretty", "like", "yeah", "yes", "nah", "um", "uh",
	"q", "wondering", "wonder", "curious", "confused", "confuse", "smth", "sth", "smthing", "somethin", "supposed",
	"get", "got", "dont", "don't", "doesnt", "doesn't", "isnt", "isn't", "im", "i'm", "ive", "i've", "id",
	"cant", "can't", "wont", "won't", "arent", "aren't", "didnt", "didn't", "couldnt", "couldn't", "wouldnt", "wouldn't", "shouldnt", "shouldn't",
	"wasnt", "werent", "hasnt", "havent", "hadnt", "aint", "thats", "theres", "theyre", "youre",
	"even", "also", "still", "just", "ever", "way", "lot", "lots", "bit", "much", "many", "one", "ones", "super", "totally",
	// slang of judging a claim, which books rank as rare words: "is that legit"
	"legit", "hype", "overhyped", "lowkey", "highkey", "sus", "bruh", "bro", "dude", "fam", "smh", "ikr", "iirc", "afaik",
	"etc", "etcetera", // "like bard, dall-e etc": more of the same
	"besides", "ask", "asks", "asked", "asking", // "besides chatting", "when i ask it twice": the asking itself
}

// situationWords are the asker's situation in a classroom, not the topic
// ("for my essay"), and so dropped as chat, unless a heading of the corpus
// is about them ("Homework: Good Uses and Bad Uses", "Get It to Quiz
// You"): see Index.situated.
var situationWords = []string{"essay", "homework", "assignment", "project", "exam", "quiz", "coursework", "worksheet", "hw", "slides", "presentation", "revision"}

// documentWords name the text asked of as a class knows it ("the tl;dr of
// the reading"): words of asking, as conversationalWords are, and what
// marks a question about the article itself (aboutArticle).
var documentWords = []string{"article", "reading", "readings", "handout", "paragraph", "paragraphs", "passage"}

// chatSpellings are chat spellings of the words that give a question its
// form, read as those words so the form is seen: "wat is a llm" asks what,
// "eli5" asks an explanation.
var chatSpellings = map[string]string{
	"wat": "what", "wut": "what", "wht": "what", "dose": "does", "wats": "whats", "wheres": "where", "r": "are", "u": "you", "ur": "your",
	"y": "why", "thru": "through", "tho": "though", "cuz": "because", "bc": "because", "coz": "because",
	"n": "and", "w": "with", "abt": "about", "dif": "difference", "diff": "difference",
	"urself": "yourself", "urselves": "yourselves", "til": "until", "b4": "before", "bout": "about",
	"eli5": "explain", // "explain like i'm five"
	// spellings by sound, which one edit would make other words ("shud"
	// is one from "shut", "wich" from "with", "skool" from "stool")
	"shud": "should", "wud": "would", "cud": "could", "wich": "which", "skool": "school", "theyre": "they're",
	"wen": "when",
}

// clippings are clipped words that book-based frequencies rank as rare,
// read as the words they clip where the articles do not use them.
var clippings = map[string]string{
	"pic": "picture", "pics": "pictures", "vid": "video", "vids": "videos", "convo": "conversation",
	"convos": "conversations", "info": "information", "doc": "document", "docs": "documents",
}

// newMapping builds the index mapping: English analysis with base forms
// and stems, BM25 scoring, and the heading apart from the body so it can
// weigh more.
//
// The glossary and the lexicon's related words are applied to the question,
// not through bleve's synonym sources: in bleve v2.6.3 each synonym
// definition is a document, so with one article the definitions outnumber
// the passages and shrink BM25's average field length (body matches then
// lose to any heading word), and a synonym disjunction scores a word by the
// share of its synonyms found, so a word scored less the more synonyms it had.
func newMapping(kept map[string]bool) (*mapping.IndexMappingImpl, error) {
	registerAnalysis()
	var textStops []any
	for w := range stopWords {
		if !kept[w] {
			textStops = append(textStops, w)
		}
	}
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	steps := []struct {
		what string
		err  func() error
	}{
		{"text stop words", func() error {
			return m.AddCustomTokenMap("explain_text_stops", map[string]any{"type": tokenmap.Name, "tokens": textStops})
		}},
		{"text stop filter", func() error {
			return m.AddCustomTokenFilter("explain_text_stop", map[string]any{"type": stop.Name, "stop_token_map": "explain_text_stops"})
		}},
		{"text analyzer", func() error {
			return m.AddCustomAnalyzer(analyzerText, map[string]any{
				"type": custom.Name, "char_filters": []any{filterJoiners}, "tokenizer": unicode.Name,
				"token_filters": []any{en.PossessiveName, lowercase.Name, "explain_text_stop", filterStem},
			})
		}},
		{"words analyzer", func() error {
			return m.AddCustomAnalyzer(analyzerWords, map[string]any{
				"type": custom.Name, "char_filters": []any{filterJoiners}, "tokenizer": unicode.Name,
				"token_filters": []any{en.PossessiveName, lowercase.Name},
			})
		}},
	}
	for _, s := range steps {
		if err := s.err(); err != nil {
			return nil, fmt.Errorf("index mapping: %s: %w", s.what, err)
		}
	}

	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldHeading, text(analyzerText))
	doc.AddFieldMappingsAt(fieldBody, text(analyzerText))
	doc.AddFieldMappingsAt(fieldLabels, text(analyzerText))
	doc.AddFieldMappingsAt(fieldWords, text(analyzerWords))
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerText
	m.DefaultField = fieldBody
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

// registerAnalysis adds explainbot's char and token filters to bleve's
// process-wide registry, once.
var registerAnalysis = sync.OnceFunc(func() {
	// A question is one disjunction of a few dozen term clauses at most;
	// bleve walks up to this many by a slice scan, which for so few is far
	// faster than its heap (measured at library scale: 2-3×). The setting is
	// process-wide and bleve's documented knob for it.
	searcher.DisjunctionHeapTakeover = maxClauses
	registry.RegisterCharFilter(filterJoiners, func(map[string]any, *registry.Cache) (analysis.CharFilter, error) {
		return joiners{}, nil
	})
	registry.RegisterTokenFilter(filterStem, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		lx, err := lexicon.English()
		if err != nil {
			return nil, err
		}
		return newStemmer(lx), nil
	})
})

// joiners turns the dots that join a word's parts ("DALL·E", "·", "‧",
// "•") into spaces, so "dall-e" and "dall e" meet it. Each becomes as many
// spaces as it has bytes: token offsets must stay offsets into the text as
// written, or highlights drift.
type joiners struct{}

func (joiners) Filter(in []byte) []byte {
	var out []byte
	for i := 0; i < len(in); {
		r, n := utf8.DecodeRune(in[i:])
		if r == '·' || r == '‧' || r == '•' {
			if out == nil {
				out = append(make([]byte, 0, len(in)), in[:i]...)
			}
			for range n {
				out = append(out, ' ')
			}
		} else if out != nil {
			out = append(out, in[i:i+n]...)
		}
		i += n
	}
	if out == nil {
		return in
	}
	return out
}

// stemmer reduces a token to the stem of its base form: "took" → "take",
// "biased" → "bias", "models" → "model". The base form comes first so that
// irregular forms meet their regular kin; Porter2 (English Snowball)
// stems without Porter's worst merges ("general" stays apart from
// "generative", "news" from "new").
type stemmer struct {
	lx    *lexicon.Lexicon
	cache *stemCache
}

// stemCache remembers what was computed of a word (its stem, its cue
// kind), up to a bound: looking a word up in the lexicon costs a binary
// search, and articles and questions repeat words.
type stemCache struct {
	m sync.Map
	n atomic.Int64
}

const maxCachedStems = 1 << 16

func (s stemmer) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = []byte(s.stem(string(tok.Term)))
	}
	return in
}

func (s stemmer) stem(w string) string {
	if s.cache != nil {
		if v, ok := s.cache.m.Load(w); ok {
			return v.(string)
		}
	}
	t := s.compute(w)
	if s.cache != nil && s.cache.n.Load() < maxCachedStems {
		if _, loaded := s.cache.m.LoadOrStore(w, t); !loaded {
			s.cache.n.Add(1)
		}
	}
	return t
}

func (s stemmer) compute(w string) string {
	if word, ok := s.lx.Lookup(w); ok {
		w = word.Lemma
	}
	return regular(w)
}

// regular is w's stem by the rules alone, not through the lexicon's base
// form: "gan" is the singular of the articles' "GANs" (stemmed "gan") as
// well as an old past of "gin".
func regular(w string) string {
	if acronymPlural(w) {
		w = w[:len(w)-1] // "llms" → "llm": Porter2 keeps an s after no vowel
	}
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	return env.Current()
}

// acronymPlural reports a plural of letters with no vowel, or none before
// the last: "llms", "nlps", "gpus" (an acronym's letters are not a
// syllable's, and Porter2 keeps the s after "u").
func acronymPlural(w string) bool {
	if len(w) < 3 || w[len(w)-1] != 's' || w[len(w)-2] == 's' {
		return false
	}
	letters := w[:len(w)-1]
	for i, r := range letters {
		if r < 'a' || r > 'z' || strings.ContainsRune("aeiouy", r) && i < len(letters)-1 {
			return false
		}
	}
	return true
}

// sharedStems is the process's one stem cache: the stemmer in bleve's
// registry and each index's share it.
var sharedStems = &stemCache{}

func newStemmer(lx *lexicon.Lexicon) stemmer { return stemmer{lx, sharedStems} }

// stopWords are the words analysis drops: English stop words and the words
// of asking and chatting.
var stopWords = func() map[string]bool {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(en.EnglishStopWords); err != nil {
		panic(err) // bleve's own list; cannot fail
	}
	m := map[string]bool{}
	for w := range tm {
		m[w] = true
	}
	for _, w := range slices.Concat(conversationalWords, situationWords, documentWords) {
		m[w] = true
	}
	return m
}()
