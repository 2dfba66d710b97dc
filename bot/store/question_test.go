package store_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

// TestSameQuestionCountsOnce reads groups of spellings from testdata: every
// spelling in a group must count toward one entry, and groups must not merge.
func TestSameQuestionCountsOnce(t *testing.T) {
	raw, err := os.ReadFile("testdata/same-question.json")
	if err != nil {
		t.Fatal(err)
	}
	var groups []struct {
		Why   string
		Texts []string
	}
	if err := json.Unmarshal(raw, &groups); err != nil {
		t.Fatalf("parse testdata/same-question.json: %v", err)
	}
	s := open(t, t.TempDir(), store.Options{})
	want := map[string]int{} // latest spelling -> group size
	for _, g := range groups {
		for _, text := range g.Texts {
			mustQuestion(t, s, store.Question{Text: text})
		}
		want[strings.TrimSpace(g.Texts[len(g.Texts)-1])] = len(g.Texts)
	}
	got := map[string]int{}
	for _, c := range report(t, s, 0).Frequent {
		got[c.Text] = c.N
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts by displayed text:\n got %v\nwant %v", got, want)
		for _, g := range groups {
			t.Logf("group %q: %q", g.Why, g.Texts)
		}
	}
}

func TestUnansweredRanking(t *testing.T) {
	type q struct {
		text, user string
		at         int
	}
	tests := []struct {
		name   string
		asked  []q
		limit  int
		want   []store.Count
		latest []string
	}{
		{
			name:   "most frequent first",
			asked:  []q{{"a", "1", 1}, {"b", "1", 2}, {"b", "2", 3}, {"c", "1", 4}, {"b", "3", 5}, {"c", "2", 6}},
			want:   []store.Count{{"b", 3, 3, at(5)}, {"c", 2, 2, at(6)}, {"a", 1, 1, at(1)}},
			latest: []string{"c", "b", "c", "b", "b", "a"},
		},
		{
			name:   "ties go to the latest",
			asked:  []q{{"old", "1", 1}, {"new", "1", 3}, {"mid", "1", 2}},
			want:   []store.Count{{"new", 1, 1, at(3)}, {"mid", 1, 1, at(2)}, {"old", 1, 1, at(1)}},
			latest: []string{"mid", "new", "old"}, // recording order, not At order
		},
		{
			name:   "display text is the latest spelling; one student repeating counts one user",
			asked:  []q{{"what is rag", "1", 1}, {"What is RAG?", "1", 2}, {"x", "2", 3}},
			want:   []store.Count{{"What is RAG?", 2, 1, at(2)}, {"x", 1, 1, at(3)}},
			latest: []string{"x", "What is RAG?", "what is rag"},
		},
		{
			name:   "limit cuts both lists",
			asked:  []q{{"a", "1", 1}, {"a", "2", 2}, {"b", "1", 3}, {"c", "", 4}},
			limit:  2,
			want:   []store.Count{{"a", 2, 2, at(2)}, {"c", 1, 0, at(4)}},
			latest: []string{"c", "b"},
		},
		{
			name: "empty store",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, t.TempDir(), store.Options{})
			for _, a := range tt.asked {
				mustQuestion(t, s, store.Question{Text: a.text, UserID: a.user, At: at(a.at)})
			}
			r := report(t, s, tt.limit)
			if !reflect.DeepEqual(r.Frequent, tt.want) {
				t.Errorf("frequent:\n got %+v\nwant %+v", r.Frequent, tt.want)
			}
			if got := latestTexts(r); !reflect.DeepEqual(got, tt.latest) {
				t.Errorf("latest = %q, want %q", got, tt.latest)
			}
		})
	}
}
