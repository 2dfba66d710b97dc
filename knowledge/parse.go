package knowledge

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxArticleBytes is the largest file Parse accepts. Articles are a few
// kilobytes; goldmark's time grows with the square of nesting depth, so a
// cap keeps one odd file from stalling a load.
const MaxArticleBytes = 1 << 20

// introHeading heads the text that stands before an article's first heading.
const introHeading = "Introduction"

// markdown is shared: goldmark's parser sets itself up once and keeps
// per-document state in the parser.Context, so concurrent Parse calls are safe.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// Parse reads one Markdown article: YAML front matter with a title and an
// optional source, then text under headings of level 1 and 2, each of which
// starts a section. It returns every problem it finds as Problems and no
// article, so a broken file is never half-indexed.
func Parse(path string, src []byte) (*Article, error) {
	if len(src) > MaxArticleBytes {
		return nil, Problems{{Path: path, Msg: fmt.Sprintf("file is %d bytes, over the limit of %d", len(src), MaxArticleBytes)}}
	}
	yamlText, md, hasFront := cutFrontMatter(src)
	p := &parse{
		path:   path,
		src:    md,
		art:    &Article{Path: path},
		seen:   map[string]int{},
		ids:    map[string]bool{},
		suffix: map[string]int{},
		starts: lineStarts(md),
	}
	if hasFront {
		fm := p.parseFrontMatter(yamlText)
		p.art.Title, p.art.Source, p.art.URL = fm.title, fm.source, fm.url
	} else {
		p.problem(1, "no title in front matter")
	}
	doc, err := parseMarkdown(md)
	if err != nil {
		return nil, Problems{{Path: path, Msg: err.Error()}}
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p.block(n, true)
	}
	p.finish()
	if len(p.problems) > 0 {
		sortProblems(p.problems)
		return nil, p.problems
	}
	return p.art, nil
}

// parseMarkdown runs goldmark over src. goldmark is not ours, so a panic
// inside it becomes an error instead of taking the bot down with a bad file.
func parseMarkdown(src []byte) (doc ast.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot parse Markdown: %s", strings.Join(strings.Fields(fmt.Sprint(r)), " "))
		}
	}()
	return markdown.Parser().Parse(text.NewReader(src)), nil
}

// parse holds the state of one Parse call.
type parse struct {
	path     string
	src      []byte
	art      *Article
	problems Problems
	// cur is the index of the section being filled, if hasCur.
	cur    int
	hasCur bool
	// seen maps a folded section heading to its line, to report duplicates.
	seen map[string]int
	// ids holds the section IDs given out so far.
	ids map[string]bool
	// suffix counts the suffixes tried for each ID.
	suffix map[string]int
	// starts holds the offset of each line's first byte.
	starts []int
	// under is the text of the last sub-heading in the current section.
	under string
}

func (p *parse) problem(line int, format string, args ...any) {
	p.problems = append(p.problems, Problem{Path: p.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// block turns one block node into section text. top is true for the
// document's own children, the only place a heading starts a section.
func (p *parse) block(n ast.Node, top bool) {
	switch n := n.(type) {
	case *ast.Heading:
		if top && n.Level <= 2 {
			p.startSection(n)
			return
		}
		if t := p.inline(n); t != "" {
			p.add(Block{Kind: Subheading, Text: t}, n)
			p.under = t
		}
	case *ast.Paragraph, *ast.TextBlock:
		p.add(Block{Kind: Paragraph, Text: p.inline(n)}, n)
	case *ast.List:
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			p.listItem(item, n.IsOrdered())
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		p.add(Block{Kind: Code, Text: p.codeText(n)}, n)
	case *east.Table:
		p.table(n)
	case *ast.HTMLBlock, *ast.ThematicBreak:
		// Markup, not text.
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock {
				p.block(c, false)
			}
		}
	}
}

// listItem adds an item's own text as an Item block, then whatever it
// holds besides (nested lists, code, quotes), so each nested item is a block
// of its own.
func (p *parse) listItem(item ast.Node, ordered bool) {
	c := item.FirstChild()
	var words []string
	for ; c != nil; c = c.NextSibling() {
		if k := c.Kind(); k != ast.KindParagraph && k != ast.KindTextBlock {
			break
		}
		if t := p.inline(c); t != "" {
			words = append(words, t)
		}
	}
	if len(words) > 0 {
		p.add(Block{Kind: Item, Text: strings.Join(words, " "), Ordered: ordered}, item)
	}
	for ; c != nil; c = c.NextSibling() {
		p.block(c, false)
	}
}

// startSection opens the section a level 1 or 2 heading starts.
func (p *parse) startSection(h *ast.Heading) {
	line := p.lineOf(p.pos(h))
	heading := p.inline(h)
	if p.hasCur && h.Level == 2 {
		// A level-1 heading with no text of its own straight above this
		// one titles the sections under it, as front matter does ("# AI
		// in Dentistry" over its "## " sections), and is no empty
		// section: it is dropped, and its heading and ID go with it, so
		// a section may repeat its words ("# Tokens" over "## Tokens" is
		// the section "tokens", not "tokens-2"). A level-2 heading with
		// nothing under it is still a problem.
		if prev := p.art.Sections[p.cur]; prev.Level == 1 && len(prev.Blocks) == 0 {
			if p.seen[strings.ToLower(prev.Heading)] == prev.Line {
				delete(p.seen, strings.ToLower(prev.Heading))
			}
			delete(p.ids, prev.ID)
			p.art.Sections = p.art.Sections[:p.cur]
		}
	}
	if heading == "" {
		p.problem(line, "empty heading")
	} else if first, dup := p.seen[strings.ToLower(heading)]; dup {
		p.problem(line, "duplicate heading %q (first at line %d)", heading, first)
	} else {
		p.seen[strings.ToLower(heading)] = line
	}
	p.art.Sections = append(p.art.Sections, Section{
		ID:      p.uniqueID(slug(heading)),
		Heading: heading,
		Level:   h.Level,
		Line:    line,
	})
	p.cur, p.hasCur = len(p.art.Sections)-1, true
	p.under = ""
}

// add appends a block to the current section, opening the introduction if
// no heading came yet, with its label and the sub-heading it stands under.
// Empty text is dropped.
func (p *parse) add(b Block, n ast.Node) {
	if b.Text == "" {
		return
	}
	s := p.section(n)
	if b.Kind != Subheading {
		b.Under = p.under
	}
	if b.Label == "" && (b.Kind == Item || b.Kind == Paragraph) {
		b.Label = label(b.Text)
	}
	s.Blocks = append(s.Blocks, b)
}

// label is what a line is about by its own account: the "Term" of
// "Term: what it is". Articles define their terms this way. Longer text
// before a colon is a sentence, not a label.
func label(text string) string {
	l, rest, ok := strings.Cut(text, ":")
	l = strings.TrimSpace(l)
	if !ok || strings.TrimSpace(rest) == "" || l == "" || len(l) > maxLabelBytes || len(strings.Fields(l)) > maxLabelWords {
		return ""
	}
	return l
}

// A label is a short phrase.
const (
	maxLabelBytes = 60
	maxLabelWords = 5
)

// section returns the section being filled, opening the introduction at
// n if there is none yet.
func (p *parse) section(n ast.Node) *Section {
	if !p.hasCur {
		p.art.Sections = append(p.art.Sections, Section{
			ID:      p.uniqueID(slug(introHeading)),
			Heading: introHeading,
			Level:   1,
			Line:    p.lineOf(p.pos(n)),
		})
		p.cur, p.hasCur = len(p.art.Sections)-1, true
	}
	return &p.art.Sections[p.cur]
}

// table records a GFM table as a Comparison and adds one block per body
// row, so the table's words are searchable like any other text.
func (p *parse) table(t *east.Table) {
	cols := len(t.Alignments)
	if cols == 0 {
		return
	}
	var c Comparison
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, p.inline(cell))
		}
		if len(cells) == 0 {
			continue
		}
		if r.Kind() == east.KindTableHeader {
			c.Header, c.Subjects = cells[0], cells[1:]
			continue
		}
		if n := p.sourceCells(r.Pos()); n != cols {
			p.problem(p.lineOf(r.Pos()), "table row has %d cells, header has %d", n, cols)
		}
		c.Rows = append(c.Rows, Row{Feature: cells[0], Values: cells[1:]})
	}
	s := p.section(t)
	c.Section, c.Title = s.ID, s.Heading
	p.art.Comparisons = append(p.art.Comparisons, c)
	for _, row := range c.Rows {
		p.add(Block{Kind: TableRow, Text: c.Line(row), Label: row.Feature}, t)
	}
}

// sourceCells counts the cells of the table row whose line starts at off,
// the way goldmark's table parser splits them. goldmark pads short rows and
// cuts long ones without a word, so raggedness shows only in the source.
func (p *parse) sourceCells(off int) int {
	if off < 0 || off > len(p.src) {
		return 0
	}
	line := p.src[off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	n := 0
	for pos < limit {
		end := pos
		for ; end < limit; end++ {
			if line[end] == '|' && (end == 0 || line[end-1] != '\\') {
				break
			}
		}
		n++
		pos = end + 1
	}
	return n
}

// finish reports empty sections and empty files, then cuts passages.
func (p *parse) finish() {
	if len(p.art.Sections) == 0 {
		p.problem(0, "no sections")
	}
	for i := range p.art.Sections {
		s := &p.art.Sections[i]
		if len(s.Blocks) == 0 {
			p.problem(s.Line, "empty section %q", s.Heading)
			continue
		}
		s.Passages = passages(lines(s.Blocks))
	}
}

// inline reduces the inline content of n to plain text: links and
// emphasis to their words, code spans to their code, line breaks to spaces.
func (p *parse) inline(n ast.Node) string {
	var b bytes.Buffer
	p.writeInline(&b, n)
	return clean(b.String())
}

func (p *parse) writeInline(b *bytes.Buffer, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(p.src)
			if !c.IsRaw() {
				v = unescape(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b.Write(c.Value)
			} else {
				b.Write(unescape(c.Value))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Segment.Value(p.src))
				case *ast.String:
					b.Write(t.Value)
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(p.src))
		case *ast.RawHTML, *east.TaskCheckBox:
			// Markup, not text.
		default:
			p.writeInline(b, c)
		}
	}
}

// codeText flattens a code block to one line of text, so its words are
// searchable; a block is one line in Section.Text.
func (p *parse) codeText(n ast.Node) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(p.src))
		b.WriteByte(' ')
	}
	return clean(b.String())
}

// unescape resolves backslash escapes and character references, as
// goldmark's HTML renderer does for text.
func unescape(v []byte) []byte {
	return util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
}

// clean collapses ASCII white space to single spaces and trims space at
// both ends; other characters, typographic ones such as no-break spaces
// included, stay as written. Invalid UTF-8
// becomes U+FFFD so later stages never see it.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
		}
	}
	// Leading and trailing space of any kind (no-break spaces too) is
	// never part of the text.
	out := strings.TrimFunc(b.String(), unicode.IsSpace)
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out
}

// slug makes a heading into an ID: lower-case letters and digits, runs of
// anything else as one dash.
func slug(heading string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(heading) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// uniqueID returns id, or id with the first free "-N" suffix if taken.
// It remembers the last suffix tried for each id, so a file of many equal
// headings costs linear time, not quadratic.
func (p *parse) uniqueID(id string) string {
	out := id
	for p.ids[out] {
		p.suffix[id]++
		out = id + "-" + strconv.Itoa(p.suffix[id]+1)
	}
	p.ids[out] = true
	return out
}

// pos finds where n starts in the source: its own position, else its first
// line, else that of its first child that knows.
func (p *parse) pos(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if v := n.Pos(); v >= 0 {
			return v
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// lineStarts returns the offset of each line's first byte.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf turns a byte offset into a 1-based line number.
func (p *parse) lineOf(off int) int {
	return sort.Search(len(p.starts), func(i int) bool { return p.starts[i] > off })
}
