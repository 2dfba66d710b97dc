package httpapi

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// specDir is Discord's own schemas, in shared/ beside the project.
var specDir = filepath.Join("..", "..", "..", "shared", "discord-spec")

// TestRepliesMatchDiscordSchema validates every fixed reply this package
// can send against Discord's interaction callback schema.
func TestRepliesMatchDiscordSchema(t *testing.T) {
	path := filepath.Join(specDir, "interactions-schemas.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("Discord's schemas are expected at %s: %v", path, err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	const url = "file:///interactions-schemas.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url + "#/x-roots/interactionCallback")
	if err != nil {
		t.Fatalf("compile interactionCallback: %v", err)
	}
	validate := func(body []byte) error {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			return err
		}
		return sch.Validate(v)
	}

	for name, body := range map[string][]byte{
		"pong":               bodyPong,
		"deferred":           bodyDeferred,
		"deferred ephemeral": bodyDeferredEphemeral,
		"apology":            bodyApology,
	} {
		if err := validate(body); err != nil {
			t.Errorf("%s %s does not match Discord's schema: %v", name, body, err)
		}
	}
	// The validator must be able to say no, or the checks above prove nothing.
	tooLong := []byte(`{"type":4,"data":{"content":"` + strings.Repeat("x", 2001) + `"}}`)
	if err := validate(tooLong); err == nil {
		t.Error("a 2001-character message passed the schema")
	}
	if err := validate([]byte(`{"type":"pong"}`)); err == nil {
		t.Error("a string type passed the schema")
	}
}
