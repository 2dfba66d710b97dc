package knowledge

import (
	"path/filepath"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		dir, summary string
		problems     int
	}{
		{filepath.Join("testdata", "notes"), "2 articles, 4 sections, 1 comparison: ok", 0},
		{filepath.Join("testdata", "broken"), "0 articles, 0 sections, 0 comparisons: 10 problems", 10},
		{filepath.Join("testdata", "no-such-dir"), "0 articles, 0 sections, 0 comparisons: 1 problem", 1},
	} {
		s, ps := Check(tc.dir)
		if s.String() != tc.summary || len(ps) != tc.problems {
			t.Errorf("Check(%q) = %q with %d problems, want %q with %d:\n%v", tc.dir, s, len(ps), tc.summary, tc.problems, ps)
		}
	}
}

func TestSummaryString(t *testing.T) {
	s := Summary{Articles: 3, Sections: 21, Comparisons: 2}
	if got, want := s.String(), "3 articles, 21 sections, 2 comparisons: ok"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
