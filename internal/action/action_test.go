// Package action tests the GitHub Action (action.yml at the repository
// root) without GitHub: it reads the action's steps and runs its shell
// steps with bash as the runner does (docs.github.com, "Metadata syntax
// for GitHub Actions": composite steps, shell bash is
// `bash --noprofile --norc -eo pipefail {0}`; `${{ … }}` expressions are
// substituted before the step runs; GITHUB_ACTION_PATH, GITHUB_WORKSPACE,
// RUNNER_TEMP and GITHUB_OUTPUT are set) on a copy of the sample
// repository testdata/action/repo. The actions/setup-go step is checked,
// not run: the Go toolchain running this test stands for it.
package action

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const root = "../.."

type step struct {
	Name             string
	ID               string
	Uses             string
	With             map[string]string
	Run              string
	Shell            string
	Env              map[string]string
	WorkingDirectory string `yaml:"working-directory"`
}

type actionFile struct {
	Name, Description, Author string
	Branding                  struct{ Icon, Color string }
	Inputs                    map[string]struct {
		Description string
		Required    bool
		Default     string
	}
	Outputs map[string]struct{ Description, Value string }
	Runs    struct {
		Using string
		Steps []step
	}
}

func readAction(t *testing.T) *actionFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true) // a misspelt key of the metadata syntax fails here
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

// TestActionShape: a composite action whose first step sets up Go from the
// action's own go.mod and whose shell steps never splice an input into a
// script (inputs reach scripts through env:, so no value is run as code).
func TestActionShape(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"paths", "args", "sarif-file"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("no input %q", in)
		}
	}
	first := a.Runs.Steps[0]
	if !strings.HasPrefix(first.Uses, "actions/setup-go@") || first.With["go-version-file"] != "${{ github.action_path }}/go.mod" || first.With["cache"] != "false" {
		t.Errorf("the first step does not set up Go from the action's go.mod: %+v", first)
	}
	for _, s := range a.Runs.Steps {
		if s.Uses != "" {
			continue
		}
		if s.Shell != "bash" {
			t.Errorf("step %q: shell %q, want bash (a composite run step needs one)", s.Name, s.Shell)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q splices an expression into its script; pass it through env:", s.Name)
		}
	}
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// runner runs the action's steps as the GitHub runner would.
type runner struct {
	t                              *testing.T
	action                         *actionFile
	actionPath, workspace, tempDir string
}

// subst replaces the expressions a step holds; one this test does not
// know fails it, so that the test never runs a step other than as written.
func (r *runner) subst(s string, inputs map[string]string) string {
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		e := expr.FindStringSubmatch(m)[1]
		switch {
		case e == "github.action_path":
			return r.actionPath
		case e == "github.workspace":
			return r.workspace
		case e == "runner.temp":
			return r.tempDir
		case strings.HasPrefix(e, "inputs."):
			name := strings.TrimPrefix(e, "inputs.")
			in, ok := r.action.Inputs[name]
			if !ok {
				r.t.Fatalf("%s: no such input", m)
			}
			if v, ok := inputs[name]; ok {
				return v
			}
			return in.Default
		}
		r.t.Fatalf("the test does not know the expression %s", m)
		return ""
	})
}

type result struct {
	code           int
	stdout, stderr string
	outputs        map[string]string
}

// run runs the shell steps (all, or those named) with the given inputs.
func (r *runner) run(inputs map[string]string, only ...string) result {
	r.t.Helper()
	for name := range inputs {
		if _, ok := r.action.Inputs[name]; !ok {
			r.t.Fatalf("no input %q", name)
		}
	}
	res := result{outputs: map[string]string{}}
	for _, s := range r.action.Runs.Steps {
		if s.Uses != "" || len(only) > 0 && !contains(only, s.Name) {
			continue
		}
		dir := r.workspace
		if s.WorkingDirectory != "" {
			dir = r.subst(s.WorkingDirectory, inputs)
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(r.workspace, dir)
			}
		}
		script := filepath.Join(r.tempDir, "step.sh")
		if err := os.WriteFile(script, []byte(r.subst(s.Run, inputs)), 0o644); err != nil {
			r.t.Fatal(err)
		}
		outFile := filepath.Join(r.tempDir, "github_output")
		os.Remove(outFile)
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"GITHUB_ACTION_PATH="+r.actionPath, "GITHUB_WORKSPACE="+r.workspace,
			"RUNNER_TEMP="+r.tempDir, "GITHUB_OUTPUT="+outFile, "GITHUB_ACTIONS=true", "CI=true")
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+r.subst(v, inputs))
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		res.stdout, res.stderr = stdout.String(), stderr.String()
		if b, err := os.ReadFile(outFile); err == nil {
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					res.outputs[k] = v
				}
			}
		}
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			res.code = exit.ExitCode()
			return res // a failing step ends the job
		case err != nil:
			r.t.Fatalf("step %q: %v", s.Name, err)
		}
	}
	return res
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// copyDir copies the sample repository into a fresh workspace.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

type sarifLog struct {
	Runs []struct {
		Tool    struct{ Driver struct{ Name string } }
		Results []struct {
			RuleID    string `json:"ruleId"`
			Level     string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           struct{ StartLine int }
				}
			}
		}
	}
}

func readSARIF(t *testing.T, path string) *sarifLog {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no SARIF file: %v", err)
	}
	var s sarifLog
	if err := json.Unmarshal(b, &s); err != nil || len(s.Runs) != 1 || s.Runs[0].Tool.Driver.Name != "cognitolint" {
		t.Fatalf("not cognitolint's SARIF (%v): %.300s", err, b)
	}
	return &s
}

// TestActionRuns builds cognitolint with the action's build step and runs
// its lint step on the sample repository with several inputs.
func TestActionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the action's test builds cognitolint")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	actionPath, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{t: t, action: readAction(t), actionPath: actionPath, tempDir: t.TempDir()}
	r.workspace = t.TempDir()
	build := r.run(nil, "Build cognitolint")
	if build.code != 0 || !strings.HasPrefix(build.stdout, "cognitolint ") {
		t.Fatalf("build step: exit %d\n%s%s", build.code, build.stdout, build.stderr)
	}

	tests := []struct {
		name    string
		inputs  map[string]string
		code    int
		stdout  string // a substring of the step's output
		stderr  string
		results []string // SARIF rule IDs that must be there ("-": no SARIF file)
	}{
		{"clean file", map[string]string{"paths": "clients/web.json", "sarif-file": "cognitolint.sarif"}, 0, "", "", nil},
		{"finding fails the step", map[string]string{"paths": "clients", "sarif-file": "cognitolint.sarif"}, 1,
			"::error file=clients/mobile.json,line=7,col=5,", "", []string{"redirect-uri-https", "update-omitted-fields-reset"}},
		{"default paths walk the workspace", map[string]string{"args": "--fail-on never", "sarif-file": "cognitolint.sarif"}, 0,
			"::error file=clients/mobile.json", "", []string{"redirect-uri-https"}},
		{"quoted args, text format", map[string]string{"paths": "clients/mobile.json", "args": `--severity 'redirect-uri-https=info' --disable "update-omitted-fields-reset"`, "format": "text"}, 0,
			"clients/mobile.json:7:5: info:", "", []string{"-"}},
		{"quoted path with a space, newline-separated", map[string]string{"paths": "\"with space/ok.json\"\nclients/web.json\n"}, 0, "no problems", "", []string{"-"}},
		{"working directory", map[string]string{"working-directory": "clients", "paths": "web.json mobile.json", "sarif-file": "../cognitolint.sarif"}, 1,
			"::error file=mobile.json", "", []string{"redirect-uri-https"}},
		{"bad flag exits 2", map[string]string{"paths": "clients", "args": "--frmat json"}, 2, "", "unknown flag: --frmat", []string{"-"}},
		{"an input is data, not code", map[string]string{"paths": "clients/web.json", "args": "$(touch pwned) `touch pwned`"}, 2, "", "", []string{"-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r.t = t
			r.workspace = t.TempDir()
			copyDir(t, filepath.Join(root, "testdata", "action", "repo"), r.workspace)
			res := r.run(tt.inputs, "Lint")
			if res.code != tt.code || !strings.Contains(res.stdout, tt.stdout) || !strings.Contains(res.stderr, tt.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", res.code, tt.code, res.stdout, res.stderr)
			}
			if res.outputs["exit-code"] != string(rune('0'+tt.code)) {
				t.Errorf("output exit-code=%q", res.outputs["exit-code"])
			}
			if _, err := os.Stat(filepath.Join(r.workspace, "pwned")); err == nil {
				t.Fatal("an input ran as a command")
			}
			sarif := tt.inputs["sarif-file"]
			if len(tt.results) == 1 && tt.results[0] == "-" {
				if sarif != "" || res.outputs["sarif-file"] != "" {
					t.Errorf("a SARIF file without the input: %q", res.outputs["sarif-file"])
				}
				return
			}
			if res.outputs["sarif-file"] != sarif {
				t.Errorf("output sarif-file=%q, want %q", res.outputs["sarif-file"], sarif)
			}
			dir := r.workspace
			if wd := tt.inputs["working-directory"]; wd != "" {
				dir = filepath.Join(dir, wd)
			}
			s := readSARIF(t, filepath.Join(dir, sarif))
			var got []string
			for _, res := range s.Runs[0].Results {
				got = append(got, res.RuleID)
				if uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; strings.HasPrefix(uri, "/") || strings.Contains(uri, r.workspace) {
					t.Errorf("SARIF uri %q is not relative to the workspace", uri)
				}
			}
			for _, want := range tt.results {
				if !contains(got, want) {
					t.Errorf("SARIF lacks %s: %v", want, got)
				}
			}
			if tt.results == nil && len(got) > 0 {
				t.Errorf("SARIF of a clean run has results: %v", got)
			}
		})
	}
}
