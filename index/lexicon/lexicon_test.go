package lexicon

import "testing"

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(wordsTSV, relatedTSV); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	lx, err := English()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		lx.Lookup("prejudiced")
	}
}
