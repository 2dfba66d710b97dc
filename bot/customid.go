package bot

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/explainbot/explainbot/knowledge"
)

// Button custom IDs carry everything a press needs, so any replica (or the
// same one after a restart or a reload) can act on it without shared state:
//
//	x1:full:<article>:<section>   the whole section, ephemeral
//	x1:tbl:<article>:<table>      a whole comparison, ephemeral
//	x1:fb:y:<article>:<section>   "Helpful" on an answer from that section
//	x1:fb:n:<article>:<section>   "Not helpful"
//	x1:dis:<asker>                delete the answer; asker is a user ID
//
// <article> is articleKey of the article's path, <section> and <table> are
// positions in Article.Sections and Article.Comparisons. A reload that
// reorders an article can make an old button open a neighbouring section,
// which is harmless; a removed article makes it say the answer has moved.
const idPrefix = "x1"

// Button actions.
const (
	actFull    = "full"
	actTable   = "tbl"
	actFeed    = "fb"
	actDismiss = "dis"
)

// articleKey is a short, stable name for an article in a custom ID: eight hex
// digits of FNV-1a over its path.
func articleKey(path string) string {
	h := fnv.New32a()
	h.Write([]byte(path))
	return fmt.Sprintf("%08x", h.Sum32())
}

// buttonID is a parsed custom ID.
type buttonID struct {
	action  string
	helpful bool   // for actFeed
	article string // articleKey
	pos     int    // section or comparison position
	asker   string // for actDismiss
}

func (id buttonID) String() string {
	switch id.action {
	case actDismiss:
		return strings.Join([]string{idPrefix, actDismiss, id.asker}, ":")
	case actFeed:
		vote := "n"
		if id.helpful {
			vote = "y"
		}
		return strings.Join([]string{idPrefix, actFeed, vote, id.article, strconv.Itoa(id.pos)}, ":")
	}
	return strings.Join([]string{idPrefix, id.action, id.article, strconv.Itoa(id.pos)}, ":")
}

// parseButtonID reads a custom ID made by buttonID.String.
func parseButtonID(s string) (buttonID, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 3 || parts[0] != idPrefix {
		return buttonID{}, fmt.Errorf("parse custom ID %q: unknown format", s)
	}
	id := buttonID{action: parts[1]}
	rest := parts[2:]
	switch id.action {
	case actDismiss:
		if len(rest) != 1 || !isSnowflake(rest[0]) {
			return buttonID{}, fmt.Errorf("parse custom ID %q: want a user ID", s)
		}
		id.asker = rest[0]
		return id, nil
	case actFeed:
		if len(rest) != 3 || (rest[0] != "y" && rest[0] != "n") {
			return buttonID{}, fmt.Errorf("parse custom ID %q: want y or n, article and section", s)
		}
		id.helpful = rest[0] == "y"
		rest = rest[1:]
	case actFull, actTable:
	default:
		return buttonID{}, fmt.Errorf("parse custom ID %q: unknown action %q", s, id.action)
	}
	if len(rest) != 2 {
		return buttonID{}, fmt.Errorf("parse custom ID %q: want article and position", s)
	}
	pos, err := strconv.Atoi(rest[1])
	if err != nil || pos < 0 {
		return buttonID{}, fmt.Errorf("parse custom ID %q: bad position", s)
	}
	id.article, id.pos = rest[0], pos
	return id, nil
}

// findArticle returns the article whose key is key.
func findArticle(articles []*knowledge.Article, key string) *knowledge.Article {
	for _, a := range articles {
		if articleKey(a.Path) == key {
			return a
		}
	}
	return nil
}

// sectionPos is the position of the section with ID id in a, or -1.
func sectionPos(a *knowledge.Article, id string) int {
	for i, s := range a.Sections {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// comparisonPos is the position of c in a, matched by section and title, or -1.
func comparisonPos(a *knowledge.Article, c *knowledge.Comparison) int {
	if c == nil {
		return -1
	}
	for i := range a.Comparisons {
		if a.Comparisons[i].Section == c.Section && a.Comparisons[i].Title == c.Title {
			return i
		}
	}
	return -1
}
