// Command cognitolint lints Amazon Cognito user pool app client
// configurations: API payloads, CloudFormation templates and Terraform.
package main

import (
	"os"

	"github.com/cognitolint/cognitolint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
