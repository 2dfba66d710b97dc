package deploy

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/bot/httpapi"
	"github.com/explainbot/explainbot/config"
)

// The sources of truth: what the binary reads and what it serves. Nothing in
// this package's tests lists variable names or paths of its own.
var (
	knownEnv    = setOf(config.Names())
	servedPaths = setOf(httpapi.Paths)
)

// secretVars must never be written in clear into a committed file.
var secretVars = []string{"DISCORD_TOKEN", "DISCORD_PUBLIC_KEY"}

// binaryPort is the port of the default LISTEN_ADDR, which every file here
// publishes or probes.
const binaryPort = 8080

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func isSecret(name string) bool { return slices.Contains(secretVars, name) }

// problems collects what a check found wrong, so one run reports them all
// and the fixtures in testdata/ can say which one they expect.
type problems []string

func (p *problems) addf(format string, args ...any) {
	*p = append(*p, fmt.Sprintf(format, args...))
}

// checkEnvName reports a variable the binary does not read.
func (p *problems) checkEnvName(where, name string) {
	if !knownEnv[name] {
		p.addf("%s: environment variable %s is not in config.Names()", where, name)
	}
}

// checkPath reports an HTTP path the binary does not serve.
func (p *problems) checkPath(where, path string) {
	if !servedPaths[path] {
		p.addf("%s: path %q is not served by the binary (httpapi.Paths: %v)", where, path, httpapi.Paths)
	}
}

// checkHealthcheck requires a container health check to run the image's
// own binary in exec form: the image has no shell, curl or wget.
func (p *problems) checkHealthcheck(where string, argv []string, binary string) {
	if len(argv) < 2 || argv[0] != binary || argv[1] != "healthcheck" {
		p.addf("%s: healthcheck must be exec form [%q, \"healthcheck\"], got %q", where, binary, argv)
	}
	for _, a := range argv {
		if i := strings.Index(a, "://"); i >= 0 {
			rest := a[i+3:]
			path := "/"
			if j := strings.IndexByte(rest, '/'); j >= 0 {
				path = rest[j:]
			}
			p.checkPath(where+" healthcheck", path)
		}
	}
}

// wants returns the "# want: <substring>" lines of a fixture: the problems
// the checks must report for it.
func wants(data []byte) []string {
	var ws []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if w, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "# want:"); ok {
			ws = append(ws, strings.TrimSpace(w))
		}
	}
	return ws
}

// checkFixtures runs check over every file in dir and requires each file's
// wanted problems among those reported. It shows that the checks the real
// files pass are able to fail.
func checkFixtures(t *testing.T, dir string, check func(path string, data []byte) []string) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ws := wants(data)
			if len(ws) == 0 {
				t.Fatalf("%s has no \"# want:\" line", path)
			}
			got := check(path, data)
			for _, w := range ws {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, w) }) {
					t.Errorf("want a problem containing %q; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

// requireNone fails the test with every problem found in a real file.
func requireNone(t *testing.T, ps []string) {
	t.Helper()
	for _, p := range ps {
		t.Error(p)
	}
}

func TestSourcesOfTruth(t *testing.T) {
	// The secret and message checks are vacuous if the binary no longer
	// reads these names.
	for _, name := range append(slices.Clone(secretVars), messageVars...) {
		if !knownEnv[name] {
			t.Errorf("config.Names() lacks %s", name)
		}
	}
	if len(servedPaths) == 0 {
		t.Error("httpapi.Paths is empty")
	}
}
