// Package release checks the files that build cognitolint's image and
// releases, where no Docker daemon or GoReleaser runs (this machine): the
// Dockerfile, .goreleaser.Dockerfile, .dockerignore and .goreleaser.yaml.
// With goreleaser on the PATH, `goreleaser check` runs too.
package release

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

const root = "../.."

// instruction is one Dockerfile instruction: its keyword (upper case) and
// the rest of its line, continuation lines joined.
type instruction struct {
	cmd, args string
	line      int
}

// parseDockerfile reads a Dockerfile's instructions: comments and blank
// lines dropped, lines ending in a backslash joined with the next
// (docs.docker.com/reference/dockerfile, "Format").
func parseDockerfile(t *testing.T, name string) []instruction {
	t.Helper()
	f, err := os.Open(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []instruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(strings.TrimSuffix(line, `\`) + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args), start})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// stages splits instructions at each FROM.
func stages(ins []instruction) [][]instruction {
	var out [][]instruction
	for _, in := range ins {
		if in.cmd == "FROM" {
			out = append(out, nil)
		}
		if len(out) > 0 {
			out[len(out)-1] = append(out[len(out)-1], in)
		}
	}
	return out
}

func find(stage []instruction, cmd string) []instruction {
	var out []instruction
	for _, in := range stage {
		if in.cmd == cmd {
			out = append(out, in)
		}
	}
	return out
}

// checkRuntime checks what a user of the image relies on: a small static
// base, a user that is not root, the working directory /src and the
// entrypoint cognitolint in exec form (no shell in the image to run a
// shell form).
func checkRuntime(t *testing.T, name string, final []instruction) {
	t.Helper()
	if from := final[0].args; !strings.HasPrefix(from, "gcr.io/distroless/static") || !strings.Contains(from, ":nonroot") {
		t.Errorf("%s: the image is based on %q, want gcr.io/distroless/static…:nonroot", name, from)
	}
	users := find(final, "USER")
	if len(users) == 0 {
		t.Errorf("%s: no USER: say the user, so that the image runs as it even on another base", name)
	} else if u := users[len(users)-1].args; u == "0" || strings.HasPrefix(u, "0:") || strings.HasPrefix(u, "root") || !regexp.MustCompile(`^[1-9][0-9]*(:[0-9]+)?$`).MatchString(u) {
		t.Errorf("%s: USER %s: want a numeric non-root user (Kubernetes runAsNonRoot checks a number)", name, u)
	}
	if wd := find(final, "WORKDIR"); len(wd) == 0 || wd[len(wd)-1].args != "/src" {
		t.Errorf("%s: the working directory is not /src: %v", name, wd)
	}
	if ep := find(final, "ENTRYPOINT"); len(ep) != 1 || ep[0].args != `["cognitolint"]` {
		t.Errorf("%s: ENTRYPOINT %v, want [\"cognitolint\"] (exec form)", name, ep)
	}
	copied := false
	for _, c := range find(final, "COPY") {
		if strings.HasSuffix(c.args, " /usr/local/bin/cognitolint") {
			copied = true
		}
	}
	if !copied {
		t.Errorf("%s: cognitolint is not copied to /usr/local/bin (on distroless's PATH)", name)
	}
	if len(find(final, "RUN")) > 0 {
		t.Errorf("%s: RUN in the final stage: distroless has no shell", name)
	}
}

// TestDockerfile: a multi-stage build of a static, trimmed binary with the
// Go version of go.mod, on a distroless non-root image.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "Dockerfile")
	st := stages(ins)
	if len(st) < 2 {
		t.Fatalf("%d stages, want a build stage and the image", len(st))
	}
	build := st[0]
	if from := build[0].args; !regexp.MustCompile(`^golang:\S+ AS build$`).MatchString(from) {
		t.Errorf("build stage FROM %q, want golang:… AS build", from)
	}
	// The Go version of the image is go.mod's.
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	var arg string
	for _, in := range ins {
		if in.cmd == "ARG" && strings.HasPrefix(in.args, "GO_VERSION=") {
			arg = strings.TrimPrefix(in.args, "GO_VERSION=")
		}
	}
	if goVersion == nil || arg != string(goVersion[1]) {
		t.Errorf("ARG GO_VERSION=%s, go.mod says go %s", arg, goVersion[1])
	}
	var buildRun string
	for _, r := range find(build, "RUN") {
		if strings.Contains(r.args, "go build") {
			buildRun = r.args
		}
	}
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "./cmd/cognitolint", "-o /out/cognitolint"} {
		if !strings.Contains(buildRun, want) {
			t.Errorf("the go build step lacks %s: %q", want, buildRun)
		}
	}
	final := st[len(st)-1]
	checkRuntime(t, "Dockerfile", final)
	if c := find(final, "COPY"); len(c) != 1 || c[0].args != "--from=build /out/cognitolint /usr/local/bin/cognitolint" {
		t.Errorf("the image copies %v, want the build stage's binary only", c)
	}
}

// TestGoReleaserDockerfile: the release image has the same runtime
// properties, from GoReleaser's binary of each platform (dockers_v2 puts
// it at $TARGETPLATFORM/ in the context).
func TestGoReleaserDockerfile(t *testing.T) {
	st := stages(parseDockerfile(t, ".goreleaser.Dockerfile"))
	if len(st) != 1 {
		t.Fatalf("%d stages, want 1", len(st))
	}
	checkRuntime(t, ".goreleaser.Dockerfile", st[0])
	if c := find(st[0], "COPY"); len(c) != 1 || c[0].args != "$TARGETPLATFORM/cognitolint /usr/local/bin/cognitolint" {
		t.Errorf("COPY %v", c)
	}
}

// dockerignored reports whether .dockerignore's patterns exclude name
// (patterns as filepath.Match with ** for any number of directories, a
// directory's pattern covering its contents; "!" re-includes).
func dockerignored(patterns []string, name string) bool {
	ignored := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimSuffix(strings.TrimPrefix(p, "!"), "/")
		re := "^" + strings.NewReplacer(`\*\*/`, "(.*/)?", `\*\*`, ".*", `\*`, "[^/]*", `\?`, "[^/]").Replace(regexp.QuoteMeta(p)) + "(/.*)?$"
		if regexp.MustCompile(re).MatchString(name) {
			ignored = !neg
		}
	}
	return ignored
}

// TestDockerignore: the context keeps what the build needs (modules, the
// source of every package of the binary, the embedded policies, .git for
// the version) and leaves out tests and test data.
func TestDockerignore(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			patterns = append(patterns, l)
		}
	}
	need := []string{"go.mod", "go.sum", ".git", ".git/HEAD"}
	// Every file of every package the binary is built from.
	out, err := exec.Command("go", "list", "-deps", "-f", `{{if not .Standard}}{{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{range .EmbedFiles}} {{.}}{{end}}{{end}}`, "../../cmd/cognitolint").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	absRoot, _ := filepath.Abs(root)
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		rel, err := filepath.Rel(absRoot, fields[0])
		if err != nil || strings.HasPrefix(rel, "..") {
			continue // a module dependency: go mod download fetches it
		}
		for _, f := range fields[1:] {
			need = append(need, filepath.ToSlash(filepath.Join(rel, f)))
		}
	}
	if len(need) < 20 {
		t.Fatalf("go list found too few files: %v", need)
	}
	for _, f := range need {
		if dockerignored(patterns, f) {
			t.Errorf(".dockerignore leaves out %s, which the build needs", f)
		}
	}
	for _, f := range []string{"testdata/ok/create.json", "internal/cli/cli_test.go", "bench/README.md"} {
		if !dockerignored(patterns, f) {
			t.Errorf(".dockerignore keeps %s in the context", f)
		}
	}
}

// TestGoReleaserConfig: archives for linux, darwin and windows on amd64
// and arm64, static and trimmed, with checksums and the image.
func TestGoReleaserConfig(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Version int
		Builds  []struct {
			Main, Binary string
			Env, Flags   []string
			Goos, Goarch []string
		}
		Archives []struct {
			Formats         []string
			FormatOverrides []struct {
				Goos    string
				Formats []string
			} `yaml:"format_overrides"`
		}
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
			Algorithm    string
		}
		DockersV2 []struct {
			Dockerfile string
			Images     []string
			Platforms  []string
		} `yaml:"dockers_v2"`
	}
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if c.Version != 2 {
		t.Errorf("version %d, want 2 (GoReleaser v2's format)", c.Version)
	}
	if len(c.Builds) != 1 {
		t.Fatalf("%d builds", len(c.Builds))
	}
	bd := c.Builds[0]
	if bd.Main != "./cmd/cognitolint" || bd.Binary != "cognitolint" || !slices.Contains(bd.Env, "CGO_ENABLED=0") || !slices.Contains(bd.Flags, "-trimpath") {
		t.Errorf("build %+v: want ./cmd/cognitolint, static (CGO_ENABLED=0), -trimpath", bd)
	}
	for _, os := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(bd.Goos, os) {
			t.Errorf("no %s build", os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(bd.Goarch, arch) {
			t.Errorf("no %s build", arch)
		}
	}
	if len(c.Archives) != 1 || !slices.Contains(c.Archives[0].Formats, "tar.gz") {
		t.Errorf("archives %+v", c.Archives)
	} else if o := c.Archives[0].FormatOverrides; len(o) != 1 || o[0].Goos != "windows" || !slices.Contains(o[0].Formats, "zip") {
		t.Errorf("windows archives are not zip: %+v", o)
	}
	if c.Checksum.NameTemplate == "" || c.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v", c.Checksum)
	}
	if len(c.DockersV2) != 1 {
		t.Fatalf("dockers_v2 %+v", c.DockersV2)
	}
	d := c.DockersV2[0]
	if _, err := os.Stat(filepath.Join(root, d.Dockerfile)); err != nil || d.Dockerfile != ".goreleaser.Dockerfile" {
		t.Errorf("dockers_v2 dockerfile %q: %v", d.Dockerfile, err)
	}
	if !slices.Contains(d.Platforms, "linux/amd64") || !slices.Contains(d.Platforms, "linux/arm64") || len(d.Images) == 0 {
		t.Errorf("dockers_v2 %+v", d)
	}
}

// TestGoReleaserCheck runs `goreleaser check` when goreleaser is on the
// PATH (CI installs it when it can; see .ci/run). Exit 1 is an invalid
// config, 2 a deprecated option: both fail.
func TestGoReleaserCheck(t *testing.T) {
	bin, err := exec.LookPath("goreleaser")
	if err != nil {
		t.Skip("goreleaser is not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "check", ".goreleaser.yaml")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("goreleaser check: %v\n%s", err, out)
	}
}
