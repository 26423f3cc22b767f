package validate

import (
	"context"

	"github.com/cognitolint/cognitolint/finding"
)

// The policy layer (Rego, issue #3) plugs in here: these return nothing
// until policies are wired in.

func (l *Linter) policyRules() []Rule { return nil }

func (l *Linter) evalPolicies(ctx context.Context, doc *finding.Document) ([]Finding, error) {
	return nil, nil
}

func (l *Linter) evalRequestPolicies(ctx context.Context, req *Request, op string) ([]Finding, error) {
	return nil, nil
}
