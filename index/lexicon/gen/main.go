// Command gen writes explainbot's English lexicon, data/words.tsv,
// data/related.tsv and data/compounds.tsv, from
// three public lexical resources (see data/NOTICE.md for their licences):
//
//   - WordNet 3.0 (Debian package wordnet-base): lemmas, irregular forms,
//     parts of speech, the words related to each sense (synonyms,
//     hypernyms, similar adjectives, pertainyms, derivations, the nouns an
//     adjective measures) and the words
//     of the commonest sense's definition; and its nouns of two or three
//     common words ("role model", "speed of light");
//   - SCOWL (Debian package scowl), sizes 10 to 70: which spellings are real
//     English words, inflections and common variant spellings ("offline")
//     included, and which are British only
//     (each then takes its American spelling's base form);
//   - Google Books 1-grams as ranked by Peter Norvig (npm package
//     norvig-frequencies): how common each word is in general English.
//
// Run it through fetch.sh, which installs the three and calls this program;
// the output is committed, so building explainbot needs none of them.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

func main() {
	wordnet := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 dict directory")
	scowl := flag.String("scowl", "/usr/share/dict/scowl", "SCOWL final word lists directory")
	ranks := flag.String("ranks", "", "norvig-frequencies' lib/data.js")
	out := flag.String("out", "data", "output directory: words.tsv, related.tsv and compounds.tsv")
	flag.Parse()
	if *ranks == "" {
		log.Fatal("gen: -ranks is required (node_modules/norvig-frequencies/lib/data.js)")
	}
	wn, err := readWordNet(*wordnet)
	if err != nil {
		log.Fatal(err)
	}
	// variant_1 holds the common variant spellings ("offline" beside
	// "off-line"): words too, or a typo fix would make "offline" "online".
	words, err := readSCOWL(*scowl, "english-words", "american-words", "english-upper", "american-upper", "variant_1-words")
	if err != nil {
		log.Fatal(err)
	}
	british, err := readSCOWL(*scowl, "british-words")
	if err != nil {
		log.Fatal(err)
	}
	rank, err := readRanks(*ranks)
	if err != nil {
		log.Fatal(err)
	}
	lx := build(wn, words, rank)
	lx.spellBritish(british)
	lx.compounds = commonCompounds(wn, rank)
	if err := lx.write(*out); err != nil {
		log.Fatal(err)
	}
	log.Printf("gen: %d forms, %d with a lemma, %d British spellings, %d lemmas with related words, %d relations, %d compounds -> %s",
		len(lx.forms), lx.lemmas, lx.british, len(lx.related), lx.relations, len(lx.compounds), *out)
}

// Which words make the lexicon. A word is a lowercase run of ASCII letters
// (inner hyphens and apostrophes are not words of a question after splitting).
var wordRE = regexp.MustCompile(`^[a-z]+$`)

const (
	// maxRank keeps the frequency list's well-known names ("google",
	// "london") as real words; rarer entries of that list are too often
	// noise to be trusted as English on their own.
	maxRank = 30000
	// maxSenses is how many of a word's senses (WordNet orders them by how
	// often they occur) give its related words: a student means a word's
	// common senses, and rare senses relate it to everything.
	maxSenses = 2
	// maxDefined is how many of a word's senses in each part of speech
	// give the words of its definitions: the commonest alone, as a
	// definition's words are looser kin than a sense's synonyms.
	maxDefined = 1
	// maxCompoundRank is the rarest word a compound noun kept may hold:
	// a compound of common words is one whose words, each known, mislead
	// ("role model" is neither a role nor a model); a rare word tells what
	// is meant by itself.
	maxCompoundRank = 10000
	// maxRelatedRank drops related words too rare for a student to use.
	maxRelatedRank = 60000
	// minDefiningRank leaves out of a definition the most frequent words
	// of English: its function words and most general verbs ("of", "make"),
	// which tell nothing of what is defined.
	minDefiningRank = 100
)

// scowlSizes are the SCOWL sizes read: up to 70, the "large" dictionary;
// 80 and 95 hold obscure and dubious spellings.
var scowlSizes = []string{"10", "20", "35", "40", "50", "55", "60", "70"}

type synset struct {
	words []string // single-word lemmas, lowercase
	ptrs  []pointer
	gloss string // the definition, without its examples
}

type pointer struct {
	symbol string
	offset string // target synset
	pos    byte
	src    int // source word number in this synset, 0 = whole synset
	dst    int // target word number, 0 = whole synset
}

type wordNet struct {
	// senses maps a lemma to its synsets per part of speech, most frequent first.
	senses map[string]map[byte][]string
	// compounds are the nouns of two or three words ("role_model"),
	// in index.noun's order.
	compounds []string
	// synsets maps pos+offset to the synset.
	synsets map[string]*synset
	// synWords holds every word of a synset in order, multi-word ones included,
	// so pointer word numbers can be resolved.
	synWords map[string][]string
	// irregular maps an inflected form to its base forms (the .exc files).
	irregular map[string][]string
}

var posFiles = map[byte]string{'n': "noun", 'v': "verb", 'a': "adj", 'r': "adv"}

func readWordNet(dir string) (*wordNet, error) {
	wn := &wordNet{senses: map[string]map[byte][]string{}, synsets: map[string]*synset{}, synWords: map[string][]string{}, irregular: map[string][]string{}}
	// In a fixed order: an inflected form's irregular bases are listed
	// noun, verb, adjective, adverb ("best" → good before well).
	for _, pos := range []byte("nvar") {
		name := posFiles[pos]
		if err := eachLine(filepath.Join(dir, "index."+name), func(line string) error {
			if strings.HasPrefix(line, " ") {
				return nil // licence header
			}
			f := strings.Fields(line)
			if len(f) < 4 {
				return fmt.Errorf("short index line %q", line)
			}
			lemma := f[0]
			if parts := strings.Split(lemma, "_"); pos == 'n' && (len(parts) == 2 || len(parts) == 3) && !slices.ContainsFunc(parts, func(p string) bool { return !wordRE.MatchString(p) }) {
				wn.compounds = append(wn.compounds, lemma)
			}
			pcnt, err := strconv.Atoi(f[3])
			if err != nil {
				return fmt.Errorf("index line %q: %w", line, err)
			}
			offs := f[4+pcnt+2:]
			if wn.senses[lemma] == nil {
				wn.senses[lemma] = map[byte][]string{}
			}
			wn.senses[lemma][pos] = offs
			return nil
		}); err != nil {
			return nil, err
		}
		if err := eachLine(filepath.Join(dir, "data."+name), func(line string) error {
			if strings.HasPrefix(line, " ") {
				return nil
			}
			body, gloss, _ := strings.Cut(line, " | ")
			f := strings.Fields(body)
			if len(f) < 4 {
				return fmt.Errorf("short data line %q", line)
			}
			ss := &synset{gloss: definition(gloss)}
			wcnt, err := strconv.ParseInt(f[3], 16, 32)
			if err != nil {
				return fmt.Errorf("data line %q: %w", line, err)
			}
			i := 4
			var all []string
			for range wcnt {
				w := strings.ToLower(f[i])
				if k := strings.IndexByte(w, '('); k > 0 { // adjective markers: "galore(ip)"
					w = w[:k]
				}
				all = append(all, w)
				if wordRE.MatchString(w) && !slices.Contains(ss.words, w) {
					ss.words = append(ss.words, w)
				}
				i += 2
			}
			pcnt, err := strconv.Atoi(f[i])
			if err != nil {
				return fmt.Errorf("data line %q: pointer count: %w", line, err)
			}
			i++
			for range pcnt {
				st := f[i+3]
				src, _ := strconv.ParseInt(st[:2], 16, 32)
				dst, _ := strconv.ParseInt(st[2:], 16, 32)
				ss.ptrs = append(ss.ptrs, pointer{symbol: f[i], offset: f[i+1], pos: normPOS(f[i+2][0]), src: int(src), dst: int(dst)})
				i += 4
			}
			key := string(pos) + f[0]
			wn.synsets[key] = ss
			wn.synWords[key] = all
			return nil
		}); err != nil {
			return nil, err
		}
		// A form this part of speech's list gives as its own base too
		// ("feed feed fee", "offer offer" beside "offer off") is that
		// base first, as morphy tries it: its other bases are not its
		// lemma ("feed" is no form of "fee").
		bases := map[string][]string{}
		var order []string
		if err := eachLine(filepath.Join(dir, name+".exc"), func(line string) error {
			f := strings.Fields(line)
			if len(f) >= 2 && wordRE.MatchString(f[0]) {
				if bases[f[0]] == nil {
					order = append(order, f[0])
				}
				bases[f[0]] = append(bases[f[0]], f[1:]...)
			}
			return nil
		}); err != nil {
			return nil, err
		}
		for _, form := range order {
			if slices.Contains(bases[form], form) {
				continue
			}
			for _, b := range bases[form] {
				if wordRE.MatchString(b) && !slices.Contains(wn.irregular[form], b) {
					wn.irregular[form] = append(wn.irregular[form], b)
				}
			}
		}
	}
	return wn, nil
}

// normPOS folds adjective satellites into adjectives.
func normPOS(p byte) byte {
	if p == 's' {
		return 'a'
	}
	return p
}

// readSCOWL reads the SCOWL lists of the kinds given, every size.
func readSCOWL(dir string, kinds ...string) (map[string]bool, error) {
	words := map[string]bool{}
	for _, kind := range kinds {
		for _, size := range scowlSizes {
			path := filepath.Join(dir, kind+"."+size)
			if _, err := os.Stat(path); os.IsNotExist(err) {
				continue
			}
			if err := eachLine(path, func(line string) error {
				if w := strings.ToLower(strings.TrimSpace(line)); wordRE.MatchString(w) {
					words[w] = true
				}
				return nil
			}); err != nil {
				return nil, err
			}
		}
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("read SCOWL: no %s lists in %s", strings.Join(kinds, ", "), dir)
	}
	return words, nil
}

// readRanks reads norvig-frequencies' data.js: one JavaScript string of
// upper-case words, most frequent first, separated by "\n" escapes.
func readRanks(path string) (map[string]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read ranks: %w", err)
	}
	m := regexp.MustCompile(`module\.exports = ("(?:[^"\\]|\\.)*")`).FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("read ranks: %s: no module.exports string", path)
	}
	var list string
	if err := json.Unmarshal(m[1], &list); err != nil {
		return nil, fmt.Errorf("read ranks: %s: %w", path, err)
	}
	rank := map[string]int{}
	for i, w := range strings.Split(list, "\n") {
		w = strings.ToLower(strings.TrimSpace(w))
		if _, seen := rank[w]; !seen && wordRE.MatchString(w) {
			rank[w] = i + 1
		}
	}
	return rank, nil
}

type lexicon struct {
	forms     map[string]form
	related   map[string]related // lemma -> the words linked to it
	compounds []string           // "role_model": see commonCompounds
	lemmas    int
	relations int
	british   int
}

// britishSpellings rewrite a British spelling into its American one, the
// spelling WordNet lists: colour → color, centre → center, organise →
// organize, analyse → analyze, catalogue → catalog, defence → defense,
// travelled → traveled, anaemia → anemia, programme → program.
var britishSpellings = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`our`), "or"},
	{regexp.MustCompile(`([tbv])re(s|d)?$`), "${1}er${2}"},
	{regexp.MustCompile(`is(e|es|ed|ing|ation|ations|er|ers)$`), "iz${1}"},
	{regexp.MustCompile(`ys(e|es|ed|ing)$`), "yz${1}"},
	{regexp.MustCompile(`ogue(s)?$`), "og${1}"},
	{regexp.MustCompile(`ence(s)?$`), "ense${1}"},
	{regexp.MustCompile(`ll(ed|ing|er|ers)$`), "l${1}"},
	{regexp.MustCompile(`(ae|oe)`), "e"},
	{regexp.MustCompile(`mme(s)?$`), "m${1}"},
}

// spellBritish gives each British spelling SCOWL lists (as British only) the
// base form of its American spelling, so "data centres" and "data
// centers" are one term: a class writes both, and so do teachers. A
// spelling joins only an American one the lexicon already has.
func (lx *lexicon) spellBritish(british map[string]bool) {
	for b := range british {
		if _, ok := lx.forms[b]; ok && lx.forms[b].lemma != "" {
			continue // WordNet's own lemma ("centres" → "centre") is mapped through its base
		}
		for _, sp := range britishSpellings {
			a := sp.re.ReplaceAllString(b, sp.repl)
			fa, ok := lx.forms[a]
			if a == b || !ok || british[a] {
				continue
			}
			lemma := a
			if fa.lemma != "" {
				lemma = fa.lemma
			}
			f := lx.forms[b]
			f.lemma, f.pos = lemma, ""
			lx.forms[b] = f
			lx.british++
			break
		}
	}
	// An inflected British form whose base is now spelt American follows it:
	// "centres" → "centre" → "center".
	for w, f := range lx.forms {
		if f.lemma == "" {
			continue
		}
		if base, ok := lx.forms[f.lemma]; ok && base.lemma != "" && british[f.lemma] {
			f.lemma = base.lemma
			lx.forms[w] = f
		}
	}
}

// related are the words linked to one word: those that share a sense
// with it, those related to it otherwise, and those that define its
// common senses.
type related struct {
	synonyms, others, defining []string
}

type form struct {
	rank  int    // 0: not among the frequency list's words
	lemma string // base form, "" when the form is one
	pos   string // WordNet's parts of speech of the form as a lemma: "n", "v", "a", "r", in that order
}

func build(wn *wordNet, scowl map[string]bool, rank map[string]int) *lexicon {
	lx := &lexicon{forms: map[string]form{}, related: map[string]related{}}
	add := func(w string) {
		if _, ok := lx.forms[w]; !ok && wordRE.MatchString(w) {
			lx.forms[w] = form{rank: rank[w]}
		}
	}
	for w := range scowl {
		add(w)
	}
	for w := range wn.senses {
		add(w)
	}
	for w := range wn.irregular {
		add(w)
	}
	for w, r := range rank {
		if r <= maxRank {
			add(w)
		}
	}
	var bases []string
	for w, f := range lx.forms {
		if l := wn.lemma(w); l != "" && l != w {
			f.lemma = l
			lx.forms[w] = f
			lx.lemmas++
			bases = append(bases, l)
		}
	}
	for _, b := range bases { // every base form is a word form too
		add(b)
	}
	for w, f := range lx.forms {
		for _, p := range "nvar" {
			if len(wn.senses[w][byte(p)]) > 0 {
				f.pos += string(p)
			}
		}
		lx.forms[w] = f
	}
	// related links two words when a common sense of one is a sense of the
	// other, or stands for it more generally, or is its other part of
	// speech: both ways, so "goal" finds the article's "purpose" (a kind of
	// goal) and "employment" finds its "job".
	common := func(w string) bool {
		f, ok := lx.forms[w]
		return ok && (f.rank > 0 && f.rank <= maxRelatedRank || scowl[w])
	}
	// links[a][b] is true when a and b share a sense, false when they are
	// related otherwise.
	links := map[string]map[string]bool{}
	link := func(a, b string, syn bool) {
		if links[a] == nil {
			links[a] = map[string]bool{}
		}
		if had, ok := links[a][b]; !ok || syn && !had {
			if !ok {
				lx.relations++
			}
			links[a][b] = syn
		}
	}
	for w := range wn.senses {
		if !common(w) {
			continue
		}
		for t, syn := range wn.relatedTo(w) {
			if t != w && common(t) {
				link(t, w, syn)
				link(w, t, syn)
			}
		}
	}
	for w, set := range links {
		var syns, others []string
		for t, syn := range set {
			if syn {
				syns = append(syns, t)
			} else {
				others = append(others, t)
			}
		}
		slices.Sort(syns)
		slices.Sort(others)
		lx.related[w] = related{synonyms: syns, others: others}
	}
	// defining are the words of a word's definitions that it is not
	// already linked to ("legal" and "law" of "lawyer": "a professional
	// person authorized to practice law; ... gives legal advice").
	ranked := func(w string) bool {
		f := lx.forms[w]
		return f.rank > minDefiningRank && f.rank <= maxRelatedRank
	}
	for w := range wn.senses {
		if !ranked(w) {
			continue // a word students use, defined by words they use
		}
		var defining []string
		for _, d := range wn.definitions(w) {
			for _, x := range strings.FieldsFunc(strings.ToLower(d), func(r rune) bool { return r < 'a' || r > 'z' }) {
				if l := wn.lemma(x); l != "" {
					x = l
				}
				if x == w || !ranked(x) || slices.Contains(defining, x) {
					continue
				}
				if _, linked := links[w][x]; !linked {
					defining = append(defining, x)
				}
			}
		}
		if len(defining) > 0 {
			r := lx.related[w]
			slices.Sort(defining)
			r.defining = defining
			lx.related[w] = r
		}
	}
	return lx
}

// definitions are the definitions of w's first maxDefined senses in each
// part of speech.
func (wn *wordNet) definitions(w string) []string {
	var out []string
	for pos, offs := range wn.senses[w] {
		for _, off := range offs[:min(len(offs), maxDefined)] {
			if ss := wn.synsets[string(pos)+off]; ss != nil && ss.gloss != "" {
				out = append(out, ss.gloss)
			}
		}
	}
	return out
}

// definition is a WordNet gloss without its examples (quoted) and its
// labels of field or usage (in parentheses): "(thermodynamics) a
// thermodynamic quantity ...; "a quote"" is "a thermodynamic quantity ...".
func definition(gloss string) string {
	gloss = quoted.ReplaceAllString(gloss, "")
	gloss = parenthesized.ReplaceAllString(gloss, "")
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(gloss), ";"))
}

var (
	quoted        = regexp.MustCompile(`"[^"]*"`)
	parenthesized = regexp.MustCompile(`\([^()]*\)`)
)

// lemma is w's base form by WordNet's own morphology (morphy): an irregular
// form's base, w itself when WordNet knows it, else the first base the
// suffix rules give that WordNet knows.
func (wn *wordNet) lemma(w string) string {
	if b := wn.irregular[w]; len(b) > 0 {
		return b[0]
	}
	if s := wn.senses[w]; s != nil {
		// A participle WordNet lists only as an adjective ("biased",
		// "prejudiced", "trained") means its verb.
		if len(s) == 1 && len(s['a']) > 0 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) {
			if v := wn.detach(w, 'v'); v != "" {
				return v
			}
		}
		// A comparative WordNet lists only as an adverb ("slower",
		// "quicker") is its adjective's, as "bigger" is "big"'s.
		if len(s) == 1 && len(s['r']) > 0 && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "est")) {
			if a := wn.detach(w, 'a'); a != "" {
				return a
			}
		}
		return w
	}
	return wn.detach(w, 0)
}

// detach applies morphy's suffix rules for pos (0: any) and returns the
// first base WordNet knows, or "".
func (wn *wordNet) detach(w string, pos byte) string {
	for _, r := range detachments {
		if pos != 0 && r.pos != pos {
			continue
		}
		if base, ok := strings.CutSuffix(w, r.suffix); ok && len(base) >= 2 {
			base += r.ending
			if s := wn.senses[base]; s != nil && len(s[r.pos]) > 0 {
				return base
			}
		}
	}
	return ""
}

// detachments are morphy's suffix rules (WordNet's morph.c), in its order.
var detachments = []struct {
	pos            byte
	suffix, ending string
}{
	{'n', "s", ""}, {'n', "ses", "s"}, {'n', "xes", "x"}, {'n', "zes", "z"}, {'n', "ches", "ch"},
	{'n', "shes", "sh"}, {'n', "men", "man"}, {'n', "ies", "y"},
	{'v', "s", ""}, {'v', "ies", "y"}, {'v', "es", "e"}, {'v', "es", ""}, {'v', "ed", "e"},
	{'v', "ed", ""}, {'v', "ing", "e"}, {'v', "ing", ""},
	{'a', "er", ""}, {'a', "est", ""}, {'a', "er", "e"}, {'a', "est", "e"},
}

// relatedTo collects, over w's first maxSenses senses in each part of
// speech, the single words that share a sense (true: synonyms) or stand
// for it more generally, as a similar adjective or as another part of
// speech (false).
func (wn *wordNet) relatedTo(w string) map[string]bool {
	out := map[string]bool{}
	other := func(s string) {
		if _, ok := out[s]; !ok {
			out[s] = false
		}
	}
	for pos, offs := range wn.senses[w] {
		for _, off := range offs[:min(len(offs), maxSenses)] {
			key := string(pos) + off
			ss := wn.synsets[key]
			if ss == nil {
				continue
			}
			for _, s := range ss.words {
				out[s] = true
			}
			me := slices.Index(wn.synWords[key], w) + 1
			for _, p := range ss.ptrs {
				if !relation[p.symbol] || (p.src != 0 && p.src != me) {
					continue
				}
				target := wn.synsets[string(p.pos)+p.offset]
				if target == nil {
					continue
				}
				if p.dst == 0 {
					for _, s := range target.words {
						other(s)
					}
				} else if all := wn.synWords[string(p.pos)+p.offset]; p.dst <= len(all) && wordRE.MatchString(all[p.dst-1]) {
					other(all[p.dst-1])
				}
			}
		}
	}
	return out
}

// commonCompounds are WordNet's nouns of two or three words each among
// the maxCompoundRank most frequent ("role_model", "speed_of_light").
func commonCompounds(wn *wordNet, rank map[string]int) []string {
	var out []string
	for _, c := range wn.compounds {
		if !slices.ContainsFunc(strings.Split(c, "_"), func(p string) bool { r := rank[p]; return r == 0 || r > maxCompoundRank }) {
			out = append(out, c)
		}
	}
	return out
}

// relation marks the WordNet pointers followed: hypernym, instance
// hypernym, similar to, pertainym, derivationally related form,
// participle of a verb, and attribute (the noun an adjective measures:
// "fast" and "slow" → speed, "big" → size).
var relation = map[string]bool{"@": true, "@i": true, "&": true, `\`: true, "+": true, "<": true, "=": true}

// write stores the lexicon as two sorted text files, so the output is the
// same for the same input and lexicon.go can search them without parsing:
//
//	words.tsv     form<TAB>rank<TAB>lemma<TAB>parts of speech   (rank 0: not in the frequency list)
//	related.tsv   lemma<TAB>synonym ...<TAB>other ...<TAB>defining ...
//	compounds.tsv first word<TAB>rest ...   (a rest's words joined by "_": "speed<TAB>limit of_light")
func (lx *lexicon) write(dir string) error {
	forms := make([]string, 0, len(lx.forms))
	for k, f := range lx.forms {
		forms = append(forms, fmt.Sprintf("%s\t%d\t%s\t%s", k, f.rank, f.lemma, f.pos))
	}
	related := make([]string, 0, len(lx.related))
	for k, r := range lx.related {
		related = append(related, k+"\t"+strings.Join(r.synonyms, " ")+"\t"+strings.Join(r.others, " ")+"\t"+strings.Join(r.defining, " "))
	}
	rests := map[string][]string{}
	for _, c := range lx.compounds {
		first, rest, _ := strings.Cut(c, "_")
		rests[first] = append(rests[first], rest)
	}
	compounds := make([]string, 0, len(rests))
	for first, r := range rests {
		slices.Sort(r)
		compounds = append(compounds, first+"\t"+strings.Join(slices.Compact(r), " "))
	}
	for name, lines := range map[string][]string{"words.tsv": forms, "related.tsv": related, "compounds.tsv": compounds} {
		sort.Strings(lines)
		data := strings.Join(lines, "\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return fmt.Errorf("write lexicon: %w", err)
		}
	}
	return nil
}

func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for n := 1; ; n++ {
		line, err := r.ReadString('\n')
		if line = strings.TrimRight(line, "\r\n"); line != "" {
			if ferr := fn(line); ferr != nil {
				return fmt.Errorf("%s:%d: %w", path, n, ferr)
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
}
