package rules

import (
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// ExplicitAuthFlows: legacy names, ALLOW_ names, the refresh flow and
// refresh token rotation.

// allowFor maps each legacy flow name to its ALLOW_ replacement.
var allowFor = map[string]string{
	"ADMIN_NO_SRP_AUTH":     "ALLOW_ADMIN_USER_PASSWORD_AUTH",
	"CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
	"USER_PASSWORD_AUTH":    "ALLOW_USER_PASSWORD_AUTH",
}

func rotationEnabled(r *model.Request) bool {
	return r.RefreshTokenRotation != nil && model.Str(r.RefreshTokenRotation.Feature) == "ENABLED"
}

func init() {
	register(
		&Rule{
			ID: "explicit-auth-flows-no-legacy-mix", Severity: finding.Error, Context: ContextPayload,
			Summary:   "legacy auth flow names are not combined with ALLOW_* values",
			Doc:       "AWS's model: \"You can't assign these legacy ExplicitAuthFlows values to user pool clients at the same time as values that begin with ALLOW_\" (`ADMIN_NO_SRP_AUTH`, `CUSTOM_AUTH_FLOW_ONLY`, `USER_PASSWORD_AUTH`).",
			Reference: refUpdate,
			Check: func(p *Pass) {
				flows := p.known("ExplicitAuthFlows", p.Req.ExplicitAuthFlows)
				var allow string
				for f := range flows {
					if strings.HasPrefix(f.value, "ALLOW_") {
						allow = f.value
						break
					}
				}
				if allow == "" {
					return
				}
				list, _ := p.Doc.Lookup("ExplicitAuthFlows")
				fixable := p.legacyRenameValid()
				for f := range flows {
					if repl, ok := allowFor[f.value]; ok {
						p.Report(f.path(), `use "`+repl+`"`, "%s is the legacy name %s, which AWS rejects together with ALLOW_ values such as %s", f.path(), quote(f.value), allow)
						if fixable && list != nil && f.i < len(list.Items) && editable(p.Doc, list.Items[f.i]) {
							p.fix("rename "+f.value+" to "+repl, replaceString(list.Items[f.i], repl))
						}
					}
				}
			},
		},
		&Rule{
			ID: "explicit-auth-flows-refresh-required", Severity: finding.Error, Context: ContextPayload,
			Summary:   "an ALLOW_* list contains ALLOW_REFRESH_TOKEN_AUTH unless refresh token rotation is enabled",
			Doc:       "AWS rejects an `ALLOW_*` list without `ALLOW_REFRESH_TOKEN_AUTH`: `InvalidParameterException: REFRESH_TOKEN_AUTH should always be allowed.` (aws/aws-cdk#7625). With `RefreshTokenRotation.Feature: ENABLED` the refresh flow is replaced by GetTokensFromRefreshToken, so the rule does not apply. A list of only `ALLOW_CLIENT_TOKEN_AUTH` is exempt (it must stand alone).",
			Reference: refRefreshToken,
			Check: func(p *Pass) {
				flows := p.Req.ExplicitAuthFlows
				if len(flows) == 0 || p.Unknown("ExplicitAuthFlows", "RefreshTokenRotation") || rotationEnabled(p.Req) {
					return
				}
				hasAllow := false
				for _, f := range flows {
					if strings.HasPrefix(f, "ALLOW_") && f != "ALLOW_CLIENT_TOKEN_AUTH" {
						hasAllow = true
					}
				}
				if !hasAllow || contains(flows, "ALLOW_REFRESH_TOKEN_AUTH") {
					return
				}
				p.Report("ExplicitAuthFlows", `add "ALLOW_REFRESH_TOKEN_AUTH"`,
					"ExplicitAuthFlows [%s] lacks ALLOW_REFRESH_TOKEN_AUTH: AWS rejects it (\"REFRESH_TOKEN_AUTH should always be allowed.\")", strings.Join(flows, ", "))
				if list, _ := p.Doc.Lookup("ExplicitAuthFlows"); editable(p.Doc, list) {
					if e, ok := appendItem(p.Doc.Source.Text, list, "ALLOW_REFRESH_TOKEN_AUTH"); ok {
						p.fix("add ALLOW_REFRESH_TOKEN_AUTH to ExplicitAuthFlows", e)
					}
				}
			},
		},
		&Rule{
			ID: "client-token-auth-exclusive", Severity: finding.Error, Context: ContextPayload,
			Summary:   "ALLOW_CLIENT_TOKEN_AUTH is the only flow",
			Doc:       "The developer guide (GetClientToken) says an app client with `ALLOW_CLIENT_TOKEN_AUTH` can have no other explicit auth flow.",
			Reference: refResourceSrv + "#get-client-token",
			Check: func(p *Pass) {
				if !contains(p.Req.ExplicitAuthFlows, "ALLOW_CLIENT_TOKEN_AUTH") {
					return
				}
				for f := range p.known("ExplicitAuthFlows", p.Req.ExplicitAuthFlows) {
					if f.value != "ALLOW_CLIENT_TOKEN_AUTH" {
						p.Report(f.path(), "remove it, or use a separate app client for "+f.value,
							"%s %s is combined with ALLOW_CLIENT_TOKEN_AUTH, which must be the only flow", f.path(), quote(f.value))
					}
				}
			},
		},
		&Rule{
			ID: "rotation-vs-refresh-token-auth", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "refresh token rotation ENABLED together with ALLOW_REFRESH_TOKEN_AUTH",
			Doc:       "\"You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation enabled\" (developer guide): with rotation the flow is dead weight, and one project reports AWS rejects the combination.",
			Reference: refRefreshToken,
			Check: func(p *Pass) {
				if !rotationEnabled(p.Req) {
					return
				}
				for f := range p.known("ExplicitAuthFlows", p.Req.ExplicitAuthFlows) {
					if f.value == "ALLOW_REFRESH_TOKEN_AUTH" {
						p.Report(f.path(), "remove ALLOW_REFRESH_TOKEN_AUTH; clients refresh with GetTokensFromRefreshToken",
							"%s ALLOW_REFRESH_TOKEN_AUTH does not work while RefreshTokenRotation.Feature is ENABLED", f.path())
					}
				}
			},
		},
	)
}

// legacyRenameValid reports whether renaming every legacy flow of the
// list to its ALLOW_ name leaves a list the other flow rules accept: no
// value twice (USER_PASSWORD_AUTH beside ALLOW_USER_PASSWORD_AUTH) and no
// ALLOW_CLIENT_TOKEN_AUTH, which must stand alone. Otherwise the rename
// is not offered: the right list is then the user's choice.
func (p *Pass) legacyRenameValid() bool {
	if p.Unknown("ExplicitAuthFlows") {
		return false
	}
	seen := map[string]bool{}
	for _, f := range p.Req.ExplicitAuthFlows {
		if repl, ok := allowFor[f]; ok {
			f = repl
		}
		if seen[f] || f == "ALLOW_CLIENT_TOKEN_AUTH" {
			return false
		}
		seen[f] = true
	}
	return true
}
