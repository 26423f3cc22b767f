package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// abs is a path under the repository root, absolute, for tests that run
// in a temporary directory.
func abs(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(repoRoot, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// inTempRepo makes a temporary directory holding .git (where the config
// search stops) and the given files the working directory.
func inTempRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func TestUnknownCommand(t *testing.T) {
	dir := inTempRepo(t, map[string]string{"verfy": `{"ClientName": "x", "UserPoolId": "us-east-1_A1"}`})
	_ = dir
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"typo", []string{"lnt", "x.json"}, 2, `cognitolint: unknown command "lnt" (did you mean "lint"?)`},
		{"two near", []string{"ver"}, 2, `unknown command "ver" (did you mean "verify" or "version"?)`},
		{"typo after a flag", []string{"--no-color", "rulse"}, 2, `unknown command "rulse" (did you mean "rules"?)`},
		{"no command near", []string{"frobnicate"}, 2, `unknown command "frobnicate", and no file or directory of that name`},
		{"a missing file is a missing file", []string{"nope.json"}, 2, "nope.json: no such file or directory"},
		// An existing path wins over a command's near-miss: it is linted.
		{"existing path", []string{"--no-baseline", "verfy"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.err) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s (want %q)", code, tt.code, out, errOut, tt.err)
			}
			if tt.err == "" && errOut != "" {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

// singleDash matches a flag listed with one dash and a long name (Go's
// flag package: "  -format string").
var singleDash = regexp.MustCompile(`(?m)^\s+-[a-z][a-z-]+`)

func TestHelp(t *testing.T) {
	t.Chdir(repoRoot)
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"help", "lint"}, {"lint", "--help"}, {"help", "rules"},
		{"rules", "-h"}, {"help", "verify"}, {"help", "completion"}, {"help", "version"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, code := run(t, "", args...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %s", code, errOut)
			}
			if !strings.Contains(out, "Usage:") {
				t.Errorf("no usage:\n%s", out)
			}
			if m := singleDash.FindString(out); m != "" {
				t.Errorf("a flag shown with one dash: %q\n%s", m, out)
			}
			if strings.Contains(out, "[=true|false]") {
				t.Errorf("a bool flag shown with its value:\n%s", out)
			}
		})
	}
	out, _, _ := run(t, "", "help", "lint")
	for _, want := range []string{"--format format", "--no-baseline ", "--severity ID=LEVEL", "--stdin-filename name", "--fail-on severity", `(default "error")`} {
		if !strings.Contains(out, want) {
			t.Errorf("help lint lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = run(t, "", "help")
	for _, want := range []string{"lint", "rules", "verify", "version", "completion", "help"} {
		if !regexp.MustCompile(`(?m)^  ` + want + ` `).MatchString(out) {
			t.Errorf("help lacks the command %s:\n%s", want, out)
		}
	}
}

func TestFlagErrors(t *testing.T) {
	t.Chdir(repoRoot)
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{[]string{"--fial-on", "info", "x.json"}, "unknown flag: --fial-on (did you mean --fail-on?); run 'cognitolint help lint' for the flags"},
		{[]string{"-format", "json", "x.json"}, "flags take two dashes: --format"},
		{[]string{"rules", "--formt", "json"}, "(did you mean --format?); run 'cognitolint help rules'"},
		{[]string{"verify", "--plicy", "p"}, "did you mean --policy?"},
		{[]string{"lint", "--format"}, "flag needs an argument: --format"},
		{[]string{"verify", "policies/"}, `verify takes no arguments (got "policies/")`},
		{[]string{"version", "x"}, `unknown command "x" for "cognitolint version"`},
		{[]string{"help", "lnt"}, `unknown command "lnt" (did you mean "lint"?)`},
		{[]string{"help", "frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"completion"}, "completion needs a shell: bash, fish, powershell, zsh"},
		{[]string{"completion", "tcsh"}, `completion "tcsh": not a shell cognitolint completes`},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, code := run(t, "", tt.args...)
			if code != ExitTrouble || !strings.Contains(errOut, tt.err) || out != "" {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s (want %q)", code, out, errOut, tt.err)
			}
		})
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "complete -o default -F __start_cognitolint cognitolint",
		"zsh":  "#compdef cognitolint",
		"fish": "complete -c cognitolint",
	} {
		out, errOut, code := run(t, "", "completion", shell)
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, want %q in:\n%.300s\n%s", shell, code, want, out, errOut)
		}
	}
	// What the scripts ask: the values of --format, rule IDs, commands.
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "lint", "--format", ""}, []string{"json\n", "sarif\n", "text\n"}},
		{[]string{"__complete", "--fail-on", ""}, []string{"never\n", "warning\n"}},
		{[]string{"__complete", "lint", "--disable", "redirect-uri-h"}, []string{"redirect-uri-https\n"}},
		{[]string{"__complete", "--enable", "sec-impl"}, []string{"sec-implicit-grant\n"}},
		{[]string{"__complete", "ru"}, []string{"rules\t"}},
		{[]string{"__complete", "lint", "--"}, []string{"--stdin-filename\t", "--no-baseline\t"}},
	} {
		out, _, code := run(t, "", tt.args...)
		for _, w := range tt.want {
			if code != ExitOK || !strings.Contains(out, w) {
				t.Errorf("%v: exit %d, want %q in:\n%s", tt.args, code, w, out)
			}
		}
	}
}

// TestVersion: the version comes from the build info, the same in
// `version`, `--version` and the JSON and SARIF outputs.
func TestVersion(t *testing.T) {
	t.Chdir(repoRoot)
	for _, tt := range []struct {
		name       string
		info       debug.BuildInfo
		line, tool string
	}{
		{"release", debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "cognitolint v1.2.3", "v1.2.3"},
		{"checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-12-04T19:00:00Z"}, {Key: "vcs.modified", Value: "true"},
		}}, "cognitolint (devel) (revision 0123456789ab, modified, 2026-12-04T19:00:00Z)", "(devel)-0123456789ab-dirty"},
		{"pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.1.1-0.20261204190000-0123456789ab+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "true"},
		}}, "cognitolint v0.1.1-0.20261204190000-0123456789ab+dirty (revision 0123456789ab, modified)", "v0.1.1-0.20261204190000-0123456789ab+dirty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			info := tt.info
			old := readBuildInfo
			readBuildInfo = func() (*debug.BuildInfo, bool) { return &info, true }
			defer func() { readBuildInfo = old }()
			for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
				out, _, code := run(t, "", args...)
				if code != ExitOK || out != tt.line+"\n" {
					t.Errorf("%v: exit %d, %q, want %q", args, code, out, tt.line)
				}
			}
			out, _, _ := run(t, "", "--format", "json", "--no-baseline", "testdata/ok/create.json")
			var rep struct{ Tool struct{ Version string } }
			if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Tool.Version != tt.tool {
				t.Errorf("json tool version %q (%v), want %q", rep.Tool.Version, err, tt.tool)
			}
			out, _, _ = run(t, "", "--format", "sarif", "--no-baseline", "testdata/ok/create.json")
			if !strings.Contains(out, `"version": "`+tt.tool+`"`) {
				t.Errorf("sarif lacks the tool version %q", tt.tool)
			}
		})
	}
}

// TestSeverityGlobs: --severity and config rules: take the globs that
// --enable and --disable take, and a flag overrides the file's entries it
// covers.
func TestSeverityGlobs(t *testing.T) {
	payload := abs(t, "testdata/policy/payloads/update.json") // sec-implicit-grant: a warning by default
	implicit := func(out string) string {
		var rep struct {
			Findings []struct{ Rule, Severity string }
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		for _, f := range rep.Findings {
			if f.Rule == "sec-implicit-grant" {
				return f.Severity
			}
		}
		t.Fatalf("no sec-implicit-grant finding: %s", out)
		return ""
	}
	for _, tt := range []struct {
		name   string
		config string
		args   []string
		want   string
	}{
		{"default", "", nil, "warning"},
		{"flag glob", "", []string{"--severity", "sec-*=error"}, "error"},
		{"flag exact beats flag glob", "", []string{"--severity", "sec-*=error", "--severity", "sec-implicit-grant=info"}, "info"},
		{"longer glob beats shorter", "", []string{"--severity", "*=info", "--severity", "sec-impl*=error"}, "error"},
		{"config glob", "rules:\n  sec-*: error\n", nil, "error"},
		{"config exact beats config glob", "rules:\n  sec-*: error\n  sec-implicit-grant: info\n", nil, "info"},
		{"flag glob beats config exact", "rules:\n  sec-implicit-grant: info\n", []string{"--severity", "sec-*=error"}, "error"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.config != "" {
				files[".cognitolint.yaml"] = tt.config
			}
			inTempRepo(t, files)
			args := append([]string{"--format", "json"}, tt.args...)
			out, errOut, code := run(t, "", append(args, payload)...)
			if code == ExitTrouble {
				t.Fatalf("exit 2: %s", errOut)
			}
			if got := implicit(out); got != tt.want {
				t.Errorf("severity %s, want %s", got, tt.want)
			}
		})
	}
	inTempRepo(t, map[string]string{})
	_, errOut, code := run(t, "", "--severity", "sec-[=error", payload)
	if code != ExitTrouble || !strings.Contains(errOut, `bad rule pattern "sec-["`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestRulesAndVerifyReadConfig: rules and verify read the config file as
// lint does, and take --policy, --no-baseline and --config.
func TestRulesAndVerifyReadConfig(t *testing.T) {
	failing := abs(t, "testdata/policy/failing")
	files := map[string]string{
		".cognitolint.yaml": "policies: [org]\nrules:\n  sec-implicit-grant: error\n  org-max-access-token: info\n  sec-localhost-name: off\n",
		"other.yaml":        "baseline: false\n",
	}
	for _, name := range []string{"callbacks.rego", "callbacks_test.rego"} {
		b, err := os.ReadFile(filepath.Join(abs(t, "testdata/policy/org"), name))
		if err != nil {
			t.Fatal(err)
		}
		files["org/"+name] = string(b) // a config file names policies of its own repository
	}
	inTempRepo(t, files)
	out, errOut, code := run(t, "", "rules")
	if code != ExitOK || !regexp.MustCompile(`(?m)^org-callback-domain\s`).MatchString(out) {
		t.Errorf("rules does not list the config's policies: exit %d\n%s%s", code, out, errOut)
	}
	if !regexp.MustCompile(`(?m)^sec-implicit-grant\s+error\s`).MatchString(out) || !regexp.MustCompile(`(?m)^org-max-access-token\s+info\s`).MatchString(out) {
		t.Errorf("rules does not show the config's severities:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^sec-localhost-name\s+off\s`).MatchString(out) {
		t.Errorf("rules does not show the rules the config turns off:\n%s", out)
	}
	out, _, code = run(t, "", "rules", "--config", "other.yaml")
	if code != ExitOK || strings.Contains(out, "org-callback-domain") || strings.Contains(out, "sec-implicit-grant") {
		t.Errorf("rules --config other.yaml (baseline: false): exit %d\n%s", code, out)
	}
	out, errOut, code = run(t, "", "verify", "--no-baseline")
	if code != ExitOK || !strings.Contains(out, "PASS data.org.cognito_test.test_") || strings.Contains(out, "baseline") {
		t.Errorf("verify does not run the config's policies: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = run(t, "", "verify", "--policy", failing, "--no-baseline")
	if code != ExitFail || strings.Contains(out, "data.org.cognito_test") {
		t.Errorf("--policy does not replace the config's policies: exit %d\n%s%s", code, out, errOut)
	}
}

// TestNoBaselineWithBaselineRulesInConfig: a config that names baseline
// rules serves runs with and without the pack.
func TestNoBaselineWithBaselineRulesInConfig(t *testing.T) {
	payload := abs(t, "testdata/policy/payloads/update.json")
	inTempRepo(t, map[string]string{
		".cognitolint.yaml": "rules:\n  sec-implicit-grant: error\n  sec-localhost-name: off\n" +
			"ignore:\n  - rule: sec-http-loopback-callback\n    reason: local development client\n",
		"typo.yaml": "rules:\n  sec-implicit-grnt: error\n",
	})
	for _, args := range [][]string{{"lint", "--no-baseline"}, {"rules", "--no-baseline"}, {"verify", "--no-baseline"}} {
		if args[0] == "lint" {
			args = append(args, payload)
		}
		out, errOut, code := run(t, "", args...)
		if code == ExitTrouble || strings.Contains(out, "sec-") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	// With the pack, a misspelt baseline rule is still a config error.
	_, errOut, code := run(t, "", "--config", "typo.yaml", payload)
	if code != ExitTrouble || !strings.Contains(errOut, `typo.yaml:2:3: unknown rule "sec-implicit-grnt" (did you mean "sec-implicit-grant"?)`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestStdinFilename(t *testing.T) {
	t.Chdir(repoRoot)
	payload, err := os.ReadFile("testdata/update/http-callback.json")
	if err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, string(payload), "--no-baseline", "--stdin-filename", "clients/app.json", "-")
	if code != ExitFail || !strings.HasPrefix(out, "clients/app.json:") || !strings.Contains(out, "\nclients/app.json:7:5: error:") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	// The name's extension chooses the reader: .tf is HCL.
	tf := `resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = "us-east-1_A1"
  callback_urls = ["http://app.example.com/cb"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows = ["code"]
  allowed_oauth_scopes = ["openid"]
}
`
	out, _, _ = run(t, tf, "--no-baseline", "--format", "json", "--stdin-filename", "infra/main.tf", "-")
	var rep struct {
		Findings []struct{ File, Resource, Rule string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range rep.Findings {
		if f.Rule == "redirect-uri-https" && f.File == "infra/main.tf" && f.Resource == "aws_cognito_user_pool_client.web" {
			found = true
		}
	}
	if !found {
		t.Errorf("the .tf on stdin was not read as HCL under its name:\n%s", out)
	}
	// A config ignore entry matches the name.
	dir := inTempRepo(t, map[string]string{".cognitolint.yaml": "ignore:\n  - rule: redirect-uri-https\n    paths: [clients/*.json]\n    reason: test\n"})
	_ = dir
	out, errOut, code := run(t, string(payload), "--no-baseline", "--disable", "update-omitted-fields-reset", "--stdin-filename", "clients/app.json", "-")
	if code != ExitOK || !strings.Contains(out, "no problems in 1 file (1 document); 1 finding suppressed") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

// TestColorDevNull: /dev/null is a character device but not a terminal.
func TestColorDevNull(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if colorTerminal(f) {
		t.Errorf("%s counts as a terminal", os.DevNull)
	}
}

// TestFixStdinFilename: --fix with stdin writes nothing, not even to the
// file --stdin-filename names (an editor's buffer is not that file).
func TestFixStdinFilename(t *testing.T) {
	const payload = `{"UserPoolId": "us-east-1_A1", "ClientName": "x", "CallbackUrls": ["https://a.example.com/cb"]}`
	dir := inTempRepo(t, map[string]string{"app.json": payload})
	_, errOut, code := run(t, payload, "--no-baseline", "--fix", "--stdin-filename", "app.json", "-")
	if code != ExitTrouble || !strings.Contains(errOut, "--fix cannot write the fixed text back to stdin") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "app.json")); string(b) != payload {
		t.Errorf("--fix wrote the file --stdin-filename names:\n%s", b)
	}
	out, _, code := run(t, payload, "--no-baseline", "--diff", "--stdin-filename", "app.json", "-")
	if code != ExitFail || !strings.Contains(out, "app.json") {
		t.Errorf("--diff on stdin: exit %d\n%s", code, out)
	}
}
