package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
)

func TestParseValid(t *testing.T) {
	src := `# the example of cli.md
fail-on: warning
policies: [policy/]          # relative to the config file
data: policy/data.yaml
baseline: false
rules:
  sec-long-refresh-token: off
  sec-implicit-grant: error
  model-type: Info
  "sec-*": off
ignore:
  - rule: sec-http-loopback-callback
    paths: ["clients/dev/*.json", "clients/**/local.json"]
    reason: local development client
  - rule: model-unknown-member
    reason: everywhere
    resources: ["DevClient*", 'aws_cognito_user_pool_client.dev["a"]']
`
	c, err := Parse(filepath.FromSlash("repo/.cognitolint.yaml"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn == nil || *c.FailOn != "warning" {
		t.Errorf("fail-on: %v", c.FailOn)
	}
	if want := filepath.FromSlash("repo/policy"); len(c.Policies) != 1 || c.Policies[0] != want {
		t.Errorf("policies %q, want [%s]", c.Policies, want)
	}
	if want := filepath.FromSlash("repo/policy/data.yaml"); len(c.Data) != 1 || c.Data[0] != want {
		t.Errorf("data %q, want [%s]", c.Data, want)
	}
	if c.Baseline == nil || *c.Baseline {
		t.Errorf("baseline: %v", c.Baseline)
	}
	wantRules := []Rule{
		{ID: "sec-long-refresh-token", Off: true, Pos: Pos{7, 3}},
		{ID: "sec-implicit-grant", Severity: finding.Error, Pos: Pos{8, 3}},
		{ID: "model-type", Severity: finding.Info, Pos: Pos{9, 3}},
		{ID: "sec-*", Off: true, Pos: Pos{10, 3}},
	}
	if len(c.Rules) != len(wantRules) {
		t.Fatalf("rules %+v", c.Rules)
	}
	for i, r := range wantRules {
		if c.Rules[i] != r {
			t.Errorf("rule %d = %+v, want %+v", i, c.Rules[i], r)
		}
	}
	if len(c.Ignore) != 2 {
		t.Fatalf("ignore %+v", c.Ignore)
	}
	ig := c.Ignore[0]
	if ig.Rule != "sec-http-loopback-callback" || len(ig.Paths) != 2 || ig.Paths[1] != "clients/**/local.json" || ig.Reason != "local development client" || ig.Pos != (Pos{12, 11}) {
		t.Errorf("ignore[0] = %+v", ig)
	}
	if c.Ignore[1].Paths != nil {
		t.Errorf("ignore[1] without paths: %q", c.Ignore[1].Paths)
	}
	if r := c.Ignore[1].Resources; len(r) != 2 || r[1] != `aws_cognito_user_pool_client.dev["a"]` || c.Ignore[0].Resources != nil {
		t.Errorf("resources %q, %q", c.Ignore[0].Resources, r)
	}
	if p, ok := c.RulePos("model-unknown-member"); !ok || p != (Pos{15, 11}) {
		t.Errorf("RulePos(model-unknown-member) = %v, %v", p, ok)
	}
	if p, ok := c.RulePos("model-type"); !ok || p != (Pos{9, 3}) {
		t.Errorf("RulePos(model-type) = %v, %v", p, ok)
	}
	if _, ok := c.RulePos("nope"); ok {
		t.Error("RulePos(nope) found")
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "---\n", "~\n", "rules:\nignore:\n"} {
		c, err := Parse("c.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if c.FailOn != nil || c.Policies != nil || c.Baseline != nil || len(c.Rules) != 0 || len(c.Ignore) != 0 {
			t.Errorf("%q sets something: %+v", src, c)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"fail-on: error\nfailon: warning\n", `c.yaml:2:1: unknown key "failon" (did you mean "fail-on"?)`},
		{"rules:\n  x: off\nrules:\n  y: off\n", "c.yaml:3:1: rules is set twice"},
		{"fail-on: sometimes\n", `c.yaml:1:10: fail-on "sometimes": use error, warning, info or never`},
		{"fail-on: [error]\n", "c.yaml:1:10: fail-on is a list; give a string"},
		{"baseline: yes\n", `c.yaml:1:11: baseline is "yes"; give true or false`},
		{"policies: {a: b}\n", "c.yaml:1:11: policies is a mapping; give a string or a list of strings"},
		{"policies: ['']\n", "c.yaml:1:12: policies: an empty path"},
		{"data: [a, [b]]\n", "c.yaml:1:11: data is a list; give a string"},
		{"rules: [a]\n", "c.yaml:1:8: rules is a list; it must map rule IDs"},
		{"rules:\n  sec-x: disabled\n", `c.yaml:2:10: rules: sec-x: "disabled" is not a level; use off, error, warning or info`},
		{"rules:\n  sec-x: {severity: error}\n", "c.yaml:2:10: rules: sec-x is a mapping; give off, error, warning or info"},
		{"rules:\n  sec-x: off\n  sec-x: error\n", "c.yaml:3:3: rule sec-x is set twice"},
		{"rules:\n  sec-[: error\n", `c.yaml:2:3: rules: "sec-[" is not a rule ID or glob: syntax error in pattern`},
		{"ignore:\n  rule: x\n", "c.yaml:2:3: ignore is a mapping; it must be a list of entries"},
		{"ignore:\n  - x\n", "c.yaml:2:5: an ignore entry is a scalar; it must be a mapping"},
		{"ignore:\n  - rule: x\n    paths: [a]\n", "c.yaml:2:5: the ignore entry for x needs a reason"},
		{"ignore:\n  - paths: [a]\n    reason: r\n", "c.yaml:2:5: an ignore entry needs rule"},
		{"ignore:\n  - rule: x\n    reason: '  '\n", "c.yaml:3:13: ignore: reason is empty"},
		{"ignore:\n  - rule: ''\n    reason: r\n", "c.yaml:2:11: ignore: rule is empty"},
		{"ignore:\n  - rule: x\n    reason: r\n    path: [a]\n", `c.yaml:4:5: unknown key "path" in an ignore entry (did you mean "paths"?)`},
		{"ignore:\n  - rule: x\n    reason: r\n    paths: ['a', '']\n", "c.yaml:4:18: ignore: paths: an empty glob"},
		{"ignore:\n  - rule: x\n    reason: r\n    resources: ['']\n", "c.yaml:4:17: ignore: resources: an empty glob"},
		{"ignore:\n  - rule: x\n    reason: r\n    resource: [a]\n", `c.yaml:4:5: unknown key "resource" in an ignore entry (did you mean "resources"?)`},
		{"- a\n- b\n", "c.yaml:1:1: the config is a list; it must be a mapping"},
		{"rules:\n  a: off\n b: off\n", "c.yaml:2: not valid YAML: did not find expected key"},
		{"fail-on: 'error\n", "c.yaml:2: not valid YAML: found unexpected end of stream"},
	}
	for _, tt := range tests {
		_, err := Parse("c.yaml", []byte(tt.src))
		if err == nil {
			t.Errorf("%q: no error, want %q", tt.src, tt.want)
			continue
		}
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: %T is not a *config.Error", tt.src, err)
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q:\n got %s\nwant %s…", tt.src, err, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	sub := filepath.Join(repo, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("fail-on: error\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Above the repository root: never found from inside it.
	write(filepath.Join(root, ".cognitolint.yaml"))
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(sub); err != nil || got != "" {
		t.Errorf("Find in a repository without a config = %q, %v; want none", got, err)
	}
	write(filepath.Join(repo, ".cognitolint.yml"))
	if got, err := Find(sub); err != nil || got != filepath.Join(repo, ".cognitolint.yml") {
		t.Errorf("Find = %q, %v; want the repository's .cognitolint.yml", got, err)
	}
	write(filepath.Join(repo, "a", ".cognitolint.yaml"))
	if got, err := Find(sub); err != nil || got != filepath.Join(repo, "a", ".cognitolint.yaml") {
		t.Errorf("Find = %q, %v; want the nearest", got, err)
	}
	write(filepath.Join(repo, "a", ".cognitolint.yml"))
	if _, err := Find(sub); err == nil || !strings.Contains(err.Error(), "two config files") {
		t.Errorf("two config files in one directory: %v", err)
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "no such config file") {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"fail-on: error\nrules:\n  a: off\nignore:\n  - rule: a\n    paths: [x]\n    reason: r\n",
		"policies: a\ndata: [b, c]\nbaseline: true\n",
		"rules: {a: warning, b: [c]}\n",
		"ignore: [{rule: a, reason: b, paths: ''}]\n",
		"&a [*a]\n",
		"? [a]\n: b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("f.yaml", src)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("%T is not a *config.Error: %v", err, err)
			}
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		for _, ig := range c.Ignore {
			if ig.Rule == "" || strings.TrimSpace(ig.Reason) == "" {
				t.Fatalf("accepted an ignore entry without rule or reason: %+v", ig)
			}
		}
	})
}

// TestFindLinkOut: a config file found in a repository that links out of
// it is an error, not a file read (its keys would show in errors).
func TestFindLinkOut(t *testing.T) {
	repo, outside := t.TempDir(), t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(outside, "kubeconfig")
	if err := os.WriteFile(target, []byte("users: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(repo, ".cognitolint.yaml")); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(repo); err == nil || !strings.Contains(err.Error(), "a link out of the repository") {
		t.Errorf("Find: %v", err)
	}
	if err := os.Remove(filepath.Join(repo, ".cognitolint.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "real.yaml"), []byte("baseline: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.yaml", filepath.Join(repo, ".cognitolint.yaml")); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(repo); err != nil || p == "" {
		t.Errorf("a link inside the repository: %q, %v", p, err)
	}
}
