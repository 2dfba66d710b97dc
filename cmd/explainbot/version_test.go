package main

import (
	"bytes"
	"context"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/explainbot/explainbot/config"
)

func TestReadVersion(t *testing.T) {
	stamped := &debug.BuildInfo{
		GoVersion: "go1.26.0",
		Main:      debug.Module{Path: "github.com/explainbot/explainbot", Version: "v0.0.0-20260101120000-0a51a6a1b2c3"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0a51a6a1b2c3d4e5f60718293a4b5c6d7e8f9012"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	for _, c := range []struct {
		name            string
		info            *debug.BuildInfo
		version, commit string
		want            string
	}{
		{"stamped build", stamped, "", "",
			"explainbot v0.0.0-20260101120000-0a51a6a1b2c3 (commit 0a51a6a1b2c3d4e5f60718293a4b5c6d7e8f9012, modified) go1.26.0"},
		{"link-time override", stamped, "v1.2.0", "ffffffff",
			"explainbot v1.2.0 (commit ffffffff) go1.26.0"},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "", "",
			"explainbot (devel) (commit unknown) go1.26.0"},
		{"no build info", nil, "", "",
			"explainbot (devel) (commit unknown)"},
		{"version only at link time", nil, "v1.2.0", "",
			"explainbot v1.2.0 (commit unknown)"},
	} {
		if got := readVersion(c.info, c.version, c.commit).String(); got != c.want {
			t.Errorf("%s:\ngot  %s\nwant %s", c.name, got, c.want)
		}
	}
}

// version needs no configuration: it works where the environment is broken.
func TestVersionCommand(t *testing.T) {
	t.Parallel()
	broken := config.Map(map[string]string{"LOG_FORMAT": "xml"})
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"version"}, env{lookup: broken, stdout: &out, stderr: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "explainbot ") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("want one line starting \"explainbot \", got %q", out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"version", "--long"}, env{lookup: broken, stdout: &out, stderr: &errOut}); code != exitUsage {
		t.Errorf("version --long: exit %d, want %d", code, exitUsage)
	}
}
