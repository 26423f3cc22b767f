package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pkgDir is the directory the tests start in (tests change directory).
var pkgDir, _ = os.Getwd()

// lintDir makes a temporary repository with the bad payload in
// clients/dev/bad.json and the given config in .cognitolint.yaml (none
// when config is ""), and makes it the working directory.
func lintDir(t *testing.T, config string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(pkgDir, repoRoot, "testdata", "outputs", "in", "bad.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, d := range []string{".git", "clients/dev", "sub"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "clients", "dev", "bad.json"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if config != "" {
		if err := os.WriteFile(filepath.Join(dir, ".cognitolint.yaml"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

type jsonOut struct {
	Summary struct {
		Errors, Warnings, Infos, Suppressed int
	}
	Findings, Suppressed []struct {
		Rule, Severity, Reason string
	}
}

func lintJSON(t *testing.T, args ...string) (int, jsonOut, string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, append([]string{"lint", "--format", "json"}, args...)...)
	var out jsonOut
	if code != ExitTrouble {
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatalf("%v\n%s", err, stdout)
		}
	}
	return code, out, stderr
}

func severities(out jsonOut) map[string]string {
	m := map[string]string{}
	for _, f := range out.Findings {
		m[f.Rule] = f.Severity
	}
	return m
}

const exampleConfig = `fail-on: warning
rules:
  model-oauth-flow-enum: off
  model-time-unit-enum: warning
  model-oauth-scope-format: info
ignore:
  - rule: model-unknown-member
    paths: ["clients/dev/*.json"]
    reason: copied describe output
`

func TestConfigChangesSeveritiesAndSuppresses(t *testing.T) {
	lintDir(t, exampleConfig)
	code, out, stderr := lintJSON(t, "clients")
	if code != ExitFail {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sev := severities(out)
	if _, ok := sev["model-oauth-flow-enum"]; ok {
		t.Error("model-oauth-flow-enum is off in the config but reported")
	}
	if sev["model-time-unit-enum"] != "warning" || sev["model-oauth-scope-format"] != "info" || sev["model-token-validity-raw-range"] != "error" {
		t.Errorf("severities %v", sev)
	}
	if out.Summary.Suppressed != 2 || len(out.Suppressed) != 2 {
		t.Fatalf("suppressed: summary %d, listed %d; want 2", out.Summary.Suppressed, len(out.Suppressed))
	}
	for _, s := range out.Suppressed {
		if s.Rule != "model-unknown-member" || s.Reason != "copied describe output" {
			t.Errorf("suppressed %+v", s)
		}
	}
	// The text output counts them too.
	_, text, _ := runCLI(t, "lint", "--no-color", "clients")
	if !strings.Contains(text, "; 2 findings suppressed") {
		t.Errorf("text summary does not count the suppressed findings:\n%s", text)
	}
}

// The config is found from the working directory upward, and its paths
// are relative to it, not to where cognitolint runs.
func TestConfigFoundUpward(t *testing.T) {
	dir := lintDir(t, exampleConfig)
	t.Chdir(filepath.Join(dir, "sub"))
	_, out, stderr := lintJSON(t, filepath.Join("..", "clients"))
	if out.Summary.Suppressed != 2 || severities(out)["model-time-unit-enum"] != "warning" {
		t.Errorf("config in the parent directory not applied: %+v %s", out.Summary, stderr)
	}
}

func TestFlagsOverrideConfig(t *testing.T) {
	lintDir(t, exampleConfig)
	tests := []struct {
		name  string
		args  []string
		code  int
		check func(jsonOut) string
	}{
		{"config fail-on warning", []string{"--disable", "model-*", "--enable", "model-time-unit-enum"}, ExitFail, nil},
		{"--fail-on error beats fail-on: warning", []string{"--fail-on", "error", "--disable", "model-*", "--enable", "model-time-unit-enum"}, ExitOK, nil},
		{"--severity beats rules:", []string{"--severity", "model-time-unit-enum=error"}, ExitFail, func(o jsonOut) string {
			return severities(o)["model-time-unit-enum"]
		}},
		{"--enable turns a rule the config turned off back on", []string{"--enable", "model-oauth-flow-enum"}, ExitFail, func(o jsonOut) string {
			return severities(o)["model-oauth-flow-enum"]
		}},
	}
	want := map[string]string{"--severity beats rules:": "error", "--enable turns a rule the config turned off back on": "error"}
	for _, tt := range tests {
		code, out, stderr := lintJSON(t, append(tt.args, "clients")...)
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d (%s)", tt.name, code, tt.code, stderr)
		}
		if tt.check != nil {
			if got := tt.check(out); got != want[tt.name] {
				t.Errorf("%s: got %q, want %q", tt.name, got, want[tt.name])
			}
		}
	}
	// --config names another file; the default one is then not read.
	other := filepath.Join(t.TempDir(), "strict.yaml")
	if err := os.WriteFile(other, []byte("rules:\n  model-unknown-member: info\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ := lintJSON(t, "--config", other, "clients")
	if out.Summary.Suppressed != 0 || severities(out)["model-unknown-member"] != "info" || severities(out)["model-oauth-flow-enum"] != "error" {
		t.Errorf("--config: %+v %v", out.Summary, severities(out))
	}
}

func TestConfigErrorsExit2WithPosition(t *testing.T) {
	tests := []struct {
		config string
		args   []string
		want   string
	}{
		{"fail-on: error\nrulez:\n  a: off\n", nil, `.cognitolint.yaml:2:1: unknown key "rulez" (did you mean "rules"?)`},
		{"rules:\n  model-type: off\n  model-typo: warning\n", nil, `.cognitolint.yaml:3:3: unknown rule "model-typo" (did you mean "model-type"?)`},
		{"ignore:\n  - rule: nonexistent-rule-id\n    reason: r\n", nil, `.cognitolint.yaml:2:11: unknown rule "nonexistent-rule-id"`},
		{"ignore:\n  - rule: model-type\n    paths: ['a**']\n    reason: r\n", nil, `.cognitolint.yaml:2:11: ignore entry for model-type: path glob "a**"`},
		{"ignore:\n  - rule: model-type\n", nil, ".cognitolint.yaml:2:5: the ignore entry for model-type needs a reason"},
		{"fail-on: [x]\n", nil, ".cognitolint.yaml:1:10: fail-on is a list"},
		// An unknown rule given as a flag is the flag's fault, not the config's.
		{"rules:\n  model-type: off\n", []string{"--disable", "model-typo"}, `cognitolint: unknown rule "model-typo"`},
	}
	for _, tt := range tests {
		lintDir(t, tt.config)
		code, stdout, stderr := runCLI(t, append(append([]string{"lint"}, tt.args...), "clients")...)
		if code != ExitTrouble {
			t.Errorf("%q: exit %d, want 2", tt.config, code)
		}
		if stdout != "" {
			t.Errorf("%q: output on a config error: %s", tt.config, stdout)
		}
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("%q:\n got %s\nwant …%s…", tt.config, stderr, tt.want)
		}
	}
	lintDir(t, "")
	code, _, stderr := runCLI(t, "lint", "--config", "missing.yaml", "clients")
	if code != ExitTrouble || !strings.Contains(stderr, "missing.yaml: no such config file") {
		t.Errorf("--config missing.yaml: exit %d, %s", code, stderr)
	}
}

func TestColorAllowed(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"TERM": "xterm-256color"}, true},
		{map[string]string{"NO_COLOR": "1"}, false},
		{map[string]string{"NO_COLOR": "0"}, false}, // any value
		{map[string]string{"NO_COLOR": ""}, true},   // empty is unset
		{map[string]string{"TERM": "dumb"}, false},
	}
	for _, tt := range tests {
		if got := colorAllowed(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("colorAllowed(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestColorTerminalNotATerminal(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, out := range map[string]any{"pipe": w, "file": f, "buffer": &bytes.Buffer{}} {
		if colorTerminal(out.(interface{ Write([]byte) (int, error) })) {
			t.Errorf("colour on a %s", name)
		}
	}
}
