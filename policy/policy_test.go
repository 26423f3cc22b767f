package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
)

// baselineIDs are the sec-* rules of rules.md's baseline table.
var baselineIDs = []string{
	"sec-admin-scope",
	"sec-cognito-idp-removed-not-a-block",
	"sec-default-write-attributes",
	"sec-http-loopback-callback",
	"sec-implicit-grant",
	"sec-legacy-auth-flow-values",
	"sec-localhost-name",
	"sec-long-refresh-token",
	"sec-password-auth-flow",
	"sec-placeholder-url",
	"sec-prevent-user-existence-disabled",
	"sec-private-scheme-not-reverse-domain",
	"sec-rotation-grace-period",
	"sec-token-revocation-disabled",
}

var baselineSeverity = map[string]finding.Severity{
	"sec-implicit-grant": finding.Warning, "sec-http-loopback-callback": finding.Warning,
	"sec-localhost-name": finding.Info, "sec-private-scheme-not-reverse-domain": finding.Info,
	"sec-placeholder-url": finding.Warning, "sec-prevent-user-existence-disabled": finding.Warning,
	"sec-token-revocation-disabled": finding.Warning, "sec-password-auth-flow": finding.Info,
	"sec-legacy-auth-flow-values": finding.Warning, "sec-rotation-grace-period": finding.Info,
	"sec-long-refresh-token": finding.Info, "sec-default-write-attributes": finding.Info,
	"sec-admin-scope": finding.Info, "sec-cognito-idp-removed-not-a-block": finding.Info,
}

// TestBaselineRegoTests runs every test_* rule of the baseline pack's
// *_test.rego files, one subtest each.
func TestBaselineRegoTests(t *testing.T) {
	results, err := Verify(context.Background(), Options{}, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) < 2*len(baselineIDs) {
		t.Fatalf("only %d baseline tests; want a positive and a negative test per rule", len(results))
	}
	for _, r := range results {
		t.Run(strings.TrimPrefix(r.Name, "data.cognito.baseline_test."), func(t *testing.T) {
			if !strings.HasPrefix(r.File, BaselinePrefix) || r.Line == 0 {
				t.Errorf("location %s:%d; want a file under %s", r.File, r.Line, BaselinePrefix)
			}
			if r.Status != TestPass {
				t.Errorf("%s:%d: %s %s %s", r.File, r.Line, r.Status, r.Err, r.Output)
			}
		})
	}
}

func TestBaselineCatalog(t *testing.T) {
	e, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range e.Rules() {
		ids = append(ids, r.ID)
		if want := baselineSeverity[r.ID]; r.Severity != want {
			t.Errorf("%s: severity %s, rules.md says %s", r.ID, r.Severity, want)
		}
		if r.Title == "" || r.Description == "" || !strings.HasPrefix(r.Reference, "https://") {
			t.Errorf("%s: METADATA incomplete: title %q, description %q, reference %q", r.ID, r.Title, r.Description, r.Reference)
		}
		if !r.Baseline || r.Package != "cognito.baseline" || !strings.HasPrefix(r.File, BaselinePrefix) || r.Line == 0 {
			t.Errorf("%s: baseline %v, package %q, at %s:%d", r.ID, r.Baseline, r.Package, r.File, r.Line)
		}
	}
	if !slices.Equal(ids, baselineIDs) {
		t.Errorf("baseline rules:\n got %v\nwant %v", ids, baselineIDs)
	}
	e, err = Load(Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(e.Rules()); n != 0 {
		t.Errorf("NoBaseline: %d rules", n)
	}
}

func doc(t testing.TB, name, src string) *finding.Document {
	t.Helper()
	res := input.Read(name, []byte(src), input.Options{})
	if res.Unrecognized {
		// A minimal payload (two identifiers, one member) is not clearly a
		// client by its shape: force the operation its members imply.
		op := model.OpCreate
		if strings.Contains(src, `"ClientId"`) {
			op = model.OpUpdate
		}
		res = input.Read(name, []byte(src), input.Options{Operation: op})
	}
	if len(res.Docs) != 1 {
		t.Fatalf("%s: %d documents, findings %v", name, len(res.Docs), res.Findings)
	}
	return res.Docs[0]
}

func load(t testing.TB, opts Options) *Engine {
	t.Helper()
	e, err := Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func eval(t testing.TB, e *Engine, d *finding.Document) []finding.Finding {
	t.Helper()
	fs, err := e.Eval(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(fs, func(a, b finding.Finding) int {
		if finding.Less(&a, &b) {
			return -1
		}
		if finding.Less(&b, &a) {
			return 1
		}
		return 0
	})
	return fs
}

// brief renders findings as "line:col rule severity path | message".
func brief(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d:%d %s %s %s | %s", f.Line, f.Column, f.Rule, f.Severity, f.Path, f.Message))
	}
	return out
}

func TestBaselineFindings(t *testing.T) {
	e := load(t, Options{})
	tests := []struct {
		name, src string
		want      []string
	}{
		{
			name: "secure",
			src: `{
  "UserPoolId": "us-east-1_AbCd12345", "ClientId": "abc",
  "CallbackURLs": ["https://app.example.com/cb", "com.example.app:/cb"],
  "LogoutURLs": ["https://app.example.com/"],
  "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "AllowedOAuthFlowsUserPoolClient": true,
  "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  "SupportedIdentityProviders": ["COGNITO"], "WriteAttributes": ["name"],
  "PreventUserExistenceErrors": "ENABLED", "EnableTokenRevocation": true, "RefreshTokenValidity": 30
}`,
		},
		{
			name: "insecure",
			src: `{
  "UserPoolId": "us-east-1_AbCd12345", "ClientId": "abc",
  "CallbackURLs": ["http://localhost:3000/cb", "myapp://cb", "https://www.example.com"],
  "AllowedOAuthFlows": ["code", "implicit"],
  "AllowedOAuthScopes": ["aws.cognito.signin.user.admin"],
  "ExplicitAuthFlows": ["USER_PASSWORD_AUTH"],
  "SupportedIdentityProviders": ["Google"],
  "PreventUserExistenceErrors": "LEGACY",
  "EnableTokenRevocation": false,
  "RefreshTokenValidity": 10, "TokenValidityUnits": {"RefreshToken": "days"},
  "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
}`,
			want: []string{
				"1:1 sec-default-write-attributes info WriteAttributes | WriteAttributes is not set: users can change every standard attribute (email, phone_number, …)",
				`3:20 sec-http-loopback-callback warning CallbackURLs[0] | CallbackURLs[0] "http://localhost:3000/cb" is an http loopback URL, which AWS allows for testing only`,
				`3:20 sec-localhost-name info CallbackURLs[0] | CallbackURLs[0] "http://localhost:3000/cb" names localhost rather than a loopback IP literal`,
				`3:48 sec-private-scheme-not-reverse-domain info CallbackURLs[1] | CallbackURLs[1] "myapp://cb" uses the custom scheme "myapp", which is not in reverse-domain form`,
				`3:62 sec-placeholder-url warning CallbackURLs[2] | CallbackURLs[2] "https://www.example.com" is a placeholder URL`,
				`4:33 sec-implicit-grant warning AllowedOAuthFlows[1] | AllowedOAuthFlows[1] "implicit": the implicit grant puts tokens in the browser URL`,
				`5:26 sec-admin-scope info AllowedOAuthScopes[0] | AllowedOAuthScopes[0] "aws.cognito.signin.user.admin" lets access tokens call the user's self-service APIs`,
				`6:25 sec-legacy-auth-flow-values warning ExplicitAuthFlows[0] | ExplicitAuthFlows[0] "USER_PASSWORD_AUTH" is a deprecated legacy flow name`,
				`6:25 sec-password-auth-flow info ExplicitAuthFlows[0] | ExplicitAuthFlows[0] "USER_PASSWORD_AUTH" sends the plain password to Cognito`,
				`7:33 sec-cognito-idp-removed-not-a-block info SupportedIdentityProviders | SupportedIdentityProviders leaves out COGNITO, but ExplicitAuthFlows still allows USER_PASSWORD_AUTH: local users can still sign in with the SDK`,
				`8:33 sec-prevent-user-existence-disabled warning PreventUserExistenceErrors | PreventUserExistenceErrors is LEGACY: errors reveal which users exist`,
				`9:28 sec-token-revocation-disabled warning EnableTokenRevocation | EnableTokenRevocation is false: refresh tokens cannot be revoked`,
				`11:77 sec-rotation-grace-period info RefreshTokenRotation.RetryGracePeriodSeconds | RefreshTokenRotation.RetryGracePeriodSeconds is 10: the old refresh token stays usable that long after rotation`,
			},
		},
		{
			name: "long refresh token in hours",
			src:  `{"ClientId": "a", "WriteAttributes": [], "PreventUserExistenceErrors": "ENABLED", "RefreshTokenValidity": 1000, "TokenValidityUnits": {"RefreshToken": "hours"}}`,
			want: []string{`1:107 sec-long-refresh-token info RefreshTokenValidity | RefreshTokenValidity is 1000 hours, longer than the 30-day default`},
		},
		{
			name: "logout and default redirect URLs",
			src:  `{"ClientId": "a", "WriteAttributes": [], "PreventUserExistenceErrors": "ENABLED", "LogoutURLs": ["https://example.org/bye"], "DefaultRedirectURI": "http://[::1]:8080/cb"}`,
			want: []string{
				`1:98 sec-placeholder-url warning LogoutURLs[0] | LogoutURLs[0] "https://example.org/bye" is a placeholder URL`,
				`1:148 sec-http-loopback-callback warning DefaultRedirectURI | DefaultRedirectURI "http://[::1]:8080/cb" is an http loopback URL, which AWS allows for testing only`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(eval(t, e, doc(t, tt.name+".json", tt.src)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
}

func TestFindingFields(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"org.rego": `package org.cognito

# METADATA
# title: Callback URLs must be on an approved domain
# custom:
#   id: org-callback-domain
#   severity: warning
deny contains {"msg": msg, "path": sprintf("CallbackURLs[%d]", [i]), "hint": "add the host to data.allowed_hosts"} if {
	some i, url in input.CallbackURLs
	not startswith(url, "https://app.corp.example/")
	msg := sprintf("callback %q is not on an approved domain", [url])
}
`}})
	d := doc(t, "p.json", "{\n  \"ClientId\": \"a\",\n  \"CallbackURLs\": [\n    \"https://app.corp.example/cb\",\n    \"https://evil.example/cb\"\n  ]\n}\n")
	got := eval(t, e, d)
	want := []finding.Finding{{
		Rule: "org-callback-domain", Severity: finding.Warning, Message: `callback "https://evil.example/cb" is not on an approved domain`,
		Hint: "add the host to data.allowed_hosts", File: "p.json", Line: 5, Column: 5, Length: 25, Path: "CallbackURLs[1]",
		Operation: "update", Layer: "rego", Policy: "org.cognito",
	}}
	if !slices.Equal(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestConftestStylePolicy(t *testing.T) {
	// A policy written for conftest against a raw payload: package main,
	// no METADATA, string messages.
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"policy/main.rego": `package main

deny contains msg if {
	"implicit" in input.AllowedOAuthFlows
	msg := "implicit grant is banned"
}

warn contains msg if {
	input.RefreshTokenValidity > 7
	msg := sprintf("refresh tokens live %d days", [input.RefreshTokenValidity])
}

violation_scopes contains {"msg": "too many scopes", "details": {"n": count(input.AllowedOAuthScopes)}} if {
	count(input.AllowedOAuthScopes) > 2
}
`}})
	var ids []string
	for _, r := range e.Rules() {
		ids = append(ids, r.ID+"="+r.Severity.String())
	}
	if want := []string{"main.deny=error", "main.violation_scopes=error", "main.warn=warning"}; !slices.Equal(ids, want) {
		t.Errorf("rules %v, want %v", ids, want)
	}
	d := doc(t, "c.json", `{"ClientId": "a", "AllowedOAuthFlows": ["implicit"], "RefreshTokenValidity": 30, "AllowedOAuthScopes": ["a", "b", "c"]}`)
	got := brief(eval(t, e, d))
	want := []string{
		"1:1 main.deny error  | implicit grant is banned",
		"1:1 main.violation_scopes error  | too many scopes",
		"1:1 main.warn warning  | refresh tokens live 30 days",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBodiesWithOwnMetadata(t *testing.T) {
	// Two bodies of one rule, each with its own METADATA: every result is
	// attributed to its own ID and severity; a body without METADATA gets
	// the package.rule ID.
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"org.rego": `package org

# METADATA
# custom:
#   id: org-no-implicit
deny contains {"msg": "no implicit", "path": ["AllowedOAuthFlows", i]} if {
	some i, f in input.AllowedOAuthFlows
	f == "implicit"
}

# METADATA
# custom:
#   id: org-short-tokens
#   severity: info
deny contains {"msg": "long", "path": "/RefreshTokenValidity"} if {
	input.RefreshTokenValidity > 1
}

deny contains "plain" if {
	input.ClientId == "a"
}
`}})
	d := doc(t, "m.json", `{"ClientId": "a", "AllowedOAuthFlows": ["code", "implicit"], "RefreshTokenValidity": 30}`)
	got := brief(eval(t, e, d))
	want := []string{
		"1:1 org.deny error  | plain",
		"1:49 org-no-implicit error AllowedOAuthFlows[1] | no implicit",
		"1:86 org-short-tokens info RefreshTokenValidity | long",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// The rule itself still holds every result, for tests and other rules.
	var ids []string
	for _, r := range e.Rules() {
		ids = append(ids, r.ID)
	}
	if want := []string{"org-no-implicit", "org-short-tokens", "org.deny"}; !slices.Equal(ids, want) {
		t.Errorf("rules %v, want %v", ids, want)
	}
}

func TestMemberPath(t *testing.T) {
	tests := []struct {
		in   any
		want string
		ok   bool
	}{
		{"CallbackURLs[2]", "CallbackURLs[2]", true},
		{"input.TokenValidityUnits.AccessToken", "TokenValidityUnits.AccessToken", true},
		{"input", "", true},
		{"/CallbackURLs/2", "CallbackURLs[2]", true},
		{"/TokenValidityUnits/RefreshToken", "TokenValidityUnits.RefreshToken", true},
		{[]any{"CallbackURLs", jsonNumber("2")}, "CallbackURLs[2]", true},
		{[]any{"RefreshTokenRotation", "Feature"}, "RefreshTokenRotation.Feature", true},
		{[]any{"CallbackURLs", jsonNumber("-1")}, "", false},
		{[]any{"CallbackURLs", jsonNumber("1.5")}, "", false},
		{[]any{true}, "", false},
		{jsonNumber("3"), "", false},
	}
	for _, tt := range tests {
		got, ok := memberPath(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("memberPath(%v) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBadResults(t *testing.T) {
	tests := []struct{ name, rule, want string }{
		{"no msg", `deny contains {"message": "x"} if true`, `data.p.deny returned {"message":"x"} without a string "msg"`},
		{"number", `deny contains 3 if true`, `data.p.deny returned 3: each result must be a message string or an object with "msg"`},
		{"bad path", `deny contains {"msg": "x", "path": 7} if true`, `data.p.deny returned a "path" that is not a member path: 7`},
		{"bad hint", `deny contains {"msg": "x", "hint": ["a"]} if true`, `data.p.deny returned a "hint" that is not a string: ["a"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := load(t, Options{NoBaseline: true, Modules: map[string]string{"p.rego": "package p\n" + tt.rule + "\n"}})
			fs, err := e.Eval(context.Background(), doc(t, "x.json", `{"ClientId": "a"}`), nil)
			if err != nil {
				t.Fatal(err)
			}
			// A policy-error finding for the document, not an error that
			// stops the run.
			if len(fs) != 1 || fs[0].Rule != ErrorRule || fs[0].Severity != finding.Error || fs[0].File != "x.json" ||
				fs[0].Line != 1 || !strings.Contains(fs[0].Message, tt.want) {
				t.Errorf("findings %+v; want one policy-error at x.json:1 saying %q", fs, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	emptyDir := filepath.Join(dir, "empty")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	badJSON := write("bad.json", "{\n  \"a\": 1,\n  \"b\": \n}\n")
	badYAML := write("bad.yaml", "a: 1\n b: [\n")
	list := write("list.json", `[1, 2]`)
	one := write("one.yaml", "allowed_hosts: [a.example]\nlimits: {days: 7}\n")
	two := write("two.json", `{"limits": {"days": 30}}`)
	reserved := write("reserved.json", `{"cognitolint": {"document": {}}}`)
	txt := write("data.txt", `{}`)

	reservedIDs := func(id string) bool { return id == "redirect-uri-https" }
	tests := []struct {
		name   string
		module string
		opts   Options
		want   []string // substrings of the error, in order
	}{
		{name: "syntax", module: "package p\n\ndeny contains msg if {\n\tmsg := \n}\n", want: []string{"p.rego:5:1:", "rego_parse_error"}},
		{name: "rego v0", module: "package p\n\ndeny[msg] {\n\tmsg := \"x\"\n}\n", want: []string{"p.rego:3:", "Rego v1 only", "opa fmt --v0-v1"}},
		{name: "http.send", module: "package p\n\ndeny contains x if {\n\tx := http.send({\"method\": \"GET\", \"url\": \"https://x\"})\n}\n",
			want: []string{"p.rego:4:", "http.send is not available", "network"}},
		{name: "net.lookup_ip_addr", module: "package p\n\ndeny contains x if {\n\tx := net.lookup_ip_addr(\"example.com\")\n}\n",
			want: []string{"p.rego:4:", "net.lookup_ip_addr is not available"}},
		{name: "opa.runtime", module: "package p\n\ndeny contains x if {\n\tx := opa.runtime().env.HOME\n}\n",
			want: []string{"p.rego:4:", "opa.runtime is not available"}},
		{name: "wrong member case", module: "package p\n\ndeny contains u if {\n\tsome u in input.CallbackUrls\n}\n",
			want: []string{"p.rego:4:", "input.CallbackUrls", "did you mean input.CallbackURLs?"}},
		{name: "wrong nested member", module: "package p\n\ndeny contains \"x\" if {\n\tinput.TokenValidityUnits.Access == \"days\"\n}\n",
			want: []string{"p.rego:4:", "input.TokenValidityUnits.Access", "did you mean input.TokenValidityUnits.AccessToken?"}},
		{name: "wrong type", module: "package p\n\ndeny contains \"x\" if {\n\tinput.AccessTokenValidity == \"60\"\n}\n",
			want: []string{"p.rego:4:", "rego_type_error"}},
		{name: "built-in ID", module: "package p\n\n# METADATA\n# custom:\n#   id: redirect-uri-https\ndeny contains \"x\" if true\n",
			opts: Options{Reserved: reservedIDs}, want: []string{"p.rego:6", `custom.id "redirect-uri-https" is a built-in rule`}},
		{name: "bad severity", module: "package p\n\n# METADATA\n# custom:\n#   severity: fatal\ndeny contains \"x\" if true\n",
			want: []string{"p.rego:3:", "custom.severity fatal"}},
		{name: "bad id", module: "package p\n\n# METADATA\n# custom:\n#   id: 7\ndeny contains \"x\" if true\n",
			want: []string{"p.rego:3:", "custom.id must be a non-empty string"}},
		{name: "one ID two severities", module: "package p\n\n# METADATA\n# custom:\n#   id: org-x\ndeny contains \"x\" if true\n\n# METADATA\n# custom:\n#   id: org-x\nwarn contains \"y\" if true\n",
			want: []string{"p.rego:", "rule org-x is warning here but error at p.rego:6"}},
		{name: "boolean deny", module: "package p\n\ndeny if true\n", want: []string{"p.rego:3:1", "deny must be a set of messages"}},
		{name: "reserved package", module: "package cognitolint.mine\n\ndeny contains \"x\" if true\n", want: []string{"p.rego:1:1", "package cognitolint.mine is reserved"}},
		{name: "bad METADATA yaml", module: "package p\n\n# METADATA\n# custom: [\ndeny contains \"x\" if true\n", want: []string{"p.rego:4:1:", "rego_parse_error", "yaml"}},
		{name: "missing dir", opts: Options{Dirs: []string{filepath.Join(dir, "nope")}}, want: []string{"nope: no such file or directory"}},
		{name: "dir without policies", opts: Options{Dirs: []string{emptyDir}}, want: []string{"empty has no .rego files"}},
		{name: "bad json data", opts: Options{DataFiles: []string{badJSON}}, want: []string{"bad.json:4:2: invalid JSON"}},
		{name: "bad yaml data", opts: Options{DataFiles: []string{badYAML}}, want: []string{"bad.yaml", "line 2"}},
		{name: "data not an object", opts: Options{DataFiles: []string{list}}, want: []string{"list.json: the top level must be an object"}},
		{name: "data conflict", opts: Options{DataFiles: []string{one, two}}, want: []string{"two.json sets data.limits.days, which", "one.yaml sets too"}},
		{name: "reserved data key", opts: Options{DataFiles: []string{reserved}}, want: []string{`reserved.json: the key "cognitolint" is reserved`}},
		{name: "data extension", opts: Options{DataFiles: []string{txt}}, want: []string{"data.txt: use a .json, .yaml or .yml file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.NoBaseline = true
			if tt.module != "" {
				opts.Modules = map[string]string{"p.rego": tt.module}
			}
			_, err := Load(opts)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			rest := msg
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("error %q\nlacks %q", msg, w)
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(msg, "__local") || strings.Contains(msg, "__cognitolint") {
				t.Errorf("error shows internal names: %s", msg)
			}
			// Verify loads the same way and fails the same way.
			if _, verr := Verify(context.Background(), opts, VerifyOptions{}); verr == nil || verr.Error() != msg {
				t.Errorf("Verify error %v; want %q", verr, msg)
			}
		})
	}
}

func TestPolicyErrorsAreTyped(t *testing.T) {
	_, err := Load(Options{NoBaseline: true, Modules: map[string]string{"a.rego": "package a\ndeny contains x if { x := input.Nope }\n"}})
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].File != "a.rego" || errs[0].Line != 2 {
		t.Fatalf("error %#v; want one Error at a.rego:2", err)
	}
}

func TestDataFilesAndDocumentData(t *testing.T) {
	dir := t.TempDir()
	yml := filepath.Join(dir, "hosts.yaml")
	js := filepath.Join(dir, "limits.json")
	os.WriteFile(yml, []byte("org:\n  allowed_hosts:\n    - app.corp.example\n"), 0o644)
	os.WriteFile(js, []byte(`{"org": {"max_refresh_days": 7}}`), 0o644)
	e := load(t, Options{NoBaseline: true, DataFiles: []string{yml, js}, Modules: map[string]string{"d.rego": `package d

warn contains msg if {
	d := data.cognitolint.document
	msg := sprintf("%s %s %s %s unknown=%v hosts=%v max=%v", [d.file, d.operation, d.format, d.resource, d.unknown, data.org.allowed_hosts, data.org.max_refresh_days])
}
`}})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			name := fmt.Sprintf("f%d.json", i)
			op := "update"
			if i%2 == 1 {
				op = "describe"
			}
			d := doc(t, name, `{"ClientId": "x"}`)
			d.Operation = op
			fs, err := e.Eval(context.Background(), d, nil)
			if err != nil {
				t.Error(err)
				return
			}
			want := name + " " + op + ` api  unknown=[] hosts=["app.corp.example"] max=7`
			if len(fs) != 1 || fs[0].Message != want {
				t.Errorf("got %v; want one finding %q", brief(fs), want)
			}
		})
	}
	wg.Wait()
}

func TestUnknownValues(t *testing.T) {
	// A document with unknown values (as a CloudFormation intrinsic gives):
	// they are absent from input, listed in data.cognitolint.document.unknown,
	// and a result's index into a list that lost an item maps back to the
	// document's index.
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"u.rego": `package u

deny contains {"msg": sprintf("%s unknown=%v", [url, data.cognitolint.document.unknown]), "path": sprintf("CallbackURLs[%d]", [i])} if {
	some i, url in input.CallbackURLs
	startswith(url, "http:")
}

deny contains {"msg": "absent", "path": "WriteAttributes"} if {
	not input.WriteAttributes
}
`}})
	str := func(s string, off int) *finding.Node {
		return &finding.Node{Kind: finding.String, Str: s, Pos: finding.Pos{Line: 1, Col: off, Len: len(s) + 2}}
	}
	unk := &finding.Node{Kind: finding.Unknown, Str: "!Ref Url", Pos: finding.Pos{Line: 1, Col: 40}}
	root := &finding.Node{Kind: finding.Object, Pos: finding.Pos{Line: 1, Col: 1}, Fields: []finding.Field{
		{Key: "CallbackURLs", Value: &finding.Node{Kind: finding.Array, Pos: finding.Pos{Line: 1, Col: 20},
			Items: []*finding.Node{str("https://a", 21), unk, str("http://b", 60)}}},
		{Key: "WriteAttributes", Value: &finding.Node{Kind: finding.Unknown, Pos: finding.Pos{Line: 1, Col: 80}}},
	}}
	d := &finding.Document{File: "t.yaml", Format: "cloudformation", Operation: "create", Resource: "Client", Root: root}
	got := brief(eval(t, e, d))
	want := []string{`1:60 u.deny error CallbackURLs[2] | http://b unknown=["CallbackURLs[1]", "WriteAttributes"]`}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestSecretNeverReachesPolicies(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"s.rego": `package s

deny contains sprintf("secret is %s; input is %v", [input.ClientSecret, input]) if true
`}})
	d := doc(t, "s.json", `{"UserPoolId": "us-east-1_x", "ClientName": "n", "ClientSecret": "topsecretvalue0123456789abc"}`)
	d.Operation = "create"
	for _, f := range eval(t, e, d) {
		if strings.Contains(f.Message, "topsecret") || !strings.Contains(f.Message, "secret is ****") {
			t.Errorf("message %q", f.Message)
		}
	}
}

func TestDeadline(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Timeout: 50 * time.Millisecond, Modules: map[string]string{"slow.rego": `package slow

deny contains "never" if {
	some x in numbers.range(1, 100000000000)
	x < 0
}
`}})
	start := time.Now()
	fs, err := e.Eval(context.Background(), doc(t, "slow.json", "{\n  \"ClientId\": \"a\"\n}"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := brief(fs); len(got) != 1 || !strings.HasPrefix(got[0], "1:1 policy-error error  | policies did not finish within 50ms") {
		t.Errorf("findings %q; want one policy-error", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("evaluation ran %s past a 50ms deadline", d)
	}
}

// TestCallerCancels: a context the caller cancels is the caller's error,
// not a finding about the document.
func TestCallerCancels(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"slow.rego": "package slow\n\ndeny contains \"never\" if {\n\tsome x in numbers.range(1, 100000000000)\n\tx < 0\n}\n"}})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	fs, err := e.Eval(ctx, doc(t, "slow.json", `{"ClientId": "a"}`), nil)
	if !errors.Is(err, context.DeadlineExceeded) || len(fs) > 0 {
		t.Errorf("Eval = %v, %v; want the context's error", fs, err)
	}
}

// TestBuiltinErrors: a builtin that fails on a document makes its
// expression undefined (the other rules still report) and is a
// policy-error finding naming the policy's position: never a silent pass.
func TestBuiltinErrors(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"p.rego": `package p

deny contains "name is a number over 5" if {
	to_number(input.ClientName) > 5
}

deny contains "also fails" if {
	to_number(input.ClientName) > 6
}

warn contains "client has a name" if input.ClientName
`}})
	fs := eval(t, e, doc(t, "x.json", "{\n  \"ClientId\": \"a\",\n  \"ClientName\": \"web\"\n}"))
	want := []string{
		`1:1 p.warn warning  | client has a name`,
		`1:1 policy-error error  | policy error at p.rego:4:2: to_number: strconv.ParseFloat: parsing "web": invalid syntax; the expression was undefined, so its rule may have missed a problem in this document`,
		`1:1 policy-error error  | policy error at p.rego:8:2: to_number: strconv.ParseFloat: parsing "web": invalid syntax; the expression was undefined, so its rule may have missed a problem in this document`,
	}
	if got := brief(fs); !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A document the builtin does not fail on has no policy-error.
	if got := brief(eval(t, e, doc(t, "y.json", `{"ClientId": "a", "ClientName": "7"}`))); len(got) != 3 || strings.Contains(strings.Join(got, ""), "policy-error") {
		t.Errorf("findings %q", got)
	}
}

func TestUserRuleOverridesBaseline(t *testing.T) {
	e := load(t, Options{Modules: map[string]string{"org.rego": `package org

# METADATA
# custom:
#   id: sec-implicit-grant
#   severity: error
deny contains {"msg": "implicit is forbidden here", "path": "AllowedOAuthFlows"} if {
	"implicit" in input.AllowedOAuthFlows
}
`}})
	var got []string
	for _, f := range eval(t, e, doc(t, "o.json", `{"ClientId": "a", "AllowedOAuthFlows": ["implicit"], "WriteAttributes": [], "PreventUserExistenceErrors": "ENABLED"}`)) {
		got = append(got, f.Rule+" "+f.Severity.String()+" "+f.Policy+" "+f.Message)
	}
	if want := []string{"sec-implicit-grant error org implicit is forbidden here"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	n := 0
	for _, r := range e.Rules() {
		if r.ID == "sec-implicit-grant" {
			n++
			if r.Baseline || r.Package != "org" {
				t.Errorf("listed rule %+v; want the user's", r)
			}
		}
	}
	if n != 1 {
		t.Errorf("sec-implicit-grant listed %d times", n)
	}
}

func TestPrepareSkipsDisabledRules(t *testing.T) {
	e := load(t, Options{})
	if err := e.Prepare(func(id string) bool { return strings.HasPrefix(id, "sec-") && id != "sec-implicit-grant" }); err != nil {
		t.Fatal(err)
	}
	got := brief(eval(t, e, doc(t, "d.json", `{"ClientId": "a", "AllowedOAuthFlows": ["implicit"]}`)))
	if len(got) != 1 || !strings.Contains(got[0], "sec-implicit-grant") {
		t.Errorf("got %q; want only sec-implicit-grant", got)
	}
}

func TestPolicyFS(t *testing.T) {
	fsys := fstest.MapFS{
		"org/cb.rego":      {Data: []byte("package org\n\ndeny contains \"from fs\" if true\n")},
		"org/cb_test.rego": {Data: []byte("package org_test\n\nimport data.org\n\ntest_fires if { \"from fs\" in org.deny }\n\ntest_broken if { count(org.deny) == 2 }\n")},
		"README.md":        {Data: []byte("not a policy")},
	}
	e := load(t, Options{NoBaseline: true, FS: []iofs.FS{fsys}})
	if got := brief(eval(t, e, doc(t, "f.json", `{"ClientId": "a"}`))); len(got) != 1 || !strings.Contains(got[0], "org.deny error  | from fs") {
		t.Errorf("got %q", got)
	}
	res, err := Verify(context.Background(), Options{NoBaseline: true, FS: []iofs.FS{fsys}}, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		got = append(got, fmt.Sprintf("%s:%d %s %s", r.File, r.Line, r.Status, r.Name))
	}
	want := []string{"org/cb_test.rego:5 pass data.org_test.test_fires", "org/cb_test.rego:7 fail data.org_test.test_broken"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	res, err = Verify(context.Background(), Options{NoBaseline: true, FS: []iofs.FS{fsys}}, VerifyOptions{Run: "fires"})
	if err != nil || len(res) != 1 || res[0].Status != TestPass {
		t.Errorf("--run fires: %v %v", res, err)
	}
}

func TestEvalRequest(t *testing.T) {
	e := load(t, Options{})
	secret := "requestsecret0123456789abcdef"
	flows := []string{"implicit"}
	req := requestWith(secret, flows)
	fs, err := e.EvalRequest(context.Background(), req, "create", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+" "+f.Path)
		if f.Line != 0 || f.File != "" || f.Operation != "create" {
			t.Errorf("finding %+v: a request has no positions", f)
		}
	}
	slices.Sort(got)
	want := []string{"sec-default-write-attributes WriteAttributes", "sec-implicit-grant AllowedOAuthFlows[0]", "sec-prevent-user-existence-disabled PreventUserExistenceErrors"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestConcurrentEval(t *testing.T) {
	e := load(t, Options{})
	docs := []string{
		`{"ClientId": "a", "AllowedOAuthFlows": ["implicit"]}`,
		`{"ClientId": "b", "CallbackURLs": ["http://localhost/cb", "https://example.com"], "WriteAttributes": []}`,
		`{"ClientId": "c", "EnableTokenRevocation": false, "PreventUserExistenceErrors": "LEGACY"}`,
	}
	want := make([][]string, len(docs))
	for i, src := range docs {
		want[i] = brief(eval(t, e, doc(t, fmt.Sprint(i), src)))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 30 {
				i := (g + n) % len(docs)
				got := brief(eval(t, e, doc(t, fmt.Sprint(i), docs[i])))
				if !slices.Equal(got, want[i]) {
					t.Errorf("doc %d: got %q, want %q", i, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func jsonNumber(s string) json.Number { return json.Number(s) }

func requestWith(secret string, flows []string) *model.Request {
	name, pool := "web", "us-east-1_AbCd12345"
	return &model.Request{UserPoolId: &pool, ClientName: &name, ClientSecret: &secret, AllowedOAuthFlows: flows}
}

// TestManyValuesLeftOut: a list or object with more than maxLeftOut values
// policies cannot see (numbers where the shape has strings, members the
// shape does not have, unknown values) is left out whole and listed once,
// not value by value: a million unknown paths cost memory, and time in
// every rule that looks a path up among them (the baseline's has_unknown
// ran past the deadline on 1,500,000 numbers). Up to the bound, each value
// is left out on its own, as before.
func TestManyValuesLeftOut(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"u.rego": `package u

deny contains {"msg": sprintf("%d unknown, first %v; flows %v; analytics %v", [count(u), u[0], object.get(input, "ExplicitAuthFlows", "absent"), object.get(input, "AnalyticsConfiguration", "absent")]), "path": ""} if {
	u := data.cognitolint.document.unknown
}
`}})
	doc := func(numbers, members int) *finding.Document {
		flows := []*finding.Node{{Kind: finding.String, Str: "ALLOW_USER_SRP_AUTH"}}
		for range numbers {
			flows = append(flows, &finding.Node{Kind: finding.Number, Str: "1"})
		}
		analytics := []finding.Field{{Key: "RoleArn", Value: &finding.Node{Kind: finding.String, Str: "arn"}}}
		for i := range members {
			analytics = append(analytics, finding.Field{Key: fmt.Sprintf("k%d", i), Value: &finding.Node{Kind: finding.Number, Str: "1"}})
		}
		return &finding.Document{File: "t.json", Format: "api", Operation: "create", Root: &finding.Node{Kind: finding.Object, Fields: []finding.Field{
			{Key: "ExplicitAuthFlows", Value: &finding.Node{Kind: finding.Array, Items: flows}},
			{Key: "AnalyticsConfiguration", Value: &finding.Node{Kind: finding.Object, Fields: analytics}},
		}}}
	}
	cases := []struct {
		numbers, members int
		want             string
	}{
		{2, 0, `2 unknown, first ExplicitAuthFlows[1]; flows ["ALLOW_USER_SRP_AUTH"]; analytics {"RoleArn": "arn"}`},
		{maxLeftOut - 1, maxLeftOut, fmt.Sprintf(`%d unknown, first ExplicitAuthFlows[1]; flows ["ALLOW_USER_SRP_AUTH"]; analytics {"RoleArn": "arn", "k0": 1,`, maxLeftOut-1)},
		{maxLeftOut + 1, 0, `1 unknown, first ExplicitAuthFlows; flows absent; analytics {"RoleArn": "arn"}`},
		{0, maxLeftOut + 1, `1 unknown, first AnalyticsConfiguration; flows ["ALLOW_USER_SRP_AUTH"]; analytics absent`},
	}
	for _, c := range cases {
		fs := eval(t, e, doc(c.numbers, c.members))
		got := ""
		if len(fs) == 1 {
			got = fs[0].Message
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%d numbers, %d members: got %.200q\nwant prefix %q", c.numbers, c.members, got, c.want)
		}
	}
}

// TestLongListsCut: policies see the first maxItems items of a longer list
// (each checked, as the Go rules show their first findings), and the
// list's path is unknown, so that what concludes from the whole list does
// not; a policy that made a message per item of 262,144 callback URLs took
// 2 s and 240 MiB.
func TestLongListsCut(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"u.rego": `package u

deny contains {"msg": sprintf("%d seen, last %s, unknown %v", [count(input.CallbackURLs), input.CallbackURLs[count(input.CallbackURLs)-1], data.cognitolint.document.unknown]), "path": ""} if {
	true
}
`}})
	for _, n := range []int{maxItems, maxItems + 1, 5 * maxItems} {
		var urls []*finding.Node
		for i := range n {
			urls = append(urls, &finding.Node{Kind: finding.String, Str: fmt.Sprintf("https://a.example.com/%d", i)})
		}
		doc := &finding.Document{File: "t.json", Format: "api", Operation: "create", Root: &finding.Node{Kind: finding.Object, Fields: []finding.Field{
			{Key: "CallbackURLs", Value: &finding.Node{Kind: finding.Array, Items: urls}},
		}}}
		fs := eval(t, e, doc)
		want := fmt.Sprintf("%d seen, last https://a.example.com/%d, unknown []", n, n-1)
		if n > maxItems {
			want = fmt.Sprintf(`%d seen, last https://a.example.com/%d, unknown ["CallbackURLs"]`, maxItems, maxItems-1)
		}
		if len(fs) != 1 || fs[0].Message != want {
			t.Errorf("%d URLs: %v, want %q", n, fs, want)
		}
	}
}
