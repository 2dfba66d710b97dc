package discordspec

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The files a spec is read from.
const (
	schemaFile  = "interactions-schemas.json"
	messageFile = "message-schemas.json"
	limitsFile  = "limits.json"
)

// copies are the spec files this package carries (see discord-spec/README.md
// for where they came from), so a fresh clone validates with nothing beside
// it. Only tests import this package, so the 200 KB stay out of the binary.
//
//go:embed discord-spec/interactions-schemas.json discord-spec/message-schemas.json discord-spec/limits.json
var copies embed.FS

// Spec holds the compiled schemas and the limits. It is read-only after
// loading and safe for concurrent use, so parallel tests can share one.
type Spec struct {
	roots  map[string]*jsonschema.Schema
	limits *limits
}

// LoadFS reads and compiles interactions-schemas.json (with the Create
// Message schemas of message-schemas.json merged in) and limits.json from
// the root of fsys. Load is the usual way in; LoadFS is for trying other
// copies, such as a newer extract of Discord's spec.
func LoadFS(fsys fs.FS) (*Spec, error) {
	raw, err := fs.ReadFile(fsys, schemaFile)
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	doc, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("load discord spec %s: %w", schemaFile, err)
	}
	rawMessage, err := fs.ReadFile(fsys, messageFile)
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	extra, err := decode(rawMessage)
	if err != nil {
		return nil, fmt.Errorf("load discord spec %s: %w", messageFile, err)
	}
	if err := merge(doc, extra); err != nil {
		return nil, fmt.Errorf("load discord spec: merge %s into %s: %w", messageFile, schemaFile, err)
	}
	roots, err := compileRoots(doc)
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	rawLimits, err := fs.ReadFile(fsys, limitsFile)
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	l, err := parseLimits(rawLimits)
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	return &Spec{roots: roots, limits: l}, nil
}

// load runs once per process: compiling the 200 KB schema file takes a
// noticeable fraction of a second and every test wants the same result.
var load = sync.OnceValues(func() (*Spec, error) {
	sub, err := fs.Sub(copies, "discord-spec")
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	return LoadFS(sub)
})

// Load compiles the spec files this package carries, once per process.
func Load() (*Spec, error) { return load() }

// MustLoad is Load for tests: a broken spec fails the test rather than
// skipping it, because a skipped check looks exactly like a passing one.
func MustLoad(t testing.TB) *Spec {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("discordspec: %v", err)
	}
	return s
}
