// Package hostile generates the large inputs of the hostile-input suite
// (testdata/hostile/ holds the small ones): files a careless or hostile
// user could feed the linter, each scaled by n so that tests and
// benchmarks can compare n with 10n.
package hostile

import (
	"bytes"
	"fmt"
	"strconv"
)

// Gen is one scalable input: a file name (its extension chooses the
// reader) and a function that writes the file with about n repeated parts.
type Gen struct {
	Name string
	File string
	Make func(n int) []byte
}

// Gens are the scalable inputs of issue 8, item 1 (quadratic time) and of
// every reader: long lists, many object keys, many findings, long lines,
// many unknown values.
var Gens = []Gen{
	{"explicit-auth-flows", "flows.json", ExplicitAuthFlows},
	{"https-callbacks", "callbacks.json", func(n int) []byte { return Callbacks(n, "https") }},
	{"http-callbacks", "http-callbacks.json", func(n int) []byte { return Callbacks(n, "http") }},
	{"duplicate-callbacks", "dup-callbacks.json", DuplicateCallbacks},
	{"analytics-keys", "analytics.json", AnalyticsKeys},
	{"one-line", "one-line.json", OneLine},
	{"yaml-analytics-keys", "analytics.yaml", YAMLAnalyticsKeys},
	{"cloudformation-yaml-intrinsics", "template.yaml", CloudFormationYAML},
	{"cloudformation-json-intrinsics", "template.json", CloudFormationJSON},
	{"terraform-interpolations", "main.tf", Terraform},
	{"terraform-plan", "plan.json", Plan},
	{"relative-duplicate-callbacks", "relative.json", RelativeCallbacks},
	{"cloudformation-yaml-clients", "clients.yaml", func(n int) []byte { return Clients(n, "yaml") }},
	{"cloudformation-json-clients", "clients.json", func(n int) []byte { return Clients(n, "json") }},
	{"terraform-clients", "clients.tf", func(n int) []byte { return Clients(n, "tf") }},
	{"inline-suppressions", "suppressed.yaml", Suppressions},
}

// Suppressions is a template of n/20 clients (at most 1,000) with n
// suppression comments in all, each client's findings among them: every
// finding is checked against the suppressions whose lines hold it, not
// against all of them.
func Suppressions(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Resources:\n")
	clients := min(max(n/20, 1), 1000)
	for i := range clients {
		fmt.Fprintf(&b, "  Client%d:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: !Ref Pool\n", i)
		for j := range n / clients {
			fmt.Fprintf(&b, "      # cognitolint:ignore redirect-uri-wildcard -- r%d\n", j)
		}
		fmt.Fprintf(&b, "      CallbackURLs: [http://app%d.example.com/cb]\n      AllowedOAuthFlows: [implicit]\n", i)
	}
	return b.Bytes()
}

// RelativeCallbacks is a payload whose n callback URLs are the same
// relative URL: a finding of two rules per URL (not absolute, a duplicate).
func RelativeCallbacks(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"ClientName": "web", "UserPoolId": "us-east-1_AbCd12345", "CallbackURLs": [`)
	for i := range n {
		sep(&b, i)
		b.WriteString(`"cb"`)
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// Clients is a template (format "yaml" or "json") or a .tf file ("tf") of
// n app clients, each with an http callback URL and the implicit grant
// (findings of several rules each), separated by a bucket.
func Clients(n int, format string) []byte {
	var b bytes.Buffer
	switch format {
	case "yaml":
		b.WriteString("Resources:\n")
		for i := range n {
			fmt.Fprintf(&b, "  Client%d:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: !Ref Pool\n      CallbackURLs:\n        - http://app%d.example.com/cb\n      AllowedOAuthFlows: [implicit]\n", i, i)
			fmt.Fprintf(&b, "  Bucket%d:\n    Type: AWS::S3::Bucket\n", i)
		}
	case "json":
		b.WriteString(`{"Resources": {`)
		for i := range n {
			sep(&b, i)
			fmt.Fprintf(&b, "\n  \"Client%d\": {\"Type\": \"AWS::Cognito::UserPoolClient\", \"Properties\": {\"UserPoolId\": {\"Ref\": \"Pool\"}, \"CallbackURLs\": [\"http://app%d.example.com/cb\"], \"AllowedOAuthFlows\": [\"implicit\"]}},", i, i)
			fmt.Fprintf(&b, "\n  \"Bucket%d\": {\"Type\": \"AWS::S3::Bucket\"}", i)
		}
		b.WriteString("\n}}\n")
	default:
		for i := range n {
			fmt.Fprintf(&b, "resource \"aws_cognito_user_pool_client\" \"c%d\" {\n  name                = \"c%d\"\n  user_pool_id        = aws_cognito_user_pool.pool.id\n  callback_urls       = [\"http://app%d.example.com/cb\"]\n  allowed_oauth_flows = [\"implicit\"]\n}\n\n", i, i, i)
			fmt.Fprintf(&b, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"b%d\"\n}\n\n", i, i)
		}
	}
	return b.Bytes()
}

// ExplicitAuthFlows is a Create payload whose ExplicitAuthFlows repeats
// n flows.
func ExplicitAuthFlows(n int) []byte {
	flows := []string{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_AUTH"}
	var b bytes.Buffer
	b.WriteString("{\n  \"ClientName\": \"web\",\n  \"UserPoolId\": \"us-east-1_AbCd12345\",\n  \"ExplicitAuthFlows\": [")
	for i := range n {
		sep(&b, i)
		fmt.Fprintf(&b, "\n    %q", flows[i%len(flows)])
	}
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

// Callbacks is a Create payload with n distinct callback URLs of the
// scheme ("http" gives a finding per URL).
func Callbacks(n int, scheme string) []byte {
	var b bytes.Buffer
	b.WriteString(`{
  "ClientName": "web",
  "UserPoolId": "us-east-1_AbCd12345",
  "AllowedOAuthFlows": ["code"],
  "AllowedOAuthFlowsUserPoolClient": true,
  "AllowedOAuthScopes": ["openid"],
  "SupportedIdentityProviders": ["COGNITO"],
  "CallbackURLs": [`)
	for i := range n {
		sep(&b, i)
		fmt.Fprintf(&b, "\n    \"%s://app%d.example.com/cb\"", scheme, i)
	}
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

// DuplicateCallbacks is a payload whose n callback URLs are ten URLs
// repeated.
func DuplicateCallbacks(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\"ClientName\": \"web\", \"UserPoolId\": \"us-east-1_AbCd12345\", \"CallbackURLs\": [")
	for i := range n {
		sep(&b, i)
		fmt.Fprintf(&b, "\n  \"https://app%d.example.com/cb\"", i%10)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// AnalyticsKeys is a payload whose AnalyticsConfiguration has n unknown
// keys (and one written twice).
func AnalyticsKeys(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\n  \"ClientName\": \"web\",\n  \"UserPoolId\": \"us-east-1_AbCd12345\",\n  \"AnalyticsConfiguration\": {")
	for i := range n {
		sep(&b, i)
		fmt.Fprintf(&b, "\n    \"Key%d\": \"v\"", i)
	}
	b.WriteString(",\n    \"Key0\": \"again\"\n  }\n}\n")
	return b.Bytes()
}

// OneLine is a minified payload (one line) with n http callback URLs: a
// finding per URL on the same long line.
func OneLine(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"ClientName":"wéb","UserPoolId":"us-east-1_AbCd12345","CallbackURLs":[`)
	for i := range n {
		sep(&b, i)
		fmt.Fprintf(&b, `"http://äpp%d.example.com/cb"`, i)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// YAMLAnalyticsKeys is a YAML payload whose AnalyticsConfiguration has n
// unknown keys.
func YAMLAnalyticsKeys(n int) []byte {
	var b bytes.Buffer
	b.WriteString("ClientName: web\nUserPoolId: us-east-1_AbCd12345\nAnalyticsConfiguration:\n")
	for i := range n {
		fmt.Fprintf(&b, "  Key%d: v\n", i)
	}
	return b.Bytes()
}

// CloudFormationYAML is a template whose client has n callback URLs, every
// other one a !Sub (unknown) and the rest http.
func CloudFormationYAML(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Resources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: !Ref Pool\n      CallbackURLs:\n")
	for i := range n {
		if i%2 == 1 {
			fmt.Fprintf(&b, "        - !Sub 'https://${Domain}/cb%d'\n", i)
		} else {
			fmt.Fprintf(&b, "        - http://app%d.example.com/cb\n", i)
		}
	}
	return b.Bytes()
}

// CloudFormationJSON is CloudFormationYAML in JSON.
func CloudFormationJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Pool"}, "CallbackURLs": [`)
	for i := range n {
		sep(&b, i)
		if i%2 == 1 {
			fmt.Fprintf(&b, "\n  {\"Fn::Sub\": \"https://${Domain}/cb%d\"}", i)
		} else {
			fmt.Fprintf(&b, "\n  \"http://app%d.example.com/cb\"", i)
		}
	}
	b.WriteString("\n]}}}}\n")
	return b.Bytes()
}

// Terraform is a .tf client whose n callback URLs are every other one an
// interpolation (unknown) and the rest http.
func Terraform(n int) []byte {
	var b bytes.Buffer
	b.WriteString("resource \"aws_cognito_user_pool_client\" \"web\" {\n  name         = \"web\"\n  user_pool_id = aws_cognito_user_pool.pool.id\n  callback_urls = [\n")
	for i := range n {
		if i%2 == 1 {
			fmt.Fprintf(&b, "    \"https://${var.domain}/cb%d\",\n", i)
		} else {
			fmt.Fprintf(&b, "    \"http://app%d.example.com/cb\",\n", i)
		}
	}
	b.WriteString("  ]\n}\n")
	return b.Bytes()
}

// Plan is a Terraform plan with one client of n http callback URLs and n
// other resources.
func Plan(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[`)
	for i := range n {
		fmt.Fprintf(&b, `{"address":"aws_s3_bucket.b%d","mode":"managed","type":"aws_s3_bucket","name":"b%d","values":{"bucket":"b%d"}},`, i, i, i)
	}
	b.WriteString(`{"address":"aws_cognito_user_pool_client.web","mode":"managed","type":"aws_cognito_user_pool_client","name":"web","values":{"name":"web","user_pool_id":"us-east-1_AbCd12345","callback_urls":[`)
	for i := range n {
		sep(&b, i)
		b.WriteString(strconv.Quote(fmt.Sprintf("http://app%d.example.com/cb", i)))
	}
	b.WriteString(`]}}]}}}`)
	return b.Bytes()
}

func sep(b *bytes.Buffer, i int) {
	if i > 0 {
		b.WriteByte(',')
	}
}
