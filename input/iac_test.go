package input

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/internal/hostile"
	"github.com/cognitolint/cognitolint/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// iacDirs are the fixture folders of the IaC readers, under testdata/.
var iacDirs = []string{"cloudformation", "terraform-plan", "terraform", "serverless", "kubernetes", "pulumi"}

// lintFile reads a fixture and runs the built-in rules on each document,
// as validate.Lint does (without policies).
func lintFile(t testing.TB, file string) (Result, []finding.Finding) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.ToSlash(strings.TrimPrefix(file, "../"))
	res := Read(name, src, Options{})
	fs := append([]finding.Finding(nil), res.Findings...)
	for _, doc := range res.Docs {
		fs = append(fs, rules.Check(doc, rules.Options{})...)
	}
	return res, rules.Sort(fs)
}

// render is the golden form of a fixture's result: one line per document
// (resource, format, operation, unknown paths) and one per finding (line,
// column, rule, resource, path, message).
func render(res Result, fs []finding.Finding) string {
	var b strings.Builder
	for _, d := range res.Docs {
		fmt.Fprintf(&b, "document %s %s %s unknown=[%s]\n", d.Resource, d.Format, d.Operation, strings.Join(d.Unknown, " "))
		if d.Declared != nil {
			fmt.Fprintf(&b, "  declared %s\n", renderDeclared(d.Declared))
		}
	}
	for _, f := range fs {
		fmt.Fprintf(&b, "%d:%d %s %s resource=%q path=%q: %s\n", f.Line, f.Column, f.Severity, f.Rule, f.Resource, f.Path, f.Message)
	}
	return b.String()
}

// renderDeclared writes the context a document declares; "?" is a part
// that did not resolve.
func renderDeclared(d *finding.Declared) string {
	var b strings.Builder
	b.WriteString("pool=")
	if d.Pool == nil {
		b.WriteString("?")
	} else {
		var attrs []string
		for _, a := range d.Pool.Attributes {
			s := a.Name
			if a.Required {
				s += "(required)"
			}
			attrs = append(attrs, s)
		}
		fmt.Fprintf(&b, "[%s] tier=%q", strings.Join(attrs, " "), d.Pool.Tier)
	}
	b.WriteString(" identity-providers=")
	if d.IdentityProviders == nil {
		b.WriteString("?")
	} else {
		fmt.Fprintf(&b, "[%s]", strings.Join(d.IdentityProviders, " "))
	}
	b.WriteString(" resource-servers=")
	if d.ResourceServers == nil {
		b.WriteString("?")
	} else {
		var rs []string
		for _, r := range d.ResourceServers {
			rs = append(rs, r.Identifier+"{"+strings.Join(r.Scopes, " ")+"}")
		}
		fmt.Fprintf(&b, "[%s]", strings.Join(rs, " "))
	}
	return b.String()
}

// TestGoldenIaC reads every fixture of the IaC formats and compares the
// documents and findings with its .out file (go test ./input -update
// rewrites them).
func TestGoldenIaC(t *testing.T) {
	for _, dir := range iacDirs {
		files, _ := filepath.Glob("../testdata/" + dir + "/*")
		if len(files) == 0 {
			t.Fatalf("no fixtures in testdata/%s", dir)
		}
		for _, file := range files {
			if info, err := os.Stat(file); strings.HasSuffix(file, ".out") || err == nil && info.IsDir() {
				continue // a module directory: TestTerraformModules
			}
			t.Run(dir+"/"+filepath.Base(file), func(t *testing.T) {
				res, fs := lintFile(t, file)
				got := render(res, fs)
				for _, sec := range res.Source.Secrets {
					if strings.Contains(got, sec) {
						t.Errorf("the output shows a client secret")
					}
				}
				golden := file + ".out"
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (go test ./input -update creates it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs:\n--- got\n%s--- want\n%s", golden, got, want)
				}
			})
		}
	}
}

// TestIaCExpectations pins what the golden files must show, so that an
// -update cannot silently accept a regression: a rule fires on a known
// value at its line and path, and never on an unknown one.
func TestIaCExpectations(t *testing.T) {
	type want struct {
		resource, rule, path string
		line                 int // 0: the finding must not exist (at any line)
	}
	cases := map[string][]want{
		"../testdata/cloudformation/clients.yaml": {
			// A callback is a !Sub: DefaultRedirectURI may be it.
			{"WebClient", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 0},
			{"WebClient", "model-required-member", "ClientName", 0}, // optional in CloudFormation
			// The same with literals fires.
			{"LiteralClient", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 47},
			// GenerateSecret is a !If, the scope a !Sub.
			{"M2MClient", "client-credentials-requires-secret", "AllowedOAuthFlows[0]", 0},
			{"M2MClient", "client-credentials-custom-scopes-only", "AllowedOAuthScopes[0]", 0},
			{"ReturnValues", "read-only-property", "ClientId", 65},
			{"ReturnValues", "read-only-property", "ClientSecret", 66},
			{"ReturnValues", "read-only-property", "Name", 67},
			{"ReturnValues", "model-unknown-member", "ClientId", 0}, // CloudFormation ignores it: a warning, never an error
			{"ReturnValues", "generate-secret-xor-client-secret", "ClientSecret", 0},
			{"Conditional", "redirect-uri-https", "CallbackURLs[0]", 0},
			{"Conditional", "model-required-member", "UserPoolId", 0},
			// Seven intrinsics before it in the list: the literal keeps index 7.
			{"Intrinsics", "redirect-uri-https", "CallbackURLs[7]", 96},
			{"Intrinsics", "model-oauth-flow-enum", "AllowedOAuthFlows[1]", 86},
			{"Intrinsics", "model-time-unit-enum", "TokenValidityUnits.IdToken", 102},
			{"Intrinsics", "model-refresh-rotation-format", "RefreshTokenRotation.RetryGracePeriodSeconds", 109},
			{"Intrinsics", "explicit-auth-flows-refresh-required", "ExplicitAuthFlows", 0},
			// "60" and "false" are converted as CloudFormation does; "yes" is not a boolean.
			{"Defaults", "model-type", "AccessTokenValidity", 0},
			{"Defaults", "model-type", "GenerateSecret", 0},
			{"Merged", "token-validity-range", "AccessTokenValidity", 127},
			{"Merged", "model-type", "EnableTokenRevocation", 129},
		},
		// Issue 13: Serverless variables are unknown wherever they appear;
		// a literal mistake beside them still fires.
		"../testdata/cloudformation/sls-resources-cognito.yml": {
			{"CognitoUserPoolClient", "model-client-name-format", "ClientName", 0},
			{"CognitoUserPoolClient", "model-redirect-url-format", "CallbackURLs[0]", 0},
			{"CognitoUserPoolClient", "redirect-uri-absolute", "CallbackURLs[1]", 0},
			{"CognitoUserPoolClient", "redirect-uri-absolute", "LogoutURLs[0]", 0},
			{"CognitoUserPoolClient", "model-type", "AccessTokenValidity", 0},
			{"CognitoUserPoolClient", "model-time-unit-enum", "TokenValidityUnits.IdToken", 0},
			{"CognitoUserPoolClient", "redirect-uri-https", "CallbackURLs[2]", 32},
		},
		// Issue 9: a service file's inline resources, list or mapping.
		"../testdata/serverless/serverless.yml": {
			{"CognitoUserPoolClient", "redirect-uri-https", "CallbackURLs[1]", 51},
			{"CognitoUserPoolClient", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 0},
			{"CognitoUserPoolClient", "model-client-name-format", "ClientName", 0},
		},
		"../testdata/serverless/admin-service.yml": {
			{"AdminClient", "read-only-property", "ClientId", 17},
			{"AdminClient", "token-validity-range", "AccessTokenValidity", 24},
			{"AdminClient", "model-user-pool-id-format", "UserPoolId", 0},
			{"AdminClient", "client-credentials-custom-scopes-only", "AllowedOAuthScopes[0]", 0},
		},
		// Issue 9: the pool, identity provider and resource server declared
		// beside the client are its context.
		"../testdata/cloudformation/declared-context.yaml": {
			{"WebClient", "oauth-scope-exists", "AllowedOAuthScopes[3]", 60},
			{"WebClient", "oauth-scope-exists", "AllowedOAuthScopes[2]", 0},
			{"WebClient", "supported-idp-exists", "SupportedIdentityProviders[2]", 65},
			{"WebClient", "supported-idp-exists", "SupportedIdentityProviders[1]", 0},
			{"WebClient", "attributes-exist", "WriteAttributes[2]", 67},
			{"WebClient", "attributes-exist", "WriteAttributes[1]", 0},
			{"WebClient", "attributes-exist", "WriteAttributes[0]", 0},
			{"WebClient", "write-attributes-include-required", "WriteAttributes", 0},
			{"AdminClient", "write-attributes-include-required", "WriteAttributes", 78},
		},
		// Issue 9: ACK and Crossplane clients among other kinds.
		"../testdata/kubernetes/ack.yaml": {
			{"UserPoolClient/storefront/storefront-web", "redirect-uri-https", "CallbackURLs[1]", 35},
			{"UserPoolClient/storefront/storefront-web", "model-time-unit-enum", "TokenValidityUnits.IdToken", 50},
			{"UserPoolClient/storefront/storefront-web", "model-required-member", "UserPoolId", 0}, // userPoolRef
		},
		"../testdata/kubernetes/crossplane.yaml": {
			{"UserPoolClient/partner-portal", "model-oauth-flow-enum", "AllowedOAuthFlows[1]", 16},
			{"UserPoolClient/partner-portal", "token-validity-range", "AccessTokenValidity", 29},
			{"UserPoolClient/partner-portal", "model-required-member", "UserPoolId", 0}, // userPoolIdSelector
			{"UserPoolClient/batch-exporter", "analytics-config-shape", "AnalyticsConfiguration", 0},
			{"UserPoolClient/batch-exporter", "model-client-name-format", "ClientName", 0},
		},
		// Helm actions and Flux substitutions are rendered before Kubernetes
		// sees the manifest: unknown, not a name or scope format error.
		"../testdata/kubernetes/chart-rendered-later.yaml": {
			{"UserPoolClient/identity/{{ .Release.Name }}-api", "model-client-name-format", "ClientName", 0},
			{"UserPoolClient/identity/{{ .Release.Name }}-api", "model-oauth-scope-format", "AllowedOAuthScopes[0]", 0},
			{"UserPoolClient/storefront/storefront-web", "model-client-name-format", "ClientName", 0},
			{"UserPoolClient/storefront/storefront-web", "model-redirect-url-format", "CallbackURLs[0]", 0},
			{"UserPoolClient/storefront/storefront-web", "redirect-uri-https", "CallbackURLs[1]", 38},
		},
		"../testdata/pulumi/Pulumi.yaml": {
			{"webClient", "redirect-uri-https", "CallbackURLs[1]", 30},
			{"webClient", "token-validity-range", "AccessTokenValidity", 37},
			{"webClient", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 0}, // CallbackURLs[0] is ${…}
			{"existing", "model-required-member", "ClientName", 0},                      // get: a lookup
		},
		"../testdata/cloudformation/cdk.template.json": {
			{"UserPoolAdminClientE5F6A7B8", "client-credentials-exclusive", "AllowedOAuthFlows[1]", 78},
			{"UserPoolWebClient1A2B3C4D", "model-type", "AccessTokenValidity", 0},
		},
		"../testdata/terraform-plan/plan.json": {
			// callback_urls[0] is unknown until apply.
			{"aws_cognito_user_pool_client.web", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 0},
			{"aws_cognito_user_pool_client.web", "model-null-value", "GenerateSecret", 0},
			{"aws_cognito_user_pool_client.web", "model-required-member", "UserPoolId", 0},
			{"aws_cognito_user_pool_client.batch[0]", "token-validity-range", "AccessTokenValidity", 74},
			{"aws_cognito_user_pool_client.batch[0]", "client-credentials-custom-scopes-only", "AllowedOAuthScopes[0]", 77},
			{`module.auth.aws_cognito_user_pool_client.this["mobile"]`, "model-oauth-flow-enum", "AllowedOAuthFlows[1]", 120},
			{`module.auth.aws_cognito_user_pool_client.this["mobile"]`, "redirect-uri-https", "CallbackURLs[1]", 123},
			{"module.auth.module.opensearch.aws_cognito_managed_user_pool_client.dashboards", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 153},
			{"module.auth.module.opensearch.aws_cognito_managed_user_pool_client.dashboards", "model-required-member", "ClientName", 0},
			{"data.aws_cognito_user_pool_client.existing", "model-oauth-flow-enum", "AllowedOAuthFlows[0]", 0},
			{"aws_cognito_user_pool_client.old", "model-oauth-flow-enum", "AllowedOAuthFlows[0]", 0},
		},
		"../testdata/terraform-plan/oneline.json": {
			{`module.auth.aws_cognito_user_pool_client.this["mobile"]`, "redirect-uri-https", "CallbackURLs[1]", 1},
		},
		"../testdata/terraform/managed.tf": {
			// No token_validity_units: the provider's default unit (hours).
			{"aws_cognito_managed_user_pool_client.dashboards", "token-validity-range", "AccessTokenValidity", 12},
			// The unit is a variable without a value: a warning (see the golden).
			{"aws_cognito_managed_user_pool_client.search", "token-validity-range", "IdTokenValidity", 21},
		},
		"../testdata/terraform/main.tf": {
			{"aws_cognito_user_pool_client.web", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 0},
			{"aws_cognito_user_pool_client.literal", "default-redirect-uri-in-callbacks", "DefaultRedirectURI", 64},
			{"aws_cognito_user_pool_client.literal", "redirect-uri-https", "CallbackURLs[1]", 62},
			{"aws_cognito_user_pool_client.literal", "model-oauth-flow-enum", "AllowedOAuthFlows[1]", 58},
			{"aws_cognito_user_pool_client.literal", "model-type", "AllowedOAuthFlowsUserPoolClient", 0},
			{"aws_cognito_user_pool_client.literal", "model-token-validity-raw-range", "AccessTokenValidity", 65},
			{"aws_cognito_user_pool_client.literal", "model-prevent-user-existence-enum", "PreventUserExistenceErrors", 0},
			{"aws_cognito_user_pool_client.literal", "model-time-unit-enum", "TokenValidityUnits.AccessToken", 71},
			{"aws_cognito_user_pool_client.per_app", "redirect-uri-https", "CallbackURLs[1]", 0},
			{"aws_cognito_user_pool_client.per_app", "model-redirect-url-format", "CallbackURLs[2]", 89},
			{"aws_cognito_user_pool_client.per_app", "model-null-value", "LogoutURLs", 0},
			{"aws_cognito_managed_user_pool_client.opensearch", "model-required-member", "ClientName", 0},
			{"aws_cognito_managed_user_pool_client.opensearch", "oauth-settings-require-flag", "CallbackURLs", 0},
		},
	}
	for file, wants := range cases {
		_, fs := lintFile(t, file)
		for _, w := range wants {
			var lines []int
			for _, f := range fs {
				if f.Resource == w.resource && f.Rule == w.rule && f.Path == w.path {
					lines = append(lines, f.Line)
				}
			}
			switch {
			case w.line == 0 && len(lines) > 0:
				t.Errorf("%s: %s fired on %s of %s (line %v); it must not", file, w.rule, w.path, w.resource, lines)
			case w.line > 0 && !slices.Contains(lines, w.line):
				t.Errorf("%s: want %s on %s of %s at line %d, got lines %v", file, w.rule, w.path, w.resource, w.line, lines)
			}
		}
	}
}

// TestDocuments checks what each reader makes of a file: which resources
// become documents, in which format, and which paths are unknown.
func TestDocuments(t *testing.T) {
	cases := []struct {
		file      string
		format    string
		resources []string
		unknown   map[string][]string // resource → paths that must be unknown
	}{
		{"../testdata/cloudformation/clients.yaml", "cloudformation",
			[]string{"WebClient", "LiteralClient", "M2MClient", "ReturnValues", "Conditional", "Intrinsics", "Defaults", "Merged"},
			map[string][]string{
				"WebClient":   {"UserPoolId", "ClientName", "AllowedOAuthScopes[1]", "CallbackURLs[0]"},
				"Conditional": {"", "CallbackURLs"},
				"Intrinsics": {"UserPoolId", "ClientName", "AllowedOAuthFlowsUserPoolClient", "AllowedOAuthScopes",
					"CallbackURLs[0]", "CallbackURLs[1]", "CallbackURLs[2]", "CallbackURLs[3]", "CallbackURLs[4]", "CallbackURLs[5]", "CallbackURLs[6]",
					"AccessTokenValidity", "TokenValidityUnits.AccessToken", "ExplicitAuthFlows[1]", "RefreshTokenRotation.Feature"},
			}},
		{"../testdata/cloudformation/cdk.template.json", "cloudformation",
			[]string{"UserPoolWebClient1A2B3C4D", "UserPoolAdminClientE5F6A7B8"},
			map[string][]string{"UserPoolWebClient1A2B3C4D": {"UserPoolId", "CallbackURLs[1]", "ClientName"}}},
		{"../testdata/cloudformation/no-clients.yaml", "", nil, nil},
		{"../testdata/terraform-plan/plan.json", "terraform-plan",
			[]string{"aws_cognito_user_pool_client.web", "aws_cognito_user_pool_client.batch[0]",
				`module.auth.aws_cognito_user_pool_client.this["mobile"]`,
				"module.auth.module.opensearch.aws_cognito_managed_user_pool_client.dashboards"},
			map[string][]string{
				"aws_cognito_user_pool_client.web":                                              {"AllowedOAuthScopes[1]", "CallbackURLs[0]", "ExplicitAuthFlows", "UserPoolId", "ReadAttributes", "WriteAttributes"},
				`module.auth.aws_cognito_user_pool_client.this["mobile"]`:                       {"UserPoolId", "TokenValidityUnits"},
				"module.auth.module.opensearch.aws_cognito_managed_user_pool_client.dashboards": {"ClientName", "UserPoolId", "ExplicitAuthFlows"},
			}},
		{"../testdata/terraform/main.tf", "terraform",
			[]string{"aws_cognito_user_pool_client.web", "aws_cognito_user_pool_client.literal",
				"aws_cognito_user_pool_client.per_app", "aws_cognito_managed_user_pool_client.opensearch"},
			map[string][]string{
				"aws_cognito_user_pool_client.web": {"ClientName", "UserPoolId", "CallbackURLs[0]",
					"ExplicitAuthFlows", "TokenValidityUnits.IdToken"},
				"aws_cognito_user_pool_client.literal":            {"SupportedIdentityProviders", "RefreshTokenRotation"},
				"aws_cognito_user_pool_client.per_app":            {"ClientName", "CallbackURLs[0]", "CallbackURLs[1]"},
				"aws_cognito_managed_user_pool_client.opensearch": {"ClientName", "AllowedOAuthFlowsUserPoolClient"},
			}},
	}
	for _, c := range cases {
		res, _ := lintFile(t, c.file)
		var got []string
		for _, d := range res.Docs {
			got = append(got, d.Resource)
			if d.Format != c.format || d.Operation != "create" {
				t.Errorf("%s %s: format %q operation %q, want %q create", c.file, d.Resource, d.Format, d.Operation, c.format)
			}
			if d.Root == nil || d.Root.Kind != finding.Object {
				t.Errorf("%s %s: root is not an object", c.file, d.Resource)
			}
			for _, p := range c.unknown[d.Resource] {
				if !d.IsUnknown(p) && !(p == "" && slices.Contains(d.Unknown, "")) {
					t.Errorf("%s %s: %q is not unknown; unknown: %v", c.file, d.Resource, p, d.Unknown)
				}
			}
		}
		if !slices.Equal(got, c.resources) {
			t.Errorf("%s: documents %v, want %v", c.file, got, c.resources)
		}
		if res.Unrecognized || len(res.Findings) > 0 && res.Findings[0].Rule == "syntax" {
			t.Errorf("%s: not read: %v", c.file, res.Findings)
		}
	}
}

// TestSyntaxErrors: a file that does not parse gets one syntax finding at
// the line of the mistake, with a message naming the format.
func TestSyntaxErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		msg       string
		unrelated bool
	}{
		{"t.yaml", "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      CallbackURLs: [https://a\n      ClientName: x\n", 5, "not valid YAML", false},
		{"t.yaml", "a: b\n\tc: d\n", 2, "not valid YAML", true},
		{"t.yaml", "key: value\n  bad: indent\n", 2, "not valid YAML", true},
		{"chart.yaml", "{{- if .Values.x }}\nname: {{ .Values.name }}\n{{- end }}\n", 1, "", true},
		{"t.tf", "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"x\"\n  callback_urls = [\"a\"\n}\n", 4, "not valid HCL", false},
		{"t.json", "{\n  \"UserPoolId\": \"x\",\n  \"ClientId\": 1,,\n}", 3, "", false},
		{"tsconfig.json", "{\n  // comment\n  \"compilerOptions\": {}\n}\n", 2, "", true},
	}
	for _, c := range cases {
		res := Read(c.name, []byte(c.src), Options{})
		if len(res.Findings) != 1 || res.Findings[0].Rule != "syntax" {
			t.Errorf("%s %q: want one syntax finding, got %+v", c.name, c.src, res.Findings)
			continue
		}
		f := res.Findings[0]
		if c.line > 0 && f.Line != c.line {
			t.Errorf("%s %q: line %d, want %d (%s)", c.name, c.src, f.Line, c.line, f.Message)
		}
		if !strings.Contains(f.Message, c.msg) {
			t.Errorf("%s: message %q does not say %q", c.name, f.Message, c.msg)
		}
		if res.Unrelated != c.unrelated {
			t.Errorf("%s %q: Unrelated = %v, want %v", c.name, c.src, res.Unrelated, c.unrelated)
		}
	}
}

// TestShapes: which reader a file goes to.
func TestShapes(t *testing.T) {
	cases := []struct {
		name, src    string
		format       string // of the documents; "" for none
		unrecognized bool
	}{
		{"a.json", `{"UserPoolId": "us-east-1_A", "ClientId": "x", "CallbackURLs": []}`, "api", false},
		{"a.json", `{"UserPoolId": "us-east-1_A", "ClientId": "x"}`, "", true}, // poolData of a frontend
		{"expected.json", `{"Application": "a", "Environment": "e", "Configuration": "c", "ClientId": "client-12345", "ClientConfigurationVersion": "1"}`, "", true},
		{"a.yaml", "UserPoolId: us-east-1_A\nClientName: web\n", "api", false},
		{"a.template", "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n", "cloudformation", false},
		{"a.template", `{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient"}}}`, "cloudformation", false},
		{"a.json", "\ufeff" + `{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient"}}}`, "cloudformation", false},
		{"plan.json", `{"format_version": "1.2", "planned_values": {"root_module": {}}}`, "", false},
		{"-", "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"x\"\n}\n", "terraform", false},
		{"k8s.yaml", "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Secret\n", "", true},
		{"empty.yaml", "# nothing\n", "", true},
		{"list.yaml", "- a\n- b\n", "", true},
		{"stream.yaml", "kind: x\n---\nResources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n", "cloudformation", false},
		{"other.tf", "resource \"aws_s3_bucket\" \"b\" {}\n", "", false},
		{"serverless.yml", "service: s\nprovider: {name: aws}\nresources:\n  Resources:\n    C:\n      Type: AWS::Cognito::UserPoolClient\n", "serverless", false},
		{"serverless.json", `{"service": "s", "resources": [{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient"}}}]}`, "serverless", false},
		{"serverless.yml", "service: s\nprovider: {name: aws}\n", "", false}, // a service without clients
		{"k8s.yaml", "apiVersion: apps/v1\nkind: Deployment\n---\napiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1\nkind: UserPoolClient\nmetadata: {name: c}\nspec: {name: c, userPoolID: us-east-1_A}\n", "kubernetes", false},
		{"k8s.yaml", "apiVersion: cognitoidp.aws.m.upbound.io/v1beta1\nkind: UserPoolClient\nmetadata: {name: c, namespace: n}\nspec: {forProvider: {name: c}}\n", "kubernetes", false},
		{"k8s.yaml", "apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1\nkind: UserPool\nmetadata: {name: p}\n", "", false}, // ours, no client
		{"k8s.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1}\n", "", true},
		{"Pulumi.yaml", "name: x\nruntime: yaml\nresources:\n  c:\n    type: aws:cognito/userPoolClient:UserPoolClient\n    properties: {name: c, userPoolId: '${p.id}'}\n", "pulumi", false},
		{"Main.yaml", "resources:\n  c:\n    type: aws:cognito:ManagedUserPoolClient\n    properties: {namePrefix: x}\n", "pulumi", false},
		{"Pulumi.yaml", "name: x\nruntime: nodejs\n", "", true},
	}
	for _, c := range cases {
		res := Read(c.name, []byte(c.src), Options{})
		if res.Unrecognized != c.unrecognized {
			t.Errorf("%s %q: unrecognized = %v, want %v (%v)", c.name, c.src, res.Unrecognized, c.unrecognized, res.Findings)
		}
		format := ""
		for _, d := range res.Docs {
			format = d.Format
		}
		if format != c.format {
			t.Errorf("%s %q: format %q, want %q (%v)", c.name, c.src, format, c.format, res.Findings)
		}
	}
}

// TestDeclaredContext: what a template declares beside a client, and
// every way a part stays unknown (nil) instead of becoming "none".
func TestDeclaredContext(t *testing.T) {
	const pool = "  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      Schema: [{Name: plan}]\n"
	const idp = "  Idp:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties: {UserPoolId: !Ref Pool, ProviderName: Okta, ProviderType: OIDC}\n"
	const server = "  Api:\n    Type: AWS::Cognito::UserPoolResourceServer\n    Properties: {UserPoolId: !Ref Pool, Identifier: api, Scopes: [{ScopeName: read}]}\n"
	client := func(userPool string) string {
		return "  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: " + userPool + "\n"
	}
	for _, c := range []struct{ name, src, want string }{
		{"all", pool + idp + server + client("!Ref Pool"), `pool=[custom:plan] tier="" identity-providers=[Okta] resource-servers=[api{read}]`},
		{"getatt long form", pool + client("{'Fn::GetAtt': [Pool, UserPoolId]}"), `pool=[custom:plan] tier="" identity-providers=[] resource-servers=[]`},
		{"getatt arn is not the id", pool + client("!GetAtt Pool.Arn"), ""},
		{"pool elsewhere", idp + client("!ImportValue pool-id"), ""},
		{"literal pool id", pool + client("us-east-1_AbCd12345"), ""},
		{"ref to a parameter", client("!Ref PoolId"), ""},
		{"schema by condition", "  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      Schema: !If [c, [], []]\n" + idp + client("!Ref Pool"),
			`pool=? identity-providers=[Okta] resource-servers=[]`},
		{"provider name by ref", pool + "  Idp:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties: {UserPoolId: !Ref Pool, ProviderName: !Ref Name}\n" + server + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=? resource-servers=[api{read}]`},
		{"provider of another pool", pool + "  Idp:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties: {UserPoolId: !Ref Other, ProviderName: Okta}\n" + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=[] resource-servers=[]`},
		{"provider of an unknown pool", pool + "  Idp:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties: {UserPoolId: !ImportValue p, ProviderName: Okta}\n" + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=? resource-servers=[]`},
		{"custom resource may add providers", pool + "  Saml:\n    Type: Custom::SamlProvider\n" + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=? resource-servers=?`},
		{"an AwsCustomResource that creates a provider", pool + "  Idp:\n    Type: Custom::AWS\n    Properties: {Create: '{\"service\":\"CognitoIdentityServiceProvider\",\"action\":\"createIdentityProvider\"}'}\n" + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=? resource-servers=?`},
		{"a custom resource of something else", pool + "  Retention:\n    Type: Custom::LogRetention\n" + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=[] resource-servers=[]`},
		{"a nested application", pool + "  Idps:\n    Type: AWS::Serverless::Application\n" + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=? resource-servers=?`},
		{"nested stack", pool + "  Idps:\n    Type: AWS::CloudFormation::Stack\n" + client("!Ref Pool"),
			`pool=[custom:plan] tier="" identity-providers=? resource-servers=?`},
		{"serverless variable", "  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      Schema: [{Name: '${self:custom.attr}'}]\n" + client("!Ref Pool"),
			`pool=? identity-providers=[] resource-servers=[]`},
	} {
		for _, form := range []string{"entries only", "full parse"} {
			src := "Resources:\n" + c.src
			if form == "full parse" {
				// A document marker: clientResourcesYAML leaves the file
				// to the full parse.
				src = "---\n" + src
			}
			res := Read("t.yaml", []byte(src), Options{})
			if len(res.Docs) != 1 {
				t.Fatalf("%s: %d documents %v", c.name, len(res.Docs), res.Findings)
			}
			got := ""
			if d := res.Docs[0].Declared; d != nil {
				got = renderDeclared(d)
			}
			if got != c.want {
				t.Errorf("%s (%s):\n got %s\nwant %s", c.name, form, got, c.want)
			}
		}
	}
	// A Serverless file that includes resources from other files: the
	// identity providers and servers may be there.
	res := Read("serverless.yml", []byte("service: s\nresources:\n  - ${file(idps.yml)}\n  - Resources:\n"+
		"      Pool:\n        Type: AWS::Cognito::UserPool\n      Client:\n        Type: AWS::Cognito::UserPoolClient\n        Properties: {UserPoolId: !Ref Pool}\n"), Options{})
	if len(res.Docs) != 1 || res.Docs[0].Declared == nil || res.Docs[0].Declared.IdentityProviders != nil || res.Docs[0].Declared.Pool == nil {
		t.Errorf("serverless with includes: %+v", res.Docs)
	}
}

// TestUnrelated: only Cognito-specific words make a file that does not
// parse worth reporting in a walk (issue 13).
func TestUnrelated(t *testing.T) {
	for src, want := range map[string]bool{
		// A Helm template (it does not parse before rendering) of an app
		// that signs in with OIDC.
		"data:\n  {{- with .Values.oidc }}\n  OIDC_CLIENT_ID: {{ .oidcClientId | quote }}\n  {{- end }}\n": true,
		"data:\n  COGNITO_USER_POOL_ID: {{ .Values.cognito.UserPoolId }}\n":                                true,
		`{"compilerOptions": {"strict": true,}, // ClientId` + "\n":                                        true,
		"Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n   bad: [\n":                            false,
		`{"UserPoolId": "us-east-1_A", "ClientName": "x",}`:                                                false,
		"resource \"aws_cognito_user_pool_client\" \"c\" {\n":                                              false,
		"apiVersion: cognitoidp.aws.upbound.io/v1beta1\nkind: UserPoolClient\n\tbad\n":                     false,
		// The ACK controller's own Helm chart: an RBAC Role that names the
		// API group (seen in aws-controllers-k8s/cognitoidentityprovider-controller).
		"rules:\n- apiGroups:\n  - cognitoidentityprovider.services.k8s.aws\n  name: {{ include \"x\" . }}-reader\n": true,
		"apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1\nkind: Role\n\tbad\n":                         true,
		// A Helm template of a client is not YAML before rendering either.
		"apiVersion: cognitoidp.aws.upbound.io/v1beta1\nkind: UserPoolClient\nname: {{ .Values.name }}\n": true,
		// CloudFormation's dynamic references are no Go template.
		"Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    X: '{{resolve:ssm:p}}'\n   bad: [\n": false,
	} {
		if got := Unrelated([]byte(src)); got != want {
			t.Errorf("Unrelated(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestSecretsInPlan: a plan shows client_secret in planned values, prior
// state and change.before; every copy is redacted from the source lines
// (a plan is often a single line) and from the documents.
func TestSecretsInPlan(t *testing.T) {
	const secret = "8a7s6d5f4g3h2j1k0l9z8x7c6v5b4n3m2q1w0e9r8t7y"
	for _, file := range []string{"../testdata/terraform-plan/plan.json", "../testdata/terraform-plan/oneline.json"} {
		res, fs := lintFile(t, file)
		if len(fs) == 0 {
			t.Fatalf("%s: no findings", file)
		}
		for n := 1; ; n++ {
			line, ok := res.Source.Line(n)
			if !ok {
				break
			}
			if strings.Contains(line, secret) {
				t.Errorf("%s:%d shows the client secret", file, n)
			}
		}
		for _, d := range res.Docs {
			if !slices.Contains(d.Secrets, secret) {
				t.Errorf("%s %s: the secret is not recorded", file, d.Resource)
			}
			if d.Root.Get("ClientSecret") != nil {
				t.Errorf("%s %s: client_secret (computed) became ClientSecret", file, d.Resource)
			}
		}
	}
}

// TestCloudFormationSecret: a ClientSecret written in a template is
// reported without its value and redacted from its line.
func TestCloudFormationSecret(t *testing.T) {
	res, fs := lintFile(t, "../testdata/cloudformation/clients.yaml")
	const secret = "s3cr3tvalue0123456789abcdefghij"
	line, _ := res.Source.Line(66)
	if strings.Contains(line, secret) || !strings.Contains(line, "ClientSecret: ****") {
		t.Errorf("line 66 = %q", line)
	}
	for _, f := range fs {
		if strings.Contains(f.Message+f.Hint, secret) {
			t.Errorf("%s shows the secret", f.Rule)
		}
	}
}

// TestYAMLFastPath: reading only the app client entries of a template
// gives exactly what parsing the whole file gives, and is used where it
// can be.
func TestYAMLFastPath(t *testing.T) {
	bench := benchTemplateYAML(300)
	cases := []struct {
		name string
		src  []byte
		fast bool // the fast path must apply
	}{
		{"bench", bench, true},
		{"ok.yaml", mustRead(t, "../testdata/cloudformation/ok.yaml"), true},
		{"no-clients.yaml", mustRead(t, "../testdata/cloudformation/no-clients.yaml"), true},
		// The pool, identity provider and resource server are read too.
		{"declared-context.yaml", mustRead(t, "../testdata/cloudformation/declared-context.yaml"), true},
		{"sls-resources-cognito.yml", mustRead(t, "../testdata/cloudformation/sls-resources-cognito.yml"), true},
		{"a pool type in a description", []byte("Description: an AWS::Cognito::UserPool and its client\nResources:\n  A:\n    Type: AWS::Cognito::UserPoolClient\n"), false},
		{"other Cognito types are not read", []byte("Resources:\n  D:\n    Type: AWS::Cognito::UserPoolDomain\n  A:\n    Type: AWS::Cognito::UserPoolClient\n"), true},
		{"clients.yaml", mustRead(t, "../testdata/cloudformation/clients.yaml"), false}, // aliases across entries
		{"two clients, comments, quotes", []byte("Resources:\n  A:\n    # c\n    Type: \"AWS::Cognito::UserPoolClient\" # t\n\n# between\n    Properties:\n      CallbackURLs: [http://a.example.com]\n  B:\n    Type: AWS::S3::Bucket\n  'C':\n    Properties: {ClientName: 'x', AllowedOAuthFlows: [token]}\n    Type: AWS::Cognito::UserPoolClient\nOutputs: {}\n"), true},
		{"type in a description", []byte("Description: makes an AWS::Cognito::UserPoolClient\nResources:\n  A:\n    Type: AWS::Cognito::UserPoolClient\n"), false},
		{"type nested in properties", []byte("Resources:\n  A:\n    Type: Custom::X\n    Properties:\n      Inner:\n        Type: AWS::Cognito::UserPoolClient\n"), false},
		{"flow style", []byte("Resources: {A: {Type: AWS::Cognito::UserPoolClient}}\n"), false},
		{"stream", []byte("---\nResources:\n  A:\n    Type: AWS::Cognito::UserPoolClient\n"), false},
		{"broken entry", []byte("Resources:\n  A:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      CallbackURLs: [x\n"), false},
	}
	for _, c := range cases {
		_, fast := clientResourcesYAML(c.src)
		if fast != c.fast {
			t.Errorf("%s: fast path %v, want %v", c.name, fast, c.fast)
		}
		got := Read("t.yaml", c.src, Options{})
		source := &finding.Source{Name: "t.yaml", Text: c.src}
		var want Result
		if docs, err := ParseYAML(c.src); err != nil {
			want = syntaxResult(source, err)
		} else if len(docs) == 1 {
			want = readShape(source, docs[0], Options{})
		} else {
			want, _ = Read("t.yaml", c.src, Options{}), 0
		}
		gf, wf := render(got, got.Findings), render(want, want.Findings)
		for _, d := range got.Docs {
			gf += fmt.Sprintf("%s at %+v root %+v\n", d.Resource, d.At, d.Root.Pos)
			for _, f := range rules.Check(d, rules.Options{}) {
				gf += fmt.Sprintf("%d:%d:%d %s %s\n", f.Line, f.Column, f.Length, f.Rule, f.Path)
			}
		}
		for _, d := range want.Docs {
			wf += fmt.Sprintf("%s at %+v root %+v\n", d.Resource, d.At, d.Root.Pos)
			for _, f := range rules.Check(d, rules.Options{}) {
				wf += fmt.Sprintf("%d:%d:%d %s %s\n", f.Line, f.Column, f.Length, f.Rule, f.Path)
			}
		}
		if gf != wf {
			t.Errorf("%s: fast and full reading differ:\n--- fast\n%s--- full\n%s", c.name, gf, wf)
		}
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHCLFastPath: parsing only the app client blocks of a configuration
// gives exactly what parsing the whole file gives.
func TestHCLFastPath(t *testing.T) {
	cases := []struct {
		name string
		src  []byte
		fast bool
	}{
		{"bench", benchHCL(300), true},
		{"main.tf", mustRead(t, "../testdata/terraform/main.tf"), true},
		{"unformatted", []byte("resource   \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n}\n"), true},
		{"one line", []byte("resource \"aws_cognito_user_pool_client\" \"c\" { name = \"c\" }\n"), false},
		{"brace in heredoc", []byte("resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = <<EOT\n}\nEOT\n  callback_urls = [\"http://a.example.com\"]\n}\n"), false},
		{"error elsewhere", []byte("resource \"aws_cognito_user_pool_client\" \"c\" {\n  callback_urls = [\"http://a.example.com\"]\n}\nresource \"x\" {\n"), false},
		{"garbage", []byte("{{{ garbage\n"), false},
		{"comments and empty blocks", []byte("# c\n// d\n\nterraform {}\nlocals {\n  a = 1\n}\n"), true},
	}
	for _, c := range cases {
		_, fast, _ := tfTopBlocksFast(c.src, "main.tf")
		if fast != c.fast {
			t.Errorf("%s: fast path %v, want %v", c.name, fast, c.fast)
		}
		got := Read("main.tf", c.src, Options{})
		file, diags := hclsyntax.ParseConfig(c.src, "main.tf", hcl.InitialPos)
		if diags.HasErrors() {
			// The full parse reports the syntax, whatever the fast path saw.
			if len(got.Findings) != 1 || got.Findings[0].Rule != "syntax" || len(got.Docs) != 0 {
				t.Errorf("%s: want one syntax finding, got %v", c.name, got.Findings)
			}
			continue
		}
		var blocks hclsyntax.Blocks
		for _, b := range file.Body.(*hclsyntax.Body).Blocks {
			if tfWanted(b.Type, b.Labels) {
				blocks = append(blocks, b)
			}
		}
		want, _ := readHCLBlocks(&finding.Source{Name: "main.tf", Text: c.src}, Options{}, blocks)
		if len(got.Docs) != len(want) {
			t.Fatalf("%s: %d documents, want %d", c.name, len(got.Docs), len(want))
		}
		for i, d := range got.Docs {
			if g, w := nodeString(d.Root), nodeString(want[i].Root); d.Resource != want[i].Resource || g != w {
				t.Errorf("%s: %s differs:\n%s\nwant %s\n%s", c.name, d.Resource, g, want[i].Resource, w)
			}
		}
	}
}

// nodeString renders a tree with every position.
func nodeString(n *finding.Node) string {
	var b strings.Builder
	var walk func(n *finding.Node)
	walk = func(n *finding.Node) {
		fmt.Fprintf(&b, "%v%q@%+v", n.Kind, n.Str, n.Pos)
		for _, f := range n.Fields {
			fmt.Fprintf(&b, " %s@%+v=", f.Key, f.KeyPos)
			walk(f.Value)
		}
		for _, it := range n.Items {
			b.WriteString(" [")
			walk(it)
			b.WriteString("]")
		}
	}
	walk(n)
	return b.String()
}

// TestMaxDocuments: a file of more app clients than MaxDocuments has its
// first MaxDocuments linted and a file-too-large finding at the first one
// left out, in every format that holds many.
func TestMaxDocuments(t *testing.T) {
	for _, format := range []string{"yaml", "json", "tf"} {
		src := hostile.Clients(MaxDocuments+5, format)
		res := Read("clients."+format, src, Options{})
		if len(res.Docs) != MaxDocuments {
			t.Errorf("%s: %d documents, want %d", format, len(res.Docs), MaxDocuments)
		}
		var tooLarge []finding.Finding
		for _, f := range res.Findings {
			if f.Rule == "file-too-large" {
				tooLarge = append(tooLarge, f)
			}
		}
		if len(tooLarge) != 1 {
			t.Fatalf("%s: file-too-large findings %v", format, tooLarge)
		}
		f := tooLarge[0]
		want := fmt.Sprintf("the file has more than %d app clients; only the first %d are linted", MaxDocuments, MaxDocuments)
		if f.Message != want || f.Line == 0 || !strings.HasSuffix(f.Resource, fmt.Sprint(MaxDocuments)) {
			t.Errorf("%s: %s at %d:%d of %s, want %q at client %d", format, f.Message, f.Line, f.Column, f.Resource, want, MaxDocuments)
		}
		if res := Read("clients."+format, hostile.Clients(MaxDocuments, format), Options{}); len(res.Docs) != MaxDocuments || len(res.Findings) != 0 {
			t.Errorf("%s: %d clients: %d documents, %v", format, MaxDocuments, len(res.Docs), res.Findings)
		}
	}
}

// TestMaxDocumentsDuplicateKey: a template's reader leaves unparsed the
// clients past the first one left out, but never a client written again:
// the value of a logical ID written twice is the same whether a thousand
// clients come between or none.
func TestMaxDocumentsDuplicateKey(t *testing.T) {
	client := map[string]func(name, url string) string{
		"json": func(name, url string) string {
			return fmt.Sprintf(`"%s": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "CallbackURLs": ["%s"]}}`, name, url)
		},
		"yaml": func(name, url string) string {
			return fmt.Sprintf("  %s:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: p\n      CallbackURLs:\n        - %s\n", name, url)
		},
	}
	for format, c := range client {
		template := func(between int) string {
			parts := []string{c("Web", "https://first.example.com")}
			for i := range between {
				parts = append(parts, c(fmt.Sprintf("C%d", i), "https://a.example.com"))
			}
			parts = append(parts, c("Web", "https://second.example.com"))
			if format == "json" {
				return `{"Resources": {` + strings.Join(parts, ",") + "}}"
			}
			return "Resources:\n" + strings.Join(parts, "")
		}
		webURL := func(between int) (string, int) {
			res := Read("t."+format, []byte(template(between)), Options{})
			for _, d := range res.Docs {
				if d.Resource == "Web" {
					return d.Root.Get("CallbackURLs").Items[0].Str, len(res.Docs)
				}
			}
			return "", len(res.Docs)
		}
		want, _ := webURL(0)
		got, n := webURL(MaxDocuments + 5)
		if want == "" || got != want || n != MaxDocuments {
			t.Errorf("%s: Web's URL %q with a thousand clients between, %q without; %d documents", format, got, want, n)
		}
	}
}
