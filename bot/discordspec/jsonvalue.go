package discordspec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The rule checks walk the decoded JSON rather than discordgo structs, so
// they see exactly what goes over the wire (including fields discordgo
// always sends, such as "components": null) and work on raw HTTP bodies too.
// Numbers decode as json.Number to keep 53-bit permission bitfields exact.

// decode parses a payload the way the schema validator wants it.
func decode(body []byte) (any, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("decode payload: %w", err)
	}
	return v, nil
}

// marshal encodes a discordgo value with encoding/json, as discordgo does.
func marshal(what string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("marshal %s: %w", what, err)
	}
	return b, nil
}

// obj returns m[key] as an object, or nil when absent, null or not an object.
func obj(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

// arr returns m[key] as an array, or nil.
func arr(m map[string]any, key string) []any {
	a, _ := m[key].([]any)
	return a
}

// str returns m[key] as a string and whether it was one.
func str(m map[string]any, key string) (string, bool) {
	s, ok := m[key].(string)
	return s, ok
}

// integer returns m[key] as an int64 and whether it was an integer.
func integer(m map[string]any, key string) (int64, bool) {
	n, ok := m[key].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return i, err == nil
}

// boolean reports whether m[key] is true.
func boolean(m map[string]any, key string) bool {
	b, _ := m[key].(bool)
	return b
}

// has reports whether key is present with a non-null value.
func has(m map[string]any, key string) bool {
	v, ok := m[key]
	return ok && v != nil
}

// runes counts characters the way Discord does: code points, not bytes.
func runes(s string) int { return utf8.RuneCountInString(s) }

// trimmedRunes counts an embed text as Discord does for embed limits:
// leading and trailing whitespace is not counted.
func trimmedRunes(s string) int { return runes(strings.TrimSpace(s)) }

// scalarText is the text a choice value contributes to a command's combined
// character count: a string as is, a number as written.
func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}
