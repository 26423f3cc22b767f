package validate_test

import (
	"context"
	"fmt"
	"strings"
	"testing/fstest"

	"github.com/cognitolint/cognitolint/fix"
	"github.com/cognitolint/cognitolint/validate"
)

// Lint files and directories, as the command line does: a directory is
// walked for the files cognitolint reads.
func ExampleLinter_LintPaths() {
	linter, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		panic(err)
	}
	report, err := linter.LintPaths(context.Background(), []string{"../testdata/update/http-callback.json"}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d file, %d document, %d error, fails: %v\n", report.Files, report.Documents, report.Count(validate.Error), report.Fails(validate.Error))
	// Output:
	// 1 file, 1 document, 1 error, fails: true
}

// Lint many files with flat memory: each file's report is handed over as
// soon as it is linted, in file name order.
func ExampleLinter_LintPathsFunc() {
	linter, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		panic(err)
	}
	total, err := linter.LintPathsFunc(context.Background(), []string{"../testdata/update"}, nil, func(r *validate.Report) error {
		for _, f := range r.Findings {
			fmt.Printf("%s:%d [%s]\n", f.File, f.Line, f.Rule)
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d files\n", total.Files)
	// Output:
	// ../testdata/update/http-callback.json:1 [update-omitted-fields-reset]
	// ../testdata/update/http-callback.json:7 [redirect-uri-https]
	// 1 files
}

// Lint files an embedding program holds in memory (or in an embed.FS, a
// zip, a git tree): any fs.FS.
func ExampleLinter_LintFS() {
	linter, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		panic(err)
	}
	fsys := fstest.MapFS{
		"clients/web.json": {Data: []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web",
  "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"],
  "CallbackURLs": ["https://app.example.com/cb#done"]}`)},
		"clients/README.md": {Data: []byte("not read")},
	}
	report, err := linter.LintFS(context.Background(), fsys, "clients")
	if err != nil {
		panic(err)
	}
	for _, f := range report.Findings {
		fmt.Printf("%s:%d:%d [%s]\n", f.File, f.Line, f.Column, f.Rule)
	}
	fmt.Printf("%d skipped\n", report.Skipped)
	// Output:
	// clients/web.json:3:20 [redirect-uri-no-fragment]
	// 1 skipped
}

// Organization policies as source text, with their data in memory: no
// files needed.
func ExampleOptions_policyModules() {
	linter, err := validate.New(validate.Options{
		NoBaseline: true,
		PolicyModules: map[string]string{"org/callbacks.rego": `package org.callbacks

# METADATA
# custom:
#   id: org-callback-domain
deny contains {"msg": sprintf("callback %s is not on an approved domain", [url]), "path": sprintf("CallbackURLs[%d]", [i])} if {
	some i, url in input.CallbackURLs
	not endswith(split(url, "/")[2], data.org.domain)
}
`},
		Data: map[string]any{"org": map[string]any{"domain": "acme-corp.io"}},
	})
	if err != nil {
		panic(err)
	}
	report, err := linter.Lint(context.Background(), "c.json", []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web",
  "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"],
  "CallbackURLs": ["https://app.acme-corp.io/cb", "https://app.example.net/cb"]}`))
	if err != nil {
		panic(err)
	}
	for _, f := range report.Findings {
		fmt.Printf("%s:%d:%d %s [%s]\n", f.File, f.Line, f.Column, f.Message, f.Rule)
	}
	// Output:
	// c.json:3:51 callback https://app.example.net/cb is not on an approved domain [org-callback-domain]
}

// Give the current client as context (what describe-user-pool-client
// printed, parsed once): the reset warning then lists only what really
// changes.
func ExampleParseContextFile() {
	var current validate.Context
	describe := []byte(`{"UserPoolClient": {"UserPoolId": "us-east-1_AbCd12345", "ClientId": "4example5client6id7",
  "ClientName": "web", "CallbackURLs": ["https://app.example.com/cb"], "AllowedOAuthFlows": ["code"],
  "AllowedOAuthScopes": ["openid"], "AllowedOAuthFlowsUserPoolClient": true}}`)
	if err := validate.ParseContextFile(&current, validate.ContextCurrent, "describe.json", describe); err != nil {
		panic(err)
	}
	linter, err := validate.New(validate.Options{NoBaseline: true, Context: &current})
	if err != nil {
		panic(err)
	}
	report, err := linter.Lint(context.Background(), "update.json", []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientId": "4example5client6id7",
  "ClientName": "web", "CallbackURLs": ["https://app.example.com/cb"]}`))
	if err != nil {
		panic(err)
	}
	for _, f := range report.Findings {
		fmt.Printf("[%s] %s\n", f.Rule, strings.SplitN(f.Message, ":", 2)[0])
	}
	// Output:
	// [update-omitted-fields-reset] this update omits 3 members whose current value AWS resets
	// [oauth-settings-require-flag] CallbackURLs is set while AllowedOAuthFlowsUserPoolClient is absent
}

// Fix a partial update: fix.File applies the fixes the findings carry and
// lints the result again.
func ExampleLinter_fix() {
	linter, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		panic(err)
	}
	src := []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web",
  "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["email"],
  "CallbackUrls": ["https://app.example.com/cb"]}`)
	res, err := fix.File(context.Background(), linter, "create.json", src)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(res.Fixed))
	// Output:
	// {"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web",
	//   "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["email", "openid"],
	//   "CallbackURLs": ["https://app.example.com/cb"]}
}
