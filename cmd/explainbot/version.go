package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// Set at link time to override what the build records, for builds without
// the repository's .git (a container image, a release tarball):
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=$(git rev-parse HEAD)" ./cmd/explainbot
var (
	version string
	commit  string
)

// buildVersion is what `explainbot version` reports.
type buildVersion struct {
	// Version is the module's version: a tag, a pseudo-version, or "(devel)".
	Version string
	// Commit is the VCS revision, empty when the build did not record one.
	Commit string
	// Modified is true when the working tree had uncommitted changes.
	Modified bool
	// Go is the toolchain that built the binary.
	Go string
}

// readVersion takes the version from info (the binary's build information,
// nil when there is none) with the link-time overrides taking precedence.
func readVersion(info *debug.BuildInfo, version, commit string) buildVersion {
	var v buildVersion
	if info != nil {
		v.Version, v.Go = info.Main.Version, info.GoVersion
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Commit = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if version != "" {
		v.Version = version
	}
	if commit != "" {
		// A commit given at link time says nothing of the tree it was built from.
		v.Commit, v.Modified = commit, false
	}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	return v
}

// String reads like "explainbot v1.2.0 (commit 0a51a6a…, modified) go1.26.0".
func (v buildVersion) String() string {
	s := "explainbot " + v.Version
	switch {
	case v.Commit == "":
		s += " (commit unknown)"
	case v.Modified:
		s += " (commit " + v.Commit + ", modified)"
	default:
		s += " (commit " + v.Commit + ")"
	}
	if v.Go != "" {
		s += " " + v.Go
	}
	return s
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: explainbot version")
		return exitUsage
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, readVersion(info, version, commit))
	return exitOK
}
