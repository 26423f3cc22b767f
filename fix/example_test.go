package fix_test

import (
	"context"
	"fmt"
	"log"

	"github.com/cognitolint/cognitolint/fix"
	"github.com/cognitolint/cognitolint/validate"
)

// File applies every fix of a payload's findings and lints the result
// again; Diff shows the change.
func ExampleFile() {
	linter, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		log.Fatal(err)
	}
	src := []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web", "CallbackUrls": ["https://app.example.com/cb"]}
`)
	res, err := fix.File(context.Background(), linter, "create.json", src)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range res.Applied {
		fmt.Println("fixed:", f.Description)
	}
	fmt.Print(fix.Diff("create.json", src, res.Fixed, nil))
	for _, f := range res.Report.Findings {
		fmt.Println("left:", f.Rule)
	}
	// Output:
	// fixed: rename "CallbackUrls" to "CallbackURLs"
	// --- a/create.json
	// +++ b/create.json
	// @@ -1 +1 @@
	// -{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web", "CallbackUrls": ["https://app.example.com/cb"]}
	// +{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web", "CallbackURLs": ["https://app.example.com/cb"]}
	// left: oauth-settings-require-flag
}
