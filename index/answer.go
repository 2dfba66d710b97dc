package index

import (
	"github.com/explainbot/explainbot/knowledge"
)

// Answer is what explainbot says to one question.
type Answer struct {
	// Question is the question as asked.
	Question string
	// Answered is false when the article does not cover the question; Hits is
	// then empty and Related suggests topics instead.
	Answered bool
	// Hits are the best sections, best first.
	Hits []Hit
	// Row is the comparison row when the question asks about one feature of a
	// difference ("how do they differ in scope"); nil otherwise.
	Row *RowMatch
	// Table is the whole comparison when the question asks for the difference
	// or the table itself; nil otherwise.
	Table *knowledge.Comparison
	// TableArticleID and TablePosition name Table: its article's path and
	// its place in that article's Comparisons.
	TableArticleID string
	TablePosition  int
	// Related are other sections worth reading, as topic references.
	Related []Topic
	// Confidence is the share (0 to 1) of the question's weight (its words,
	// each weighing its rarity in general English) that the answering
	// section holds, scaled down for a question that names none of the
	// articles' subjects; a question is answered from 0.5 (from 0.4 when
	// the articles use nearly all its words and it asks no date, number,
	// name or definition: see Partial), and below LowConfidence an answer
	// is a guess worth a teacher's review.
	Confidence float64
	// Partial marks an answer under 0.5: the question's words are spread
	// over sections and the answer is the nearest one, which a reply
	// should say may answer only part of it.
	Partial bool
}

// LowConfidence marks answers whose question the articles only partly know.
const LowConfidence = 0.75

// Hit is one section that answers the question.
type Hit struct {
	Topic
	// Score is the search score; higher is better.
	Score float64
	// Excerpt is at most MaxExcerpt characters (runes) of the section as
	// plain text, cut at sentence or word boundaries; "…" marks a cut.
	Excerpt string
	// Highlights are where the question's words stand in Excerpt, in order
	// and not overlapping. Renderers bold them; the text holds no markup.
	Highlights []Span
}

// Topic names one section of one article.
type Topic struct {
	// Article is the article's title; Source is its citation; URL links
	// its page, when its front matter gives one.
	Article, Source, URL string
	// ArticleID identifies the article (its path); SectionID the section in it.
	ArticleID, SectionID string
	// Heading is the section's heading.
	Heading string
	// Position is the section's place in its article's Sections, and
	// Comparisons how many comparisons that article holds: what a reply
	// names the section and the article's tables by, taken from the index
	// that answered rather than looked up again.
	Position, Comparisons int
	// Length is how many runes the section's whole text has
	// (knowledge.Section.Text), so a reply can tell whether an excerpt
	// already shows all of it.
	Length int
}

// RowMatch is one row of one comparison.
type RowMatch struct {
	Comparison *knowledge.Comparison
	Row        knowledge.Row
	// ArticleID and Position name Comparison: its article's path and its
	// place in that article's Comparisons.
	ArticleID string
	Position  int
}

// MaxExcerpt is the most characters (runes) an excerpt holds.
const MaxExcerpt = 1000
