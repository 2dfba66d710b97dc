package discordspec

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// schemaURL is where the schema file is registered with the compiler; any
// absolute URL works since every $ref inside is file-local.
const schemaURL = "file:///discord-spec/interactions-schemas.json"

// The x-roots this package validates against.
const (
	rootCommands  = "bulkOverwriteCommands"
	rootCallback  = "interactionCallback"
	rootFollowup  = "followupMessage"
	rootEdit      = "editOriginalResponse"
	rootRichEmbed = "richEmbed"
	rootCreate    = "createMessage"
)

var printer = message.NewPrinter(language.English)

// compileRoots compiles each x-root by JSON pointer. Formats are asserted
// (Draft 2020-12 only annotates them by default) so that a malformed embed
// or button URL fails here rather than at Discord.
func compileRoots(doc any) (map[string]*jsonschema.Schema, error) {
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, errors.New("interactions-schemas.json: top level is not an object")
	}
	roots, ok := m["x-roots"].(map[string]any)
	if !ok {
		return nil, errors.New("interactions-schemas.json: no x-roots object")
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("add interactions-schemas.json: %w", err)
	}
	out := map[string]*jsonschema.Schema{}
	for _, name := range []string{rootCommands, rootCallback, rootFollowup, rootEdit, rootRichEmbed, rootCreate} {
		if _, ok := roots[name]; !ok {
			return nil, fmt.Errorf("interactions-schemas.json: x-roots has no %s", name)
		}
		s, err := c.Compile(schemaURL + "#/x-roots/" + name)
		if err != nil {
			return nil, fmt.Errorf("compile x-roots/%s: %w", name, err)
		}
		out[name] = s
	}
	if err := checkDiscriminated(m, roots[rootCallback]); err != nil {
		return nil, err
	}
	return out, nil
}

// merge adds extra's x-roots and components.schemas to doc's, so that
// extra's "#/components/schemas/X" references resolve in one document. A
// name both define is an error: the extracts are meant to share none.
func merge(doc, extra any) error {
	d, _ := doc.(map[string]any)
	e, _ := extra.(map[string]any)
	if d == nil || e == nil {
		return errors.New("top level is not an object")
	}
	for _, path := range [][]string{{"x-roots"}, {"components", "schemas"}} {
		to, from := d, e
		for _, key := range path {
			to, from = obj(to, key), obj(from, key)
		}
		if to == nil || from == nil {
			return fmt.Errorf("no %s object", strings.Join(path, "."))
		}
		for name, v := range from {
			if _, dup := to[name]; dup {
				return fmt.Errorf("%s.%s is defined in both", strings.Join(path, "."), name)
			}
			to[name] = v
		}
	}
	return nil
}

// checkDiscriminated guards an assumption: interactionCallback is written as
// anyOf but marked x-discord-union "oneOf". Validating it as anyOf is exact
// only while every branch pins "type" to values no other branch allows, so
// that at most one branch can match. If a future spec breaks that, loading
// fails instead of quietly accepting ambiguous payloads. (followupMessage's
// branches overlap by design, since Discord tells them apart by endpoint, so
// anyOf is the only workable reading there.)
func checkDiscriminated(doc map[string]any, root any) error {
	r, _ := root.(map[string]any)
	branches, _ := r["anyOf"].([]any)
	if union, _ := r["x-discord-union"].(string); union != "oneOf" || len(branches) == 0 {
		return nil
	}
	schemas, _ := obj(doc, "components")["schemas"].(map[string]any)
	seen := map[string]string{}
	for _, b := range branches {
		ref, _ := b.(map[string]any)["$ref"].(string)
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		s, _ := schemas[name].(map[string]any)
		enum := arr(obj(obj(s, "properties"), "type"), "enum")
		if len(enum) == 0 {
			return fmt.Errorf("interactions-schemas.json: %s branch %s has no type enum; cannot treat the anyOf as oneOf", rootCallback, ref)
		}
		for _, v := range enum {
			key := scalarText(v)
			if other, dup := seen[key]; dup {
				return fmt.Errorf("interactions-schemas.json: %s branches %s and %s both allow type %s", rootCallback, other, name, key)
			}
			seen[key] = name
		}
	}
	return nil
}

// validateSchema validates doc against a compiled root and adds one
// violation per real problem.
func validateSchema(r *report, s *jsonschema.Schema, doc any) {
	err := s.Validate(doc)
	if err == nil {
		return
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		r.add(nil, "schema", "cannot validate: %v", err)
		return
	}
	r.list = append(r.list, collect(ve)...)
}

// collect flattens the validator's error tree. Unions (anyOf/oneOf) are the
// hard part: a button that fails one rule also fails the five select-menu
// branches on its "type", and reporting all of them hides the real problem.
// So at each union the branches whose "type" (or whole value's JSON type)
// does not fit are dropped, and of the rest only those with the fewest
// problems are kept. When no branch fits, the union itself is reported.
func collect(e *jsonschema.ValidationError) []Violation {
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf:
		return collectUnion(e, "anyOf")
	case *kind.OneOf:
		if len(k.Subschemas) > 1 {
			return []Violation{schemaViolation(e, fmt.Sprintf("matches more than one allowed shape (oneOf branches %d and %d)", k.Subschemas[0], k.Subschemas[1]))}
		}
		return collectUnion(e, "oneOf")
	}
	if len(e.Causes) == 0 {
		return []Violation{schemaViolation(e, describe(e.ErrorKind))}
	}
	var out []Violation
	for _, c := range e.Causes {
		out = append(out, collect(c)...)
	}
	return out
}

func collectUnion(e *jsonschema.ValidationError, keyword string) []Violation {
	var best [][]Violation
	bestN := -1
	for _, branch := range e.Causes {
		if mismatched(branch, e.InstanceLocation) {
			continue
		}
		vs := collect(branch)
		switch {
		case bestN < 0 || len(vs) < bestN:
			best, bestN = [][]Violation{vs}, len(vs)
		case len(vs) == bestN:
			best = append(best, vs)
		}
	}
	if bestN < 0 {
		return []Violation{schemaViolation(e, "matches none of the allowed shapes ("+keyword+"): "+whyNone(e))}
	}
	var out []Violation
	for _, vs := range best {
		out = append(out, vs...)
	}
	return out
}

// mismatched reports whether a union branch was rejected for being the wrong
// kind of thing: a wrong JSON type, or a wrong constant, at the union's own
// location (enumerations such as ButtonStyleTypes are oneOf consts), or a
// wrong value of the "type" property that Discord uses as discriminator.
func mismatched(e *jsonschema.ValidationError, loc []string) bool {
	switch e.ErrorKind.(type) {
	case *kind.Type:
		if slices.Equal(e.InstanceLocation, loc) {
			return true
		}
	case *kind.Enum, *kind.Const:
		if discriminates(e, loc) {
			return true
		}
	}
	for _, c := range e.Causes {
		if mismatched(c, loc) {
			return true
		}
	}
	return false
}

// discriminates reports whether e is at the union's location or at its
// "type" property.
func discriminates(e *jsonschema.ValidationError, loc []string) bool {
	return slices.Equal(e.InstanceLocation, loc) || slices.Equal(e.InstanceLocation, append(slices.Clone(loc), "type"))
}

// whyNone summarises why every branch of a union failed, from the
// discriminator errors that mismatched found.
func whyNone(e *jsonschema.ValidationError) string {
	var wants, msgs []string
	var got any
	var where string
	whereOf := func(c *jsonschema.ValidationError) string {
		if len(c.InstanceLocation) > len(e.InstanceLocation) {
			return "type"
		}
		return "value"
	}
	var walk func(c *jsonschema.ValidationError)
	walk = func(c *jsonschema.ValidationError) {
		switch k := c.ErrorKind.(type) {
		case *kind.Enum:
			if discriminates(c, e.InstanceLocation) {
				got, where = k.Got, whereOf(c)
				for _, w := range k.Want {
					wants = append(wants, scalarText(w))
				}
			}
		case *kind.Const:
			if discriminates(c, e.InstanceLocation) {
				got, where = k.Got, whereOf(c)
				wants = append(wants, scalarText(k.Want))
			}
		case *kind.Type:
			if slices.Equal(c.InstanceLocation, e.InstanceLocation) {
				msgs = append(msgs, k.LocalizedString(printer))
			}
		}
		for _, cc := range c.Causes {
			walk(cc)
		}
	}
	walk(e)
	if len(wants) > 0 {
		slices.SortFunc(wants, func(a, b string) int {
			if len(a) != len(b) {
				return len(a) - len(b)
			}
			return strings.Compare(a, b)
		})
		return fmt.Sprintf("%s %s is not one of %s", where, scalarText(got), strings.Join(slices.Compact(wants), ", "))
	}
	slices.Sort(msgs)
	msgs = slices.Compact(msgs)
	if len(msgs) > 0 {
		return strings.Join(msgs, "; ")
	}
	return "see the schema at " + shortSchemaLoc(e)
}

func schemaViolation(e *jsonschema.ValidationError, problem string) Violation {
	return Violation{
		Path:    renderPath(e.InstanceLocation),
		Problem: problem,
		Sources: []string{"schema: " + shortSchemaLoc(e)},
		loc:     slices.Clone(e.InstanceLocation),
	}
}

// shortSchemaLoc names the failing keyword inside the schema file, such as
// "RichEmbed/properties/title/maxLength".
func shortSchemaLoc(e *jsonschema.ValidationError) string {
	_, frag, _ := strings.Cut(e.SchemaURL, "#")
	frag = strings.TrimPrefix(frag, "/components/schemas/")
	frag = strings.TrimPrefix(frag, "/")
	if kw := e.ErrorKind.KeywordPath(); len(kw) > 0 {
		if _, isRef := e.ErrorKind.(*kind.Reference); !isRef {
			frag += "/" + strings.Join(kw, "/")
		}
	}
	return frag
}

// describe words the common schema failures the same way the limits checks
// do, so a maximum stated in both places merges into one violation.
func describe(k jsonschema.ErrorKind) string {
	switch k := k.(type) {
	case *kind.MaxLength:
		return fmt.Sprintf("%d runes > %d", k.Got, k.Want)
	case *kind.MinLength:
		return fmt.Sprintf("%d runes < %d", k.Got, k.Want)
	case *kind.MaxItems:
		return fmt.Sprintf("%d items > %d", k.Got, k.Want)
	case *kind.MinItems:
		return fmt.Sprintf("%d items < %d", k.Got, k.Want)
	case *kind.Maximum:
		return fmt.Sprintf("%s > maximum %s", k.Got.RatString(), k.Want.RatString())
	case *kind.Minimum:
		return fmt.Sprintf("%s < minimum %s", k.Got.RatString(), k.Want.RatString())
	default:
		return k.LocalizedString(printer)
	}
}
