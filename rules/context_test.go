package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
)

func ptr[T any](v T) *T { return &v }

// lintCtx lints members (merged over a minimal request of op) with the
// context ctx, and returns the findings.
func lintCtx(t testing.TB, op, members string, ctx *Context, skip ...string) []finding.Finding {
	t.Helper()
	base := `"UserPoolId": "us-east-1_AbCd12345", "ClientName": "app"`
	if op == model.OpUpdate {
		base = `"UserPoolId": "us-east-1_AbCd12345", "ClientId": "abc"`
	}
	src := "{" + base
	if members != "" {
		src += ", " + members
	}
	src += "}"
	res := input.Read("t.json", []byte(src), input.Options{Operation: op})
	if len(res.Docs) != 1 {
		t.Fatalf("not a document: %s: %v", src, res.Findings)
	}
	return Check(res.Docs[0], Options{Given: ctx, Skip: func(id string) bool { return slices.Contains(skip, id) }})
}

var (
	litePool = &Pool{UserPoolTier: "LITE", SchemaAttributes: []SchemaAttribute{
		{Name: "sub", Required: true}, {Name: "email", Required: true}, {Name: "email_verified"},
		{Name: "phone_number", Required: true}, {Name: "name"}, {Name: "custom:tenant"}, {Name: "dev:custom:flag"},
		{Name: "dev:custom:secret", Required: true},
	}}
	servers = []ResourceServer{{Identifier: "https://api.example.com", Scopes: []string{"read", "write"}}, {Identifier: "orders", Scopes: []string{"list"}}}
	idps    = []IdentityProvider{{ProviderName: "Okta", ProviderType: "OIDC"}, {ProviderName: "Google", ProviderType: "Google"}}
	noCur   = &model.Request{ClientId: ptr("abc")}
	secCur  = &model.Request{ClientId: ptr("abc"), ClientSecret: ptr("s3cr3tVALUEabcdefghijklmnop0123")}
)

func TestContextRules(t *testing.T) {
	skipReset := []string{"update-omitted-fields-reset"}
	for _, c := range []struct {
		name    string
		op      string
		members string
		ctx     *Context
		rule    string
		want    []string // paths of rule's findings, in order; nil: none
	}{
		// client-credentials-requires-secret on Update: only with --current.
		{"cc update no context", "update", `"AllowedOAuthFlows": ["client_credentials"]`, nil, "client-credentials-requires-secret", nil},
		{"cc update current without secret", "update", `"AllowedOAuthFlows": ["client_credentials"]`, &Context{Current: noCur}, "client-credentials-requires-secret", []string{"AllowedOAuthFlows[0]"}},
		{"cc update current of another client", "update", `"AllowedOAuthFlows": ["client_credentials"]`, &Context{Current: &model.Request{ClientId: ptr("other")}}, "client-credentials-requires-secret", nil},
		{"cc update current with secret", "update", `"AllowedOAuthFlows": ["client_credentials"]`, &Context{Current: secCur}, "client-credentials-requires-secret", nil},
		{"cc update pool only", "update", `"AllowedOAuthFlows": ["client_credentials"]`, &Context{Pool: litePool}, "client-credentials-requires-secret", nil},
		{"cc create ignores current", "create", `"AllowedOAuthFlows": ["client_credentials"], "GenerateSecret": true`, &Context{Current: noCur}, "client-credentials-requires-secret", nil},
		// propagate-context-requires-secret.
		{"propagate no context", "update", `"EnablePropagateAdditionalUserContextData": true`, nil, "propagate-context-requires-secret", nil},
		{"propagate no secret", "update", `"EnablePropagateAdditionalUserContextData": true`, &Context{Current: noCur}, "propagate-context-requires-secret", []string{"EnablePropagateAdditionalUserContextData"}},
		{"propagate false", "update", `"EnablePropagateAdditionalUserContextData": false`, &Context{Current: noCur}, "propagate-context-requires-secret", nil},
		{"propagate secret", "update", `"EnablePropagateAdditionalUserContextData": true`, &Context{Current: secCur}, "propagate-context-requires-secret", nil},
		// oauth-scope-exists with resource servers.
		{"scope no context", "create", `"AllowedOAuthScopes": ["orders/nope"]`, nil, "oauth-scope-exists", nil},
		{"scope exists", "create", `"AllowedOAuthScopes": ["openid", "orders/list", "https://api.example.com/write"]`, &Context{ResourceServers: servers}, "oauth-scope-exists", nil},
		{"scope missing", "create", `"AllowedOAuthScopes": ["orders/lists", "https://api.example.com/admin", "billing/read"]`, &Context{ResourceServers: servers}, "oauth-scope-exists",
			[]string{"AllowedOAuthScopes[0]", "AllowedOAuthScopes[1]", "AllowedOAuthScopes[2]"}},
		{"scope no servers at all", "create", `"AllowedOAuthScopes": ["orders/list"]`, &Context{ResourceServers: []ResourceServer{}}, "oauth-scope-exists", []string{"AllowedOAuthScopes[0]"}},
		{"scope bare word once", "create", `"AllowedOAuthScopes": ["Cognito"]`, &Context{ResourceServers: servers}, "oauth-scope-exists", []string{"AllowedOAuthScopes[0]"}},
		// supported-idp-exists with identity providers.
		{"idp no context", "create", `"SupportedIdentityProviders": ["AzureAD"]`, nil, "supported-idp-exists", nil},
		{"idp exist", "create", `"SupportedIdentityProviders": ["COGNITO", "Okta", "Google"]`, &Context{IdentityProviders: idps}, "supported-idp-exists", nil},
		{"idp missing", "create", `"SupportedIdentityProviders": ["COGNITO", "AzureAD", "Facebook"]`, &Context{IdentityProviders: idps}, "supported-idp-exists", []string{"SupportedIdentityProviders[1]", "SupportedIdentityProviders[2]"}},
		{"idp builtin misspelt once", "create", `"SupportedIdentityProviders": ["google"]`, &Context{IdentityProviders: idps}, "supported-idp-exists", []string{"SupportedIdentityProviders[0]"}},
		// attributes-exist with the pool.
		{"attr no context", "create", `"ReadAttributes": ["custom:nope", "nickname"]`, nil, "attributes-exist", nil},
		{"attr in schema", "create", `"ReadAttributes": ["email", "custom:tenant", "dev:custom:flag", "custom:flag"], "WriteAttributes": ["email", "phone_number", "custom:tenant"]`, &Context{Pool: litePool}, "attributes-exist", nil},
		{"attr not in schema", "create", `"ReadAttributes": ["custom:nope", "nickname", "dev:custom:other"], "WriteAttributes": ["email", "phone_number", "custom:nope"]`, &Context{Pool: litePool}, "attributes-exist",
			[]string{"ReadAttributes[0]", "ReadAttributes[1]", "ReadAttributes[2]", "WriteAttributes[2]"}},
		{"attr empty schema not checked", "create", `"ReadAttributes": ["custom:nope"]`, &Context{Pool: &Pool{UserPoolTier: "LITE"}}, "attributes-exist", nil},
		// write-attributes-include-required.
		{"required no context", "create", `"WriteAttributes": ["name"]`, nil, "write-attributes-include-required", nil},
		{"required missing", "create", `"WriteAttributes": ["name", "email"]`, &Context{Pool: litePool}, "write-attributes-include-required", []string{"WriteAttributes"}},
		{"required all there", "create", `"WriteAttributes": ["email", "phone_number"]`, &Context{Pool: litePool}, "write-attributes-include-required", nil},
		{"required write not given", "create", ``, &Context{Pool: litePool}, "write-attributes-include-required", nil},
		{"required only servers", "create", `"WriteAttributes": ["name"]`, &Context{ResourceServers: servers}, "write-attributes-include-required", nil},
		// user-auth-needs-essentials.
		{"user auth no context", "create", `"ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`, nil, "user-auth-needs-essentials", nil},
		{"user auth lite", "create", `"ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"]`, &Context{Pool: litePool}, "user-auth-needs-essentials", []string{"ExplicitAuthFlows[1]"}},
		{"user auth essentials", "create", `"ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`, &Context{Pool: &Pool{UserPoolTier: "ESSENTIALS"}}, "user-auth-needs-essentials", nil},
		{"user auth plus", "create", `"ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`, &Context{Pool: &Pool{UserPoolTier: "PLUS"}}, "user-auth-needs-essentials", nil},
		{"user auth tier unknown", "create", `"ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`, &Context{Pool: &Pool{}}, "user-auth-needs-essentials", nil},
		{"user auth not used", "create", `"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`, &Context{Pool: litePool}, "user-auth-needs-essentials", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range lintCtx(t, c.op, c.members, c.ctx, skipReset...) {
				if f.Rule == c.rule {
					got = append(got, f.Path)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s fired at %q, want %q", c.rule, got, c.want)
			}
		})
	}
}

// TestContextRulesDoNotRunWithout: a rule of context client or pool never
// runs without its context, even on payloads that would trip it.
func TestContextRulesDoNotRunWithout(t *testing.T) {
	for _, r := range All() {
		if r.Context == ContextPayload {
			continue
		}
		called := false
		saved := r.Check
		r.Check = func(*Pass) { called = true }
		lintCtx(t, "create", `"WriteAttributes": ["name"]`, nil)
		lintCtx(t, "create", `"WriteAttributes": ["name"]`, &Context{Current: noCur}) // client only
		r.Check = saved
		if called && r.Context == ContextPool {
			t.Errorf("%s ran without pool context", r.ID)
		}
	}
}

func TestResetDiffWithCurrent(t *testing.T) {
	cur := &model.Request{
		ClientId: ptr("abc"), ClientSecret: ptr("s3cr3tVALUEabcdefghijklmnop0123"),
		RefreshTokenValidity: ptr(int64(30)), AccessTokenValidity: ptr(int64(60)), IdTokenValidity: ptr(int64(2)),
		TokenValidityUnits: &model.TokenValidityUnits{AccessToken: ptr("minutes"), IdToken: ptr("hours"), RefreshToken: ptr("days")},
		CallbackURLs:       []string{"https://a.example.com/cb"}, LogoutURLs: []string{},
		AllowedOAuthFlowsUserPoolClient: ptr(false), PreventUserExistenceErrors: ptr("LEGACY"),
		EnableTokenRevocation: ptr(false), AuthSessionValidity: ptr(int64(3)),
		ExplicitAuthFlows:    []string{"ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
		RefreshTokenRotation: &model.RefreshTokenRotation{Feature: ptr("ENABLED"), RetryGracePeriodSeconds: ptr(int64(10))},
	}
	fs := lintCtx(t, "update", `"ClientName": "app"`, &Context{Current: cur})
	var msg string
	for _, f := range fs {
		if f.Rule == "update-omitted-fields-reset" {
			msg = f.Message
		}
	}
	for _, want := range []string{
		"IdTokenValidity 2 hours → 1 hour",
		"TokenValidityUnits {AccessToken: minutes, IdToken: hours, RefreshToken: days} →",
		"CallbackURLs [https://a.example.com/cb] → none",
		"EnableTokenRevocation false →",
		"RefreshTokenRotation {Feature: ENABLED, RetryGracePeriodSeconds: 10} → {Feature: DISABLED, RetryGracePeriodSeconds: 0}",
		"omits 5 members whose current value",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	for _, unchanged := range []string{"RefreshTokenValidity", "AccessTokenValidity", "LogoutURLs", "AllowedOAuthFlowsUserPoolClient",
		"PreventUserExistenceErrors", "AuthSessionValidity", "ExplicitAuthFlows", "ReadAttributes", "DefaultRedirectURI"} {
		if strings.Contains(msg, unchanged+" ") {
			t.Errorf("message lists %s, whose value does not change:\n%s", unchanged, msg)
		}
	}
	if strings.Contains(msg, "s3cr3t") {
		t.Errorf("message shows the secret: %s", msg)
	}
	// A current client that already has every default: nothing changes.
	if fs := lintCtx(t, "update", `"ClientName": "app"`, &Context{Current: &model.Request{ClientId: ptr("abc")}}); slices.ContainsFunc(fs, func(f finding.Finding) bool {
		return f.Rule == "update-omitted-fields-reset"
	}) {
		t.Errorf("a default client reports a reset: %v", fs)
	}
}

// TestContextSecretRedacted: the current client's secret never appears in
// a message, even when a payload value contains it.
func TestContextSecretRedacted(t *testing.T) {
	secret := "s3cr3tVALUEabcdefghijklmnop0123"
	fs := lintCtx(t, "create", `"AllowedOAuthScopes": ["`+secret+`"]`, &Context{Current: secCur})
	if len(fs) == 0 {
		t.Fatal("no finding")
	}
	for _, f := range fs {
		if strings.Contains(f.Message+f.Hint, secret) {
			t.Errorf("%s shows the secret: %s", f.Rule, f.Message)
		}
	}
}

// TestDeclaredContext: the pool, identity providers and resource servers a
// document's own configuration declares work as the context files would,
// part by part; a part given by a context file wins; standard attributes
// exist in every declared pool.
func TestDeclaredContext(t *testing.T) {
	declared := &finding.Declared{
		Pool: &finding.DeclaredPool{Tier: "LITE", Attributes: []finding.DeclaredAttribute{
			{Name: "email", Required: true}, {Name: "custom:tenant"},
		}},
		IdentityProviders: []string{"Okta"},
		ResourceServers:   []finding.DeclaredResourceServer{{Identifier: "orders", Scopes: []string{"read"}}},
	}
	members := `"WriteAttributes": ["name", "custom:plan"], "ReadAttributes": ["nickname", "custom:tenant"],
		"SupportedIdentityProviders": ["COGNITO", "Okta", "AzureAD"], "AllowedOAuthScopes": ["openid", "orders/read", "orders/write"],
		"ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`
	lint := func(d *finding.Declared, given *Context) []string {
		res := input.Read("t.json", []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "app", `+members+`}`), input.Options{})
		doc := res.Docs[0]
		doc.Declared = d
		var got []string
		for _, f := range Check(doc, Options{Given: given}) {
			switch f.Rule {
			case "attributes-exist", "supported-idp-exists", "oauth-scope-exists", "write-attributes-include-required", "user-auth-needs-essentials":
				got = append(got, f.Rule+" "+f.Path)
			}
		}
		return got
	}
	want := []string{
		"write-attributes-include-required WriteAttributes",
		"attributes-exist WriteAttributes[1]",
		"supported-idp-exists SupportedIdentityProviders[2]",
		"oauth-scope-exists AllowedOAuthScopes[2]",
		"user-auth-needs-essentials ExplicitAuthFlows[0]",
	}
	sortStrings := func(s []string) []string { slices.Sort(s); return s }
	if got := lint(declared, nil); !slices.Equal(sortStrings(got), sortStrings(want)) {
		t.Errorf("declared context: got %q, want %q", got, want)
	}
	if got := lint(nil, nil); got != nil {
		t.Errorf("no context: got %q", got)
	}
	// Parts that did not resolve (nil) are not used.
	if got := lint(&finding.Declared{IdentityProviders: []string{"Okta"}}, nil); !slices.Equal(got, []string{"supported-idp-exists SupportedIdentityProviders[2]"}) {
		t.Errorf("only identity providers declared: got %q", got)
	}
	// A context file's part wins over the declared one, the others stay.
	given := &Context{IdentityProviders: []IdentityProvider{{ProviderName: "Okta"}, {ProviderName: "AzureAD"}}}
	got := lint(declared, given)
	if slices.Contains(got, "supported-idp-exists SupportedIdentityProviders[2]") || !slices.Contains(got, "oauth-scope-exists AllowedOAuthScopes[2]") {
		t.Errorf("given identity providers and declared servers: got %q", got)
	}
	if given.Pool != nil || given.ResourceServers != nil {
		t.Errorf("WithDeclared modified the given context")
	}
}
