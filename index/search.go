package index

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Tuning of the answer. The values were chosen on the principles in the
// comments, then checked against ../shared/eval/questions.tsv; they are not
// fitted to any one question.
const (
	// maxQuestionRunes bounds the text that reaches the analyzer: nobody asks
	// a 10,000-character question, and its cost must stay bounded.
	maxQuestionRunes = 500
	// minCoverage is the share of the question's weight (IDF-weighted terms)
	// that the articles must know for an answer: a question whose distinctive
	// words the article never uses is not covered, however well a common word
	// matches.
	minCoverage = 0.5
	// headingBoost makes a heading match weigh more than the same word in the body.
	headingBoost = 1.5
	// labelBoost weighs a match in a line's label ("Bias & fairness: ...").
	labelBoost = 1.5
	// maxBareWords is the longest question read as a bare topic ("llm", "large language models").
	maxBareWords = 3
	// shapeBoost weighs a heading of the question's shape ("What Is", "How Do").
	shapeBoost = 0.3
	maxHits    = 3
	// hitRatio keeps a section as a further hit only if it scores this share
	// of the best one.
	hitRatio   = 0.5
	maxRelated = 4
	// maxTermSearchers bounds the searchers one question may open (synonyms
	// and typo candidates add some).
	maxTermSearchers = 1024
)

// Ask answers one question. It never fails: a question it cannot answer,
// including empty or malformed input, gets Answered false and topics to try.
func (ix *Index) Ask(ctx context.Context, question string) Answer {
	ans := Answer{Question: question}
	q := ix.parse(question)
	if len(q.terms) == 0 {
		ans.Related = ix.mainTopics(nil, maxRelated)
		return ans
	}
	ranked, err := ix.search(ctx, q)
	if err != nil {
		ix.lg.Warn("search failed", "err", err)
		ans.Related = ix.mainTopics(nil, maxRelated)
		return ans
	}
	ans.Confidence = ix.coverage(q.terms)
	if len(ranked) == 0 || ans.Confidence < minCoverage {
		ans.Related = ix.mainTopics(ranked, maxRelated)
		return ans
	}
	ans.Answered = true
	ans.Row, ans.Table = ix.comparison(q.terms, ranked)
	if c := ans.comparisonAsked(); c != nil {
		// A question about how the compared subjects differ is answered by the
		// comparison's own section, whatever else mentions the subjects.
		ranked = ix.promote(ranked, c)
	}
	best := ranked[0].score
	for i, h := range ranked {
		if i < maxHits && h.score >= hitRatio*best {
			ans.Hits = append(ans.Hits, Hit{Topic: ix.topic(h.section), Score: h.score, Excerpt: ix.excerpt(h.passage, q.terms)})
			continue
		}
		if len(ans.Related) < maxRelated {
			ans.Related = append(ans.Related, ix.topic(h.section))
		}
	}
	return ans
}

// question is a question made ready for search.
type question struct {
	text  string   // the question's words after the glossary and typo correction
	terms []string // text's distinct analyzed terms
	shape string   // the question's first interrogative; "what" for a bare topic ("llm")
}

// parse normalises, rewrites, corrects and analyzes a question.
func (ix *Index) parse(raw string) question {
	if utf8.RuneCountInString(raw) > maxQuestionRunes {
		raw = string([]rune(raw)[:maxQuestionRunes])
	}
	ws := ix.gloss.apply(words(raw))
	ws = ix.synonyms(ix.correct(ws))
	q := question{text: strings.Join(ws, " ")}
	seen := map[string]bool{}
	for _, tok := range ix.text.Analyze([]byte(q.text)) {
		t := string(tok.Term)
		if !seen[t] {
			seen[t] = true
			q.terms = append(q.terms, t)
		}
	}
	for _, w := range ws {
		if slices.Contains(interrogatives, w) {
			q.shape = w
			break
		}
	}
	if q.shape == "" && len(words(raw)) <= maxBareWords {
		q.shape = "what"
	}
	return q
}

// hit is one section's best passage for a question.
type hit struct {
	section, passage int
	score            float64
}

func (ix *Index) search(ctx context.Context, q question) ([]hit, error) {
	body := bleve.NewMatchQuery(q.text)
	body.SetField(fieldBody)
	head := bleve.NewMatchQuery(q.text)
	head.SetField(fieldHeading)
	head.SetBoost(headingBoost)
	label := bleve.NewMatchQuery(q.text)
	label.SetField(fieldLabels)
	label.SetBoost(labelBoost)
	disj := bleve.NewDisjunctionQuery(body, head, label)
	if q.shape != "" {
		// "what is X" prefers a heading "What Is X" to "How X Works": a tie-breaker.
		shape := bleve.NewTermQuery(q.shape)
		shape.SetField(fieldShape)
		shape.SetBoost(shapeBoost)
		disj.AddQuery(shape)
	}
	// No term locations: they doubled the cost of a search over a large
	// corpus, and only the few excerpted passages need them (see spans).
	req := bleve.NewSearchRequestOptions(disj, 4*maxHits+maxRelated, 0, false)
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	var ranked []hit
	seen := map[int]bool{}
	for _, m := range res.Hits {
		p, err := strconv.Atoi(m.ID)
		if err != nil || p < 0 || p >= len(ix.passages) {
			continue
		}
		s := ix.passages[p].section
		if seen[s] {
			continue // a better passage of this section came first
		}
		seen[s] = true
		ranked = append(ranked, hit{section: s, passage: p, score: m.Score})
	}
	return ranked, nil
}

// spans finds the question's terms in a passage by analyzing it as the
// index did, so "fine-tuned" lights up "Finetuning" exactly as it matched.
func (ix *Index) spans(text string, terms []string) []span {
	var out []span
	for _, tok := range ix.text.Analyze([]byte(text)) {
		if slices.Contains(terms, string(tok.Term)) {
			out = append(out, span{tok.Start, tok.End})
		}
	}
	return out
}

// coverage is the share of the question's IDF weight carried by terms the
// articles know. Unknown terms weigh most:
// they are what makes a question about something else.
func (ix *Index) coverage(terms []string) float64 {
	n := float64(len(ix.passages))
	var have, all float64
	for _, t := range terms {
		df := ix.df[t]
		w := math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
		all += w
		if df > 0 {
			have += w
		}
	}
	if all == 0 {
		return 0
	}
	return have / all
}

// correct replaces misspelt words with the nearest word the articles use (or
// the nearest common English word), so "generatve" finds "generative". Words
// the articles know are never changed, so a typo never outranks an exact match.
func (ix *Index) correct(ws []string) []string {
	var r bleveindex.IndexReader
	defer func() {
		if r != nil {
			r.Close()
		}
	}()
	out := ws[:0:0]
	for _, w := range ws {
		n := utf8.RuneCountInString(w)
		if ix.words[w] > 0 || stopWords[w] || n < 4 || strings.ContainsAny(w, "0123456789") {
			out = append(out, w)
			continue
		}
		if s, ok := nearestStopWord(w); ok {
			out = append(out, s)
			continue
		}
		fuzz := 1
		switch {
		case n < 5:
			out = append(out, w)
			continue
		case n >= 8:
			fuzz = 2
		}
		if r == nil {
			var err error
			if r, err = ix.reader(); err != nil {
				return append(out, w)
			}
		}
		out = append(out, nearestWord(r, w, fuzz))
	}
	return out
}

// synonyms replaces each word the articles do not use by the glossary's
// synonyms of it that they do.
func (ix *Index) synonyms(ws []string) []string {
	out := ws[:0:0]
	for _, w := range ws {
		if stopWords[w] {
			out = append(out, w)
			continue
		}
		if syn, ok := ix.expand[ix.analyzeOne(w)]; ok {
			out = append(out, syn...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// nearestWord is the vocabulary word closest to w within fuzz edits, the most
// frequent among equals, or w itself.
func nearestWord(r bleveindex.IndexReader, w string, fuzz int) string {
	fr, ok := r.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return w
	}
	dict, err := fr.FieldDictFuzzy(fieldWords, w, fuzz, "")
	if err != nil {
		return w
	}
	defer dict.Close()
	best, bestDist, bestCount := w, fuzz+1, 0
	for i := 0; i < 64; i++ {
		e, err := dict.Next()
		if err != nil || e == nil {
			break
		}
		d := editDistance(w, e.Term)
		if d < bestDist || (d == bestDist && int(e.Count) > bestCount) {
			best, bestDist, bestCount = e.Term, d, int(e.Count)
		}
	}
	return best
}

// stopWords are the words analysis drops: English stop words and the words
// of asking.
var stopWords = func() map[string]bool {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(en.EnglishStopWords); err != nil {
		panic(err) // bleve's own list; cannot fail
	}
	m := map[string]bool{}
	for w := range tm {
		m[w] = true
	}
	for _, w := range conversationalWords {
		m[w] = true
	}
	return m
}()

// nearestStopWord finds a stop word one edit (or one swap) from w: "whta",
// "waht" and "expalin" are words of asking, not unknown topics.
func nearestStopWord(w string) (string, bool) {
	for _, s := range longStopWords {
		if editDistance(w, s) <= 1 {
			return s, true
		}
	}
	return "", false
}

// longStopWords are the stop words of four letters or more, sorted, so
// that typo correction is deterministic.
var longStopWords = func() []string {
	var out []string
	for w := range stopWords {
		if utf8.RuneCountInString(w) >= 4 {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}()

// editDistance is the optimal-string-alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// mainTopics suggests where to look: the sections the search found first,
// then each article's sections in order.
func (ix *Index) mainTopics(ranked []hit, n int) []Topic {
	var out []Topic
	seen := map[int]bool{}
	add := func(s int) {
		if len(out) < n && !seen[s] {
			seen[s] = true
			out = append(out, ix.topic(s))
		}
	}
	for _, h := range ranked {
		add(h.section)
	}
	for s := range ix.sections {
		if ix.section(s).ID != introductionID {
			add(s)
		}
	}
	return out
}

const introductionID = "introduction"

// excerpt is passage p cut to MaxExcerpt with the question's terms in bold.
func (ix *Index) excerpt(p int, terms []string) string {
	text := ix.passages[p].text
	return excerpt(text, ix.spans(text, terms), MaxExcerpt)
}
