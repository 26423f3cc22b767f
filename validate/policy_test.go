package validate

import (
	"context"
	"encoding/json"
	iofs "io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cognitolint/cognitolint/finding"
)

func TestNewRejectsBadPolicies(t *testing.T) {
	tests := []struct {
		name    string
		modules map[string]string
		want    []string
	}{
		{"type error", map[string]string{"org/a.rego": "package a\n\ndeny contains u if {\n\tsome u in input.CallbackUrls\n}\n"},
			[]string{"org/a.rego:4:", "did you mean input.CallbackURLs?"}},
		{"built-in ID", map[string]string{"org/b.rego": "package b\n\n# METADATA\n# custom:\n#   id: model-unknown-member\ndeny contains \"x\" if true\n"},
			[]string{"org/b.rego:6", `custom.id "model-unknown-member" is a built-in rule`}},
		{"network", map[string]string{"org/c.rego": "package c\n\ndeny contains x if {\n\tx := http.send({\"method\": \"GET\", \"url\": \"https://x\"})\n}\n"},
			[]string{"org/c.rego:4:", "http.send is not available"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{PolicyModules: tt.modules})
			if err == nil {
				t.Fatal("New accepted the policy")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestRulesListPolicies(t *testing.T) {
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Rule{}
	for _, r := range l.Rules() {
		byID[r.ID] = r
	}
	r, ok := byID["sec-implicit-grant"]
	if !ok || r.Layer != finding.LayerRego || r.Policy != "cognito.baseline" || r.Severity != "warning" || r.Summary == "" || r.Reference == "" {
		t.Errorf("sec-implicit-grant listed as %+v", r)
	}
	if r := byID["model-unknown-member"]; r.Layer != finding.LayerGo {
		t.Errorf("built-in rule listed as %+v", r)
	}
	l, err = New(Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range l.Rules() {
		if r.Layer == finding.LayerRego {
			t.Errorf("NoBaseline lists %s", r.ID)
		}
	}
	if _, err := New(Options{NoBaseline: true, Disable: []string{"sec-implicit-grant"}}); err == nil || !strings.Contains(err.Error(), "unknown rule") {
		t.Errorf("disabling a baseline rule without the baseline: %v", err)
	}
}

func rulesOf(rep *Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.Rule)
	}
	return out
}

const insecure = `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "abc", "AllowedOAuthFlows": ["code", "implicit"], "AllowedOAuthScopes": ["openid"], "AllowedOAuthFlowsUserPoolClient": true, "CallbackURLs": ["https://app.corp.example/cb"], "EnableTokenRevocation": false, "WriteAttributes": ["name"], "PreventUserExistenceErrors": "ENABLED"}`

func TestLintWithBaselineAndOptions(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"baseline", Options{}, "sec-implicit-grant sec-token-revocation-disabled"},
		{"no baseline", Options{NoBaseline: true}, ""},
		{"disable one", Options{Disable: []string{"sec-token-revocation-disabled"}}, "sec-implicit-grant"},
		{"disable glob", Options{Disable: []string{"sec-*"}}, ""},
		{"policy module", Options{NoBaseline: true, PolicyModules: map[string]string{"m.rego": "package m\n\nwarn contains \"from a string\" if input.EnableTokenRevocation == false\n"}}, "m.warn"},
		{"policy fs", Options{NoBaseline: true, PolicyFS: []iofs.FS{fstest.MapFS{"p/x.rego": {Data: []byte("package x\n\ndeny contains \"from fs\" if true\n")}}}}, "x.deny"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := New(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := l.Lint(ctx, "c.json", []byte(insecure))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rulesOf(rep), " "); got != tt.want {
				t.Errorf("rules %q, want %q", got, tt.want)
			}
		})
	}
	l, err := New(Options{Severity: map[string]Severity{"sec-implicit-grant": Error}})
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := l.Lint(ctx, "c.json", []byte(insecure))
	for _, f := range rep.Findings {
		if f.Rule == "sec-implicit-grant" && f.Severity != Error {
			t.Errorf("severity override not applied: %+v", f)
		}
	}
}

func TestSecretsStayOutOfPolicyOutput(t *testing.T) {
	secret := "verysecretvalue0123456789xyz"
	l, err := New(Options{PolicyModules: map[string]string{"leak.rego": `package leak

deny contains {"msg": sprintf("input: %v", [input]), "hint": sprintf("%v", [input.ClientSecret])} if true
`}})
	if err != nil {
		t.Fatal(err)
	}
	src := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "n", "ClientSecret": "` + secret + `"}`
	rep, err := l.Lint(context.Background(), "s.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	name, pool := "n", "us-east-1_AbCd12345"
	rrep, err := l.LintRequest(context.Background(), &Request{UserPoolId: &pool, ClientName: &name, ClientSecret: &secret}, OpCreate)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Report{rep, rrep} {
		b, _ := json.Marshal(r.Findings)
		if strings.Contains(string(b), secret) {
			t.Errorf("secret in findings: %s", b)
		}
		found := false
		for _, f := range r.Findings {
			if f.Rule == "leak.deny" && strings.Contains(f.Message, `"ClientSecret": "****"`) && f.Hint == "****" {
				found = true
			}
		}
		if !found {
			t.Errorf("leak.deny finding missing or not redacted: %s", b)
		}
	}
}

func TestConcurrentLintWithPolicies(t *testing.T) {
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../testdata/policy/payloads/update.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := l.Lint(context.Background(), "u.json", src)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := l.Lint(context.Background(), "u.json", src)
				if err != nil {
					t.Error(err)
					return
				}
				if strings.Join(rulesOf(got), " ") != strings.Join(rulesOf(want), " ") {
					t.Errorf("concurrent lint: %v, want %v", rulesOf(got), rulesOf(want))
					return
				}
			}
		})
	}
	wg.Wait()
}

// FuzzLintWithBaseline lints arbitrary bytes with the built-in rules and
// the baseline pack: no panic, and the policy layer never fails on what
// the reader accepts.
func FuzzLintWithBaseline(f *testing.F) {
	for _, p := range []string{"../testdata/policy/payloads/update.json", "../testdata/policy/payloads/secure.json", "../testdata/policy/bench/update-2k.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"ClientId": "a", "ExplicitAuthFlows": false, "TokenValidityUnits": {"RefreshToken": 3}, "SupportedIdentityProviders": "x", "CallbackURLs": [1, null, "HTTP://LOCALHOST"]}`))
	f.Add([]byte(`{"ClientId": "a", "RefreshTokenValidity": "x", "RefreshTokenRotation": {"RetryGracePeriodSeconds": []}, "AllowedOAuthFlows": {"a": "implicit"}}`))
	l, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := l.Lint(context.Background(), "f.json", src); err != nil {
			t.Fatalf("lint error: %v", err)
		}
	})
}

// TestPolicyTimeoutOnOneDocument: a policy that runs past its deadline on
// one file is a policy-error finding for that file; the next file is
// linted, and the report says not everything could be linted.
func TestPolicyTimeoutOnOneDocument(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.json", `{"ClientName": "slow", "UserPoolId": "us-east-1_AbCd12345"}`)
	b := write("b.json", `{"ClientName": "fast", "UserPoolId": "us-east-1_AbCd12345"}`)
	l, err := New(Options{NoBaseline: true, PolicyTimeout: 50 * time.Millisecond, PolicyModules: map[string]string{"slow.rego": `package slow

deny contains "never" if {
	input.ClientName == "slow"
	some x in numbers.range(1, 100000000000)
	x < 0
}

warn contains sprintf("linted %s", [input.ClientName]) if true
`}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.LintPaths(context.Background(), []string{a, b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.File[len(dir)+1:]+" "+f.Rule+" "+f.Severity.String())
	}
	want := []string{"a.json policy-error error", "b.json slow.warn warning"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings %q; want %q", got, want)
	}
	if !rep.Incomplete() || rep.Files != 2 {
		t.Errorf("Incomplete %v, %d files", rep.Incomplete(), rep.Files)
	}
}
