package lexicon

import (
	"slices"
	"strings"
	"testing"
)

func english(t testing.TB) *Lexicon {
	t.Helper()
	lx, err := English()
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

func TestLookup(t *testing.T) {
	lx := english(t)
	for _, c := range []struct {
		form, lemma string
		ranked      bool
	}{
		{"took", "take", true}, {"children", "child", true}, {"biased", "bias", true},
		{"prejudiced", "prejudice", true}, {"vaccines", "vaccine", true}, {"news", "news", true},
		{"photosynthesis", "photosynthesis", true},
		// WordNet lists "feed" as its own base beside "fee", and "offer"
		// beside "off": each is its own word.
		{"feed", "feed", true}, {"offer", "offer", true}, {"fed", "feed", true},
	} {
		w, ok := lx.Lookup(c.form)
		if !ok || w.Lemma != c.lemma || (w.Rank > 0) != c.ranked {
			t.Errorf("Lookup(%q) = %+v, %v; want lemma %q, ranked %v", c.form, w, ok, c.lemma, c.ranked)
		}
	}
	for _, notWord := range []string{"genai", "trasnformer", "zzqx", ""} {
		if lx.IsWord(notWord) {
			t.Errorf("IsWord(%q) = true, want false", notWord)
		}
	}
	the, _ := lx.Lookup("the")
	stand, _ := lx.Lookup("stand")
	vaccine, _ := lx.Lookup("vaccine")
	if !(the.Rank < stand.Rank && stand.Rank < vaccine.Rank) {
		t.Errorf("ranks the %d, stand %d, vaccine %d: want increasing rarity", the.Rank, stand.Rank, vaccine.Rank)
	}
}

func TestRelated(t *testing.T) {
	lx := english(t)
	for _, c := range []struct{ word, related string }{
		{"employment", "job"}, {"goal", "purpose"}, {"picture", "image"}, {"danger", "risk"}, {"broad", "wide"},
	} {
		syn, other := lx.Related(c.word)
		if !slices.Contains(syn, c.related) && !slices.Contains(other, c.related) {
			t.Errorf("Related(%q) lacks %q: %v | %v", c.word, c.related, syn, other)
		}
	}
	if syn, other := lx.Related("zzqx"); syn != nil || other != nil {
		t.Errorf("Related of a non-word = %v, %v", syn, other)
	}
}

func TestPartsOfSpeech(t *testing.T) {
	lx := english(t)
	for _, c := range []struct {
		word   string
		adverb bool
	}{{"weirdly", true}, {"roughly", true}, {"reply", false}, {"assembly", false}, {"fix", false}} {
		if w, _ := lx.Lookup(c.word); w.OnlyAdverb() != c.adverb {
			t.Errorf("Lookup(%q).OnlyAdverb() = %v (POS %q), want %v", c.word, !c.adverb, w.POS, c.adverb)
		}
	}
}

func TestDefining(t *testing.T) {
	lx := english(t)
	for _, c := range []struct{ word, defining string }{
		{"lawyer", "legal"}, {"doctor", "medical"}, {"hospital", "health"}, {"programmer", "computer"},
	} {
		if def := lx.Defining(c.word); !slices.Contains(def, c.defining) {
			t.Errorf("Defining(%q) lacks %q: %v", c.word, c.defining, def)
		}
	}
	// The commonest words define nothing, and a word related otherwise is
	// not repeated ("cut" is already a relative of "chop").
	syn, other := lx.Related("chop")
	for _, w := range lx.Defining("chop") {
		if w == "into" || w == "a" || slices.Contains(syn, w) || slices.Contains(other, w) {
			t.Errorf("Defining(chop) holds %q", w)
		}
	}
	if def := lx.Defining("zzqx"); def != nil {
		t.Errorf("Defining of a non-word = %v", def)
	}
}

func TestCommon(t *testing.T) {
	lx := english(t)
	if _, ok := lx.Common("definitely"); !ok {
		t.Error("definitely is not common")
	}
	if _, ok := lx.Common("pangolin"); ok {
		t.Error("pangolin is common")
	}
}

// TestData checks the embedded files' shape: sorted keys (New refuses
// others), every lemma a word form itself, a size within the 8 MB.
func TestData(t *testing.T) {
	if _, err := New("b\t1\t\na\t2\t\n", "", ""); err == nil {
		t.Error("unsorted words accepted")
	}
	lx := english(t)
	if lx.Len() < 100000 {
		t.Errorf("%d word forms, want the whole lexicon", lx.Len())
	}
	missing := 0
	lx.Each(func(form string, rank int) bool {
		if w, _ := lx.Lookup(form); w.Lemma != form && !lx.IsWord(w.Lemma) {
			missing++
		}
		return true
	})
	if missing > 0 {
		t.Errorf("%d lemmas are not word forms", missing)
	}
	if n := len(wordsTSV) + len(relatedTSV) + len(compoundsTSV); n > 8<<20 {
		t.Errorf("lexicon is %d bytes, over 8 MB", n)
	}
	if !strings.HasPrefix(relatedTSV, "a") {
		t.Errorf("related.tsv starts %q", relatedTSV[:10])
	}
}

// TestCompound checks WordNet's nouns of common words: whole ones are
// found, in their own order only, and a rare word's compound is left out
// (a rare word tells by itself what is meant).
func TestCompound(t *testing.T) {
	lx := english(t)
	for _, c := range []struct {
		ws   []string
		want bool
	}{
		{[]string{"role", "model"}, true},
		{[]string{"speed", "of", "light"}, true},
		{[]string{"phone", "number"}, true},
		{[]string{"model", "role"}, false},
		{[]string{"speed", "of"}, false},
		{[]string{"role"}, false},
		{[]string{"role", "model", "player", "card"}, false},
		{[]string{"cassette", "tape"}, false}, // "cassette" is rarer than maxCompoundRank
		{[]string{"", "model"}, false},
	} {
		if got := lx.Compound(c.ws...); got != c.want {
			t.Errorf("Compound(%q) = %v, want %v", c.ws, got, c.want)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(wordsTSV, relatedTSV, compoundsTSV); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	lx := english(b)
	for b.Loop() {
		lx.Lookup("prejudiced")
	}
}
