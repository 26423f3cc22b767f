package validate_test

import (
	"context"
	"fmt"

	"github.com/cognitolint/cognitolint/validate"
)

// Lint a payload from bytes: findings carry file positions.
func ExampleLinter_Lint() {
	linter, err := validate.New(validate.Options{NoBaseline: true, Disable: []string{"update-omitted-fields-reset"}})
	if err != nil {
		panic(err)
	}
	payload := []byte(`{
  "UserPoolId": "us-east-1_AbCd12345",
  "ClientId": "4example5client6id7",
  "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"],
  "CallbackURLs": ["http://app.example.com/cb"]
}`)
	report, err := linter.Lint(context.Background(), "payload.json", payload)
	if err != nil {
		panic(err)
	}
	for _, f := range report.Findings {
		fmt.Printf("%s:%d:%d: %s [%s]\n", f.File, f.Line, f.Column, f.Message, f.Rule)
	}
	// Output:
	// payload.json:5:20: CallbackURLs[0] "http://app.example.com/cb" must use https: AWS accepts http only for localhost, 127.0.0.1 and [::1] [redirect-uri-https]
}

// Lint the very request a Go program is about to send.
func ExampleLinter_LintRequest() {
	linter, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		panic(err)
	}
	name, pool := "web", "us-east-1_AbCd12345"
	flag := true
	req := &validate.Request{
		UserPoolId: &pool, ClientName: &name,
		AllowedOAuthFlowsUserPoolClient: &flag,
		AllowedOAuthFlows:               []string{"code"},
		AllowedOAuthScopes:              []string{"openid", "Cognito"},
		CallbackURLs:                    []string{"https://app.example.com/cb"},
	}
	report, err := linter.LintRequest(context.Background(), req, validate.OpCreate)
	if err != nil {
		panic(err)
	}
	for _, f := range report.Findings {
		fmt.Printf("%s %s: %s\n", f.Severity, f.Path, f.Hint)
	}
	// Output:
	// error AllowedOAuthScopes[1]: did you mean "aws.cognito.signin.user.admin"?
}
