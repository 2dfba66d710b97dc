package deploy

import (
	"bufio"
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/config"
)

// envLine is NAME=value, possibly commented out. Both docker compose and
// systemd read that form the same way as long as values are unquoted.
var envLine = regexp.MustCompile(`^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$`)

// lintEnvFile checks an environment file and returns its active settings.
func lintEnvFile(data []byte) (map[string]string, []string) {
	var p problems
	active := map[string]string{}
	mentioned := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		m := envLine.FindStringSubmatch(line)
		if m == nil {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				p.addf("env file line %d: %q is neither a comment nor NAME=value", n, line)
			}
			continue
		}
		commented, name, value := m[1] != "", m[2], m[3]
		mentioned[name] = true
		p.checkEnvName("env file", name)
		if commented {
			continue
		}
		if _, dup := active[name]; dup {
			p.addf("env file line %d: %s is set twice", n, name)
		}
		active[name] = value
		if strings.ContainsAny(value, `"'`) || value != strings.TrimSpace(value) {
			p.addf("env file line %d: %s: quotes and surrounding spaces are read differently by compose and systemd", n, name)
		}
		if isSecret(name) {
			p.addf("env file line %d: %s must stay a commented placeholder in the example", n, name)
		}
		if name == "DATA_DIR" {
			p.addf("env file line %d: DATA_DIR would override the image's /data and the unit's StateDirectory", n)
		}
	}
	for _, name := range config.Names() {
		if !mentioned[name] {
			p.addf("env file does not mention %s", name)
		}
	}
	return active, p
}

func TestEnvExample(t *testing.T) {
	data, err := os.ReadFile("explainbot.env.example")
	if err != nil {
		t.Fatal(err)
	}
	active, ps := lintEnvFile(data)
	requireNone(t, ps)

	// The values left active must be ones the binary accepts, on top of the
	// defaults of everything left commented.
	if _, err := config.Load(config.Map(active)); err != nil {
		t.Errorf("config.Load with explainbot.env.example: %v", err)
	}
}

func TestEnvFileChecksCatch(t *testing.T) {
	checkFixtures(t, "testdata/envfile", func(path string, data []byte) []string {
		_, ps := lintEnvFile(data)
		return ps
	})
}
