package input

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/cognitolint/cognitolint/rules"
)

// benchClientYAML is the app client of the benchmark templates.
const benchClientYAML = `  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      ClientName: web
      GenerateSecret: false
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid, email, profile]
      CallbackURLs:
        - !Sub "https://${Domain}/callback"
        - https://app.example.com/callback
      LogoutURLs: [https://app.example.com/logout]
      DefaultRedirectURI: https://app.example.com/callback
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      SupportedIdentityProviders: [COGNITO]
      PreventUserExistenceErrors: ENABLED
      EnableTokenRevocation: true
      AccessTokenValidity: 60
      IdTokenValidity: 60
      RefreshTokenValidity: 30
      TokenValidityUnits:
        AccessToken: minutes
        IdToken: minutes
        RefreshToken: days
`

// benchTemplateYAML is a template of about lines lines: one app client
// among Lambda functions, queues and tables.
func benchTemplateYAML(lines int) []byte {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Domain:\n    Type: String\nResources:\n")
	b.WriteString("  UserPool:\n    Type: AWS::Cognito::UserPool\n")
	b.WriteString(benchClientYAML)
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, `  Function%d:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub "${AWS::StackName}-fn-%d"
      Runtime: python3.12
      Handler: index.handler
      MemorySize: 256
      Timeout: 30
      Role: !GetAtt FunctionRole.Arn
      Environment:
        Variables:
          TABLE: !Ref Table%d
          QUEUE_URL: !GetAtt [Queue%d, QueueUrl]
      Code:
        ZipFile: |
          def handler(event, context):
              return {"statusCode": 200, "body": "ok %d"}
`, i, i, i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkReadCloudFormationYAML(b *testing.B) {
	src := benchTemplateYAML(2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res := Read("template.yaml", src, Options{})
		if len(res.Docs) != 1 {
			b.Fatal(len(res.Docs), res.Findings)
		}
	}
}

func BenchmarkCheckClient(b *testing.B) {
	src := []byte("Resources:\n" + benchClientYAML)
	res := Read("template.yaml", src, Options{})
	b.ReportAllocs()
	for b.Loop() {
		rules.Check(res.Docs[0], rules.Options{})
	}
}

func BenchmarkLintClient(b *testing.B) {
	src := []byte("Resources:\n" + benchClientYAML)
	b.ReportAllocs()
	for b.Loop() {
		res := Read("template.yaml", src, Options{})
		rules.Check(res.Docs[0], rules.Options{})
	}
}

// benchTemplateJSON is benchTemplateYAML as CDK writes it: JSON with
// one-space indentation.
func benchTemplateJSON(b testing.TB, lines int) []byte {
	var v any
	if err := yaml.Unmarshal(benchTemplateYAML(lines*5/7), &v); err != nil {
		b.Fatal(err)
	}
	out, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func BenchmarkReadCloudFormationJSON(b *testing.B) {
	src := benchTemplateJSON(b, 2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if res := Read("template.json", src, Options{}); len(res.Docs) != 1 {
			b.Fatal(len(res.Docs), res.Findings)
		}
	}
}

// benchPlan is a plan of one app client among n other resources, on one
// line as terraform show -json writes it.
func benchPlan(n int) []byte {
	var rs, rc []string
	for i := 0; i < n; i++ {
		rs = append(rs, fmt.Sprintf(`{"address":"aws_lambda_function.f%d","mode":"managed","type":"aws_lambda_function","name":"f%d","values":{"function_name":"fn-%d","runtime":"python3.12","memory_size":256,"timeout":30,"environment":[{"variables":{"TABLE":"t%d"}}]},"sensitive_values":{}}`, i, i, i, i))
		rc = append(rc, fmt.Sprintf(`{"address":"aws_lambda_function.f%d","mode":"managed","type":"aws_lambda_function","name":"f%d","change":{"actions":["create"],"before":null,"after":{"function_name":"fn-%d"},"after_unknown":{"arn":true,"id":true}}}`, i, i, i))
	}
	rs = append(rs, `{"address":"aws_cognito_user_pool_client.web","mode":"managed","type":"aws_cognito_user_pool_client","name":"web","values":{"name":"web","allowed_oauth_flows":["code"],"allowed_oauth_flows_user_pool_client":true,"allowed_oauth_scopes":["openid","email"],"callback_urls":[null,"https://app.example.com/cb"],"default_redirect_uri":"https://app.example.com/cb","explicit_auth_flows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"prevent_user_existence_errors":"ENABLED","token_validity_units":[{"access_token":"minutes","id_token":"minutes","refresh_token":"days"}],"access_token_validity":60,"id_token_validity":60,"refresh_token_validity":30}}`)
	rc = append(rc, `{"address":"aws_cognito_user_pool_client.web","change":{"actions":["create"],"after_unknown":{"callback_urls":[true,false],"user_pool_id":true,"id":true,"client_secret":true}}}`)
	return []byte(`{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[` +
		strings.Join(rs, ",") + `]}},"resource_changes":[` + strings.Join(rc, ",") + "]}\n")
}

func BenchmarkReadPlan(b *testing.B) {
	src := benchPlan(250) // about as much as a 2,000-line template
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if res := Read("plan.json", src, Options{}); len(res.Docs) != 1 {
			b.Fatal(len(res.Docs), res.Findings)
		}
	}
}

// benchHCL is a configuration of about lines lines: one app client among
// Lambda functions.
func benchHCL(lines int) []byte {
	var b strings.Builder
	b.WriteString(`resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  callback_urls                        = ["https://${var.domain}/callback", "https://app.example.com/callback"]
  default_redirect_uri                 = "https://app.example.com/callback"
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  access_token_validity                = 60
  id_token_validity                    = 60
  refresh_token_validity               = 30
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}
`)
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, `
resource "aws_lambda_function" "f%d" {
  function_name = "${var.prefix}-fn-%d"
  runtime       = "python3.12"
  handler       = "index.handler"
  memory_size   = 256
  timeout       = 30
  role          = aws_iam_role.fn.arn
  environment {
    variables = {
      TABLE = aws_dynamodb_table.t%d.name
    }
  }
}
`, i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkReadHCL(b *testing.B) {
	src := benchHCL(2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if res := Read("main.tf", src, Options{}); len(res.Docs) != 1 {
			b.Fatal(len(res.Docs), res.Findings)
		}
	}
}

// BenchmarkLintClientHCL: reading and checking the client of
// BenchmarkReadHCL alone, the yardstick for reading the whole file.
func BenchmarkLintClientHCL(b *testing.B) {
	src := benchHCL(1)
	b.ReportAllocs()
	for b.Loop() {
		res := Read("main.tf", src, Options{})
		rules.Check(res.Docs[0], rules.Options{})
	}
}
