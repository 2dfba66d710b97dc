package index

import (
	"slices"
	"strings"

	"github.com/explainbot/explainbot/knowledge"
)

// table is one comparison with its names and cells analyzed once, at build
// time.
type table struct {
	article int
	section int // the section holding the table; -1 until units are built
	c       *knowledge.Comparison
	// subjects holds, per subject, its terms that the other subjects lack
	// ("llm" names LLMs; "model" is no one's alone if both hold it).
	subjects [][]string
	// keys holds, per subject, the rarest of those terms in general
	// English: the one that names it ("generative" of "Generative AI";
	// "ai" alone names the whole field, not this subject).
	keys []string
	// spelt holds, per subject, its words as written ("few", "shot"): a
	// subject whose own word is a word of asking ("Few-shot") is named by
	// them together.
	spelt [][]string
	// expanded holds, per subject written as initials ("GPU"), the terms
	// of its spelt-out form that no other subject's holds ("graphic" of
	// "graphics processing unit"); nil for others.
	expanded [][]string
	// shared are the terms every subject holds ("scam" of "Old-Style Scam"
	// and "AI-Powered Scam").
	shared []string
	// features holds each row's feature terms, and featureKinds the kind of
	// question each feature's words answer ("Applications": uses) and
	// whether they name examples.
	features     [][]string
	featureKinds []kind
	// telling holds each feature's terms whose words say something (see
	// tellingTerms): a feature of several words is named by those ("weak"
	// of "Weak point"; "the point of it" names no weak point, "use" no
	// Energy use).
	telling [][]string
	// complements holds, per feature, the terms of what its noun is of or
	// to, when they are two or more ("paid", "database" of "Access to
	// paid databases"): saying them all names the feature too.
	complements [][]string
	exampleRow  []bool
	// extentRow marks a feature that is a word for how far something
	// reaches ("Scope", "Range"), as the lexicon relates it to "extent".
	extentRow []bool
	// purposeRow marks a feature that is a word for what something is
	// for ("Purpose", "Goal"), as the lexicon relates it or its head to
	// "purpose", or that asks it ("Main job").
	purposeRow []bool
	// howVerbs holds, per row, the base form of the verb of a feature that
	// asks how its subject does something ("get" of "How to get one"),
	// or "" (see rowByHowVerb).
	howVerbs []string
	// whWords holds, per row, the question word a feature opens with
	// ("where" of "Where it works", "when" of "When it fails"), or "".
	whWords []string
	// concepts marks, per rowConcepts entry, the rows whose feature is a
	// word for its concept ("Volume" for an amount, "Cost" for a price).
	concepts [][]bool
	// outputRow marks a feature that is a word for what something gives
	// out ("Output", "Result").
	outputRow []bool
	// timedRow marks a row each of whose cells gives a length of time
	// ("Seconds to a few minutes", "Days, weeks or even years").
	timedRow []bool
	// cells holds each row's cell terms, without the subjects' own terms
	// ("generating" in a cell is not evidence for the row when the question
	// names "generative AI").
	cells [][]string
	// values holds each row's cells, each analyzed whole.
	values [][][]string
	// numbered marks a row whose cells give an amount ("About 86 billion
	// neurons").
	numbered []bool
}

// leadMargin is how much more of a question a comparison's section must
// answer to lead over a section of the kind the question asks for.
const leadMargin = 0.1

// Rows found by their cells. The row must score this share of the best
// unit, and the word that finds it must say something (an everyday word such
// as "work" or "use" in a cell is no evidence that the row is meant).
const (
	rowCellRatio  = 0.7
	rowCellWeight = 0.4
	// rowCellAboutWeight and rowCellAboutRatio are the least weight of a
	// cell word that finds a row, and the share of the best unit's score the
	// row must reach, when the question is about the table already ("do
	// llms only do text").
	rowCellAboutWeight = 0.15
	rowCellAboutRatio  = 0.25
	// rowTopLead: a row whose unit the search ranks first of all is the
	// one asked when it scores at least this many times any other row of
	// its table (see rowOnTop).
	rowTopLead = 2
)

// names reports whether q names subject i of t: its key, or all its
// words in their order ("few shot" of "Few-shot", "few" being no term).
func (t *table) names(q *question, i int) bool {
	if t.namesOwn(q, i) {
		return true
	}
	if len(t.shared) == 0 {
		return false
	}
	// "between traditional scams and ai scams": with every other subject
	// named, another word before the noun they share names the one left.
	for j := range t.keys {
		if j != i && !t.namesOwn(q, j) {
			return false
		}
	}
	return t.beforeShared(q, func(_, term string) bool { return term != "" && !t.subjectWord(term) })
}

// beforeShared reports whether fn accepts a word of q, and its term ("" for
// a word of asking), that stands before a noun all of t's subjects share:
// "old" and "ai" of "old scams and ai scams".
func (t *table) beforeShared(q *question, fn func(word, term string) bool) bool {
	for j := 0; j+1 < len(q.words); j++ {
		if slices.Contains(t.shared, q.termOf(q.words[j+1])) && fn(q.words[j], q.termOf(q.words[j])) {
			return true
		}
	}
	return false
}

// realWords, before a noun, set a human apart from a machine: "a real
// tutor", "an actual person".
var realWords = []string{"real", "actual", "proper"}

// namesOwn reports whether q names subject i of t by its own words (see names).
func (t *table) namesOwn(q *question, i int) bool {
	if t.keys[i] != "" && q.hasTerm(t.keys[i]) {
		return true
	}
	if slices.ContainsFunc(t.expanded[i], q.hasTerm) {
		return true // "graphics chips" of "GPU (graphics processing unit)"
	}
	if slices.Contains(t.subjects[i], "human") && (hasPair(q.words, realWords, []string{"person", "people", "human", "humans"}) ||
		t.beforeShared(q, func(w, _ string) bool { return slices.Contains(realWords, w) })) {
		// "a real tutor", "a real person": the human one of a table
		// that compares a machine with a human
		return true
	}
	if t.beforeShared(q, func(_, term string) bool { return term != "" && slices.Contains(t.subjects[i], term) }) {
		// "old scams and ai scams": a word only one subject has, before
		// the noun all of them share, names that one ("Old-Style Scam").
		return true
	}
	sp := t.spelt[i]
	if len(sp) < 2 {
		return false
	}
	for j := 0; j+len(sp) <= len(q.words); j++ {
		if slices.Equal(q.words[j:j+len(sp)], sp) {
			return true
		}
	}
	return false
}

// namesByCell reports whether q names one subject of t by a name its
// cells list under that subject alone: "DALL·E" among generative AI's
// examples names generative AI.
func (t *table) namesByCell(q *question) bool {
	subject := -1
	for _, qt := range q.terms {
		if qt.cue || !qt.rareKnown() || slices.Contains(t.keys, qt.term) {
			continue
		}
		for _, row := range t.values {
			for i, cell := range row {
				if !slices.Contains(cell, qt.term) {
					continue
				}
				if subject >= 0 && subject != i {
					return false
				}
				subject = i
			}
		}
	}
	return subject >= 0
}

// newTables analyzes the articles' comparisons for comparison(), and
// fills ix.shared.
func (ix *Index) newTables() []table {
	var out []table
	ix.shared = map[string]bool{}
	for a, art := range ix.articles {
		for i := range art.Comparisons {
			c := &art.Comparisons[i]
			t := table{article: a, section: -1, c: c}
			for _, s := range c.Subjects {
				t.subjects = append(t.subjects, ix.distinctTerms(s, c.Subjects))
				t.keys = append(t.keys, ix.keyTerm(s, t.subjects[len(t.subjects)-1]))
				t.spelt = append(t.spelt, words(s))
			}
			t.expanded = ix.expansions(a, c.Subjects)
			var named, shared []string
			for i, s := range c.Subjects {
				terms := ix.terms(s)
				named = append(named, terms...)
				if i == 0 {
					shared = slices.Clone(terms)
				} else {
					shared = slices.DeleteFunc(shared, func(x string) bool { return !slices.Contains(terms, x) })
				}
			}
			if len(c.Subjects) > 1 {
				t.shared = shared
				for _, term := range shared {
					ix.shared[term] = true // "temperature" of "Low temperature" and "High temperature"
				}
			}
			for _, r := range c.Rows {
				t.features = append(t.features, ix.distinctTerms(r.Feature, nil))
				t.telling = append(t.telling, ix.tellingTerms(r.Feature))
				t.complements = append(t.complements, ix.complement(r.Feature))
				ws := lemmas(ix, r.Feature)
				t.featureKinds = append(t.featureKinds, ix.featureKind(ws))
				t.exampleRow = append(t.exampleRow, slices.Contains(ws, "example"))
				t.extentRow = append(t.extentRow, ix.namesConcept(ws, "extent"))
				head := ws
				if len(ws) > 1 {
					head = ix.featureHead(r.Feature) // "Hardware needed" is hardware
				}
				// A feature that says what its subject is for ("Purpose",
				// "Original purpose"), as a question of purpose does ("Main
				// job").
				fw := words(r.Feature)
				t.purposeRow = append(t.purposeRow, ix.namesConcept(head, "purpose") || ix.asksPurpose(fw))
				t.howVerbs = append(t.howVerbs, ix.howVerb(fw))
				t.whWords = append(t.whWords, whWord(fw))
				for k, rc := range rowConcepts {
					if len(t.concepts) <= k {
						t.concepts = append(t.concepts, nil)
					}
					t.concepts[k] = append(t.concepts[k], slices.ContainsFunc(rc.concepts, func(c string) bool { return ix.namesConcept(head, c) }))
				}
				t.outputRow = append(t.outputRow, ix.namesConcept(ws, "output"))
				t.timedRow = append(t.timedRow, len(r.Values) > 0 && !slices.ContainsFunc(r.Values, func(v string) bool { return !ix.givesTime(v) }))
				var cells []string
				var values [][]string
				for _, v := range r.Values {
					terms := ix.terms(v)
					values = append(values, terms)
					for _, term := range terms {
						if !slices.Contains(named, term) {
							cells = append(cells, term)
						}
					}
				}
				t.cells = append(t.cells, cells)
				t.values = append(t.values, values)
				t.numbered = append(t.numbered, slices.ContainsFunc(r.Values, numberRE.MatchString))
			}
			out = append(out, t)
		}
	}
	return out
}

// tellingTerms are the terms of a feature's words that say something:
// those a definition could be asked of, or, when it has none, those
// beyond the commonest words of English ("energy" of "Energy use";
// "use" names no energy). Of adjectives and the noun they narrow, the
// noun alone tells when it says something ("user" of "Typical user"; the
// "weak" of "Weak point" tells, not the point). A word that only stresses
// ("typical", "main") never tells: "Typical jobs" is named by its jobs.
func (ix *Index) tellingTerms(feature string) []string {
	head := ix.headNoun(words(feature))
	for _, says := range []func(weight float64) bool{
		func(weight float64) bool { return weight >= minFocusWeight },
		func(weight float64) bool { return weight > minWeight },
	} {
		var telling []string
		for _, w := range words(feature) {
			if st := ix.stem.stem(w); !stopWords[w] && st != "" && !slices.Contains(stressWords, w) && says(ix.weight(w, ix.lex.IsWord(w))) {
				telling = append(telling, st)
			}
		}
		if head != "" && slices.Contains(telling, head) {
			return []string{head} // "who uses them" asks the Typical user
		}
		if len(telling) > 0 {
			return telling
		}
	}
	return nil
}

// complementNamed is the first row of t whose complement q says whole,
// or -1.
func (ix *Index) complementNamed(q *question, t table) int {
	for j := range t.complements {
		if t.saysComplement(j, q.hasTerm) {
			return j
		}
	}
	return -1
}

// saysComplement reports whether has reports every term of row j's
// complement (see complement), when it has one.
func (t *table) saysComplement(j int, has func(string) bool) bool {
	comp := t.complements[j]
	return len(comp) > 0 && !slices.ContainsFunc(comp, func(term string) bool { return !has(term) })
}

// complement is the terms of the words after a feature's first
// preposition ("to", "of", "for") when they are two or more, else nil:
// "Access to paid databases" gives "paid" and "database"; "Cost to run",
// one word, none.
func (ix *Index) complement(feature string) []string {
	ws := words(feature)
	i := slices.IndexFunc(ws, func(w string) bool { return w == "to" || w == "of" || w == "for" })
	if i < 1 {
		return nil
	}
	var out []string
	for _, w := range ws[i+1:] {
		if st := ix.stem.stem(w); !stopWords[w] && st != "" {
			out = append(out, st)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// namesConcept reports whether a feature's words name concept: the word
// itself or one the lexicon relates to it ("scope", "range", "coverage" of
// "extent"; "goal", "aim" of "purpose").
func (ix *Index) namesConcept(lemmas []string, concept string) bool {
	if len(lemmas) != 1 {
		return false
	}
	if lemmas[0] == concept {
		return true
	}
	syn, rel := ix.lex.Related(lemmas[0])
	return slices.Contains(syn, concept) || slices.Contains(rel, concept)
}

// keyTerm is the analyzed term among distinct whose word in phrase is the
// rarest in general English.
func (ix *Index) keyTerm(phrase string, distinct []string) string {
	key, best := "", -1.0
	for _, w := range words(phrase) {
		t := ix.stem.stem(w)
		if !slices.Contains(distinct, t) {
			continue
		}
		if wt := ix.weight(w, ix.lex.IsWord(w)); wt > best {
			key, best = t, wt
		}
	}
	return key
}

// distinctTerms are phrase's analyzed terms that none of the other phrases holds.
func (ix *Index) distinctTerms(phrase string, others []string) []string {
	shared := map[string]bool{}
	for _, o := range others {
		if o == phrase {
			continue
		}
		for _, t := range ix.terms(o) {
			shared[t] = true
		}
	}
	var out []string
	for _, t := range ix.terms(phrase) {
		if !shared[t] {
			out = append(out, t)
		}
	}
	return out
}

// comparison finds what the question asks of the articles' comparison
// tables: one row when it names a feature ("scope", "technology") together
// with a compared subject or a word of difference, or a feature of its own
// kind, or names what only one row's cells hold ("is bard an llm", "do llms
// use GANs"); the whole table when it asks for the difference itself.
//
// lead reports whether the comparison's section should lead the answer
// (see leads); a row that does not lead only joins the answer.
func (ix *Index) comparison(q *question, ranked []hit, units []unitHit) (row *RowMatch, whole *knowledge.Comparison, lead bool) {
	if q.whole && len(ranked) > 0 && ix.isNote(ranked[0].section) && !ix.namesAnySubject(q) {
		// A whole comparison asked in a teacher's note's words, naming
		// what no table compares, is the note's own table: "what r all the
		// differences between tiktok type apps and netflix" is the feed
		// and the streaming service side by side.
		if ti := ix.soleTable(ix.sections[ranked[0].section].article); ti >= 0 {
			return nil, ix.tables[ti].c, true
		}
	}
	differ := q.kind == kindDiffer || q.tableNamed
	var best *tableAsked
	for ti, t := range ix.tables {
		if t.section >= 0 && !ix.has(t.section, q) {
			continue // "what number counts as a low temperature": the table gives none
		}
		cand := tableAsked{t: ti, rank: ix.rankOf(t.article, t.c.Section, ranked), row: -1}
		for i := range t.keys {
			if t.names(q, i) {
				cand.subjects++
			}
		}
		if cand.subjects == 0 && ix.featuresNamed(q, t) > 0 && t.namesByCell(q) {
			cand.subjects = 1 // "what tech does dall-e use": a feature asked of what the table lists as generative AI's
		}
		// The table is in question when the question names what it
		// compares, or the topic of its heading, or asks a difference.
		// Asking what "ai" can make asks the reach of the AI the table
		// compares ("can ai draw pictures"); asking which, with a telling
		// word of a feature, asks which of the compared has it ("no
		// internet, which kind of ai can i still use").
		about := cand.subjects > 0 || ix.namesHeading(q, t) || differ && !ix.namesOtherTopic(q, t) ||
			q.asksAbility && slices.ContainsFunc(q.terms, func(qt qterm) bool { return ix.anchors[qt.term] }) ||
			slices.Contains(q.words, "which") && ix.tellingFeature(q, t) ||
			ix.complementNamed(q, t) >= 0
		if about {
			cand.row, cand.named = ix.rowByFeature(q, t)
			if cand.row >= 0 && !cand.named {
				// A row found by the question's kind gives way to one whose
				// cells hold what is asked: "my tutor remembers which topics
				// i'm weak at" is Knowing You ("Remembers your weak
				// topics"), though "weak" makes it a question of concerns
				// and Accuracy a feature of them.
				if r := ix.rowByCells(q, ti, units, about); r >= 0 {
					cand.row = r
				}
			}
			if cand.row >= 0 && !cand.named {
				// So does one of a concept the question asks: "is the
				// auto captions thing free or do u have to pay like for a
				// real person" asks the cost, though "real" reads as a
				// question of accuracy.
				if j := t.conceptRow(q, cand.subjects > 0); j >= 0 {
					cand.row, cand.named = j, true
				}
			}
			if r := ix.rowByName(q, t); cand.row >= 0 && !cand.named && r >= 0 {
				// "are GANs used for llms too": the row that names the
				// thing asked of, before the row of the question's kind.
				cand.row, cand.byName = r, true
			}
			// Several features named ask several rows of a question that
			// asks a difference or names what the table compares; another
			// says their words in passing ("big tech companies say their
			// ai runs on renewable energy" is no Where it runs and Energy
			// use of the big cloud models).
			cand.several = (differ || cand.subjects > 0) && ix.featuresNamed(q, t) > 1
			// The feature is what is asked when its word gives the question
			// its kind ("which technology do llms use"); a question of no
			// kind is given none by a feature of none ("Labels" in "how can
			// a company make sure the data was tagged correctly").
			cand.asked = cand.named && q.kind != kindNone && t.featureKinds[cand.row] == q.kind
		}
		// "which is broader", "what kinds of media can each one handle":
		// the row of how far each reaches, as if its feature were named.
		// Asked as a kind of thing, the range comes before any row a cell
		// finds ("media" is what ranges, though a field each is applied
		// in too); otherwise after it ("does genai use transformers too
		// or only llms" is what each uses).
		extent := -1
		if about && q.extent {
			extent = slices.Index(t.extentRow, true)
		}
		if cand.row < 0 && extent >= 0 && q.asksKindOf {
			cand.row, cand.named = extent, true
		}
		if cand.row < 0 && about {
			// "how many messages can ai send compared to a person", "money
			// wise how do they compare", "can i use an ai tutor at 3am":
			// the row of the concept asked (see rowConcepts).
			if j := t.conceptRow(q, cand.subjects > 0); j >= 0 {
				cand.row, cand.named = j, true
			}
		}
		if cand.row < 0 && about && q.purpose {
			// "why were llms built": the row of what each is for.
			if j := slices.Index(t.purposeRow, true); j >= 0 {
				cand.row, cand.named = j, true
			}
		}
		if cand.row < 0 {
			cand.row = ix.rowByCells(q, ti, units, about)
			// "can llms make pictures", "which one mostly handles text":
			// a question of making, or of reach, that finds the row of
			// reach by its cells asks that reach.
			cand.named = cand.row >= 0 && (q.asksAbility || extent >= 0) && t.extentRow[cand.row]
		}
		if cand.row < 0 && about && cand.rank == 0 && !q.whole && !q.tableNamed {
			// The table's own section answers first, and no word tells
			// the row: the row whose cells hold most of the question
			// ("can a person checking fraud take days" is the Speed row,
			// "Takes minutes, hours or even days per case").
			cand.row = rowByWords(q, t)
		}
		if cand.row < 0 && about && cand.rank == 0 && !q.whole && !q.tableNamed {
			// Nor does any word the articles hold: the row whose cells
			// hold a relative of a word they lack ("are the typos in ai
			// scams better" is Spelling, "spelling and grammar mistakes").
			cand.row = ix.rowByRelative(q, t)
		}
		if cand.row < 0 && about && sortsThings(q.words) {
			// "which products go on which side": the things sorted between
			// the subjects are their examples.
			if j := slices.Index(t.exampleRow, true); j >= 0 {
				cand.row, cand.named = j, true
			}
		}
		if cand.row < 0 && cand.subjects > 0 && q.output {
			// "does low temperature give the same answer every time": the
			// row of what each gives out, unless a cell names what is asked
			// ("for code").
			if j := slices.Index(t.outputRow, true); j >= 0 {
				cand.row, cand.named = j, true
			}
		}
		if cand.row < 0 && extent >= 0 {
			cand.row, cand.named = extent, true
		}
		if cand.row < 0 && about && (differ || cand.subjects >= 2) && !q.whole && !q.tableNamed {
			// "which is cheaper, an ai tutor or a human one": the
			// feature the comparative is defined by.
			if j := ix.rowOfComparative(q, t); j >= 0 {
				cand.row, cand.named = j, true
			}
		}
		if cand.row < 0 && (!differ || (cand.subjects == 0 && cand.rank != 0)) {
			continue
		}
		if cand.row < 0 && t.section >= 0 && !q.formOnly() && !ix.comparesHere(q, t.section) {
			continue // "how is genai different from ai that just analyzes data": not this table's difference
		}
		if best == nil || better(cand.subjects, cand.rank, best.subjects, best.rank) {
			best = &cand
		}
	}
	switch {
	case best == nil:
		return nil, nil, false
	case q.whole && (!best.named || !sideBySide(q.words)), best.several:
		// "all the differences"; "compare them on scope, tech, examples":
		// more than one row is asked, so all of them are shown. Asking for
		// all of them ("a full comparison") asks the table though a
		// feature's word is said in passing ("training-data-only
		// answers"); "the cost side by side" asks that row.
		return nil, ix.tables[best.t].c, true
	case best.row >= 0:
		c := ix.tables[best.t].c
		return &RowMatch{Comparison: c, Row: c.Rows[best.row]}, nil, ix.leads(q, best, ranked)
	default:
		return nil, ix.tables[best.t].c, true
	}
}

// soleTable is the one table of article a, or -1 if it has none or more.
func (ix *Index) soleTable(a int) int {
	found := -1
	for ti, t := range ix.tables {
		if t.article != a {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = ti
	}
	return found
}

// tableAsked is what a question asks of one table.
type tableAsked struct {
	t        int
	subjects int  // how many compared subjects the question names
	rank     int  // rank of the table's section among the hits
	row      int  // -1: none
	named    bool // the question names the row's feature
	several  bool // the question names more than one row's feature
	asked    bool // the row's feature is what the question asks
	byName   bool // the row holds a name the question asks of (see rowByName)
}

// leads decides whether the section of a row's table leads the answer. It
// must hold at least as much of the question as the best section does,
// and more when the question names no feature (the row was found by its
// cells); over a best section of the kind asked, clearly more, unless the
// question asks a difference or the feature itself. Holding is counted in
// the section's own words, except against a section of the kind asked,
// which answers for the names it does not repeat ("how does chatgpt come
// up with its answers" is answered by how LLMs work).
func (ix *Index) leads(q *question, a *tableAsked, ranked []hit) bool {
	if len(ranked) == 0 || a.rank >= len(ranked) {
		return false
	}
	top := ranked[0]
	// A row that holds the name asked of is judged by the words each
	// section holds itself: the kind asked does not stand for a name.
	strict := !top.suits || a.byName
	mine, best := ix.cover(q, ranked[a.rank].section, strict), ix.cover(q, top.section, strict)
	// A row of the question's kind leads when no section of that kind
	// does: one whose feature is of a kind, or gives examples; not one its
	// cells found ("waves, storm surge and the flooding problem" is asked
	// of its own section, though a row says "storm surge").
	t := &ix.tables[a.t]
	kindRow := !a.named && !top.suits && q.kind != kindNone && q.kind != kindDefine &&
		(t.featureKinds[a.row] != kindNone || t.exampleRow[a.row])
	margin := 0.0
	if top.suits {
		margin = leadMargin
	}
	enough := q.kind == kindDiffer || a.asked || (a.named || kindRow) && margin == 0
	// A difference asked of a named subject, or of "each one" or "which
	// one", and a feature is the table's ("which technology do llms use"),
	// whatever else the question's verbs match. Not when one subject of
	// several is named and the row was found by how far each reaches, no
	// word of its feature said: that asks of the subject, and the row
	// leads only if its section holds as much of the question as the best
	// does ("do llms only handle text" is the table's Scope; "does
	// generative ai only analyse data or does it make brand new things" is
	// What Is Generative AI, which holds more of it).
	oneReach := a.subjects == 1 && len(t.keys) > 1 && t.extentRow[a.row] && !t.featureNamed(a.row, q.hasOwnTerm)
	outright := q.kind == kindDiffer && a.named && (a.subjects > 0 || whichOne(q.words)) && !oneReach ||
		a.named && a.subjects == len(t.keys) // "examples of gen ai tools and of llms": the row itself
	if !a.named && !kindRow && q.kind != kindDiffer && a.subjects == 0 {
		// A row found by its cells joins a question that neither asks a
		// difference nor names what is compared ("does chatgpt predict
		// words" is how LLMs work).
		return false
	}
	// A row whose feature is what is asked ("the risks" of a low
	// temperature) is the answer unless a section holds clearly more.
	// So is the row of risks when a concern is asked without naming it
	// ("any downside to keeping temperature at 0").
	asked := a.asked || kindRow && q.kind == kindConcerns
	return outright || enough && mine >= best || asked && mine+coverageLead > best || mine > best+margin
}

// rowByFeature is the row whose feature the question names ("scope",
// "the goals": a synonym counts; the table's section then leads the
// answer), or whose feature is a word of the question's own kind
// ("applications" for "what are llms used for", "risk" for "what goes
// wrong") or "examples" when examples are asked for: such a row joins an
// answer that a section of that kind leads. -1 if none.
func (ix *Index) rowByFeature(q *question, t table) (row int, named bool) {
	// A feature's words may be words of asking the question drops, said of
	// its subject and not to the bot ("will autocomplete explain its code"
	// names "Explains its code"; "give me the table" names no "Examples
	// given").
	said := map[string]bool{}
	for i, w := range q.words {
		if i > 0 && stopWords[w] && !stopWords[q.words[i-1]] {
			said[ix.stem.stem(w)] = true
		}
	}
	// A feature is named by a word of the question or its synonym; by a
	// looser relative only when a difference is asked ("the goal of each"
	// is the Purpose row), as the coverage counts it: "how does an llm
	// decide the next word" asks no purpose, though "decide" is akin to
	// "purpose".
	relatives := q.kind == kindDiffer
	has := func(term string) bool {
		return slices.ContainsFunc(q.terms, func(qt qterm) bool {
			if qt.term == term {
				return true
			}
			if t.subjectWord(qt.term) {
				// A compared subject's word names that subject, by
				// its relatives no feature: "fixed" of "Fixed-time
				// traffic lights" is no "Upkeep".
				return false
			}
			return slices.Contains(qt.syn, term) || relatives && slices.Contains(qt.rel, term)
		}) || said[term] || q.derives(term)
	}
	// A comparative that gives the question its form names what is
	// compared before any other word names a feature: "which is faster,
	// answering from training or live search" asks the speed, not where
	// answers come from.
	for _, qt := range q.terms {
		if !qt.cue || ix.comparativeOf(qt.word) == "" {
			continue
		}
		if j := t.firstWith(func(term string) bool { return term == qt.term || slices.Contains(qt.also, term) }); j >= 0 {
			return j, true
		}
	}
	if len(q.measured) > 0 {
		// "how big do neural networks get compared to a brain": the
		// measure's noun (size) names the feature.
		if j := t.firstWith(func(term string) bool { return slices.Contains(q.measured, term) }); j >= 0 {
			return j, true
		}
	}
	if j := t.rowByWhWord(q); j >= 0 {
		// The question word a feature opens with tells it before its
		// other words: "where can you use each one" is Where it works,
		// not Who uses it.
		return j, true
	}
	if j := t.firstNamed(has); j >= 0 {
		return j, true
	}
	if j := ix.rowByHowVerb(q, t); j >= 0 {
		return j, true
	}
	for j := range t.c.Rows {
		switch k := t.featureKinds[j]; {
		case k != kindNone && k != kindDefine && (q.cues[k] || k == kindConcerns && q.kind == kindConcerns):
			// a concern asked without its word ("make stuff up") asks the row of risks too
			return j, false
		case q.examples && t.exampleRow[j]:
			return j, false
		}
	}
	return -1, false
}

// tellingFeature reports whether a telling word of q (one a definition
// could be asked of) names a feature of t.
func (ix *Index) tellingFeature(q *question, t table) bool {
	return t.firstNamed(func(term string) bool {
		return slices.ContainsFunc(q.terms, func(qt qterm) bool { return qt.term == term && qt.weight >= minFocusWeight })
	}) >= 0
}

// featuresNamed counts the rows of t whose feature the question names by
// its own word (not a relative: "technology" would name Technology and,
// by its relative "application", Applications).
func (ix *Index) featuresNamed(q *question, t table) int {
	n := 0
	for j := range t.features {
		if t.featureNamed(j, q.hasOwnTerm) {
			n++
		}
	}
	return n
}

// featureNamed reports whether the feature of row j is named by the terms
// has reports: all its telling words when it has several, else any of
// its words.
func (t *table) featureNamed(j int, has func(string) bool) bool {
	if t.saysComplement(j, has) {
		return true // "the paid databases my school subscribes to" names Access to paid databases
	}
	if tell := t.telling[j]; len(t.features[j]) > 1 && len(tell) > 0 {
		return !slices.ContainsFunc(tell, func(term string) bool { return !has(term) })
	}
	return slices.ContainsFunc(t.features[j], has)
}

// firstWith is the first row whose feature holds a term that has
// reports, or -1: the attribute a comparative or a measure names ("size"
// of "bigger") is one word of the feature ("Size of answer").
func (t *table) firstWith(has func(string) bool) int {
	return slices.IndexFunc(t.features, func(f []string) bool { return slices.ContainsFunc(f, has) })
}

// firstNamed is the first row whose feature the terms has reports name
// (see featureNamed), or -1.
func (t *table) firstNamed(has func(string) bool) int {
	for j := range t.features {
		if t.featureNamed(j, has) {
			return j
		}
	}
	return -1
}

// featureHead is the noun a feature of several words is: the last noun
// before its first stop word, its base form ("cost" of "Cost to run",
// "hardware" of "Hardware needed", "style" of "Session Style"); nil when
// there is none.
func (ix *Index) featureHead(feature string) []string {
	ws := words(feature)
	if i := slices.IndexFunc(ws, func(w string) bool { return stopWords[w] }); i >= 0 {
		ws = ws[:i]
	}
	for i := len(ws) - 1; i >= 0; i-- {
		if pos, _ := ix.partsOfSpeech(ws[i]); strings.Contains(pos, "n") && !ix.inflected(ws[i]) {
			return []string{ix.lemma(ws[i])}
		}
	}
	return nil
}

// lemmas are the base forms of a phrase's words.
func lemmas(ix *Index, phrase string) []string {
	ws := words(phrase)
	for i, w := range ws {
		ws[i] = ix.lemma(w)
	}
	return ws
}

// featureKind is the kind of question a feature's words answer. A
// feature of one word may be a use phrase's first ("Best" is "best for");
// "Energy use" is the energy used, no question of uses.
func (ix *Index) featureKind(ws []string) kind {
	if len(ws) == 1 && usesPhrase(append(ws, "for")) || usesPhrase(ws) {
		return kindUses
	}
	if len(ws) > 1 && ws[0] == "how" && slices.ContainsFunc(ws[1:], ix.mechanismVerb) {
		return kindMechanism // "How it works", as a heading of that form is
	}
	for _, w := range ws {
		if k := ix.cueKind(w); k != kindNone {
			return k
		}
	}
	return kindNone
}

// namesHeading reports whether q names the topic of the heading of t's
// section, the articles' subjects apart: "ai" is in every heading's subject
// as it is in every question about AI.
func (ix *Index) namesHeading(q *question, t table) bool {
	return t.section >= 0 && slices.ContainsFunc(ix.kinds[t.section].subject, func(term string) bool {
		return !ix.anchors[term] && q.hasTerm(term)
	})
}

// namesOtherTopic reports whether q names the topic of another heading of
// the articles and nothing t compares: "why not use the biggest window" asks
// of context windows, not of the temperatures a table compares.
func (ix *Index) namesOtherTopic(q *question, t table) bool {
	var own []string
	if t.section >= 0 {
		own = ix.kinds[t.section].subject
	}
	return slices.ContainsFunc(q.terms, func(qt qterm) bool {
		return !qt.cue && ix.headingTerms[qt.term] && !ix.anchors[qt.term] && !slices.Contains(own, qt.term)
	})
}

// rowByCells is the row of table ti that the question finds by its cells:
// a row holding a question word that no other row of the table holds.
// When the question is about the table (about), any telling word will do;
// otherwise the word must say something and the row's unit score near the
// best unit. -1 when there is none.
func (ix *Index) rowByCells(q *question, ti int, units []unitHit, about bool) int {
	t := ix.tables[ti]
	minWeight := rowCellWeight
	if about && (q.kind == kindNone || q.kind == kindDiffer || q.kind == kindDefine || q.asksAbility) {
		minWeight = rowCellAboutWeight
	}
	// near holds the rows whose units score near the best unit. About the
	// table, a word that says something finds its row wherever the row
	// ranks ("if i wanna make a video which one do i need"); a vague one
	// ("main", in "mainly") only a row that the search found too.
	ratio := rowCellRatio
	if about {
		ratio = rowCellAboutRatio
	}
	near := map[int]bool{}
	for _, u := range units {
		if un := ix.units[u.unit]; un.kind == rowUnit && un.table == ti && u.score >= ratio*units[0].score {
			near[un.row] = true
		}
	}
	// The words that may find a row: not those of the question's form,
	// but a comparative that gives it ("quicker" in "which is quicker"
	// says what is compared: speed).
	finders := slices.DeleteFunc(slices.Clone(q.terms), func(qt qterm) bool { return qt.cue && ix.comparativeOf(qt.word) == "" })
	// A question that needs an amount ("how many neurons does the brain
	// have") is answered by a row that gives one: a word that other rows
	// hold too finds the one of them whose cells hold a number.
	amounts := anyRow
	if q.need == needNumber || q.need == needCapacity {
		// How long or how often is answered by a time, which words
		// give as well as numbers ("Refreshed every hour or so").
		long := asksHowLong(q.words)
		amounts = func(r int) bool { return t.numbered[r] || long && t.timedRow[r] }
	}
	row, best := -1, 0.0
	for r := range t.c.Rows {
		// The row whose telling word weighs most; a synonym counts for
		// less, a looser relation not at all.
		for _, qt := range finders {
			// A word every cell of one row shares finds it however common:
			// "what kind of network do llms use" is the row of what they use.
			if minWeight == rowCellAboutWeight && q.asksKindOf && everyCell(t, r, qt.term) && onlyRowOf(t, r, qt.term, anyRow) {
				if kindOf(q.words, qt.word) {
					return r // "the same kind of model as chatgpt": the kind of model is asked
				}
				if best == 0 {
					row, best = r, minWeight
				}
			}
			if !near[r] && !(about && qt.weight >= minFocusWeight) {
				continue
			}
			for _, c := range []struct {
				terms []string
				w     float64
			}{{[]string{qt.term}, qt.weight}, {ix.cellSynonyms(t, qt), qt.weight * synonymKnown}} {
				for _, cand := range c.terms {
					if c.w >= minWeight && c.w > best && slices.Contains(t.cells[r], cand) && onlyRowOf(t, r, cand, amounts) {
						row, best = r, c.w
					}
				}
			}
		}
	}
	if row < 0 {
		row = ix.rowOnTop(q, ti, units)
	}
	return row
}

// subjectWord reports whether term is one of a compared subject's own
// terms ("balanced" of "Balanced Data").
func (t *table) subjectWord(term string) bool {
	return slices.ContainsFunc(t.subjects, func(sub []string) bool { return slices.Contains(sub, term) })
}

// cellSynonyms are the synonyms of qt that may find a row of t by its
// cells: none when qt names a compared subject, whose words name no row
// ("balanced" of "Balanced Data" is no "equally" treated).
func (ix *Index) cellSynonyms(t table, qt qterm) []string {
	if t.subjectWord(qt.term) {
		return nil
	}
	return qt.syn
}

// rowOnTop is the row of table ti whose unit the search ranked first of
// all units, well over any other row of the table, and whose cells hold
// two or more of the question's words: together they find it, though none
// alone is telling ("which one can make many different pictures" is "Lots
// of different pictures"; "how do llms work" is no row that "works
// with" images); -1 if none.
func (ix *Index) rowOnTop(q *question, ti int, units []unitHit) int {
	if len(units) == 0 {
		return -1
	}
	top := ix.units[units[0].unit]
	if top.kind != rowUnit || top.table != ti {
		return -1
	}
	held := 0
	for _, qt := range q.terms {
		// Counted in the whole cells, the compared subjects' words too:
		// the row's unit leads the search already, so "artificial" in
		// "Artificial neuron: a simple calculation" is what it says.
		if slices.ContainsFunc(ix.tables[ti].values[top.row], func(v []string) bool { return slices.Contains(v, qt.term) }) {
			held++
		}
	}
	if held < 2 {
		return -1
	}
	for _, u := range units[1:] {
		if un := ix.units[u.unit]; un.kind == rowUnit && un.table == ti && un.row != top.row {
			if units[0].score < rowTopLead*u.score {
				return -1
			}
			break
		}
	}
	return top.row
}

// rowByName is the one row whose cells hold a name the question asks of
// (a rare word of the articles, "gans", "runwayml"); -1 if none or several.
func (ix *Index) rowByName(q *question, t table) int {
	row := -1
	for _, qt := range q.terms {
		if qt.cue || !qt.rareKnown() || slices.Contains(t.keys, qt.term) {
			continue
		}
		for r, cells := range t.cells {
			if !slices.Contains(cells, qt.term) || !onlyRowOf(t, r, qt.term, anyRow) {
				continue
			}
			if row >= 0 && row != r {
				return -1
			}
			row = r
		}
	}
	return row
}

// sortsThings reports a question that sorts named things between two:
// "which products go on which side", not "which is better and which worse".
func sortsThings(ws []string) bool {
	i := slices.Index(ws, "which")
	return sorts(ws) && i+1 < len(ws) && !stopWords[ws[i+1]]
}

// kindOf reports whether w is the thing sorted in "kind of w", "types of w".
func kindOf(ws []string, w string) bool {
	for i := 2; i < len(ws); i++ {
		if ws[i] == w && ws[i-1] == "of" && slices.Contains(categoryWords, ws[i-2]) {
			return true
		}
	}
	return false
}

// everyCell reports whether term stands in every cell of row r: a row
// whose cells all say "uses ..." is what the subjects use.
func everyCell(t table, r int, term string) bool {
	vals := t.values[r]
	if len(vals) < 2 {
		return false
	}
	for _, v := range vals {
		if !slices.Contains(v, term) {
			return false
		}
	}
	return true
}

// anyRow takes every row of a table: onlyRowOf(t, r, term, anyRow)
// reports whether term stands in row r's cells and in no other row's.
func anyRow(int) bool { return true }

// onlyRowOf reports whether row r is one of the rows that among holds, and
// the only one of them whose cells hold term.
func onlyRowOf(t table, r int, term string, among func(int) bool) bool {
	if !among(r) {
		return false
	}
	for i, cells := range t.cells {
		if i != r && among(i) && slices.Contains(cells, term) {
			return false
		}
	}
	return true
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

// place names the answer's comparison, row or table, by its article and
// its position there, as a reply's buttons name it.
func (ix *Index) place(a *Answer) {
	for _, art := range ix.articles {
		for i := range art.Comparisons {
			c := &art.Comparisons[i]
			if a.Row != nil && a.Row.Comparison == c {
				a.Row.ArticleID, a.Row.Position = art.Path, i
			}
			if a.Table == c {
				a.TableArticleID, a.TablePosition = art.Path, i
			}
		}
	}
}

// nounSuffixes make a noun of a word: "ownership" of "own" (by "owner"),
// "payment" of "pay", "user" of "use", "driver" of "drive".
var nounSuffixes = []string{"ship", "ership", "ness", "ment", "ity", "tion", "ation", "ance", "ence", "er", "or"}

// derives reports whether term is a noun made of one of the question's
// words by a suffix: "who owns the song" names the feature Ownership,
// "who uses them" Typical user.
func (q *question) derives(term string) bool {
	return slices.ContainsFunc(q.terms, func(qt qterm) bool {
		rest, ok := strings.CutPrefix(term, qt.term)
		if strings.HasSuffix(qt.term, "e") && rest == "r" {
			rest = "er" // "use" and "user": the e is the suffix's
		}
		return ok && len(qt.term) >= minPartRunes && slices.Contains(nounSuffixes, rest)
	})
}

// headNoun is the stem of the noun that ends a phrase of adjectives and
// that noun ("Typical user", "Original purpose"): the thing the phrase
// names, which its adjectives only narrow. "" for any other phrase.
func (ix *Index) headNoun(ws []string) string {
	if len(ws) < 2 {
		return ""
	}
	for i, w := range ws {
		word, ok := ix.lex.Lookup(w)
		if !ok || i < len(ws)-1 && !strings.Contains(word.POS, "a") || i == len(ws)-1 && !strings.Contains(word.POS, "n") {
			return ""
		}
	}
	return ix.stem.stem(ws[len(ws)-1])
}

// rowOfComparative is the row of t whose feature, a single word, is most
// closely tied to a comparative of the question: named by its definition,
// itself or by a synonym, or kin to one of its synonyms. "Which is
// cheaper" asks the Cost, cheap being "low in price" and a price a cost;
// "which one is quicker" the Speed, quick being "fast" and fast speed. -1
// if none, or two rows tied as closely: a last resort for a difference
// asked without naming its feature. The compared subjects' own words, and
// a word the table's section says (which finds a row by its cells if any
// does), define nothing.
func (ix *Index) rowOfComparative(q *question, t table) int {
	var defs [][]string // the definitions of the question's comparatives
	var syns [][]string // and their synonyms
	for _, qt := range q.terms {
		w := ix.comparativeOf(qt.word)
		if w == "" || ix.anchors[qt.term] || ix.topics[qt.term] != nil ||
			t.subjectWord(qt.term) ||
			t.section >= 0 && ix.knows(t.section, qt.term) {
			continue
		}
		defs = append(defs, ix.lex.Defining(w))
		syn, _ := ix.lex.Related(w)
		syns = append(syns, syn)
	}
	if len(defs) == 0 {
		return -1
	}
	// How closely a feature is tied to a comparative, closest first: the
	// comparative's definition names the feature; a synonym of the
	// comparative is the feature's kin (quick: "fast", and fast is speed);
	// its definition names a synonym of the feature (cheap: "low in
	// price", and a price is a cost). The closest tie wins, over a looser
	// one by chance (quick's definition has "body", a synonym of
	// consistency); two rows tied as closely are no answer.
	row, best, tied := -1, 0, false
	for j, r := range t.c.Rows {
		fs := slices.DeleteFunc(lemmas(ix, r.Feature), func(w string) bool { return stopWords[w] })
		if len(fs) > 1 {
			fs = ix.featureHead(r.Feature)
		}
		if len(fs) != 1 {
			continue
		}
		fsyn, fothers := ix.lex.Related(fs[0])
		kin := func(s string) bool { return slices.Contains(fsyn, s) || slices.Contains(fothers, s) }
		for k, def := range defs {
			tie := 0
			switch {
			case slices.Contains(def, fs[0]):
				tie = 3
			case slices.ContainsFunc(syns[k], kin):
				tie = 2
			case slices.ContainsFunc(fsyn, func(s string) bool { return slices.Contains(def, s) }):
				tie = 1
			}
			switch {
			case tie > best:
				row, best, tied = j, tie, false
			case tie == best && tie > 0 && j != row:
				tied = true
			}
		}
	}
	if tied {
		return -1
	}
	return row
}

// periodCounters, before a period, count it as numbers do: "an hour",
// "per day", "every week".
var periodCounters = []string{"a", "an", "per", "every", "each"}

// givesTime reports a cell that gives a length of time: a noun the
// lexicon relates to a period, or to time but not as an instance of
// something, counted ("minutes", "an hour", "every hour", "10 days").
// "Any time", "a few times" and "examples" give none.
func (ix *Index) givesTime(cell string) bool {
	ws := words(cell)
	for i, w := range ws {
		l := ix.lemma(w)
		lw := []string{l}
		if l == "time" || !ix.namesConcept(lw, "period") && (!ix.namesConcept(lw, "time") || ix.namesConcept(lw, "instance")) {
			continue // "examples" are instances, as "times" can be
		}
		if l != w || i > 0 && (slices.Contains(periodCounters, ws[i-1]) || isNumber(ws[i-1])) {
			return true
		}
	}
	return false
}

// rowByWords is the row of t whose cells hold more of the question's
// words than any other row's cells, two at least, common words too; -1 if
// none.
func rowByWords(q *question, t table) int {
	row, best, tie := -1, 1, false
	for r, cells := range t.cells {
		n := 0
		for _, qt := range q.terms {
			if !qt.cue && slices.Contains(cells, qt.term) {
				n++
			}
		}
		switch {
		case n > best:
			row, best, tie = r, n, false
		case n == best:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return row
}

// rowByHowVerb is the row whose feature asks how its subject does
// something ("How to get one", "How it decides") when the question asks
// how, of that verb: "how do ppl actually get hold of tpus"; -1 if none
// or several.
func (ix *Index) rowByHowVerb(q *question, t table) int {
	hows := slices.Index(q.words, "how")
	if hows < 0 {
		return -1
	}
	return onlyRow(t.howVerbs, func(verb string) bool {
		return slices.ContainsFunc(q.words[hows+1:], func(w string) bool { return ix.lemma(w) == verb })
	})
}

// rowByWhWord is the one row whose feature opens with a question word
// the question says ("where can you use each one" is Where it works, "when
// do tide tables go wrong" When it fails); -1 if none or several.
func (t *table) rowByWhWord(q *question) int {
	return onlyRow(t.whWords, func(w string) bool { return slices.Contains(q.words, w) })
}

// onlyRow is the one row whose mark (a feature's verb or question word,
// "" for none) asked accepts; -1 if none or several.
func onlyRow(marks []string, asked func(string) bool) int {
	row := -1
	for j, m := range marks {
		if m == "" || !asked(m) {
			continue
		}
		if row >= 0 {
			return -1
		}
		row = j
	}
	return row
}

// whWord is the question word a feature of several words opens with, of
// those that ask a place, a time or a person: "where" of "Where it works";
// "" for any other. "How" asks too much to name a feature alone (see
// rowByHowVerb).
func whWord(fw []string) string {
	if len(fw) > 1 && slices.Contains([]string{"where", "when", "who"}, fw[0]) {
		return fw[0]
	}
	return ""
}

// howVerb is the base form of the verb of a feature that asks how its
// subject does something: "get" of "How to get one", "decide" of "How it
// decides"; "" for any other feature. fw are the feature's words.
func (ix *Index) howVerb(fw []string) string {
	if len(fw) < 2 || fw[0] != "how" {
		return ""
	}
	for _, w := range fw[1:] {
		if pos, _ := ix.partsOfSpeech(w); strings.Contains(pos, "v") {
			return ix.lemma(w)
		}
	}
	return ""
}

// rowByRelative is the one row of t whose cells hold a word the lexicon
// relates to a telling word of the question that the articles lack, and
// lack a synonym of too ("typos" of "spelling and grammar mistakes"): a
// synonym would have found its row by the cells (see rowByCells); -1 if
// none or several.
func (ix *Index) rowByRelative(q *question, t table) int {
	row := -1
	for _, qt := range q.terms {
		if qt.cue || qt.weight < minFocusWeight || qt.known >= synonymKnown || t.subjectWord(qt.term) {
			continue
		}
		for _, rel := range qt.rel {
			if t.subjectWord(rel) {
				continue
			}
			for r, cells := range t.cells {
				if !slices.Contains(cells, rel) || !onlyRowOf(t, r, rel, anyRow) {
					continue
				}
				if row >= 0 && row != r {
					return -1
				}
				row = r
			}
		}
	}
	return row
}

// expansions are, per subject of an article's table written as initials,
// the terms of the words the article spells it out with, as abbreviate
// reads a term's initials ("graphics processing unit" of "GPU"), that no
// other subject's spelling holds.
func (ix *Index) expansions(a int, subjects []string) [][]string {
	spelt := make([][]string, len(subjects))
	of := map[string]int{} // initials, in lower case, to the subject written so
	for i, sub := range subjects {
		if acronym(sub) {
			of[singular(sub)] = i
		}
	}
	if len(of) == 0 {
		return spelt
	}
	parts := map[string]termPart{}
	for _, sec := range ix.articles[a].Sections {
		for _, text := range sentenceEnd.Split(sec.Text(), -1) {
			ix.termsIn(words(text), parts, func(initials string, term []string) {
				if i, ok := of[initials]; ok && spelt[i] == nil {
					spelt[i] = ix.terms(strings.Join(term, " "))
				}
			})
		}
	}
	distinct := make([][]string, len(spelt))
	for i, terms := range spelt {
		for _, term := range terms {
			shared := false
			for j, other := range spelt {
				shared = shared || j != i && slices.Contains(other, term)
			}
			if !shared {
				distinct[i] = append(distinct[i], term) // "graphic", not the "unit" of both
			}
		}
	}
	return distinct
}
