package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/knowledge"
)

// evalCase is one question of an evaluation set, with what a right answer
// holds.
type evalCase struct {
	Question string `json:"question"`
	// Corpus is "builtin" (the built-in article alone) or "notes" (the
	// article and the teacher's note in testdata/notes).
	Corpus string `json:"corpus"`
	// Headings are the sections that are a right first answer; none means
	// the question must get "not covered".
	Headings []string `json:"headings"`
	// Row is the comparison row the answer must show ("A|B": either), if
	// any; noRow when it must show none.
	Row string `json:"row"`
	// Table is whether the answer must show the whole comparison.
	Table bool `json:"table"`
	line  int
}

// noRow as an evalCase's Row: no row may be shown.
const noRow = "none"

// score counts how an engine did on a set of questions.
type score struct {
	answerable, right       int
	notAnswered             int // answerable questions declined
	wrongFirst              int // answerable questions answered by a wrong section first
	uncovered, declined     int
	rowsWanted, rowsRight   int
	tablesWanted, tablesGot int
	extraRows, extraTables  int
	misses                  []string
	// hidden keeps report from logging the misses' texts.
	hidden bool
}

func (s score) String() string {
	return fmt.Sprintf("right first section %d/%d (%.0f%%, %d declined); rows %d/%d; tables %d/%d; off-topic declined %d/%d (%.0f%%); all right %d/%d (%.1f%%); unasked rows %d, unasked tables %d",
		s.right, s.answerable, pct(s.right, s.answerable), s.notAnswered, s.rowsRight, s.rowsWanted, s.tablesGot, s.tablesWanted,
		s.declined, s.uncovered, pct(s.declined, s.uncovered), s.allRight(), s.total(), pct(s.allRight(), s.total()), s.extraRows, s.extraTables)
}

// missKinds counts the misses by kind. A question may miss in two ways
// (a wrong first section and its row), so the kinds may sum to more than
// the misses.
func (s score) missKinds() string {
	return fmt.Sprintf("%d wrong first sections, %d answerable declined, %d off-topic answered, %d rows missed, %d tables missed",
		s.wrongFirst, s.notAnswered, s.uncovered-s.declined, s.rowsWanted-s.rowsRight, s.tablesWanted-s.tablesGot)
}

// merge adds o's counts to s; the misses' texts stay s's own, their
// number grows by o's.
func (s *score) merge(o score) {
	s.answerable += o.answerable
	s.right += o.right
	s.notAnswered += o.notAnswered
	s.wrongFirst += o.wrongFirst
	s.uncovered += o.uncovered
	s.declined += o.declined
	s.rowsWanted += o.rowsWanted
	s.rowsRight += o.rowsRight
	s.tablesWanted += o.tablesWanted
	s.tablesGot += o.tablesGot
	s.extraRows += o.extraRows
	s.extraTables += o.extraTables
	s.misses = append(s.misses, make([]string, len(o.misses))...)
}

func (s score) total() int    { return s.answerable + s.uncovered }
func (s score) allRight() int { return s.total() - len(s.misses) }

func pct(n, d int) float64 {
	if d == 0 {
		return 100
	}
	return 100 * float64(n) / float64(d)
}

// evaluate asks every case of its corpus and scores the answers.
func evaluate(t *testing.T, cases []evalCase) score {
	t.Helper()
	indexes := newCorpora(t)
	var s score
	for _, c := range cases {
		ix := indexes.get(t, c.Corpus)
		a := ix.Ask(context.Background(), c.Question)
		checkExcerpts(t, a)
		if miss := s.add(c, a); miss != "" {
			q := ix.parse(c.Question)
			s.misses = append(s.misses, fmt.Sprintf("line %d %q: %s [kind %s, confidence %.2f]", c.line, c.Question, miss, q.kind, a.Confidence))
		}
	}
	return s
}

// corpora are the indexes questions are asked of, by corpus name:
// "builtin", "notes" (testdata/notes), or another teacher's note NAME
// (testdata/notes-NAME), each beside the built-in article.
type corpora map[string]*Index

func newCorpora(t *testing.T) corpora {
	return corpora{"builtin": builtinIndex(t), "notes": notesIndex(t)}
}

func (c corpora) get(t *testing.T, name string) *Index {
	t.Helper()
	if ix := c[name]; ix != nil {
		return ix
	}
	ix := noteIndex(t, "notes-"+name)
	c[name] = ix
	return ix
}

// add scores one answer and says what is wrong with it, or "".
func (s *score) add(c evalCase, a Answer) string {
	if len(c.Headings) == 0 {
		s.uncovered++
		if !a.Answered {
			s.declined++
			if len(a.Related) == 0 {
				return "not covered but no topics suggested"
			}
			return ""
		}
		return fmt.Sprintf("answered %q, want not covered", a.Hits[0].Heading)
	}
	s.answerable++
	if c.Row != "" && c.Row != noRow {
		s.rowsWanted++
	}
	if c.Table {
		s.tablesWanted++
	}
	if !a.Answered {
		s.notAnswered++
		return fmt.Sprintf("not answered, want %q", c.Headings)
	}
	var miss []string
	if !headingIn(a.Hits[0].Heading, c.Headings) {
		miss = append(miss, fmt.Sprintf("first %q, want %q", a.Hits[0].Heading, c.Headings))
		s.wrongFirst++
	} else {
		s.right++
	}
	switch {
	case c.Row == noRow:
		if a.Row != nil {
			miss = append(miss, fmt.Sprintf("row %s, want none", rowName(a.Row)))
		}
	case c.Row != "" && a.Row != nil && headingIn(a.Row.Row.Feature, strings.Split(c.Row, "|")):
		s.rowsRight++
	case c.Row != "":
		miss = append(miss, fmt.Sprintf("row %s, want %s", rowName(a.Row), c.Row))
	case a.Row != nil:
		s.extraRows++
	}
	switch {
	case c.Table && a.Table != nil:
		s.tablesGot++
	case c.Table:
		miss = append(miss, "no table, want the table")
	case a.Table != nil:
		s.extraTables++
	}
	return strings.Join(miss, "; ")
}

func rowName(r *RowMatch) string {
	if r == nil {
		return "none"
	}
	return r.Row.Feature
}

// headingIn reports whether got is one of want, ignoring case; a want may
// be a prefix of the heading ("Key Differences").
func headingIn(got string, want []string) bool {
	for _, w := range want {
		if strings.HasPrefix(strings.ToLower(got), strings.ToLower(strings.TrimSpace(w))) {
			return true
		}
	}
	return false
}

// readPublic reads the public check's TSV: question, acceptable heading
// prefixes ("|" = any; "-" = must not answer), required row or "-".
func readPublic(t testing.TB, path string) []evalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated columns, got %d", path, n, len(cols))
		}
		c := evalCase{line: n, Question: cols[0], Corpus: "builtin"}
		if cols[1] != "-" {
			c.Headings = strings.Split(cols[1], "|")
		}
		if cols[2] != "-" {
			c.Row = cols[2]
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readCases(t testing.TB, path string) []evalCase {
	t.Helper()
	var cases []evalCase
	readJSON(t, path, &cases)
	for i := range cases {
		cases[i].line = i + 2 // one case a line, after "["
	}
	return cases
}

// The evaluation sets and what each must reach.
//   - public.tsv: the public retrieval check, copied from ../shared/eval.
//   - answers.json: questions written from the article (and the teacher's
//     note) by people who never saw the code, before the engine ran them; never
//     edited to fit an answer, never tuned on.
//   - dev.json: a second such set, written the same way, that the engine's
//     principles were checked against while they were chosen.
func TestPublicEval(t *testing.T) {
	s := evaluate(t, readPublic(t, filepath.Join("testdata", "eval", "public.tsv")))
	report(t, "public", s, 0.95, 0.95, 0)
	if s.rowsRight < s.rowsWanted {
		t.Errorf("rows %d/%d: want every row", s.rowsRight, s.rowsWanted)
	}
}

// report logs every miss and fails when a share falls below its floor.
func report(t *testing.T, name string, s score, minFirst, minDeclined, minAll float64) {
	t.Helper()
	for _, m := range s.misses {
		if !s.hidden {
			t.Log("miss:", m)
		}
	}
	t.Logf("%s: %s", name, s)
	if pct(s.right, s.answerable) < 100*minFirst {
		t.Errorf("%s: %d of %d answerable questions put a right section first; want at least %.0f%%", name, s.right, s.answerable, 100*minFirst)
	}
	if pct(s.declined, s.uncovered) < 100*minDeclined {
		t.Errorf("%s: %d of %d off-topic questions declined; want at least %.0f%%", name, s.declined, s.uncovered, 100*minDeclined)
	}
	if pct(s.allRight(), s.total()) < 100*minAll {
		t.Errorf("%s: %d of %d questions answered right; want at least %.0f%%", name, s.allRight(), s.total(), 100*minAll)
	}
}

func builtinIndex(t testing.TB) *Index {
	t.Helper()
	return buildIndex(t, knowledge.Builtin())
}

// notesIndex is the built-in article with the teacher's note of testdata/notes.
func notesIndex(t testing.TB) *Index {
	t.Helper()
	return noteIndex(t, "notes")
}

// noteIndex is the built-in article with the notes of testdata/dir.
func noteIndex(t testing.TB, dir string) *Index {
	t.Helper()
	arts, err := knowledge.LoadDir(filepath.Join("testdata", dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) == 0 {
		t.Fatalf("no notes in testdata/%s", dir)
	}
	return buildIndex(t, append([]*knowledge.Article{knowledge.Builtin()}, arts...)...)
}

func buildIndex(t testing.TB, arts ...*knowledge.Article) *Index {
	t.Helper()
	ix, err := Build(context.Background(), testLogger(t), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// questionSets are the evaluation sets of testdata/eval besides the public
// check, in the order they were written, with the share of all right that
// each must keep (a margin under its figure) and whether its misses are
// hidden, so that no one tunes on them: only the totals of a hidden set are
// logged, as a held-out check's are. How each was spent is in the README.
var questionSets = []struct {
	name   string
	minAll float64
	hidden bool
}{
	{"answers", 0.95, false}, // written from the article before the engine ran it
	{"dev", 0.95, false},     // the principles were checked against it as they were chosen
	{"unseen", 0.93, false},
	{"fresh", 0.93, false},
	{"late", 0.93, false},     // read at once, as a dev set
	{"spent", 0.92, false},    // counted until the rules stopped gaining on it, then read
	{"sealed", 0.93, false},   // counted for two rounds of rules, then read
	{"vault", 0.86, false},    // asked to paraphrase more; counted twice, then read
	{"locked", 0.88, false},   // asked to paraphrase more; its totals seen for a round, then read
	{"closed", 0.87, false},   // asked to paraphrase more; its totals seen for a round, then read
	{"final", 0.88, true},     // a class's mix; counted after each round, no rule chosen on it
	{"ember", 0.90, true},     // a class's mix; counted three times, no rule chosen on it
	{"crest", 0.75, true},     // three students and a teacher, one avoiding the articles' words; as ember
	{"north", 0.75, false},    // learners, slang and everyday words; read at once, as a dev set
	{"south", 0.93, false},    // a whole class's mix; read at once, as a dev set
	{"ridge", 0.88, true},     // a class's mix, written last; counted three times at the end of its round
	{"pine", 0.85, true},      // a class's mix; held out from the start of its round
	{"delta", 0.68, true},     // four writers, one avoiding the articles' words; as pine
	{"east", 0.70, false},     // four writers, one avoiding the articles' words; read at once, as a dev set
	{"west", 0.84, false},     // a university class's mix; read at once, as a dev set
	{"prompts", 0.62, false},  // another teacher's note (testdata/notes-prompts) and its questions; read at once, as a dev set
	{"safety", 0.71, true},    // a third teacher's note (testdata/notes-safety) and its questions; held out, as pine
	{"work", 0.62, true},      // a fourth (testdata/notes-work), written after the rules for the second were chosen; held out
	{"images", 0.68, false},   // a fifth (testdata/notes-images), written with the fourth; read at once, as a dev set
	{"final2", 0.84, true},    // a class's mix, written near the end of its round; counted for its last engine and one rejected variant
	{"voice", 0.60, true},     // a sixth note (testdata/notes-voice), written and counted as final2
	{"code", 0.60, false},     // a seventh (testdata/notes-code), written after final2; read at once, as a dev set
	{"gamma", 0.86, true},     // a class's mix, written at the start of the seventh round; held out
	{"privacy", 0.70, true},   // an eighth note (testdata/notes-privacy), written with gamma; held out
	{"search", 0.64, false},   // a ninth note (testdata/notes-search), written mid-round and read at once, as a dev set
	{"science", 0.72, false},  // a tenth (testdata/notes-science), written and read with search
	{"neural", 0.74, false},   // a twelfth note (testdata/notes-neural), written late in the seventh round and read at once
	{"energy", 0.50, false},   // a thirteenth (testdata/notes-energy), written and read with neural
	{"omega", 0.82, true},     // a class's mix, written at the end of the seventh round; held out, counted once then, and after each change of the eighth
	{"translate", 0.70, true}, // an eleventh note (testdata/notes-translate), written with omega; held out, counted as omega
	{"sigma", 0.74, true},     // a class's mix, written at the start of the eighth round; held out
	{"detect", 0.67, true},    // a fourteenth note (testdata/notes-detect), written with sigma; held out
	{"agents", 0.62, true},    // a fifteenth (testdata/notes-agents), written with sigma; held out
	{"music", 0.64, false},    // a sixteenth note (testdata/notes-music), written mid-round; counted once, then read as a dev set
	{"fairness", 0.46, false}, // a seventeenth (testdata/notes-fairness), written and read with music
	{"robots", 0.67, false},   // a nineteenth note (testdata/notes-robots), written late in the round; counted once, then read
	{"study", 0.56, false},    // a twentieth (testdata/notes-study), written and read with robots
	{"tau", 0.72, true},       // a class's mix, written at the end of the eighth round; held out, counted after each of its last six changes
	{"video", 0.53, true},     // an eighteenth note (testdata/notes-video), written with tau; held out, counted as tau
	{"kappa", 0.86, true},     // a class's mix, written at the start of the ninth round; held out
	{"health", 0.70, false},   // a twenty-first note (testdata/notes-health), written with kappa; counted once, then read
	{"chips", 0.60, false},    // a twenty-second (testdata/notes-chips), written and read with health
	{"games", 0.68, true},     // a twenty-third (testdata/notes-games), written with kappa; held out
	{"feeds", 0.50, false},    // a twenty-fourth note (testdata/notes-feeds), written mid-round; counted once on 5ad3fe1, then read
	{"open", 0.62, false},     // a twenty-fifth (testdata/notes-open), written and read with feeds
	{"lambda", 0.80, true},    // a class's mix, written at the end of the ninth round; held out, counted once on fc22c19 and on the round's first engine
	{"sports", 0.60, true},    // a twenty-sixth note (testdata/notes-sports), written with lambda; held out, counted as lambda
	{"friends", 0.50, true},   // a twenty-seventh (testdata/notes-friends), written at the start of the tenth round; held out, counted on ab0b734 (56.9%) and 820b507 (56.9%)
	{"courts", 0.50, true},    // a twenty-eighth (testdata/notes-courts), written with friends; held out, counted as friends (56.9%, 58.3%)
	{"access", 0.55, false},   // a twenty-ninth (testdata/notes-access), written mid-round; counted once on cfe6f18 (61.1%), then read
	{"banks", 0.58, false},    // a thirtieth (testdata/notes-banks), written and read with access (65.3% at first count)
	{"mu", 0.72, true},        // a class's mix, written at the end of the tenth round (corpus set to notes, the article's ### headings to their section); held out, counted once on ab0b734 (76.7%) and on 4512928 (76.7%)
	{"space", 0.62, true},     // a thirty-first note (testdata/notes-space), written with mu; held out, counted as mu (66.7%, 68.1%)
	{"news", 0.65, true},      // a thirty-second (testdata/notes-news: AI in journalism), written at the start of the eleventh round; held out, counted first on 3bc305b and on 748e9bf (70.8% both)
	{"wild", 0.66, true},      // a thirty-third (testdata/notes-wild: AI in wildlife conservation), written with news; held out, counted first on 3bc305b and on 748e9bf (72.2% both)
	{"nu", 0.77, true},        // a class's mix (article and week-3 note), written late in the eleventh round; held out, counted first on b529855 and on 748e9bf (81.7% both; 79.2% on ab0b734)
	{"farm", 0.58, true},      // a thirty-fourth note (testdata/notes-farm: AI in farming and food), written with nu; held out, counted as nu (65.3% both; 59.7% on ab0b734)
	{"xi", 0.77, true},        // a class's mix (article and week-3 note), written at the start of the twelfth round; held out, counted first on d36e1a9 (77.5%)
	{"shop", 0.59, true},      // a thirty-fifth note (testdata/notes-shop: AI in shopping and retail), written with xi; held out, counted as xi (59.7%)
	{"omicron", 0.81, false},  // a class's mix (article and week-3 note), written mid-twelfth round; counted once on 6ac9cd5 (81.7%), then read as a dev set
	{"climate", 0.68, false},  // a thirty-sixth note (testdata/notes-climate: AI, weather and climate), written with omicron; counted once on 6ac9cd5 (68.1%), then read
	{"maps", 0.76, true},      // a thirty-seventh note (testdata/notes-maps: AI in maps and navigation), written at the start of the thirteenth round; held out, counted first on 787ead7 (76.4%)
	{"rho", 0.89, true},       // a class's mix (article and week-3 note), written with maps; held out, counted first on 787ead7 (89.2%)
	{"scams", 0.63, false},    // a thirty-eighth note (testdata/notes-scams: AI and online scams), written with maps; counted once on 787ead7 (63.9%), then read as a dev set
	{"upsilon", 0.85, true},   // a class's mix (article and week-3 note), written mid-thirteenth round; held out, counted first on 0e36337 and on 787ead7 (85.8% both)
	{"vote", 0.58, true},      // a thirty-ninth note (testdata/notes-vote: AI and elections), written with upsilon; held out, counted as upsilon (58.3% both)
	{"watch", 0.75, true},     // a fortieth (testdata/notes-watch: AI in smartwatches and fitness trackers), written with upsilon; held out, counted as upsilon (75.0% both)
	{"pi", 0.86, false},       // a class's mix (article and week-3 note), written with maps; counted once on 787ead7 (86.7%), then read as a dev set
	{"fashion", 0.75, true},   // a forty-first note (testdata/notes-fashion: AI in fashion and clothing), written with chi; held out, counted first on d97c6a4 (75.0%)
	{"cars", 0.69, true},      // a forty-second (testdata/notes-cars: AI in self-driving cars and transport), written with chi; held out, counted first on d97c6a4 (69.4%)
	{"chi", 0.79, true},       // a class's mix (article and week-3 note), written at the start of the fourteenth round; held out, counted first on d97c6a4 (79.2%)
	{"psi", 0.85, true},       // a class's mix (article and week-3 note), written mid-fourteenth round; held out, counted first on 43d6193 (85.0%)
	{"kitchen", 0.75, true},   // a forty-third note (testdata/notes-kitchen: AI in cooking and recipes), written with psi; held out, counted first on c4216f9 (75.0%)
	{"museum", 0.73, true},    // a forty-fourth note (testdata/notes-museum: AI in art, museums and culture), written at the end of the fourteenth round; held out, counted first on d540fad (73.6%) and on d97c6a4 (72.2%)
	{"calls", 0.69, true},     // a forty-fifth (testdata/notes-calls: AI in customer service and call centres), written with museum; held out, counted as museum (69.4% both)
	{"phi", 0.83, true},       // a class's mix (article and week-3 note), written at the start of the fifteenth round; held out, counted first on ca1874b (83.3%)
	{"factory", 0.79, false},  // a forty-sixth note (testdata/notes-factory: AI in factories and manufacturing), written with phi; counted once on ca1874b (79.2%), then read as a dev set (one question the built-in article answers relabelled from off-topic)
	{"library", 0.75, false},  // a forty-seventh (testdata/notes-library: AI in libraries, books and publishing), written and read with factory (75.0% at first count)
	{"planes", 0.75, true},    // a forty-eighth note (testdata/notes-planes: AI in aviation), written with phi; held out, counted first on ca1874b (75.0%)
	{"oceans", 0.80, true},    // a forty-ninth note (testdata/notes-oceans: AI in the oceans, fishing and shipping), written mid-fifteenth round; held out, counted first on 960d4e3 (81.9%) and on ca1874b (80.6%)
	{"homes", 0.79, false},    // a fiftieth (testdata/notes-homes: AI in homes and buildings), written with oceans; counted once on 960d4e3 (80.6%; 79.2% on ca1874b), then read as a dev set
	{"theta", 0.86, true},     // a class's mix (article and week-3 note), written late in the fifteenth round; held out, counted first on 13bf76e and on ca1874b (86.7% both)
	{"insurance", 0.79, true}, // a fifty-first note (testdata/notes-insurance: AI in insurance), written with theta; held out, counted first on 13bf76e (80.6%) and on ca1874b (81.9%); 79.2% since the sixteenth round read two capitalised words as a name with initials (fashion gained one)
	{"toys", 0.70, false},     // a fifty-second (testdata/notes-toys: AI toys), written with theta; counted once on 13bf76e (70.8%, the same on ca1874b), then read as a dev set
	{"iota", 0.86, true},      // a class's mix (article and week-3 note), written at the start of the sixteenth round; held out, counted first on bde313b (86.7%)
	{"history", 0.68, true},   // a fifty-third note (testdata/notes-history: AI in archaeology and history), written with iota; held out, counted first on bde313b (68.1%)
	{"pets", 0.69, true},      // a fifty-fourth (testdata/notes-pets: AI for pets and vets), written with iota; held out, counted first on bde313b (70.8%); 69.4% since the seventeenth round asked a dated sentence to say the event asked (a net four held-out questions gained over all the sets)
	{"cities", 0.70, false},   // a fifty-fifth (testdata/notes-cities: AI in cities), written with iota; counted once on bde313b (70.8%), then read as a dev set
	{"zeta", 0.86, true},      // a class's mix (article and week-3 note), written mid-sixteenth round; held out, counted first on 5d7b385 and on bde313b (86.7% both)
	{"disaster", 0.65, true},  // a fifty-sixth note (testdata/notes-disaster: AI in disasters and emergencies), written with zeta; held out, counted as zeta (65.3% both)
	{"chess", 0.59, false},    // a fifty-seventh (testdata/notes-chess: AI in chess and board games), written with zeta; counted once on 5d7b385 and bde313b (59.7% both), then read as a dev set
	{"eta", 0.84, true},       // a class's mix (article and week-3 note), written at the end of the sixteenth round; held out, counted first on 1f221b4 and on bde313b (85.0% both; 84.2% after the whole-question lead of the nineteenth round, floor lowered from 0.85)
	{"plants", 0.70, true},    // a fifty-eighth note (testdata/notes-plants: AI and plants), written with eta; held out, counted as eta (70.8% both)
	{"languages", 0.79, true}, // a fifty-ninth (testdata/notes-languages: AI in learning languages), written with eta; held out, counted as eta (79.2%; 77.8% on bde313b)
	{"alpha", 0.90, true},     // a class's mix (article and week-3 note), written at the start of the seventeenth round; held out, counted first on c8e2877 and on 56e47d8 (90.8% both)
	{"recycling", 0.80, true}, // a sixtieth note (testdata/notes-recycling: AI in recycling and waste), written with alpha; held out, counted as alpha (80.6% both)
	{"beta", 0.94, true},      // a class's mix (week-3 note's corpus with the article), written at the start of the eighteenth round; held out, counted first on eecce67 (94.2%)
	{"bees", 0.66, true},      // a sixty-first note (testdata/notes-bees: AI and beekeeping), written with beta; held out, counted first on eecce67 (66.7%)
	{"kite", 0.84, true},      // a class's mix (article and week-3 note), written mid-eighteenth round; held out, counted first on eecce67 and on 67fd9c6 (84.2% both)
	{"rail", 0.66, true},      // a sixty-second note (testdata/notes-rail: AI on the railways), written with kite; held out, counted as kite (66.7% both; 69.4% at the round's end, after the rules chosen later in the round)
	{"tides", 0.62, false},    // a sixty-third note (testdata/notes-tides: AI, tides and coastal floods), written mid-eighteenth round, 34 of its 50 questions on rows; counted once on eecce67 and e124d16 (62.0% both), then read as a dev set
	{"lark", 0.90, true},      // a class's mix (article and week-3 note), written at the start of the nineteenth round; held out, counted first on 26a9c22 and 4861cd5 (90.8% both)
	{"post", 0.88, true},      // a sixty-fourth note (testdata/notes-post: AI and parcel delivery), written with lark; held out, counted first on 26a9c22 and 4861cd5 (90.0% both)
	{"digs", 0.72, true},      // a sixty-fifth note (testdata/notes-digs: AI in archaeology), written with lark; held out, counted first on 26a9c22 and 2d8c8a6 (74.0% both)
	{"moss", 0.86, true},      // a class's mix (article and week-3 note), written at the start of the twentieth round; held out, counted first on 25cb583 (88.3%)
	{"pipe", 0.76, true},      // a sixty-sixth note (testdata/notes-pipe: AI in water utilities), written with moss; held out, counted first on 548658b, 25cb583's engine with the parser that reads its "# " line as a title (78.0%)
	{"teeth", 0.72, true},     // a sixty-seventh (testdata/notes-teeth: AI in dentistry), written with moss; held out, counted as pipe (74.0%)
	{"nest", 0.86, true},      // a class's mix (article and week-3 note), written mid-twentieth round; held out, counted first on 25cb583 and on 465acf3 (88.3% both)
	{"mind", 0.62, true},      // a sixty-eighth note (testdata/notes-mind: AI for mental health), written with nest; held out, counted as nest (64.0% both)
	{"build", 0.74, true},     // a sixty-ninth (testdata/notes-build: AI in construction), written with nest; held out, counted as nest (76.0% both)
	{"dusk", 0.84, true},      // a class's mix (article and week-3 note), written at the start of the twenty-first round; held out, counted first on bf4d959 (86.7%)
	{"mine", 0.68, true},      // a seventieth note (testdata/notes-mine: AI in mining and quarrying), written with dusk; held out, counted first on bf4d959 (70.0%)
	{"hotel", 0.74, true},     // a seventy-first (testdata/notes-hotel: AI in travel and tourism), written with dusk; held out, counted first on bf4d959 (76.0%)
	{"fern", 0.84, true},      // a class's mix (article and week-3 note), written mid-twenty-first round; held out, counted first on 334e7b3 and on bf4d959 (86.7% both)
	{"math", 0.74, true},      // a seventy-second note (testdata/notes-math: AI in mathematics), written with fern; held out, counted as fern (76.0% both)
	{"wine", 0.64, true},      // a seventy-third (testdata/notes-wine: AI in vineyards and winemaking), written with fern; held out, counted as fern (66.0% both)
	{"near", 0.87, false},     // near misses beside look-alike questions the articles answer (article and week-3 note), written mid-twenty-first round and read at once (89.0% at first count on 9037dd1)
	{"near2", 0.78, false},    // near misses beside look-alike questions on two read notes (testdata/notes-energy and notes-cities), written mid-twenty-first round and read at once (80.0% at first count on f02c67f)
	{"near3", 0.84, false},    // near misses beside look-alike questions on the built-in article alone, typed with capitals, brackets and chatter, written late in the twenty-first round and read at once (86.0% at first count on e1fbb13)
	{"near4", 0.71, false},    // near misses beside look-alike questions on two read notes (testdata/notes-chips and notes-scams), written with near3 and read at once (73.0% at first count on e1fbb13)
	{"glen", 0.89, true},      // a class's mix (article and week-3 note), written at the start of the twenty-second round; held out, counted first on 21b3370 (91.7%)
	{"salon", 0.70, true},     // a seventy-fourth note (testdata/notes-salon: AI in hair, beauty and cosmetics), written with glen; held out, counted first on 21b3370 (72.0%)
	{"stage", 0.64, true},     // a seventy-fifth (testdata/notes-stage: AI in theatre and live events), written with glen; held out, counted first on 21b3370 (66.0%)
	{"near5", 0.79, false},    // near misses beside look-alike questions on two read notes (testdata/notes-health and notes-library), written at the start of the twenty-second round and read at once (81.0% at first count on 72220aa)
	{"near6", 0.65, false},    // near misses beside look-alike questions on two read notes (testdata/notes-toys and notes-homes), written with near5 and read at once (67.0% at first count on 72220aa)
	{"wren", 0.88, true},      // a class's mix (article and week-3 note), written mid-twenty-second round; held out, counted first on eabc731 and on 21b3370 (90.0% both)
	{"care", 0.74, true},      // a seventy-sixth note (testdata/notes-care: AI in elder care and care homes), written with wren; held out, counted as wren (76.0% both)
	{"radio", 0.82, true},     // a seventy-seventh (testdata/notes-radio: AI in radio and podcasts), written with wren; held out, counted as wren (84.0% both)
	{"heath", 0.89, true},     // a class's mix (article and week-3 note), written at the start of the twenty-third round; held out, counted first on 903d05b (91.7%)
	{"forest", 0.76, true},    // a seventy-eighth note (testdata/notes-forest: AI in forests and wildfires), written with heath; held out, counted first on 903d05b (78.0%)
	{"tax", 0.76, true},       // a seventy-ninth (testdata/notes-tax: AI in tax and accounting), written with heath; held out, counted first on 903d05b (78.0%)
	{"cove", 0.87, true},      // a class's mix (article and week-3 note), written mid-twenty-third round; held out, counted first on 2a18cd4 (89.2%)
	{"quake", 0.88, true},     // an eightieth note (testdata/notes-quake: AI for earthquakes and volcanoes), written with cove; held out, counted first on 2a18cd4 (90.0%)
	{"dell", 0.86, true},      // a class's mix (article and week-3 note), written late in the twenty-third round; held out, counted first on 8b819e3 (88.3%)
	{"cyber", 0.76, true},     // an eighty-first note (testdata/notes-cyber: AI in cybersecurity), written with dell; held out, counted first on 8b819e3 (78.0%)
	{"near7", 0.67, false},    // near misses beside look-alike questions on two read notes (testdata/notes-feeds and notes-open), written at the start of the twenty-third round and read at once (69.0% at first count on 903d05b)
	{"near8", 0.83, false},    // near misses beside look-alike questions on two read notes (testdata/notes-code and notes-search), written mid-twenty-third round and read at once (85.0% at first count on 3e30214)
}

// TestQuestionSets asks each of questionSets, then logs the totals of the
// held-out sets and of the read ones, with the read misses by kind (the
// README's figures).
func TestQuestionSets(t *testing.T) {
	var held, read, heldNotes, heldMixes score
	var nHeld, nRead, nNotes int
	for _, set := range questionSets {
		t.Run(set.name, func(t *testing.T) {
			s, onNote := askSet(t, set.name, set.minAll, set.hidden)
			if set.hidden {
				held.merge(s)
				nHeld++
				if onNote {
					heldNotes.merge(s)
					nNotes++
				} else {
					heldMixes.merge(s)
				}
			} else {
				read.merge(s)
				nRead++
			}
		})
	}
	t.Logf("held out (%d sets): %s", nHeld, held)
	t.Logf("read (%d sets): %s", nRead, read)
	t.Logf("read misses by kind: %s", read.missKinds())
	// The held-out sets split by what they ask of: a teacher's note of
	// their own, or the article and the week-3 note.
	t.Logf("of the held out, on a teacher's note of their own (%d sets): %s", nNotes, heldNotes)
	t.Logf("of the held out, on the article and the week-3 note (%d sets): %s", nHeld-nNotes, heldMixes)
}

// maxHeadingMisses is how many of the read notes' own headings, asked as
// they stand, may fail to find their own section first: "What You Can
// Do", "What You Can Change" and "What Voice Cloning Is" do today (see
// the README, "Read in the sixteenth round").
const maxHeadingMisses = 3

// TestOwnHeadings asks every heading of every read teacher's note
// (testdata/notes-NAME of a set not held out), as a student copying it
// would, and counts those whose own section does not come first. The
// held-out sets' notes are left out, as their questions are.
func TestOwnHeadings(t *testing.T) {
	indexes := newCorpora(t)
	asked, missed := 0, 0
	for _, set := range questionSets {
		if set.hidden {
			continue
		}
		if _, err := os.Stat(filepath.Join("testdata", "notes-"+set.name)); err != nil {
			continue // a set asked of the article or the week-3 note
		}
		ix := indexes.get(t, set.name)
		for s, ref := range ix.sections {
			sec := ix.section(s)
			if ref.article == 0 || sec.ID == introductionID {
				continue // the built-in article's, or a note's synthetic opening
			}
			asked++
			a := ix.Ask(context.Background(), sec.Heading)
			if !a.Answered || a.Hits[0].Heading != sec.Heading {
				missed++
				first := "not covered"
				if a.Answered {
					first = a.Hits[0].Heading
				}
				t.Logf("%s: %q: first %q", set.name, sec.Heading, first)
			}
		}
	}
	t.Logf("own headings: %d of %d find their section first", asked-missed, asked)
	if missed > maxHeadingMisses {
		t.Errorf("%d headings miss their own section, more than %d", missed, maxHeadingMisses)
	}
}

// TestCauses asks, for each cause of a wrong answer that the engine was
// rebuilt to remove, the questions that showed it (testdata/causes.json).
// Unlike the evaluation sets, each must be right.
func TestCauses(t *testing.T) { askEach(t, filepath.Join("testdata", "causes.json")) }

// TestRules asks, for each rule of reading chosen after the causes were
// removed, a question that needs it (testdata/rules.json, written for the
// rule, in none of the evaluation sets). Each must be right.
func TestRules(t *testing.T) { askEach(t, filepath.Join("testdata", "rules.json")) }

// askSet asks the evaluation set testdata/eval/NAME.json and fails below
// minAll; hidden keeps its misses' texts out of the log. It returns the
// set's score, and whether its questions are asked of a teacher's note of
// their own (testdata/notes-NAME) rather than the built-in article or the
// week-3 note.
func askSet(t *testing.T, name string, minAll float64, hidden bool) (s score, onNote bool) {
	t.Helper()
	cases := readCases(t, filepath.Join("testdata", "eval", name+".json"))
	s = evaluate(t, cases)
	s.hidden = hidden
	report(t, name, s, 0, 0, minAll)
	onNote = !slices.ContainsFunc(cases, func(c evalCase) bool { return c.Corpus == "builtin" || c.Corpus == "notes" })
	return s, onNote
}

// askEach asks every case of path (the built-in corpus unless one is named)
// and fails on each miss.
func askEach(t *testing.T, path string) {
	t.Helper()
	cases := readCases(t, path)
	for i := range cases {
		if cases[i].Corpus == "" {
			cases[i].Corpus = "builtin"
		}
	}
	for _, m := range evaluate(t, cases).misses {
		t.Error(m)
	}
}

// TestDeclinedBand counts, over the read question sets, the questions
// declined with between bandLow and minCoverage of their weight: the ones
// a lower line would answer. Off-topic questions outnumber answerable ones
// there, which is why the line stays at minCoverage; the test fails when
// that stops being so.
func TestDeclinedBand(t *testing.T) {
	const bandLow = 0.3
	indexes := newCorpora(t)
	var offTopic, answerable int
	for _, set := range questionSets {
		if set.hidden {
			continue
		}
		for _, c := range readCases(t, filepath.Join("testdata", "eval", set.name+".json")) {
			a := indexes.get(t, c.Corpus).Ask(context.Background(), c.Question)
			if a.Answered || a.Confidence < bandLow {
				continue
			}
			if len(c.Headings) == 0 {
				offTopic++
			} else {
				answerable++
			}
		}
	}
	t.Logf("declined with %.1f to %.1f of their weight: %d off-topic, %d answerable", bandLow, minCoverage, offTopic, answerable)
	if offTopic <= answerable {
		t.Errorf("%d off-topic against %d answerable questions just under the line: a lower line may now answer more than it costs", offTopic, answerable)
	}
}

// TestJudgement compares, over the read question sets, the search's own
// first section with the answer's: the leads, vetoes and promotions that
// ask applies after ranking must put the wanted section first more often
// than they take it away. It logs, for the read questions whose first
// section is wrong, where the search ranked the wanted one (the README's
// near-tie counts: "second" is the commonest). A long question answered
// by one of its clauses (see Ask) is compared with the search of the
// whole.
func TestJudgement(t *testing.T) {
	indexes := newCorpora(t)
	var fixed, broken int
	ranks := map[string]int{}
	for _, set := range questionSets {
		if set.hidden {
			continue
		}
		for _, c := range readCases(t, filepath.Join("testdata", "eval", set.name+".json")) {
			if len(c.Headings) == 0 {
				continue
			}
			ix := indexes.get(t, c.Corpus)
			a := ix.Ask(context.Background(), c.Question)
			if !a.Answered {
				continue
			}
			q := ix.parse(c.Question)
			ranked, _, err := ix.search(context.Background(), &q)
			if err != nil || len(ranked) == 0 {
				continue
			}
			searched := headingIn(ix.section(ranked[0].section).Heading, c.Headings)
			answered := headingIn(a.Hits[0].Heading, c.Headings)
			switch {
			case searched && !answered:
				broken++
			case !searched && answered:
				fixed++
			}
			if !answered {
				rank := slices.IndexFunc(ranked, func(h hit) bool { return headingIn(ix.section(h.section).Heading, c.Headings) })
				ranks[rankName(rank)]++
			}
		}
	}
	t.Logf("after the search: %d questions put right, %d put wrong; wrong first sections by the wanted one's rank: %v", fixed, broken, ranks)
	if fixed <= broken {
		t.Errorf("the judgement after the search put %d right and %d wrong: it no longer pays its way", fixed, broken)
	}
}

// rankName names a 0-based rank for TestJudgement's log.
func rankName(r int) string {
	switch {
	case r < 0:
		return "unfound"
	case r == 0:
		return "first"
	case r == 1:
		return "second"
	case r == 2:
		return "third"
	}
	return "lower"
}
