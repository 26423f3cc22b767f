package rules

import (
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// OAuth flows and scopes.

func init() {
	register(
		&Rule{
			ID: "oauth-callback-required", Severity: finding.Error, Context: ContextPayload,
			Summary:   "code or implicit in AllowedOAuthFlows needs a non-empty CallbackURLs",
			Doc:       "AWS: `InvalidOAuthFlowException: CallbackUrls can not be empty when code flow or implicit flow is selected`.",
			Reference: refGrants,
			Check: func(p *Pass) {
				if len(p.Req.CallbackURLs) > 0 || p.Unknown("CallbackURLs") {
					return
				}
				for f := range p.known("AllowedOAuthFlows", p.Req.AllowedOAuthFlows) {
					if f.value == "code" || f.value == "implicit" {
						p.Report(f.path(), "add the app's redirect URLs to CallbackURLs",
							"%s %s needs CallbackURLs, which is empty: AWS rejects it (\"CallbackUrls can not be empty when code flow or implicit flow is selected\")", f.path(), quote(f.value))
						return
					}
				}
			},
		},
		&Rule{
			ID: "oauth-flows-scopes-required", Severity: finding.Error, Context: ContextPayload,
			Summary:   "AllowedOAuthFlowsUserPoolClient: true needs AllowedOAuthFlows and AllowedOAuthScopes",
			Doc:       "AWS: `InvalidParameterException: AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.`",
			Reference: refUpdate,
			Check: func(p *Pass) {
				if !model.True(p.Req.AllowedOAuthFlowsUserPoolClient) {
					return
				}
				for _, m := range []struct {
					name string
					list []string
					hint string
				}{
					{"AllowedOAuthFlows", p.Req.AllowedOAuthFlows, `add "AllowedOAuthFlows": ["code"]`},
					{"AllowedOAuthScopes", p.Req.AllowedOAuthScopes, `add "AllowedOAuthScopes": ["openid"]`},
				} {
					if len(m.list) == 0 && !p.Unknown(m.name) {
						p.Report("AllowedOAuthFlowsUserPoolClient", m.hint,
							"AllowedOAuthFlowsUserPoolClient is true but %s is empty: AWS rejects it (\"AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.\")", m.name)
					}
				}
			},
		},
		&Rule{
			ID: "oauth-settings-require-flag", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "OAuth flows, scopes or URLs set while AllowedOAuthFlowsUserPoolClient is false or absent",
			Doc:       "AWS's model: AllowedOAuthFlowsUserPoolClient \"must have a value of true before you can configure\" callback URLs, logout URLs, scopes and flows. With the flag false or absent these settings have no effect.",
			Reference: refUpdate,
			Check: func(p *Pass) {
				if model.True(p.Req.AllowedOAuthFlowsUserPoolClient) || p.Unknown("AllowedOAuthFlowsUserPoolClient") {
					return
				}
				var set []string
				for _, m := range []struct {
					name string
					n    int
				}{
					{"AllowedOAuthFlows", len(p.Req.AllowedOAuthFlows)},
					{"AllowedOAuthScopes", len(p.Req.AllowedOAuthScopes)},
					{"CallbackURLs", len(p.Req.CallbackURLs)},
					{"LogoutURLs", len(p.Req.LogoutURLs)},
				} {
					if m.n > 0 {
						set = append(set, m.name)
					}
				}
				if p.Req.DefaultRedirectURI != nil {
					set = append(set, "DefaultRedirectURI")
				}
				if len(set) == 0 {
					return
				}
				state := "absent"
				path := set[0]
				if p.Req.AllowedOAuthFlowsUserPoolClient != nil {
					state, path = "false", "AllowedOAuthFlowsUserPoolClient"
				}
				p.Report(path, `set "AllowedOAuthFlowsUserPoolClient": true, or remove the OAuth settings`,
					"%s %s set while AllowedOAuthFlowsUserPoolClient is %s: they have no effect", strings.Join(set, ", "), isAre(len(set)), state)
			},
		},
		&Rule{
			ID: "client-credentials-exclusive", Severity: finding.Error, Context: ContextPayload,
			Summary:   "client_credentials is not combined with code or implicit",
			Doc:       "AWS: `InvalidOAuthFlowException: client_credentials flow can not be selected along with code flow or implicit flow.` Machine-to-machine clients need an app client of their own.",
			Reference: refGrants,
			Check: func(p *Pass) {
				if !contains(p.Req.AllowedOAuthFlows, "client_credentials") {
					return
				}
				for f := range p.known("AllowedOAuthFlows", p.Req.AllowedOAuthFlows) {
					if f.value == "code" || f.value == "implicit" {
						p.Report(f.path(), "use a separate app client for client_credentials",
							"%s %s cannot be combined with client_credentials: AWS rejects it", f.path(), quote(f.value))
					}
				}
			},
		},
		&Rule{
			ID: "client-credentials-custom-scopes-only", Severity: finding.Error, Context: ContextPayload,
			Summary:   "with client_credentials every scope is a resource-server scope",
			Doc:       "The client credentials grant \"authorizes only custom scopes\": AWS answers `InvalidOAuthFlowException: openid is not supported with client_credentials flow` for `openid`, `email`, `phone`, `profile` and `aws.cognito.signin.user.admin`.",
			Reference: refResourceSrv,
			Check: func(p *Pass) {
				if !contains(p.Req.AllowedOAuthFlows, "client_credentials") {
					return
				}
				for s := range p.known("AllowedOAuthScopes", p.Req.AllowedOAuthScopes) {
					if contains(model.BuiltinScopes, s.value) {
						p.Report(s.path(), `use a resource-server scope "<identifier>/<name>"`,
							"%s %s is not supported with client_credentials: AWS rejects it (\"%s is not supported with client_credentials flow\")", s.path(), quote(s.value), s.value)
					}
				}
			},
		},
		&Rule{
			ID: "oauth-scope-exists", Severity: finding.Error, Context: ContextPayload,
			Summary:   "each scope is a built-in scope or <resource-server>/<scope>",
			Doc:       "The built-in scopes are `phone`, `email`, `openid`, `profile` and `aws.cognito.signin.user.admin`, case-sensitive; anything else must be a resource-server scope `<identifier>/<name>`. AWS: `ScopeDoesNotExistException: Invalid scope requested: Cognito`. Without pool context, resource-server scopes are not checked for existence; with `--resource-servers` (list-resource-servers output) each must be a scope of one of the pool's resource servers.",
			Reference: refResourceSrv,
			Check: func(p *Pass) {
				for s := range p.known("AllowedOAuthScopes", p.Req.AllowedOAuthScopes) {
					if s.value == "" || contains(model.BuiltinScopes, s.value) {
						continue
					}
					if i := strings.IndexByte(s.value, '/'); i >= 0 {
						if i == 0 || i == len(s.value)-1 {
							p.Report(s.path(), `write "<resource-server-identifier>/<scope-name>"`,
								"%s %s is not a valid resource-server scope: the identifier or the scope name is empty", s.path(), quote(s.value))
						} else {
							p.checkScopeExists(s)
						}
						continue
					}
					hint := `custom scopes are written "<resource-server-identifier>/` + s.value + `"`
					if n := scopeSuggestion(s.value); n != "" {
						hint = `did you mean "` + n + `"?`
					}
					p.Report(s.path(), hint, "%s %s does not exist: AWS rejects it (\"Invalid scope requested: %s\")", s.path(), quote(s.value), s.value)
				}
			},
		},
		&Rule{
			ID: "oidc-scopes-need-openid", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "email, phone or profile without openid are not honoured",
			Doc:       "`email`, `phone` and `profile` \"can only be requested with the openid scope\" (developer guide); without `openid` the ID token and userInfo do not carry them.",
			Reference: refClientApps,
			Check: func(p *Pass) {
				if contains(p.Req.AllowedOAuthScopes, "openid") || p.Unknown("AllowedOAuthScopes") {
					return
				}
				fixed := false
				for s := range p.known("AllowedOAuthScopes", p.Req.AllowedOAuthScopes) {
					if s.value == "email" || s.value == "phone" || s.value == "profile" {
						p.Report(s.path(), `add "openid" to AllowedOAuthScopes`, "%s %s is only honoured together with the openid scope, which is missing", s.path(), quote(s.value))
						// One fix for the list, on its first finding: the
						// others go with it.
						if list, _ := p.Doc.Lookup("AllowedOAuthScopes"); !fixed && editable(p.Doc, list) {
							if e, ok := appendItem(p.Doc.Source.Text, list, "openid"); ok {
								p.fix(`add "openid" to AllowedOAuthScopes`, e)
								fixed = true
							}
						}
					}
				}
			},
		},
		&Rule{
			ID: "supported-idp-exists", Severity: finding.Error, Context: ContextPayload,
			Summary:   "built-in identity provider names are spelled exactly",
			Doc:       "The built-in providers are `COGNITO`, `Facebook`, `Google`, `LoginWithAmazon` and `SignInWithApple`, case-sensitive. AWS: `InvalidParameterException: The provider google does not exist for User Pool …`. Other names are IdPs of the pool and are checked only with pool context: with `--identity-providers` (list-identity-providers output) every name but `COGNITO` must be a provider of the pool (the social providers too, which must be configured before a client can use them).",
			Reference: refUpdate,
			Check: func(p *Pass) {
				for s := range p.known("SupportedIdentityProviders", p.Req.SupportedIdentityProviders) {
					p.checkProviderExists(s)
					if contains(model.BuiltinProviders, s.value) {
						continue
					}
					for _, b := range model.BuiltinProviders {
						if strings.EqualFold(b, s.value) {
							p.Report(s.path(), `did you mean "`+b+`"?`, "%s %s is not a provider name: the built-in provider is spelled %q", s.path(), quote(s.value), b)
						}
					}
				}
			},
		},
	)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// scopeSuggestion returns the built-in scope a bare word most likely means.
func scopeSuggestion(s string) string {
	l := strings.ToLower(s)
	if strings.Contains(l, "cognito") || strings.Contains(l, "admin") {
		return "aws.cognito.signin.user.admin"
	}
	return nearest(s, model.BuiltinScopes, 2)
}
