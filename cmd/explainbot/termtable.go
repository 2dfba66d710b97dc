package main

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/explainbot/explainbot/config"
)

// Terminal layout: tables and titles fitted to the terminal's width, so
// nothing wraps mid-word in an 80-column window.
const (
	// defaultWidth is assumed when $COLUMNS does not say: the classic
	// terminal, and what a pipe or a log gets.
	defaultWidth = 80
	// minWidth keeps the layout sane when $COLUMNS is absurdly small.
	minWidth = 20
	// columnGap is the space between two columns.
	columnGap = 2
	// stackIndent indents a stacked row's values under its name, and
	// stackIndent more the lines a value wraps onto.
	stackIndent = 2
)

// terminalWidth is $COLUMNS when it holds a positive number, else 80.
// Shells set COLUMNS but seldom export it; `COLUMNS=$COLUMNS explainbot
// table` passes the window's width on.
func terminalWidth(lookup config.Lookup) int {
	columns, _ := lookup("COLUMNS")
	n, err := strconv.Atoi(strings.TrimSpace(columns))
	if err != nil || n <= 0 {
		return defaultWidth
	}
	return max(n, minWidth)
}

// textTable is text in columns: a header row and body rows, each as long as
// the header (missing cells are empty).
type textTable struct {
	header []string
	rows   [][]string
}

// write lays t out in at most lineWidth columns. Columns that fit are
// padded to align; otherwise cells wrap at word boundaries (see share for
// who gets the room). When even that does not fit (a column's longest word
// leaves no room for the others), each row is stacked under its first cell
// with its values labelled by their headers.
func (t textTable) write(w io.Writer, lineWidth int) error {
	natural, least := t.columnWidths()
	switch {
	case rowWidth(natural) <= lineWidth:
		return t.writeColumns(w, natural)
	case rowWidth(least) <= lineWidth:
		return t.writeColumns(w, share(natural, least, lineWidth))
	}
	return t.writeStacked(w, lineWidth)
}

// columnWidths returns each column's width unwrapped and its longest word,
// the narrowest it can be without breaking a word.
func (t textTable) columnWidths() (natural, least []int) {
	natural = make([]int, len(t.header))
	least = make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i := range t.header {
			cell := cellAt(row, i)
			natural[i] = max(natural[i], textWidth(cell))
			for _, word := range strings.Fields(cell) {
				least[i] = max(least[i], textWidth(word))
			}
		}
	}
	return natural, least
}

// rowWidth is the width of a line whose columns have the given widths.
func rowWidth(widths []int) int {
	n := columnGap * max(len(widths)-1, 0)
	for _, w := range widths {
		n += w
	}
	return n
}

// share gives each column its least width, then shares out what is left
// of lineWidth: a column that needs no more than an equal share of it gets
// all it needs, so short columns such as a type or a name stay on one line,
// and the rest is split evenly among the columns that must wrap anyway.
func share(natural, least []int, lineWidth int) []int {
	widths := append([]int(nil), least...)
	spare := lineWidth - rowWidth(least)
	var open []int // columns that would still wrap
	for i := range widths {
		if natural[i] > widths[i] {
			open = append(open, i)
		}
	}
	for len(open) > 0 && spare > 0 {
		fair := spare / len(open)
		var still []int
		for _, i := range open {
			if lack := natural[i] - widths[i]; lack <= fair {
				widths[i] = natural[i]
				spare -= lack
			} else {
				still = append(still, i)
			}
		}
		if len(still) == len(open) { // Nobody fits in a fair share: split it.
			for k, i := range open {
				widths[i] += fair
				if k < spare%len(open) {
					widths[i]++
				}
			}
			break
		}
		open = still
	}
	return widths
}

// writeColumns writes the header, a rule under it, and the rows, each cell
// wrapped to its column's width. A row starts where its first cell does, so
// rows of several lines are parted by blank lines only when that is unclear:
// a first cell that is empty or wraps.
func (t textTable) writeColumns(w io.Writer, widths []int) error {
	tall, unclear := false, false
	for _, row := range t.rows {
		for i, n := range widths {
			lines := len(wrap(cellAt(row, i), n))
			tall = tall || lines > 1
			unclear = unclear || i == 0 && (lines > 1 || cellAt(row, 0) == "")
		}
	}
	parted := tall && unclear
	var b strings.Builder
	rule := make([]string, len(widths))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	writeRow(&b, t.header, widths)
	writeRow(&b, rule, widths)
	for i, row := range t.rows {
		if parted && i > 0 {
			b.WriteByte('\n')
		}
		writeRow(&b, row, widths)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRow writes one row as many lines as its tallest cell needs.
func writeRow(b *strings.Builder, row []string, widths []int) {
	cells := make([][]string, len(widths))
	height := 1
	for i, n := range widths {
		cells[i] = wrap(cellAt(row, i), n)
		height = max(height, len(cells[i]))
	}
	for line := range height {
		var l strings.Builder
		for i, n := range widths {
			var text string
			if line < len(cells[i]) {
				text = cells[i][line]
			}
			if i > 0 {
				l.WriteString(strings.Repeat(" ", columnGap))
			}
			l.WriteString(text)
			l.WriteString(strings.Repeat(" ", n-textWidth(text)))
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
}

// writeStacked writes each row as a block: its first cell, then every other
// cell as "Header: value", wrapped with a hanging indent.
//
//	Scope
//	  Generative AI: Works with text, image,
//	    video, audio, and more
func (t textTable) writeStacked(w io.Writer, lineWidth int) error {
	var b strings.Builder
	for r, row := range t.rows {
		if r > 0 {
			b.WriteByte('\n')
		}
		writeWrapped(&b, cellAt(row, 0), "", "", lineWidth)
		for i := 1; i < len(t.header); i++ {
			text := cellAt(row, i)
			if h := t.header[i]; h != "" {
				text = h + ": " + text
			}
			indent := strings.Repeat(" ", stackIndent)
			writeWrapped(&b, text, indent, indent+indent, lineWidth)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeWrapped writes text wrapped to lineWidth, its first line after
// first and the rest after rest.
func writeWrapped(b *strings.Builder, text, first, rest string, lineWidth int) {
	lines := wrap(text, max(lineWidth-textWidth(rest), 1))
	for i, l := range lines {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(rest)
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

// wrap breaks text into lines of at most n columns at spaces. A word longer
// than n is cut, the one case where a word breaks: it cannot fit otherwise.
// Empty text is one empty line.
func wrap(text string, n int) []string {
	var lines []string
	var cur strings.Builder
	curWidth := 0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curWidth = 0
	}
	for _, word := range strings.Fields(text) {
		ww := textWidth(word)
		if curWidth > 0 && curWidth+1+ww > n {
			flush()
		}
		for ww > n { // curWidth is 0 here: the flush above ran.
			head, tail := cutWidth(word, n)
			cur.WriteString(head)
			flush()
			word, ww = tail, textWidth(tail)
		}
		if curWidth > 0 {
			cur.WriteByte(' ')
			curWidth++
		}
		cur.WriteString(word)
		curWidth += ww
	}
	if curWidth > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// cutWidth splits s after as many runes as fit in n columns, at least one.
func cutWidth(s string, n int) (head, tail string) {
	used := 0
	for i, r := range s {
		rw := runeWidth(r)
		if used+rw > n && i > 0 {
			return s[:i], s[i:]
		}
		used += rw
	}
	return s, ""
}

// textWidth is how many terminal columns s takes: two for East Asian wide
// and full-width characters (most emoji too), none for combining marks, one
// for the rest.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r == utf8.RuneError, r < ' ':
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me) || r == '\u200d': // combining marks, zero-width joiner
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// cellAt is row[i], or "" for a short row.
func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}
