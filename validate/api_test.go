package validate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cognitolint/cognitolint/config"
)

// TestZeroLinter: the zero Linter would lint without the baseline pack the
// zero Options promise; it refuses instead, with an error that says how.
func TestZeroLinter(t *testing.T) {
	var l Linter
	if _, err := l.Lint(context.Background(), "x.json", []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "validate.New") {
		t.Errorf("Lint on the zero Linter: %v, want an error naming validate.New", err)
	}
	if _, err := l.LintRequest(context.Background(), &Request{}, OpCreate); err == nil {
		t.Error("LintRequest on the zero Linter: no error")
	}
	if _, err := l.LintPaths(context.Background(), []string{"."}, nil); err == nil {
		t.Error("LintPaths on the zero Linter: no error")
	}
	if _, err := l.LintFS(context.Background(), fstest.MapFS{}); err == nil {
		t.Error("LintFS on the zero Linter: no error")
	}
}

// TestSeverityOptionChecked: a severity that is none of the three is an
// error of New, not a finding printed as "unknown".
func TestSeverityOptionChecked(t *testing.T) {
	for _, sev := range []Severity{0, 4, -1} {
		if _, err := New(Options{NoBaseline: true, Severity: map[string]Severity{"redirect-uri-https": sev}}); err == nil {
			t.Errorf("Severity %d accepted", sev)
		}
	}
	if _, err := New(Options{NoBaseline: true, Severity: map[string]Severity{"redirect-uri-*": Warning}}); err != nil {
		t.Errorf("a glob with a valid severity: %v", err)
	}
}

// TestRulesAsRun: Rules() says what this Linter runs: overridden
// severities (by ID and glob) and disabled rules.
func TestRulesAsRun(t *testing.T) {
	l, err := New(Options{Disable: []string{"sec-*"}, Enable: []string{"sec-admin-scope"},
		Severity: map[string]Severity{"redirect-uri-https": Warning, "oauth-*": Info}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Rule{}
	for _, r := range l.Rules() {
		got[r.ID] = r
	}
	for id, want := range map[string]struct {
		sev, def string
		disabled bool
	}{
		"redirect-uri-https":          {"warning", "error", false},
		"oauth-callback-required":     {"info", "error", false},
		"redirect-uri-absolute":       {"error", "", false},
		"sec-implicit-grant":          {"warning", "", true},
		"sec-admin-scope":             {"info", "", false},
		"sec-long-refresh-token":      {"info", "", true},
		"client-token-auth-exclusive": {"error", "", false},
	} {
		r, ok := got[id]
		if !ok {
			t.Errorf("rule %s not listed", id)
			continue
		}
		if r.Severity != want.sev || r.DefaultSeverity != want.def || r.Disabled != want.disabled {
			t.Errorf("%s: severity %q default %q disabled %v, want %q %q %v", id, r.Severity, r.DefaultSeverity, r.Disabled, want.sev, want.def, want.disabled)
		}
	}
}

// TestTypedOperation: LintRequest takes an Operation; a value that is none
// of the three is an error.
func TestTypedOperation(t *testing.T) {
	l, err := New(Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	pool, name := "us-east-1_A1b2", "web"
	if _, err := l.LintRequest(context.Background(), &Request{UserPoolId: &pool, ClientName: &name}, Operation("delete")); err == nil {
		t.Error(`Operation("delete") accepted`)
	}
	rep, err := l.LintRequest(context.Background(), &Request{UserPoolId: &pool, ClientName: &name}, OpCreate)
	if err != nil || rep.Documents != 1 {
		t.Fatalf("OpCreate: %v, %+v", err, rep)
	}
	if _, err := New(Options{Operation: "sideways"}); err == nil {
		t.Error(`Options.Operation "sideways" accepted`)
	}
}

// TestPolicyErrorAs: a policy that does not compile is a *PolicyError with
// every problem and its position, and errors.As finds a *PolicyProblem.
func TestPolicyErrorAs(t *testing.T) {
	_, err := New(Options{NoBaseline: true, PolicyModules: map[string]string{
		"org/a.rego": "package org.a\n\ndeny contains msg if {\n\tmsg := input.CallbackUrls[0]\n}\n",
	}})
	var pe *PolicyError
	if !errors.As(err, &pe) || len(pe.Problems) == 0 {
		t.Fatalf("error %v (%T), want a *PolicyError with problems", err, err)
	}
	if p := pe.Problems[0]; p.File != "org/a.rego" || p.Line != 4 || !strings.Contains(p.Message, "CallbackURLs") {
		t.Errorf("problem %+v, want org/a.rego:4 naming CallbackURLs", p)
	}
	var pp *PolicyProblem
	if !errors.As(err, &pp) || pp.Line != 4 {
		t.Errorf("errors.As *PolicyProblem: %v", pp)
	}
	if pe.Error() == "" || !strings.Contains(pe.Error(), "org/a.rego:4") {
		t.Errorf("message %q", pe.Error())
	}
}

// TestContextErrorFields: a context file of the wrong shape is a
// *ContextError whose fields say where.
func TestContextErrorFields(t *testing.T) {
	var c Context
	err := ParseContextFile(&c, ContextCurrent, "describe.json", []byte("{\n  \"UserPool\": {}\n}"))
	var ce *ContextError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T), want a *ContextError", err, err)
	}
	if ce.File != "describe.json" || ce.Line == 0 || ce.Msg == "" || !strings.HasPrefix(ce.Error(), "describe.json:") {
		t.Errorf("ContextError %+v (%s)", ce, ce)
	}
}

// TestDataInMemory: Options.Data reaches policies as --data files do.
func TestDataInMemory(t *testing.T) {
	l, err := New(Options{NoBaseline: true,
		Data: map[string]any{"allowed": map[string]any{"hosts": []string{"app.example.org"}}},
		PolicyModules: map[string]string{"org/hosts.rego": `package org.hosts

deny contains msg if {
	some url in input.CallbackURLs
	not contains(url, data.allowed.hosts[0])
	msg := sprintf("callback %s is not on an approved host", [url])
}
`}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.Lint(context.Background(), "c.json", []byte(`{"UserPoolId": "us-east-1_A1b2", "ClientName": "w", "CallbackURLs": ["https://app.example.org/cb", "https://evil.example.net/cb"]}`))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range rep.Findings {
		if f.Policy == "org.hosts" {
			n++
			if !strings.Contains(f.Message, "evil.example.net") {
				t.Errorf("finding %q", f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d policy findings, want 1: %+v", n, rep.Findings)
	}
	if _, err := New(Options{Data: map[string]any{"cognitolint": 1}}); err == nil {
		t.Error("data.cognitolint given in memory was accepted")
	}
}

// TestLintFS: a tree in memory is walked as a directory on disk is: files of
// other shapes skipped and counted, hidden folders passed over, an
// explicit file linted whatever its name, and a Terraform configuration's
// terraform.tfvars read from the same fs.FS.
func TestLintFS(t *testing.T) {
	fsys := fstest.MapFS{
		"clients/web.json":   {Data: []byte(`{"UserPoolId": "us-east-1_A1b2", "ClientName": "w", "CallbackURLs": ["http://app.example.org/cb"]}`)},
		"clients/notes.txt":  {Data: []byte("not read")},
		"clients/other.json": {Data: []byte(`{"compilerOptions": {}}`)},
		".git/config.json":   {Data: []byte(`{"UserPoolId": "us-east-1_A1b2", "ClientName": "x", "CallbackURLs": ["http://bad.example.org"]}`)},
		"tf/main.tf": {Data: []byte(`variable "callbacks" { type = list(string) }
resource "aws_cognito_user_pool_client" "web" {
  name          = "web"
  user_pool_id  = "us-east-1_A1b2"
  callback_urls = var.callbacks
}
`)},
		"tf/terraform.tfvars": {Data: []byte(`callbacks = ["http://tf.example.org/cb"]` + "\n")},
		"payload":             {Data: []byte(`{"UserPoolId": "us-east-1_A1b2", "ClientName": "p", "CallbackURLs": ["http://explicit.example.org/cb"]}`)},
	}
	l, err := New(Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.LintFS(context.Background(), fsys, ".", "payload")
	if err != nil {
		t.Fatal(err)
	}
	https := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Rule == "redirect-uri-https" {
			https[f.File] = true
		}
	}
	for _, file := range []string{"clients/web.json", "tf/main.tf", "payload"} {
		if !https[file] {
			t.Errorf("no redirect-uri-https in %s: %+v", file, rep.Findings)
		}
	}
	if https[".git/config.json"] {
		t.Error("a hidden folder was walked")
	}
	if rep.Skipped < 2 {
		t.Errorf("skipped %d, want at least 2 (notes.txt, other.json)", rep.Skipped)
	}
	if _, err := l.LintFS(context.Background(), fsys, "missing"); err == nil {
		t.Error("a path that does not exist is not an error")
	}
	if _, err := l.LintFS(context.Background(), fsys, "../etc"); err == nil {
		t.Error("an invalid fs path is not an error")
	}
}

// TestOptionsFromConfig: an embedder gets the command line's semantics of
// a config file: policies relative to it, rules off and severities,
// ignores with their directory, and an explicit option winning.
func TestOptionsFromConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".cognitolint.yaml")
	if err := os.WriteFile(file, []byte(`policies: [policy/]
rules:
  sec-long-refresh-token: off
  sec-implicit-grant: error
  redirect-uri-wildcard: info
ignore:
  - rule: sec-http-loopback-callback
    paths: ["dev/*.json"]
    reason: local development client
`), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := OptionsFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.PolicyDirs) != 1 || !strings.HasSuffix(filepath.ToSlash(opts.PolicyDirs[0]), "policy") {
		t.Errorf("PolicyDirs %v", opts.PolicyDirs)
	}
	if !slices.Contains(opts.Disable, "sec-long-refresh-token") || opts.Severity["sec-implicit-grant"] != Error || opts.Severity["redirect-uri-wildcard"] != Info {
		t.Errorf("rules: disable %v severity %v", opts.Disable, opts.Severity)
	}
	if len(opts.Ignore) != 1 || opts.Ignore[0].Reason != "local development client" || opts.Ignore[0].Dir == "" {
		t.Errorf("ignore %+v", opts.Ignore)
	}
	// An option the caller gives wins; baseline entries drop without the pack.
	explicit := Options{NoBaseline: true, Severity: map[string]Severity{"redirect-*": Error}}
	if err := ApplyConfig(cfg, &explicit, func(flag string) bool { return flag == "no-baseline" }); err != nil {
		t.Fatal(err)
	}
	if _, ok := explicit.Severity["redirect-uri-wildcard"]; ok || explicit.Severity["sec-implicit-grant"] != 0 || len(explicit.Ignore) != 0 {
		t.Errorf("explicit options lost: %+v", explicit)
	}
}
