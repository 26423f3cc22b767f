package rules

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
)

// lint checks a payload given as a JSON object literal, merged over a
// minimal valid Create request, and returns rule:path strings.
func lint(t testing.TB, op string, members string) []string {
	t.Helper()
	return summarize(lintCtx(t, op, members, nil, "update-omitted-fields-reset"))
}

func summarize(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+":"+f.Path)
	}
	return out
}

type ruleCase struct {
	name    string
	op      string
	members string
	want    []string // rule:path that must fire
	not     []string // rules that must not fire at all
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			op := c.op
			if op == "" {
				op = model.OpCreate
			}
			got := lint(t, op, c.members)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("want %s; got %v", w, got)
				}
			}
			for _, n := range c.not {
				for _, g := range got {
					if strings.HasPrefix(g, n+":") {
						t.Errorf("%s must not fire; got %v", n, got)
					}
				}
			}
		})
	}
}

func TestTokenValidityBoundaries(t *testing.T) {
	units := func(a, i, r string) string {
		return fmt.Sprintf(`"TokenValidityUnits": {"AccessToken": %q, "IdToken": %q, "RefreshToken": %q}`, a, i, r)
	}
	runCases(t, []ruleCase{
		{name: "access 5 minutes", members: `"AccessTokenValidity": 5, ` + units("minutes", "hours", "days"), not: []string{"token-validity-range"}},
		{name: "access 4 minutes", members: `"AccessTokenValidity": 4, ` + units("minutes", "hours", "days"), want: []string{"token-validity-range:AccessTokenValidity"}},
		{name: "access 300 seconds", members: `"AccessTokenValidity": 300, ` + units("seconds", "hours", "days"), not: []string{"token-validity-range"}},
		{name: "access 299 seconds", members: `"AccessTokenValidity": 299, ` + units("seconds", "hours", "days"), want: []string{"token-validity-range:AccessTokenValidity"}},
		{name: "id 24 hours default unit", members: `"IdTokenValidity": 24`, not: []string{"token-validity-range"}},
		{name: "id 25 hours default unit", members: `"IdTokenValidity": 25`, want: []string{"token-validity-range:IdTokenValidity"}},
		{name: "id 1 day", members: `"IdTokenValidity": 1, ` + units("hours", "days", "days"), not: []string{"token-validity-range"}},
		{name: "id 2 days", members: `"IdTokenValidity": 2, ` + units("hours", "days", "days"), want: []string{"token-validity-range:IdTokenValidity"}},
		{name: "access 1440 minutes", members: `"AccessTokenValidity": 1440, ` + units("minutes", "hours", "days"), not: []string{"token-validity-range"}},
		{name: "access 1441 minutes", members: `"AccessTokenValidity": 1441, ` + units("minutes", "hours", "days"), want: []string{"token-validity-range:AccessTokenValidity"}},
		{name: "refresh 60 minutes", members: `"RefreshTokenValidity": 60, "AccessTokenValidity": 60, "IdTokenValidity": 60, ` + units("minutes", "minutes", "minutes"), not: []string{"token-validity-range", "token-validity-refresh-not-shorter"}},
		{name: "refresh 59 minutes", members: `"RefreshTokenValidity": 59, ` + units("hours", "hours", "minutes"), want: []string{"token-validity-range:RefreshTokenValidity"}},
		{name: "refresh 3650 days", members: `"RefreshTokenValidity": 3650`, not: []string{"token-validity-range"}},
		{name: "refresh 3651 days", members: `"RefreshTokenValidity": 3651`, want: []string{"token-validity-range:RefreshTokenValidity"}},
		{name: "refresh 0 is the default", members: `"RefreshTokenValidity": 0`, want: []string{"refresh-token-validity-zero:RefreshTokenValidity"}, not: []string{"token-validity-range"}},
		{name: "raw range reported once", members: `"AccessTokenValidity": 0`, want: []string{"model-token-validity-raw-range:AccessTokenValidity"}, not: []string{"token-validity-range"}},
		{name: "access longer than refresh", members: `"AccessTokenValidity": 2, "RefreshTokenValidity": 60, ` + units("hours", "hours", "minutes"), want: []string{"token-validity-refresh-not-shorter:AccessTokenValidity", "token-validity-refresh-not-shorter:IdTokenValidity"}[:1]},
		{name: "access equal to refresh", members: `"AccessTokenValidity": 1, "IdTokenValidity": 1, "RefreshTokenValidity": 60, ` + units("hours", "hours", "minutes"), not: []string{"token-validity-refresh-not-shorter"}},
		// AWS's default units change nothing: the default value is read
		// in its default unit.
		{name: "default units without values", members: units("hours", "hours", "days"), not: []string{"token-validity-unit-without-value"}},
		{name: "default units without values, update", op: model.OpUpdate, members: units("hours", "hours", "days"), not: []string{"token-validity-unit-without-value"}},
		{name: "unit without value", members: units("seconds", "hours", "days") + `, "IdTokenValidity": 1, "RefreshTokenValidity": 30`, want: []string{"token-validity-unit-without-value:TokenValidityUnits.AccessToken"}},
		{name: "invalid unit does not cascade", members: `"AccessTokenValidity": 4, ` + units("minute", "hours", "days"), want: []string{"model-time-unit-enum:TokenValidityUnits.AccessToken"}, not: []string{"token-validity-range"}},
	})
}

func TestRedirectRules(t *testing.T) {
	cb := func(urls ...string) string {
		b, _ := json.Marshal(urls)
		return `"AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ` + string(b)
	}
	runCases(t, []ruleCase{
		{name: "https", members: cb("https://app.example.com/cb"), not: []string{"redirect-uri-https", "redirect-uri-absolute"}},
		{name: "http localhost any port", members: cb("http://localhost:8080/cb", "http://127.0.0.1/cb", "http://[::1]:3000/cb", "HTTP://LOCALHOST/cb"), not: []string{"redirect-uri-https"}},
		{name: "http elsewhere", members: cb("http://app.example.com/cb"), want: []string{"redirect-uri-https:CallbackURLs[0]"}},
		{name: "http localhost lookalike", members: cb("http://localhost.evil.com/cb", "http://127.0.0.1.nip.io/"), want: []string{"redirect-uri-https:CallbackURLs[0]", "redirect-uri-https:CallbackURLs[1]"}},
		{name: "http lan ip", members: cb("http://192.168.0.10/cb"), want: []string{"redirect-uri-https:CallbackURLs[0]"}},
		{name: "custom scheme", members: cb("myapp://callback", "com.example.app:/oauth2redirect"), not: []string{"redirect-uri-https", "redirect-uri-absolute"}},
		{name: "relative", members: cb("/callback"), want: []string{"redirect-uri-absolute:CallbackURLs[0]"}},
		{name: "fragment", members: cb("https://a.example.com/cb#x"), want: []string{"redirect-uri-no-fragment:CallbackURLs[0]"}},
		{name: "logout fragment allowed", members: cb("https://a.example.com/cb") + `, "LogoutURLs": ["https://a.example.com/out#x"]`, not: []string{"redirect-uri-no-fragment"}},
		{name: "logout http", members: cb("https://a.example.com/cb") + `, "LogoutURLs": ["http://a.example.com/out"]`, want: []string{"redirect-uri-https:LogoutURLs[0]"}},
		{name: "default in callbacks", members: cb("https://a.example.com/cb") + `, "DefaultRedirectURI": "https://a.example.com/cb"`, not: []string{"default-redirect-uri-in-callbacks"}},
		{name: "default not in callbacks", members: cb("https://a.example.com/cb") + `, "DefaultRedirectURI": "https://a.example.com/cb/"`, want: []string{"default-redirect-uri-in-callbacks:DefaultRedirectURI"}},
		{name: "default http", members: cb("http://a.example.com/cb") + `, "DefaultRedirectURI": "http://a.example.com/cb"`, want: []string{"redirect-uri-https:DefaultRedirectURI"}},
		{name: "wildcard", members: cb("https://*.example.com/cb"), want: []string{"redirect-uri-wildcard:CallbackURLs[0]"}},
		{name: "duplicate", members: cb("https://a.example.com/cb", "https://a.example.com/cb"), want: []string{"redirect-uri-duplicate:CallbackURLs[1]"}},
	})
}

func TestFlowAndScopeRules(t *testing.T) {
	oauth := `"AllowedOAuthFlowsUserPoolClient": true, "CallbackURLs": ["https://a.example.com/cb"], `
	runCases(t, []ruleCase{
		{name: "legacy alone", members: `"ExplicitAuthFlows": ["USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]`, not: []string{"explicit-auth-flows-no-legacy-mix", "explicit-auth-flows-refresh-required"}},
		{name: "legacy mixed", members: `"ExplicitAuthFlows": ["ADMIN_NO_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`, want: []string{"explicit-auth-flows-no-legacy-mix:ExplicitAuthFlows[0]"}},
		{name: "refresh missing", members: `"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]`, want: []string{"explicit-auth-flows-refresh-required:ExplicitAuthFlows"}},
		{name: "refresh missing but rotation", members: `"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"], "RefreshTokenRotation": {"Feature": "ENABLED"}`, not: []string{"explicit-auth-flows-refresh-required", "rotation-vs-refresh-token-auth"}},
		{name: "rotation with refresh flow", members: `"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], "RefreshTokenRotation": {"Feature": "ENABLED"}`, want: []string{"rotation-vs-refresh-token-auth:ExplicitAuthFlows[1]"}},
		{name: "empty flows list", members: `"ExplicitAuthFlows": []`, not: []string{"explicit-auth-flows-refresh-required"}},
		{name: "client token alone", members: `"ExplicitAuthFlows": ["ALLOW_CLIENT_TOKEN_AUTH"]`, not: []string{"client-token-auth-exclusive", "explicit-auth-flows-refresh-required", "model-explicit-auth-flow-enum"}},
		{name: "client token mixed", members: `"ExplicitAuthFlows": ["ALLOW_CLIENT_TOKEN_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]`, want: []string{"client-token-auth-exclusive:ExplicitAuthFlows[1]"}},
		{name: "code without callbacks", members: `"AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"]`, want: []string{"oauth-callback-required:AllowedOAuthFlows[0]"}},
		{name: "flag without scopes", members: oauth + `"AllowedOAuthFlows": ["code"]`, want: []string{"oauth-flows-scopes-required:AllowedOAuthFlowsUserPoolClient"}},
		{name: "settings without flag", members: `"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["https://a.example.com/cb"]`, want: []string{"oauth-settings-require-flag:AllowedOAuthFlows"}},
		{name: "client credentials mixed", members: oauth + `"GenerateSecret": true, "AllowedOAuthFlows": ["client_credentials", "implicit"], "AllowedOAuthScopes": ["api/read"]`, want: []string{"client-credentials-exclusive:AllowedOAuthFlows[1]"}},
		{name: "client credentials builtin scope", members: `"AllowedOAuthFlowsUserPoolClient": true, "GenerateSecret": true, "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["api/read", "email"]`, want: []string{"client-credentials-custom-scopes-only:AllowedOAuthScopes[1]"}},
		{name: "client credentials no secret", members: `"AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["api/read"]`, want: []string{"client-credentials-requires-secret:AllowedOAuthFlows[0]"}},
		{name: "client credentials custom secret", members: `"AllowedOAuthFlowsUserPoolClient": true, "ClientSecret": "abcdefghijklmnopqrstuvwxyz01", "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["api/read"]`, not: []string{"client-credentials-requires-secret"}},
		{name: "update cannot know the secret", op: model.OpUpdate, members: `"AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["api/read"]`, not: []string{"client-credentials-requires-secret"}},
		{name: "scope Cognito", members: oauth + `"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid", "Cognito"]`, want: []string{"oauth-scope-exists:AllowedOAuthScopes[1]"}},
		{name: "scope resource server", members: oauth + `"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid", "https://api.example.com/read"]`, not: []string{"oauth-scope-exists"}},
		{name: "scope empty name", members: oauth + `"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid", "api/"]`, want: []string{"oauth-scope-exists:AllowedOAuthScopes[1]"}},
		{name: "oidc without openid", members: oauth + `"AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["email"]`, want: []string{"oidc-scopes-need-openid:AllowedOAuthScopes[0]"}},
		{name: "idp case", members: `"SupportedIdentityProviders": ["Cognito", "Google", "LoginwithAmazon", "MySAML"]`, want: []string{"supported-idp-exists:SupportedIdentityProviders[0]", "supported-idp-exists:SupportedIdentityProviders[2]"}},
		{name: "propagate without secret", members: `"EnablePropagateAdditionalUserContextData": true`, want: []string{"propagate-context-requires-secret:EnablePropagateAdditionalUserContextData"}},
		{name: "propagate with secret", members: `"EnablePropagateAdditionalUserContextData": true, "GenerateSecret": true`, not: []string{"propagate-context-requires-secret"}},
		{name: "both secrets", members: `"GenerateSecret": true, "ClientSecret": "abcdefghijklmnopqrstuvwxyz01"`, want: []string{"generate-secret-xor-client-secret:GenerateSecret"}},
		{name: "generate false with secret", members: `"GenerateSecret": false, "ClientSecret": "abcdefghijklmnopqrstuvwxyz01"`, not: []string{"generate-secret-xor-client-secret"}},
		{name: "update has no GenerateSecret", op: model.OpUpdate, members: `"GenerateSecret": true`, want: []string{"model-unknown-member:GenerateSecret"}},
	})
}

func TestAttributeAndAnalyticsRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "standard and custom", members: `"ReadAttributes": ["email", "custom:plan", "dev:custom:x"], "WriteAttributes": ["email", "custom:plan"]`, not: []string{"attributes-exist", "write-not-subset-of-read", "write-attributes-not-writable"}},
		{name: "unknown attribute", members: `"ReadAttributes": ["emial"]`, want: []string{"attributes-exist:ReadAttributes[0]"}},
		{name: "dev custom not writable", members: `"ReadAttributes": ["dev:custom:x"], "WriteAttributes": ["dev:custom:x"]`, want: []string{"write-attributes-not-writable:WriteAttributes[0]"}, not: []string{"attributes-exist"}},
		{name: "verified not writable", members: `"WriteAttributes": ["phone_number_verified"]`, want: []string{"write-attributes-not-writable:WriteAttributes[0]"}},
		{name: "custom write without read list", members: `"WriteAttributes": ["custom:plan"]`, want: []string{"write-not-subset-of-read:WriteAttributes[0]"}},
		{name: "standard write without read list", members: `"WriteAttributes": ["email"]`, not: []string{"write-not-subset-of-read"}},
		{name: "analytics arn alone", members: `"AnalyticsConfiguration": {"ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc", "UserDataShared": true}`, not: []string{"analytics-config-shape"}},
		{name: "analytics triple", members: `"AnalyticsConfiguration": {"ApplicationId": "abc123", "RoleArn": "arn:aws:iam::123456789012:role/r", "ExternalId": "x"}`, not: []string{"analytics-config-shape"}},
		{name: "analytics partial", members: `"AnalyticsConfiguration": {"ApplicationId": "abc123"}`, want: []string{"analytics-config-shape:AnalyticsConfiguration"}},
		// What AWS returns (Create/Describe output, the AWS CLI's own
		// create-user-pool-client example) is never an error.
		{name: "analytics arn with the service-linked role", members: `"AnalyticsConfiguration": {"ApplicationArn": "arn:aws:mobiletargeting:us-west-2:123456789012:apps/abc", "RoleArn": "arn:aws:iam::123456789012:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp", "UserDataShared": true}`, not: []string{"analytics-config-shape"}},
		{name: "analytics arn with the service-linked role, update", op: model.OpUpdate, members: `"AnalyticsConfiguration": {"ApplicationArn": "arn:aws-cn:mobiletargeting:cn-north-1:123456789012:apps/abc", "RoleArn": "arn:aws-cn:iam::123456789012:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp"}`, not: []string{"analytics-config-shape"}},
		{name: "analytics describe output mixed", op: model.OpDescribe, members: `"AnalyticsConfiguration": {"ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc", "RoleArn": "arn:aws:iam::123456789012:role/custom", "ExternalId": "x"}`, not: []string{"analytics-config-shape"}},
		{name: "analytics arn with a custom role", members: `"AnalyticsConfiguration": {"ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc", "RoleArn": "arn:aws:iam::123456789012:role/cognito-pinpoint"}`, want: []string{"analytics-config-shape:AnalyticsConfiguration"}},
		{name: "analytics arn with the service-linked role and an external id", members: `"AnalyticsConfiguration": {"ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc", "RoleArn": "arn:aws:iam::123456789012:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp", "ExternalId": "x"}`, want: []string{"analytics-config-shape:AnalyticsConfiguration"}},
		{name: "analytics empty", members: `"AnalyticsConfiguration": {}`, want: []string{"analytics-config-shape:AnalyticsConfiguration"}},
	})
}

// TestUnknownValues: a rule never fires on an unknown value and never
// concludes from a list holding one.
func TestUnknownValues(t *testing.T) {
	unknown := &finding.Node{Kind: finding.Unknown, Str: "!Sub ${Domain}/cb"}
	str := func(s string) *finding.Node { return &finding.Node{Kind: finding.String, Str: s} }
	list := func(items ...*finding.Node) *finding.Node { return &finding.Node{Kind: finding.Array, Items: items} }
	obj := func(fields ...finding.Field) *finding.Node {
		return &finding.Node{Kind: finding.Object, Fields: fields}
	}
	f := func(k string, v *finding.Node) finding.Field { return finding.Field{Key: k, Value: v} }
	root := obj(
		f("UserPoolId", str("us-east-1_AbC")),
		f("ClientName", unknown),
		f("AllowedOAuthFlowsUserPoolClient", &finding.Node{Kind: finding.Bool, Bool: true}),
		f("AllowedOAuthFlows", list(str("code"))),
		f("AllowedOAuthScopes", list(str("email"), unknown)),
		f("CallbackURLs", list(str("https://a.example.com/cb"), unknown)),
		f("DefaultRedirectURI", str("https://b.example.com/cb")),
		f("LogoutURLs", list(unknown, str("http://a.example.com/out"))),
		f("ReadAttributes", unknown),
		f("WriteAttributes", list(str("custom:plan"))),
		f("AccessTokenValidity", unknown),
		f("TokenValidityUnits", obj(f("AccessToken", str("seconds")))),
	)
	doc := &finding.Document{Operation: model.OpCreate, Format: "cloudformation", Root: root}
	got := summarize(Check(doc, Options{}))
	for _, bad := range []string{
		"default-redirect-uri-in-callbacks", "oidc-scopes-need-openid", "model-required-member",
		"write-not-subset-of-read", "token-validity-unit-without-value", "model-redirect-url-format",
		"model-oauth-scope-format",
	} {
		for _, g := range got {
			if strings.HasPrefix(g, bad+":") {
				t.Errorf("%s fired on an unknown value: %v", bad, got)
			}
		}
	}
	// Known elements are still checked one by one.
	if !slices.Contains(got, "redirect-uri-https:LogoutURLs[1]") {
		t.Errorf("the known http logout URL beside an unknown one was not reported: %v", got)
	}
	want := []string{"AccessTokenValidity", "AllowedOAuthScopes[1]", "CallbackURLs[1]", "ClientName", "LogoutURLs[0]", "ReadAttributes"}
	u := slices.Clone(doc.Unknown)
	slices.Sort(u)
	if !slices.Equal(u, want) {
		t.Errorf("unknown paths %v, want %v", u, want)
	}
}

func TestSecretsNeverInMessages(t *testing.T) {
	const secret = "Sup3rSecretValue_0123456789"
	for _, op := range []string{model.OpCreate, model.OpUpdate, model.OpDescribe} {
		src := fmt.Sprintf(`{"UserPoolId": "bad id", "ClientName": "x", "ClientId": "c", "ClientSecret": %q, "CallbackURLs": [%q]}`, secret, secret)
		res := input.Read("t.json", []byte(src), input.Options{Operation: op})
		for _, f := range Check(res.Docs[0], Options{}) {
			if strings.Contains(f.Message+f.Hint, secret) {
				t.Errorf("%s: secret in %s: %s / %s", op, f.Rule, f.Message, f.Hint)
			}
		}
		line, _ := res.Source.Line(1)
		if strings.Contains(line, secret) {
			t.Errorf("%s: secret in source line: %s", op, line)
		}
	}
}

func TestCheckRequest(t *testing.T) {
	s := func(v string) *string { return &v }
	req := &model.Request{
		UserPoolId: s("us-east-1_AbC"), ClientName: s("x"), ClientSecret: s("short"),
		CallbackURLs: []string{"http://app.example.com/cb"},
	}
	got := summarize(CheckRequest(req, model.OpCreate, Options{}))
	for _, w := range []string{"redirect-uri-https:CallbackURLs[0]", "model-client-secret-format:ClientSecret"} {
		if !slices.Contains(got, w) {
			t.Errorf("want %s in %v", w, got)
		}
	}
	got = summarize(CheckRequest(&model.Request{ClientSecret: s("abcdefghijklmnopqrstuvwxyz")}, model.OpUpdate, Options{}))
	for _, w := range []string{"model-required-member:UserPoolId", "model-required-member:ClientId", "model-unknown-member:ClientSecret"} {
		if !slices.Contains(got, w) {
			t.Errorf("want %s in %v", w, got)
		}
	}
}

func TestLoopbackHost(t *testing.T) {
	for u, want := range map[string]string{
		"http://localhost":             "localhost",
		"http://LOCALHOST:8080/cb":     "localhost",
		"http://user:pw@localhost/x":   "localhost",
		"http://[::1]:3000/cb":         "::1",
		"http://[::1]":                 "::1",
		"http://127.0.0.1?x=1":         "127.0.0.1",
		"http://127.0.0.1#f":           "127.0.0.1",
		"http://localhost.evil.com/cb": "localhost.evil.com",
		"http://evil.com@localhost/":   "localhost",
		"http://localhost@evil.com/":   "evil.com",
		"http:/localhost":              "",
		"http://[::1":                  "",
	} {
		if got := loopbackHost(u); got != want {
			t.Errorf("loopbackHost(%q) = %q, want %q", u, got, want)
		}
	}
}

// TestSortDropsDuplicatesWithFixes: two equal findings whose fixes are
// equal but distinct values are one finding.
func TestSortDropsDuplicatesWithFixes(t *testing.T) {
	fx := func() *finding.Fix {
		return &finding.Fix{Description: "d", Edits: []finding.Edit{{File: "f", Text: "x"}}}
	}
	f := finding.Finding{Rule: "r", File: "f", Line: 1, Message: "m"}
	a, b, c := f, f, f
	a.Fix, b.Fix = fx(), fx()
	c.Fix = &finding.Fix{Description: "other"}
	if got := Sort([]finding.Finding{a, b}); len(got) != 1 {
		t.Errorf("equal findings with equal fixes: %d kept, want 1", len(got))
	}
	if got := Sort([]finding.Finding{a, c}); len(got) != 2 {
		t.Errorf("findings with different fixes: %d kept, want 2", len(got))
	}
}
