package index

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/explainbot/explainbot/knowledge"
)

// unit is one indexed document: a passage of a section, one of its list
// items or labelled paragraphs, or one row of its comparison. Small units
// follow the article's own structure, so a question about one item ("job
// displacement") or one cell ("is bard an llm") finds it without the rest
// of the passage diluting the match. Every unit cites its section.
type unit struct {
	section int
	kind    unitKind
	text    string // what the unit says, plain text (a row: its cells, one a line)
	// heading is the section heading, for a heading unit only. (An item's
	// sub-heading is not indexed with it: sub-headings name the articles'
	// subjects as often as a topic, and a one-word field of "LLMs" would lift
	// every item under it over any passage about LLMs.)
	heading string
	labels  string // the unit's labels, one a line
	// table and row locate a row unit in Index.tables; -1 for other units.
	table, row int
	// shown is the passage unit an answer quotes for this unit: itself for
	// a passage, the passage holding it for an item or a row.
	shown int
}

type unitKind int

const (
	passageUnit unitKind = iota
	itemUnit
	rowUnit
	// headingUnit is a section's heading alone: the heading is evidence
	// about the section once, not repeated in every one of its units, where
	// the subjects' names in "Use Cases of Generative AI and LLMs" would
	// lift each of its items over any other section's text.
	headingUnit
)

// passageText holds what excerpts need of a passage, analyzed on first use:
// most passages are never quoted, and at classroom-library scale analyzing
// them all up front would cost memory for nothing.
type passageText struct {
	once   sync.Once
	tokens []token
	starts []int // byte offsets where sentences and lines begin
	// defined are the terms the passage defines ("known as a transformer").
	defined []string
}

// token is one analyzed word of a passage and where it stands.
type token struct {
	term       string
	start, end int // byte offsets into the passage text
}

// buildUnits lists the articles' sections and their units. The tables
// are in ix.tables already, in the articles' order.
func (ix *Index) buildUnits() {
	base := 0 // ix.tables index of the article's first comparison
	for a, art := range ix.articles {
		tables := map[string][]int{} // section ID -> indexes into ix.tables
		for i := range art.Comparisons {
			tables[art.Comparisons[i].Section] = append(tables[art.Comparisons[i].Section], base+i)
		}
		for s := range art.Sections {
			sec := &art.Sections[s]
			ix.sections = append(ix.sections, sectionRef{a, s})
			si := len(ix.sections) - 1
			ps := sec.Passages
			if len(ps) == 0 {
				ps = []string{sec.Text()}
			}
			first := len(ix.units)
			for _, p := range ps {
				ix.units = append(ix.units, unit{section: si, kind: passageUnit, text: p,
					labels: passageLabels(sec, p), table: -1, row: -1, shown: len(ix.units)})
			}
			passages := ix.units[first:len(ix.units):len(ix.units)]
			ix.units = append(ix.units, unit{section: si, kind: headingUnit, heading: sec.Heading, table: -1, row: -1, shown: first})
			for _, b := range sec.Blocks {
				if b.Kind == knowledge.TableRow || b.Label == "" && b.Kind != knowledge.Item {
					continue // rows are units of their own, below
				}
				ix.units = append(ix.units, unit{section: si, kind: itemUnit, text: b.Text,
					labels: b.Label, table: -1, row: -1, shown: first + holding(passages, b.Line())})
			}
			for _, t := range tables[sec.ID] {
				ix.tables[t].section = si
				c := &art.Comparisons[t-base]
				for r, row := range c.Rows {
					// The cells alone: the subjects' names stand in every row,
					// and would make each row an answer to any question naming them.
					ix.units = append(ix.units, unit{section: si, kind: rowUnit, text: strings.Join(row.Values, "\n"),
						labels: row.Feature, table: t, row: r, shown: first + holding(passages, c.Line(row))})
				}
			}
		}
		base += len(art.Comparisons)
	}
	ix.secLength = make([]int, len(ix.sections))
	for s := range ix.sections {
		ix.secLength[s] = utf8.RuneCountInString(ix.section(s).Text())
	}
	ix.secUnits = make([]unitRange, len(ix.sections))
	for i, u := range ix.units {
		r := &ix.secUnits[u.section]
		if r.end == 0 {
			r.first = i
		}
		r.end = i + 1
	}
	ix.passageText = make([]passageText, len(ix.units))
	ix.secTerms = make([]sectionTerms, len(ix.sections))
}

// unitRange is where a section's units stand in Index.units: [first, end),
// its passages first.
type unitRange struct{ first, end int }

// holding is the first passage whose text holds line, or 0.
func holding(passages []unit, line string) int {
	for i, p := range passages {
		if strings.Contains(p.text, line) {
			return i
		}
	}
	return 0
}

// passageLabels are the labels of the blocks a passage holds: what its
// lines say they are about. Sub-headings are not among them: they name the
// article's subjects ("Generative AI", "LLMs") as often as a topic, and a
// short field of subject names would outscore any passage about them.
func passageLabels(sec *knowledge.Section, text string) string {
	var out []string
	for _, b := range sec.Blocks {
		if b.Label != "" && strings.Contains(text, b.Line()) {
			out = append(out, b.Label)
		}
	}
	return strings.Join(out, "\n")
}

// text analyzes passage p for excerpts, once.
func (ix *Index) textOf(p int) *passageText {
	pt := &ix.passageText[p]
	pt.once.Do(func() {
		text := ix.units[p].text
		for _, tok := range ix.text.Analyze([]byte(text)) {
			pt.tokens = append(pt.tokens, token{term: string(tok.Term), start: tok.Start, end: tok.End})
		}
		pt.starts = sentenceStarts(text)
		pt.defined = definedTerms(text, pt.tokens)
	})
	return pt
}

// sectionTerms holds the analyzed terms of a section, computed on first
// use: its heading and text, and its article's title, which every section
// of the article is about.
type sectionTerms struct {
	once  sync.Once
	terms map[string]bool
	// heads are the last term of each conjunct of its lines' labels
	// ("length" of a table's "Prompt length"; "bias" and "fairness" of "Bias
	// & fairness"): what a label defines.
	heads map[string]bool
	// runs are its heading's terms and its text's, in order: the
	// compounds it says (see saysCompound).
	runs [][]string
	// numbered holds, for each sentence of its text that gives a number,
	// its terms: what the number may count (all the sentence's words) and
	// what it is said of (those and its list item's label).
	numbered []amountTerms
	// fewAmounts holds, for each sentence that gives an amount in words
	// ("only a few seconds of audio"), what the amount counts (the words
	// after it) and what it is said of, as numbered.
	fewAmounts []amountTerms
}

// conjuncts cuts a label into the things it names: "Bias & fairness".
var conjuncts = regexp.MustCompile(`\s*(&|,|/|\band\b)\s*`)

// knows reports whether section s holds the analyzed term t.
func (ix *Index) knows(s int, t string) bool {
	return ix.loadTerms(s).terms[t]
}

// loadTerms analyzes section s on first use and returns what it holds.
func (ix *Index) loadTerms(s int) *sectionTerms {
	st := &ix.secTerms[s]
	st.once.Do(func() {
		st.terms = map[string]bool{}
		sec := ix.section(s)
		for _, term := range ix.terms(ix.articles[ix.sections[s].article].Title) {
			st.terms[term] = true
		}
		heading := ix.terms(sec.Heading)
		st.runs = [][]string{heading, ix.terms(sec.Text())}
		for _, terms := range st.runs {
			for _, term := range terms {
				st.terms[term] = true
			}
		}
		st.heads = map[string]bool{}
		for _, b := range sec.Blocks {
			for _, part := range conjuncts.Split(b.Label, -1) {
				if terms := ix.terms(part); len(terms) > 0 {
					st.heads[terms[len(terms)-1]] = true
				}
			}
			// A list item's label names what each of its sentences is
			// about: "GDPR (EU, 2018): ... Its Article 8 says a child
			// must be 16" gives GDPR's age.
			var label []string
			for _, w := range words(b.Label) {
				label = append(label, ix.stem.stem(w))
			}
			// A sentence that speaks of someone by a pronoun is said of
			// whom the sentences before it name: "Writers had prepared
			// around 8,000 lines of dialogue for her" is Hello Barbie's,
			// named a sentence earlier.
			var before []string
			for _, sentence := range sentenceEnd.Split(b.Line(), -1) {
				ws := words(sentence)
				said := label
				if refersBack(ws) {
					said = append(slices.Clip(label), before...)
				}
				if !namesParticular(sentence) {
					// A sentence that names nothing is said of what its
					// section is: "some research systems need only a few
					// seconds of clean audio" is how much voice cloning
					// needs, under "What Voice Cloning Is".
					said = append(slices.Clip(said), heading...)
				}
				// what this sentence, and any it refers back to, speak of
				before = append(ix.loadAmounts(st, sentence, ws, said), said...)
			}
		}
	})
	return st
}

// loadAmounts adds to st the amount that sentence (whose words are ws)
// gives, if any, with the terms of what it counts and of what it is said
// of; label holds those of the sentence's list item's label, and of any
// sentence before it that it refers back to. It returns the sentence's
// terms.
func (ix *Index) loadAmounts(st *sectionTerms, sentence string, ws, label []string) (stems []string) {
	numbered := numberRE.MatchString(sentence)
	for _, w := range ws {
		stems = append(stems, ix.stem.stem(w))
	}
	var few []string
	if !numbered {
		// "only a few seconds of audio": an amount in words, of what
		// follows it alone
		if few = fewAmount(ws); len(few) == 0 {
			return stems
		}
	}
	about := append(slices.Clip(stems), label...)
	if !numbered {
		var counted []string
		for _, w := range few {
			counted = append(counted, ix.stem.stem(w))
		}
		st.fewAmounts = append(st.fewAmounts, amountTerms{counted, about})
		return stems
	}
	counted := slices.Clip(stems)
	if currencyRE.MatchString(sentence) {
		counted = append(counted, moneyTerm) // "$20 a month": a sum of money, whatever its words
	}
	st.numbered = append(st.numbered, amountTerms{counted, about})
	return stems
}

// personalPronouns name someone, or a group, said before. "It" is left
// out: it stands as often for a thing of the same sentence or for
// nothing ("it is free"), and read so it cost a read question.
var personalPronouns = []string{"he", "she", "her", "him", "his", "hers", "they", "them", "their"}

// refersBack reports whether a sentence speaks of someone by a personal
// pronoun.
func refersBack(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return slices.Contains(personalPronouns, w) })
}

// fewAmount is what an amount said without a number counts: the three
// words after "a few", "several", "a couple of", and the two after an "of"
// among them ("only a few seconds of clean audio" counts seconds, and what
// of); nil when the sentence says none.
func fewAmount(ws []string) []string {
	for i, w := range ws {
		if w == "several" || w == "few" && i > 0 && ws[i-1] == "a" || w == "couple" && i > 0 && ws[i-1] == "a" {
			j := i + 1
			if j < len(ws) && ws[j] == "of" {
				j++
			}
			end := min(len(ws), j+3)
			if k := slices.Index(ws[j:end], "of"); k >= 0 {
				end = min(len(ws), j+k+3)
			}
			return ws[j:end]
		}
	}
	return nil
}

// namesParticular reports whether a sentence names something in
// particular: a capitalized word after its first ("Google bought Nest").
func namesParticular(sentence string) bool {
	fields := strings.Fields(sentence)
	for _, f := range fields[min(1, len(fields)):] {
		if _, ok := capitalized(f); ok {
			return true
		}
	}
	return false
}

// amountTerms are the terms of a sentence that gives an amount: what it
// may count, and what it is said of.
type amountTerms struct{ counted, about []string }
