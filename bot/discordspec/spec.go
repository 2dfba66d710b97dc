package discordspec

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Spec holds the compiled schemas and the limits. It is read-only after
// loading and safe for concurrent use, so parallel tests can share one.
type Spec struct {
	// Dir is where the spec files were read from.
	Dir string

	roots  map[string]*jsonschema.Schema
	limits *limits
}

// LoadDir reads and compiles the spec files in dir.
func LoadDir(dir string) (*Spec, error) {
	raw, err := os.ReadFile(filepath.Join(dir, schemaFile))
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	doc, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("load discord spec %s: %w", schemaFile, err)
	}
	roots, err := compileRoots(doc)
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	rawLimits, err := os.ReadFile(filepath.Join(dir, limitsFile))
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	l, err := parseLimits(rawLimits)
	if err != nil {
		return nil, fmt.Errorf("load discord spec: %w", err)
	}
	return &Spec{Dir: dir, roots: roots, limits: l}, nil
}

// load runs once per process: compiling the 200 KB schema file takes a
// noticeable fraction of a second and every test wants the same result.
var load = sync.OnceValues(func() (*Spec, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	return LoadDir(dir)
})

// Load finds the spec directory (see Dir) and compiles it once per process.
func Load() (*Spec, error) { return load() }

// MustLoad is Load for tests: a missing or broken spec fails the test rather
// than skipping it, because a skipped check looks exactly like a passing one.
func MustLoad(t testing.TB) *Spec {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("discordspec: %v", err)
	}
	return s
}
