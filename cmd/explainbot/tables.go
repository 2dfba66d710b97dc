package main

import (
	"io"
	"strings"

	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/knowledge"
)

// The tables the commands print, each fitted to the terminal by textTable.

// comparisonTable is a comparison with its header row first.
func comparisonTable(c *knowledge.Comparison) textTable {
	t := textTable{header: append([]string{c.Header}, c.Subjects...)}
	for _, r := range c.Rows {
		t.rows = append(t.rows, append([]string{r.Feature}, r.Values...))
	}
	return t
}

// environmentTable lists every environment variable with its type, default
// and description, for `explainbot help`.
func environmentTable() textTable {
	t := textTable{header: []string{"VARIABLE", "TYPE", "DEFAULT", "DESCRIPTION"}}
	for _, v := range config.Vars() {
		t.rows = append(t.rows, []string{v.Name, v.Type, v.Default, v.Desc})
	}
	return t
}

// writeTitle writes a line of text wrapped at word boundaries to lineWidth.
func writeTitle(w io.Writer, title string, lineWidth int) error {
	var b strings.Builder
	writeWrapped(&b, title, "", "", lineWidth)
	_, err := io.WriteString(w, b.String())
	return err
}
