package index

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/explainbot/explainbot/knowledge"
)

// TestTermQueriesSkipAbsentFields checks that a term is looked for only in
// the fields that hold it: a heading's word in the heading, a body's word in
// the body, a word no field holds nowhere.
func TestTermQueriesSkipAbsentFields(t *testing.T) {
	note, err := knowledge.Parse("notes/fields.md", []byte("---\ntitle: Fields\n---\n\n## Tokenizers\n\nA model reads pieces of text.\n"))
	if err != nil {
		t.Fatal(err)
	}
	ix := buildIndex(t, note)
	all := []string{fieldBody, fieldHeading, fieldLabels}
	for _, c := range []struct {
		term string
		want []string
	}{
		{ix.stem.stem("tokenizers"), []string{fieldHeading}},
		{ix.stem.stem("pieces"), []string{fieldBody}},
		{"zebra", nil},
	} {
		var got []string
		for _, q := range ix.termQueries(c.term, 1, all...) {
			got = append(got, q.(*query.TermQuery).Field())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("term %q: queried in %v, want %v", c.term, got, c.want)
		}
	}
}
