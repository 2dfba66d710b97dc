package discordspec

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Violation is one broken rule at one place in a payload.
type Violation struct {
	// Path locates the offending value, JSON-pointer-like but readable:
	// "data.embeds[0].fields[2].value"; "(root)" is the payload itself.
	Path string
	// Problem says what is wrong, with the numbers: "4100 runes > 4096".
	Problem string
	// Sources name where the rule comes from: "limits: message.embed.description",
	// "schema: RichEmbed/properties/description/maxLength" or "ours: no-pings".
	// One problem found by both the schema and limits.json is reported once
	// with both sources.
	Sources []string

	loc []string // path tokens, for sorting
}

// String renders the violation the way Error lists it.
func (v Violation) String() string {
	return fmt.Sprintf("%s: %s [%s]", v.Path, v.Problem, strings.Join(v.Sources, "; "))
}

// Error is what every Validate function returns when a payload breaks rules:
// all violations, not just the first, so one test run shows everything to fix.
type Error struct {
	// Payload names what was checked, such as "interaction response".
	Payload string
	// Violations are sorted by path.
	Violations []Violation
}

// Error lists the violations one per line.
func (e *Error) Error() string {
	var b strings.Builder
	n := len(e.Violations)
	fmt.Fprintf(&b, "discordspec: %s breaks %d rule", e.Payload, n)
	if n != 1 {
		b.WriteByte('s')
	}
	b.WriteByte(':')
	for _, v := range e.Violations {
		b.WriteString("\n  ")
		b.WriteString(v.String())
	}
	return b.String()
}

// report collects violations while one payload is checked.
type report struct {
	list []Violation
}

// add records a violation at loc (JSON tokens; array indexes as decimal
// strings) found by rule source.
func (r *report) add(loc []string, source, format string, args ...any) {
	r.list = append(r.list, Violation{
		Path:    renderPath(loc),
		Problem: fmt.Sprintf(format, args...),
		Sources: []string{source},
		loc:     slices.Clone(loc),
	})
}

// err merges duplicates (same path and problem, for example a maximum that the
// schema and limits.json both state), sorts by path and returns nil when the
// payload is clean.
func (r *report) err(payload string) error {
	if len(r.list) == 0 {
		return nil
	}
	var merged []Violation
	index := map[string]int{}
	for _, v := range r.list {
		key := v.Path + "\x00" + v.Problem
		if i, ok := index[key]; ok {
			for _, s := range v.Sources {
				if !slices.Contains(merged[i].Sources, s) {
					merged[i].Sources = append(merged[i].Sources, s)
				}
			}
			continue
		}
		index[key] = len(merged)
		merged = append(merged, v)
	}
	slices.SortStableFunc(merged, func(a, b Violation) int {
		if c := compareLoc(a.loc, b.loc); c != 0 {
			return c
		}
		return strings.Compare(a.Problem, b.Problem)
	})
	return &Error{Payload: payload, Violations: merged}
}

// renderPath turns JSON tokens into "data.embeds[0].title". Tokens that are
// decimal numbers are taken as array indexes; callers only build paths from
// the payload's own structure, where object keys are never numbers.
func renderPath(loc []string) string {
	if len(loc) == 0 {
		return "(root)"
	}
	var b strings.Builder
	for _, tok := range loc {
		if isIndex(tok) {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

func isIndex(tok string) bool {
	if tok == "" {
		return false
	}
	_, err := strconv.Atoi(tok)
	return err == nil
}

// compareLoc orders paths so that a parent comes before its children and
// [2] before [10].
func compareLoc(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] == b[i] {
			continue
		}
		if isIndex(a[i]) && isIndex(b[i]) {
			x, _ := strconv.Atoi(a[i])
			y, _ := strconv.Atoi(b[i])
			return cmp.Compare(x, y)
		}
		return strings.Compare(a[i], b[i])
	}
	return cmp.Compare(len(a), len(b))
}

// at extends a location without aliasing the caller's slice.
func at(loc []string, toks ...any) []string {
	out := make([]string, 0, len(loc)+len(toks))
	out = append(out, loc...)
	for _, t := range toks {
		switch t := t.(type) {
		case string:
			out = append(out, t)
		case int:
			out = append(out, strconv.Itoa(t))
		default:
			panic(fmt.Sprintf("discordspec: path token %T", t))
		}
	}
	return out
}
