package validate_test

import (
	"context"
	"fmt"

	"github.com/cognitolint/cognitolint/validate"
)

// Suppressing a rule's findings in some files: they move to
// Report.Suppressed with the reason instead of failing the run.
func ExampleIgnore() {
	linter, err := validate.New(validate.Options{
		NoBaseline: true,
		Ignore: []validate.Ignore{{
			Rule:   "model-unknown-member",
			Paths:  []string{"clients/dev/*.json"},
			Reason: "copied from describe-user-pool-client; the deploy script strips it",
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	payload := []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web", "CreationDate": 1700000000}`)
	for _, file := range []string{"clients/dev/web.json", "clients/prod/web.json"} {
		rep, err := linter.Lint(context.Background(), file, payload)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %d findings, %d suppressed, fails: %v\n", file, len(rep.Findings), len(rep.Suppressed), rep.Fails(validate.Error))
	}
	// Output:
	// clients/dev/web.json: 0 findings, 1 suppressed, fails: false
	// clients/prod/web.json: 1 findings, 0 suppressed, fails: true
}
