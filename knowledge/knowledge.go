// Package knowledge holds what explainbot knows: articles split into
// sections, and the comparison tables they contain. It parses Markdown
// articles and ships the built-in one. It knows nothing of search or Discord.
package knowledge

import "strings"

// Article is one source document: a title, where it came from, and its
// sections in reading order.
type Article struct {
	// Title is the article's title from its front matter.
	Title string
	// Source is where the article came from (a citation, or a URL).
	Source string
	// URL links the article's page, when its front matter gives one.
	URL string
	// Path is the file the article was read from ("builtin" for the built-in one).
	Path string
	// Sections are the article's sections in order; the text before the first
	// heading is a section headed "Introduction".
	Sections []Section
	// Comparisons are the article's tables, in order.
	Comparisons []Comparison
}

// Section is the text under one heading.
type Section struct {
	// ID is unique within the article: a slug of the heading.
	ID string
	// Heading is the heading's own words.
	Heading string
	// Level is the heading level (1-6); the introduction has level 1.
	Level int
	// Line is the 1-based line of the heading in the source file.
	Line int
	// Blocks are the section's paragraphs, list items, sub-headings, table
	// rows and code, in order, as plain text.
	Blocks []Block
	// Passages are the section's text cut into overlapping pieces of a few
	// hundred words for indexing; a short section is one passage.
	Passages []string
}

// Block is one paragraph, list item, sub-heading, table row or code block.
type Block struct {
	// Kind says which.
	Kind BlockKind
	// Text is the block's plain text: a list item without its marker, a
	// table row as "Feature: Subject: value; Subject: value".
	Text string
	// Label is what the block says it is about by its own account: the
	// "Bias & fairness" of an item "Bias & fairness: are concerns ...", a
	// row's feature. Empty when the block does not say.
	Label string `json:",omitempty"`
	// Under is the text of the sub-heading the block stands under, if any.
	Under string `json:",omitempty"`
	// Ordered marks an item of a numbered list: a step, as often as not.
	Ordered bool `json:",omitempty"`
}

// BlockKind tells blocks apart.
type BlockKind int

// The kinds of block.
const (
	Paragraph BlockKind = iota
	Item
	Subheading
	TableRow
	Code
)

var blockKinds = [...]string{"paragraph", "item", "subheading", "row", "code"}

func (k BlockKind) String() string {
	if k >= 0 && int(k) < len(blockKinds) {
		return blockKinds[k]
	}
	return "unknown"
}

// MarshalText names the kind in JSON.
func (k BlockKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Line is the block as one line of the section's text: a list item with its
// "- " marker, anything else as it stands.
func (b Block) Line() string {
	if b.Kind == Item {
		return "- " + b.Text
	}
	return b.Text
}

// Text is the section's whole text, one block a line.
func (s Section) Text() string {
	lines := make([]string, len(s.Blocks))
	for i, b := range s.Blocks {
		lines[i] = b.Line()
	}
	return strings.Join(lines, "\n")
}

// Comparison is a table that compares subjects feature by feature.
type Comparison struct {
	// Section is the ID of the section the table stands in.
	Section string
	// Title is the heading of that section.
	Title string
	// Header is the first header cell ("Feature").
	Header string
	// Subjects are the compared things, the table's other header cells.
	Subjects []string
	// Rows are the table's body rows.
	Rows []Row
}

// Row is one feature of a comparison and its value for each subject.
type Row struct {
	// Feature is the first cell ("Scope").
	Feature string
	// Values holds one cell per subject, in the order of Comparison.Subjects.
	Values []string
}

// Row returns the row whose feature equals name, ignoring case.
func (c Comparison) Row(name string) (Row, bool) {
	for _, r := range c.Rows {
		if strings.EqualFold(strings.TrimSpace(r.Feature), strings.TrimSpace(name)) {
			return r, true
		}
	}
	return Row{}, false
}

// Line writes row as a section's text holds it: "Feature: Subject: value;
// Subject: value", empty cells left out.
func (c Comparison) Line(row Row) string {
	var parts []string
	for i, v := range row.Values {
		if v == "" || i >= len(c.Subjects) {
			continue
		}
		if c.Subjects[i] == "" {
			parts = append(parts, v)
		} else {
			parts = append(parts, c.Subjects[i]+": "+v)
		}
	}
	switch {
	case len(parts) == 0:
		return row.Feature
	case row.Feature == "":
		return strings.Join(parts, "; ")
	}
	return row.Feature + ": " + strings.Join(parts, "; ")
}
