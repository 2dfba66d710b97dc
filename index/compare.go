package index

import (
	"slices"

	"github.com/explainbot/explainbot/knowledge"
)

// comparison finds what the question asks of the articles' comparison
// tables: one row when it names a feature ("scope", "technology") together
// with a compared subject or a word of difference, the whole table when it
// asks for the difference itself.
func (ix *Index) comparison(terms []string, ranked []hit) (*RowMatch, *knowledge.Comparison) {
	differ := ix.analyzeOne("difference")
	asksDifference := slices.Contains(terms, differ)
	type candidate struct {
		c        *knowledge.Comparison
		subjects int // how many compared subjects the question names
		rank     int // rank of the table's section among the hits
		row      *knowledge.Row
	}
	var best *candidate
	for a, art := range ix.articles {
		for i := range art.Comparisons {
			c := &art.Comparisons[i]
			cand := candidate{c: c, rank: ix.rankOf(a, c.Section, ranked)}
			for _, s := range c.Subjects {
				if ix.mentions(terms, s, c.Subjects) {
					cand.subjects++
				}
			}
			for j := range c.Rows {
				if ix.mentions(terms, c.Rows[j].Feature, nil) {
					cand.row = &c.Rows[j]
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
				c := cand
				best = &c
			}
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

// mentions reports whether the question's terms name phrase: one of the
// phrase's terms that the other phrases (say, the other compared subjects) do
// not also hold.
func (ix *Index) mentions(terms []string, phrase string, others []string) bool {
	shared := map[string]bool{}
	for _, o := range others {
		if o == phrase {
			continue
		}
		for _, tok := range ix.text.Analyze([]byte(o)) {
			shared[string(tok.Term)] = true
		}
	}
	for _, tok := range ix.text.Analyze([]byte(phrase)) {
		p := string(tok.Term)
		if shared[p] {
			continue
		}
		if slices.Contains(terms, p) {
			return true
		}
	}
	return false
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
