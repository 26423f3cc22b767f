package cli

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cognitolint/cognitolint/internal/hostile"
)

// The hostile-input suite (issue 8): each case runs through Main once,
// writing every output format (text to stdout, the others to files), and
// must give its exit code, no secret in any output, no raw control byte in
// the text and GitHub outputs, and finish well within a generous deadline
// (a case that takes well under a second now; the deadline catches a
// quadratic path or a hang, not a slow machine).

const hostileDeadline = 60 * time.Second

// secretMarker starts every secret value of testdata/hostile/secret-*.
const secretMarker = "Zq8sK1"

type hostileCase struct {
	name string
	file string // path of the input
	args []string
	exit int
	// setup: the run stops before linting (a policy that does not
	// compile), so that no output file is written.
	setup bool
	check func(t *testing.T, outs map[string]string)
}

// runHostile lints c.file with every output format and returns the
// outputs by format.
func runHostile(t *testing.T, c hostileCase) map[string]string {
	t.Helper()
	dir := t.TempDir()
	args := []string{"lint", "--no-color", "--format", "text"}
	for _, f := range []string{"json", "sarif", "junit", "github"} {
		args = append(args, "--format", f+"="+filepath.Join(dir, "out."+f))
	}
	args = append(append(args, c.args...), c.file)
	type result struct {
		stdout, stderr string
		code           int
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		var out, errb bytes.Buffer
		code := Main(args, strings.NewReader(""), &out, &errb)
		done <- result{out.String(), errb.String(), code}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(hostileDeadline):
		t.Fatalf("%s: not done after %v", c.name, hostileDeadline)
	}
	t.Logf("%s: exit %d in %v", c.name, r.code, time.Since(start).Round(time.Millisecond))
	if r.code != c.exit {
		t.Errorf("%s: exit %d, want %d\n%s%s", c.name, r.code, c.exit, head(r.stdout), r.stderr)
	}
	outs := map[string]string{"text": r.stdout, "stderr": r.stderr}
	for _, f := range []string{"json", "sarif", "junit", "github"} {
		b, err := os.ReadFile(filepath.Join(dir, "out."+f))
		if err != nil && !c.setup {
			t.Fatalf("%s: %s output: %v", c.name, f, err)
		}
		outs[f] = string(b)
	}
	for f, out := range outs {
		if i := strings.Index(out, secretMarker); i >= 0 {
			t.Errorf("%s: the %s output shows a secret: …%s…", c.name, f, out[max(0, i-60):min(len(out), i+60)])
		}
	}
	for _, f := range []string{"text", "github", "stderr"} {
		if strings.ContainsAny(outs[f], "\x1b\x07\u202e\u009b") {
			t.Errorf("%s: raw control characters in the %s output", c.name, f)
		}
	}
	if c.check != nil {
		c.check(t, outs)
	}
	return outs
}

func head(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…\n"
	}
	return s
}

// TestHostileFiles runs the small cases of testdata/hostile/.
func TestHostileFiles(t *testing.T) {
	t.Chdir("../..")
	cases := []hostileCase{
		// Item 5: secrets whatever the format, the parse or the key.
		{name: "secret on a JSON syntax error line", file: "testdata/hostile/secret-syntax.json", exit: ExitFail},
		{name: "secret on a YAML syntax error line", file: "testdata/hostile/secret-syntax.yaml", exit: ExitFail},
		{name: "secret on an HCL syntax error line", file: "testdata/hostile/secret-syntax.tf", exit: ExitFail},
		{name: "secret as a list", file: "testdata/hostile/secret-list.json", exit: ExitFail},
		{name: "secret as an object", file: "testdata/hostile/secret-object.json", exit: ExitFail},
		{name: "secret as a number", file: "testdata/hostile/secret-number.json", exit: ExitFail},
		{name: "misspelt secret keys (JSON)", file: "testdata/hostile/secret-misspelt.json", exit: ExitFail},
		{name: "misspelt secret keys (YAML)", file: "testdata/hostile/secret-misspelt.yaml", exit: ExitFail},
		{name: "secret in !Sub", file: "testdata/hostile/secret-sub.yaml", exit: ExitOK},
		{name: "secret with JSON escapes", file: "testdata/hostile/secret-escaped.json", exit: ExitFail},
		{name: "secret with YAML escapes", file: "testdata/hostile/secret-escaped.yaml", exit: ExitFail},
		{name: "secret in a multi-line plain scalar", file: "testdata/hostile/secret-multiline.yaml", exit: ExitFail},
		// A message quotes the first 60 characters of a long value: the
		// secret inside it was cut, so replacing it whole missed it.
		{name: "secret cut short in a long value", file: "testdata/hostile/secret-cut.json", exit: ExitFail},
		{name: "policy reading misspelt secret keys", file: "testdata/hostile/secret-misspelt.json", exit: ExitFail,
			args: []string{"--policy", "testdata/hostile/policy"},
			check: func(t *testing.T, outs map[string]string) {
				for _, k := range []string{"clientSecret is ****", "ClientSecert is ****", "client_secret is ****"} {
					if !strings.Contains(outs["text"], k) {
						t.Errorf("the policy did not say %q:\n%s", k, outs["text"])
					}
				}
			}},
		// Item 11: clamped numbers are quoted as written.
		{name: "integers beyond int64", file: "testdata/hostile/clamped.json", exit: ExitFail,
			check: func(t *testing.T, outs map[string]string) {
				for _, lit := range []string{"is 9223372036854775808;", "is 1e71;"} {
					if !strings.Contains(outs["text"], lit) || !strings.Contains(outs["json"], lit) {
						t.Errorf("no finding says %q:\n%s", lit, outs["text"])
					}
				}
				if strings.Contains(outs["text"], "9223372036854775807") {
					t.Error("the clamped value is printed")
				}
			}},
		// Item 10: control bytes from contents.
		{name: "control bytes in values", file: "testdata/hostile/control-bytes.json", exit: ExitFail},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runHostile(t, c) })
	}
}

// TestHostileFileName: a file name with ESC sequences, a bidi override and
// a newline is printed escaped, on one file:line:col line (item 10).
func TestHostileFileName(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "evil\x1b]0;title\x07\u202e\nnext.json")
	if err := os.WriteFile(name, []byte("{\"ClientName\": \"web\", \"UserPoolId\": \"us-east-1_AbCd12345\", \"CallbackURLs\": [\"http://a.example.com\"]}\n"), 0o644); err != nil {
		t.Skip("this file system does not take such names:", err)
	}
	outs := runHostile(t, hostileCase{name: "file name", file: name, exit: ExitFail})
	for _, f := range []string{"text", "github"} {
		for _, line := range strings.Split(outs[f], "\n") {
			if strings.HasPrefix(line, "next.json") {
				t.Errorf("%s: the file name was split: %q", f, line)
			}
		}
		if !strings.Contains(outs[f], `evil\x1b]0;title\x07\u202e\nnext.json`) {
			t.Errorf("%s: the escaped name is missing:\n%s", f, head(outs[f]))
		}
	}
}

// TestHostileGenerated runs the generated inputs of internal/hostile
// (item 1: long lists, many keys, many findings, long lines, many unknown
// values; every reader) at a size that took seconds before. The policy
// deadline is wall-clock time: on a machine shared with many others a
// larger size could hit it; validate's TestLintScalesLinearly checks the
// growth (n against 10n, in CPU time) instead.
func TestHostileGenerated(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 1000
	}
	dir := t.TempDir()
	for _, g := range hostile.Gens {
		t.Run(g.Name, func(t *testing.T) {
			file := filepath.Join(dir, g.File)
			if err := os.WriteFile(file, g.Make(n), 0o644); err != nil {
				t.Fatal(err)
			}
			exit := ExitFail
			if g.Name == "https-callbacks" || g.Name == "explicit-auth-flows" {
				exit = -1 // whatever the rules say; only time and leaks count
			}
			c := hostileCase{name: g.Name, file: file, exit: exit}
			if exit < 0 {
				c.exit = lintExit(t, file)
			}
			runHostile(t, c)
		})
	}
}

// lintExit is the exit code of a plain lint of file.
func lintExit(t *testing.T, file string) int {
	t.Helper()
	_, _, code := run(t, "", "lint", "--format", "json", file)
	return code
}

// FuzzRedaction: a secret value (the marker and random characters) under
// a key that looks like "client secret", written in one of several ways
// and inserted at a random line of a random input of any format, appears
// in no output format (the redaction fuzz property of issue 8).
func FuzzRedaction(f *testing.F) {
	for _, file := range []string{"testdata/ok/create-m2m.json", "testdata/cloudformation/clients.yaml", "testdata/terraform/main.tf",
		"testdata/hostile/secret-syntax.json", "testdata/hostile/secret-multiline.yaml"} {
		if b, err := os.ReadFile(filepath.Join("../..", file)); err == nil {
			for form := range uint8(8) {
				f.Add(b, filepath.Ext(file), "a9Bc+d", uint8(form), uint16(3))
			}
		}
	}
	f.Add([]byte("{}"), ".json", "x", uint8(2), uint16(0))
	f.Add([]byte("a: [\n"), ".yaml", "yy", uint8(5), uint16(1))
	f.Fuzz(func(t *testing.T, src []byte, ext, tail string, form uint8, at uint16) {
		if ext != ".json" && ext != ".yaml" && ext != ".tf" {
			return
		}
		if len(src) > 1<<16 || bytes.Contains(src, []byte(secretMarker)) {
			return
		}
		// The secret: the marker and the tail's letters, digits and +.
		secret := secretMarker + strings.Map(func(r rune) rune {
			if r < 128 && (r == '+' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return r
			}
			return -1
		}, tail)
		keys := []string{"ClientSecret", "clientSecret", "client_secret", "ClientSecert"}
		key := keys[int(form)%len(keys)]
		var line string
		switch ext {
		case ".tf":
			line = key + " = \"" + secret + "\""
		case ".json":
			line = []string{`"%s": "%s",`, `"%s": ["%s"],`, `"%s": {"v": "%s"}`, `"%s": "\u005a` + `%s"`}[int(form/4)%4]
			if strings.Contains(line, `\u005a`) {
				line = strings.Replace(line, "%s", key, 1)
				line = strings.Replace(line, "%s", secret[1:], 1) // Z written as an escape
			} else {
				line = strings.Replace(strings.Replace(line, "%s", key, 1), "%s", secret, 1)
			}
		default:
			line = []string{"%s: %s", "%s: \"%s\"", "%s: !Sub '%s'", "%s:\n  - %s"}[int(form/4)%4]
			line = strings.Replace(strings.Replace(line, "%s", key, 1), "%s", secret, 1)
		}
		lines := strings.Split(string(src), "\n")
		i := int(at) % (len(lines) + 1)
		lines = append(lines[:i], append([]string{line}, lines[i:]...)...)
		dir := t.TempDir()
		file := filepath.Join(dir, "in"+ext)
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"lint", "--no-color", "--format", "text"}
		for _, f := range []string{"json", "sarif", "junit", "github"} {
			args = append(args, "--format", f+"="+filepath.Join(dir, "out."+f))
		}
		var out, errb bytes.Buffer
		Main(append(args, file), strings.NewReader(""), &out, &errb)
		outs := map[string]string{"text": out.String(), "stderr": errb.String()}
		for _, f := range []string{"json", "sarif", "junit", "github"} {
			b, _ := os.ReadFile(filepath.Join(dir, "out."+f))
			outs[f] = string(b)
		}
		for f, o := range outs {
			if j := strings.Index(o, secretMarker); j >= 0 {
				t.Fatalf("the %s output shows the secret %q (input line %q):\n…%s…", f, secret, line, o[max(0, j-200):min(len(o), j+100)])
			}
		}
	})
}

// TestHostileOthers: the cases of issue 8 fixed by the other engineers
// (items 2, 3, 4, 6, 7, 8), in the same harness: exit code, every output
// format, no secret or raw control byte, a deadline.
func TestHostileOthers(t *testing.T) {
	payload, err := os.ReadFile("../../testdata/hostile/clamped.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mk := func(path string, b []byte) string {
		p := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	link := func(target, path string) string {
		p := filepath.Join(dir, path)
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		return p
	}
	mk("clients/app.json", payload)
	mk("dangling/app.json", payload)
	link(filepath.Join(dir, "nowhere.json"), "dangling/gone.json")
	mk("environ/app.json", payload)
	link("/proc/self/environ", "environ/env.yaml")
	mk("policy/p.rego", []byte("package cognito.x\n\ndeny contains msg if {\n\tr := json.verify_schema({\"$ref\": \"file:///etc/hostname\"})\n\tmsg := sprintf(\"%v\", [r])\n}\n"))
	t.Setenv("COGNITOLINT_HOSTILE_SECRET", secretMarker+"inTheEnvironment")
	cases := []hostileCase{
		// Item 2: an explicit link to a directory is walked like it.
		{name: "symlinked directory", file: link(filepath.Join(dir, "clients"), "link"), exit: ExitFail,
			check: func(t *testing.T, outs map[string]string) {
				if !strings.Contains(outs["text"], "in 1 file") {
					t.Errorf("the linked directory was not linted:\n%s", outs["text"])
				}
			}},
		// Item 3: a walk does not follow a link out of its tree (the
		// environment holds the marker).
		{name: "link to /proc/self/environ", file: filepath.Join(dir, "environ"), exit: ExitFail},
		// Item 4: one unreadable file does not hide the others.
		{name: "dangling link beside a good file", file: filepath.Join(dir, "dangling"), exit: ExitTrouble,
			check: func(t *testing.T, outs map[string]string) {
				if !strings.Contains(outs["text"], "unreadable-file") || !strings.Contains(outs["text"], "AccessTokenValidity") {
					t.Errorf("want the unreadable-file finding and the good file's findings:\n%s", outs["text"])
				}
			}},
		// Item 6: policies cannot read files.
		{name: "policy reading a file", file: filepath.Join(dir, "clients"), exit: ExitTrouble, setup: true,
			args: []string{"--policy", filepath.Join(dir, "policy")},
			check: func(t *testing.T, outs map[string]string) {
				if !strings.Contains(outs["stderr"], "json.verify_schema is not available") {
					t.Errorf("stderr: %s", outs["stderr"])
				}
			}},
		// Item 7: garbage and binaries named .tf are syntax findings.
		{name: "garbage .tf", file: mk("g.tf", []byte("{{{ garbage\n")), exit: ExitFail},
		{name: "binary .tf", file: mk("b.tf", []byte("\x7fELF\x02\x01\x01\x00\x00\x1b[2J\xff\xfe")), exit: ExitFail},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runHostile(t, c) })
	}
}

// TestHostileUnwritableOutput (item 8): one output that cannot be written
// does not lose the others.
func TestHostileUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	_, _, code := run(t, "", "lint", "--format", "json="+filepath.Join(dir, "o.json"),
		"--format", "sarif=/nonexistent/dir/x.sarif", "--format", "junit="+filepath.Join(dir, "o.xml"), "../../testdata/hostile/clamped.json")
	if code != ExitTrouble {
		t.Errorf("exit %d, want 2", code)
	}
	for _, f := range []string{"o.json", "o.xml"} {
		if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || len(b) == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
}

// TestHostileConfigFiles: the files a repository's config names, and the
// config file itself, cannot reach the machine's files or hang the run: a
// data file outside the repository (a kube config a policy could print), a
// link out of a policy directory, a config file or data file linked to
// /dev/zero or made a named pipe — each is an error (exit 2) that says
// what and where, in seconds, and shows nothing of the file.
func TestHostileConfigFiles(t *testing.T) {
	outside := t.TempDir()
	kube := filepath.Join(outside, "kubeconfig.yaml")
	if err := os.WriteFile(kube, []byte("users:\n- name: ci\n  user:\n    token: Zq8sK1kubetoken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	printData := "package org\n\ndeny contains msg if { msg := sprintf(\"%v\", [data]) }\n"
	payload := `{"ClientName": "web", "UserPoolId": "us-east-1_AbCd12345"}`
	cases := []struct {
		name  string
		files map[string]string
		setup func(dir string) error
		want  string
	}{
		{"data outside the repository", map[string]string{".cognitolint.yaml": "data: [" + kube + "]\npolicies: [p]\n", "p/p.rego": printData},
			nil, `.cognitolint.yaml:1:8: data "` + kube + `" is outside the repository`},
		{"data through ..", map[string]string{".cognitolint.yaml": "data: ../../../../../../../.." + kube + "\n"},
			nil, "is outside the repository"},
		{"data linked out", map[string]string{".cognitolint.yaml": "data: [d.yaml]\npolicies: [p]\n", "p/p.rego": printData},
			func(dir string) error { return os.Symlink(kube, filepath.Join(dir, "d.yaml")) }, `data "d.yaml" is outside the repository`},
		{"a policy linked out", map[string]string{".cognitolint.yaml": "policies: [p]\n", "p/p.rego": printData},
			func(dir string) error { return os.Symlink(kube, filepath.Join(dir, "p", "k.rego")) }, "a link out of the policy directory"},
		{"config linked to /dev/zero", map[string]string{},
			func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, ".cognitolint.yaml")) }, "a link out of the repository"},
		{"config a named pipe", map[string]string{},
			func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, ".cognitolint.yaml"), 0o644) }, "a named pipe (FIFO), not a regular file"},
		{"data linked to /dev/zero", map[string]string{".cognitolint.yaml": "data: [z.json]\n"},
			func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "z.json")) }, `data "z.json" is outside the repository`},
		{"data a named pipe", map[string]string{".cognitolint.yaml": "data: [z.json]\n"},
			func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "z.json"), 0o644) }, "a named pipe (FIFO), not a regular file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"c.json": payload}
			maps.Copy(files, c.files)
			dir := inTempRepo(t, files)
			if c.setup != nil {
				if err := c.setup(dir); err != nil {
					t.Skip("cannot set up:", err)
				}
			}
			type result struct {
				out, errOut string
				code        int
			}
			done := make(chan result, 1)
			go func() {
				out, errOut, code := run(t, "", "lint", "c.json")
				done <- result{out, errOut, code}
			}()
			select {
			case r := <-done:
				if r.code != ExitTrouble || !strings.Contains(r.errOut, c.want) {
					t.Errorf("exit %d, want 2 with %q:\n%s%s", r.code, c.want, r.out, r.errOut)
				}
				if strings.Contains(r.out+r.errOut, secretMarker) {
					t.Errorf("the outside file shows:\n%s%s", r.out, r.errOut)
				}
			case <-time.After(hostileDeadline):
				t.Fatal("not done: the run hangs")
			}
		})
	}
	// The same data given on the command line is the caller's choice.
	inTempRepo(t, map[string]string{"c.json": payload})
	if _, errOut, code := run(t, "", "lint", "--data", kube, "c.json"); code == ExitTrouble {
		t.Errorf("--data outside the repository: exit 2: %s", errOut)
	}
}
