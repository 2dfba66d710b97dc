package index

import (
	"slices"

	"github.com/explainbot/explainbot/knowledge"
)

// table is one comparison with its names analyzed once, at build time.
type table struct {
	article int
	c       *knowledge.Comparison
	// subjects holds, per subject, its terms that the other subjects lack
	// ("llm" names LLMs; "model" is no one's alone if both hold it).
	subjects [][]string
	// features holds each row's feature terms.
	features [][]string
}

// newTables analyzes the articles' comparisons for comparison().
func (ix *Index) newTables() []table {
	var out []table
	for a, art := range ix.articles {
		for i := range art.Comparisons {
			c := &art.Comparisons[i]
			t := table{article: a, c: c}
			for _, s := range c.Subjects {
				t.subjects = append(t.subjects, ix.distinctTerms(s, c.Subjects))
			}
			for _, r := range c.Rows {
				t.features = append(t.features, ix.distinctTerms(r.Feature, nil))
			}
			out = append(out, t)
		}
	}
	return out
}

// distinctTerms are phrase's analyzed terms that none of the other phrases holds.
func (ix *Index) distinctTerms(phrase string, others []string) []string {
	shared := map[string]bool{}
	for _, o := range others {
		if o == phrase {
			continue
		}
		for _, tok := range ix.text.Analyze([]byte(o)) {
			shared[string(tok.Term)] = true
		}
	}
	var out []string
	for _, tok := range ix.text.Analyze([]byte(phrase)) {
		if t := string(tok.Term); !shared[t] {
			out = append(out, t)
		}
	}
	return out
}

// comparison finds what the question asks of the articles' comparison
// tables: one row when it names a feature ("scope", "technology") together
// with a compared subject or a word of difference, the whole table when it
// asks for the difference itself.
func (ix *Index) comparison(terms []string, ranked []hit) (*RowMatch, *knowledge.Comparison) {
	asksDifference := slices.Contains(terms, ix.differ)
	named := func(phrase []string) bool {
		return slices.ContainsFunc(phrase, func(p string) bool { return slices.Contains(terms, p) })
	}
	type candidate struct {
		c        *knowledge.Comparison
		subjects int // how many compared subjects the question names
		rank     int // rank of the table's section among the hits
		row      *knowledge.Row
	}
	var best *candidate
	for _, t := range ix.tables {
		cand := candidate{c: t.c, rank: ix.rankOf(t.article, t.c.Section, ranked)}
		for _, s := range t.subjects {
			if named(s) {
				cand.subjects++
			}
		}
		for j, f := range t.features {
			if named(f) {
				cand.row = &t.c.Rows[j]
				break
			}
		}
		if cand.subjects == 0 && !asksDifference {
			continue
		}
		if cand.row == nil && (!asksDifference || (cand.subjects == 0 && cand.rank != 0)) {
			continue
		}
		if best == nil || better(cand.subjects, cand.rank, best.subjects, best.rank) {
			best = &cand
		}
	}
	switch {
	case best == nil:
		return nil, nil
	case best.row != nil:
		return &RowMatch{Comparison: best.c, Row: *best.row}, nil
	default:
		return nil, best.c
	}
}

// better prefers the table naming more subjects, then the higher-ranked one.
func better(subjects, rank, bestSubjects, bestRank int) bool {
	if subjects != bestSubjects {
		return subjects > bestSubjects
	}
	return rank < bestRank
}

// rankOf is the rank of an article's section among the hits, or len(ranked).
func (ix *Index) rankOf(article int, sectionID string, ranked []hit) int {
	for i, h := range ranked {
		ref := ix.sections[h.section]
		if ref.article == article && ix.articles[article].Sections[ref.section].ID == sectionID {
			return i
		}
	}
	return len(ranked)
}

// comparisonAsked is the comparison the answer shows, row or table, or nil.
func (a *Answer) comparisonAsked() *knowledge.Comparison {
	switch {
	case a.Row != nil:
		return a.Row.Comparison
	case a.Table != nil:
		return a.Table
	}
	return nil
}

// promote moves the section holding c to the front of ranked, scored as the
// best, keeping its best passage when it was found.
func (ix *Index) promote(ranked []hit, c *knowledge.Comparison) []hit {
	for i, h := range ranked {
		ref := ix.sections[h.section]
		art := ix.articles[ref.article]
		if art.Sections[ref.section].ID != c.Section || !holds(art, c) {
			continue
		}
		if i == 0 {
			return ranked
		}
		h.score = ranked[0].score
		out := append([]hit{h}, ranked[:i]...)
		return append(out, ranked[i+1:]...)
	}
	return ranked
}

// holds reports whether c is one of art's comparisons.
func holds(art *knowledge.Article, c *knowledge.Comparison) bool {
	for i := range art.Comparisons {
		if &art.Comparisons[i] == c {
			return true
		}
	}
	return false
}
