package validate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGlobRegexp(t *testing.T) {
	tests := []struct {
		glob  string
		match []string
		miss  []string
	}{
		{"clients/dev/*.json", []string{"clients/dev/a.json", "clients/dev/.json"}, []string{"clients/dev/x/a.json", "clients/prod/a.json", "clients/dev/a.yaml"}},
		{"./clients/*.json", []string{"clients/a.json"}, []string{"a.json"}},
		{"*.json", []string{"a.json"}, []string{"dir/a.json"}},
		{"**/*.json", []string{"a.json", "dir/a.json", "x/y/z.json"}, []string{"a.yaml"}},
		{"clients/**", []string{"clients/a.json", "clients/x/y.json"}, []string{"clientsx/a.json", "other/clients/a.json"}},
		{"clients/**/dev-?.json", []string{"clients/dev-1.json", "clients/a/b/dev-2.json"}, []string{"clients/dev-10.json", "clients/a/dev-/.json"}},
		{"[ab].json", []string{"a.json", "b.json"}, []string{"c.json"}},
		{"[!ab].json", []string{"c.json"}, []string{"a.json"}},
		{"a+b (1).json", []string{"a+b (1).json"}, []string{"aab (1).json"}},
		{"clients/café-*.json", []string{"clients/café-1.json"}, []string{"clients/cafe-1.json"}},
		{`a\*.json`, []string{"a*.json"}, []string{"ab.json"}},
	}
	for _, tt := range tests {
		re, err := globRegexp(tt.glob)
		if err != nil {
			t.Errorf("%q: %v", tt.glob, err)
			continue
		}
		for _, m := range tt.match {
			if !re.MatchString(m) {
				t.Errorf("%q does not match %q", tt.glob, m)
			}
		}
		for _, m := range tt.miss {
			if re.MatchString(m) {
				t.Errorf("%q matches %q", tt.glob, m)
			}
		}
	}
	for _, bad := range []string{"", "a**/b", "**b", "[ab.json", "[].json"} {
		if _, err := globRegexp(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

const payload = `{
  "UserPoolId": "us-east-1_AbCd12345",
  "ClientName": "web",
  "AllowedOAuthFlowsUserPoolClient": true,
  "AllowedOAuthFlows": ["code", "token"],
  "AllowedOAuthScopes": ["openid"],
  "CallbackUrls": []
}`

func TestIgnoreSuppresses(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll(filepath.Join("clients", "dev"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"clients/dev/a.json", "clients/prod.json"} {
		if err := os.WriteFile(filepath.FromSlash(f), []byte(payload), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name       string
		ignore     []Ignore
		severity   map[string]Severity
		kept       []string // rule@file of findings
		suppressed []string
	}{
		{"none", nil, nil,
			[]string{"model-unknown-member@clients/dev/a.json", "model-oauth-flow-enum@clients/dev/a.json", "model-unknown-member@clients/prod.json", "model-oauth-flow-enum@clients/prod.json"}, nil},
		{"one rule in one directory",
			[]Ignore{{Rule: "model-unknown-member", Paths: []string{"clients/dev/*.json"}, Reason: "dev"}}, nil,
			[]string{"model-oauth-flow-enum@clients/dev/a.json", "model-unknown-member@clients/prod.json", "model-oauth-flow-enum@clients/prod.json"},
			[]string{"model-unknown-member@clients/dev/a.json"}},
		{"a glob of rules everywhere",
			[]Ignore{{Rule: "model-*", Reason: "all"}}, nil,
			nil,
			[]string{"model-unknown-member@clients/dev/a.json", "model-oauth-flow-enum@clients/dev/a.json", "model-unknown-member@clients/prod.json", "model-oauth-flow-enum@clients/prod.json"}},
		{"paths relative to the config's directory",
			[]Ignore{{Rule: "model-oauth-flow-enum", Paths: []string{"dev/a.json"}, Reason: "x", Dir: "clients"}}, nil,
			[]string{"model-unknown-member@clients/dev/a.json", "model-unknown-member@clients/prod.json", "model-oauth-flow-enum@clients/prod.json"},
			[]string{"model-oauth-flow-enum@clients/dev/a.json"}},
		{"the first matching entry gives the reason",
			[]Ignore{{Rule: "model-unknown-member", Paths: []string{"**/prod.json"}, Reason: "first"}, {Rule: "model-*", Paths: []string{"clients/prod.json"}, Reason: "second"}}, nil,
			[]string{"model-unknown-member@clients/dev/a.json", "model-oauth-flow-enum@clients/dev/a.json"},
			[]string{"model-unknown-member@clients/prod.json", "model-oauth-flow-enum@clients/prod.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := New(Options{NoBaseline: true, Ignore: tt.ignore, Severity: tt.severity})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := l.LintPaths(context.Background(), []string{"clients"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := ruleFiles(rep.Findings); !sameSet(got, tt.kept) {
				t.Errorf("findings %q, want %q", got, tt.kept)
			}
			if got := ruleFiles(rep.Suppressed); !sameSet(got, tt.suppressed) {
				t.Errorf("suppressed %q, want %q", got, tt.suppressed)
			}
			for _, f := range rep.Suppressed {
				if f.Reason == "" {
					t.Errorf("suppressed %s without reason", f.Rule)
				}
			}
			for _, f := range rep.Findings {
				if f.Reason != "" {
					t.Errorf("finding %s has a reason", f.Rule)
				}
			}
		})
	}
	l, _ := New(Options{NoBaseline: true, Ignore: []Ignore{{Rule: "model-unknown-member", Paths: []string{"**/prod.json"}, Reason: "first"}, {Rule: "model-*", Paths: []string{"clients/prod.json"}, Reason: "second"}}})
	rep, _ := l.LintPaths(context.Background(), []string{"clients/prod.json"}, nil)
	reasons := map[string]string{}
	for _, f := range rep.Suppressed {
		reasons[f.Rule] = f.Reason
	}
	if reasons["model-unknown-member"] != "first" || reasons["model-oauth-flow-enum"] != "second" {
		t.Errorf("reasons %v", reasons)
	}
}

func ruleFiles(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+"@"+filepath.ToSlash(f.File))
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestIgnoreErrors(t *testing.T) {
	tests := []struct {
		ig   Ignore
		want string
	}{
		{Ignore{Rule: "model-unknown-membr", Reason: "r"}, `unknown rule "model-unknown-membr" (did you mean "model-unknown-member"?)`},
		{Ignore{Rule: "model-unknown-member"}, "the ignore entry for model-unknown-member has no reason"},
		{Ignore{Reason: "r"}, "ignore entry without a rule"},
		{Ignore{Rule: "model-type", Reason: "r", Paths: []string{"a**"}}, `ignore entry for model-type: path glob "a**": ** must be a whole path element`},
	}
	for _, tt := range tests {
		_, err := New(Options{Ignore: []Ignore{{Rule: "syntax", Reason: "ok"}, tt.ig}})
		var ie *IgnoreError
		if !errors.As(err, &ie) || ie.Index != 1 {
			t.Errorf("%+v: error %v (%T), want an *IgnoreError for entry 1", tt.ig, err, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%+v:\n got %v\nwant %s", tt.ig, err, tt.want)
		}
	}
	_, err := New(Options{Severity: map[string]Severity{"model-typo": Error}})
	var ue *UnknownRuleError
	if !errors.As(err, &ue) || ue.ID != "model-typo" || ue.Suggestion != "model-type" {
		t.Errorf("unknown severity rule: %v", err)
	}
}

func TestLintTargets(t *testing.T) {
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.Lint(context.Background(), "a.json", []byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Targets) != 1 || rep.Targets[0].File != "a.json" {
		t.Errorf("targets %+v", rep.Targets)
	}
	rep, err = l.Lint(context.Background(), "b.json", []byte("{"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Targets) != 0 {
		t.Errorf("a file that does not parse has no document: targets %+v", rep.Targets)
	}
}

// --skip-unknown skips files of other shapes and unparseable files that
// mention no app client (what a pre-commit hook passes along), but still
// reports a broken file that is about an app client.
func TestSkipUnknownFormats(t *testing.T) {
	l, err := New(Options{NoBaseline: true, SkipUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src string
		skipped   bool
		rule      string
	}{
		{"compose.yaml", "services:\n  web: {}\n", true, ""},
		{"main.tf", "variable \"region\" {}\n", false, ""}, // read: a configuration without clients
		{"package.json", `{"name": "x"}`, true, ""},
		{"tsconfig.json", "{ // comments\n}", true, ""}, // does not parse, mentions no client
		{"broken.json", `{"UserPoolId": "us-east-1_A1",`, false, "syntax"},
		{"client.yaml", payload, false, "model-oauth-flow-enum"}, // JSON is YAML: read it
	}
	for _, tt := range tests {
		rep, err := l.Lint(context.Background(), tt.name, []byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if (rep.Skipped == 1) != tt.skipped {
			t.Errorf("%s: skipped %d, want %v", tt.name, rep.Skipped, tt.skipped)
		}
		if tt.rule != "" && (len(rep.Findings) == 0 || rep.Findings[0].Rule != tt.rule) {
			t.Errorf("%s: findings %+v, want %s", tt.name, rep.Findings, tt.rule)
		}
	}
}

func FuzzGlob(f *testing.F) {
	for _, s := range []string{"clients/dev/*.json", "**/x", "a/**", "[!a-c]?.json", `a\*`, "[", "**b", "a[]b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, glob string) {
		re, err := globRegexp(glob)
		if err != nil {
			return
		}
		// A glob without metacharacters matches exactly itself.
		if !strings.ContainsAny(glob, `*?[\`) {
			name := strings.TrimPrefix(glob, "./")
			if !re.MatchString(name) {
				t.Fatalf("%q does not match itself", glob)
			}
			if re.MatchString(name + "x") {
				t.Fatalf("%q matches %q", glob, name+"x")
			}
		}
	})
}
