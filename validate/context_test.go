package validate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestParseContextFile: each kind reads its AWS CLI output shape; other
// shapes are a *ContextError with the position and the shape expected.
func TestParseContextFile(t *testing.T) {
	for _, c := range []struct {
		kind, src string
		err       string // "" for no error; else "line:col: text"
	}{
		{ContextCurrent, `{"UserPoolClient": {"ClientId": "a", "ClientSecret": "xyzxyzxyzxyzxyzxyzxyzxyz", "CreationDate": 1.7e9}}`, ""},
		{ContextCurrent, `{"UserPoolClient": {"ClientId": "a", "AccessTokenValidity": "60"}}`, `1:61: UserPoolClient.AccessTokenValidity is a string, expected an integer`},
		{ContextCurrent, `{"UserPool": {}}`, `1:1: no "UserPoolClient" member`},
		{ContextCurrent, `[]`, `1:1: a list is not the output of "aws cognito-idp describe-user-pool-client"`},
		{ContextPool, `{"UserPool": {"UserPoolTier": "PLUS", "SchemaAttributes": []}}`, ""},
		{ContextPool, "{\n \"UserPool\": {\"UserPoolTier\": 3}}", `2:31: UserPool.UserPoolTier is a number, expected a string`},
		{ContextPool, `{"UserPool": {"SchemaAttributes": [{"Required": true}]}}`, `1:36: UserPool.SchemaAttributes[0] has no Name`},
		{ContextResourceServers, `{"ResourceServers": []}`, ""},
		{ContextResourceServers, `{"ResourceServers": [{"Identifier": "a", "Scopes": {}}]}`, `1:52: ResourceServers[0].Scopes is an object, expected a list`},
		{ContextIdentityProviders, `{"Providers": [{"ProviderName": "Okta", "ProviderType": "OIDC"}], "NextToken": "x"}`, ""},
		{ContextIdentityProviders, `{"Providers": [{"ProviderType": "OIDC"}]}`, `1:16: Providers[0] has no ProviderName`},
		{ContextIdentityProviders, `{"Providers": [}`, `1:16: `},
	} {
		var ctx Context
		err := ParseContextFile(&ctx, c.kind, "f.json", []byte(c.src))
		if c.err == "" {
			if err != nil {
				t.Errorf("%s %s: %v", c.kind, c.src, err)
			}
			continue
		}
		var ce *ContextError
		if !errors.As(err, &ce) {
			t.Errorf("%s %s: error %v, want a *ContextError", c.kind, c.src, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "f.json:"+c.err) || !strings.Contains(err.Error(), "aws cognito-idp") {
			t.Errorf("%s %s:\n got %v\nwant f.json:%s… naming the AWS CLI command", c.kind, c.src, err, c.err)
		}
	}
	var ctx Context
	if err := ParseContextFile(&ctx, "nope", "f.json", []byte(`{}`)); err == nil {
		t.Error("an unknown kind is accepted")
	}
}

// TestLinterContext: files and an embedder's parsed Context enable the
// context rules; a bad file fails New.
func TestLinterContext(t *testing.T) {
	dir := "../testdata/context/write-attributes-include-required"
	payload, err := os.ReadFile(filepath.Join(dir, "payload.json"))
	if err != nil {
		t.Fatal(err)
	}
	rulesOf := func(l *Linter) []string {
		rep, err := l.Lint(context.Background(), "p.json", payload)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range rep.Findings {
			ids = append(ids, f.Rule)
		}
		return ids
	}
	plain, err := New(Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(rulesOf(plain), "write-attributes-include-required") {
		t.Error("the pool rule ran without the pool")
	}
	withFile, err := New(Options{NoBaseline: true, Pool: filepath.Join(dir, "pool.json")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rulesOf(withFile), "write-attributes-include-required") {
		t.Error("the pool rule did not run with --pool")
	}
	given := &Context{Pool: &Pool{SchemaAttributes: []SchemaAttribute{{Name: "email", Required: true}}}}
	embedded, err := New(Options{NoBaseline: true, Context: given})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rulesOf(embedded), "write-attributes-include-required") {
		t.Error("the pool rule did not run with Options.Context")
	}
	if _, err := New(Options{Pool: "../testdata/context/bad/pool--required-type.json"}); err == nil || !strings.Contains(err.Error(), "pool--required-type.json:1:66:") {
		t.Errorf("a bad pool file: %v", err)
	}
	if _, err := New(Options{Current: "no/such/file.json"}); err == nil || !strings.Contains(err.Error(), "no/such/file.json: no such file") {
		t.Errorf("a missing file: %v", err)
	}
}

// TestPolicyContext: policies read the context under data.cognitolint,
// from files as written and from an embedder's Context, the secret
// redacted.
func TestPolicyContext(t *testing.T) {
	mod := map[string]string{"c.rego": `package c

import rego.v1

warn_ctx contains sprintf("%v|%v|%v|%v", [
	object.get(data.cognitolint, ["current", "ClientSecret"], "-"),
	object.get(data.cognitolint, ["pool", "UserPoolTier"], "-"),
	count(object.get(data.cognitolint, "resource_servers", [])),
	count(object.get(data.cognitolint, "identity_providers", [])),
])
`}
	payload := []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "x"}`)
	for _, c := range []struct {
		name string
		opts Options
		want string
	}{
		{"none", Options{}, "-|-|0|0"},
		{"files", Options{Current: "../testdata/context/update-omitted-fields-reset/current.json", Pool: "../testdata/context/ok--pool/pool.json",
			ResourceServers: "../testdata/context/ok--pool/resource-servers.json", IdentityProviders: "../testdata/context/ok--pool/identity-providers.json"}, "****|ESSENTIALS|1|2"},
		{"embedded", Options{Context: &Context{Current: &Request{ClientSecret: ptr("abcdabcdabcdabcdabcdabcd")}, Pool: &Pool{UserPoolTier: "LITE"},
			IdentityProviders: []IdentityProvider{{ProviderName: "Okta"}}}}, "****|LITE|0|1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opts.NoBaseline, c.opts.PolicyModules = true, mod
			l, err := New(c.opts)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := l.Lint(context.Background(), "p.json", payload)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				if f.Rule == "c.warn_ctx" {
					got = append(got, f.Message)
				}
			}
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("policy saw %q, want %q", got, c.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
