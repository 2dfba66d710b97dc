package knowledge

import (
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with an article's source, placed so an editor
// can jump to it.
type Problem struct {
	// Path is the file the problem is in.
	Path string
	// Line is the 1-based line of the problem; 0 means the whole file.
	Line int
	// Msg says what is wrong.
	Msg string
}

// String formats the problem the way compilers do, "path:line: msg", so
// editors and CI logs link it; a whole-file problem is "path: msg".
func (p Problem) String() string {
	if p.Line <= 0 {
		return p.Path + ": " + p.Msg
	}
	return p.Path + ":" + strconv.Itoa(p.Line) + ": " + p.Msg
}

// Problems is every problem found, so an author fixes a file in one pass
// rather than one error per run.
type Problems []Problem

// Error lists the problems one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sortProblems orders problems by file, then line, keeping the order in
// which problems on one line were found.
func sortProblems(ps Problems) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Path != ps[j].Path {
			return ps[i].Path < ps[j].Path
		}
		return ps[i].Line < ps[j].Line
	})
}
