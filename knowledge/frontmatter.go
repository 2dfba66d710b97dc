package knowledge

import (
	"bytes"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// frontMatter is an article's YAML front matter: the block between a first
// line "---" and the next line "---" (or "...").
type frontMatter struct {
	title, source, url string
}

// cutFrontMatter splits src into its front matter and the Markdown after
// it. The front matter's lines are blanked in the Markdown returned, so
// every line keeps its number. ok is false when src has no front matter.
func cutFrontMatter(src []byte) (yamlText, markdown []byte, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, src, false
	}
	off := len(first) + 1
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		if t := string(bytes.TrimRight(line, " \t\r")); t == "---" || t == "..." {
			end := off + len(line)
			blank := bytes.Repeat([]byte("\n"), bytes.Count(src[:end], []byte("\n")))
			return src[len(first)+1 : off], append(blank, src[end:]...), true
		}
		off += len(line) + 1
		rest = next
	}
	return nil, src, false // an opening "---" alone is a thematic break
}

// parseFrontMatter reads the front matter's fields, reporting each problem
// at its line: the front matter's lines count from 2, after the "---".
func (p *parse) parseFrontMatter(yamlText []byte) frontMatter {
	var fm frontMatter
	// at is the file's line of a line the YAML library names. The library
	// also breaks lines at a lone "\r", which the file's numbering does
	// not; a line it names past the front matter's last is that last one.
	lines := bytes.Count(yamlText, []byte("\n"))
	at := func(yamlLine int) int { return min(max(yamlLine, 1), max(lines, 1)) + 1 }
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlText, &doc); err != nil {
		line, msg := yamlProblem(err.Error())
		p.problem(at(line), "bad YAML front matter: %s", msg)
		return fm
	}
	if len(doc.Content) == 0 {
		p.problem(1, "no title in front matter")
		return fm
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.problem(at(root.Line), "bad YAML front matter: want keys and values, like title: ...")
		return fm
	}
	// text reads a value that must be text, reporting it at its key's line.
	text := func(key *yaml.Node, v *yaml.Node) string {
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			if v.Tag != "!!null" {
				p.problem(at(key.Line), "%s in front matter is not text", key.Value)
			}
			return ""
		}
		return clean(v.Value)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch k, v := root.Content[i], root.Content[i+1]; k.Value {
		case "title":
			fm.title = text(k, v)
		case "source":
			fm.source = text(k, v)
		case "url":
			fm.url = text(k, v)
		}
	}
	if fm.title == "" && !p.hasProblem("title") {
		p.problem(1, "no title in front matter")
	}
	return fm
}

// hasProblem reports whether a problem mentioning word was reported.
func (p *parse) hasProblem(word string) bool {
	for _, pr := range p.problems {
		if strings.Contains(pr.Msg, word) {
			return true
		}
	}
	return false
}

// yamlProblem splits the YAML library's "yaml: line N: message" into the
// line (counted in the front matter, 1 if it names none) and the message.
func yamlProblem(msg string) (int, string) {
	msg = strings.Join(strings.Fields(msg), " ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(n); err == nil {
				return line, after
			}
		}
	}
	return 1, msg
}
