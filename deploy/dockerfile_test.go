package deploy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	line int
	cmd  string // upper case
	args string
}

// parseDockerfile splits a Dockerfile into instructions. Comment lines are
// dropped, inside continuations too, as Docker does.
func parseDockerfile(data []byte) []instruction {
	var (
		out   []instruction
		cur   strings.Builder
		start int
	)
	flush := func() {
		cmd, args, _ := strings.Cut(strings.TrimSpace(cur.String()), " ")
		out = append(out, instruction{start, strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if rest, ok := strings.CutSuffix(t, `\`); ok {
			cur.WriteString(rest + " ")
			continue
		}
		cur.WriteString(t)
		flush()
	}
	if cur.Len() > 0 {
		flush()
	}
	return out
}

// stage is one FROM and the instructions up to the next.
type stage struct {
	from, name string
	ins        []instruction
}

func stagesOf(ins []instruction) []stage {
	var ss []stage
	for _, in := range ins {
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			s := stage{from: f[0]}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				s.name = f[2]
			}
			ss = append(ss, s)
			continue
		}
		if len(ss) > 0 {
			ss[len(ss)-1].ins = append(ss[len(ss)-1].ins, in)
		}
	}
	return ss
}

// execForm decodes a JSON-array (exec form) argument list.
func execForm(args string) ([]string, bool) {
	var argv []string
	if json.Unmarshal([]byte(args), &argv) != nil || len(argv) == 0 {
		return nil, false
	}
	return argv, true
}

// image is what the other files must agree with.
type image struct {
	binary string // ENTRYPOINT's program
	uid    int
}

// lintDockerfile checks the Dockerfile; root is the build context, where
// the package it builds must exist.
func lintDockerfile(root string, data []byte) (image, []string) {
	var (
		p   problems
		img image
	)
	ss := stagesOf(parseDockerfile(data))
	if len(ss) < 2 {
		p.addf("Dockerfile: want a multi-stage build, got %d stages", len(ss))
		return img, p
	}

	build := ss[0]
	if !strings.HasPrefix(build.from, "golang:1.26") || build.name == "" {
		p.addf("Dockerfile: the first stage must be FROM golang:1.26 AS <name>, got %q AS %q", build.from, build.name)
	}
	// Layer caching: modules are downloaded before the source is copied.
	step := func(match func(instruction) bool) int { return slices.IndexFunc(build.ins, match) }
	copyMod := step(func(in instruction) bool {
		f := strings.Fields(in.args)
		return in.cmd == "COPY" && slices.Contains(f, "go.mod") && slices.Contains(f, "go.sum") && !slices.Contains(f, ".")
	})
	download := step(func(in instruction) bool { return in.cmd == "RUN" && strings.Contains(in.args, "go mod download") })
	copyAll := step(func(in instruction) bool { return in.cmd == "COPY" && strings.HasPrefix(in.args, ". ") })
	if copyMod < 0 || download < copyMod || copyAll < download {
		p.addf("Dockerfile: want COPY go.mod go.sum, then RUN go mod download, then COPY . . (layer caching)")
	}
	goBuild := step(func(in instruction) bool { return in.cmd == "RUN" && strings.Contains(in.args, "go build") })
	if goBuild < 0 {
		p.addf("Dockerfile: the first stage runs no go build")
	} else {
		args := build.ins[goBuild].args
		for _, want := range []string{"CGO_ENABLED=0", "-trimpath", `-ldflags="-s -w"`} {
			if !strings.Contains(args, want) {
				p.addf("Dockerfile: go build lacks %s", want)
			}
		}
		pkg := ""
		for _, f := range strings.Fields(args) {
			if strings.HasPrefix(f, "./cmd/") {
				pkg = f
			}
		}
		if pkg == "" {
			p.addf("Dockerfile: go build names no ./cmd/ package")
		} else if fi, err := os.Stat(filepath.Join(root, pkg)); err != nil || !fi.IsDir() {
			p.addf("Dockerfile: go build builds %s, which is not a directory of the build context", pkg)
		}
	}

	final := ss[len(ss)-1]
	if final.from != "gcr.io/distroless/static-debian12:nonroot" && final.from != "scratch" {
		p.addf("Dockerfile: the final stage must be distroless static nonroot or scratch, got %s", final.from)
	}
	var (
		volumes, exposed []string
		env              = map[string]string{}
		copied           []string
		health, entry    []string
		cmd              instruction
		sawHealth        bool
	)
	img.uid = -1
	for _, in := range final.ins {
		switch in.cmd {
		case "USER":
			uid, _, _ := strings.Cut(in.args, ":")
			n, err := strconv.Atoi(uid)
			if err != nil || n == 0 {
				p.addf("Dockerfile: USER %s must be a numeric non-root UID (runAsNonRoot cannot check a name)", in.args)
				n = -2 // reported here, not again below
			}
			img.uid = n
		case "EXPOSE":
			exposed = append(exposed, strings.Fields(in.args)...)
		case "VOLUME":
			if v, ok := execForm(in.args); ok {
				volumes = append(volumes, v...)
			} else {
				volumes = append(volumes, strings.Fields(in.args)...)
			}
		case "ENV":
			for _, kv := range strings.Fields(in.args) {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					p.addf("Dockerfile: ENV %s: use the KEY=value form", in.args)
					break
				}
				env[k] = v
				p.checkEnvName("Dockerfile ENV", k)
				if isSecret(k) {
					p.addf("Dockerfile: ENV %s bakes a secret into the image", k)
				}
			}
		case "COPY":
			if f := strings.Fields(in.args); len(f) > 0 {
				copied = append(copied, f[len(f)-1])
			}
		case "ENTRYPOINT":
			var ok bool
			if entry, ok = execForm(in.args); !ok {
				p.addf("Dockerfile: ENTRYPOINT must be exec form (there is no shell)")
			}
		case "CMD":
			cmd = in
		case "HEALTHCHECK":
			sawHealth = true
			f := strings.Fields(in.args)
			for len(f) > 0 && strings.HasPrefix(f[0], "--") {
				f = f[1:]
			}
			var ok bool
			if len(f) == 0 || f[0] != "CMD" {
				p.addf("Dockerfile: HEALTHCHECK needs a CMD")
			} else if health, ok = execForm(strings.Join(f[1:], " ")); !ok {
				p.addf("Dockerfile: HEALTHCHECK CMD must be exec form: the image has no shell")
			}
		}
	}
	if img.uid == -1 {
		p.addf("Dockerfile: the final stage sets no USER")
	}
	if !slices.Contains(exposed, "8080") {
		p.addf("Dockerfile: EXPOSE 8080 missing")
	}
	if !slices.Contains(volumes, "/data") {
		p.addf("Dockerfile: VOLUME /data missing")
	}
	if env["DATA_DIR"] != "/data" {
		p.addf("Dockerfile: ENV DATA_DIR must be the /data volume, got %q", env["DATA_DIR"])
	}
	if len(entry) > 0 {
		img.binary = entry[0]
		if !slices.Contains(copied, img.binary) {
			p.addf("Dockerfile: ENTRYPOINT %s is not copied into the final stage", img.binary)
		}
		if health != nil {
			p.checkHealthcheck("Dockerfile", health, img.binary)
		}
	}
	if !sawHealth {
		p.addf("Dockerfile: no HEALTHCHECK")
	}
	if argv, ok := execForm(cmd.args); !ok || !slices.Equal(argv, []string{"serve"}) {
		p.addf("Dockerfile: CMD must be [\"serve\"], got %q", cmd.args)
	}
	return img, p
}

func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	_, ps := lintDockerfile("..", data)
	requireNone(t, ps)
}

// readImage returns the facts of the real Dockerfile for cross-checks.
func readImage(t *testing.T) image {
	t.Helper()
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	img, _ := lintDockerfile("..", data)
	if img.binary == "" || img.uid < 0 {
		t.Fatalf("Dockerfile: no ENTRYPOINT binary or USER: %+v", img)
	}
	return img
}

func TestDockerfileChecksCatch(t *testing.T) {
	checkFixtures(t, "testdata/dockerfile", func(path string, data []byte) []string {
		_, ps := lintDockerfile("..", data)
		return ps
	})
}

// dockerignored reports whether a pattern line of an ignore file excludes
// path or one of its parent directories.
func dockerignored(ignore []byte, path string) bool {
	ignored := false
	sc := bufio.NewScanner(bytes.NewReader(ignore))
	for sc.Scan() {
		pat := strings.TrimSpace(sc.Text())
		if pat == "" || strings.HasPrefix(pat, "#") {
			continue
		}
		neg := strings.HasPrefix(pat, "!")
		pat = strings.TrimPrefix(strings.TrimPrefix(pat, "!"), "/")
		for p := path; p != "."; p = filepath.Dir(p) {
			if ok, _ := filepath.Match(pat, p); ok {
				ignored = !neg
				break
			}
		}
	}
	return ignored
}

func TestDockerignore(t *testing.T) {
	ignore, err := os.ReadFile("Dockerfile.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	// The real environment file sits in deploy/ and carries secrets; the
	// build context must never carry it into a layer.
	for _, path := range []string{"deploy/explainbot.env", ".git/config", "data/explainbot.db"} {
		if !dockerignored(ignore, path) {
			t.Errorf("Dockerfile.dockerignore lets %s into the build context", path)
		}
	}
	// What the build needs must stay in.
	for _, path := range []string{"go.mod", "go.sum", "cmd/explainbot/main.go", "config/config.go"} {
		if dockerignored(ignore, path) {
			t.Errorf("Dockerfile.dockerignore excludes %s, which the build needs", path)
		}
	}
}
