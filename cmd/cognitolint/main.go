// Command cognitolint lints Amazon Cognito user pool app client
// configurations: API payloads, CloudFormation templates and Terraform.
package main

import (
	"os"

	"github.com/cognitolint/cognitolint/internal/cli"
	"github.com/cognitolint/cognitolint/internal/gctune"
)

func main() {
	// Collect garbage less often while the live heap is small (many small
	// files), unless GOGC is set: see package gctune.
	gctune.Start(gctune.Default)
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
