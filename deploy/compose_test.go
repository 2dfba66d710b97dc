package deploy

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// strs reads a compose value that is a string or a list of strings.
func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

// composeEnv reads an environment: block, map or KEY=value list form.
func composeEnv(v any) map[string]string {
	env := map[string]string{}
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			env[k] = fmt.Sprint(val)
		}
	case []any:
		for _, e := range x {
			k, val, _ := strings.Cut(fmt.Sprint(e), "=")
			env[k] = val
		}
	}
	return env
}

// lintCompose checks docker-compose.yml; dir is its directory, against
// which the build context resolves, and binary the image's ENTRYPOINT.
func lintCompose(dir string, data []byte, binary string) []string {
	var p problems
	var doc map[string]any
	if err := yaml.UnmarshalStrict(data, &doc); err != nil {
		p.addf("compose: %v", err)
		return p
	}
	services, _ := doc["services"].(map[string]any)
	svc, ok := services["explainbot"].(map[string]any)
	if !ok {
		p.addf("compose: no services.explainbot")
		return p
	}
	declared, _ := doc["volumes"].(map[string]any)

	build, _ := svc["build"].(map[string]any)
	context, _ := build["context"].(string)
	dockerfile, _ := build["dockerfile"].(string)
	if fi, err := os.Stat(filepath.Join(dir, context, dockerfile)); context == "" || dockerfile == "" || err != nil || fi.IsDir() {
		p.addf("compose: build context %q dockerfile %q is not a file", context, dockerfile)
	}

	if !slices.Contains(strs(svc["env_file"]), "explainbot.env") {
		p.addf("compose: env_file must include explainbot.env, got %v", svc["env_file"])
	}
	if svc["restart"] != "unless-stopped" {
		p.addf("compose: restart must be unless-stopped, got %v", svc["restart"])
	}

	published := false
	for _, port := range strs(svc["ports"]) {
		spec, _, _ := strings.Cut(port, "/")
		f := strings.Split(spec, ":")
		published = published || f[len(f)-1] == fmt.Sprint(binaryPort)
	}
	if !published {
		p.addf("compose: no port mapping to container port %d", binaryPort)
	}

	named := false
	for _, v := range strs(svc["volumes"]) {
		f := strings.Split(v, ":")
		if len(f) >= 2 && f[1] == "/data" {
			_, isNamed := declared[f[0]]
			named = isNamed
		}
	}
	if !named {
		p.addf("compose: /data must be a named volume declared under top-level volumes:")
	}

	hc, _ := svc["healthcheck"].(map[string]any)
	test, isList := hc["test"].([]any)
	switch {
	case hc == nil:
		p.addf("compose: no healthcheck")
	case !isList || len(test) == 0 || test[0] != "CMD":
		p.addf("compose: healthcheck test must be [\"CMD\", ...]: the image has no shell, got %v", hc["test"])
	default:
		p.checkHealthcheck("compose", strs(test[1:]), binary)
	}

	for name, val := range composeEnv(svc["environment"]) {
		p.checkEnvName("compose environment", name)
		if isSecret(name) {
			p.addf("compose: %s belongs in explainbot.env, not in environment:", name)
		}
		if name == "DATA_DIR" && val != "/data" {
			p.addf("compose: DATA_DIR %q is not the /data volume", val)
		}
	}
	return p
}

func TestCompose(t *testing.T) {
	data, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	requireNone(t, lintCompose(".", data, readImage(t).binary))
}

func TestComposeChecksCatch(t *testing.T) {
	checkFixtures(t, "testdata/compose", func(path string, data []byte) []string {
		return lintCompose(filepath.Dir(path), data, readImage(t).binary)
	})
}
