package deploy

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unit is a parsed systemd unit: section, then key, then every assignment
// in order.
type unit map[string]map[string][]string

func parseUnit(data []byte) (unit, problems) {
	var p problems
	u := unit{}
	section := ""
	var cont strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutSuffix(line, `\`); ok {
			cont.WriteString(rest + " ")
			continue
		}
		line = cont.String() + line
		cont.Reset()
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = strings.Trim(line, "[]")
			u[section] = map[string][]string{}
		case section == "":
			p.addf("unit line %d: assignment outside a section", n)
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				p.addf("unit line %d: %q is not Key=Value", n, line)
				continue
			}
			k = strings.TrimSpace(k)
			u[section][k] = append(u[section][k], strings.TrimSpace(v))
		}
	}
	return u, p
}

// serviceSettings are the [Service] settings the unit must make, exactly
// once each: how it finds its environment and state, how it reloads and
// restarts, and its sandbox.
var serviceSettings = []struct{ key, value string }{
	{"EnvironmentFile", "/etc/explainbot/explainbot.env"},
	{"DynamicUser", "yes"},
	{"StateDirectory", "explainbot"},
	{"ExecReload", "/bin/kill -HUP $MAINPID"},
	{"Restart", "on-failure"},
	{"NoNewPrivileges", "yes"},
	{"ProtectSystem", "strict"},
	{"ProtectHome", "yes"},
	{"PrivateTmp", "yes"},
	{"PrivateDevices", "yes"},
	{"ProtectKernelTunables", "yes"},
	{"ProtectKernelModules", "yes"},
	{"ProtectControlGroups", "yes"},
	{"RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"},
	{"RestrictNamespaces", "yes"},
	{"LockPersonality", "yes"},
	{"MemoryDenyWriteExecute", "yes"},
	{"SystemCallFilter", "@system-service"},
	{"CapabilityBoundingSet", ""},
}

func lintUnit(data []byte) []string {
	u, p := parseUnit(data)
	svc := u["Service"]
	if svc == nil {
		p.addf("unit: no [Service] section")
		return p
	}
	for _, s := range serviceSettings {
		if got := svc[s.key]; len(got) != 1 || got[0] != s.value {
			p.addf("unit: [Service] %s= must be set once to %q, got %q", s.key, s.value, got)
		}
	}

	exec := svc["ExecStart"]
	if len(exec) != 1 || !filepath.IsAbs(strings.Fields(exec[0] + " x")[0]) || !strings.HasSuffix(exec[0], " serve") {
		p.addf("unit: ExecStart= must run an absolute path with serve, got %q", exec)
	}

	env := map[string]string{}
	for _, assignment := range svc["Environment"] {
		for _, kv := range strings.Fields(assignment) {
			k, v, _ := strings.Cut(strings.Trim(kv, `"`), "=")
			env[k] = v
			p.checkEnvName("unit Environment=", k)
			if isSecret(k) {
				p.addf("unit: %s belongs in the EnvironmentFile (mode 0600), not in the world-readable unit", k)
			}
		}
	}
	if want := "/var/lib/" + strings.Join(svc["StateDirectory"], ""); env["DATA_DIR"] != want {
		p.addf("unit: Environment=DATA_DIR=%s, want the StateDirectory %s", env["DATA_DIR"], want)
	}
	if len(u["Install"]["WantedBy"]) == 0 {
		p.addf("unit: no [Install] WantedBy=, so systemctl enable does nothing")
	}
	return p
}

func TestSystemdUnit(t *testing.T) {
	data, err := os.ReadFile("systemd/explainbot.service")
	if err != nil {
		t.Fatal(err)
	}
	requireNone(t, lintUnit(data))
}

func TestSystemdChecksCatch(t *testing.T) {
	checkFixtures(t, "testdata/systemd", func(path string, data []byte) []string {
		return lintUnit(data)
	})
}
