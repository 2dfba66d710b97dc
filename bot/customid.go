package bot

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/explainbot/explainbot/internal/snowflake"
	"github.com/explainbot/explainbot/knowledge"
)

// Button custom IDs carry everything a press needs, so any replica (or the
// same one after a restart or a reload) can act on it without shared state:
//
//	x1:full:<article>:<section>:<sum>   the whole section, ephemeral
//	x1:tbl:<article>:<table>:<sum>      a whole comparison, ephemeral
//	x1:fb:y:<article>:<section>:<sum>   "Helpful" on an answer from that section
//	x1:fb:n:<article>:<section>:<sum>   "Not helpful"
//	x1:dis:<asker>                      delete the answer; asker is a user ID
//
// <article> is articleKey of the article's path, <section> and <table> are
// positions in Article.Sections and Article.Comparisons, and <sum> is a
// short checksum of what stood there (the section's ID; the comparison's
// section and title). A press finds the section at that position when the
// checksum agrees, else the one section the checksum names, so a reload
// that reorders an article cannot send a vote or a "Full section" to a
// neighbour; a section or article since removed says the answer has
// moved. IDs without <sum>, from before it existed, go by position.
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
	sum     string // checksum of what stood at pos; "" in old IDs
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
		return strings.Join(withSum([]string{idPrefix, actFeed, vote, id.article, strconv.Itoa(id.pos)}, id.sum), ":")
	}
	return strings.Join(withSum([]string{idPrefix, id.action, id.article, strconv.Itoa(id.pos)}, id.sum), ":")
}

func withSum(parts []string, sum string) []string {
	if sum == "" {
		return parts
	}
	return append(parts, sum)
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
		if len(rest) != 1 || !snowflake.Valid(rest[0]) {
			return buttonID{}, fmt.Errorf("parse custom ID %q: want a user ID", s)
		}
		id.asker = rest[0]
		return id, nil
	case actFeed:
		if len(rest) < 1 || (rest[0] != "y" && rest[0] != "n") {
			return buttonID{}, fmt.Errorf("parse custom ID %q: want y or n, article and section", s)
		}
		id.helpful = rest[0] == "y"
		rest = rest[1:]
	case actFull, actTable:
	default:
		return buttonID{}, fmt.Errorf("parse custom ID %q: unknown action %q", s, id.action)
	}
	if len(rest) == 3 {
		if !isSum(rest[2]) {
			return buttonID{}, fmt.Errorf("parse custom ID %q: bad checksum", s)
		}
		id.sum, rest = rest[2], rest[:2]
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

// sumLen is how many hex digits a checksum has: 16 bits tell an article's
// sections apart, and a clash only sends a press by position.
const sumLen = 4

// checksum is sumLen hex digits of FNV-1a over s.
func checksum(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())[:sumLen]
}

func isSum(s string) bool {
	if len(s) != sumLen {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// sectionSum and tableSum are the checksums of what a button names.
func sectionSum(s knowledge.Section) string   { return checksum(s.ID) }
func tableSum(c *knowledge.Comparison) string { return checksum(c.Section + "\x00" + c.Title) }

// find is the position in a list of n things that the ID names: pos when
// the checksum agrees there (or the ID has none), else the one position
// whose checksum is the ID's, else false.
func (id buttonID) find(n int, sumAt func(int) string) (int, bool) {
	if id.pos < n && (id.sum == "" || sumAt(id.pos) == id.sum) {
		return id.pos, true
	}
	if id.sum == "" {
		return 0, false
	}
	found := -1
	for i := range n {
		if sumAt(i) == id.sum {
			if found >= 0 {
				return 0, false // two candidates: neither is surely the one
			}
			found = i
		}
	}
	return found, found >= 0
}

// section is the position of the section the ID names in art.
func (id buttonID) section(art *knowledge.Article) (int, bool) {
	return id.find(len(art.Sections), func(i int) string { return sectionSum(art.Sections[i]) })
}

// comparison is the position of the comparison the ID names in art.
func (id buttonID) comparison(art *knowledge.Article) (int, bool) {
	return id.find(len(art.Comparisons), func(i int) string { return tableSum(&art.Comparisons[i]) })
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
