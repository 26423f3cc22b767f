package rules

import (
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// UpdateUserPoolClient replaces the whole configuration: "If you don't
// provide a value for an attribute, Amazon Cognito sets it to its default
// value." (model). cognito-constraints.md §(e) lists what each member
// becomes; ClientName is kept.

func init() {
	register(&Rule{
		ID: "update-omitted-fields-reset", Severity: finding.Warning, Context: ContextPayload,
		Operations: []string{model.OpUpdate},
		Summary:    "an Update payload omits members, which AWS then resets to their defaults",
		Doc:        "UpdateUserPoolClient is not a patch: every member the request omits is reset to its default (callback URLs, OAuth flows and scopes and identity providers removed, token lifetimes back to 1 hour / 30 days, PreventUserExistenceErrors back to LEGACY, …). Start an update from `aws cognito-idp describe-user-pool-client` output and change only what you mean to. ClientName is kept and not listed.",
		Reference:  refUpdating,
		Check: func(p *Pass) {
			var omitted []string
			for _, r := range model.UpdateResets {
				if present(p.Req, r.Member) || p.Unknown(r.Member) || p.Doc.Root.Get(r.Member) != nil {
					continue
				}
				omitted = append(omitted, r.Member+" → "+r.Value)
			}
			if len(omitted) == 0 {
				return
			}
			p.Report("", "start from `aws cognito-idp describe-user-pool-client` output (without ClientSecret, CreationDate, LastModifiedDate) and keep every member",
				"this update omits %d %s, which AWS resets: %s", len(omitted), memberWord(len(omitted)), strings.Join(omitted, "; "))
		},
	})
}

func memberWord(n int) string {
	if n == 1 {
		return "member"
	}
	return "members"
}
