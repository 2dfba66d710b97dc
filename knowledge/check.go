package knowledge

import (
	"fmt"
	"strconv"
)

// Summary counts what a knowledge directory holds, for `explainbot check`
// to confirm that the files an author wrote are the ones the bot will see.
type Summary struct {
	// Articles counts the files that parsed without a problem.
	Articles int
	// Sections counts the sections of those articles.
	Sections int
	// Comparisons counts their tables.
	Comparisons int
	// Problems counts the problems found in the whole directory.
	Problems int
}

// String reads like "3 articles, 21 sections, 2 comparisons: ok", or ends
// in the number of problems when there are any.
func (s Summary) String() string {
	verdict := "ok"
	if s.Problems > 0 {
		verdict = plural(s.Problems, "problem")
	}
	return fmt.Sprintf("%s, %s, %s: %s", plural(s.Articles, "article"),
		plural(s.Sections, "section"), plural(s.Comparisons, "comparison"), verdict)
}

func plural(n int, word string) string {
	if n != 1 {
		word += "s"
	}
	return strconv.Itoa(n) + " " + word
}

// Check parses every article below dir as LoadDir does and reports what it
// found and every problem, so an author can fix all of them in one pass
// before the bot loads the directory.
func Check(dir string) (Summary, Problems) {
	return CheckLimit(dir, MaxArticleBytes)
}

// CheckLimit is Check with LoadDirLimit's limit on each file's size.
func CheckLimit(dir string, maxBytes int64) (Summary, Problems) {
	arts, ps := loadDir(dir, maxBytes)
	s := Summary{Articles: len(arts), Problems: len(ps)}
	for _, a := range arts {
		s.Sections += len(a.Sections)
		s.Comparisons += len(a.Comparisons)
	}
	return s, ps
}
