package input

import (
	"fmt"
	"strings"
	"testing"

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
